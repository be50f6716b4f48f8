"""The in-process driver: the features run against the reference implementation over the bus.

The fast default (no HTTP, no server): a `tests.builders`-style world (manual clock, fake LUNA
and CPR in the same process) built by `sandbox.system.build_system`, with a journal that records
every decision so the living documentation can show why. Setting up (Givet) writes the world
directly, as the builders do (`setting`); acting (Når) goes only through commands on the bus
(`gp`, `acting`); looking (Så) reads the system's own views (`looking`). This module has what
they share.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from fakes.cpr.backend import CprBackend
from fakes.luna.backend import LunaBackend
from sandbox.adapters.clock import ManualClock
from sandbox.domain.case_details import CaseDetails
from sandbox.domain.decisions import Decision
from sandbox.domain.errors import RuleRefused, SandboxError
from sandbox.domain.geography import Address, Coordinates
from sandbox.domain.model import Actor, Role
from sandbox.domain.parameters import Parameters
from sandbox.parameters import default_parameters
from sandbox.service.commands import Command, RelayOutbox
from sandbox.service.events import Event
from sandbox.service.store import Store
from sandbox.service.unit_of_work import UnitOfWork
from sandbox.system import Fakes, build_system
from tests.bdd.drivers.base import DecisionRecord, KeepsLog, Names, Outcome
from tests.builders import START, TestWorld


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


class CoreDriver(KeepsLog):
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
        self.parameters = overridden(parameter_overrides or {})
        self.build(Store())

    def build(self, registry: Store) -> None:
        """The system over ``registry``, with this driver's clock, fakes and decision journal."""
        self.registry = registry
        system = build_system(
            self.clock,
            registry=registry,
            fakes=Fakes(cpr=self.cpr_backend, luna=self.luna),
            parameters=self.parameters,
            journals=[self.recorder],
        )
        self.world = TestWorld.of(system, self.clock)

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

    def summarise(self, result: object) -> dict[str, Any]:
        """The identifiers and counts a later step may need from a command's result."""
        found: dict[str, Any] = {}
        for key in ("case_id", "event_id"):
            value = getattr(result, key, None)
            if isinstance(value, str):
                found[key] = value
        details = getattr(result, "details", None)
        fee = details.own_fee() if isinstance(details, CaseDetails) else None
        if fee is not None:
            found["fee_dkk"] = fee
        rows = getattr(result, "rows", None)
        if isinstance(rows, tuple | list):
            found["rows"] = [dict(row) for row in rows]
        return found

    def actor(self, role: str, who: str | None = None) -> Actor:
        """The one who acts: a citizen for themselves, or a case worker of their municipality."""
        municipality = "0787"
        if who is not None and self.registry.has_citizen(self.names.cpr(who)):
            municipality = self.registry.citizen(self.names.cpr(who)).municipality_code
        if role == "citizen":
            return Actor.citizen(self.names.cpr(who) if who else "")
        users = {
            "case_worker": f"sb-{municipality}-01",
            "case_worker_special": f"sbs-{municipality}-01",
            "municipal_admin": f"adm-{municipality}",
            "operator": "servicedesk-01",
        }
        return Actor(Role(role), users[role], None if role == "operator" else municipality)

    # looking (Så) ------------------------------------------------------------------------------
    def doctor_on(self, who: str, day: date) -> str | None:
        citizen = self.registry.citizen(self.names.cpr(who))
        return self.names.practice_name(citizen.doctor_on(day))

    def group_on(self, who: str, day: date) -> int | None:
        membership = self.registry.citizen(self.names.cpr(who)).group_on(day)
        return membership.group if membership else None

    def dormant_on(self, who: str, day: date) -> bool:
        membership = self.registry.citizen(self.names.cpr(who)).group_on(day)
        return membership is not None and membership.reason == "DORMANT"

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
