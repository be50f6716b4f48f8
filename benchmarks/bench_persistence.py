"""What lasting worlds cost: journal appends, restarts, snapshots (`sandbox serve --state`).

    .venv/bin/python benchmarks/bench_persistence.py                 # all three parts
    .venv/bin/python benchmarks/bench_persistence.py -n 2000 --journal 10000 --json p.json

- ``append``: GP-choice POSTs per second (the `bench_api` workload: case-worker choices
  alternating two Aarhus practices, in-process ASGI, one after another) with the state in a
  file (``--state``: WAL, synchronous=NORMAL), in a file with ``--fsync`` (synchronous=FULL),
  and ephemeral (``--ephemeral``: the same journal in an in-memory database), in the same run;
  the ratio is the file's rate over the ephemeral one (target >= 70 %). ``no_journal`` is
  the app without the journal hook (as before journaling existed), for the journal's own cost.
- ``restart``: a namespace with ``--journal`` journaled requests (GP choices and clock
  minutes) in a state file, ending with a tail after the latest snapshot as long as the
  longest the snapshots left during the filling (they bound it by entries and by the time
  answering took, so it depends on the machine's speed and load then); the time from opening
  the file to every namespace being back (open, check, load the latest snapshot, replay the
  tail), with the snapshots and with them deleted (the whole journal replayed, as after an
  upgrade). The app itself is built first and timed apart (``app``: routes and geography,
  which ``--ephemeral`` pays too). Target under 2 s.
- ``snapshots``: save, restore and fork of the demo world (``POST /_control/snapshots``,
  ``.../restore``, ``POST /_control/namespaces``), median and slowest of ``--repeat``.

Timings belong here, never in tests (DESIGN.md principle 12).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_api import PRACTICES, eligible, rate, token  # noqa: E402

from sandbox.adapters.state_store import StateStore  # noqa: E402
from sandbox.app import create_app  # noqa: E402

NAMESPACE = {"X-Sandbox-Namespace": "bench"}


def client(app: Any) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app)
    return httpx.AsyncClient(transport=transport, base_url="http://bench", headers=NAMESPACE)


async def chooser(http: httpx.AsyncClient) -> Callable[[int], Awaitable[httpx.Response]]:
    aarhus = await token(http, "0751")
    choosers = await eligible(http, aarhus)

    def choose(index: int) -> Awaitable[httpx.Response]:
        cpr = choosers[index % len(choosers)]
        practice = PRACTICES[(index // len(choosers)) % len(PRACTICES)]
        url = f"/sygesikring/case-worker/citizens/{cpr}/gp-choice"
        return http.post(url, json={"ydernummer": practice}, headers=aarhus)

    return choose


async def append(folder: Path, n: int, warmup: int, rounds: int) -> dict[str, float]:
    """Rounds of ``n / rounds`` choices on each store in turn, so a machine busy with other
    work slows all three alike; the median of each store's rounds and of the ratios."""
    stores = {
        "ephemeral": StateStore(),
        "state": StateStore(folder / "append.sqlite"),
        "state_fsync": StateStore(folder / "append-fsync.sqlite", fsync=True),
    }
    apps = {name: create_app(state=store) for name, store in stores.items()}
    stores["no_journal"] = StateStore()
    apps["no_journal"] = create_app(state=stores["no_journal"])
    # the app as it was before journaling: the middleware without its persistence hook
    for middleware in apps["no_journal"].user_middleware:
        if "persistence" in middleware.kwargs:
            middleware.kwargs["persistence"] = None
    clients = {name: client(app) for name, app in apps.items()}
    calls = {name: await chooser(http) for name, http in clients.items()}
    done = dict.fromkeys(stores, 0)
    rates: dict[str, list[float]] = {name: [] for name in stores}
    for name, call in calls.items():
        await rate(call, warmup, 0)
        done[name] = warmup
    per_round = max(1, n // rounds)
    for _ in range(rounds):
        for name, call in calls.items():
            offset = done[name]
            rates[name].append(await rate(lambda i: call(offset + i), per_round, 0))  # noqa: B023
            done[name] += per_round
    for http in clients.values():
        await http.aclose()
    for store in stores.values():
        store.close()
    figures = {f"{name}_rps": statistics.median(values) for name, values in rates.items()}
    for name in ("state", "state_fsync", "no_journal"):
        ratios = [a / b for a, b in zip(rates[name], rates["ephemeral"], strict=True)]
        figures[f"{name}_over_ephemeral"] = statistics.median(ratios)
    return figures


async def fill(path: Path, entries: int) -> None:
    """``entries`` journaled requests in namespace bench (and a few more to set it up)."""
    store = StateStore(path)
    app = create_app(state=store)
    async with client(app) as http:
        aarhus = await token(http, "0751")
        choosers = await eligible(http, aarhus)
        tracked = app.state.persistence.tracked("bench", None)
        choices = longest = 0
        for index in range(entries):
            if index % 10 == 9:
                answer = await http.post("/_control/clock/advance", json={"minutes": 1})
            else:
                cpr = choosers[choices % len(choosers)]
                practice = PRACTICES[(choices // len(choosers)) % len(PRACTICES)]
                choices += 1
                url = f"/sygesikring/case-worker/citizens/{cpr}/gp-choice"
                answer = await http.post(url, json={"ydernummer": practice}, headers=aarhus)
            answer.raise_for_status()
            longest = max(longest, tracked.since_snapshot)
        # the worst case for a restart: a tail as long as the longest the snapshots left so
        # far (they bound it by entries and by answering time, so it is found by filling)
        for _ in range(3 * longest):
            if tracked.since_snapshot >= longest:
                break
            (await http.post("/_control/clock/advance", json={"minutes": 1})).raise_for_status()
    store.close()


def restart(path: Path) -> tuple[float, float]:
    """Seconds to open the file and bring its namespaces back (load the snapshot, replay the
    tail), and seconds to build the app itself (routes: `--ephemeral` pays that too)."""
    start = time.perf_counter()
    app = create_app()
    built = time.perf_counter()
    store = StateStore(path)
    app.state.persistence.store = store
    asyncio.run(app.state.persistence.restore_all(app))
    done = time.perf_counter()
    store.close()
    return done - built, built - start


def restarts(folder: Path, entries: int, repeat: int) -> dict[str, float]:
    pristine = folder / "filled.sqlite"
    asyncio.run(fill(pristine, entries))
    with sqlite3.connect(pristine) as db:
        journal = db.execute("SELECT COUNT(*) FROM journal WHERE namespace='bench'").fetchone()[0]
        tail = journal - db.execute("SELECT seq FROM world_snapshots").fetchone()[0]
    path = folder / "restart.sqlite"
    timings: dict[str, list[float]] = {"with_snapshots": [], "full_replay": [], "app": []}
    for _ in range(repeat):  # each restart from the same file (a restart writes a snapshot)
        shutil.copyfile(pristine, path)
        restored, app = restart(path)
        timings["with_snapshots"].append(restored)
        timings["app"].append(app)
        shutil.copyfile(pristine, path)
        with sqlite3.connect(path) as db:
            db.execute("DELETE FROM world_snapshots")
        timings["full_replay"].append(restart(path)[0])
    figures: dict[str, float] = {"journal_entries": journal, "replayed_after_snapshot": tail}
    for name, values in timings.items():
        figures[f"{name}_median_s"] = statistics.median(values)
        figures[f"{name}_max_s"] = max(values)
    return figures


async def snapshots(folder: Path, repeat: int) -> dict[str, float]:
    store = StateStore(folder / "snapshots.sqlite")
    timings: dict[str, list[float]] = {"save": [], "restore": [], "fork": []}
    async with client(create_app(state=store)) as http:
        (await http.post("/_control/clock/advance", json={"days": 1})).raise_for_status()
        for index in range(repeat):
            fork = {"name": f"trainee-{index}", "from_snapshot": "demo"}
            for name, call in (
                ("save", lambda: http.post("/_control/snapshots", json={"name": "demo"})),
                ("restore", lambda: http.post("/_control/snapshots/demo/restore")),
                (
                    "fork",
                    lambda: http.post("/_control/namespaces", json=fork),  # noqa: B023
                ),
            ):
                start = time.perf_counter()
                (await call()).raise_for_status()
                timings[name].append(time.perf_counter() - start)
    store.close()
    figures = {}
    for name, values in timings.items():
        figures[f"{name}_median_ms"] = statistics.median(values) * 1000
        figures[f"{name}_max_ms"] = max(values) * 1000
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2000, help="measured GP choices per store")
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=10, help="append rounds per store")
    parser.add_argument("--journal", type=int, default=10_000, help="entries before a restart")
    parser.add_argument("--repeat", type=int, default=5, help="restarts / snapshot rounds")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--only", choices=("append", "restart", "snapshots"), help="one part")
    args = parser.parse_args(argv)
    parts = {
        "append": lambda folder: asyncio.run(append(folder, args.n, args.warmup, args.rounds)),
        "restart": lambda folder: restarts(folder, args.journal, args.repeat),
        "snapshots": lambda folder: asyncio.run(snapshots(folder, args.repeat * 4)),
    }
    with tempfile.TemporaryDirectory() as folder:
        results = {
            name: part(Path(folder))
            for name, part in parts.items()
            if args.only is None or name == args.only
        }
    for part, figures in results.items():
        print(f"## {part}")
        for key, value in figures.items():
            print(f"  {key}: {value:,.3f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
