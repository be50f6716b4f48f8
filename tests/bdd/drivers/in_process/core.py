"""The in-process driver: the features run against the reference implementation over the bus.

The fast default (no HTTP, no server): a `tests.builders`-style world (manual clock, fake LUNA
and CPR in the same process) built by `bootstrap`, with a journal that records every decision
so the living documentation can show why. Setting up (Givet) writes the world directly, as the
builders do; acting (Når) goes only through commands on the bus; looking (Så) reads the registry.
The area-specific parts live beside this module, one subclass per family of rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from fakes.cpr.backend import CprBackend, Person
from fakes.luna.backend import LunaBackend
from sandbox.adapters.clock import ManualClock
from sandbox.adapters.in_process import InProcessCpr, InProcessLuna
from sandbox.domain.decisions import Decision
from sandbox.domain.errors import RuleRefused, SandboxError
from sandbox.domain.geography import Address, Coordinates
from sandbox.domain.model import (
    Actor,
    CivilStatus,
    GpListing,
    GroupMembership,
    Practice,
    Role,
)
from sandbox.domain.parameters import Parameters
from sandbox.domain.registry import Registry
from sandbox.parameters import default_parameters
from sandbox.service.bootstrap import bootstrap
from sandbox.service.commands import Command, RelayOutbox
from sandbox.service.events import Event
from sandbox.service.unit_of_work import UnitOfWork
from tests.bdd.drivers.base import DecisionRecord, Names, Outcome
from tests.bdd.drivers.places import point_at_distance
from tests.builders import START, TestWorld, add_citizen


class DecisionRecorder:
    """A bus journal that keeps every decision and refusal, in order."""

    def __init__(self) -> None:
        self.decisions: list[DecisionRecord] = []

    def command(self, command: Command, uow: UnitOfWork) -> None:
        return None

    def event(self, event: Event, uow: UnitOfWork) -> None:
        return None

    def decision(self, subject: str, decision: Decision, uow: UnitOfWork) -> None:
        body = decision.to_dict()
        self.decisions.append(
            DecisionRecord(subject, decision.allowed, body["reasons"], body["conditions"])
        )

    def error(self, command: Command, error: SandboxError, uow: UnitOfWork) -> None:
        return None


def overridden(overrides: Mapping[str, Any]) -> Parameters:
    """The default parameters with some replaced from their first date (what-if runs)."""
    parameters = default_parameters()
    dated = {
        name: {parameters.definition(name).starts[0]: value} for name, value in overrides.items()
    }
    return parameters.with_values(dated) if dated else parameters


class CoreDriver:
    """Driver i samme proces - the world, the clock, acting and the names; areas add the rest."""

    name = "in-process"

    def __init__(self, parameter_overrides: Mapping[str, Any] | None = None) -> None:
        self.names = Names()
        self.log: list[dict[str, Any]] = []
        self.last: Outcome | None = None
        self.practice_events: list[str] = []
        self.recorder = DecisionRecorder()
        self.clock = ManualClock(datetime.combine(START, time(9, 0)))
        self.luna = LunaBackend(seed=1)
        self.cpr_backend = CprBackend()
        self.registry = Registry()
        self.parameters = overridden(parameter_overrides or {})
        bus = bootstrap(
            clock=self.clock,
            luna=InProcessLuna(self.luna, self.clock),
            cpr=InProcessCpr(self.cpr_backend),
            registry=self.registry,
            parameters=self.parameters,
            journals=[self.recorder],
        )
        self.world = TestWorld(bus, self.clock, self.luna, self.cpr_backend, self.registry)

    # time ------------------------------------------------------------------------------------
    def today(self) -> date:
        return self.clock.today()

    def set_today(self, day: date) -> None:
        self.clock.set(datetime.combine(day, time(9, 0)))

    def advance_days(self, days: int) -> None:
        self.clock.advance(timedelta(days=days))

    def advance_minutes(self, minutes: int) -> Outcome:
        """Time passes; the outbox then sends what has fallen due (the relay's job)."""
        self.clock.advance(timedelta(minutes=minutes))
        return self.act(f"der går {minutes} minutter", RelayOutbox(Actor.system()))

    def close(self) -> None:
        return None

    # acting ----------------------------------------------------------------------------------
    def act(self, action: str, command: Command) -> Outcome:
        """Send one command; keep its outcome and the decisions it made for the report."""
        first = len(self.recorder.decisions)
        calls = self.luna.calls
        try:
            result = self.world.bus.handle(command)
        except RuleRefused as refused:
            body = refused.decision.to_dict()
            outcome = Outcome(
                action,
                False,
                refused.code,
                refused.refusal_code,
                refused.message_da,
                refused.message_en,
                body["reasons"],
            )
        except SandboxError as error:
            outcome = Outcome(action, False, error.code, "", error.message_da, error.message_en)
        else:
            made = self.recorder.decisions[first:]
            outcome = Outcome(
                action,
                True,
                reasons=[reason for record in made for reason in record.reasons],
                conditions=[condition for record in made for condition in record.conditions],
                result=self.summarise(result),
            )
        outcome.result["luna_calls"] = self.luna.calls - calls
        self.note(outcome, self.recorder.decisions[first:])
        return outcome

    def note(self, outcome: Outcome, decisions: list[DecisionRecord]) -> None:
        self.last = outcome
        self.log.append(
            {
                "action": outcome.action,
                "accepted": outcome.accepted,
                "code": outcome.code,
                "message_da": outcome.message_da,
                "message_en": outcome.message_en,
                "decisions": [record.to_dict() for record in decisions],
            }
        )

    def summarise(self, result: object) -> dict[str, Any]:
        """The identifiers and counts a later step may need from a command's result."""
        found: dict[str, Any] = {}
        for key in ("case_id", "event_id"):
            value = getattr(result, key, None)
            if isinstance(value, str):
                found[key] = value
        details = getattr(result, "details", None)
        if isinstance(details, dict) and "fee_dkk" in details:
            found["fee_dkk"] = details["fee_dkk"]
        rows = getattr(result, "rows", None)
        if isinstance(rows, tuple | list):
            found["rows"] = [dict(row) for row in rows]
        return found

    def actor(self, role: str, who: str | None = None) -> Actor:
        """The one who acts: a citizen for themselves, or a case worker of their municipality."""
        municipality = "0787"
        if who is not None and self.names.cpr(who) in self.registry.citizens:
            municipality = self.registry.citizens[self.names.cpr(who)].municipality_code
        if role == "citizen":
            return Actor.citizen(self.names.cpr(who) if who else "")
        users = {
            "case_worker": f"sb-{municipality}-01",
            "case_worker_special": f"sbs-{municipality}-01",
            "municipal_admin": f"adm-{municipality}",
            "operator": "servicedesk-01",
        }
        return Actor(Role(role), users[role], None if role == "operator" else municipality)

    # setting up (Givet) ------------------------------------------------------------------------
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
        citizen = self.registry.citizens.get(self.names.cpr(name))
        if citizen is not None:
            return citizen.address.coordinates
        person = self.cpr_backend.persons[self.names.cpr(name)]
        assert person.address is not None
        return Coordinates(person.address["lat"], person.address["lon"])

    def practice_near(self, name: str, who: str, km: float, is_open: bool, since: date) -> None:
        point = point_at_distance(self.home_point(who), km)
        home = self.registry.citizens[self.names.cpr(who)].address
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
        citizen = self.registry.citizens[self.names.cpr(who)]
        ydernummer = self.names.ydernummer(practice)
        citizen.listings = [entry for entry in citizen.listings if entry.valid_from < since]
        for entry in citizen.listings:
            if entry.valid_to is None:
                entry.valid_to = since
        citizen.listings.append(GpListing(ydernummer, since, basis="TEST"))
        self.registry.practices[ydernummer].list_size += 1
        self.registry.note_listing(citizen.cpr, ydernummer)

    def set_birth(self, who: str, born: date) -> None:
        cpr = self.names.cpr(who)
        self.registry.citizens[cpr].birth_date = born
        self.cpr_backend.persons[cpr].birth_date = born

    def set_group(self, who: str, group: int, since: date) -> None:
        citizen = self.registry.citizens[self.names.cpr(who)]
        citizen.groups = [GroupMembership(group, since, reason="test")]

    def marry(self, first: str, second: str) -> None:
        a, b = self.names.cpr(first), self.names.cpr(second)
        for cpr, spouse in ((a, b), (b, a)):
            citizen = self.registry.citizens[cpr]
            citizen.civil_status, citizen.spouse = CivilStatus.MARRIED, spouse
            person = self.cpr_backend.persons[cpr]
            person.civil_status, person.spouse = "G", spouse

    def add_parent(self, child: str, parent: str) -> None:
        kid, adult = self.names.cpr(child), self.names.cpr(parent)
        citizen = self.registry.citizens[kid]
        citizen.parents = (*citizen.parents, adult)
        citizen.custody_holders = (*citizen.custody_holders, adult)
        person = self.cpr_backend.persons[kid]
        person.parents, person.custody_holders = citizen.parents, citizen.custody_holders

    def protect(self, who: str) -> None:
        cpr = self.names.cpr(who)
        if cpr in self.registry.citizens:
            self.registry.citizens[cpr].protected = True
        self.cpr_backend.persons[cpr].protected = True

    # looking (Så) ------------------------------------------------------------------------------
    def doctor_on(self, who: str, day: date) -> str | None:
        citizen = self.registry.citizens[self.names.cpr(who)]
        return self.names.practice_name(citizen.doctor_on(day))

    def group_on(self, who: str, day: date) -> int | None:
        membership = self.registry.citizens[self.names.cpr(who)].group_on(day)
        return membership.group if membership else None

    def luna_registrations(self, case_id: str) -> int:
        """How many registrations LUNA holds under the case's key (idempotency: at most 1)."""
        return sum(1 for key in self.luna.registrations_by_key() if key == case_id)


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
