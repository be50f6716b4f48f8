"""Test data for one namespace (``/_control/fixtures``): a practice, and a citizen Sygesikring
already knows, mirrored into the fake CPR - what ``tests.builders`` does in process, over HTTP.

Everything is checked first (pydantic at the edge, then the references: municipality, doctor,
relations), and only then written, so a refused fixture leaves the world unchanged.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from fakes.cpr.backend import Person
from fakes.schema_types import CprText, Flag, IsoDate, Number
from sandbox.api.world import SandboxWorld, person_of
from sandbox.domain.cpr import Cpr
from sandbox.domain.errors import InvalidInput, SandboxError
from sandbox.domain.geography import Address, Coordinates
from sandbox.domain.model import Citizen, CivilStatus, Practice
from sandbox.service import views

CprNumber = CprText
Ydernummer = Annotated[str, Field(pattern=r"^[0-9]{6}$", examples=["100001"])]
MunicipalityCode = Annotated[str, Field(pattern=r"^[0-9]{3,4}$", examples=["0787"])]


class FixtureExists(SandboxError):
    code = "FIXTURE_EXISTS"
    kind = "conflict"
    da = "{what} {key} findes allerede i navnerummet."
    en = "{what} {key} already exists in the namespace."


class CoordinatesIn(BaseModel):
    lat: Number = Field(ge=-90, le=90, examples=[56.9557])
    lon: Number = Field(ge=-180, le=180, examples=[8.694])


class FixtureAddressIn(CoordinatesIn):
    """An address with its point (what CPR holds)."""

    street: str = Field(min_length=1, max_length=80, examples=["Vestergade"])
    house_number: str = Field(min_length=1, max_length=10, examples=["1"])
    postcode: str = Field(pattern=r"^[0-9]{4}$", examples=["7700"])
    city: str = Field(min_length=1, max_length=60, examples=["Thisted"])
    municipality_code: MunicipalityCode
    locality: str | None = Field(default=None, max_length=60)
    floor: str | None = Field(default=None, max_length=20)


class PracticeFixtureIn(BaseModel):
    """A practice: an address, or a point in a municipality (the address is then made up),
    open or closed to new patients from ``since``."""

    ydernummer: Ydernummer
    name: str = Field(min_length=1, max_length=120)
    address: FixtureAddressIn | None = None
    coordinates: CoordinatesIn | None = None
    municipality_code: MunicipalityCode | None = None
    region_code: str = Field(default="1081", pattern=r"^[0-9]{4}$")
    doctors: list[Annotated[str, Field(min_length=1, max_length=120)]] = Field(
        default_factory=list, max_length=20
    )
    open: Flag = True
    since: IsoDate = date(2015, 1, 1)
    created_on: IsoDate | None = None


class SinceIn(BaseModel):
    since: IsoDate


class GroupFixtureIn(SinceIn):
    group: Literal[1, 2]


class DoctorFixtureIn(SinceIn):
    ydernummer: Ydernummer


class RelationsIn(BaseModel):
    """Fields a citizen fixture may set or change (None: keep)."""

    birth_date: IsoDate | None = None
    civil_status: CivilStatus | None = None
    spouse: CprNumber | None = None
    parents: list[CprNumber] | None = Field(default=None, max_length=4)
    custody_holders: list[CprNumber] | None = Field(default=None, max_length=4)
    protected: Flag | None = None
    group: GroupFixtureIn | None = None
    doctor: DoctorFixtureIn | None = None


class CitizenFixtureIn(RelationsIn):
    """A citizen Sygesikring already knows (and CPR too), with a group and a doctor since a
    date."""

    cpr: CprNumber
    name: str = Field(min_length=1, max_length=120)
    birth_date: IsoDate | None = None  # default: the date the CPR number gives
    address: FixtureAddressIn
    status: Literal["01", "03", "05", "07"] = "01"


class CitizenFixtureOut(BaseModel):
    cpr: str
    name: str
    birth_date: date
    municipality_code: str
    group: int | None
    ydernummer: str | None


class PracticeFixtureOut(BaseModel):
    ydernummer: str
    name: str
    municipality_code: str
    lat: float
    lon: float
    open: bool


def _digits(text: str) -> str:
    return Cpr.parse(text).digits


def _municipality(world: SandboxWorld, code: str) -> str:
    if world.geography.is_greenland(code):
        return code
    try:
        return world.geography.municipality(code).code
    except SandboxError:
        raise InvalidInput(
            field="municipality_code",
            reason_da=f"kommunekoden {code} findes ikke",
            reason_en=f"the municipality code {code} does not exist",
        ) from None


def _address(world: SandboxWorld, data: FixtureAddressIn) -> Address:
    code = _municipality(world, data.municipality_code)
    point = Coordinates(data.lat, data.lon)
    return Address(
        data.street,
        data.house_number,
        data.postcode,
        data.city,
        code,
        point,
        data.locality,
        data.floor,
    )


def _practice_address(world: SandboxWorld, body: PracticeFixtureIn) -> Address:
    if body.address is not None:
        return _address(world, body.address)
    if body.coordinates is None or body.municipality_code is None:
        raise InvalidInput(
            field="address",
            reason_da="angiv en adresse eller koordinater og en kommunekode",
            reason_en="give an address, or coordinates and a municipality code",
        )
    code = _municipality(world, body.municipality_code)
    postcode = world.geography.postcodes_in(code)[0]
    point = Coordinates(body.coordinates.lat, body.coordinates.lon)
    return Address("Lægevej", body.ydernummer[-2:], postcode.number, postcode.name, code, point)


def add_practice(world: SandboxWorld, body: PracticeFixtureIn) -> PracticeFixtureOut:
    """Put a practice into the namespace's registry."""
    if world.registry.has_practice(body.ydernummer):
        raise FixtureExists(what="Praksis", key=body.ydernummer)
    address = _practice_address(world, body)
    practice = Practice(
        ydernummer=body.ydernummer,
        name=body.name,
        address=address,
        region_code=body.region_code,
        doctors=tuple(body.doctors) or (f"Læge i {body.name}",),
        openness=[(body.since, body.open)],
        created_on=body.created_on or body.since,
    )
    world.registry.add_practice(practice)
    return practice_out(practice, world.today())


def practice_out(practice: Practice, today: date) -> PracticeFixtureOut:
    point = practice.address.coordinates
    return PracticeFixtureOut(
        ydernummer=practice.ydernummer,
        name=practice.name,
        municipality_code=practice.municipality_code,
        lat=point.lat,
        lon=point.lon,
        open=practice.is_open_on(today),
    )


def _relations(world: SandboxWorld, body: RelationsIn, own: str) -> dict[str, object]:
    """The checked changes of ``body``: relations as plain CPR digits, the doctor known."""
    found: dict[str, object] = {}
    if body.doctor is not None and not world.registry.has_practice(body.doctor.ydernummer):
        raise InvalidInput(
            field="doctor.ydernummer",
            reason_da=f"praksis {body.doctor.ydernummer} findes ikke i navnerummet",
            reason_en=f"practice {body.doctor.ydernummer} does not exist in the namespace",
        )
    for name in ("parents", "custody_holders"):
        given = getattr(body, name)
        if given is not None:
            found[name] = tuple(_digits(cpr) for cpr in given)
    if body.spouse is not None:
        found["spouse"] = _digits(body.spouse)
    parents = found.get("parents", ())
    assert isinstance(parents, tuple)
    if own in (*parents, found.get("spouse")):
        raise InvalidInput(
            field="relations",
            reason_da="en borger kan ikke være sin egen forælder eller ægtefælle",
            reason_en="a citizen cannot be their own parent or spouse",
        )
    for name in ("birth_date", "civil_status", "protected"):
        if getattr(body, name) is not None:
            found[name] = getattr(body, name)
    return found


def _apply(
    world: SandboxWorld, citizen: Citizen, body: RelationsIn, changes: dict[str, object]
) -> None:
    for name, value in changes.items():
        setattr(citizen, name, value)
    # test data: changed as the service changes it (list sizes follow), with no history
    if body.group is not None:
        group = body.group
        world.registry.change_group(
            citizen, group.group, group.since, None, "fixture", history=False
        )
    if body.doctor is not None:
        doctor = body.doctor
        world.registry.list_citizen(
            citizen, doctor.ydernummer, doctor.since, None, "FIXTURE", history=False
        )
    world.cpr.persons[citizen.cpr] = _mirrored(world, citizen)


def _mirrored(world: SandboxWorld, citizen: Citizen) -> Person:
    """The citizen's CPR record, keeping what only CPR knows (a status, number links)."""
    person = person_of(citizen)
    old = world.cpr.persons.get(citizen.cpr)
    if old is not None:
        person.replaced_by, person.replaces = old.replaced_by, old.replaces
    return person


def add_citizen(world: SandboxWorld, body: CitizenFixtureIn) -> CitizenFixtureOut:
    """Put a citizen into the registry and the fake CPR."""
    parsed = Cpr.parse(body.cpr)
    if world.registry.has_citizen(parsed.digits):
        raise FixtureExists(what="Borgeren", key=parsed.digits)
    address = _address(world, body.address)
    changes = _relations(world, body, parsed.digits)
    citizen = Citizen(
        cpr=parsed.digits,
        name=body.name,
        birth_date=body.birth_date or parsed.birth_date,
        address=address,
        status=body.status,
    )
    world.registry.add_citizen(citizen)
    _apply(world, citizen, body, changes)
    return citizen_out(citizen, world.today())


def change_citizen(world: SandboxWorld, cpr: str, body: RelationsIn) -> CitizenFixtureOut:
    """Change a known citizen's data (test data: no case, no letter, no CPR event)."""
    citizen = views.known_citizen(world.uow, _digits(cpr))
    if citizen is None:
        raise InvalidInput(
            field="cpr",
            reason_da=f"borgeren {cpr} findes ikke i navnerummet",
            reason_en=f"the citizen {cpr} does not exist in the namespace",
        )
    changes = _relations(world, body, citizen.cpr)
    _apply(world, citizen, body, changes)
    return citizen_out(citizen, world.today())


def citizen_out(citizen: Citizen, today: date) -> CitizenFixtureOut:
    group = citizen.group_on(today)
    return CitizenFixtureOut(
        cpr=citizen.cpr,
        name=citizen.name,
        birth_date=citizen.birth_date,
        municipality_code=citizen.municipality_code,
        group=group.group if group else None,
        ydernummer=citizen.doctor_on(today),
    )
