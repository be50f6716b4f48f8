"""A letter reads the same whenever it is read: its facts are taken when it is written
(`sandbox.service.letters.contexts.base_facts`) and only formatted when it is first read, so
later changes to the recipient, the involved persons or their cards never reach its text."""

from __future__ import annotations

from datetime import date

from sandbox.domain.model import Actor, Case, Letter
from sandbox.service.commands import ChooseGp, OrderHealthCard
from tests.builders import (
    THISTED,
    TestWorld,
    add_citizen,
    add_practice,
    address,
    make_world,
    offset,
)

MOTHER = "0505801234"
CHILD_1 = "0101151234"
CHILD_2 = "0101181234"


def family_world() -> TestWorld:
    world = make_world()
    add_practice(world, "100001", offset(THISTED, north_km=2))
    add_practice(world, "100002", offset(THISTED, east_km=3), name="Østervang Lægehus")
    add_citizen(world, MOTHER, name="Mette Hansen", doctor="100001")
    for cpr, name, born in ((CHILD_1, "Anna Hansen", 2015), (CHILD_2, "Bo Hansen", 2018)):
        add_citizen(
            world,
            cpr,
            name=name,
            birth=date(born, 1, 1),
            parents=(MOTHER,),
            custody_holders=(MOTHER,),
        )
    return world


def family_letters(world: TestWorld) -> list[Letter]:
    case = world.handle(
        ChooseGp(Actor.citizen(MOTHER), MOTHER, "100002", involved=(CHILD_1, CHILD_2))
    )
    assert isinstance(case, Case)
    world.handle(OrderHealthCard(Actor.citizen(MOTHER), CHILD_2, "lost"))  # a card receipt
    return sorted(world.registry.all_letters(), key=lambda letter: letter.letter_id)


def change_everyone(world: TestWorld) -> None:
    """What may happen to the persons after their letters were written."""
    registry = world.registry
    mother = registry.citizen(MOTHER)
    mother.name = "Mette Hansen Skov"
    registry.move_citizen(mother, address(street="Nygade", number="9"))
    registry.citizen(CHILD_1).protected = True  # protected later: the letter named her before
    registry.citizen(CHILD_2).name = "Bo Skov"


def test_letters_read_after_later_changes_say_what_they_said_when_written() -> None:
    read_at_once = [letter.body for letter in family_letters(family_world())]
    world = family_world()
    letters = family_letters(world)
    change_everyone(world)
    assert [letter.template for letter in letters] == ["gp_choice", "card_receipt"]
    assert [letter.body for letter in letters] == read_at_once
    gp_letter = read_at_once[0]
    assert "Til Mette Hansen\n" in gp_letter and "Anna Hansen" in gp_letter
    assert "Bo Hansen: et nyt sundhedskort sendes med posten." in gp_letter
    assert "Nygade" not in gp_letter and "Skov" not in gp_letter


def test_a_letters_facts_keep_no_changeable_person() -> None:
    world = family_world()
    for letter in family_letters(world):
        facts = letter.text
        assert not isinstance(facts, str)
        kept = {type(value).__name__ for value in facts.values}  # type: ignore[attr-defined]
        assert "Citizen" not in kept and "Case" not in kept and "list" not in kept
