"""Integration tests for ConsumeCprFeed: births, naming, moves, renumbering, life events."""

from __future__ import annotations

from datetime import date

import pytest

from fakes.cpr.backend import CprBackendError
from sandbox.domain.case_details import Awaiting, GpChoiceDetails
from sandbox.domain.errors import InvalidInput
from sandbox.domain.model import (
    Actor,
    Case,
    CaseStatus,
    CaseType,
    Citizen,
    CivilStatus,
    TaskKind,
)
from sandbox.parameters import default_parameters
from sandbox.service.commands import ConsumeCprFeed
from sandbox.service.cpr_records import address_to_cpr
from sandbox.service.handlers.cpr_events import CprFeedResult
from tests.builders import (
    COPENHAGEN,
    THISTED,
    TestWorld,
    add_citizen,
    add_practice,
    address,
    make_world,
    mirror_in_cpr,
    offset,
)

MOTHER = "0101901234"
FATHER = "0202881234"
CHILD = "2004254321"
BIRTH = date(2025, 4, 20)


def feed(world: TestWorld) -> CprFeedResult:
    result = world.handle(ConsumeCprFeed(Actor.system()))
    assert isinstance(result, CprFeedResult)
    return result


def cases(world: TestWorld, cpr: str, kind: CaseType) -> list[Case]:
    return [c for c in world.registry.cases_of(cpr) if c.case_type is kind]


def person(world: TestWorld, cpr: str, **fields: object) -> Citizen:
    citizen = add_citizen(world, cpr, **fields)  # type: ignore[arg-type]
    mirror_in_cpr(world, citizen)
    return citizen


def birth_world(start: date = date(2025, 4, 23)) -> TestWorld:
    world = make_world(start)
    add_practice(world, "111111")
    person(world, MOTHER, name="Mor", doctor="111111")
    person(world, FATHER, name="Far", group=2)
    return world


# births ----------------------------------------------------------------------------------------
def test_newborn_gets_mothers_group_and_gp_from_the_date_of_birth() -> None:
    world = birth_world()
    world.cpr.birth(CHILD, BIRTH, MOTHER, FATHER, None, world.today)
    assert feed(world).applied == 1
    child = world.registry.citizen(CHILD)
    assert child.group_on(BIRTH).group == 1
    assert child.doctor_on(BIRTH) == "111111"
    assert child.listings[0].valid_from == BIRTH
    assert child.parents == (MOTHER, FATHER) and child.custody_holders == (MOTHER, FATHER)
    (case,) = cases(world, CHILD, CaseType.BIRTH)
    assert case.status is CaseStatus.COMPLETED
    assert world.luna.registrations[case.case_id].kind == "newborn"
    assert not cases(world, CHILD, CaseType.CARD_ORDER)  # the card follows the naming


def test_before_release_the_registration_date_was_used() -> None:
    world = birth_world(date(2025, 4, 5))
    world.cpr.birth(CHILD, date(2025, 4, 1), MOTHER, None, None, world.today)
    feed(world)
    child = world.registry.citizen(CHILD)
    assert child.group_on(date(2025, 4, 4)) is None
    assert child.group_on(date(2025, 4, 5)).group == 1
    assert child.listings[0].valid_from == date(2025, 4, 5)


def test_mother_chose_newly_created_doctor_after_birth_gives_manual_task() -> None:
    world = birth_world()
    add_practice(world, "999999", since=date(2025, 4, 21))
    mother = world.registry.citizen(MOTHER)
    mother.listings[-1].valid_to = date(2025, 4, 22)
    mother.listings.append(mother.listings[-1].__class__("999999", date(2025, 4, 22)))
    world.cpr.birth(CHILD, BIRTH, MOTHER, None, None, world.today)
    feed(world)
    child = world.registry.citizen(CHILD)
    assert child.doctor_on(BIRTH) == "111111"  # the doctor on the date of birth
    tasks = [t for t in world.registry.all_tasks() if t.code == "NEWBORN_MOTHER_NEW_DOCTOR"]
    assert len(tasks) == 1
    assert tasks[0].kind is TaskKind.MANUAL
    assert "nyoprettet praksis (ydernummer 999999)" in tasks[0].title_da


def test_mother_without_doctor_gives_child_missing_gp_choice() -> None:
    world = make_world(date(2025, 4, 23))
    person(world, MOTHER, name="Mor")
    world.cpr.birth(CHILD, BIRTH, MOTHER, None, None, world.today)
    feed(world)
    (missing,) = cases(world, CHILD, CaseType.MISSING_GP_CHOICE)
    assert missing.details.reason == "NEWBORN_WITHOUT_DOCTOR"


@pytest.mark.parametrize(("apart", "vulnerable"), [(0, True), (1, True), (2, False)])
def test_naming_after_birth(apart: int, vulnerable: bool) -> None:
    world = birth_world(BIRTH)
    world.cpr.birth(CHILD, BIRTH, MOTHER, None, None, BIRTH)
    feed(world)
    world.advance(days=apart)
    world.cpr.naming(CHILD, "Alma", world.today)
    feed(world)
    assert world.registry.citizen(CHILD).name == "Alma"
    tasks = [t for t in world.registry.all_tasks() if t.code == "VULNERABLE_BIRTH_NAMING"]
    assert bool(tasks) is vulnerable
    card_cases = cases(world, CHILD, CaseType.CARD_ORDER)
    assert bool(card_cases) is not vulnerable  # no automatic card in a vulnerable situation
    if vulnerable:
        (birth_case,) = cases(world, CHILD, CaseType.BIRTH)
        assert tasks[0].case_id == birth_case.case_id


# moves -----------------------------------------------------------------------------------------
def move_world() -> tuple[TestWorld, Citizen]:
    world = make_world()
    add_practice(world, "111111", is_open=False)
    citizen = person(world, MOTHER, doctor="111111")
    return world, citizen


def test_move_within_municipality_keeps_a_closed_doctor_at_any_distance() -> None:
    world, citizen = move_world()
    far = address("Havnevej", "3", offset(THISTED, north_km=25))
    world.cpr.move(MOTHER, address_to_cpr(far), world.today)
    feed(world)
    assert citizen.address == far and citizen.moved_in_on == world.today
    assert citizen.moved_from_municipality == "0787"
    assert citizen.doctor_on(world.today) == "111111"
    assert not cases(world, MOTHER, CaseType.MISSING_GP_CHOICE)
    assert world.registry.persons_at(far) == (MOTHER,)


def test_move_to_other_municipality_within_limit_keeps_doctor() -> None:
    world, citizen = move_world()
    near = address("Storegade", "1", offset(THISTED, east_km=10), "7950", "Nykøbing M", "0773")
    world.cpr.move(MOTHER, address_to_cpr(near), world.today)
    feed(world)
    assert citizen.doctor_on(world.today) == "111111"
    assert not cases(world, MOTHER, CaseType.MISSING_GP_CHOICE)


def test_move_beyond_limit_opens_missing_gp_choice() -> None:
    world, citizen = move_world()
    far = address("Nørregade", "1", COPENHAGEN, "1165", "København K", "0101")
    world.cpr.move(MOTHER, address_to_cpr(far), world.today)
    feed(world)
    (missing,) = cases(world, MOTHER, CaseType.MISSING_GP_CHOICE)
    assert missing.status is CaseStatus.PENDING
    assert missing.details.reason == "MOVE_BEYOND_LIMIT"
    assert missing.municipality_code == "0101"
    assert citizen.doctor_on(world.today) == "111111"  # kept while the doctor may accept


def test_move_beyond_limit_with_forcing_parameter_ends_listing() -> None:
    world, citizen = move_world()
    world.bus.uow.parameters = default_parameters().with_values(
        {"moveBeyondLimitForcesNewChoice": {date(2007, 1, 1): True}}
    )
    far = address("Nørregade", "1", COPENHAGEN, "1165", "København K", "0101")
    world.cpr.move(MOTHER, address_to_cpr(far), world.today)
    feed(world)
    assert citizen.doctor_on(world.today) is None
    assert cases(world, MOTHER, CaseType.MISSING_GP_CHOICE)


def test_pending_choice_made_ahead_of_the_move_is_approved_by_the_move_event() -> None:
    world, citizen = move_world()
    add_practice(world, "222222", at=offset(THISTED, north_km=2))
    pending = Case(
        "F99999999",
        CaseType.GP_CHOICE,
        "0787",
        MOTHER,
        (),
        CaseStatus.PENDING,
        world.clock.now(),
        Actor.citizen(MOTHER),
        date(2025, 4, 12),
        GpChoiceDetails(ydernummer="222222", practice_name="Ny", awaiting=Awaiting.CPR_MOVE),
    )
    world.registry.add_case(pending)
    world.advance(days=5)
    home = address("Havnevej", "3", offset(THISTED, north_km=2))
    world.cpr.move(MOTHER, address_to_cpr(home), world.today)
    feed(world)
    assert pending.status is CaseStatus.COMPLETED
    assert pending.effective_date == world.today  # the later of the move and the choice
    assert citizen.doctor_on(world.today) == "222222"
    assert citizen.doctor_on(date(2025, 4, 13)) == "111111"
    assert world.luna.registrations[pending.case_id].kind == "gp_listing"
    assert not cases(world, MOTHER, CaseType.MISSING_GP_CHOICE)


# renumbering -----------------------------------------------------------------------------------
def test_renumbering_old_number_group_8_new_inherits_and_links() -> None:
    world = make_world()
    add_practice(world, "111111")
    old = person(world, MOTHER, name="Mor", doctor="111111", since=date(2021, 3, 1))
    spouse = person(world, FATHER, spouse=MOTHER, civil_status=CivilStatus.MARRIED)
    new_cpr = "0101904321"
    world.cpr.renumber(MOTHER, new_cpr, world.today)
    feed(world)
    new = world.registry.citizen(new_cpr)
    assert old.group_on(world.today).group == 8 and old.doctor_on(world.today) is None
    assert old.status == "60" and old.renumbered_to == new_cpr
    assert new.group_on(world.today).group == 1 and new.doctor_on(world.today) == "111111"
    assert new.groups[0].valid_from == date(2021, 3, 1)  # the history comes along
    assert (new.renumbered_from, new.renumbered_on) == (MOTHER, world.today)
    assert world.registry.practice("111111").list_size == 1
    assert world.registry.persons_at(new.address) == (new_cpr, FATHER)
    assert spouse.spouse == new_cpr
    (case,) = cases(world, new_cpr, CaseType.RENUMBERING)
    assert case.involved == (MOTHER,)
    assert world.luna.registrations[case.case_id].kind == "renumbering"
    card_orders = world.registry.card_orders_of(new_cpr)
    assert card_orders and all(order.fee_dkk == 0 for order in card_orders)  # free new card
    assert not world.registry.card_orders_of(MOTHER)


def test_annulment_gives_status_30() -> None:
    world = make_world()
    old = person(world, MOTHER)
    world.cpr.renumber(MOTHER, "0101904321", world.today, annulment=True)
    feed(world)
    assert old.status == "30" and old.group_on(world.today).group == 8


# the insurance ends ----------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["death", "emigration", "move_to_greenland"])
def test_death_emigration_and_greenland_end_the_insurance(kind: str) -> None:
    world = make_world()
    add_practice(world, "111111")
    citizen = person(world, MOTHER, doctor="111111")
    if kind == "death":
        world.cpr.death(MOTHER, world.today)
    elif kind == "emigration":
        world.cpr.emigrate(MOTHER, world.today, "SE")
    else:
        nuuk = {
            "street": "Aqqusinersuaq",
            "house_number": "1",
            "postcode": "3900",
            "city": "Nuuk",
            "municipality_code": "0956",
            "lat": 64.18,
            "lon": -51.72,
        }
        world.cpr.move_to_greenland(MOTHER, nuuk, world.today)
    feed(world)
    assert citizen.group_on(world.today) is None and citizen.doctor_on(world.today) is None
    assert citizen.group_on(date(2025, 4, 8)).group == 1  # history kept
    assert citizen.status == {"death": "90", "emigration": "80", "move_to_greenland": "05"}[kind]
    assert world.registry.practice("111111").list_size == 0
    assert not world.registry.card_orders_of(MOTHER)
    assert not cases(world, MOTHER, CaseType.MISSING_GP_CHOICE)


def test_death_makes_the_spouse_a_widow() -> None:
    world = make_world()
    person(world, MOTHER, spouse=FATHER, civil_status=CivilStatus.MARRIED)
    widow = person(world, FATHER, spouse=MOTHER, civil_status=CivilStatus.MARRIED)
    world.cpr.death(MOTHER, world.today)
    feed(world)
    assert world.registry.citizen(MOTHER).civil_status is CivilStatus.DEAD
    assert widow.spouse is None and widow.civil_status is CivilStatus.WIDOWED


# relations -------------------------------------------------------------------------------------
def test_marriage_divorce_protection_custody() -> None:
    world = make_world()
    a, b = person(world, MOTHER), person(world, FATHER)
    child = person(world, CHILD, birth=date(2020, 4, 20), custody_holders=(MOTHER,))
    world.cpr.marriage(MOTHER, FATHER, world.today)
    feed(world)
    assert (a.spouse, b.spouse) == (FATHER, MOTHER)
    assert a.civil_status is CivilStatus.MARRIED
    world.cpr.divorce(MOTHER, FATHER, world.today)
    world.cpr.set_protection(MOTHER, True, world.today)
    world.cpr.custody(CHILD, (MOTHER, FATHER), world.today)
    feed(world)
    assert (a.spouse, b.spouse) == (None, None) and b.civil_status is CivilStatus.DIVORCED
    assert a.protected
    assert child.custody_holders == (MOTHER, FATHER)


def test_feed_is_read_once_in_order_and_unknown_persons_are_skipped() -> None:
    world = make_world()
    person(world, MOTHER)
    world.cpr.set_protection(MOTHER, True, world.today)
    world.cpr.add_person(world.cpr.person(MOTHER).__class__("0303031234", "X", date(2003, 3, 3)))
    world.cpr.set_protection("0303031234", True, world.today)
    first = feed(world)
    assert (first.applied, first.skipped, first.last_sequence) == (1, (2,), 2)
    again = feed(world)
    assert (again.applied, again.skipped, again.last_sequence) == (0, (), 2)
    assert world.registry.cpr_feed_sequence == 2


def test_broken_event_is_reported_and_does_not_stop_the_feed() -> None:
    world = make_world()
    citizen = person(world, MOTHER)
    world.cpr.move(MOTHER, {"street": "Uden nummer"}, world.today)
    world.cpr.set_protection(MOTHER, True, world.today)
    result = feed(world)
    assert result.failed == ((1, "INVALID_INPUT"),)
    assert result.applied == 1 and citizen.protected
    assert citizen.address == address()  # the broken move changed nothing


def test_a_feed_whose_entry_cannot_be_placed_stops_and_keeps_its_place() -> None:
    """An entry without a date cannot be placed in the feed: the run stops with the error, and
    the feed's place stays where it was, also for the entry read before it (the command is
    rolled back), so the next run reads both again."""
    world = make_world()
    person(world, MOTHER)
    world.cpr.set_protection(MOTHER, True, world.today)
    world.cpr.record("naming", MOTHER, "ingen dato", name="Grethe")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        feed(world)
    assert world.registry.cpr_feed_sequence == 0


# the fake CPR itself -----------------------------------------------------------------------------
def test_fake_cpr_links_renumbered_persons_and_guards_statuses() -> None:
    world = make_world()
    person(world, MOTHER)
    person(world, CHILD, parents=(MOTHER,), custody_holders=(MOTHER,))
    world.cpr.renumber(MOTHER, "0101904321", world.today)
    old, new = world.cpr.person(MOTHER), world.cpr.person("0101904321")
    assert old is not None and new is not None
    assert (old.status, old.replaced_by, new.replaces) == ("60", "0101904321", MOTHER)
    assert world.cpr.person(CHILD).parents == ("0101904321",)  # type: ignore[union-attr]
    with pytest.raises(CprBackendError):
        world.cpr.move_from_greenland(CHILD, {}, world.today)  # lives in Denmark
    with pytest.raises(CprBackendError):
        world.cpr.renumber(CHILD, "0101904321", world.today)  # number in use
    with pytest.raises(CprBackendError):
        world.cpr.naming("9999999999", "X", world.today)


def test_feed_events_are_copies() -> None:
    world = make_world()
    person(world, MOTHER)
    world.cpr.move(MOTHER, address_to_cpr(address("Nygade", "2")), world.today)
    (entry,) = world.bus.uow.cpr.events_after(0)  # type: ignore[union-attr]
    entry.data["address"]["street"] = "Ændret"
    assert world.cpr.events[0].data["address"]["street"] == "Nygade"
    assert entry.kind == "move" and entry.sequence == 1 and entry.on == world.today
