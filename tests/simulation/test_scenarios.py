"""Every shipped scenario but denmark-year runs, meets its expectations and breaks no invariant."""

from __future__ import annotations

from pathlib import Path

import pytest

import scenarios
from sandbox.simulation.run import run_scenario
from sandbox.worlds.scenario import load_scenario

NOT_IN_CI = {"denmark-year"}  # about two minutes and 4 GiB: benchmarks/README.md


@pytest.mark.parametrize("name", [n for n in scenarios.shipped() if n not in NOT_IN_CI])
def test_a_shipped_scenario_meets_its_expectations(name: str, tmp_path: Path) -> None:
    path = scenarios.path_of(name)
    assert path is not None
    scenario = load_scenario(path)
    assert scenario.expectations, "every scenario states what it checks at the end"
    result = run_scenario(scenario, tmp_path, html=name == "smoke")
    assert result.violation is None, result.summary["invariants"]
    failed = {k: v for k, v in result.summary["expectations"].items() if not v["met"]}
    assert not failed
    assert (result.folder / "scenario.yaml").is_file()
    assert sum(result.summary["invariants"]["checked"].values()) > 0


def test_denmark_year_loads_and_names_all_98_municipalities() -> None:
    path = scenarios.path_of("denmark-year")
    assert path is not None
    scenario = load_scenario(path)
    assert len(scenario.municipalities) == 98
    assert scenario.population == 5_900_000
    assert scenario.log == "commands"
