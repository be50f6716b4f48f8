"""Wall time of the README's everyday commands, each a fresh process, as a user runs them.

    .venv/bin/python benchmarks/bench_commands.py                 # every command, once
    .venv/bin/python benchmarks/bench_commands.py --only qa       # the feature runs only
    .venv/bin/python benchmarks/bench_commands.py --runs 3        # median of three

Each group has a baseline measured in the same run, so a figure reads as a ratio on a busy
machine too: for the feature runs ``pytest tests/bdd --collect-only`` (start-up and collection,
no scenario run); for the CLI ``sandbox --help`` (the command's start-up). The README's timings
are these figures (benchmarks/README.md, "Everyday commands"). Reports go to a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTEST = [sys.executable, "-m", "pytest", "-p", "no:randomly"]
SANDBOX = [str(ROOT / ".venv" / "bin" / "sandbox")]


def commands(reports: str) -> dict[str, list[tuple[str, list[str]]]]:
    cucumber = f"--cucumberjson={reports}/features/cucumber.json"
    return {
        "qa": [
            ("baseline: pytest tests/bdd --collect-only", [*PYTEST, "tests/bdd", "--collect-only"]),
            ("pytest tests/bdd", [*PYTEST, "tests/bdd", cucumber]),
            (
                "pytest tests/bdd -k gyldighedsdatoen",
                [*PYTEST, "tests/bdd", "-k", "gyldighedsdatoen", cucumber],
            ),
            (
                "pytest tests/bdd -m ændring-11",
                [*PYTEST, "tests/bdd", "-m", "ændring-11", cucumber],
            ),
            ("pytest tests/bdd -n 2", [*PYTEST, "tests/bdd", "-n", "2", cucumber]),
            ("pytest tests/bdd_http (HTTP mode)", [*PYTEST, "tests/bdd_http", cucumber]),
            ("pytest tests/bdd_http -n 2", [*PYTEST, "tests/bdd_http", "-n", "2", cucumber]),
        ],
        "cli": [
            ("baseline: sandbox --help", [*SANDBOX, "--help"]),
            ("sandbox simulate (smoke)", [*SANDBOX, "simulate", "--quiet", "--reports", reports]),
            (
                "sandbox simulate municipality-year",
                [*SANDBOX, "simulate", "municipality-year", "--quiet", "--reports", reports],
            ),
            (
                "sandbox stress luna-outage --seeds 20 --workers 2",
                [
                    *SANDBOX,
                    "stress",
                    "luna-outage",
                    "--seeds",
                    "20",
                    "--workers",
                    "2",
                    "--quiet",
                    "--reports",
                    f"{reports}/stress",
                ],
            ),
        ],
    }


def timed(command: list[str]) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 5):  # 5: pytest collected nothing
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout[-2000:]}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("qa", "cli"))
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as reports:
        for group, items in commands(reports).items():
            if args.only and group != args.only:
                continue
            baseline = 0.0
            print(f"| {group} command | wall time (s) | / baseline |\n|---|---:|---:|")
            for label, command in items:
                seconds = statistics.median(timed(command) for _ in range(args.runs))
                baseline = baseline or seconds
                print(f"| `{label}` | {seconds:.1f} | {seconds / baseline:.1f} |", flush=True)
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
