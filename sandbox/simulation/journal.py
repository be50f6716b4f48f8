"""Journals of a run: the replay log (events.jsonl), the counts behind summary.json, and the
simulator's one bus journal over the counts and the invariants' notes (`SimJournal`).

They see every command, event, decision and error through the bus (`sandbox.service.bus.Journal`),
in order, stamped with simulated time. Output is deterministic: sorted keys, no wall clock, no
set iteration. The replay log's ``level`` (the scenario's ``log``) chooses what it keeps:
``full`` everything, ``decisions`` commands, decisions and errors, ``commands`` commands and
errors only (national runs: the log stays small, and a replay re-runs the seed anyway).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from functools import partial
from operator import attrgetter
from typing import IO, TYPE_CHECKING, Any

from sandbox.domain.decisions import Decision
from sandbox.domain.errors import RuleRefused, SandboxError
from sandbox.jsonable import jsonable
from sandbox.service.commands import Command
from sandbox.service.events import Event
from sandbox.service.unit_of_work import UnitOfWork
from sandbox.simulation.timeline import Timeline

if TYPE_CHECKING:
    from sandbox.simulation.invariants import TouchJournal
    from sandbox.simulation.world import World


def decision_data(subject: str, decision: Decision) -> dict[str, Any]:
    return {
        "subject": subject,
        "allowed": decision.allowed,
        "conditions": list(decision.conditions),
        "reasons": [
            {
                "rule_id": r.rule_id,
                "code": r.code,
                "fields": jsonable(dict(r.fields)),
                "parameters": [p.to_dict() for p in r.parameters],
            }
            for r in decision.reasons
        ],
    }


class ReplayLog:
    """events.jsonl - one JSON object per line, in the order things happened."""

    def __init__(self, stream: IO[str], level: str = "full") -> None:
        self.stream = stream
        self.sequence = 0
        self.events = level == "full"
        self.decisions = level in ("full", "decisions")
        # the bus shows it only what it keeps (`sandbox.service.bus.Journal`)
        self.sees_events, self.sees_decisions = self.events, self.decisions
        self._encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode

    def _write(self, uow: UnitOfWork, kind: str, name: str, data: Any) -> None:
        self.sequence += 1
        line = {"seq": self.sequence, "t": uow.now().isoformat(), "kind": kind, "type": name}
        line["data"] = data
        self.stream.write(self._encode(line) + "\n")

    def command(self, command: Command, uow: UnitOfWork) -> None:
        self._write(uow, "command", type(command).__name__, jsonable(command))

    def event(self, event: Event, uow: UnitOfWork) -> None:
        if self.events:
            self._write(uow, "event", type(event).__name__, jsonable(event))

    def decision(self, subject: str, decision: Decision, uow: UnitOfWork) -> None:
        if self.decisions:
            self._write(uow, "decision", "Decision", decision_data(subject, decision))

    def error(self, command: Command, error: SandboxError, uow: UnitOfWork) -> None:
        data = {"command": type(command).__name__, "code": error.code}
        if isinstance(error, RuleRefused):
            data["refusal_code"] = error.refusal_code
        self._write(uow, "error", type(error).__name__, data)


class RunStats:
    """Counts of what happened, for summary.json, and the day-by-day timeline for the report."""

    def __init__(self, world: World) -> None:
        self.commands: Counter[str] = Counter()
        self._events: dict[type[Event], int] = {}
        self.errors: Counter[str] = Counter()
        self.refusals: Counter[str] = Counter()
        self.refusal_texts: dict[str, tuple[str, str]] = {}
        self.decisions = 0
        self.timeline = Timeline(world, self._events)

    def command(self, command: Command, uow: UnitOfWork) -> None:
        self.commands[type(command).__name__] += 1

    @property
    def events(self) -> Counter[str]:
        """Events by type name, in the order the types first came."""
        return Counter({kind.__name__: count for kind, count in self._events.items()})

    def event(self, event: Event, uow: UnitOfWork) -> None:
        # counted by type, named when read: the bus calls this for every event of a run
        kind = type(event)
        events = self._events
        events[kind] = events.get(kind, 0) + 1
        on = self.timeline.on.get(kind)
        if on is not None:
            on(event)

    def decision(self, subject: str, decision: Decision, uow: UnitOfWork) -> None:
        self.decisions += 1

    def error(self, command: Command, error: SandboxError, uow: UnitOfWork) -> None:
        self.errors[error.code] += 1
        if isinstance(error, RuleRefused):
            code = error.refusal_code
            self.refusals[code] += 1
            self.timeline.refused(code)
            if code not in self.refusal_texts:
                reason = error.decision.reasons[0]
                self.refusal_texts[code] = (reason.text("da"), reason.text("en"))

    def end_of_day(self, day: int) -> None:
        self.timeline.end_of_day(day)


class SimJournal:
    """The simulator's one journal on the bus: `RunStats` (with its timeline) and the
    invariants' `TouchJournal`, with one plan per event type.

    The bus calls each of its journals for every event (a national year: 13 million); the two
    journals were two calls, each looking the event's type up, and the touch journal asked each
    field's value whether it was a string or a tuple. Here an event is one call: its type's
    plan, made at the type's first event, names the fields to note (`TouchJournal.plain_plan`)
    and what else to call (the touch journal's letters, cards and LUNA keys, the timeline's
    plots: a few types). Commands, decisions and errors go to both journals as before."""

    def __init__(self, stats: RunStats, touch: TouchJournal) -> None:
        self.stats = stats
        self.touch = touch
        self._counts = stats._events
        self._cprs = touch.cprs
        self._cases = touch.cases
        self._plans: dict[type[Event], Callable[[Event], None]] = {}

    def command(self, command: Command, uow: UnitOfWork) -> None:
        self.stats.command(command, uow)
        self.touch.note(command, uow)

    def event(self, event: Event, uow: UnitOfWork) -> None:
        note = self._plans.get(type(event))
        if note is None:
            note = self._learn(type(event), uow)
        note(event)

    def watch(self, kind: type[Event], uow: UnitOfWork) -> Callable[[Event], None]:
        """Its plan for ``kind``: the bus calls it for each event of the kind instead of `event`
        (`sandbox.service.bus.Journal.watch`)."""
        return self._plans.get(kind) or self._learn(kind, uow)

    def _learn(self, kind: type[Event], uow: UnitOfWork) -> Callable[[Event], None]:
        self._counts[kind] = 0  # in the order the types first came, as `RunStats.event`
        plain = self.touch.plain_plan(kind)
        plot = self.stats.timeline.on.get(kind)
        if plain is None:  # a field that may hold a tuple: the touch journal notes it
            cpr_names: tuple[str, ...] = ()
            case_names: tuple[str, ...] = ()
            also: Callable[[Event], None] | None = partial(self.touch.note, uow=uow)
        else:
            cpr_names, case_names, also = plain
        then = tuple(call for call in (also, plot) if call is not None)
        note = self._plans[kind] = event_plan(
            kind, self._counts, self._cprs, self._cases, cpr_names, case_names, then
        )
        return note

    def decision(self, subject: str, decision: Decision, uow: UnitOfWork) -> None:
        self.stats.decisions += 1

    def error(self, command: Command, error: SandboxError, uow: UnitOfWork) -> None:
        self.stats.error(command, error, uow)


def event_plan(
    kind: type[Event],
    counts: dict[type[Event], int],
    cprs: dict[str, None],
    cases: dict[str, None],
    cpr_names: tuple[str, ...],
    case_names: tuple[str, ...],
    then: tuple[Callable[[Any], None], ...],
) -> Callable[[Event], None]:
    """What `SimJournal` does with an event of type ``kind``, as one function: count it, note
    its CPR numbers and case ids (fields of one value or None), then the calls it needs.

    Nearly every type names at most one CPR number and one case id, and most need no further
    call: those get a function of just that (no loop over empty name lists, no name looked up
    by string), the rest the general one. The same notes in the same order either way."""
    cpr = attrgetter(cpr_names[0]) if len(cpr_names) == 1 else None
    case = attrgetter(case_names[0]) if len(case_names) == 1 else None
    if len(cpr_names) > 1 or len(case_names) > 1 or len(then) > 1:
        cpr_gets = tuple(attrgetter(name) for name in cpr_names)
        case_gets = tuple(attrgetter(name) for name in case_names)

        def note_any(event: Event) -> None:
            counts[kind] += 1
            for get in cpr_gets:
                value = get(event)
                if value is not None:
                    cprs[value] = None
            for get in case_gets:
                value = get(event)
                if value is not None:
                    cases[value] = None
            for call in then:
                call(event)

        return note_any
    call = then[0] if then else None

    def note(event: Event) -> None:
        counts[kind] += 1
        if cpr is not None:
            value = cpr(event)
            if value is not None:
                cprs[value] = None
        if case is not None:
            value = case(event)
            if value is not None:
                cases[value] = None
        if call is not None:
            call(event)

    return note
