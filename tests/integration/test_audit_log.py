"""The revisionslog (SPEC 7.6): case workers' reads and writes are recorded; administrators
extract their own municipality's entries, within 30 days and the last 6 months, as CSV and JSON
with Danish headings; the extraction is itself audited."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest

from sandbox.domain.errors import RoleNotAllowed, RuleRefused
from sandbox.domain.model import Actor, Role
from sandbox.service.audit import AuditJournal, record_read, record_write
from sandbox.service.commands import ChooseGp, ExtractAuditLog
from sandbox.service.handlers.audit_log import COLUMNS, AuditExtract
from tests.builders import (
    COPENHAGEN,
    THISTED,
    TestWorld,
    add_citizen,
    add_practice,
    address,
    make_world,
    offset,
)

CPR = "0505801234"
CPR_CPH = "0606701234"
WORKER = Actor(Role.CASE_WORKER, "sb-0787-01", "0787")
OTHER_WORKER = Actor(Role.CASE_WORKER, "sb-0787-02", "0787")
CPH_WORKER = Actor(Role.CASE_WORKER, "sb-0101-01", "0101")
ADMIN = Actor(Role.MUNICIPAL_ADMIN, "adm-0787", "0787")


def _world() -> TestWorld:
    world = make_world(start=date(2025, 10, 15))
    add_practice(world, "100001", offset(THISTED, north_km=2))
    add_practice(world, "200001", offset(COPENHAGEN, east_km=1), municipality="0101")
    add_citizen(world, CPR)
    home = address("Nørregade", "1", COPENHAGEN, "1165", "København K", "0101")
    add_citizen(world, CPR_CPH, home=home)
    return world


def _extract(world: TestWorld, start: date, end: date, **kwargs: object) -> AuditExtract:
    actor = kwargs.pop("actor", ADMIN)
    result = world.handle(ExtractAuditLog(actor, start, end, **kwargs))  # type: ignore[arg-type]
    assert isinstance(result, AuditExtract)
    return result


def test_only_case_worker_roles_are_recorded() -> None:
    world = _world()
    uow = world.bus.uow
    record_read(uow, Actor.citizen(CPR), "citizen_overview", CPR)
    record_read(uow, Actor.system(), "citizen_overview", CPR)
    for role in (Role.CASE_WORKER, Role.CASE_WORKER_SPECIAL, Role.MUNICIPAL_ADMIN, Role.OPERATOR):
        record_read(uow, Actor(role, f"u-{role.value}", "0787"), "citizen_overview", CPR)
    record_write(uow, WORKER, "note", CPR)
    entries = world.registry.audit_log()
    assert [entry.role for entry in entries] == [
        Role.CASE_WORKER,
        Role.CASE_WORKER_SPECIAL,
        Role.MUNICIPAL_ADMIN,
        Role.OPERATOR,
        Role.CASE_WORKER,
    ]
    assert entries[0].action == "read:citizen_overview"
    assert entries[-1].action == "write:note"
    assert [entry.entry_id for entry in entries] == [f"A{n:08d}" for n in range(1, 6)]
    assert all(entry.at == world.clock.now() for entry in entries)


def test_every_command_a_case_worker_sends_is_recorded_as_a_write() -> None:
    world = _world()
    world.handle(ChooseGp(Actor.citizen(CPR), CPR, "100001"))
    assert world.registry.audit_log() == [], "a citizen in self-service is not audited"
    world.advance(days=1)
    add_practice(world, "100003", offset(THISTED, north_km=3))
    world.handle(ChooseGp(WORKER, CPR, "100003"))
    (entry,) = world.registry.audit_log()
    assert (entry.user_id, entry.role, entry.municipality_code) == (
        "sb-0787-01",
        WORKER.role,
        "0787",
    )
    assert (entry.action, entry.cpr, entry.at) == ("write:ChooseGp", CPR, world.clock.now())


def test_a_refused_command_is_recorded_too() -> None:
    world = _world()
    add_citizen(world, "0707801234", group=2)
    with pytest.raises(RuleRefused):
        world.handle(ChooseGp(WORKER, "0707801234", "100001"))  # group 2 chooses no GP
    assert [(e.action, e.cpr) for e in world.registry.audit_log()] == [
        ("write:ChooseGp", "0707801234")
    ]


def _populate(world: TestWorld) -> None:
    """Reads by three case workers in two municipalities on days 0, 10, 40 back from today."""
    uow = world.bus.uow
    start = world.clock.now()
    for days_back in (40, 10, 0):
        world.clock.set(start - timedelta(days=days_back))
        record_read(uow, WORKER, "citizen_overview", CPR)
        record_read(uow, OTHER_WORKER, "gp_choice_card", CPR)
        record_read(uow, CPH_WORKER, "citizen_overview", CPR_CPH)
    world.clock.set(start)


def test_an_administrator_extracts_their_own_municipality_with_danish_headings() -> None:
    world = _world()
    _populate(world)
    today = world.today
    extract = _extract(world, today - timedelta(days=29), today)
    assert [row["bruger"] for row in extract.rows] == ["sb-0787-01", "sb-0787-02"] * 2 + [
        "adm-0787"
    ], "the extraction's own entry comes last"
    assert {row["kommune"] for row in extract.rows} == {"0787"}, "never another municipality"
    assert extract.rows[0]["rolle"] == "sagsbehandler"
    assert extract.rows[0]["art"] == "læsning"
    assert extract.rows[0]["handling"] == "citizen_overview"
    assert extract.rows[0]["cpr"] == CPR
    parsed = list(csv.DictReader(io.StringIO(extract.csv), delimiter=";"))
    assert tuple(parsed[0]) == COLUMNS
    assert tuple(COLUMNS) == (
        "løbenummer",
        "tidspunkt",
        "bruger",
        "rolle",
        "kommune",
        "art",
        "handling",
        "cpr",
    )
    assert parsed == list(extract.rows)
    document = json.loads(extract.json)
    assert document["kommune"] == "0787"
    assert document["antal"] == 5
    assert document["poster"] == list(extract.rows)
    assert "løbenummer" in extract.json, "Danish letters are kept, not escaped"


def test_an_administrator_can_narrow_to_one_case_worker() -> None:
    world = _world()
    _populate(world)
    today = world.today
    extract = _extract(world, today - timedelta(days=29), today, case_worker_id="sb-0787-02")
    assert [row["handling"] for row in extract.rows] == ["gp_choice_card"] * 2
    assert extract.rows[0]["tidspunkt"] == "2025-10-05T09:00:00"
    other = _extract(world, today - timedelta(days=29), today, case_worker_id="sb-0101-01")
    assert other.rows == (), "a case worker of another municipality is not visible"


def test_the_extraction_itself_is_audited() -> None:
    world = _world()
    today = world.today
    extract = _extract(world, today, today)
    entries = [entry for entry in world.registry.audit_log() if entry.user_id == ADMIN.user_id]
    assert [entry.action for entry in entries] == ["read:ExtractAuditLog"]
    assert [row["handling"] for row in extract.rows] == ["ExtractAuditLog"]


def test_the_period_bounds_thirty_days_yes_thirty_one_no() -> None:
    world = _world()
    today = world.today
    assert _extract(world, today - timedelta(days=29), today).period_from == date(2025, 9, 16)
    with pytest.raises(RuleRefused) as refused:
        _extract(world, today - timedelta(days=30), today)
    assert refused.value.refusal_code == "AUDIT_PERIOD_TOO_LONG"
    assert "31 dage" in refused.value.message_da


def test_the_lookback_bounds_six_months_yes_one_day_more_no() -> None:
    world = _world()
    six_months_back = date(2025, 4, 15)
    extract = _extract(world, six_months_back, six_months_back + timedelta(days=29))
    assert extract.period_from == six_months_back
    with pytest.raises(RuleRefused) as refused:
        _extract(world, six_months_back - timedelta(days=1), six_months_back + timedelta(days=28))
    assert refused.value.refusal_code == "AUDIT_PERIOD_TOO_OLD"


def test_a_period_in_the_future_or_reversed_is_refused() -> None:
    world = _world()
    today = world.today
    with pytest.raises(RuleRefused) as future:
        _extract(world, today, today + timedelta(days=1))
    assert future.value.refusal_code == "AUDIT_PERIOD_IN_FUTURE"
    with pytest.raises(RuleRefused) as reversed_:
        _extract(world, today, today - timedelta(days=1))
    assert reversed_.value.refusal_code == "AUDIT_PERIOD_REVERSED"


@pytest.mark.parametrize(
    "actor",
    [
        WORKER,
        Actor(Role.CASE_WORKER_SPECIAL, "sb-special", "0787"),
        Actor(Role.OPERATOR, "ops-1"),
        Actor.citizen(CPR),
        Actor(Role.MUNICIPAL_ADMIN, "adm-none", None),
    ],
)
def test_only_a_municipal_administrator_may_extract(actor: Actor) -> None:
    world = _world()
    _populate(world)
    today = world.today
    with pytest.raises(RoleNotAllowed) as forbidden:
        world.handle(ExtractAuditLog(actor, today - timedelta(days=5), today))
    assert forbidden.value.kind == "forbidden"
    assert forbidden.value.code == "ROLE_NOT_ALLOWED"
    assert "revisionsloggen" in forbidden.value.message_da


def test_the_journal_is_wired_by_default() -> None:
    world = _world()
    assert any(isinstance(journal, AuditJournal) for journal in world.bus.journals)
