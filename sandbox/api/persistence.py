"""Vedvarende verdener - a served namespace as spec + seed + journal (DESIGN.md).

`Persistence` sits between the namespace middleware and the state database: every request
that may change a namespace's world (all but the control plane's reads) is journaled and
committed before its answer leaves; and the world is pickled now and then (`Tracked.due`), so
a restart loads the latest snapshot and replays only the journal after it. A reset or seed
starts the journal afresh (what came before cannot matter any more).

When to snapshot weighs two costs against each other: pickling the world on the request path
(it grows with everything the namespace did) and replaying the tail after it on a restart
(about what answering those requests took). So a snapshot is written after at least
``snapshot_every`` entries, and then as soon as the tail reaches one entry per
``SNAPSHOT_BYTES_PER_ENTRY`` bytes of the last pickle (which keeps pickling a small share of the
work) or ``MAX_TAIL`` entries (which bounds a restart however large the world grows); or once
answering the tail took ``REPLAY_BUDGET`` seconds and ``PICKLE_SHARE`` times as long as the last
pickling (slow requests, such as long clock moves, bound by what replaying them would take,
while pickling stays a small share of the time on a busy machine too). The seconds are
measured, never stored: they decide when a snapshot is taken, never what any world holds.

Replay sends the journaled requests through the app again (`replay`), with a mark in the ASGI
scope that tells the middleware not to journal, wait or take the lock (the replayer holds it).
Pickles are read only from the state database this server wrote, and only when the code that
wrote them is this code (`sandbox_version`); otherwise the world is rebuilt from its journal.
"""

from __future__ import annotations

import copyreg
import gc
import io
import json
import logging
import pickle
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sandbox.adapters.state_store import MEMORY, NamespaceRow, StateStore
from sandbox.api.frozen import FREEZE_FROM, no_collection
from sandbox.api.journal_format import (
    TokenMap,
    encode_entry,
    entry_body,
    sandbox_version,
    spec_from_json,
    spec_to_json,
)
from sandbox.api.namespaces import HEADER, Namespace, Namespaces
from sandbox.api.world import SandboxWorld
from sandbox.domain.errors import SandboxError

REPLAY = "sandbox.replay"
SNAPSHOT_EVERY = 100
SNAPSHOT_BYTES_PER_ENTRY = 4096
MAX_TAIL = 700  # entries after a snapshot, at most: about a second's replay of GP choices
REPLAY_BUDGET = 1.0  # seconds of answering after a snapshot (about their replay time) ...
PICKLE_SHARE = 10  # ... and this many times the last pickling's seconds: then one is due
READ_METHODS = ("GET", "HEAD", "OPTIONS")
NOT_JOURNALED = ("/_control/snapshots", "/_control/journal/export")
RESTARTS = ("/_control/reset", "/_control/seed")
log = logging.getLogger(__name__)

Inner = Callable[[Receive, Send], Awaitable[None]]


class StateNotSaved(SandboxError):
    code = "STATE_NOT_SAVED"
    kind = "unavailable"
    da = "Ændringen kunne ikke gemmes i tilstandsfilen ({detail}); den går tabt ved genstart."
    en = "The change could not be saved in the state file ({detail}); a restart loses it."


def replaying(scope: Scope) -> bool:
    return bool(scope.get(REPLAY))


def journaled(scope: Scope) -> bool:
    path = str(scope["path"])
    if path.startswith(NOT_JOURNALED):
        return False
    return scope["method"] not in READ_METHODS or not path.startswith("/_control/")


@dataclass(slots=True)
class Tracked:
    """What the server knows of a namespace's journal: its row, last entry, entries since the
    last automatic snapshot and the seconds they took to answer (or to replay)."""

    row: NamespaceRow
    seq: int
    since_snapshot: int
    snapshot_after: int = SNAPSHOT_EVERY
    seconds: float = 0.0
    pickle_seconds: float = 0.0

    def due(self, snapshot_every: int) -> bool:
        """Whether the tail after the latest snapshot is long enough for a new one."""
        if not snapshot_every or self.since_snapshot < snapshot_every:
            return False
        return self.since_snapshot >= min(self.snapshot_after, MAX_TAIL) or self.seconds >= max(
            REPLAY_BUDGET, PICKLE_SHARE * self.pickle_seconds
        )


class Persistence:
    """The journal and snapshots of every namespace of one app, in one `StateStore`."""

    def __init__(
        self, store: StateStore, namespaces: Namespaces, snapshot_every: int = SNAPSHOT_EVERY
    ) -> None:
        self.store = store
        self.namespaces = namespaces
        # an in-memory (ephemeral) state is never restarted from: no snapshots to bound that
        self.snapshot_every = 0 if store.path == MEMORY else snapshot_every
        self._tracked: dict[str, Tracked] = {}

    # -- the request hook ---------------------------------------------------------------------

    async def around(
        self, namespace: Namespace, scope: Scope, receive: Receive, send: Send, inner: Inner
    ) -> None:
        """Run ``inner`` with the answer held back until the request is journaled."""
        if replaying(scope) or not journaled(scope):
            await inner(receive, send)
            return
        chunks: list[bytes] = []
        held: list[Message] = []

        async def receive_all() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                chunks.append(bytes(message.get("body", b"")))
            return message

        async def hold(message: Message) -> None:
            held.append(message)

        spec_before, at = namespace.spec, namespace.world.clock.now()
        started = time.perf_counter()  # what answering takes, replaying it takes about too
        try:
            await inner(receive_all, hold)
        except BaseException:
            self._journal(namespace, scope, spec_before, at, b"".join(chunks), 500, b"")
            raise
        status = int(held[0]["status"]) if held and "status" in held[0] else 500
        answer = b"".join(bytes(m.get("body", b"")) for m in held[1:])
        took = time.perf_counter() - started
        try:
            self._journal(namespace, scope, spec_before, at, b"".join(chunks), status, answer, took)
        except Exception as error:  # sqlite3.Error, OSError: the disk, not the request
            log.exception("journal append failed")
            await _send_error(send, StateNotSaved(detail=type(error).__name__))
            return
        for message in held:
            await send(message)
        tracked = self._tracked.get(namespace.name)
        if tracked is not None and tracked.due(self.snapshot_every):
            try:  # the answer has left: it does not wait for the pickle
                self.snapshot(namespace)
            except Exception:  # sqlite3.Error, OSError: the next entry tries again
                log.exception("snapshot of %s not saved", namespace.name)

    def _journal(
        self,
        namespace: Namespace,
        scope: Scope,
        spec_before: Any,
        at: Any,
        body: bytes,
        status: int,
        answer: bytes,
        took: float = 0.0,
    ) -> None:
        tracked = self.tracked(namespace.name, spec_before)
        entry = encode_entry(
            at,
            str(scope["method"]),
            str(scope["path"]),
            bytes(scope.get("query_string", b"")).decode("latin-1"),
            scope.get("headers", ()),
            body,
            status,
            answer,
        )
        seq = tracked.seq + 1
        self.store.append(tracked.row, seq, json.dumps(entry, ensure_ascii=False))
        tracked.seq = seq
        tracked.since_snapshot += 1
        tracked.seconds += took
        if scope["path"] in RESTARTS and 200 <= status < 300:
            tracked.row = NamespaceRow(namespace.name, namespace.name, spec_to_json(spec_before))
            self.store.rebase(tracked.row, seq)
            tracked.since_snapshot, tracked.seconds = 1, took

    def tracked(self, name: str, spec: Any) -> Tracked:
        found = self._tracked.get(name)
        if found is None:
            row = self.store.namespace(name) or NamespaceRow(name, name, spec_to_json(spec))
            found = Tracked(row, self.store.last_seq(name), 0, self.snapshot_every)
            self._tracked[name] = found
        return found

    def snapshot(self, namespace: Namespace) -> None:
        """Write the automatic snapshot of ``namespace`` (its lock held) at its last entry."""
        tracked = self._tracked.get(namespace.name)
        if tracked is None or tracked.seq == 0:
            return
        started = time.perf_counter()
        blob = self.pickle(namespace.world)
        tracked.pickle_seconds = time.perf_counter() - started
        if blob is not None:
            self.store.save_world(namespace.name, tracked.seq, sandbox_version(), blob)
            tracked.snapshot_after = self._cadence(len(blob))
        tracked.since_snapshot, tracked.seconds = 0, 0.0

    def _cadence(self, size: int) -> int:
        return max(self.snapshot_every, size // SNAPSHOT_BYTES_PER_ENTRY)

    def forget(self, name: str) -> None:
        self._tracked.pop(name, None)
        self.store.forget(name)

    def adopt(
        self, row: NamespaceRow, entries: list[str], world: SandboxWorld, blob: bytes | None = None
    ) -> None:
        """``row.name`` now holds ``world``, whose history is ``entries`` (a restore, a fork);
        ``blob`` is the world pickled already (a named snapshot's, by this code)."""
        blob = blob if blob is not None else self.pickle(world)
        self.store.replace(row, entries, None if blob is None else (sandbox_version(), blob))
        self._tracked[row.name] = Tracked(row, len(entries), 0, self._cadence(len(blob or b"")))

    # -- worlds as bytes ----------------------------------------------------------------------

    def pickle(self, world: SandboxWorld) -> bytes | None:
        """The world as bytes, without the shared geography; None if it cannot be pickled
        (a snapshot only saves replay time, so the journal alone must do then)."""
        out = io.BytesIO()
        pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
        geography = world.geography

        def shared(obj: Any) -> Any:
            if obj is geography:
                return _shared_geography, ()
            return obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)

        # a reducer for the geography's class only (a persistent_id would be a Python call
        # for each of the world's millions of objects: a third of the pickling time)
        pickler.dispatch_table = {**copyreg.dispatch_table, type(geography): shared}
        try:
            with no_collection():  # (frozen.py) a large world pickles in two thirds the time
                pickler.dump(world)
        except (pickle.PicklingError, TypeError, AttributeError):
            log.warning(
                "namespace %s cannot be pickled; restarts replay its journal", world.namespace
            )
            return None
        return out.getvalue()

    def unpickle(self, blob: bytes, version: str | None, name: str) -> SandboxWorld | None:
        if version != sandbox_version():
            return None
        unpickler = _WorldUnpickler(blob, self.namespaces.geography)
        try:
            with no_collection():  # else full collections traverse the half-made world
                world = unpickler.load()
                if len(blob) >= FREEZE_FROM:  # as `frozen.thaw`: out of later collections' way
                    gc.freeze()
        except Exception:  # a damaged snapshot: the journal still has the truth
            log.exception("snapshot of %s unreadable; replaying its journal", name)
            return None
        if not isinstance(world, SandboxWorld):
            return None
        world.namespace = name
        return world

    def build(self, origin: str, spec: dict[str, Any], name: str) -> SandboxWorld:
        world = self.namespaces.build(origin, spec_from_json(spec))
        world.namespace = name
        return world

    # -- restart -------------------------------------------------------------------------------

    async def restore_all(self, app: ASGIApp) -> list[str]:
        """Every namespace of the database back in memory, as it was; their names."""
        names = []
        for row in self.store.namespaces():
            await self.restore(app, row)
            names.append(row.name)
        return names

    async def restore(self, app: ASGIApp, row: NamespaceRow) -> None:
        saved = self.store.world(row.name)
        world = None if saved is None else self.unpickle(saved[2], saved[1], row.name)
        start = saved[0] if world is not None and saved is not None else 0
        if world is None:
            world = self.build(row.origin, row.spec, row.name)
        namespace = self.namespaces.adopt(row.name, world)
        entries = [json.loads(text) for _, text in self.store.entries(row.name, start)]
        started = time.perf_counter()
        with namespace.lock:
            await replay(app, row.name, entries)
        took = time.perf_counter() - started
        size = len(saved[2]) if saved is not None else 0
        last = self.store.last_seq(row.name)
        tracked = Tracked(row, last, len(entries), self._cadence(size), took)
        self._tracked[row.name] = tracked
        if start == 0 and entries:  # rebuilt from the whole journal: spare the next restart
            self.snapshot(namespace)


def _shared_geography() -> Any:
    """Names the server's geography in a world's pickle; `_WorldUnpickler` puts it back."""
    raise RuntimeError("a world's pickle is read by _WorldUnpickler")


class _WorldUnpickler(pickle.Unpickler):
    """Unpickles a world with the server's own geography (it is shared, never pickled)."""

    def __init__(self, blob: bytes, geography: Any) -> None:
        super().__init__(io.BytesIO(blob))
        self.geography = geography

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == _shared_geography.__name__:
            return lambda: self.geography
        return super().find_class(module, name)


async def replay(app: ASGIApp, name: str, entries: list[dict[str, Any]]) -> list[int]:
    """Send ``entries`` through ``app`` into namespace ``name``, in order; their statuses."""
    tokens = TokenMap()
    statuses = []
    for entry in entries:
        status, answer = await _call(app, _scope(name, entry, tokens), entry_body(entry))
        tokens.learn(entry, status, answer)
        statuses.append(status)
    return statuses


def _scope(name: str, entry: dict[str, Any], tokens: TokenMap) -> Scope:
    path = tokens.path(str(entry["path"]))
    headers = [(HEADER.encode(), name.encode())]
    headers += [
        (k.encode("latin-1"), v.encode("latin-1")) for k, v in tokens.headers(entry).items()
    ]
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": entry["method"],
        "scheme": "http",
        "path": path,
        "raw_path": quote(path).encode("ascii"),
        "query_string": str(entry.get("query", "")).encode("latin-1"),
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 0),
        "server": ("127.0.0.1", 80),
        REPLAY: True,
    }


async def _call(app: ASGIApp, scope: Scope, body: bytes) -> tuple[int, bytes]:
    sent = False
    status = 500
    chunks: list[bytes] = []

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])
        elif message["type"] == "http.response.body":
            chunks.append(bytes(message.get("body", b"")))

    try:
        await app(scope, receive, send)
    except Exception:  # it failed the same way when it was first sent (a 500 then too)
        log.exception("replayed request %s %s failed", scope["method"], scope["path"])
    return status, b"".join(chunks)


async def _send_error(send: Send, error: SandboxError) -> None:
    payload = json.dumps(error.to_dict(), ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(payload))]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
