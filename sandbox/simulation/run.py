"""Run a scenario to its report folder: reports/<scenario>-<seed>/{summary.json, events.jsonl}."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sandbox.reporting.summary import summarise, write_json
from sandbox.simulation.scenario import Scenario
from sandbox.simulation.world import World


@dataclass(frozen=True, slots=True)
class RunResult:
    """Kørsel - where a run's report went and what it found."""

    folder: Path
    summary: dict[str, Any]

    @property
    def expectations_met(self) -> bool:
        return all(item["met"] for item in self.summary["expectations"].values())


def run_scenario(
    scenario: Scenario,
    reports_dir: Path,
    on_day: Callable[[int], None] | None = None,
) -> RunResult:
    """Build the world, run it, and write summary.json and events.jsonl."""
    folder = reports_dir / f"{scenario.name}-{scenario.seed}"
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / "events.jsonl.partial"
    with partial.open("w", encoding="utf-8", newline="\n") as stream:
        world = World(scenario, replay_stream=stream)
        world.run(on_day)
    partial.replace(folder / "events.jsonl")
    summary = summarise(world)
    write_json(folder / "summary.json", summary)
    return RunResult(folder, summary)
