"""`sandbox replay` runs a report's scenario and seed again and stops at an event or a case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandbox.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    done = runner.invoke(
        app, ["simulate", "closed-doctor-relatives-samlever", "-q", "--reports", str(out)]
    )
    assert done.exit_code == 0, done.output
    return out / "closed-doctor-relatives-samlever-20250409"


def test_replay_stops_at_an_event_and_shows_its_decisions_in_danish(report: Path) -> None:
    lines = [json.loads(line) for line in (report / "events.jsonl").read_text().splitlines()]
    refused = next(
        line for line in lines if line["kind"] == "decision" and not line["data"]["allowed"]
    )
    done = runner.invoke(app, ["replay", str(report), "--event", str(refused["seq"])])
    assert done.exit_code == 0, done.output
    assert f"#{refused['seq']}" in done.output
    assert refused["data"]["reasons"][0]["code"] in done.output
    assert "Afgørelse" in done.output and "afvist" in done.output


def test_replay_stops_at_a_case_and_speaks_english(report: Path) -> None:
    summary = json.loads((report / "summary.json").read_text())
    assert summary["cases"]["samlever"]
    # the samlever case: after the move's missing-GP-choice case and its card order
    done = runner.invoke(app, ["replay", str(report), "--case", "F00000003", "--en"])
    assert done.exit_code == 0, done.output
    assert "Decision" in done.output and "Case:" in done.output
    assert "SAMLEVER" in done.output


def test_replay_needs_exactly_one_target(report: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["replay", str(report)]).exit_code == 2
    done = runner.invoke(app, ["replay", str(tmp_path), "--event", "1"])
    assert done.exit_code == 2 and "SCENARIO_ERROR" in done.output
