"""A child born before a split's wind-up whom CPR reports after it.

SPEC 4.1: when a practice splits, the patients who did not choose are assigned one of the new
practices the day after the free period (or get "Manglende lægevalg"), and nobody stays listed
at the old practice. A newborn inherits the birth-giving parent's doctor from the birth date
(release 1.1 item 9): born while the parent was still at the old practice, the child inherits
it. When CPR reports the birth only after the wind-up, the wind-up never saw the child, who
stayed listed at the old practice for good (the simulator's ``closed_practice_empty``
invariant). The child must meet the same wind-up: the inherited listing ends the day after the
free period, and the child is assigned a successor, or gets "Manglende lægevalg".
"""

from __future__ import annotations

from datetime import date

from sandbox.domain.model import CaseStatus, CaseType
from sandbox.service.commands import ConsumeCprFeed, ProcessDailyWork
from tests.builders import TestWorld, mirror_in_cpr
from tests.integration.test_split_assignment import (
    EAST,
    FAR,
    LISE,
    OLD,
    SYSTEM,
    split_world,
    wind_up_on,
)

CHILD = "2807254321"
BIRTH = date(2025, 7, 28)  # before the free period ends on 31 July
WIND_UP = date(2025, 8, 1)


def born_after_wind_up(world: TestWorld, birth: date = BIRTH) -> None:
    """Lise's child is born on ``birth``; CPR reports it three days after the wind-up."""
    mirror_in_cpr(world, world.registry.citizen(LISE))
    wind_up_on(world, WIND_UP)
    world.advance(days=3)
    world.cpr.birth(CHILD, birth, LISE, None, None, world.today)
    world.handle(ConsumeCprFeed(SYSTEM))


def cases(world: TestWorld, kind: CaseType) -> list[str]:
    return [c.case_id for c in world.registry.cases_of(CHILD) if c.case_type is kind]


def test_the_child_inherits_the_old_practice_until_the_wind_up_and_is_assigned_a_successor() -> (
    None
):
    world = split_world()
    born_after_wind_up(world)
    assert world.registry.citizen(LISE).doctor_on(WIND_UP) == EAST
    child = world.registry.citizen(CHILD)
    assert child.doctor_on(BIRTH) == OLD  # the parent's doctor on the birth date
    assert child.doctor_on(date(2025, 7, 31)) == OLD
    assert child.doctor_on(WIND_UP) == EAST  # nobody stays at the split practice
    assert child.doctor_on(world.today) == EAST
    [gp_case] = cases(world, CaseType.GP_CHOICE)
    case = world.registry.case(gp_case)
    assert case.details.basis == {CHILD: "SPLIT_ASSIGNMENT"}
    assert case.effective_date == WIND_UP
    assert case.status is CaseStatus.COMPLETED  # registered in LUNA
    assert cases(world, CaseType.MISSING_GP_CHOICE) == []


def test_without_a_successor_within_the_limit_the_child_gets_missing_gp_choice() -> None:
    world = split_world(successors=(FAR,))
    born_after_wind_up(world)
    child = world.registry.citizen(CHILD)
    assert child.doctor_on(BIRTH) == OLD
    assert child.doctor_on(WIND_UP) is None  # the listing ended with the wind-up
    [missing_id] = cases(world, CaseType.MISSING_GP_CHOICE)
    missing = world.registry.case(missing_id)
    assert missing.details.listing_ended_on == WIND_UP
    assert not missing.details.listing_kept
    [birth_id] = cases(world, CaseType.BIRTH)
    assert world.registry.case(birth_id).status is CaseStatus.COMPLETED  # in LUNA
    inherited = child.listing_on(BIRTH)
    assert inherited is not None and inherited.valid_to is not None
    payload = world.luna.registrations[birth_id].payload
    assert payload["ydernummer"] == OLD
    assert payload["valid_to"] == inherited.valid_to.isoformat()  # LUNA learns of the end
    world.advance(days=15)  # past the days to choose: the daily work assigns a doctor
    world.handle(ProcessDailyWork(SYSTEM))
    assert world.registry.citizen(CHILD).doctor_on(world.today) is not None
    assert world.registry.citizen(CHILD).doctor_on(world.today) != OLD


def test_a_child_born_after_the_wind_up_inherits_the_parents_successor() -> None:
    world = split_world()
    born_after_wind_up(world, birth=date(2025, 8, 2))
    assert world.registry.citizen(CHILD).doctor_on(date(2025, 8, 2)) == EAST
    assert cases(world, CaseType.GP_CHOICE) == []
