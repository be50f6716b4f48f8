"""`Store.listed_on`: the citizens listed with a practice on a day, as a scan of everyone would
find them, also after the index has taken a practice's former patients off its candidates (the
ones whose listings there all ended), for earlier days, after a rollback and a restore."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

from sandbox.domain.history import RegistrationState
from sandbox.domain.model import Citizen, GpListing, GroupMembership
from sandbox.service.store import Store
from tests.builders import address

CLOSED, OTHER = "100001", "100002"
START, MOVED, LATER = date(2025, 1, 1), date(2025, 6, 1), date(2025, 9, 1)
AT = datetime.combine(MOVED, time(9))


def _store(count: int) -> tuple[Store, list[Citizen]]:
    store = Store()
    citizens = []
    for number in range(count):
        citizen = Citizen(f"01018{number:05d}", f"Borger {number}", date(1980, 1, 1), address())
        citizen.groups = [GroupMembership(1, START)]
        citizen.listings = [GpListing(CLOSED, START)]
        store.add_citizen(citizen)
        citizens.append(citizen)
    return store, citizens


def _scan(store: Store, citizens: list[Citizen], day: date) -> list[str]:
    return sorted(c.cpr for c in citizens if c.doctor_on(day) == CLOSED)


def _listed(store: Store, day: date) -> list[str]:
    return [citizen.cpr for citizen in store.listed_on(CLOSED, day)]


def test_former_patients_are_found_for_the_days_they_were_listed() -> None:
    store, citizens = _store(6)
    assert _listed(store, MOVED) == _scan(store, citizens, MOVED)
    for citizen in citizens[:4]:  # four leave the practice on MOVED
        store.list_citizen(citizen, OTHER, MOVED, None, "OPEN", at=AT)
    store.list_citizen(citizens[4], None, LATER, None, "PRACTICE_CLOSED", at=AT)  # leaves later
    for day in (LATER, MOVED, date(2025, 5, 31), START, date(2025, 8, 31), LATER, MOVED):
        assert _listed(store, day) == _scan(store, citizens, day), day
    assert len(_listed(store, START)) == 6 and len(_listed(store, LATER)) == 1


def test_a_rollback_after_the_question_brings_the_patients_back() -> None:
    store, citizens = _store(3)
    assert len(_listed(store, MOVED)) == 3  # the index is built
    mark = store.begin()
    for citizen in citizens:
        store.list_citizen(citizen, OTHER, MOVED, None, "OPEN", at=AT)
    assert _listed(store, LATER) == []  # all three taken off the practice's candidates
    store.rollback(mark)
    assert _listed(store, LATER) == _scan(store, citizens, LATER) == [c.cpr for c in citizens]


def test_a_restore_brings_a_listing_back() -> None:
    store, citizens = _store(2)
    before = RegistrationState(  # copies: the store changes the listings in place
        tuple(replace(m) for m in citizens[0].group_history()),
        tuple(replace(listing) for listing in citizens[0].listing_history()),
        False,
    )
    store.list_citizen(citizens[0], OTHER, MOVED, None, "OPEN", at=AT)
    assert _listed(store, LATER) == [citizens[1].cpr]
    store.restore_registrations(citizens[0], before, AT)
    assert _listed(store, LATER) == _scan(store, citizens, LATER) == [c.cpr for c in citizens]


def test_a_new_listing_with_the_practice_is_found_again() -> None:
    store, citizens = _store(2)
    store.list_citizen(citizens[0], OTHER, MOVED, None, "OPEN", at=AT)
    assert _listed(store, LATER) == [citizens[1].cpr]
    store.list_citizen(citizens[0], CLOSED, LATER, None, "OPEN", at=AT)  # back again
    assert _listed(store, LATER) == [c.cpr for c in citizens]
    assert _listed(store, MOVED) == [citizens[1].cpr]
    assert _listed(store, START) == [c.cpr for c in citizens]
