"""A whole store's state as a comparable picture, and a bus that fails at a command's end.

Used by the tests that check a command failing half-way leaves no change: the picture holds
every field of everything the store holds (dicts in their order, since visits follow it), so a
field a handler wrote by hand and a rollback missed shows as a difference with its path.
The audit log is left out: the audit journal writes a case worker's command before it runs, as
what they asked for, also when it fails (`sandbox.service.audit`); `assert_taken_back` checks
it separately.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from sandbox.domain.geography import Geography
from sandbox.domain.parameters import Parameters
from sandbox.service.bus import MessageBus
from sandbox.service.commands import Command
from sandbox.service.store import _OUTERMOST as OUTERMOST
from sandbox.service.store import Store
from sandbox.service.unit_of_work import UnitOfWork

PLAIN = (str, int, float, bool, type(None), dt.date, dt.datetime, enum.Enum, decimal.Decimal)
SHARED = (Geography, Parameters)  # read-only reference data, the same before and after
LEFT_OUT = frozenset({"__weakref__", "__dict__", "_audit"})


class HandlerBug(Exception):
    """Not a refusal: a bug after all the work, which the bus must take back entirely."""


def picture(store: Store) -> Any:
    """The store, but for its audit log (see the module's docstring)."""
    return canonical(store, {})


def canonical(value: Any, memo: dict[int, Any]) -> Any:
    """A comparable picture of ``value`` and everything it holds: objects as their fields,
    sets in sorted order; a shared object is pictured once."""
    if isinstance(value, PLAIN):
        return value
    known = memo.get(id(value))
    if known is not None:
        return known
    memo[id(value)] = ("cycle", type(value).__name__)
    shown: Any
    if isinstance(value, SHARED) or callable(value):
        shown = ("shared", type(value).__name__)
    elif isinstance(value, dict):
        shown = ("dict", tuple((canonical(k, memo), canonical(v, memo)) for k, v in value.items()))
    elif isinstance(value, (set, frozenset)):
        shown = ("set", tuple(sorted((canonical(v, memo) for v in value), key=repr)))
    elif isinstance(value, (list, tuple)) or type(value).__name__ == "deque":
        shown = (type(value).__name__, tuple(canonical(v, memo) for v in value))
    else:
        shown = (type(value).__name__, tuple(_fields(value, memo)))
    memo[id(value)] = shown
    return shown


def _fields(value: Any, memo: dict[int, Any]) -> list[tuple[str, Any]]:
    names: list[str] = []
    for klass in type(value).__mro__:
        slots = klass.__dict__.get("__slots__", ())
        names.extend([slots] if isinstance(slots, str) else slots)
    names.extend(getattr(value, "__dict__", {}))
    return [
        (name, canonical(getattr(value, name), memo))
        for name in sorted(set(names) - LEFT_OUT)
        if hasattr(value, name)
    ]


def differences(before: Any, after: Any, path: str = "store") -> list[str]:
    """Where two pictures differ, as paths to the values that changed (at most a few)."""
    if before == after:
        return []
    parts = _named_parts(before), _named_parts(after)
    if parts[0] is None or parts[1] is None or parts[0].keys() != parts[1].keys():
        return [f"{path}: {before!r:.300} -> {after!r:.300}"]
    found: list[str] = []
    for key, part in parts[0].items():
        found += differences(part, parts[1][key], f"{path}.{key}")
        if len(found) >= 5:
            break
    return found


def _named_parts(shown: Any) -> dict[str, Any] | None:
    if not (isinstance(shown, tuple) and len(shown) == 2 and isinstance(shown[1], tuple)):
        return None
    kind, parts = shown
    if kind == "dict":
        return {repr(key)[:40]: value for key, value in parts}
    if kind not in ("list", "tuple", "deque", "set") and all(
        isinstance(part, tuple) and len(part) == 2 and isinstance(part[0], str) for part in parts
    ):
        return dict(parts)
    return {str(index): part for index, part in enumerate(parts)}


@contextmanager
def failing_at_the_end(bus: MessageBus) -> Iterator[None]:
    """The command's commit raises `HandlerBug`: after the command and all its events are
    handled (a CPR feed's entries commit as they go, as ever)."""
    kind = type(bus.uow)
    commit = kind.commit

    def fail_the_outermost(uow: UnitOfWork, savepoint: tuple[int, int]) -> None:
        if savepoint[0] == OUTERMOST:
            raise HandlerBug
        commit(uow, savepoint)

    kind.commit = fail_the_outermost  # type: ignore[method-assign]
    try:
        yield
    finally:
        kind.commit = commit  # type: ignore[method-assign]


def assert_taken_back(bus: MessageBus, store: Store, command: Command) -> None:
    """Send ``command`` with a bug at its end: the store is as it was, but for the audit log's
    one entry of what a case worker asked for."""
    before, audit = picture(store), list(store.audit_log())
    with failing_at_the_end(bus), pytest.raises(HandlerBug):
        MessageBus.handle(bus, command)  # the bus's own, should a test have wrapped it
    changed = differences(before, picture(store))
    kind = type(command).__name__
    assert not changed, f"{kind} left a change behind: {changed}"
    assert list(store.audit_log()[: len(audit)]) == audit
    asked = [entry.action for entry in store.audit_log()[len(audit) :]]
    assert asked in ([], [f"write:{kind}"], [f"read:{kind}"]), asked
