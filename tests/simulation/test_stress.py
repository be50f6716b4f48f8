"""Stress runs: many seeds in parallel processes, or on a Dask cluster (here an in-process one)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import scenarios
from sandbox.cli import app
from sandbox.simulation.stress import derive_seeds, stress

LUNA_OUTAGE = str(scenarios.path_of("luna-outage"))


def test_seeds_are_derived_with_seed_sequence_and_are_stable() -> None:
    first = derive_seeds(20250409, 5)
    assert first == derive_seeds(20250409, 5)
    assert first[:3] == derive_seeds(20250409, 3), "replication i does not depend on N"
    assert len(set(first)) == 5


def test_twenty_seeds_of_the_luna_outage_find_no_invariant_violation(tmp_path: Path) -> None:
    results = stress(LUNA_OUTAGE, 20, workers=2, reports=tmp_path)
    assert [r.index for r in results] == list(range(20))
    assert not [r for r in results if r.failed], [r.replay for r in results if r.failed]
    assert all((Path(r.folder) / "summary.json").is_file() for r in results)


def test_the_dask_path_on_an_in_process_local_cluster(tmp_path: Path) -> None:
    from dask.distributed import LocalCluster

    with LocalCluster(
        processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        results = stress(LUNA_OUTAGE, 2, cluster=cluster.scheduler_address, reports=tmp_path)
    assert [r.seed for r in results] == derive_seeds(20250409, 2)
    assert not [r for r in results if r.failed]


def test_the_stress_command_prints_every_seed(tmp_path: Path) -> None:
    done = CliRunner().invoke(
        app, ["stress", "renumbering", "--seeds", "2", "--workers", "1", "--reports", str(tmp_path)]
    )
    assert done.exit_code == 0, done.output
    assert "2/2 seeds ok" in done.output
