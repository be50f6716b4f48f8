"""A world's state pickled in pieces, so building a large world never stalls the others.

`pickle.dumps` and `pickle.loads` are single C calls that hold the GIL throughout: for a
43,000-person world about half a second each, during which no other namespace's request
runs. `freeze` pickles the big containers' items first, a thousand at a time, with a `_Pause`
between the pieces - an object whose pickling and unpickling call ``time.sleep(0)``, which
lets the other threads run - and then the state itself, whose objects are by then references
into the pickle's memo (so identity and sharing are exactly as in one plain pickle).
"""

from __future__ import annotations

import gc
import pickle
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

PIECE = 1000


def _pause() -> None:
    time.sleep(0)  # releases the GIL: other threads (other namespaces' requests) run


class _Pause:
    """A place in the pickle stream where the pickling or unpickling thread lets others run."""

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        _pause()
        return (_pause, ())


def _pieces(containers: Iterable[Any]) -> list[Any]:
    pieces: list[Any] = []
    for container in containers:
        items = list(container.items()) if isinstance(container, dict) else list(container)
        for start in range(0, len(items), PIECE):
            pieces.append(_Pause())
            pieces.append(items[start : start + PIECE])
    return pieces


@contextmanager
def _no_collection() -> Iterator[None]:
    """The cyclic garbage collector paused: a full collection started by the many objects an
    unpickling makes traverses the whole heap with the GIL held (tenths of a second)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def freeze(state: Any, containers: Iterable[Any]) -> bytes:
    """``state`` pickled, the items of ``containers`` (parts of it) first, in pieces."""
    with _no_collection():
        return pickle.dumps((_pieces(containers), state), protocol=pickle.HIGHEST_PROTOCOL)


def thaw(frozen: bytes) -> Any:
    """The state `freeze` pickled, a new copy each time."""
    with _no_collection():
        _, state = pickle.loads(frozen)
    return state


def big_containers(*objects: Any, at_least: int = PIECE) -> list[Any]:
    """The dicts, lists and sets among ``objects`` and their attributes (slots too) that hold
    at least ``at_least`` items: where a world's bulk is."""
    found: list[Any] = []
    for obj in objects:
        names = [*getattr(type(obj), "__slots__", ()), *getattr(obj, "__dict__", {})]
        for value in [obj, *(getattr(obj, name, None) for name in names)]:
            if isinstance(value, dict | list | set) and len(value) >= at_least:
                found.append(value)
    return found
