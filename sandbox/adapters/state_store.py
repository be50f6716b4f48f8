"""Tilstandsdatabasen - the SQLite state of a served sandbox (standard library ``sqlite3``).

One database file holds every namespace of one `sandbox serve`: the spec a namespace's world is
built from and the name it was built under (``origin``), the ordered journal of the requests
that changed it, the latest automatic snapshot that bounds the replay on restart, the named
snapshots, and the server's secret. It stores JSON text and opaque bytes only; what they mean
is `sandbox.api.persistence`'s business.

WAL mode with ``synchronous=NORMAL``: a commit is in the write-ahead log before the answer
leaves, so a killed process (SIGKILL, a crash) loses nothing it acknowledged; only a power cut
can drop the last commits (never corrupting the file). ``fsync=True`` (``serve --fsync``) asks
for ``synchronous=FULL``, which survives that too at the price of an fsync per request.
"""

from __future__ import annotations

import fcntl
import json
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sandbox.domain.errors import SandboxError

SCHEMA = 1
MEMORY = ":memory:"

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS namespaces (
    name TEXT PRIMARY KEY, origin TEXT NOT NULL, spec TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS journal (
    namespace TEXT NOT NULL, seq INTEGER NOT NULL, entry TEXT NOT NULL,
    PRIMARY KEY (namespace, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS world_snapshots (
    namespace TEXT PRIMARY KEY, seq INTEGER NOT NULL, version TEXT NOT NULL, world BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS named_snapshots (
    name TEXT PRIMARY KEY, namespace TEXT NOT NULL, origin TEXT NOT NULL, spec TEXT NOT NULL,
    journal TEXT NOT NULL, now TEXT NOT NULL, version TEXT, world BLOB);
"""


class StateError(SandboxError):
    """The state database cannot be used (the CLI exits 2)."""

    code = "STATE_UNUSABLE"


class StateCorrupt(StateError):
    code = "STATE_CORRUPT"
    da = "Tilstandsfilen {path} kan ikke læses som en SQLite-database: {detail}."
    en = "The state file {path} cannot be read as an SQLite database: {detail}."


class StateLocked(StateError):
    code = "STATE_LOCKED"
    kind = "conflict"
    da = "Tilstandsfilen {path} er låst: en anden proces (måske en anden sandbox serve) bruger den."
    en = "The state file {path} is locked: another process (perhaps another sandbox serve) uses it."


class StateTooNew(StateError):
    code = "STATE_SCHEMA_TOO_NEW"
    da = (
        "Tilstandsfilen {path} har skemaversion {found}, men denne sandkasse kender højst "
        "{known}: opgrader sandkassen eller brug en anden fil (--state)."
    )
    en = (
        "The state file {path} has schema version {found}, but this sandbox knows at most "
        "{known}: upgrade the sandbox or use another file (--state)."
    )


@dataclass(frozen=True, slots=True)
class NamespaceRow:
    name: str
    origin: str
    spec: dict[str, Any]


@dataclass(frozen=True, slots=True)
class NamedSnapshot:
    name: str
    namespace: str
    origin: str
    spec: dict[str, Any]
    journal: list[dict[str, Any]]
    now: str
    version: str | None
    world: bytes | None


class StateStore:
    """One SQLite connection, guarded by a lock (the event loop and worker threads share it)."""

    def __init__(self, path: str | Path = MEMORY, *, fsync: bool = False) -> None:
        self.path = str(path)
        self._lock = threading.Lock()
        self._file: Any = None
        try:
            if self.path != MEMORY:
                self._hold(Path(self.path))
            self._db = sqlite3.connect(
                self.path, timeout=0.5, check_same_thread=False, isolation_level=None
            )
            self._setup(fsync)
        except sqlite3.DatabaseError as error:
            self.close()
            detail = str(error)
            if "locked" in detail or "busy" in detail:
                raise StateLocked(path=self.path) from None
            raise StateCorrupt(path=self.path, detail=detail) from None

    def _hold(self, path: Path) -> None:
        """An advisory lock on the file for this process's life: two servers writing one
        journal would interleave two histories."""
        try:
            self._file = path.open("ab")
        except OSError as error:
            raise StateCorrupt(path=self.path, detail=error.strerror or str(error)) from None
        try:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._file.close()
            self._file = None
            raise StateLocked(path=self.path) from None

    def _setup(self, fsync: bool) -> None:
        db = self._db
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(f"PRAGMA synchronous={'FULL' if fsync else 'NORMAL'}")
        db.executescript(_TABLES)
        db.execute("BEGIN IMMEDIATE")
        try:
            found = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if found is not None and int(found[0]) > SCHEMA:
                raise StateTooNew(path=self.path, found=int(found[0]), known=SCHEMA)
            db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA,))
            secret = secrets.token_bytes(32)
            db.execute("INSERT OR IGNORE INTO meta VALUES ('secret', ?)", (secret,))
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        db = getattr(self, "_db", None)
        if db is not None:
            db.close()
        if self._file is not None:
            self._file.close()
            self._file = None

    def _tx(self) -> _Transaction:
        return _Transaction(self._db, self._lock)

    # -- meta --------------------------------------------------------------------------------

    def secret(self) -> bytes:
        """The server's secret (made once, with the file), for signing what must outlive it."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key='secret'").fetchone()
        return bytes(row[0])

    # -- namespaces and their journals -------------------------------------------------------

    def namespaces(self) -> list[NamespaceRow]:
        with self._lock:
            rows = self._db.execute("SELECT name, origin, spec FROM namespaces ORDER BY name")
            return [NamespaceRow(n, o, json.loads(s)) for n, o, s in rows.fetchall()]

    def namespace(self, name: str) -> NamespaceRow | None:
        with self._lock:
            row = self._db.execute(
                "SELECT name, origin, spec FROM namespaces WHERE name=?", (name,)
            ).fetchone()
        return None if row is None else NamespaceRow(row[0], row[1], json.loads(row[2]))

    def append(self, row: NamespaceRow, seq: int, entry: str) -> None:
        """Journal one request (committed when this returns); the namespace row on first use."""
        with self._tx() as db:
            if seq == 1:
                db.execute(
                    "INSERT OR IGNORE INTO namespaces VALUES (?, ?, ?)",
                    (row.name, row.origin, json.dumps(row.spec)),
                )
            db.execute("INSERT INTO journal VALUES (?, ?, ?)", (row.name, seq, entry))

    def last_seq(self, name: str) -> int:
        with self._lock:
            row = self._db.execute(
                "SELECT MAX(seq) FROM journal WHERE namespace=?", (name,)
            ).fetchone()
        return int(row[0] or 0)

    def entries(self, name: str, after: int = 0) -> Iterator[tuple[int, str]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT seq, entry FROM journal WHERE namespace=? AND seq>? ORDER BY seq",
                (name, after),
            ).fetchall()
        yield from rows

    def rebase(self, row: NamespaceRow, keep_from: int) -> None:
        """After a reset or seed: the journal starts at ``keep_from``, the world at ``row``."""
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO namespaces VALUES (?, ?, ?)",
                (row.name, row.origin, json.dumps(row.spec)),
            )
            db.execute("DELETE FROM journal WHERE namespace=? AND seq<?", (row.name, keep_from))
            db.execute("DELETE FROM world_snapshots WHERE namespace=?", (row.name,))

    def replace(
        self, row: NamespaceRow, entries: list[str], snapshot: tuple[str, bytes] | None
    ) -> None:
        """A namespace made anew from a named snapshot: its row, journal and world at once."""
        with self._tx() as db:
            self._forget(db, row.name)
            db.execute(
                "INSERT INTO namespaces VALUES (?, ?, ?)",
                (row.name, row.origin, json.dumps(row.spec)),
            )
            db.executemany(
                "INSERT INTO journal VALUES (?, ?, ?)",
                [(row.name, seq, entry) for seq, entry in enumerate(entries, start=1)],
            )
            if snapshot is not None:
                db.execute(
                    "INSERT INTO world_snapshots VALUES (?, ?, ?, ?)",
                    (row.name, len(entries), *snapshot),
                )

    def forget(self, name: str) -> None:
        with self._tx() as db:
            self._forget(db, name)

    @staticmethod
    def _forget(db: sqlite3.Connection, name: str) -> None:
        for table, column in (("namespaces", "name"), ("journal", "namespace")):
            db.execute(f"DELETE FROM {table} WHERE {column}=?", (name,))
        db.execute("DELETE FROM world_snapshots WHERE namespace=?", (name,))

    # -- automatic snapshots -----------------------------------------------------------------

    def save_world(self, name: str, seq: int, version: str, world: bytes) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO world_snapshots VALUES (?, ?, ?, ?)",
                (name, seq, version, world),
            )

    def world(self, name: str) -> tuple[int, str, bytes] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT seq, version, world FROM world_snapshots WHERE namespace=?", (name,)
            ).fetchone()
        return None if row is None else (int(row[0]), str(row[1]), bytes(row[2]))

    # -- named snapshots ---------------------------------------------------------------------

    def save_named(self, snapshot: NamedSnapshot) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO named_snapshots VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    snapshot.name,
                    snapshot.namespace,
                    snapshot.origin,
                    json.dumps(snapshot.spec),
                    json.dumps(snapshot.journal),
                    snapshot.now,
                    snapshot.version,
                    snapshot.world,
                ),
            )

    def named(self, name: str) -> NamedSnapshot | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM named_snapshots WHERE name=?", (name,)).fetchone()
        if row is None:
            return None
        spec, journal = json.loads(row[3]), json.loads(row[4])
        world = None if row[7] is None else bytes(row[7])
        return NamedSnapshot(row[0], row[1], row[2], spec, journal, row[5], row[6], world)

    def named_list(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT name, namespace, now, json_array_length(journal) "
                "FROM named_snapshots ORDER BY name"
            ).fetchall()
        return [{"name": n, "namespace": s, "now": t, "journal": j} for n, s, t, j in rows]

    def delete_named(self, name: str) -> bool:
        with self._tx() as db:
            cursor = db.execute("DELETE FROM named_snapshots WHERE name=?", (name,))
            return cursor.rowcount > 0


class _Transaction:
    """``with store._tx() as db``: one write transaction under the store's lock."""

    def __init__(self, db: sqlite3.Connection, lock: threading.Lock) -> None:
        self._db = db
        self._lock = lock

    def __enter__(self) -> sqlite3.Connection:
        self._lock.acquire()
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._lock.release()
            raise
        return self._db

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            self._db.execute("COMMIT" if kind is None else "ROLLBACK")
        finally:
            self._lock.release()
