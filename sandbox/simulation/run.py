"""Run a scenario to its report folder: reports/<scenario>-<seed>/.

The folder gets ``scenario.yaml`` (the scenario as run, so `sandbox replay` can run it again),
``summary.json``, ``timeline.json``, ``report.html`` and the replay log: ``events.jsonl``, or
``events.jsonl.gz`` for large populations (gzip without a timestamp, so it stays
byte-identical for the same seed). An invariant violation stops the run; the report is still
written, with the violation and the command that replays it.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import yaml

from sandbox.reporting.html import write_report
from sandbox.reporting.summary import summarise, write_json
from sandbox.service.bus import Journal
from sandbox.simulation.invariants import InvariantViolation
from sandbox.simulation.world import World
from sandbox.worlds.scenario import Scenario

COMPRESS_FROM_POPULATION = 100_000
LOG_NAMES = ("events.jsonl", "events.jsonl.gz")


@dataclass(frozen=True, slots=True)
class RunResult:
    """Kørsel - where a run's report went and what it found."""

    folder: Path
    summary: dict[str, Any]
    violation: InvariantViolation | None = None

    @property
    def expectations_met(self) -> bool:
        return all(item["met"] for item in self.summary["expectations"].values())


def log_name(scenario: Scenario) -> str:
    return LOG_NAMES[1] if scenario.population >= COMPRESS_FROM_POPULATION else LOG_NAMES[0]


def open_log(path: Path, compressed: bool) -> IO[str]:
    """A text stream for the replay log; gzip with mtime 0 and no file name when compressed."""
    if not compressed:
        return path.open("w", encoding="utf-8", newline="\n")
    raw = path.open("wb")
    zipped = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=3)
    return io.TextIOWrapper(zipped, encoding="utf-8", newline="\n", write_through=False)


def save_scenario(scenario: Scenario, folder: Path) -> None:
    text = yaml.safe_dump(scenario.source, allow_unicode=True, sort_keys=False)
    (folder / "scenario.yaml").write_text(text, encoding="utf-8")


def run_scenario(
    scenario: Scenario,
    reports_dir: Path,
    on_day: Callable[[int], None] | None = None,
    observers: tuple[Journal, ...] = (),
    html: bool = True,
) -> RunResult:
    """Build the world, run it, check the invariants in full, and write the report."""
    folder = reports_dir / f"{scenario.name}-{scenario.seed}"
    folder.mkdir(parents=True, exist_ok=True)
    for name in LOG_NAMES:
        (folder / name).unlink(missing_ok=True)
    save_scenario(scenario, folder)
    name = log_name(scenario)
    partial = folder / f"{name}.partial"
    raw = open_log(partial, name.endswith(".gz"))
    violation = None
    try:
        world = World(scenario, replay_stream=raw, observers=observers)
        try:
            world.run(on_day)
            world.invariants.check_all()
        except InvariantViolation as found:
            violation = found
    finally:
        raw.close()
    partial.replace(folder / name)
    summary = summarise(world, violation, str(folder))
    write_json(folder / "summary.json", summary)
    write_json(folder / "timeline.json", {"days": world.stats.timeline.days})
    if html:
        write_report(folder, summary, world.stats.timeline.days)
    return RunResult(folder, summary, violation)
