"""Every mutant is found by `explore` within its default budget, shrunk to at most 15 steps,
and the feature written from it fails with the mutant and passes without it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sandbox.cli_explore import DEFAULT_RUNS
from sandbox.explore.findings import explore
from sandbox.explore.mutants import MUTANTS

ROOT = Path(__file__).resolve().parents[2]


def feature_run(path: Path, mutant: str | None, reports: Path) -> int:
    command = [sys.executable, "-m", "sandbox", "feature", "run", str(path)]
    command += ["--reports", str(reports)] + (["--mutant", mutant] if mutant else [])
    return subprocess.run(command, cwd=ROOT, capture_output=True, check=False).returncode


@pytest.mark.parametrize("mutant", list(MUTANTS))
def test_explore_finds_and_shrinks_the_mutant(mutant: str, tmp_path: Path) -> None:
    found = explore("scenarios/smoke.yaml", DEFAULT_RUNS, mutant=mutant, reports=tmp_path)
    assert found.failure is not None
    assert found.shrunk is not None
    assert 0 < found.feature_steps <= 15
    folder = found.folder
    for name in ("minimal.feature", "minimal.jsonl", "original.jsonl", "report.html"):
        assert (folder / name).is_file()
    assert found.feature.startswith("# language: da\n")
    assert found.feature.count("Scenarie:") == 1
    last = found.feature.strip().splitlines()[-1].strip()
    assert last.startswith('Så gælder invarianten "')
    feature = folder / "minimal.feature"
    assert feature_run(feature, mutant, tmp_path / "with") == 1
    assert feature_run(feature, None, tmp_path / "without") == 0
    assert (tmp_path / "without" / "index.html").is_file()
