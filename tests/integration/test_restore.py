"""Datagenopretning: an operator restores a citizen's registrations to a past moment from the
system's own history, without calling LUNA; a dry run shows the differences first."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timedelta

import pytest

from sandbox.domain.errors import InvalidInput, RoleNotAllowed, UnknownCitizen
from sandbox.domain.model import Actor, CaseStatus, CaseType, Role
from sandbox.service.commands import ChooseGp, RestoreCitizenData
from sandbox.service.handlers.listings import read_card_opt_out
from sandbox.service.handlers.restore import LEFT_COMPLETED, RestoreResult
from sandbox.service.reconciliation import reconcile
from tests.builders import THISTED, add_citizen, add_practice, make_world, offset

CPR = "0505801234"
OPERATOR = Actor(Role.OPERATOR, "ops-01")
WORKER = Actor(Role.CASE_WORKER, "sb-0787-01", "0787")


class History:
    """A citizen with five changes, ten days apart; ``moments[i]`` lies just before change i:
    GP choice, a case worker's GP choice, card opt-out, group 2 from a later date, and a GP
    choice still waiting for LUNA."""

    def __init__(self) -> None:
        self.world = world = make_world()
        for number, north in (("100001", 1), ("100002", 2), ("100003", 3), ("100004", 4)):
            add_practice(world, number, offset(THISTED, north_km=north))
        self.citizen = add_citizen(world, CPR, doctor="100001")
        self.moments: list[datetime] = []
        uow = world.bus.uow
        self._step(lambda: world.handle(ChooseGp(Actor.citizen(CPR), CPR, "100002")))
        self._step(lambda: world.handle(ChooseGp(WORKER, CPR, "100003")))
        self._step(lambda: self._opt_out_in_luna())
        self._step(
            lambda: world.registry.change_group(
                self.citizen,
                2,
                world.today + timedelta(days=60),
                None,
                "test",
                at=uow.now(),
            )
        )
        world.luna.force_key(f"F{world.registry.case_count() + 1:08d}", "timeout")
        self._step(lambda: world.handle(ChooseGp(WORKER, CPR, "100004")))
        self.waiting = max(c.case_id for c in world.registry.all_cases() if c.is_open)
        world.advance(seconds=5)

    def _opt_out_in_luna(self) -> None:
        """The citizen opts out in the app (LUNA); the system mirrors it when it reads it."""
        self.world.luna.opt_out(CPR)
        read_card_opt_out(self.world.bus.uow, self.citizen)

    def _step(self, change: object) -> None:
        self.world.advance(days=10)
        self.moments.append(self.world.clock.now() - timedelta(seconds=1))
        change()  # type: ignore[operator]

    def restore(self, moment: datetime, dry_run: bool = True) -> RestoreResult:
        result = self.world.handle(RestoreCitizenData(OPERATOR, CPR, moment, dry_run))
        assert isinstance(result, RestoreResult)
        return result


@pytest.fixture
def history() -> History:
    return History()


def _doctors(history: History) -> list[tuple[str, str | None]]:
    return [
        (item.ydernummer, item.valid_to.isoformat() if item.valid_to else None)
        for item in history.citizen.listings
    ]


def _list_sizes_match(history: History) -> None:
    registry = history.world.registry
    counted = Counter(
        listing.ydernummer
        for citizen in registry.all_citizens()
        for listing in citizen.listings
        if listing.valid_to is None
    )
    assert {p.ydernummer: p.list_size for p in registry.all_practices()} == {
        y: counted.get(y, 0) for y in registry.practice_numbers()
    }


def test_a_dry_run_shows_the_differences_and_changes_nothing(history: History) -> None:
    before = (_doctors(history), history.world.registry.case_count(), history.world.luna.calls)
    result = history.restore(history.moments[2])
    assert not result.applied and result.case_id is None
    diff = result.diff
    assert diff.listings_changed and diff.groups_changed and diff.card_opt_out_changed
    assert [item["ydernummer"] for item in diff.listings_restored] == ["100001", "100002", "100003"]
    assert [item["ydernummer"] for item in diff.listings_now][-1] == "100004"
    assert (diff.card_opt_out_now, diff.card_opt_out_restored) == (True, False)
    assert diff.cases_to_cancel == (history.waiting,)
    assert diff.to_dict()["listings"]["restored"][-1]["valid_to"] is None
    assert json.loads(json.dumps(result.to_dict()))["applied"] is False
    assert (_doctors(history), history.world.registry.case_count()) == before[:2]
    assert history.world.luna.calls == before[2]


@pytest.mark.parametrize(
    ("step", "doctor", "group", "opted_out"),
    [
        (0, "100001", 1, False),
        (1, "100002", 1, False),
        (2, "100003", 1, False),
        (3, "100003", 1, True),
        (4, "100003", 2, True),
    ],
)
def test_restore_to_each_moment_of_a_history_with_several_changes(
    history: History, step: int, doctor: str, group: int, opted_out: bool
) -> None:
    world = history.world
    calls, journal = world.luna.calls, list(world.luna.journal)
    moment = history.moments[step]
    result = history.restore(moment, dry_run=False)
    assert result.applied
    day = moment.date()
    assert history.citizen.doctor_on(day) == doctor
    assert history.citizen.groups[-1].group == group, "group 2 was chosen from a later date"
    assert history.citizen.listings[-1].ydernummer == doctor
    assert history.citizen.listings[-1].valid_to is None
    assert (world.registry.has_opted_out(CPR)) is opted_out
    assert world.luna.calls == calls and list(world.luna.journal) == journal, "no LUNA call"
    _list_sizes_match(history)


def test_an_applied_restore_is_a_case_cancels_the_open_one_and_is_audited(
    history: History,
) -> None:
    world = history.world
    result = history.restore(history.moments[1], dry_run=False)
    case = world.registry.case(result.case_id or "")
    assert case.case_type is CaseType.DATA_RESTORE
    assert case.status is CaseStatus.COMPLETED
    assert case.actor == OPERATOR
    assert case.details.as_of == history.moments[1]
    assert case.details.restored["listings"]["changed"] is True
    waiting = world.registry.case(history.waiting)
    assert waiting.status is CaseStatus.CANCELLED
    assert history.waiting not in world.bus.uow.outbox, "never sent to LUNA afterwards"
    assert result.cancelled == (history.waiting,)
    assert result.to_dict()["diff"]["cases_to_cancel"] == [history.waiting]
    left = dict(result.diff.cases_left)
    completed_later = [c for c, why in left.items() if why == LEFT_COMPLETED]
    workers_choice = next(
        c.case_id
        for c in world.registry.all_cases()
        if c.actor == WORKER and c.status is CaseStatus.COMPLETED
    )
    assert workers_choice in completed_later, "the case worker's choice, kept with a note"
    entry = world.registry.audit_log()[-1]
    assert (entry.user_id, entry.role, entry.action, entry.cpr) == (
        "ops-01",
        Role.OPERATOR,
        "write:RestoreCitizenData",
        CPR,
    )
    world.advance(days=1)
    world.handle(ChooseGp(Actor.citizen(CPR), CPR, "100001"))
    report = reconcile(world.bus.uow, world.bus.uow.luna.registrations())
    assert report.ok, report.to_dict()


def test_a_restore_can_itself_be_undone(history: History) -> None:
    world = history.world
    before = _doctors(history)
    history.restore(history.moments[0], dry_run=False)
    assert history.citizen.listings[-1].ydernummer == "100001"
    world.advance(seconds=10)
    just_before_restore = world.clock.now() - timedelta(seconds=11)
    history.restore(just_before_restore, dry_run=False)
    assert _doctors(history) == before
    _list_sizes_match(history)


def test_restoring_to_now_changes_nothing(history: History) -> None:
    result = history.restore(history.world.clock.now(), dry_run=False)
    assert not result.diff.changed and not result.applied
    assert result.case_id is None


def test_history_snapshots_are_copies_not_live_records(history: History) -> None:
    snapshots = history.world.registry.history_of(CPR)
    first = snapshots[0].state.listings
    assert [(item.ydernummer, item.valid_to) for item in first] == [("100001", None)]
    assert len(snapshots) == 5


@pytest.mark.parametrize(
    "actor",
    [WORKER, Actor(Role.MUNICIPAL_ADMIN, "adm", "0787"), Actor.citizen(CPR), Actor.system()],
)
def test_only_an_operator_may_restore(history: History, actor: Actor) -> None:
    with pytest.raises(RoleNotAllowed):
        history.world.handle(RestoreCitizenData(actor, CPR, history.moments[0], dry_run=True))


def test_a_moment_in_the_future_or_an_unknown_citizen_is_refused(history: History) -> None:
    world = history.world
    with pytest.raises(InvalidInput):
        history.restore(world.clock.now() + timedelta(seconds=1))
    with pytest.raises(UnknownCitizen):
        world.handle(RestoreCitizenData(OPERATOR, "0101010101", history.moments[0]))


def test_the_cli_lists_candidates_and_refuses_a_bad_moment() -> None:
    from typer.testing import CliRunner

    from sandbox.cli import app

    runner = CliRunner()
    listed = runner.invoke(app, ["restore", "smoke"])
    assert listed.exit_code == 0, listed.output
    assert "citizens with changes" in listed.output
    bad = runner.invoke(app, ["restore", "smoke", "--cpr", CPR, "--as-of", "i går"])
    assert bad.exit_code == 2
    assert "INVALID_INPUT" in bad.output
