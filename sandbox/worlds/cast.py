"""A scenario's cast: named persons and practices placed into the generated world (demos).

Persons with status 05/07 live in Greenland: they exist in the fake CPR only, until they move.
Everyone else is a citizen in the registry, with the group and GP the entry names (``doctor``:
a ydernummer, a cast practice's ydernummer, ``nearest``, ``nearest_open`` or
``nearest_closed``). Relations name other cast persons by ``key`` or by CPR number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from fakes.cpr.backend import Person
from sandbox.domain.cpr import Cpr
from sandbox.domain.geography import Address, Coordinates, Geography, distance_km
from sandbox.domain.model import Citizen, CivilStatus, Practice
from sandbox.worlds.scenario import Scenario

if TYPE_CHECKING:
    from sandbox.worlds.start import StartingWorld

GREENLAND = ("05", "07")
GREENLAND_ADDRESS = {
    "street": "Aqqusinersuaq",
    "house_number": "4",
    "postcode": "3900",
    "city": "Nuuk",
    "municipality_code": "0956",
    "lat": 64.1814,
    "lon": -51.6941,
}


@dataclass(slots=True)
class Cast:
    """Medvirkende - the scenario's named persons (key -> CPR) and practices (key -> yder)."""

    persons: dict[str, str] = field(default_factory=dict)
    practices: dict[str, str] = field(default_factory=dict)
    cpr_only: set[str] = field(default_factory=set)

    def cpr(self, name: str) -> str:
        """A cast key or a CPR number (with or without the dash) as 10 digits."""
        if name in self.persons:
            return self.persons[name]
        return Cpr.parse(name).digits

    def ydernummer(self, name: str) -> str:
        return self.practices.get(name, name)


def reserved_numbers(scenario: Scenario) -> set[str]:
    """The cast's CPR numbers and those its script gives (newborns, new numbers), which the
    population builder must not hand out."""
    found = {
        Cpr.parse(str(item["cpr"])).digits for item in scenario.cast if item["type"] == "person"
    }
    for step in scenario.script:
        for name in ("child_cpr", "new"):
            if name in step:
                found.add(Cpr.parse(str(step[name])).digits)
    return found


def address_of(data: dict[str, Any], geography: Geography) -> Address:
    postcode = geography.postcode(str(data["postcode"]))
    point = (
        Coordinates(float(data["lat"]), float(data["lon"]))
        if "lat" in data and "lon" in data
        else postcode.centre
    )
    return Address(
        str(data["street"]),
        str(data["house_number"]),
        postcode.number,
        postcode.name,
        postcode.municipality_code,
        point,
        data.get("locality"),
        data.get("floor"),
    )


def build_cast(world: StartingWorld) -> Cast:
    cast = Cast()
    since = world.scenario.start - timedelta(days=3 * 365)
    for item in world.scenario.cast:
        if item["type"] == "practice":
            practice = _practice(item, world.geography, since)
            world.registry.add_practice(practice)
            cast.practices[str(item.get("key", practice.ydernummer))] = practice.ydernummer
    for item in world.scenario.cast:
        if item["type"] == "person":
            cpr = Cpr.parse(str(item["cpr"])).digits
            cast.persons[str(item.get("key", cpr))] = cpr
    for item in world.scenario.cast:
        if item["type"] == "person":
            _person(world, cast, item, since)
    return cast


def _practice(item: dict[str, Any], geography: Geography, since: date) -> Practice:
    address = address_of(item["address"], geography)
    doctors = tuple(str(name) for name in item.get("doctors") or ("Læge",))
    return Practice(
        ydernummer=str(item["ydernummer"]),
        name=str(item["name"]),
        address=address,
        region_code=geography.municipality(address.municipality_code).region_code,
        doctors=doctors,
        capacity=float(item.get("capacity", len(doctors))),
        openness=[(since, bool(item.get("open", True)))],
        created_on=since,
    )


def _person(world: StartingWorld, cast: Cast, item: dict[str, Any], since: date) -> None:
    cpr = cast.cpr(str(item.get("key", item["cpr"])))
    birth = Cpr.parse(cpr).birth_date
    if "birth_date" in item:
        birth = date.fromisoformat(str(item["birth_date"]))
    status = str(item.get("status", "01"))
    spouse = cast.cpr(str(item["spouse"])) if item.get("spouse") else None
    parents = tuple(cast.cpr(str(p)) for p in item.get("parents") or ())
    civil = CivilStatus(str(item.get("civil_status", "G" if spouse else "U")))
    if status in GREENLAND or item.get("in_cpr"):
        address = (
            address_to_dict(address_of(item["address"], world.geography))
            if item.get("address") and status not in GREENLAND
            else dict(GREENLAND_ADDRESS)
        )
        world.cpr_backend.add_person(
            Person(cpr, str(item["name"]), birth, status, address, civil.value, spouse, parents)
        )
        cast.cpr_only.add(cpr)
        if status in GREENLAND:
            return
    citizen = Citizen(
        cpr=cpr,
        name=str(item["name"]),
        birth_date=birth,
        address=address_of(item["address"], world.geography),
        status=status,
        civil_status=civil,
        spouse=spouse,
        parents=parents,
        custody_holders=parents,
        declared_samlever=cast.cpr(str(item["samlever"])) if item.get("samlever") else None,
        protected=bool(item.get("protected", False)),
    )
    group = item.get("group", 1)
    world.registry.add_citizen(citizen)
    if group is not None:
        world.registry.change_group(citizen, int(group), since, None, "cast", history=False)
    doctor = _doctor(world, cast, citizen, item.get("doctor", "nearest" if group == 1 else None))
    if doctor is not None:
        world.registry.list_citizen(citizen, doctor.ydernummer, since, None, "CAST", history=False)
    world.residents.append(cpr)
    if item.get("opted_out"):
        world.luna_backend.opt_out(cpr)


def _doctor(world: StartingWorld, cast: Cast, citizen: Citizen, wanted: Any) -> Practice | None:
    if wanted is None:
        return None
    name = str(wanted)
    if not name.startswith("nearest"):
        return world.registry.practice(cast.ydernummer(name))
    today = world.scenario.start
    home = citizen.address  # a point (`distance_km`)

    def fits(practice: Practice) -> bool:
        if name == "nearest_open":
            return practice.is_open_on(today)
        if name == "nearest_closed":
            return not practice.is_open_on(today)
        return True

    found = sorted(
        (distance_km(home, p.address), p.ydernummer)
        for p in world.registry.all_practices()
        if fits(p)
    )
    return world.registry.practice(found[0][1]) if found else None


def address_to_dict(address: Address) -> dict[str, Any]:
    from sandbox.service.cpr_records import address_to_cpr

    return address_to_cpr(address)
