"""The journal in process (no server): what is journaled, a reset starting it afresh, the
automatic snapshots every N entries and a restart from snapshot plus tail."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sandbox.adapters.http import in_process_client
from sandbox.adapters.state_store import StateStore
from sandbox.app import create_app, restored_app


def _entries(store: StateStore, name: str) -> list[str]:
    return [text for _, text in store.entries(name)]


def test_reads_of_the_control_plane_are_not_journaled_and_a_reset_starts_afresh() -> None:
    store = StateStore()
    with in_process_client(create_app(state=store), "journal") as http:
        http.get("/_control/namespace")
        http.get("/_control/clock")
        assert _entries(store, "journal") == []
        http.get("/cpr/persons/1505963001")  # a fake's read is journaled: faults draw on it
        http.post("/_control/clock/advance", json={"minutes": 1})
        assert len(_entries(store, "journal")) == 2
        http.post("/_control/reset")
        http.post("/_control/clock/advance", json={"minutes": 2})
        kept = _entries(store, "journal")
    assert len(kept) == 2
    assert json.loads(kept[0])["path"] == "/_control/reset"
    assert json.loads(json.loads(kept[1])["body"]) == {"minutes": 2}


def test_a_restart_loads_the_latest_snapshot_and_replays_the_tail(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.sqlite")
    with in_process_client(create_app(state=store, snapshot_every=5), "tail") as http:
        for _ in range(12):
            assert http.post("/_control/clock/advance", json={"minutes": 1}).status_code == 200
        before = http.get("/_control/namespace").json()
    saved = store.world("tail")
    assert saved is not None and 5 <= saved[0] < 12  # a snapshot, and a tail after it
    store.close()
    again = StateStore(tmp_path / "state.sqlite")
    with in_process_client(restored_app(None, again, snapshot_every=5), "tail") as http:
        assert http.get("/_control/namespace").json() == before
        assert again.world("tail")[0] == saved[0]  # type: ignore[index]  # the tail stays one
    again.close()


def test_a_restart_also_works_where_an_event_loop_already_runs(tmp_path: Path) -> None:
    """A notebook, or a test session holding a browser driver, already runs a loop: the
    restore then runs in a thread of its own instead of failing."""
    store = StateStore(tmp_path / "state.sqlite")
    with in_process_client(create_app(state=store), "looped") as http:
        assert http.post("/_control/clock/advance", json={"minutes": 7}).status_code == 200
        before = http.get("/_control/clock").json()
    store.close()

    async def restart() -> dict[str, object]:
        again = StateStore(tmp_path / "state.sqlite")
        app = restored_app(None, again)
        again_clock: dict[str, object] = {}
        with in_process_client(app, "looped") as http:
            again_clock = http.get("/_control/clock").json()
        again.close()
        return again_clock

    # a thread of its own, so the loop started here is the only one, whatever else this test
    # process already runs (the browser tests' driver keeps one in the main thread)
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(asyncio.run, restart()).result() == before
