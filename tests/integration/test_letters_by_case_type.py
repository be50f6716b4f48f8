"""The letter of each case type, through the real commands and the fake CPR's feed: group
change, move from Greenland (approved and cancelled), renumbering - one letter per case, to
its main person, and one card per person per CPR event."""

from __future__ import annotations

from datetime import date

from fakes.cpr.backend import Person
from sandbox.domain.model import Actor, Case, CaseType
from sandbox.service.commands import ChangeGroup, ChooseGpForGreenlandMove, ConsumeCprFeed
from sandbox.service.cpr_records import address_to_cpr
from tests.builders import (
    KLITMOLLER,
    THISTED,
    TestWorld,
    add_citizen,
    add_practice,
    klitmoller,
    make_world,
    mirror_in_cpr,
    offset,
)

STORM = "0102700000"
NUUK = {
    "street": "Aqqusinersuaq",
    "house_number": "1",
    "postcode": "3900",
    "city": "Nuuk",
    "municipality_code": "0956",
    "lat": 64.18,
    "lon": -51.72,
}
ADULT = "0505801234"


def world_with_practices() -> TestWorld:
    world = make_world()
    add_practice(world, "100001", offset(THISTED, north_km=2))
    add_practice(world, "100002", offset(KLITMOLLER, north_km=1), name="Klitmøller Lægehus")
    return world


def feed(world: TestWorld) -> None:
    world.handle(ConsumeCprFeed(Actor.system()))


def letters_to(world: TestWorld, cpr: str) -> list[tuple[str, str]]:
    letters = world.registry.all_letters()
    return [(lt.template, lt.body) for lt in letters if lt.recipient_cpr == cpr]


def card_cases_of(world: TestWorld, cpr: str) -> list[Case]:
    return [c for c in world.registry.cases_of(cpr) if c.case_type is CaseType.CARD_ORDER]


def storm_chooses(world: TestWorld) -> None:
    world.cpr.add_person(Person(STORM, "Storm Henningsen", date(1970, 2, 1), "05", dict(NUUK)))
    command = ChooseGpForGreenlandMove(
        Actor.citizen(STORM), STORM, "0787", klitmoller("4"), "100002"
    )
    world.handle(command)


def test_a_group_change_letter_tells_the_group_and_the_card_fee() -> None:
    world = world_with_practices()
    add_citizen(world, ADULT, name="Frede Hansen", doctor="100001")
    world.handle(ChangeGroup(world.case_worker, ADULT, 2, world.today))
    [(template, body)] = letters_to(world, ADULT)
    assert template == "group_change"
    assert "Du er i sikringsgruppe 2 fra den 9. april 2025." in body
    assert "Gebyret for skiftet er 230 kr." in body
    [card_case] = card_cases_of(world, ADULT)
    assert card_case.details.trigger == "group_change"


def test_storm_moves_from_greenland_one_letter_and_one_card() -> None:
    world = world_with_practices()
    storm_chooses(world)
    assert letters_to(world, STORM) == []  # pending: nothing yet
    assert card_cases_of(world, STORM) == []
    world.cpr.move_from_greenland(STORM, address_to_cpr(klitmoller("4")), world.today)
    feed(world)
    [(template, body)] = letters_to(world, STORM)
    assert template == "greenland_move_approved"
    assert "Klitmøller Lægehus" in body and "sikringsgruppe 1" in body
    [card_case] = card_cases_of(world, STORM)  # the move's card is the approval's card
    assert card_case.details.trigger == "move_in"


def test_a_wrong_address_cancels_the_choice_and_the_letter_asks_for_a_new_one() -> None:
    world = world_with_practices()
    storm_chooses(world)
    world.cpr.move_from_greenland(STORM, address_to_cpr(klitmoller("6")), world.today)
    feed(world)
    letters = dict(letters_to(world, STORM))
    assert set(letters) == {"greenland_move_cancelled", "group_change"}
    body = letters["greenland_move_cancelled"]
    assert "annulleret" in body and "Vælg en læge senest den 23. april 2025" in body
    assert len(card_cases_of(world, STORM)) == 1


def test_a_renumbered_citizen_gets_one_letter_on_the_new_number() -> None:
    world = world_with_practices()
    mirror_in_cpr(world, add_citizen(world, ADULT, name="Frede Hansen", doctor="100001"))
    new = "0505809999"
    world.cpr.renumber(ADULT, new, world.today)
    feed(world)
    assert letters_to(world, ADULT) == []
    [(template, body)] = letters_to(world, new)
    assert template == "renumbering"
    assert "050580-9999 i stedet for 050580-1234" in body
    assert "Det gælder også for" not in body  # the old number is the same person
    [card_case] = card_cases_of(world, new)
    [order] = [o for o in world.registry.all_card_orders() if o.case_id == card_case.case_id]
    assert order.cpr == new and order.fee_dkk == 0


def test_every_letter_goes_to_its_cases_main_person_only_once() -> None:
    world = world_with_practices()
    mirror_in_cpr(world, add_citizen(world, ADULT, name="Frede Hansen", doctor="100001"))
    world.cpr.birth("0104251234", date(2025, 4, 7), ADULT, None, None, world.today)
    world.cpr.move(ADULT, address_to_cpr(klitmoller("8")), world.today)
    feed(world)
    storm_chooses(world)
    world.cpr.move_from_greenland(STORM, address_to_cpr(klitmoller("6")), world.today)
    feed(world)
    seen = set()
    for letter in world.registry.all_letters():
        assert letter.recipient_cpr == world.registry.case(letter.case_id).main_cpr
        assert letter.case_id not in seen
        seen.add(letter.case_id)
