"""Benchmark the explorer: interleavings tried per second on the smoke scenario, and the time
to shrink each mutant's failure, against a bare baseline measured in the same run.

    .venv/bin/python benchmarks/bench_explore.py [--runs 600]

Baseline: building the bare system (`bootstrap` with fresh fakes, registry and clock) as many
times as runs are tried: the floor cost of a fresh world per interleaving. Ratio = the
explorer's time / the baseline's. Timings belong here, never in tests (DESIGN.md principle 12).
"""

from __future__ import annotations

import argparse
import time
from datetime import date, datetime
from datetime import time as dt_time
from pathlib import Path

from fakes.cpr.backend import CprBackend
from fakes.luna.backend import LunaBackend
from sandbox.adapters.clock import ManualClock
from sandbox.adapters.in_process import InProcessCpr, InProcessLuna
from sandbox.explore.mutants import MUTANTS
from sandbox.explore.runner import explore_runs
from sandbox.explore.schedule import read_schedule
from sandbox.explore.shrink import shrink
from sandbox.service.bootstrap import bootstrap
from sandbox.service.store import Store

SMOKE = str(Path(__file__).resolve().parents[1] / "scenarios" / "smoke.yaml")


def baseline(count: int) -> float:
    started = time.perf_counter()
    for _ in range(count):
        clock = ManualClock(datetime.combine(date(2025, 4, 9), dt_time(9, 0)))
        bootstrap(
            clock=clock,
            luna=InProcessLuna(LunaBackend(seed=1), clock),
            cpr=InProcessCpr(CprBackend()),
            registry=Store(),
        )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=600)
    runs = parser.parse_args().runs
    explore_runs(SMOKE, 30, 1, stop_at_failure=False)  # warm caches (geography, parameters)
    records, seconds = explore_runs(SMOKE, runs, 20250409, stop_at_failure=False)
    base = baseline(runs)
    failures = sum(1 for r in records if r.failed)
    print("| what | runs | seconds | per second | baseline (s) | ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    print(
        f"| explore smoke, no mutant | {runs} | {seconds:.2f} | {runs / seconds:.0f} | "
        f"{base:.2f} | {seconds / base:.1f} |"
    )
    print(f"\n(failures without a mutant: {failures})\n")
    print("| mutant | found after runs | steps before -> after | replays | shrink (s) | ratio |")
    print("|---|---:|---|---:|---:|---:|")
    for name in MUTANTS:
        found, _ = explore_runs(SMOKE, 300, 20250409, name)
        first = next(r for r in found if r.failed)
        path = Path(f"/tmp/bench-explore-{name}.jsonl")
        path.write_text(first.schedule, encoding="utf-8")
        schedule = read_schedule(path)
        started = time.perf_counter()
        result = shrink(schedule, str(first.invariant))
        took = time.perf_counter() - started
        per_replay = base / runs * result.tries
        print(
            f"| {name} | {first.index + 1} | {len(schedule.steps)} -> "
            f"{len(result.schedule.steps)} | {result.tries} | {took:.3f} | "
            f"{took / per_replay:.1f} |"
        )


if __name__ == "__main__":
    main()
