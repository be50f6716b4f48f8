"""The unit of work: one command's view of the store, the outbox, the ids and its events.

A handler decides everything (rules, look-ups, validation) before it changes anything, so a
refusal or bad input leaves the world as it was. Should a command still fail half-way, the bus
rolls it back (`begin`, `commit`, `rollback`): the store takes back its mutations (records,
indexes, listings, groups, list sizes, history, watches, the daily work's schedule, the audit
entries handlers wrote), the LUNA registrations of the cases taken back leave the outbox, and
the events it emitted are dropped. Identifiers taken stay taken, as a database's sequences do,
so no id is ever given twice. Handlers change registrations through the store; a field a
handler writes by hand on something the store holds is noted first, so a rollback puts it back
too: a citizen's person data, a practice's status, a practice event's dates and history, a
task done (`Store.before_change`), a case's status (`Store.move_case`) and the details of a case
that may be older than the command (`Store.before_details_change`).
`tests/simulation/test_rollback_every_command.py` fails the release scenarios' commands at
their end and compares the whole store before and after. Two writes stay on purpose: the LUNA
relay's confirmation of a registration (the case completed, its LUNA id, the outbox entry
done), because LUNA holds it once it answered; and the audit journal's entry for a case
worker's command, written before the command runs, because the log records what they asked
for (`sandbox.service.audit`). The unit of work collects the events and decisions a command
produced and hands them to the bus.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sandbox.domain.decisions import Decision
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
        return prefix + str(value).zfill(8)  # f"{prefix}{value:08d}", a third cheaper

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
    # the bus's `MessageBus.handle_part`: send a command that is part of the one being handled
    dispatch: Callable[[Any], Any] | None = None
    # the events and decisions of the command being handled: each one list for the unit of
    # work's life (emptied, never replaced), so the bus reads the very list handlers add to
    _events: list[Event] = field(default_factory=list)
    _decisions: list[tuple[str, Decision]] = field(default_factory=list)
    # `emit` is the events list's own append: a national year emits 13 million events, and a
    # method around it was a Python call each
    emit: Callable[[Event], None] = field(init=False, repr=False, compare=False)
    # the store's look-ups by key, bound once (UnknownCitizen, UnknownPractice, UnknownCase when
    # there is none): handlers ask them about a million times a year at 300,000 residents
    citizen: Callable[[str], Citizen] = field(init=False, repr=False, compare=False)
    practice: Callable[[str], Practice] = field(init=False, repr=False, compare=False)
    case: Callable[[str], Case] = field(init=False, repr=False, compare=False)
    # the clock's reading while the bus handles a command (`hold_clock`): it stands still
    # then, and a command asks it about fifteen times (every case, card order and letter)
    _now: datetime | None = None
    _today: date | None = None

    def __post_init__(self) -> None:
        self.emit = self._events.append  # emit(event): publish ``event`` after the command
        registry = self.registry
        self.citizen, self.practice, self.case = registry.citizen, registry.practice, registry.case

    def begin(self) -> tuple[int, int]:
        """A command starts; the savepoint to `commit` or `rollback` it (they nest)."""
        return self.registry.begin(), len(self._events)

    def commit(self, savepoint: tuple[int, int]) -> None:
        self.registry.commit(savepoint[0])

    def rollback(self, savepoint: tuple[int, int]) -> None:
        """Leave no change of the command begun at ``savepoint`` (its decisions stay, for the
        journal to show why it failed)."""
        for case_id in self.registry.rollback(savepoint[0]):
            self.outbox.withdraw(case_id)
        del self._events[savepoint[1] :]

    def decided(self, subject: str, decision: Decision) -> None:
        """Record a decision so the journal and reports can show it."""
        self._decisions.append((subject, decision))

    def collect_new_events(self) -> list[Event]:
        """The events emitted and not yet handled, taken away."""
        events = self._events.copy()
        self._events.clear()
        return events

    def collect_decisions(self) -> list[tuple[str, Decision]]:
        """The decisions recorded and not yet shown to the journals, taken away."""
        decisions = self._decisions.copy()
        self._decisions.clear()
        return decisions

    def hold_clock(self) -> None:
        """A command starts: read the clock once; `now` and `today` give that until
        `release_clock` (the clock does not move while a command is handled)."""
        self._now, self._today = self.clock.now(), self.clock.today()

    def release_clock(self) -> None:
        """The command is done: `now` and `today` ask the clock again."""
        self._now = self._today = None

    def now(self) -> datetime:
        now = self._now
        return now if now is not None else self.clock.now()

    def today(self) -> date:
        today = self._today
        return today if today is not None else self.clock.today()

    def parameter(self, name: str, on: date) -> Any:
        return self.parameters.value(name, on)
