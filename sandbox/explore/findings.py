"""One exploration from start to written findings: reports/explore/<scenario>-<seed>/.

Explore (`runner`), shrink the first failure (`shrink`), and write ``minimal.feature``,
``minimal.jsonl`` (replayable with `sandbox replay`), ``original.jsonl``, ``report.html`` and
``summary.json``; without a failure only the report and the summary.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sandbox.explore.gherkin import feature_text, step_count
from sandbox.explore.report import write_report
from sandbox.explore.runner import RunRecord, explore_runs
from sandbox.explore.schedule import Schedule, read_schedule
from sandbox.explore.shrink import DEFAULT_BUDGET, Shrunk, shrink
from sandbox.worlds.scenario import load_scenario


@dataclass(slots=True)
class Findings:
    """Fund - what an exploration found and where it wrote it."""

    folder: Path
    runs: int
    failures: int
    seconds: float
    failure: RunRecord | None = None
    shrunk: Shrunk | None = None
    feature: str = ""
    command: str = ""

    @property
    def feature_steps(self) -> int:
        return step_count(self.feature)


def _schedule_of(record: RunRecord, folder: Path) -> Schedule:
    path = folder / "original.jsonl"
    path.write_text(record.schedule, encoding="utf-8")
    return read_schedule(path)


def explore(
    scenario_path: str,
    runs: int,
    seed: int | None = None,
    mutant: str | None = None,
    workers: int = 1,
    cluster: str | None = None,
    reports: Path = Path("reports") / "explore",
    budget: int = DEFAULT_BUDGET,
    on_progress: Callable[[int, int], None] | None = None,
    on_shrink: Callable[[int, int], None] | None = None,
) -> Findings:
    """Explore, shrink the first failure, write the folder; return what was found."""
    scenario = load_scenario(scenario_path)
    base = scenario.seed if seed is None else seed
    folder = reports / f"{scenario.name}-{base}"
    folder.mkdir(parents=True, exist_ok=True)
    for stale in ("minimal.feature", "minimal.jsonl", "original.jsonl"):
        (folder / stale).unlink(missing_ok=True)
    records, seconds = explore_runs(
        scenario_path, runs, base, mutant, workers, cluster, on_progress
    )
    failed = [record for record in records if record.failed]
    found = Findings(folder, len(records), len(failed), seconds)
    context: dict[str, Any] = {
        "scenario": scenario.name,
        "seed": base,
        "runs": len(records),
        "failures": len(failed),
        "mutant": mutant,
        "invariant": None,
    }
    if failed:
        first = found.failure = failed[0]
        assert first.invariant is not None
        original = _schedule_of(first, folder)
        shrunk = found.shrunk = shrink(original, first.invariant, budget, on_shrink)
        minimal = shrunk.schedule
        minimal.write(folder / "minimal.jsonl")
        found.feature = feature_text(minimal, first.invariant)
        (folder / "minimal.feature").write_text(found.feature, encoding="utf-8")
        found.command = f"sandbox feature run {folder / 'minimal.feature'}" + (
            f" --mutant {mutant}" if mutant else ""
        )
        context |= {
            "invariant": first.invariant,
            "detail": first.detail,
            "program_seed": first.seed,
            "interleaving": first.interleaving,
            "tries": shrunk.tries,
            "decisions": shrunk.decisions,
            "feature": found.feature,
            "command": found.command,
            "original_schedule": original,
            "minimal_schedule": minimal,
        }
    summary = {
        key: value for key, value in context.items() if not key.endswith("_schedule")
    }  # no timings here: the same exploration writes the same files
    (folder / "summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
    write_report(folder / "report.html", context)
    return found
