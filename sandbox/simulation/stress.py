"""Stress runs: one scenario, many seeds, in parallel processes or on a Dask cluster.

Seeds come from `numpy.random.SeedSequence` (entropy = the scenario's seed, one spawn key per
replication), so replication ``i`` always gets the same seed and replays alone on a laptop with
``sandbox simulate SCENARIO --seed S``. Each run writes its report folder under
``reports/stress/`` (without report.html), so a failing seed has its replay command at hand.
"""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from numpy.random import SeedSequence

from sandbox.simulation.run import run_scenario
from sandbox.simulation.scenario import load_scenario


@dataclass(frozen=True, slots=True)
class SeedResult:
    """Resultat for et frø - one replication's outcome."""

    index: int
    seed: int
    violation: dict[str, Any] | None
    expectations_met: bool
    replay: str
    folder: str
    seconds: float

    @property
    def failed(self) -> bool:
        return self.violation is not None or not self.expectations_met


def derive_seeds(base: int, count: int) -> list[int]:
    """Seed number ``i`` of ``count``: from SeedSequence(base) with spawn key (i,)."""
    return [
        int(SeedSequence(entropy=base, spawn_key=(index,)).generate_state(1)[0])
        for index in range(count)
    ]


def run_one(scenario_path: str, index: int, seed: int, reports: str) -> SeedResult:
    """One replication (a plain function of plain arguments, so a process or worker can run it)."""
    started = time.perf_counter()
    scenario = load_scenario(scenario_path).with_seed(seed)
    result = run_scenario(scenario, Path(reports), html=False)
    violation = result.summary["invariants"]["violation"]
    replay = result.summary["invariants"]["replay"] or (
        f"sandbox simulate {scenario_path} --seed {seed}"
    )
    return SeedResult(
        index,
        seed,
        violation,
        result.expectations_met,
        replay,
        str(result.folder),
        round(time.perf_counter() - started, 3),
    )


def stress(
    scenario_path: str,
    seeds: int,
    workers: int = 2,
    cluster: str | None = None,
    reports: Path = Path("reports") / "stress",
) -> list[SeedResult]:
    """Run ``seeds`` replications; locally in ``workers`` processes, or on a Dask cluster."""
    base = load_scenario(scenario_path).seed
    chosen = derive_seeds(base, seeds)
    indexes = list(range(seeds))
    paths = [scenario_path] * seeds
    folders = [str(reports)] * seeds
    if cluster is not None:
        from dask.distributed import Client

        with Client(cluster) as client:  # type: ignore[no-untyped-call]
            futures = client.map(run_one, paths, indexes, chosen, folders, pure=False)
            results: list[SeedResult] = client.gather(futures)
    elif workers <= 1:
        results = [run_one(*args) for args in zip(paths, indexes, chosen, folders, strict=True)]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(run_one, paths, indexes, chosen, folders))
    return sorted(results, key=lambda result: result.index)
