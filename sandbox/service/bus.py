"""The message bus: commands to one handler, events to many, with a journal of it all.

The bus never swallows an error: a refused or failing command is rolled back (the unit of
work's savepoint) and raises to its caller after the journal has seen it. Events a handler
emits are handled in order, breadth first, before ``handle`` returns, so a caller sees the
world settled.

A command may be made of parts, each itself a command with its handler in the wiring table:
`ConsumeCprFeed` sends each CPR feed entry it reads (`sandbox.service.cpr_commands`) with
`UnitOfWork.dispatch`, which is `MessageBus.handle_part`. A part is not journaled on its own
(the journal saw the command it belongs to, and a replay re-reads the feed) and its events and
decisions are those of that command; the feed rolls back a failing entry alone (a savepoint
inside the command's).

An event that names its case's type (``case_type``: `CaseCreated`, `CaseCompleted`) can have
handlers wired for some case types only (`ForCaseTypes`, or any handler with a ``case_types``
attribute, such as `sandbox.service.handlers.letters.WriteLetter`): the bus looks up the
handlers of the event's kind and case type once, and never calls the others - a national year
completes 2.8 million cases, most of them automatic card orders that get no letter and order
no cards.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from sandbox.domain.decisions import Decision
from sandbox.domain.errors import SandboxError
from sandbox.service.authorization import authorize
from sandbox.service.commands import Command
from sandbox.service.events import Event
from sandbox.service.unit_of_work import UnitOfWork

CommandHandler = Callable[[Any, UnitOfWork], Any]
EventHandler = Callable[[Any, UnitOfWork], None]


class Journal(Protocol):
    """Whoever wants to see every message: the replay log, the reports, the API's journal.

    A journal whose ``sees_events`` (or ``sees_decisions``) is false - an attribute it may
    have, true when it has none - is not shown the events (the decisions): the bus skips its
    `event` (`decision`) for the millions of a national run. The bus reads these when the
    journal joins its list (not for each command), so they are set when the journal is made.

    A journal may also have ``watch(kind, uow)``: what it does with each event of that kind,
    one function of the event (or None: nothing). The bus asks it once a kind, at the kind's
    first event, and then calls that for each event of the kind instead of `event` (the
    simulator's journal, `sandbox.simulation.journal.SimJournal`, has one plan a kind).
    """

    def command(self, command: Command, uow: UnitOfWork) -> None: ...

    def event(self, event: Event, uow: UnitOfWork) -> None: ...

    def decision(self, subject: str, decision: Decision, uow: UnitOfWork) -> None: ...

    def error(self, command: Command, error: SandboxError, uow: UnitOfWork) -> None: ...


@dataclass(frozen=True, slots=True)
class ForCaseTypes:
    """A wiring: ``handler`` is sent an event (with ``case_type``) only for a case of one of
    ``case_types``: the bus calls ``handler`` itself for those alone (called directly, this
    passes on only their events too)."""

    handler: EventHandler
    case_types: frozenset[str]

    def __call__(self, event: Any, uow: UnitOfWork) -> None:
        if event.case_type in self.case_types:
            self.handler(event, uow)


def for_case_types(handler: EventHandler, *case_types: str) -> ForCaseTypes:
    """Wire ``handler`` for events about cases of ``case_types`` only."""
    return ForCaseTypes(handler, frozenset(case_types))


class Routes(dict[str, tuple[EventHandler, ...]]):
    """An event kind's handlers per case type (in their wired order), and ``every``: those of
    any other case type (the handlers wired for all)."""

    __slots__ = ("every",)

    def __init__(
        self, routes: dict[str, tuple[EventHandler, ...]], every: tuple[EventHandler, ...]
    ) -> None:
        super().__init__(routes)
        self.every = every


# what the bus does with an event of a kind (`MessageBus._plan`): the journals' calls, then the
# kind's handlers or, for a kind routed by its case's type, their `Routes`
Plan = tuple[tuple[Callable[[Event], None], ...], tuple[EventHandler, ...] | Routes]


def _routes(handlers: Sequence[EventHandler]) -> Routes | None:
    """The `Routes` of an event kind some of whose handlers are for some case types only (a
    ``case_types`` attribute); None if none is."""
    limited = [getattr(handler, "case_types", None) for handler in handlers]
    if all(case_types is None for case_types in limited):
        return None
    named = {case_type for case_types in limited if case_types for case_type in case_types}
    every = tuple(h for h, case_types in zip(handlers, limited, strict=True) if case_types is None)
    return Routes(
        {
            case_type: tuple(
                handler.handler if isinstance(handler, ForCaseTypes) else handler
                for handler, case_types in zip(handlers, limited, strict=True)
                if case_types is None or case_type in case_types
            )
            for case_type in sorted(named)
        },
        every,
    )


class MessageBus:
    """Beskedbus - routes commands and events to their handlers (wired in bootstrap)."""

    def __init__(
        self,
        uow: UnitOfWork,
        command_handlers: Mapping[type[Command], CommandHandler],
        event_handlers: Mapping[type[Event], Sequence[EventHandler]],
        journals: Sequence[Journal] = (),
        after_command: Sequence[Command] = (),
    ) -> None:
        self.uow = uow
        self.command_handlers = dict(command_handlers)
        self.event_handlers = {kind: tuple(handlers) for kind, handlers in event_handlers.items()}
        # what the dispatch looks up, once an event: the handlers of its kind, or the `Routes`
        # of a kind routed by its case's type
        self._handlers: dict[type[Event], tuple[EventHandler, ...] | Routes] = {}
        for kind, handlers in self.event_handlers.items():
            routes = _routes(handlers)
            self._handlers[kind] = handlers if routes is None else routes
        self.journals = list(journals)
        self.after_command = tuple(after_command)
        # the journals' `decision` and `event` of those that see them, bound once for the
        # journals as they are (`_look_at_journals`: made again when one is added or taken away)
        self._journals_seen: list[Journal] = []
        self._deciders: list[Callable[[str, Decision, UnitOfWork], None]] = []
        # an event kind's plan, made at its first event (`_plan`): what the journals do with
        # it, then its handlers (or their `Routes`); made again when the journals change
        self._plans: dict[type[Event], Plan] = {}
        uow.dispatch = self.handle_part

    def handle(self, command: Command) -> Any:
        """Handle a command and every event it causes; return the command handler's result."""
        result = self._run(command)
        for follow_up in self.after_command:
            if type(follow_up) is not type(command):
                self._run(follow_up)
        return result

    def handle_part(self, command: Command) -> Any:
        """Handle ``command`` as part of the command being handled; return its handler's result.

        It is authorized like any command; a refusal or bad input raises to the command it is
        part of, which decides what that means (the CPR feed reports the entry and goes on)."""
        handler = self.command_handlers.get(type(command))
        if handler is None:
            raise LookupError(f"no handler for {type(command).__name__}")
        authorize(command, self.uow)
        return handler(command, self.uow)

    def _run(self, command: Command) -> Any:
        uow = self.uow
        uow.hold_clock()  # the clock stands still while a command is handled
        try:
            self._look_at_journals()
            for journal in self.journals:
                journal.command(command, uow)
            handler = self.command_handlers.get(type(command))
            if handler is None:
                raise LookupError(f"no handler for {type(command).__name__}")
            savepoint = uow.begin()  # a command that fails half-way leaves no change
            try:
                authorize(command, uow)  # whoever sends it (sandbox.service.authorization)
                result = handler(command, uow)
            except SandboxError as error:
                uow.rollback(savepoint)
                self._flush_decisions()
                uow.collect_new_events()
                for journal in self.journals:
                    journal.error(command, error, uow)
                raise
            except BaseException:
                uow.rollback(savepoint)
                raise
            try:
                # many commands decide or emit nothing (a relay run with nothing due, a card
                # order refused): look before flushing
                if uow._decisions:
                    self._flush_decisions()
                if uow._events:
                    self._dispatch_events()
                uow.commit(savepoint)  # inside: a commit that fails leaves no change either
            except BaseException:
                uow.rollback(savepoint)
                raise
            return result
        finally:
            uow.release_clock()

    def _look_at_journals(self) -> None:
        """Bind the journals' `decision` of those that see decisions, and forget the events'
        plans, when the journals changed since (a test adds one): not for each command."""
        journals = self.journals
        if journals != self._journals_seen:  # the same journals compare by identity: cheap
            self._journals_seen = list(journals)
            self._deciders = [j.decision for j in journals if getattr(j, "sees_decisions", True)]
            self._plans = {}

    def _flush_decisions(self) -> None:
        uow, deciders = self.uow, self._deciders
        decisions = uow._decisions
        for subject, decision in decisions:
            for decide in deciders:
                decide(subject, decision, uow)
        decisions.clear()

    def _plan(self, kind: type[Event]) -> Plan:
        """What the bus does with an event of ``kind``: what each journal that sees events does
        with it (its `watch`, else its `event`), then the kind's handlers."""
        uow = self.uow
        watching: list[Callable[[Event], None]] = []
        for journal in self.journals:
            if not getattr(journal, "sees_events", True):
                continue
            watch = getattr(journal, "watch", None)
            if watch is None:
                watching.append(partial(_show, journal.event, uow))
                continue
            seen = watch(kind, uow)
            if seen is not None:
                watching.append(seen)
        plan = self._plans[kind] = (tuple(watching), self._handlers.get(kind, ()))
        return plan

    def _dispatch_events(self) -> None:
        """Handle the events emitted, in order, and those their handlers emit, breadth first.

        Handlers emit onto the unit of work's events list while this walks it (a list's
        iterator sees what is appended during the walk): the events a handler emits come after
        those already there, as a queue would give them, without collecting them after each
        handler call; the list is emptied at the end."""
        uow, flush = self.uow, self._flush_decisions
        self._look_at_journals()
        plans, decisions, events = self._plans, uow._decisions, uow._events
        for event in events:
            kind = type(event)
            plan = plans.get(kind)
            if plan is None:
                plan = self._plan(kind)
            watching, handlers = plan
            for watch in watching:
                watch(event)
            if isinstance(handlers, Routes):
                # a kind routed by its case's type: only the handlers wired for this type
                handlers = handlers.get(event.case_type, handlers.every)  # type: ignore[attr-defined]
            for handler in handlers:
                handler(event, uow)
                # most handler calls decide nothing: look before flushing
                if decisions:
                    flush()
        events.clear()


def _show(event_of: Callable[[Event, UnitOfWork], None], uow: UnitOfWork, event: Event) -> None:
    """A journal without `Journal.watch`: its `event`, for each event."""
    event_of(event, uow)
