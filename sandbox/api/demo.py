"""The default world of `sandbox serve`: Aarhus and Thisted, with the release notes' persons.

A small population (PopulationBuilder, seeded) gives practices and citizens in the two
municipalities of the release-notes demos (self-service URL ``kommuneid=0751``, the move to
Klitmøller in Thisted), and the demo persons are added by name so the README's curl examples
work as printed: Kent (150596-3001) lives with Sigrid in Aarhus, unmarried; Olivia
(120984-0000) lives at P. Madsens Gang 8, Klitmøller; Storm Henningsen (010270-0000) lives in
Greenland, so CPR knows him but Sygesikring does not (yet).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fakes.cpr.backend import Person
from sandbox.domain.cpr import make_cpr
from sandbox.domain.geography import Address, Coordinates, Geography, distance_km
from sandbox.domain.model import Citizen, GpListing, GroupMembership
from sandbox.domain.registry import Registry
from sandbox.service.cpr_records import address_to_cpr

DEMO_SEED = 20250409
DEMO_START = date(2025, 4, 9)
DEMO_MUNICIPALITIES = ("0751", "0787")
DEMO_POPULATION = 400

KENT = "1505963001"
OLIVIA = "1209840000"
STORM = "0102700000"
SIGRID = make_cpr(date(1997, 3, 14), 0).digits

KLITMOLLER = Coordinates(57.0407, 8.4908)
AARHUS_HOME = Address("Vestergade", "12", "8000", "Aarhus C", "0751", Coordinates(56.1567, 10.2011))
NUUK = {
    "street": "Aqqusinersuaq",
    "house_number": "3",
    "postcode": "3900",
    "city": "Nuuk",
    "municipality_code": "0956",
    "lat": 64.1814,
    "lon": -51.6941,
}


@dataclass(frozen=True, slots=True)
class DemoPerson:
    cpr: str
    name: str
    birth_date: date
    address: Address


def klitmoller(number: str) -> Address:
    """P. Madsens Gang <number>, Klitmøller, 7700 Thisted."""
    return Address("P. Madsens Gang", number, "7700", "Thisted", "0787", KLITMOLLER, "Klitmøller")


DEMO_PERSONS = (
    DemoPerson(KENT, "Kent Demo", date(1996, 5, 15), AARHUS_HOME),
    DemoPerson(SIGRID, "Sigrid Demo", date(1997, 3, 14), AARHUS_HOME),
    DemoPerson(OLIVIA, "Olivia Demo", date(1984, 9, 12), klitmoller("8")),
)


def add_demo_persons(registry: Registry, cpr_persons: dict[str, Person], since: date) -> None:
    """The release notes' persons, each in group 1 with the nearest open practice."""
    for demo in DEMO_PERSONS:
        citizen = Citizen(demo.cpr, demo.name, demo.birth_date, demo.address)
        citizen.groups.append(GroupMembership(1, since, reason="demo"))
        nearest = _nearest_open_practice(registry, demo.address, since)
        if nearest is not None:
            citizen.listings.append(GpListing(nearest, since, basis="DEMO"))
            registry.practices[nearest].list_size += 1
        registry.add_citizen(citizen)
        cpr_persons[demo.cpr] = person_of(citizen)
    cpr_persons[STORM] = Person(STORM, "Storm Henningsen", date(1970, 2, 1), "05", dict(NUUK))


def person_of(citizen: Citizen) -> Person:
    """The CPR record of a citizen the population builder made (CPR must know everyone)."""
    return Person(
        cpr=citizen.cpr,
        name=citizen.name,
        birth_date=citizen.birth_date,
        status=citizen.status,
        address=address_to_cpr(citizen.address),
        civil_status=str(citizen.civil_status),
        spouse=citizen.spouse,
        parents=citizen.parents,
        custody_holders=citizen.custody_holders,
        protected=citizen.protected,
    )


def _nearest_open_practice(registry: Registry, home: Address, on: date) -> str | None:
    candidates = [
        practice
        for practice in registry.practices.values()
        if practice.municipality_code == home.municipality_code and practice.is_open_on(on)
    ]
    if not candidates:
        return None
    best = min(
        candidates,
        key=lambda p: (distance_km(home.coordinates, p.address.coordinates), p.ydernummer),
    )
    return best.ydernummer


def municipality_codes(geography: Geography) -> tuple[str, ...]:
    return tuple(m.code for m in geography.municipalities())
