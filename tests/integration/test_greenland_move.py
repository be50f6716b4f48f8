"""Integration tests for the move from Greenland (SPEC 3.9): the release notes' Storm demo."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fakes.cpr.backend import Person
from sandbox.domain.errors import InvalidInput, RoleNotAllowed, RuleRefused
from sandbox.domain.model import Actor, Case, CaseStatus, CaseType
from sandbox.service.commands import AcceptDispensation, ChooseGpForGreenlandMove, ConsumeCprFeed
from sandbox.service.cpr_records import address_to_cpr
from tests.builders import KLITMOLLER, TestWorld, add_practice, klitmoller, make_world, offset

STORM = "0102700000"  # Storm Henningsen test, 010270-0000
NUUK = {
    "street": "Aqqusinersuaq",
    "house_number": "4",
    "postcode": "3900",
    "city": "Nuuk",
    "municipality_code": "0956",
    "lat": 64.1814,
    "lon": -51.6941,
}
DOCTOR = "077001"


def storm_world() -> TestWorld:
    world = make_world()
    add_practice(world, DOCTOR, at=offset(KLITMOLLER, east_km=3), name="Lægerne i Klitmøller")
    world.cpr.add_person(Person(STORM, "Storm Henningsen", date(1970, 2, 1), "05", dict(NUUK)))
    return world


def choose(world: TestWorld, actor: Actor, number: str = "4") -> Case:
    case = world.handle(ChooseGpForGreenlandMove(actor, STORM, "0787", klitmoller(number), DOCTOR))
    assert isinstance(case, Case)
    return case


def move(world: TestWorld, number: str) -> None:
    world.advance(days=10)
    world.cpr.move_from_greenland(STORM, address_to_cpr(klitmoller(number)), world.today)
    world.handle(ConsumeCprFeed(Actor.system()))


def of_type(world: TestWorld, kind: CaseType) -> list[Case]:
    return [c for c in world.registry.cases_of(STORM) if c.case_type is kind]


@pytest.mark.parametrize("who", ["citizen", "case_worker"])
def test_pending_choice_is_approved_by_the_move_event(who: str) -> None:
    world = storm_world()
    actor = Actor.citizen(STORM) if who == "citizen" else world.case_worker
    case = choose(world, actor)
    storm = world.registry.citizen(STORM)
    assert case.status is CaseStatus.PENDING
    assert case.municipality_code == "0787"  # the moving-in municipality
    assert case.details.change_to_group_1 is True
    assert storm.status == "05" and not storm.is_resident and storm.groups == []
    assert case.case_id not in world.luna.registrations
    assert not world.registry.card_orders_of(STORM)  # nothing while pending

    move(world, "4")
    assert case.status is CaseStatus.COMPLETED
    assert storm.status == "01" and storm.address == klitmoller("4")
    assert storm.moved_in_on == world.today
    membership = storm.group_on(world.today)
    assert membership.group == 1 and membership.reason == "MOVE_FROM_GREENLAND"
    assert storm.doctor_on(world.today) == DOCTOR
    assert storm.doctor_on(world.today - timedelta(days=1)) is None
    registration = world.luna.registrations[case.case_id]
    assert registration.kind == "gp_listing" and registration.payload["group"]["group"] == 1
    assert not of_type(world, CaseType.MISSING_GP_CHOICE)
    assert not of_type(world, CaseType.GROUP_CHANGE)
    assert world.registry.persons_at(klitmoller("4")) == (STORM,)


def test_wrong_address_cancels_choice_but_group_1_goes_through() -> None:
    world = storm_world()
    case = choose(world, Actor.citizen(STORM))
    move(world, "6")
    storm = world.registry.citizen(STORM)
    assert case.status is CaseStatus.CANCELLED
    assert case.details.cancelled_reason == "ADDRESS_MISMATCH"
    assert storm.doctor_on(world.today) is None
    assert storm.group_on(world.today).group == 1
    (group_case,) = of_type(world, CaseType.GROUP_CHANGE)
    assert group_case.status is CaseStatus.COMPLETED
    assert world.luna.registrations[group_case.case_id].kind == "group"
    assert group_case.details.fee_dkk == 0  # not the citizen's own decision
    assert group_case.details.fee_reason_codes[0] == "FREE_GROUP_CHANGE_MOVE_FROM_GREENLAND"
    (missing,) = of_type(world, CaseType.MISSING_GP_CHOICE)
    assert missing.status is CaseStatus.PENDING
    assert missing.details.reason == "GREENLAND_ADDRESS_MISMATCH"
    assert missing.details.cancelled_case_id == case.case_id  # the letter names it
    assert missing.municipality_code == "0787"
    assert storm.address == klitmoller("6")


def test_move_without_a_choice_gives_group_1_and_missing_choice() -> None:
    world = storm_world()
    move(world, "4")
    storm = world.registry.citizen(STORM)
    assert storm.status == "01" and storm.group_on(world.today).group == 1
    assert of_type(world, CaseType.MISSING_GP_CHOICE)


def test_newer_choice_replaces_the_pending_one() -> None:
    world = storm_world()
    first = choose(world, Actor.citizen(STORM))
    second = choose(world, Actor.citizen(STORM), "4")
    assert first.status is CaseStatus.CANCELLED and second.status is CaseStatus.PENDING
    move(world, "4")
    assert second.status is CaseStatus.COMPLETED


def test_only_persons_registered_in_greenland() -> None:
    world = storm_world()
    world.cpr.person(STORM).status = "01"  # type: ignore[union-attr]
    with pytest.raises(InvalidInput):
        choose(world, Actor.citizen(STORM))
    assert not world.registry.all_cases() and not world.registry.has_citizen(STORM)


def test_a_citizen_chooses_only_for_themself() -> None:
    world = storm_world()
    with pytest.raises(RoleNotAllowed):
        choose(world, Actor.citizen("0101901234"))


def test_address_must_be_in_the_chosen_municipality() -> None:
    world = storm_world()
    with pytest.raises(InvalidInput):
        world.handle(
            ChooseGpForGreenlandMove(Actor.citizen(STORM), STORM, "0773", klitmoller("4"), DOCTOR)
        )


def test_closed_doctor_is_refused_and_nothing_changes() -> None:
    world = storm_world()
    world.registry.practice(DOCTOR).set_open(date(2025, 1, 1), False)
    add_practice(world, "077002", at=offset(KLITMOLLER, east_km=4))
    add_practice(world, "077003", at=offset(KLITMOLLER, east_km=5))
    with pytest.raises(RuleRefused) as refused:
        choose(world, Actor.citizen(STORM))
    assert refused.value.refusal_code == "PRACTICE_CLOSED"
    assert not world.registry.all_cases() and not world.registry.has_citizen(STORM)


def test_a_choice_awaiting_the_doctors_acceptance_still_makes_storm_a_group_1_resident() -> None:
    """The move itself gives group 1 at once; the doctor's acceptance only decides the doctor.

    Found by the simulator: the resident used to be left with no group while the doctor had
    not yet answered (invariant "one current group per resident")."""
    world = make_world()
    # closed and beyond the limit: the doctor must accept (SPEC 3.2)
    add_practice(world, DOCTOR, at=offset(KLITMOLLER, east_km=20), is_open=False)
    world.cpr.add_person(Person(STORM, "Storm Henningsen", date(1970, 2, 1), "05", dict(NUUK)))
    case = choose(world, Actor.citizen(STORM))
    assert "DOCTOR_ACCEPTANCE" in case.details.conditions

    move(world, "4")
    storm = world.registry.citizen(STORM)
    assert storm.is_resident
    membership = storm.group_on(world.today)
    assert membership is not None and membership.group == 1
    [missing] = of_type(world, CaseType.MISSING_GP_CHOICE)
    assert missing.is_open, "group 1 without a doctor yet: an open Manglende lægevalg case"
    assert case.details.awaiting == "doctor_acceptance"

    world.handle(AcceptDispensation(world.case_worker, case.case_id))
    assert storm.doctor_on(world.today) == DOCTOR
    assert not missing.is_open
    assert storm.group_on(world.today).group == 1  # type: ignore[union-attr]
