"""A world's state pickled in pieces, so building a large world never stalls the others.

`pickle.dumps` and `pickle.loads` are single C calls that hold the GIL throughout: for a
43,000-person world about half a second each, during which no other namespace's request
runs. `freeze` pickles the state in pieces, each by its own pickler (`sandbox.api.piecewise`:
the big containers' items 250 at a time, then the state itself, identity and sharing exactly
as in one plain pickle), and `thaw` unpickles them one by one with a pause between them -
``time.sleep(0)``, which lets the other threads run.

A large world is built and pickled in a child process (`apart`), so the server's process only
unpickles it, in pieces; and its objects are then moved out of the cyclic garbage collector's
reach (`gc.freeze`), or the first collections after it would traverse them all, millions of
objects, with the GIL held. `release_memory` (a deleted namespace) unfreezes them, collects,
and freezes what is left.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar, cast

from sandbox.api import piecewise
from sandbox.domain.errors import SandboxError

FREEZE_FROM = 4 * 2**20  # bytes of pickle: a world this large is frozen after unpickling
PRELOAD = ["sandbox.api.world"]  # what the fork server imports once, not every child

T = TypeVar("T")


def _pause() -> None:
    time.sleep(0)  # releases the GIL: other threads (other namespaces' requests) run


@contextmanager
def no_collection() -> Iterator[None]:
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
    """``state`` pickled in pieces (`sandbox.api.piecewise`), the items of ``containers``
    (parts of it) first."""
    with no_collection():
        return piecewise.dumps(state, containers)


def thaw(frozen: bytes) -> Any:
    """The state `freeze` pickled, a new copy each time, unpickled piece by piece with a pause
    between the pieces (frozen out of the collector's passes when it is large: its objects are
    then visited again only by `release_memory`)."""
    with no_collection():
        state = piecewise.loads(frozen, _pause)
        if len(frozen) >= FREEZE_FROM:
            gc.freeze()
    return state


def _context() -> Any:
    """A fork server where the platform has one (children fork from a small clean process with
    the world's modules imported once), spawn elsewhere; never a fork of the threaded server."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def _in_child(function: Callable[..., T], args: tuple[Any, ...]) -> tuple[bool, Any]:
    """What ``function(*args)`` gave, or the `SandboxError` it raised as its class and fields
    (keyword-only errors do not survive pickling as themselves)."""
    try:
        return True, function(*args)
    except SandboxError as error:
        return False, (type(error), error.fields)


def apart(function: Callable[..., T], *args: Any) -> T:
    """``function(*args)`` run in a child process: its work holds the child's GIL, not ours,
    so the server's other threads run on. Its arguments and result travel pickled; a
    `SandboxError` it raises is raised here again."""
    with ProcessPoolExecutor(max_workers=1, mp_context=_context()) as pool:
        done, result = pool.submit(_in_child, function, args).result()
    if not done:
        kind, fields = result
        raise kind(**fields)
    return cast(T, result)


def release_memory() -> None:
    """Collect garbage (the frozen worlds too) and ask glibc to return freed heap pages to the
    system (elsewhere a no-op): Python's allocator keeps its arenas otherwise."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()  # what lives on is out of the automatic collections' way again
    name = ctypes.util.find_library("c")
    if name is None:
        return
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return
    trim(0)


def big_containers(*objects: Any, at_least: int = 1000) -> list[Any]:
    """The dicts, lists and sets among ``objects`` and their attributes (slots too) that hold
    at least ``at_least`` items: where a world's bulk is."""
    found: list[Any] = []
    for obj in objects:
        names = [*getattr(type(obj), "__slots__", ()), *getattr(obj, "__dict__", {})]
        for value in [obj, *(getattr(obj, name, None) for name in names)]:
            if isinstance(value, dict | list | set) and len(value) >= at_least:
                found.append(value)
    return found
