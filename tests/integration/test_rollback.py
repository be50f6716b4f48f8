"""A command that fails half-way leaves no change: the bus rolls the unit of work back to its
savepoint - the store's records, indexes, listings, groups, list sizes, history, watches and
audit log, the outbox entries of the cases taken back and the events not yet handled."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest

from sandbox.domain.case_details import GpChoiceDetails
from sandbox.domain.errors import InvalidInput
from sandbox.domain.model import Actor, AuditEntry, Case, CaseStatus, CaseType, Role
from sandbox.service.commands import Command
from sandbox.service.events import GpChosen
from sandbox.service.ports import LunaRegistration
from sandbox.service.store import Store, Watch
from sandbox.service.unit_of_work import UnitOfWork
from tests.builders import (
    THISTED,
    TestWorld,
    add_citizen,
    add_practice,
    klitmoller,
    make_world,
    offset,
)

CPR = "0505801234"
OLD, NEW = "100001", "100002"


@dataclass(frozen=True, slots=True)
class FailHalfWay(Command):
    """A command whose handler changes everything it can, then fails."""


def fail_half_way(command: FailHalfWay, uow: UnitOfWork) -> None:
    store, now, on = uow.registry, uow.now(), uow.today()
    citizen = store.citizen(CPR)
    case = Case(uow.ids.next("F"), CaseType.GP_CHOICE, "0787", CPR, (), CaseStatus.PENDING, now,
                command.actor, on, GpChoiceDetails(ydernummer=NEW, practice_name="Ny"))  # fmt: skip
    store.add_case(case)
    store.list_citizen(citizen, NEW, on, case.case_id, "OPEN", at=now)
    store.change_group(citizen, 2, on, case.case_id, "TEST", at=now)
    store.move_citizen(citizen, klitmoller())
    store.mirror_card_opt_out(citizen, True, now)
    store.watch(Watch.GROUP_CHOICE_DEADLINE, CPR)
    store.add_audit(AuditEntry("A1", "sb-1", Role.CASE_WORKER, "0787", "write:Test", CPR, now))
    uow.outbox.add(LunaRegistration(case.case_id, "gp_listing", CPR), now)
    uow.emit(GpChosen(case.case_id, CPR, NEW, on))
    raise InvalidInput(field="test", reason_da="fejl midtvejs", reason_en="failed half-way")


def _state(world: TestWorld) -> dict[str, Any]:
    store: Store = world.registry
    citizen = store.citizen(CPR)
    return {
        "listings": [replace(listing) for listing in citizen.listing_history()],
        "groups": [replace(membership) for membership in citizen.group_history()],
        "address": citizen.address,
        "at_home": store.persons_at(citizen.address),
        "list_sizes": {p.ydernummer: p.list_size for p in store.all_practices()},
        "cases": store.case_ids(),
        "cases_of": store.cases_of(CPR),
        "history": list(store.history_of(CPR)),
        "opted_out": store.has_opted_out(CPR),
        "watched": store.watched(Watch.GROUP_CHOICE_DEADLINE),
        "audit": list(store.audit_log()),
        "outbox": len(world.bus.uow.outbox),
    }


def test_a_command_failing_half_way_leaves_no_change() -> None:
    world = make_world()
    add_practice(world, OLD, THISTED)
    add_practice(world, NEW, offset(THISTED, north_km=1))
    add_citizen(world, CPR, doctor=OLD)
    world.bus.command_handlers[FailHalfWay] = fail_half_way
    before = _state(world)
    with pytest.raises(InvalidInput):
        world.handle(FailHalfWay(Actor.system()))
    assert _state(world) == before
    assert world.bus.uow.collect_new_events() == []


def test_a_savepoint_inside_a_command_takes_back_only_its_own_changes() -> None:
    """A CPR feed entry that fails is taken back; the entries before it stay."""
    world = make_world()
    add_practice(world, OLD, THISTED)
    add_practice(world, NEW, offset(THISTED, north_km=1))
    citizen = add_citizen(world, CPR, doctor=OLD)
    store, on = world.registry, date(2025, 5, 1)
    outer = store.begin()
    store.list_citizen(citizen, NEW, on, None, "OPEN")
    inner = store.begin()
    store.list_citizen(citizen, OLD, date(2025, 6, 1), None, "OPEN")
    store.rollback(inner)
    store.commit(outer)
    assert citizen.doctor_on(date(2025, 7, 1)) == NEW
    assert {p.ydernummer: p.list_size for p in store.all_practices()} == {OLD: 0, NEW: 1}
