"""Explore a scenario: many programs and interleavings, in parallel processes or on Dask.

Run ``i`` is program ``i // INTERLEAVINGS`` (its seed from `numpy.random.SeedSequence`, as
`sandbox stress` derives seeds) under interleaving ``i % INTERLEAVINGS``; each run is a plain
function of plain arguments (`run_one`), so a failure replays alone on one machine from its
schedule. Progress (runs done, failures so far) is reported after every batch. The first
failure is shrunk (`sandbox.explore.shrink`) and written down (`write_findings`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from sandbox.explore.generate import generate
from sandbox.explore.world import run_schedule
from sandbox.simulation.stress import derive_seeds
from sandbox.worlds.scenario import Scenario, load_scenario

INTERLEAVINGS = 3
BATCH = 64


@dataclass(frozen=True, slots=True)
class RunRecord:
    """Kørsel - one program under one interleaving, and what broke (if anything)."""

    index: int
    seed: int
    interleaving: int
    invariant: str | None
    detail: str
    schedule: str  # the schedule as JSON Lines, kept only for a failure

    @property
    def failed(self) -> bool:
        return self.invariant is not None


def run_one(
    scenario_path: str, index: int, seed: int, interleaving: int, mutant: str | None
) -> RunRecord:
    """One run (for a process pool or a Dask worker: plain arguments, a plain result)."""
    schedule = replace(generate(_scenario(scenario_path), seed, interleaving), mutant=mutant)
    outcome = run_schedule(schedule)
    if outcome.problem is None:
        return RunRecord(index, seed, interleaving, None, "", "")
    problem = outcome.problem
    return RunRecord(
        index, seed, interleaving, problem.invariant, problem.detail, schedule.to_jsonl()
    )


@cache
def _scenario(path: str) -> Scenario:
    """Read once per process: parsing the YAML costs more than running a schedule."""
    return load_scenario(path)


def plan(base_seed: int, runs: int) -> list[tuple[int, int, int]]:
    """(index, program seed, interleaving) of every run."""
    seeds = derive_seeds(base_seed, math.ceil(runs / INTERLEAVINGS))
    return [(i, seeds[i // INTERLEAVINGS], i % INTERLEAVINGS) for i in range(runs)]


def _batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def explore_runs(
    scenario_path: str,
    runs: int,
    base_seed: int,
    mutant: str | None = None,
    workers: int = 1,
    cluster: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    stop_at_failure: bool = True,
) -> tuple[list[RunRecord], float]:
    """Run the plan batch by batch; stop after the batch with the first failure (if asked).
    Returns the records (by index) and the seconds the runs took."""
    started = time.perf_counter()
    records: list[RunRecord] = []
    work = plan(base_seed, runs)

    def columns(batch: list[tuple[int, int, int]]) -> list[list[Any]]:
        n = len(batch)
        return [[scenario_path] * n, *map(list, zip(*batch, strict=True)), [mutant] * n]

    def report(done: list[RunRecord]) -> bool:
        records.extend(done)
        failures = sum(1 for record in records if record.failed)
        if on_progress is not None:
            on_progress(len(records), failures)
        return stop_at_failure and failures > 0

    if cluster is not None:
        from dask.distributed import Client

        with Client(cluster) as client:  # type: ignore[no-untyped-call]
            for batch in _batches(work, BATCH * 4):
                futures = client.map(run_one, *columns(batch), pure=False)
                if report(client.gather(futures)):
                    break
    elif workers <= 1:
        for batch in _batches(work, BATCH):
            done = [run_one(scenario_path, i, seed, k, mutant) for i, seed, k in batch]
            if report(done):
                break
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for batch in _batches(work, BATCH * workers):
                if report(list(pool.map(run_one, *columns(batch), chunksize=BATCH // 4))):
                    break
    return sorted(records, key=lambda r: r.index), time.perf_counter() - started
