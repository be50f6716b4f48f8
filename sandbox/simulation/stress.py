"""Stress runs: one scenario, many seeds, in parallel processes or on a Dask cluster.

Seeds come from `numpy.random.SeedSequence` (entropy = the scenario's seed, one spawn key per
replication), so replication ``i`` always gets the same seed and replays alone on a laptop with
``sandbox simulate SCENARIO --seed S``. Each run writes its report folder under
``reports/stress/`` (without report.html), so a failing seed has its replay command at hand.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from numpy.random import SeedSequence

from sandbox.domain.errors import SandboxError
from sandbox.simulation.run import run_scenario
from sandbox.worlds.scenario import load_scenario


class ClusterExtraMissing(SandboxError):
    """Dask mangler - --cluster needs the `cluster` extra, which is not installed."""

    code = "CLUSTER_EXTRA_MISSING"
    da = (
        "--cluster kræver Dask, som ikke er installeret. Installér ekstraen 'cluster': "
        "pip install -e '.[cluster]' (eller 'sygesikring-sandbox[cluster]')"
    )
    en = (
        "--cluster needs Dask, which is not installed. Install the 'cluster' extra: "
        "pip install -e '.[cluster]' (or 'sygesikring-sandbox[cluster]')"
    )


class ClusterUnreachable(SandboxError):
    """Klyngen svarer ikke - the Dask scheduler could not be reached within the timeout."""

    code = "CLUSTER_UNREACHABLE"
    da = "Dask-scheduleren {address} svarede ikke inden for {timeout} s ({problem})"
    en = "The Dask scheduler {address} did not answer within {timeout} s ({problem})"


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
    on_result: Callable[[SeedResult], None] | None = None,
    cluster_timeout: float = 10.0,
) -> list[SeedResult]:
    """Run ``seeds`` replications; locally in ``workers`` processes, or on a Dask cluster.

    ``on_result`` hears of each replication as it finishes (in the order they finish); the
    list returned is in replication order. A scheduler that does not answer within
    ``cluster_timeout`` seconds raises `ClusterUnreachable`.
    """
    base = load_scenario(scenario_path).seed
    chosen = derive_seeds(base, seeds)
    jobs = [(scenario_path, index, seed, str(reports)) for index, seed in enumerate(chosen)]
    results = []
    for result in _run_all(jobs, workers, cluster, cluster_timeout):
        results.append(result)
        if on_result is not None:
            on_result(result)
    return sorted(results, key=lambda result: result.index)


def _run_all(
    jobs: list[tuple[str, int, int, str]], workers: int, cluster: str | None, timeout: float
) -> Iterator[SeedResult]:
    if cluster is not None:
        yield from _on_cluster(jobs, cluster, timeout)
    elif workers <= 1:
        yield from (run_one(*job) for job in jobs)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(run_one, *job) for job in jobs]
            yield from (future.result() for future in as_completed(futures))


def _on_cluster(
    jobs: list[tuple[str, int, int, str]], address: str, timeout: float
) -> Iterator[SeedResult]:
    try:
        from dask.distributed import Client
        from dask.distributed import as_completed as finished
    except ImportError:
        raise ClusterExtraMissing() from None
    try:
        client = Client(address, timeout=timeout)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterUnreachable(address=address, timeout=timeout, problem=str(error)) from None
    with client:
        columns = [list(column) for column in zip(*jobs, strict=True)]
        futures = client.map(run_one, *columns, pure=False)
        for future in finished(futures):  # type: ignore[no-untyped-call]
            yield future.result()
