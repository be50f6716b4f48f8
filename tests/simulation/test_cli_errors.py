"""Bad input on the command line: a clear message in Danish and English, exit 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandbox.cli import EXIT_USER_ERROR, app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("name: x\n", "SCENARIO_ERROR"),
        ("[unclosed", "invalid YAML"),
        (
            "name: x\nseed: 1\nstart: 2025-01-01\nduration_days: 3\npopulation: 10\n"
            "municipalities: ['9999']\n",
            "9999",
        ),
        (
            "name: x\nseed: one\nstart: 2025-01-01\nduration_days: 3\npopulation: 10\n"
            "municipalities: ['0787']\n",
            "seed",
        ),
        (
            "name: x\nseed: 1\nstart: 2025-01-01\nduration_days: 3\npopulation: 10\n"
            "municipalities: ['0787']\nsurprise: true\n",
            "surprise",
        ),
    ],
)
def test_a_bad_scenario_file_gives_a_clear_message(
    tmp_path: Path, content: str, expected: str
) -> None:
    scenario = tmp_path / "bad.yaml"
    scenario.write_text(content, encoding="utf-8")
    code, output = _run("simulate", str(scenario), "--reports", str(tmp_path / "r"))
    assert code == EXIT_USER_ERROR
    assert expected in output
    assert "Traceback" not in output
    assert not (tmp_path / "r").exists(), "nothing half-written"


def test_a_missing_scenario_file_gives_a_clear_message(tmp_path: Path) -> None:
    code, output = _run("simulate", str(tmp_path / "nope.yaml"))
    assert code == EXIT_USER_ERROR
    assert "SCENARIO_ERROR" in output and "findes ikke" in output and "does not exist" in output


@pytest.mark.parametrize("number", ["310299-1234", "12345", "abcdef-ghij", "011300-0000"])
def test_a_bad_cpr_number_gives_a_clear_message(number: str) -> None:
    code, output = _run("cpr", "check", number)
    assert code == EXIT_USER_ERROR
    assert "INVALID_CPR" in output
    assert "Traceback" not in output


@pytest.mark.parametrize("number", ["150596-3001", "120984-0000", "010270-0000"])
def test_the_release_notes_demo_numbers_are_valid(number: str) -> None:
    code, output = _run("cpr", "check", number)
    assert code == 0, output
    assert "modulus 11: False" in output


def test_an_unknown_parameter_gives_a_clear_message() -> None:
    code, output = _run("parameters", "noSuchThing")
    assert code == EXIT_USER_ERROR
    assert "PARAMETER_ERROR" in output


def test_a_scenario_name_too_long_for_the_file_system_gives_a_clear_message() -> None:
    code, output = _run("simulate", "x" * 5000)
    assert code == EXIT_USER_ERROR
    assert "SCENARIO_ERROR" in output and "Traceback" not in output
