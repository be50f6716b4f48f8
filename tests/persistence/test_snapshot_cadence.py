"""When an automatic snapshot is due (`Tracked.due`): never before ``snapshot_every`` entries,
then at one entry per `SNAPSHOT_BYTES_PER_ENTRY` of the last pickle, at `MAX_TAIL` entries or
at `REPLAY_BUDGET` seconds of answering (and `PICKLE_SHARE` times the last pickling's),
whichever comes first; and a world's pickle keeps
the server's shared geography out, and back in on reading."""

from __future__ import annotations

from pathlib import Path

from sandbox.adapters.http import in_process_client
from sandbox.adapters.state_store import NamespaceRow, StateStore
from sandbox.api.journal_format import sandbox_version
from sandbox.api.persistence import (
    MAX_TAIL,
    PICKLE_SHARE,
    REPLAY_BUDGET,
    SNAPSHOT_BYTES_PER_ENTRY,
    Tracked,
)
from sandbox.app import create_app

ROW = NamespaceRow("cadence", "cadence", {"kind": "demo"})


def _tail(entries: int, seconds: float = 0.0, pickle_bytes: int = 0) -> Tracked:
    after = max(100, pickle_bytes // SNAPSHOT_BYTES_PER_ENTRY)
    return Tracked(ROW, entries, entries, after, seconds)


def test_a_small_world_is_snapshot_every_hundred_entries() -> None:
    assert not _tail(99).due(100)
    assert _tail(100).due(100)


def test_no_snapshot_before_the_minimum_however_slow_the_requests() -> None:
    assert not _tail(99, seconds=10 * REPLAY_BUDGET).due(100)


def test_a_larger_world_waits_longer_in_proportion_to_its_pickle() -> None:
    pickle_bytes = 300 * SNAPSHOT_BYTES_PER_ENTRY
    assert not _tail(299, pickle_bytes=pickle_bytes).due(100)
    assert _tail(300, pickle_bytes=pickle_bytes).due(100)


def test_the_tail_is_bounded_by_entries_however_large_the_world() -> None:
    pickle_bytes = 50 * MAX_TAIL * SNAPSHOT_BYTES_PER_ENTRY
    assert not _tail(MAX_TAIL - 1, pickle_bytes=pickle_bytes).due(100)
    assert _tail(MAX_TAIL, pickle_bytes=pickle_bytes).due(100)


def test_the_tail_is_bounded_by_the_time_answering_it_took() -> None:
    pickle_bytes = 50 * MAX_TAIL * SNAPSHOT_BYTES_PER_ENTRY
    assert not _tail(200, seconds=REPLAY_BUDGET / 2, pickle_bytes=pickle_bytes).due(100)
    assert _tail(200, seconds=REPLAY_BUDGET, pickle_bytes=pickle_bytes).due(100)


def test_a_slow_pickling_makes_the_time_bound_wait_for_a_longer_tail() -> None:
    """On a busy machine pickling slows down with everything else: the answering time the
    tail may take grows with it, so pickling stays a small share of the work."""
    slow = _tail(200, seconds=REPLAY_BUDGET, pickle_bytes=50 * MAX_TAIL * SNAPSHOT_BYTES_PER_ENTRY)
    slow.pickle_seconds = REPLAY_BUDGET / PICKLE_SHARE * 3
    assert not slow.due(100)
    slow.seconds = PICKLE_SHARE * slow.pickle_seconds
    assert slow.due(100)


def test_an_ephemeral_state_is_never_snapshot() -> None:
    assert not _tail(10 * MAX_TAIL, seconds=10 * REPLAY_BUDGET).due(0)


def test_a_world_pickle_leaves_the_shared_geography_out_and_puts_it_back(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.sqlite")
    app = create_app(state=store)
    with in_process_client(app, "geo") as http:
        assert http.post("/_control/clock/advance", json={"days": 1}).status_code == 200
    persistence = app.state.persistence
    world = persistence.namespaces.find("geo").world
    blob = persistence.pickle(world)
    assert blob is not None
    again = persistence.unpickle(blob, sandbox_version(), "geo-copy")
    assert again is not None
    assert again.geography is persistence.namespaces.geography
    assert again.clock.now() == world.clock.now()
    assert again.namespace == "geo-copy"
    store.close()
