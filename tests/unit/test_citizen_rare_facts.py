"""A citizen's rare facts (`RareFacts`: samlever, protection dates, the latest move,
renumbering, marriage) read and write like its other attributes, are made only when one is set,
and survive `dataclasses.replace` and pickling without being shared."""

from __future__ import annotations

import pickle
from dataclasses import replace
from datetime import date

from sandbox.domain.geography import Address, Coordinates
from sandbox.domain.model import Citizen, MoveFacts, RareFacts

HOME = Address("Storegade", "1", "7700", "Thisted", "0787", Coordinates(56.95, 8.69))


def a_citizen(**rare: object) -> Citizen:
    return Citizen("0505801234", "Grethe", date(1980, 5, 5), HOME, **rare)  # type: ignore[arg-type]


def test_a_citizen_without_rare_facts_holds_no_object_for_them() -> None:
    citizen = a_citizen()
    assert citizen._rare is None
    assert citizen.declared_samlever is None and citizen.married_on is None


def test_rare_facts_given_to_the_constructor_read_back() -> None:
    citizen = a_citizen(declared_samlever="0101801234", protected_until=date(2026, 1, 1))
    assert citizen.declared_samlever == "0101801234"
    assert citizen.protected_until == date(2026, 1, 1)
    assert citizen.renumbered_to is None


def test_the_same_facts_make_equal_citizens_however_they_were_set() -> None:
    by_constructor = a_citizen(moved_in_on=date(2025, 4, 9))
    by_attribute = a_citizen()
    by_attribute.moved_in_on = date(2025, 4, 9)
    assert by_constructor == by_attribute


def test_setting_the_last_rare_fact_back_to_none_drops_the_object() -> None:
    citizen = a_citizen(married_on=date(2025, 5, 1))
    citizen.married_on = None
    assert citizen._rare is None
    assert citizen == a_citizen()


def test_replace_copies_the_rare_facts_and_does_not_share_them() -> None:
    old = a_citizen(renumbered_to="0505801242", declared_samlever="0101801234")
    new = replace(old, cpr="0505801242")
    assert new.declared_samlever == "0101801234" and new.renumbered_to == "0505801242"
    new.renumbered_to = None
    assert old.renumbered_to == "0505801242"


def test_a_pickled_citizen_keeps_its_rare_facts() -> None:
    citizen = a_citizen(group_choice_by=date(2025, 6, 1))
    again = pickle.loads(pickle.dumps(citizen))
    assert again == citizen and again.group_choice_by == date(2025, 6, 1)


def test_a_mover_with_no_other_rare_fact_holds_the_small_form() -> None:
    citizen = a_citizen()
    citizen.moved_in_on = date(2025, 4, 9)
    citizen.moved_from_municipality = "0101"
    assert type(citizen._rare) is MoveFacts
    assert citizen.married_on is None and citizen.renumbered_to is None
    assert citizen == a_citizen(moved_in_on=date(2025, 4, 9), moved_from_municipality="0101")


def test_another_rare_fact_beside_a_move_and_back_keeps_one_form_for_the_same_facts() -> None:
    citizen = a_citizen(moved_in_on=date(2025, 4, 9))
    citizen.married_on = date(2025, 5, 1)
    assert type(citizen._rare) is RareFacts
    assert (citizen.moved_in_on, citizen.married_on) == (date(2025, 4, 9), date(2025, 5, 1))
    both = a_citizen(moved_in_on=date(2025, 4, 9), married_on=date(2025, 5, 1))
    assert citizen == both
    citizen.married_on = None
    assert type(citizen._rare) is MoveFacts and citizen == a_citizen(moved_in_on=date(2025, 4, 9))
    citizen.married_on = None  # setting an unset fact to None changes nothing
    citizen.moved_in_on = None
    assert citizen._rare is None and citizen == a_citizen()


def test_replace_and_pickle_keep_a_movers_facts_unshared() -> None:
    old = a_citizen(moved_in_on=date(2025, 4, 9))
    new = replace(old, cpr="0505801242")
    new.moved_in_on = date(2025, 6, 1)
    assert old.moved_in_on == date(2025, 4, 9)
    again = pickle.loads(pickle.dumps(old))
    assert again == old and type(again._rare) is MoveFacts


def test_a_newcomer_is_the_citizen_the_constructor_makes_from_the_same_four_facts() -> None:
    made = Citizen.newcomer("0505801234", "Grethe", date(1980, 5, 5), HOME)
    assert made == a_citizen() and repr(made) == repr(a_citizen())
    assert (
        made._rare is None
        and made.group_history() == ()
        and made.doctor_on(date(2025, 1, 1)) is None
    )
    made.moved_in_on = date(2025, 4, 9)
    assert made == a_citizen(moved_in_on=date(2025, 4, 9))
