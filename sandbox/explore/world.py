"""Run a schedule: a small world built the way the features' Givet-steps build theirs, then each
step through the service layer, with every invariant checked after every step.

The world mirrors the in-process feature driver on purpose (same clock start, fakes, CPR numbers,
ydernumre, addresses and points), so a schedule and the feature written from it
(`sandbox.explore.gherkin`) do the same thing. A refusal is an outcome; any other exception
from the system is a failure ("exception"), as is a broken invariant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from fakes.cpr.backend import CprBackend, Person
from fakes.luna.backend import LunaBackend
from sandbox.adapters.clock import ManualClock
from sandbox.domain.errors import SandboxError
from sandbox.domain.geography import Address, Coordinates, load_geography
from sandbox.domain.model import Actor, Citizen, GroupMembership, Practice
from sandbox.explore.checks import Problem, scan, stand_in
from sandbox.explore.schedule import SETUP_KINDS, Schedule, Step
from sandbox.parameters import default_parameters
from sandbox.service import commands, views
from sandbox.service.store import Store
from sandbox.simulation.invariants import Invariants, InvariantViolation
from sandbox.system import Fakes, build_system

SINCE = date(2020, 1, 1)  # from when a person's group and doctor hold (as the features)
ADULT = date(1980, 5, 5)  # the birth date of persons the schedule gives no CPR number
STREET = "Vestergade"
# the features' town points (tests/bdd/drivers/places.py): any other town is its postcode centre
CITY_POINTS = {"Thisted": Coordinates(56.9557, 8.6940)}


class InvalidSchedule(Exception):
    """A step names a person or practice no earlier step introduced (a shrink candidate)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """Udfald - what a schedule did: the first broken invariant (if any), and when."""

    problem: Problem | None
    step_index: int | None
    steps_run: int


def address(municipality: str, number: int) -> dict[str, Any]:
    """A street address in the municipality's first postcode, as the features resolve it."""
    geography = load_geography()
    postcode = geography.postcodes_in(municipality)[0]
    point = CITY_POINTS.get(postcode.name, postcode.centre)
    return {
        "street": STREET,
        "house_number": str(number),
        "postcode": postcode.number,
        "city": postcode.name,
        "municipality_code": postcode.municipality_code,
        "lat": point.lat,
        "lon": point.lon,
        "locality": None,
    }


def to_address(data: dict[str, Any]) -> Address:
    return Address(
        data["street"],
        data["house_number"],
        data["postcode"],
        data["city"],
        data["municipality_code"],
        Coordinates(data["lat"], data["lon"]),
        data.get("locality"),
    )


def made_up_cpr(index: int) -> str:
    """The number the features give the index-th person they name (serial 4xxx)."""
    serial = 4000 + index * 2 + 1
    return f"{ADULT:%d%m%y}0{str(serial)[1:]}"


class SmallWorld:
    """Lille verden - one schedule's world: clock, fakes, registry, bus and the checks."""

    def __init__(self, schedule: Schedule) -> None:
        self.schedule = schedule
        self.clock = ManualClock(datetime.combine(schedule.start, time(9, 0)))
        self.luna = LunaBackend(seed=1)
        self.cpr_backend = CprBackend()
        self.registry = Store()
        self.parameters = default_parameters()
        world = stand_in(self.registry, self.luna, self.clock, self.parameters)
        self.invariants = Invariants(world)
        self.bus = build_system(
            self.clock,
            registry=self.registry,
            fakes=Fakes(cpr=self.cpr_backend, luna=self.luna),
            parameters=self.parameters,
            journals=[self.invariants.journal],
        ).bus
        self.persons: dict[str, str] = {}  # name -> CPR number
        self.named = 0  # persons named so far (the features' CPR counter)
        self.practices: dict[str, str] = {}  # name -> ydernummer

    # names -----------------------------------------------------------------------------------
    def cpr(self, name: str) -> str:
        if name not in self.persons:
            raise InvalidSchedule(f"unknown person {name!r}")
        return self.persons[name]

    def ydernummer(self, name: str) -> str:
        if name not in self.practices:
            raise InvalidSchedule(f"unknown practice {name!r}")
        return self.practices[name]

    def address(self, number: int) -> dict[str, Any]:
        return address(self.schedule.municipality, number)

    # running ---------------------------------------------------------------------------------
    def run(self) -> Outcome:
        for index, step in enumerate(self.schedule.steps):
            day = self.schedule.start + timedelta(days=step.day)
            if day > self.clock.today():
                self.clock.set(datetime.combine(day, time(9, 0)))
            try:
                known = views.case_count(self.bus.uow)
                self.apply(step)
                if step.do in SETUP_KINDS:
                    continue  # the world as given; the checks judge what the system does
                fresh = views.case_ids(self.bus.uow)[known:]
                self.invariants.check_touched()
                today = self.clock.today()
                found = scan(self.invariants, today, step.do == "deadlines", fresh)
            except InvalidSchedule:
                raise
            except InvariantViolation as found_now:
                return Outcome(Problem(found_now.name, found_now.detail), index, index + 1)
            except Exception as error:  # anything but a refusal is the system failing
                detail = f"{type(error).__name__}: {error}"
                return Outcome(Problem("exception", detail), index, index + 1)
            if found:
                return Outcome(found[0], index, index + 1)
        return Outcome(None, None, len(self.schedule.steps))

    def send(self, command: commands.Command) -> Any:
        try:
            return self.bus.handle(command)
        except SandboxError:
            return None

    def read_feed(self) -> Any:
        return self.send(commands.ConsumeCprFeed(Actor.system()))

    def apply(self, step: Step) -> Any:
        handler = getattr(self, f"_do_{step.do}", None)
        if handler is None:
            raise InvalidSchedule(f"unknown step {step.do!r}")
        return handler(**step.args)

    # setting up (Givet) ------------------------------------------------------------------------
    def _do_practice(self, name: str, number: int, open: bool) -> None:
        if name in self.practices:
            raise InvalidSchedule(f"practice {name!r} twice")
        ydernummer = f"{100001 + len(self.practices):06d}"
        self.practices[name] = ydernummer
        self.registry.add_practice(
            Practice(
                ydernummer=ydernummer,
                name=name,
                address=to_address(self.address(number)),
                region_code="1081",
                doctors=(f"Læge i {name}",),
                openness=[(SINCE, open)],
                created_on=SINCE,
            )
        )

    def _do_person(self, name: str, number: int) -> None:
        if name in self.persons:
            raise InvalidSchedule(f"person {name!r} twice")
        cpr = made_up_cpr(self.named)
        self.named += 1
        self.persons[name] = cpr
        home = self.address(number)
        self.cpr_backend.add_person(Person(cpr, name, ADULT, "01", dict(home)))
        citizen = Citizen(cpr=cpr, name=name, birth_date=ADULT, address=to_address(home))
        citizen.groups.append(GroupMembership(1, SINCE, reason="test"))
        self.registry.add_citizen(citizen)

    def _do_listed(self, person: str, practice: str) -> None:
        citizen = views.citizen(self.bus.uow, self.cpr(person))
        ydernummer = self.ydernummer(practice)
        self.registry.list_citizen(citizen, ydernummer, SINCE, None, "TEST", history=False)

    def _do_opted_out(self, person: str) -> None:
        self.luna.opt_out(self.cpr(person), self.clock.now())

    # acting (Når) ------------------------------------------------------------------------------
    def _do_choose(self, person: str, practice: str) -> Any:
        cpr = self.cpr(person)
        ydernummer = self.ydernummer(practice)
        return self.send(commands.ChooseGp(Actor.citizen(cpr), cpr, ydernummer, None, ()))

    def _do_samlever(self, person: str, samlever: str, number: int) -> Any:
        cpr, other = self.cpr(person), self.cpr(samlever)
        key = to_address(self.address(number)).key
        return self.send(commands.DeclareSamlever(Actor.citizen(cpr), cpr, other, key))

    def _do_move(self, person: str, number: int, late: bool = False) -> Any:
        cpr = self.cpr(person)
        self.cpr_backend.hold(late)  # a late event waits in CPR's feed until `cpr_release`
        self.cpr_backend.move(cpr, self.address(number), self.clock.today())
        self.cpr_backend.hold(False)
        return self.read_feed()

    def _do_renumber(self, person: str, new_cpr: str, late: bool = False) -> Any:
        old = self.cpr(person)
        self.cpr_backend.hold(late)
        self.cpr_backend.renumber(old, new_cpr, self.clock.today())
        self.cpr_backend.hold(False)
        self.persons[f"{person} (gammelt nummer)"] = old
        self.persons[person] = new_cpr
        self.named += 1
        return self.read_feed()

    def _do_cpr_release(self) -> Any:
        """CPR delivers the held events (after those recorded meanwhile); the system reads."""
        self.cpr_backend.release()
        return self.read_feed()

    def _do_practice_event(self, practice: str, kind: str, in_days: int) -> Any:
        effective = self.clock.today() + timedelta(days=in_days)
        command = commands.RegisterPracticeEvent(
            Actor.system(), self.ydernummer(practice), kind, effective, (), True
        )
        return self.send(command)

    def _do_deadlines(self) -> Any:
        return self.send(commands.ProcessPracticeEventDeadlines(Actor.system()))

    def _do_group(self, person: str, group: int) -> Any:
        cpr = self.cpr(person)
        today = self.clock.today()
        return self.send(commands.ChangeGroup(Actor.citizen(cpr), cpr, group, today))

    def _do_card(self, person: str, reason: str) -> Any:
        cpr = self.cpr(person)
        return self.send(commands.OrderHealthCard(Actor.citizen(cpr), cpr, reason))

    def _do_luna_down(self) -> None:
        now = self.clock.now()
        self.luna.add_window(now, now + timedelta(days=3650), "timeout")

    def _do_luna_lost(self) -> None:
        self.luna.force_next("drop_after_commit")

    def _do_luna_fault(self, fault: str) -> None:
        self.luna.force_next(fault)

    def _do_luna_up(self) -> Any:
        self.luna.clear_faults()
        return self.send(commands.RelayOutbox(Actor.system()))

    def _do_minutes(self, minutes: int) -> Any:
        self.clock.advance(timedelta(minutes=minutes))
        return self.send(commands.RelayOutbox(Actor.system()))


def run_schedule(schedule: Schedule) -> Outcome:
    """Run a schedule in a fresh world (with its mutant, when it names one)."""
    from sandbox.explore.mutants import applied

    with applied(schedule.mutant):
        return SmallWorld(schedule).run()
