"""In-process driver: setting up a world (Givet) the way `tests.builders` does: directly.

Persons go into the fake CPR and, when resident, into Sygesikring's registry with a group (and
a doctor) from a date; practices go into the registry at a place; the demo world is the same
template `sandbox serve` copies into each namespace. Acting and looking never write directly.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from fakes.cpr.backend import Person
from sandbox.api.world import WorldSpec, WorldTemplate
from sandbox.domain.geography import Coordinates
from sandbox.domain.model import CivilStatus, Practice
from tests.bdd.drivers.in_process.core import CoreDriver, to_address
from tests.bdd.drivers.places import point_at_distance
from tests.builders import add_citizen


class Setting(CoreDriver):
    """Opsætning - Givet-steps in the same process."""

    def use_demo_world(self) -> None:
        """The demo world of `sandbox serve` (the same template the API copies per namespace)."""
        spec, template = demo_template()
        state = template.fresh()
        self.cpr_backend.persons = state[1]
        if len(state) > 2:  # the physical-card opt-outs LUNA holds in that world
            self.luna.opt_outs = dict(state[2])
        self.clock.set(spec.start)
        self.build(state[0])

    def know_person(self, name: str, cpr: str) -> None:
        if cpr not in self.cpr_backend.persons:
            raise AssertionError(f"{name} ({cpr}) findes ikke i verdenen")
        self.names.persons[name] = cpr

    def pick_practice(self, name: str, municipality_code: str) -> None:
        today = self.today()
        found = sorted(
            practice.ydernummer
            for practice in self.registry.all_practices()
            if practice.municipality_code == municipality_code and practice.is_open_on(today)
        )
        if not found:
            raise AssertionError(f"ingen åben praksis i {municipality_code}")
        self.names.practices[name] = found[0]

    def add_person(
        self,
        name: str,
        cpr: str,
        address: dict[str, Any],
        birth: date,
        group: int | None,
        since: date,
        status: str = "01",
    ) -> None:
        """A person known to CPR and, when resident, to Sygesikring (group from ``since``)."""
        self.names.persons[name] = cpr
        self.cpr_backend.add_person(Person(cpr, name, birth, status, dict(address)))
        if status in ("01", "03"):
            add_citizen(self.world, cpr, name, to_address(address), birth, group, None, since)

    def add_practice(
        self, name: str, ydernummer: str, address: dict[str, Any], is_open: bool, since: date
    ) -> None:
        self.names.practices[name] = ydernummer
        practice = Practice(
            ydernummer=ydernummer,
            name=name,
            address=to_address(address),
            region_code="1081",
            doctors=(f"Læge i {name}",),
            openness=[(since, is_open)],
            created_on=since,
        )
        self.registry.add_practice(practice)

    def home_point(self, name: str) -> Coordinates:
        citizen = self.registry.find_citizen(self.names.cpr(name))
        if citizen is not None:
            return citizen.address.coordinates
        person = self.cpr_backend.persons[self.names.cpr(name)]
        assert person.address is not None
        return Coordinates(person.address["lat"], person.address["lon"])

    def practice_near(self, name: str, who: str, km: float, is_open: bool, since: date) -> None:
        point = point_at_distance(self.home_point(who), km)
        home = self.registry.citizen(self.names.cpr(who)).address
        address = {
            "street": "Lægevej",
            "house_number": str(len(self.names.practices) + 1),
            "postcode": home.postcode,
            "city": home.city,
            "municipality_code": home.municipality_code,
            "lat": point.lat,
            "lon": point.lon,
            "locality": None,
        }
        self.add_practice(name, self.names.next_ydernummer(), address, is_open, since)

    def list_with(self, who: str, practice: str, since: date) -> None:
        citizen = self.registry.citizen(self.names.cpr(who))
        ydernummer = self.names.ydernummer(practice)
        self.registry.list_citizen(citizen, ydernummer, since, None, "TEST", history=False)

    def set_birth(self, who: str, born: date) -> None:
        cpr = self.names.cpr(who)
        self.registry.citizen(cpr).birth_date = born
        self.cpr_backend.persons[cpr].birth_date = born

    def set_group(self, who: str, group: int, since: date) -> None:
        """From ``since`` the person is in ``group``; the period before ends there."""
        citizen = self.registry.citizen(self.names.cpr(who))
        self.registry.change_group(citizen, group, since, None, "test", history=False)

    def marry(self, first: str, second: str) -> None:
        a, b = self.names.cpr(first), self.names.cpr(second)
        for cpr, spouse in ((a, b), (b, a)):
            citizen = self.registry.citizen(cpr)
            citizen.civil_status, citizen.spouse = CivilStatus.MARRIED, spouse
            person = self.cpr_backend.persons[cpr]
            person.civil_status, person.spouse = "G", spouse

    def add_parent(self, child: str, parent: str) -> None:
        kid, adult = self.names.cpr(child), self.names.cpr(parent)
        citizen = self.registry.citizen(kid)
        citizen.parents = (*citizen.parents, adult)
        citizen.custody_holders = (*citizen.custody_holders, adult)
        person = self.cpr_backend.persons[kid]
        person.parents, person.custody_holders = citizen.parents, citizen.custody_holders

    def protect(self, who: str) -> None:
        cpr = self.names.cpr(who)
        if self.registry.has_citizen(cpr):
            self.registry.citizen(cpr).protected = True
        self.cpr_backend.persons[cpr].protected = True


@cache
def demo_template() -> tuple[WorldSpec, WorldTemplate]:
    """Built once per process: the population takes a moment; each driver copies it."""
    spec = WorldSpec.demo()
    return spec, WorldTemplate(spec)
