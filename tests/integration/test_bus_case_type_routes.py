"""The bus routes a case's events by its case type: a handler wired for some case types only
(`for_case_types`, `WriteLetter`) is not called for another type's case, and the others keep
their wired order; an automatic card order's letter is ruled out before any look-up."""

from __future__ import annotations

from typing import Any

from sandbox.domain.model import Actor, CaseType
from sandbox.service import bootstrap, events
from sandbox.service.bus import MessageBus, Routes, for_case_types
from sandbox.service.commands import RelayOutbox
from sandbox.service.events import CaseCompleted, CaseCreated, CitizenMoved
from sandbox.service.handlers.card_triggers import _ORDERED_ON_APPROVAL, on_case_completed
from sandbox.service.handlers.letter_posting import write_letter
from sandbox.service.handlers.letters import WriteLetter
from sandbox.service.unit_of_work import UnitOfWork
from tests.builders import add_citizen, add_practice, make_world

SEEDED = "0505801234"


class Seen:
    """An event handler that notes the case ids it is called with, under its name."""

    def __init__(self, name: str, calls: list[tuple[str, str]]) -> None:
        self.name, self.calls = name, calls

    def __call__(self, event: Any, uow: UnitOfWork) -> None:
        self.calls.append((self.name, event.case_id))


def test_a_handler_for_some_case_types_is_called_for_those_only_in_wired_order() -> None:
    world = make_world()
    calls: list[tuple[str, str]] = []
    bus = MessageBus(
        world.bus.uow,
        {},
        {
            CaseCompleted: [
                Seen("every", calls),
                for_case_types(Seen("gp", calls), CaseType.GP_CHOICE),
                WriteLetterLike("letters", calls, CaseType.GP_CHOICE, CaseType.CARD_ORDER),
                Seen("last", calls),
            ],
            CaseCreated: [for_case_types(Seen("created", calls), CaseType.MISSING_GP_CHOICE)],
        },
    )
    uow = bus.uow
    uow.emit(CaseCompleted("F1", CaseType.GP_CHOICE))
    uow.emit(CaseCompleted("F2", CaseType.CARD_ORDER))
    uow.emit(CaseCompleted("F3", CaseType.BIRTH))
    uow.emit(CaseCreated("F4", CaseType.CARD_ORDER, "0787", None))
    uow.emit(CaseCreated("F5", CaseType.MISSING_GP_CHOICE, "0787", None))
    bus._dispatch_events()
    assert calls == [
        ("every", "F1"),
        ("gp", "F1"),
        ("letters", "F1"),
        ("last", "F1"),
        ("every", "F2"),
        ("letters", "F2"),
        ("last", "F2"),
        ("every", "F3"),
        ("last", "F3"),
        ("created", "F5"),
    ]


class WriteLetterLike(Seen):
    """A handler that names its case types itself, as `WriteLetter` does."""

    def __init__(self, name: str, calls: list[tuple[str, str]], *case_types: CaseType) -> None:
        super().__init__(name, calls)
        self.case_types = frozenset(case_types)


def test_called_directly_a_wiring_for_some_case_types_passes_on_only_their_events() -> None:
    calls: list[tuple[str, str]] = []
    wired = for_case_types(Seen("gp", calls), CaseType.GP_CHOICE)
    uow = make_world().bus.uow
    wired(CaseCompleted("F1", CaseType.CARD_ORDER), uow)
    wired(CaseCompleted("F2", CaseType.GP_CHOICE), uow)
    assert calls == [("gp", "F2")]


def test_the_wiring_routes_completions_and_creations_by_case_type() -> None:
    world = make_world()
    routed = {kind: r for kind, r in world.bus._handlers.items() if isinstance(r, Routes)}
    assert set(routed) == {events.CaseCompleted, events.CaseCreated}
    routes = routed[events.CaseCompleted]
    assert routes.every == ()  # a birth's or a practice event's completion sets off nothing
    assert all(isinstance(h, WriteLetter) for h in routes[CaseType.CARD_ORDER])
    gp_handlers = routes[CaseType.GP_CHOICE]
    assert gp_handlers[0] is on_case_completed
    assert isinstance(gp_handlers[1], WriteLetter)  # cards first, then the letter
    created = routed[events.CaseCreated]
    assert set(created) == {CaseType.MISSING_GP_CHOICE} and created.every == ()
    wired_types = {
        h.case_types
        for h in bootstrap.EVENT_HANDLERS[events.CaseCompleted]
        if not isinstance(h, WriteLetter)
    }
    assert wired_types == {_ORDERED_ON_APPROVAL}  # wired exactly as the handler decides


def test_an_automatic_card_order_gets_no_letter_and_a_standalone_one_its_receipt() -> None:
    world = make_world()
    add_practice(world, "100001")
    add_citizen(world, SEEDED, doctor="100001")
    uow = world.bus.uow
    uow.emit(CitizenMoved(SEEDED, world.today, "0787", "0787"))
    world.bus._dispatch_events()
    world.handle(RelayOutbox(Actor.system()))
    [card_case] = [c for c in world.registry.all_cases() if c.case_type is CaseType.CARD_ORDER]
    assert not card_case.details.standalone
    assert write_letter(uow, card_case) is None
    assert not world.registry.has_letters(card_case.case_id)
    card_case.details.standalone = True  # as a citizen's own order would be
    letter = write_letter(uow, card_case)
    assert letter is not None and letter.template == "card_receipt"


class Watcher:
    """A journal that keeps the names of the events it is shown."""

    def __init__(self) -> None:
        self.events: list[str] = []

    def command(self, command: Any, uow: UnitOfWork) -> None: ...

    def event(self, event: Any, uow: UnitOfWork) -> None:
        self.events.append(type(event).__name__)

    def decision(self, subject: str, decision: Any, uow: UnitOfWork) -> None: ...

    def error(self, command: Any, error: Any, uow: UnitOfWork) -> None: ...


def test_a_journal_added_or_taken_away_between_commands_is_seen_so() -> None:
    world = make_world()
    uow = world.bus.uow
    world.handle(RelayOutbox(Actor.system()))  # the bus has bound its journals once
    watcher = Watcher()
    world.bus.journals.append(watcher)
    uow.emit(CaseCompleted("F1", CaseType.BIRTH))
    world.bus._dispatch_events()
    assert watcher.events == ["CaseCompleted"]
    world.bus.journals.remove(watcher)
    uow.emit(CaseCompleted("F2", CaseType.BIRTH))
    world.bus._dispatch_events()
    assert watcher.events == ["CaseCompleted"]
