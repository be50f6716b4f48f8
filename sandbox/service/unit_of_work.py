"""The unit of work: one command's view of the registry, the outbox, the ids and its events.

State is in memory, so atomicity comes from the handlers' discipline, checked in review and by
the property tests: a handler decides everything (rules, look-ups, validation) before it changes
anything, so a refusal or bad input leaves the world as it was. The unit of work collects the
events and decisions a command produced and hands them to the bus.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sandbox.domain.decisions import Decision
from sandbox.domain.errors import UnknownCase, UnknownCitizen, UnknownPractice
from sandbox.domain.geography import Geography
from sandbox.domain.model import Case, Citizen, Practice
from sandbox.domain.parameters import Parameters
from sandbox.service.events import Event
from sandbox.service.outbox import Outbox
from sandbox.service.ports import BorgerDkPort, Clock, CprPort, LetterDelivery, LunaPort
from sandbox.service.store import Store


class IdSequence:
    """Seeded counters for identifiers: F00000001, O00000001 ... never uuid4."""

    __slots__ = ("_counters",)

    def __init__(self) -> None:
        self._counters: dict[str, int] = {}

    def next(self, prefix: str) -> str:
        value = self._counters.get(prefix, 0) + 1
        self._counters[prefix] = value
        return f"{prefix}{value:08d}"

    def snapshot(self) -> dict[str, int]:
        return dict(self._counters)


@dataclass(slots=True)
class UnitOfWork:
    """Arbejdsenhed - the system's state and its ports, as the handlers see them."""

    registry: Store
    parameters: Parameters
    geography: Geography
    clock: Clock
    luna: LunaPort
    cpr: CprPort | None = None
    borger_dk: BorgerDkPort | None = None
    post: LetterDelivery | None = None
    outbox: Outbox = field(default_factory=Outbox)
    ids: IdSequence = field(default_factory=IdSequence)
    _events: list[Event] = field(default_factory=list)
    _decisions: list[tuple[str, Decision]] = field(default_factory=list)

    def emit(self, event: Event) -> None:
        self._events.append(event)

    def decided(self, subject: str, decision: Decision) -> None:
        """Record a decision so the journal and reports can show it."""
        self._decisions.append((subject, decision))

    def collect_new_events(self) -> list[Event]:
        events, self._events = self._events, []
        return events

    def collect_decisions(self) -> list[tuple[str, Decision]]:
        decisions, self._decisions = self._decisions, []
        return decisions

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        return self.clock.today()

    def citizen(self, cpr: str) -> Citizen:
        try:
            return self.registry.citizen(cpr)
        except KeyError:
            raise UnknownCitizen(cpr=cpr) from None

    def practice(self, ydernummer: str) -> Practice:
        try:
            return self.registry.practice(ydernummer)
        except KeyError:
            raise UnknownPractice(value=ydernummer) from None

    def case(self, case_id: str) -> Case:
        try:
            return self.registry.case(case_id)
        except KeyError:
            raise UnknownCase(case_id=case_id) from None

    def parameter(self, name: str, on: date) -> Any:
        return self.parameters.value(name, on)
