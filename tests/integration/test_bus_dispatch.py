"""The bus hands out a command's events breadth first, in order, each to the journals (through
their `watch`, or their `event`) and then its handlers, with the decisions a handler recorded
shown right after it; a command that fails leaves no event behind for the next one."""

from __future__ import annotations

from typing import Any

import pytest

from sandbox.domain.decisions import Decision
from sandbox.domain.errors import InvalidInput, SandboxError
from sandbox.domain.model import Actor
from sandbox.service.bus import MessageBus
from sandbox.service.commands import Command
from sandbox.service.events import Event
from sandbox.service.messages import message
from sandbox.service.unit_of_work import UnitOfWork
from tests.builders import make_world


@message
class Start(Command):
    """A test's command: its handler emits ``first`` and ``second``."""

    fail_at: str = ""


@message
class Said(Event):
    """A test's event."""

    name: str


def said(name: str, uow: UnitOfWork) -> None:
    uow.emit(Said(name))


def start(command: Start, uow: UnitOfWork) -> None:
    uow.decided("start", Decision.allow())
    said("first", uow)
    said("second", uow)


class Then:
    """An event handler: after the event ``after`` it emits ``emits``, and decides once."""

    def __init__(self, fail_at: list[str]) -> None:
        self.fail_at = fail_at

    def __call__(self, event: Said, uow: UnitOfWork) -> None:
        if event.name in self.fail_at:
            raise InvalidInput(field="name", reason_da="halvvejs", reason_en="half-way")
        follows = {"first": ("third",), "second": ("fourth", "fifth")}.get(event.name, ())
        if follows:
            uow.decided(event.name, Decision.allow())
        for name in follows:
            said(name, uow)


class Recorder:
    """A journal with only `event`: the bus calls it for each event."""

    def __init__(self, seen: list[str]) -> None:
        self.seen = seen

    def command(self, command: Command, uow: UnitOfWork) -> None:
        self.seen.append("command")

    def event(self, event: Any, uow: UnitOfWork) -> None:
        self.seen.append(f"event {event.name}")

    def decision(self, subject: str, decision: Decision, uow: UnitOfWork) -> None:
        self.seen.append(f"decision {subject}")

    def error(self, command: Command, error: SandboxError, uow: UnitOfWork) -> None:
        self.seen.append(f"error {error.code}")


class Watcher(Recorder):
    """A journal with `watch`: asked once a kind, its answer called for each event."""

    sees_decisions = False

    def __init__(self, seen: list[str], asked: list[type[Event]]) -> None:
        super().__init__(seen)
        self.asked = asked

    def watch(self, kind: type[Event], uow: UnitOfWork) -> Any:
        self.asked.append(kind)
        return lambda event: self.seen.append(f"watched {event.name}")

    def event(self, event: Any, uow: UnitOfWork) -> None:
        raise AssertionError("a journal with watch is not sent each event")


def bus_with(journals: list[Any], fail_at: list[str]) -> MessageBus:
    return MessageBus(make_world().bus.uow, {Start: start}, {Said: [Then(fail_at)]}, journals)


def test_events_go_breadth_first_to_the_journals_then_their_handlers() -> None:
    recorded: list[str] = []
    watched: list[str] = []
    asked: list[type[Event]] = []
    bus = bus_with([Recorder(recorded), Watcher(watched, asked)], [])
    bus.handle(Start(Actor.system()))
    assert recorded == [
        "command",
        "decision start",
        "event first",
        "decision first",  # shown when its handler is done, before the next event
        "event second",
        "decision second",
        "event third",
        "event fourth",
        "event fifth",
    ]
    assert watched == ["command"] + [
        f"watched {name}" for name in ("first", "second", "third", "fourth", "fifth")
    ]
    assert asked == [Said]  # once a kind
    assert bus.uow.collect_new_events() == [] and bus.uow.collect_decisions() == []
    bus.handle(Start(Actor.system()))
    assert asked == [Said] and recorded.count("event fifth") == 2


@pytest.mark.parametrize("fail_at", ["first", "fourth"])
def test_a_command_failing_in_an_event_handler_leaves_no_event_behind(fail_at: str) -> None:
    recorded: list[str] = []
    fails = [fail_at]
    bus = bus_with([Recorder(recorded)], fails)
    with pytest.raises(InvalidInput):
        bus.handle(Start(Actor.system()))
    assert bus.uow.collect_new_events() == []
    recorded.clear()
    fails.clear()
    bus.handle(Start(Actor.system()))  # the next command sees its own events only
    assert [line for line in recorded if line.startswith("event")] == [
        f"event {name}" for name in ("first", "second", "third", "fourth", "fifth")
    ]
