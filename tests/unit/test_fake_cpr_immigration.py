"""The fake CPR's indrejse and forsvinding: status 80, 20 or 70 back to 01 at a Danish address."""

from __future__ import annotations

from datetime import date

import pytest

from fakes.cpr.backend import CprBackend, CprBackendError, Person

DAY = date(2025, 4, 9)
ADDRESS = {
    "street": "Vestergade",
    "house_number": "3",
    "postcode": "7700",
    "municipality_code": "0787",
}


@pytest.mark.parametrize(("status", "origin"), [("80", "abroad"), ("20", "faroe_islands")])
def test_a_person_abroad_moves_in(status: str, origin: str) -> None:
    cpr = CprBackend()
    cpr.add_person(Person("1505963001", "Kent", date(1996, 5, 15), status, None))
    event = cpr.immigrate("1505963001", dict(ADDRESS), DAY, origin)
    person = cpr.persons["1505963001"]
    assert (person.status, person.address) == ("01", ADDRESS)
    assert (event.kind, event.on, event.data["origin"]) == ("immigration", DAY, origin)
    assert event.data["previous_status"] == status


def test_a_resident_cannot_move_in_from_abroad() -> None:
    cpr = CprBackend()
    cpr.add_person(Person("1505963001", "Kent", date(1996, 5, 15), "01", dict(ADDRESS)))
    with pytest.raises(CprBackendError):
        cpr.immigrate("1505963001", dict(ADDRESS), DAY, "abroad")
    assert not cpr.events


def test_a_disappeared_person_is_found_again() -> None:
    cpr = CprBackend()
    cpr.add_person(Person("1505963001", "Kent", date(1996, 5, 15), "01", dict(ADDRESS)))
    gone = cpr.disappear("1505963001", DAY)
    assert (gone.kind, gone.data["status"], cpr.persons["1505963001"].status) == (
        "disappearance",
        "70",
        "70",
    )
    with pytest.raises(CprBackendError):
        cpr.immigrate("1505963001", dict(ADDRESS), DAY, "abroad")  # not abroad
    found = cpr.reappear("1505963001", dict(ADDRESS), DAY)
    assert (found.kind, found.data["previous_status"]) == ("reappearance", "70")
    assert cpr.persons["1505963001"].status == "01"
