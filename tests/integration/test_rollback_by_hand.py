"""A command that fails half-way takes back the fields handlers write by hand, too.

The store's mutations note their own undo; a field a handler assigns itself (a citizen's
person data, a case's status and cancel reason) is noted first with `Store.before_change` or
`Store.move_case`. Without that, a CPR feed that failed on a later entry kept the earlier
entries' person data while their moves and listings were taken back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from sandbox.domain.errors import InvalidInput
from sandbox.domain.model import Actor, CaseStatus, CaseType, Citizen, CivilStatus
from sandbox.service.case_factory import cancel_case
from sandbox.service.commands import Command, ConsumeCprFeed
from sandbox.service.cpr_commands import RegisterCustody
from sandbox.service.cpr_records import address_to_cpr
from sandbox.service.unit_of_work import UnitOfWork
from tests.builders import (
    COPENHAGEN,
    TestWorld,
    add_citizen,
    add_practice,
    address,
    make_world,
    mirror_in_cpr,
)

MOTHER, FATHER, CHILD = "0101901234", "0202881234", "2004204321"


class HandlerBug(Exception):
    """Not a refusal: a bug, which the CPR feed does not catch per entry."""


def _person(world: TestWorld, cpr: str, **fields: Any) -> Citizen:
    citizen = add_citizen(world, cpr, **fields)
    mirror_in_cpr(world, citizen)
    return citizen


def _facts(citizen: Citizen) -> dict[str, Any]:
    return {
        "name": citizen.name,
        "status": citizen.status,
        "civil_status": citizen.civil_status,
        "spouse": citizen.spouse,
        "married_on": citizen.married_on,
        "protected": citizen.protected,
        "protected_since": citizen.protected_since,
        "protected_until": citizen.protected_until,
        "custody_holders": citizen.custody_holders,
        "address": citizen.address,
        "moved_in_on": citizen.moved_in_on,
        "moved_from_municipality": citizen.moved_from_municipality,
        "groups": list(citizen.group_history()),
        "listings": list(citizen.listing_history()),
    }


def test_a_feed_failing_on_a_later_entry_takes_back_the_earlier_entries_person_data() -> None:
    world = make_world()
    add_practice(world, "111111")
    persons = [
        _person(world, MOTHER, doctor="111111"),
        _person(world, FATHER, group=2),
        _person(world, CHILD, birth=date(2020, 4, 20), custody_holders=(MOTHER,)),
    ]
    before = [_facts(person) for person in persons]
    far = address("Nørregade", "1", COPENHAGEN, "1165", "København K", "0101")
    world.cpr.marriage(MOTHER, FATHER, world.today)
    world.cpr.set_protection(MOTHER, True, world.today)
    world.cpr.move(MOTHER, address_to_cpr(far), world.today)
    world.cpr.custody(CHILD, (MOTHER, FATHER), world.today)  # the entry that fails
    custody = world.bus.command_handlers[RegisterCustody]

    def custody_then_bug(entry: RegisterCustody, uow: UnitOfWork) -> Any:
        custody(entry, uow)
        raise HandlerBug("a bug after the custody was written")

    world.bus.command_handlers[RegisterCustody] = custody_then_bug
    with pytest.raises(HandlerBug):
        world.handle(ConsumeCprFeed(Actor.system()))
    assert [_facts(person) for person in persons] == before
    assert not world.registry.cases_of(MOTHER)  # the move's missing-choice case is gone too

    world.bus.command_handlers[RegisterCustody] = custody  # the bug fixed: the feed again
    world.handle(ConsumeCprFeed(Actor.system()))
    mother = world.registry.citizen(MOTHER)
    assert (mother.spouse, mother.civil_status, mother.protected) == (
        FATHER,
        CivilStatus.MARRIED,
        True,
    )
    assert mother.moved_in_on == world.today and mother.address.municipality_code == "0101"
    assert world.registry.citizen(CHILD).custody_holders == (MOTHER, FATHER)


@dataclass(frozen=True, slots=True)
class CancelThenFail(Command):
    """Cancels the case, then fails."""

    case_id: str


def cancel_then_fail(command: CancelThenFail, uow: UnitOfWork) -> None:
    cancel_case(uow, uow.registry.case(command.case_id), "TEST")
    raise InvalidInput(field="test", reason_da="fejl midtvejs", reason_en="failed half-way")


def test_a_case_cancelled_by_a_failing_command_is_pending_again() -> None:
    world = make_world()
    add_practice(world, "111111", is_open=False)
    _person(world, MOTHER, doctor="111111")
    far = address("Nørregade", "1", COPENHAGEN, "1165", "København K", "0101")
    world.cpr.move(MOTHER, address_to_cpr(far), world.today)
    world.handle(ConsumeCprFeed(Actor.system()))
    (case,) = [
        c for c in world.registry.cases_of(MOTHER) if c.case_type is CaseType.MISSING_GP_CHOICE
    ]
    history = case.history
    world.bus.command_handlers[CancelThenFail] = cancel_then_fail
    with pytest.raises(InvalidInput):
        world.handle(CancelThenFail(Actor.system(), case.case_id))
    assert case.status is CaseStatus.PENDING
    assert case.details.cancelled_reason is None
    assert case.history == history
