"""Opsplitning: the patients who did not choose are assigned the nearest open successor within
the limit the day after the free period (SPEC 4.1); the practice event's new cards (SPEC 6.2)."""

from __future__ import annotations

from datetime import date

from sandbox.domain.model import Actor, CaseStatus, CaseType
from sandbox.service.commands import (
    ChooseGp,
    ProcessPracticeEventDeadlines,
    RegisterPracticeEvent,
)
from tests.builders import THISTED, TestWorld, add_citizen, add_practice, make_world, offset

OLD, EAST, WEST, FAR = "200001", "200002", "200003", "200004"
LISE, ANDERS = "0505801234", "0606801234"
SYSTEM = Actor.system()
EFFECTIVE = date(2025, 6, 1)


def split_world(successors: tuple[str, ...] = (EAST, WEST)) -> TestWorld:
    world = make_world()
    add_practice(world, OLD, offset(THISTED, north_km=1), name="Lægehuset Torvet")
    add_practice(world, EAST, offset(THISTED, east_km=2), name="Torvet Øst")
    add_practice(world, WEST, offset(THISTED, east_km=-3), name="Torvet Vest")
    add_practice(world, FAR, offset(THISTED, east_km=40), name="Langt væk")
    for cpr, name in ((LISE, "Lise"), (ANDERS, "Anders")):
        add_citizen(world, cpr, name=name, doctor=OLD)
    world.handle(RegisterPracticeEvent(SYSTEM, OLD, "split", EFFECTIVE, successors))
    return world


def wind_up_on(world: TestWorld, day: date) -> None:
    world.advance(days=(day - world.today).days)
    world.handle(ProcessPracticeEventDeadlines(SYSTEM))


def test_the_patient_without_a_choice_gets_the_nearest_successor_the_day_after() -> None:
    world = split_world()
    world.handle(ChooseGp(Actor.citizen(ANDERS), ANDERS, WEST))
    wind_up_on(world, date(2025, 7, 31))
    lise = world.registry.citizen(LISE)
    assert lise.doctor_on(date(2025, 8, 1)) == OLD  # the free period runs to 31 July
    wind_up_on(world, date(2025, 8, 1))
    assert lise.doctor_on(date(2025, 7, 31)) == OLD
    assert lise.doctor_on(date(2025, 8, 1)) == EAST
    [gp_case] = [c for c in world.registry.cases_of(LISE) if c.case_type is CaseType.GP_CHOICE]
    assert gp_case.details.basis == {LISE: "SPLIT_ASSIGNMENT"}
    assert gp_case.details.fee_dkk == 0
    assert gp_case.details.fee_reason_codes == ["FREE_SPLIT_ASSIGNMENT"]
    assert gp_case.status is CaseStatus.COMPLETED  # registered in LUNA
    assert world.luna.registrations[gp_case.case_id].kind == "gp_listing"
    [letter] = world.registry.letters_of_case(gp_case.case_id)
    assert letter.template == "gp_assigned_split"
    assert "Lægehuset Torvet (ydernummer 200001) er delt i flere nye" in letter.body
    assert "Torvet Øst (ydernummer 200002)" in letter.body
    assert "gratisperioden udløb den 31. juli 2025" in letter.body
    assert "Klagevejledning" in letter.body
    # Anders chose himself: no assignment, no missing choice
    anders = world.registry.citizen(ANDERS)
    assert anders.doctor_on(date(2025, 8, 1)) == WEST
    kinds = [c.case_type for c in world.registry.cases_of(ANDERS)]
    assert CaseType.MISSING_GP_CHOICE not in kinds and kinds.count(CaseType.GP_CHOICE) == 1


def test_running_the_wind_up_again_assigns_nobody_twice() -> None:
    world = split_world()
    wind_up_on(world, date(2025, 8, 1))
    cases = world.registry.case_count()
    world.handle(ProcessPracticeEventDeadlines(SYSTEM))
    wind_up_on(world, date(2025, 8, 2))
    assert world.registry.case_count() == cases


def test_without_a_successor_within_the_limit_the_citizen_gets_missing_gp_choice() -> None:
    world = split_world(successors=(FAR,))
    wind_up_on(world, date(2025, 8, 1))
    lise = world.registry.citizen(LISE)
    assert lise.doctor_on(date(2025, 8, 1)) is None
    kinds = [c.case_type for c in world.registry.cases_of(LISE)]
    assert CaseType.MISSING_GP_CHOICE in kinds and CaseType.GP_CHOICE not in kinds


def test_with_the_parameter_off_nobody_is_assigned() -> None:
    world = split_world()
    uow = world.bus.uow
    uow.parameters = uow.parameters.with_values(
        {"splitPatientsAssignedToSuccessor": {date(2007, 1, 1): False}}
    )
    wind_up_on(world, date(2025, 8, 1))
    kinds = [c.case_type for c in world.registry.cases_of(LISE)]
    assert CaseType.MISSING_GP_CHOICE in kinds and CaseType.GP_CHOICE not in kinds


def test_a_transfer_orders_free_cards_for_its_patients_once_when_it_takes_effect() -> None:
    world = make_world()
    add_practice(world, OLD, offset(THISTED, north_km=1), name="Lægehuset Torvet")
    add_citizen(world, LISE, name="Lise", doctor=OLD)
    world.handle(RegisterPracticeEvent(SYSTEM, OLD, "transfer", EFFECTIVE))
    wind_up_on(world, date(2025, 5, 31))
    assert world.registry.card_orders_of(LISE) == []
    wind_up_on(world, EFFECTIVE)
    [order] = world.registry.card_orders_of(LISE)
    assert order.physical and order.fee_dkk == 0
    card_case = world.registry.case(order.case_id)
    assert card_case.details.trigger == "practice_event"
    assert card_case.effective_date == EFFECTIVE
    world.handle(ProcessPracticeEventDeadlines(SYSTEM))
    wind_up_on(world, date(2025, 8, 1))  # the wind-up after the free period: still one card
    assert len(world.registry.card_orders_of(LISE)) == 1
