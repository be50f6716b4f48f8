"""The fake CPR lets go of what its reader has read, and its feed still reads by position."""

from __future__ import annotations

from datetime import date

from fakes.cpr.backend import CprBackend, Person

DAY = date(2025, 4, 9)
ADDRESS = {
    "street": "Vestergade",
    "house_number": "3",
    "postcode": "7700",
    "municipality_code": "0787",
}


def test_forgotten_events_keep_their_slot_and_persons_leave() -> None:
    cpr = CprBackend()
    for number in ("0101801001", "0101801002", "0101801003"):
        cpr.add_person(Person(number, "Navn", date(1980, 1, 1), "01", dict(ADDRESS)))
        cpr.move(number, dict(ADDRESS), DAY)
    cpr.forget(["0101801001", "0101801009"], events_up_to=2)  # an unknown CPR is no error
    assert sorted(cpr.persons) == ["0101801002", "0101801003"]
    assert [event.kind for event in cpr.events_after(0)][:2] == ["forgotten", "forgotten"]
    assert [(event.sequence, event.cpr) for event in cpr.events_after(2)] == [(3, "0101801003")]
    cpr.forget(events_up_to=99)  # beyond the end: up to what there is
    assert len(cpr.events) == 3 and cpr.events[2].kind == "forgotten"
