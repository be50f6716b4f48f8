"""The one wiring table (`sandbox.service.bootstrap`) is complete and the only one.

Every command has a handler, every event is handled or declared journal-only, every handler
function in `sandbox.service.handlers` is reachable from the tables and accepts what they send
it, every kind of entry the fake CPR can put in its feed has a command, and the handler modules
named in the import contract "Handlers do not import each other" are exactly the wired ones.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import sys
import tomllib
import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sandbox.service import bootstrap, commands, cpr_commands, events
from sandbox.service import handlers as handlers_package
from sandbox.service.bus import ForCaseTypes
from sandbox.service.unit_of_work import UnitOfWork

ROOT = Path(__file__).resolve().parents[2]


def _subclasses(base: type) -> Iterator[type]:
    """The system's subclasses of ``base`` - as their modules name them (a slotted dataclass
    leaves the class it replaced behind among the subclasses)."""
    for sub in base.__subclasses__():
        module = sys.modules.get(sub.__module__)
        if sub.__module__.startswith("sandbox.") and getattr(module, sub.__name__, None) is sub:
            yield sub
        yield from _subclasses(sub)


def _sent_commands() -> set[type]:
    """Every command class the system can be sent: all but the feed entries' shared bases."""
    return {
        command
        for command in _subclasses(commands.Command)
        if not issubclass(command, cpr_commands.CprEntry) or command.KIND
    }


def _wired() -> list[Callable[..., Any]]:
    wired: list[Callable[..., Any]] = list(bootstrap.COMMAND_HANDLERS.values())
    for handlers in bootstrap.EVENT_HANDLERS.values():
        wired.extend(handlers)
    return wired


def _function_of(handler: Callable[..., Any]) -> Callable[..., Any]:
    """The function behind a wired handler (a `WriteLetter` is an object with ``__call__``; a
    handler wired for some case types only is in a `ForCaseTypes`)."""
    if isinstance(handler, ForCaseTypes):
        return _function_of(handler.handler)
    return handler if inspect.isfunction(handler) else type(handler).__call__


def _module_of(handler: Callable[..., Any]) -> str:
    return str(_function_of(handler).__module__)


def _handler_modules() -> list[types.ModuleType]:
    return [
        importlib.import_module(f"{handlers_package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(handlers_package.__path__)
    ]


def _accepted(function: Callable[..., Any]) -> tuple[type, ...] | None:
    """The message classes a function takes as its first argument, if it is a handler: a
    function of (command or event, unit of work)."""
    hints = typing.get_type_hints(function)
    parameters = [name for name in inspect.signature(function).parameters if name != "self"]
    if len(parameters) != 2 or hints.get(parameters[1]) is not UnitOfWork:
        return None
    first = hints.get(parameters[0])
    kinds = typing.get_args(first) if isinstance(first, types.UnionType) else (first,)
    if all(isinstance(kind, type) and issubclass(kind, commands.Command | events.Event)
           for kind in kinds):  # fmt: skip
        return tuple(kinds)
    return None


def test_every_command_has_a_handler() -> None:
    missing = sorted(c.__name__ for c in _sent_commands() if c not in bootstrap.COMMAND_HANDLERS)
    assert missing == []
    assert set(bootstrap.COMMAND_HANDLERS) <= _sent_commands()


def test_every_event_is_handled_or_said_to_be_for_the_journals_only() -> None:
    every = set(_subclasses(events.Event))
    handled = set(bootstrap.EVENT_HANDLERS)
    assert sorted(e.__name__ for e in every - handled - bootstrap.JOURNAL_ONLY_EVENTS) == []
    assert handled & bootstrap.JOURNAL_ONLY_EVENTS == set()
    assert all(bootstrap.EVENT_HANDLERS.values())  # a listed event has a handler


def test_each_wired_handler_takes_the_message_it_is_wired_to() -> None:
    pairs: list[tuple[type, Callable[..., Any]]] = [
        *bootstrap.COMMAND_HANDLERS.items(),
        *((event, h) for event, handlers in bootstrap.EVENT_HANDLERS.items() for h in handlers),
    ]
    wrong = [
        f"{message.__name__} -> {_function_of(handler).__qualname__}"
        for message, handler in pairs
        if not issubclass(message, _accepted(_function_of(handler)) or ())
    ]
    assert wrong == []


def test_every_handler_function_is_reachable_from_the_table() -> None:
    wired = {_function_of(handler) for handler in _wired()}
    unreachable = [
        f"{module.__name__}.{name}"
        for module in _handler_modules()
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__
        and _accepted(function) is not None
        and function not in wired
    ]
    assert unreachable == []


def _fake_cpr_kinds() -> set[str]:
    """The kinds the fake CPR records: the text given for ``kind`` to `CprBackend.record` and
    its helpers `_leave` and `_arrive`, read from the source (every life event goes through one
    of them)."""
    tree = ast.parse((ROOT / "fakes" / "cpr" / "backend.py").read_text(encoding="utf-8"))
    position = {"record": 0, "_leave": 2, "_arrive": 3}
    kinds: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            at = position.get(node.func.attr)
            if at is not None and len(node.args) > at:
                argument = node.args[at]
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    kinds.add(argument.value)
    return kinds


def test_every_kind_the_fake_cpr_emits_has_a_command_and_a_handler() -> None:
    kinds = _fake_cpr_kinds()
    assert len(kinds) >= 15  # the reader found the fake's life events
    assert kinds == set(cpr_commands.CPR_COMMANDS)
    for kind, command in cpr_commands.CPR_COMMANDS.items():
        assert kind == command.KIND
        assert command in bootstrap.COMMAND_HANDLERS


def test_the_independence_contract_names_exactly_the_wired_handler_modules() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    [independence] = [c for c in contracts if c["name"] == "Handlers do not import each other"]
    wired = {_module_of(handler) for handler in _wired()}
    assert set(independence["modules"]) == wired
