"""A pickle in pieces, each unpickled by its own small unpickler: no single C call is long.

`pickle.loads` of a large object graph is one C call, with the GIL held throughout, and its
last steps are long ones too: the big dicts rebuilt from the memo, then the unpickler's
teardown, which drops its memo - a reference to every object of the graph. Here the big
containers' items (exact dicts, lists and sets) are pickled `PIECE` at a time, then the rest
of the state, each piece by its own `pickle.Pickler`, so each unpickler's memo and teardown
is one piece's; the containers are made empty first and filled piece by piece.

An object a piece shares with an earlier piece (a practice, a class, an attribute's name) is
not pickled again: the earlier piece exports it into a table, and the later piece's unpickler
puts it into its memo before the piece's own objects (`_imports`), where the piece's pickler
found it too. So identity and sharing are exactly those of one plain pickle, and the bytes
depend only on the order the objects are reached in, like a plain pickle's.

The stream, pickles one after the other: a header (the containers' kinds, the number of
pieces), then per piece its imports, its payload (``(container number, items)``, or
``(STATE, state)`` last) and its exports. Pickling takes two passes over the same pieces:
the first finds which earlier objects each piece uses (a ``persistent_id`` hook, a Python call
per object: run it where it holds nobody up, e.g. in `sandbox.api.frozen.apart`'s child), the
second writes, at C speed.
"""

from __future__ import annotations

import io
import pickle
import struct
from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any

PIECE = 250  # items of a big container per piece
STATE = -1  # the payload's target when it is the state itself
PROTOCOL = 5
KINDS: tuple[type[Any], ...] = (dict, list, set)  # containers filled in pieces (exact types)
ATOMS = frozenset({int, float, bool, type(None)})
EMPTY = ()  # the empty tuple, a singleton never memoized either
DROP = 10_000  # table entries dropped between two pauses at the end

Part = tuple[int, Any]


def _scout(part: Part, owned: set[int]) -> tuple[dict[int, Any], set[int]]:
    """The first pass over one piece: the objects it meets that an earlier piece owns (they
    are referred to, not pickled again, so their own contents are not visited), and the
    others, its own, in the order met - kept alive, temporaries too (a reduced object's
    arguments), so no id is reused for another object until the end."""
    met: dict[int, Any] = {}
    used: set[int] = set()
    mine, mark = met.setdefault, used.add

    def persistent_id(obj: Any) -> Any:  # a Python call per object pickled: kept lean
        key = id(obj)
        if key in owned:
            mark(key)
            return 0
        if type(obj) not in ATOMS and obj is not EMPTY:  # pickled by value, never shared
            mine(key, obj)
        return None

    scout = pickle.Pickler(io.BytesIO(), protocol=PROTOCOL)
    scout.persistent_id = persistent_id  # type: ignore[method-assign]
    scout.dump(part)
    return met, used


def _parts(state: Any, containers: Iterable[Any]) -> tuple[list[Any], list[Part]]:
    """The big containers (each once) and the pieces: their items, then the state."""
    shells: list[Any] = []
    for container in containers:
        if type(container) in KINDS and all(container is not shell for shell in shells):
            shells.append(container)
    parts: list[Part] = []
    for number, shell in enumerate(shells):
        if isinstance(shell, dict):
            items = iter(shell.items())
            while chunk := dict(islice(items, PIECE)):
                parts.append((number, chunk))
        else:
            values = list(shell)
            parts.extend((number, values[at : at + PIECE]) for at in range(0, len(values), PIECE))
    parts.append((STATE, state))
    return shells, parts


def _imports(numbers: list[int]) -> bytes:
    """A pickle that puts ``table[number]`` for each of ``numbers``, in order, into the memo
    of the unpickler that loads it (``persistent_load`` is ``table.__getitem__``): BININT,
    BINPERSID, MEMOIZE, POP each, then None. Written by hand, as no pickler memoizes a
    persistent object; ``Unpickler.memo`` could be set instead, but the unpickler then
    numbers its own objects from 0 again and overwrites them."""
    body = b"".join(b"J" + struct.pack("<i", number) + b"Q\x940" for number in numbers)
    return b"\x80" + bytes([PROTOCOL]) + body + b"N."


def dumps(state: Any, containers: Iterable[Any]) -> bytes:
    """``state`` pickled in pieces, the items of ``containers`` (parts of it) first."""
    shells, parts = _parts(state, containers)

    # first pass: which objects each piece owns (pickles first), and which it takes from
    # earlier ones
    owned = {id(shell) for shell in shells}
    met: list[dict[int, Any]] = []
    used: list[set[int]] = []
    for part in parts:
        mine, theirs = _scout(part, owned)
        owned.update(mine)
        met.append(mine)
        used.append(theirs)
    shared = set().union(*used)

    # second pass: each piece pickled with its imports already in its pickler's memo
    out = io.BytesIO()
    pickle.dump(([KINDS.index(type(shell)) for shell in shells], len(parts)), out, PROTOCOL)
    table = list(shells)
    where = {id(shell): number for number, shell in enumerate(shells)}
    for number, part in enumerate(parts):
        imports = sorted(where[key] for key in used[number])
        out.write(_imports(imports))
        writer = pickle.Pickler(out, protocol=PROTOCOL)
        writer.memo = {id(table[n]): (at, table[n]) for at, n in enumerate(imports)}
        writer.dump(part)
        exports = [obj for key, obj in met[number].items() if key in shared]
        for obj in exports:
            where[id(obj)] = len(table)
            table.append(obj)
        writer.dump(exports)  # all of them in this piece's memo: references only
    return out.getvalue()


def loads(data: bytes, pause: Callable[[], None]) -> Any:
    """The state `dumps` pickled, a new copy, with ``pause()`` between the pieces."""
    stream = io.BytesIO(data)
    kinds, count = pickle.load(stream)
    table: list[Any] = [KINDS[kind]() for kind in kinds]
    shells = table[:]
    state = None
    for _ in range(count):
        pause()
        unpickler = pickle.Unpickler(stream)
        unpickler.persistent_load = table.__getitem__  # type: ignore[method-assign]
        unpickler.load()
        target, payload = unpickler.load()
        table.extend(unpickler.load())
        if target == STATE:
            state = payload
        elif isinstance(shells[target], list):
            shells[target].extend(payload)
        else:
            shells[target].update(payload)
    del shells, unpickler, payload
    while table:  # every shared object referred to once more: let go of them in steps
        pause()
        del table[-DROP:]
    return state
