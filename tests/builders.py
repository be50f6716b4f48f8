"""Builders for tests: a small world with a settable clock, fake LUNA and CPR (the system built by
`sandbox.system.build_system`, as the API and the simulator build theirs), and helpers to add
citizens and practices at known places (Thisted and Klitmøller from the release notes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from fakes.cpr.backend import CprBackend
from fakes.luna.backend import LunaBackend
from sandbox.adapters.clock import ManualClock
from sandbox.domain.geography import Address, Coordinates
from sandbox.domain.model import Actor, Citizen, GroupMembership, Practice, Role
from sandbox.service.bus import MessageBus
from sandbox.service.store import Store
from sandbox.system import Fakes, System, build_system

START = date(2025, 4, 9)

KLITMOLLER = Coordinates(57.0407, 8.4908)
THISTED = Coordinates(56.9557, 8.6940)
COPENHAGEN = Coordinates(55.6761, 12.5683)


def address(
    street: str = "Vestergade",
    number: str = "1",
    at: Coordinates = THISTED,
    postcode: str = "7700",
    city: str = "Thisted",
    municipality: str = "0787",
    locality: str | None = None,
) -> Address:
    return Address(street, number, postcode, city, municipality, at, locality)


def klitmoller(number: str = "8") -> Address:
    """P. Madsens Gang <number>, Klitmøller, 7700 Thisted (the release notes' demo address)."""
    return address("P. Madsens Gang", number, KLITMOLLER, locality="Klitmøller")


def offset(point: Coordinates, north_km: float = 0.0, east_km: float = 0.0) -> Coordinates:
    """A point ``north_km`` north and ``east_km`` east of ``point`` (small distances)."""
    import math

    lat = point.lat + north_km / 111.195
    lon = point.lon + east_km / (111.195 * math.cos(math.radians(point.lat)))
    return Coordinates(lat, lon)


@dataclass
class TestWorld:
    """A bus over a fresh registry, a manual clock and in-process fakes."""

    __test__ = False  # a builder, not a test class

    bus: MessageBus
    clock: ManualClock
    luna: LunaBackend
    cpr: CprBackend
    registry: Store
    system: System
    case_worker: Actor = field(
        default_factory=lambda: Actor(Role.CASE_WORKER, "sb-0787-01", "0787")
    )

    @staticmethod
    def of(system: System, clock: ManualClock) -> TestWorld:
        """The test world of a system built in process (`build_system` without ``http``)."""
        assert system.fakes is not None
        fakes = system.fakes
        return TestWorld(system.bus, clock, fakes.luna, fakes.cpr, system.registry, system)

    def handle(self, command: object) -> object:
        return self.bus.handle(command)  # type: ignore[arg-type]

    def run_daily_jobs(self) -> list[Any]:
        """The system's nightly jobs, in their order (`sandbox.system.DAILY`)."""
        return self.system.run_daily_jobs()

    def advance(self, days: int = 0, seconds: float = 0.0) -> None:
        self.clock.advance(timedelta(days=days, seconds=seconds))

    @property
    def today(self) -> date:
        return self.clock.today()


def make_world(start: date = START, relay: bool = True) -> TestWorld:
    clock = ManualClock(datetime.combine(start, time(9, 0)))
    system = build_system(clock, fakes=Fakes(), relay_after_each_command=relay)
    return TestWorld.of(system, clock)


def add_practice(
    world: TestWorld,
    ydernummer: str,
    at: Coordinates = THISTED,
    is_open: bool = True,
    name: str | None = None,
    municipality: str = "0787",
    since: date = date(2015, 1, 1),
) -> Practice:
    practice = Practice(
        ydernummer=ydernummer,
        name=name or f"Lægehuset {ydernummer}",
        address=address("Lægevej", ydernummer[-2:], at, municipality=municipality),
        region_code="1081",
        doctors=("Læge A",),
        openness=[(since, is_open)],
        created_on=since,
    )
    world.registry.add_practice(practice)
    return practice


def add_citizen(
    world: TestWorld,
    cpr: str,
    name: str = "Test Borger",
    home: Address | None = None,
    birth: date = date(1980, 5, 5),
    group: int | None = 1,
    doctor: str | None = None,
    since: date = date(2020, 1, 1),
    **fields: object,
) -> Citizen:
    citizen = Citizen(cpr=cpr, name=name, birth_date=birth, address=home or address(), **fields)  # type: ignore[arg-type]
    if group is not None:
        citizen.groups.append(GroupMembership(group, since, reason="test"))
    world.registry.add_citizen(citizen)
    if doctor is not None:
        world.registry.list_citizen(citizen, doctor, since, None, "TEST", history=False)
    return citizen


def mirror_in_cpr(world: TestWorld, citizen: Citizen, status: str | None = None) -> None:
    """Put the citizen in the fake CPR too (same data), so CPR life events can be applied."""
    from fakes.cpr.backend import Person
    from sandbox.service.cpr_records import address_to_cpr

    world.cpr.add_person(
        Person(
            citizen.cpr,
            citizen.name,
            citizen.birth_date,
            status or citizen.status,
            address_to_cpr(citizen.address),
            str(citizen.civil_status),
            citizen.spouse,
            citizen.parents,
            citizen.custody_holders,
            citizen.protected,
        )
    )
