"""The store's address index: who lives at an address, by its key (street, number, floor and
postcode, folded), whatever `Address` object is asked about, through moves, renumbering and
rollback, and with two homes whose keys share a checksum told apart."""

from __future__ import annotations

import zlib
from dataclasses import replace
from datetime import date

from sandbox.domain.geography import Address, Coordinates
from sandbox.domain.model import Citizen
from sandbox.service.store import Store

THISTED = Coordinates(56.9557, 8.6940)


def home(street: str, number: str, postcode: str = "7700", floor: str | None = None) -> Address:
    return Address(street, number, postcode, "Thisted", "0787", THISTED, None, floor)


def person(cpr: str, address: Address) -> Citizen:
    return Citizen(cpr=cpr, name="Grethe Hansen", birth_date=date(1980, 5, 5), address=address)


def test_a_household_is_found_by_any_address_with_its_key() -> None:
    store = Store()
    at = home("Vestergade", "3", floor="2. th")
    store.add_household([person("0505801234", at), person("0505801242", at)])
    store.add_citizen(person("0505801250", home("  vestergade ", "3", floor="2.  TH")))
    same = Address(
        "VESTERGADE", " 3 ", "7700", "THISTED", "0787", Coordinates(57.0, 8.0), "X", "2. th"
    )
    assert store.persons_at(same) == ("0505801234", "0505801242", "0505801250")
    assert store.housemates_of(store.citizen("0505801242")) == 2
    assert store.persons_at(home("Vestergade", "3")) == ()
    assert store.persons_at(home("Vestergade", "3", "7000", "2. th")) == ()


def test_homes_whose_keys_share_a_checksum_keep_their_own_residents() -> None:
    one, other = home("Ibbjtsvej", "147", "6893"), home("Gjtypilovej", "43", "1083")
    assert one.key != other.key
    assert zlib.crc32(one.key.encode()) == zlib.crc32(other.key.encode())
    store = Store()
    store.add_household([person("0505801234", one), person("0505801242", one)])
    store.add_citizen(person("0505801250", other))
    assert store.persons_at(replace(one, city="Et sted")) == ("0505801234", "0505801242")
    assert store.persons_at(other) == ("0505801250",)
    assert store.housemates_of(store.citizen("0505801250")) == 0
    store.move_citizen(store.citizen("0505801234"), other)
    assert store.persons_at(one) == ("0505801242",)
    assert store.persons_at(other) == ("0505801250", "0505801234")


def test_moves_renumbering_and_rollback_keep_the_index() -> None:
    store = Store()
    old_home, new_home = home("Storegade", "1"), home("Søndergade", "8A")
    store.add_household([person("0505801234", old_home), person("0505801242", old_home)])
    mark = store.begin()
    store.move_citizen(store.citizen("0505801234"), new_home)
    store.rekey_citizen("0505801242", replace(store.citizen("0505801242"), cpr="0505801269"))
    assert store.persons_at(old_home) == ("0505801269",)
    assert store.persons_at(home("Søndergade", "8 a")) == ("0505801234",)
    store.rollback(mark)  # in the order they were, as if nothing happened
    assert store.persons_at(old_home) == ("0505801234", "0505801242")
    assert store.persons_at(new_home) == ()
    assert not store.has_citizen("0505801269")


def test_a_lone_resident_moves_to_an_empty_home_then_a_shared_one_and_back() -> None:
    store = Store()
    flat, house, shared = home("Storegade", "1"), home("Søndergade", "8A"), home("Vestergade", "3")
    store.add_citizen(person("0505801234", flat))
    store.add_citizen(person("0505801242", shared))
    mark = store.begin()
    store.move_citizen(store.citizen("0505801234"), house)  # out alone, into an empty home
    assert store.persons_at(flat) == () and store.persons_at(house) == ("0505801234",)
    store.move_citizen(store.citizen("0505801234"), shared)  # and on, to live with someone
    assert store.persons_at(house) == ()
    assert store.persons_at(shared) == ("0505801242", "0505801234")
    store.rollback(mark)
    assert store.persons_at(flat) == ("0505801234",)
    assert store.persons_at(house) == () and store.persons_at(shared) == ("0505801242",)


def test_a_reported_move_notes_its_facts_and_a_rollback_takes_back_all_three() -> None:
    store = Store()
    first, second = (
        home("Vestergade", "3"),
        Address("Nørregade", "1", "1165", "København K", "0101", Coordinates(55.68, 12.57)),
    )
    grethe = person("0505801234", first)
    store.add_citizen(grethe)
    store.move_citizen(grethe, home("Storegade", "9"), date(2025, 3, 1))  # outside a command
    assert (grethe.moved_in_on, grethe.moved_from_municipality) == (date(2025, 3, 1), "0787")
    mark = store.begin()
    store.move_citizen(grethe, second, date(2025, 6, 1))
    assert (grethe.address, grethe.moved_in_on, grethe.moved_from_municipality) == (
        second,
        date(2025, 6, 1),
        "0787",
    )
    assert store.persons_at(second) == ("0505801234",)
    store.rollback(mark)
    assert grethe.address.street == "Storegade"
    assert (grethe.moved_in_on, grethe.moved_from_municipality) == (date(2025, 3, 1), "0787")
    assert store.persons_at(second) == () and store.persons_at(first) == ()
    assert store.persons_at(home("Storegade", "9")) == ("0505801234",)
    store.move_citizen(grethe, first)  # not a reported move: the move facts stay as they are
    assert (grethe.moved_in_on, grethe.moved_from_municipality) == (date(2025, 3, 1), "0787")


def test_a_household_moving_one_by_one_rolls_back_exactly_the_member_that_fails() -> None:
    # a household moves as the CPR feed reports it, one entry per member, each in a savepoint
    # of its own: the homes found for the first member serve the second (`Store._home_of`),
    # and a rollback of the second member's entry puts back only that member
    store = Store()
    old_home, new_home = home("Storegade", "1"), home("Søndergade", "8A")
    store.add_household(
        [person(cpr, old_home) for cpr in ("0505801234", "0505801242", "0505801269")]
    )
    store.add_citizen(person("0505801250", new_home))
    outer = store.begin()
    store.move_citizen(store.citizen("0505801234"), new_home, date(2025, 6, 1))
    second = store.begin()
    store.move_citizen(store.citizen("0505801242"), new_home, date(2025, 6, 1))
    assert store.persons_at(old_home) == ("0505801269",)
    assert store.persons_at(new_home) == ("0505801250", "0505801234", "0505801242")
    store.rollback(second)
    assert store.persons_at(old_home) == ("0505801242", "0505801269")
    assert store.persons_at(new_home) == ("0505801250", "0505801234")
    assert store.citizen("0505801242").address is old_home
    assert store.citizen("0505801242").moved_in_on is None
    store.move_citizen(store.citizen("0505801269"), new_home, date(2025, 6, 1))
    assert store.persons_at(old_home) == ("0505801242",)
    store.rollback(outer)
    assert store.persons_at(old_home) == ("0505801234", "0505801242", "0505801269")
    assert store.persons_at(new_home) == ("0505801250",)
    assert {store.citizen(cpr).address for cpr in ("0505801234", "0505801269")} == {old_home}


def test_a_home_found_for_one_address_object_is_not_given_to_an_equal_other() -> None:
    # `_home_of` remembers `Address` objects by identity: an address equal in every field but
    # another object is the same home, one of another key another home
    # while a command runs (outside one it remembers nothing, so the store holds no trace)
    store = Store()
    first, other = home("Storegade", "1"), home("Storegade", "2")
    store.add_citizen(person("0505801234", first))
    store.begin()
    store.move_citizen(store.citizen("0505801234"), other)
    store.move_citizen(store.citizen("0505801234"), replace(first))
    assert store.persons_at(first) == ("0505801234",) and store.persons_at(other) == ()
    store.move_citizen(store.citizen("0505801234"), replace(first, floor="st."))
    assert store.persons_at(first) == () and store.persons_at(other) == ()
    assert store.persons_at(replace(first, floor=" ST. ")) == ("0505801234",)
