"""Same scenario and seed give byte-identical reports, in two separate processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SMOKE = ROOT / "scenarios" / "smoke.yaml"


def _simulate(out: Path, seed: int | None, hash_seed: str) -> Path:
    args = [sys.executable, "-m", "sandbox", "simulate", str(SMOKE), "--quiet"]
    args += ["--reports", str(out)]
    if seed is not None:
        args += ["--seed", str(seed)]
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr + done.stdout
    (folder,) = list(out.iterdir())
    return folder


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    first = _simulate(tmp_path_factory.mktemp("a"), None, "1")
    second = _simulate(tmp_path_factory.mktemp("b"), None, "2")
    return first, second


@pytest.mark.parametrize(
    "name", ["summary.json", "events.jsonl", "timeline.json", "report.html", "scenario.yaml"]
)
def test_same_seed_gives_byte_identical_output(two_runs: tuple[Path, Path], name: str) -> None:
    first, second = two_runs
    assert (first / name).read_bytes() == (second / name).read_bytes()


def test_a_different_seed_gives_a_different_run(
    two_runs: tuple[Path, Path], tmp_path: Path
) -> None:
    other = _simulate(tmp_path, 7, "1")
    assert other.name == "smoke-7"
    assert (other / "events.jsonl").read_bytes() != (two_runs[0] / "events.jsonl").read_bytes()


def test_the_compressed_log_is_byte_identical_too(tmp_path: Path) -> None:
    from sandbox.simulation.run import open_log

    for name in ("a.gz", "b.gz"):
        with open_log(tmp_path / name, compressed=True) as stream:
            stream.write('{"seq": 1}\n' * 1000)
    assert (tmp_path / "a.gz").read_bytes() == (tmp_path / "b.gz").read_bytes()
    import gzip

    assert gzip.decompress((tmp_path / "a.gz").read_bytes()).count(b"\n") == 1000
