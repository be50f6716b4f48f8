"""The command line's everyday cases: every user error is a Danish and English message and
exit 2 (never a traceback), wrong names list the right ones, and the commands say what they did.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import scenarios
from sandbox.cli import EXIT_INVARIANT_VIOLATED, EXIT_USER_ERROR, app
from sandbox.simulation.demo import DEMOS

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def both_languages(output: str, code: str, da: str, en: str) -> None:
    assert f"{code}:" in output and da in output and "(en) " in output and en in output


@pytest.mark.parametrize(
    ("where", "da", "en"),
    [
        ("/proc", "der kan ikke skrives", "nothing can be written"),
        ("/proc/self", "der kan ikke skrives", "nothing can be written"),  # exists, read-only
        ("FILE", "det er en fil", "it is a file"),
        ("FILE/under", "der kan ikke skrives", "nothing can be written"),
    ],
)
def test_simulate_into_a_folder_that_cannot_be_written(
    tmp_path: Path, where: str, da: str, en: str
) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    reports = where.replace("FILE", str(a_file))
    code, output = run("simulate", "smoke", "--reports", reports, "--quiet")
    assert code == EXIT_USER_ERROR
    both_languages(output, "REPORTS_NOT_WRITABLE", da, en)
    assert a_file.read_text(encoding="utf-8") == "x"


def test_serve_on_a_port_that_does_not_exist() -> None:
    code, output = run("serve", "--port", "70000")
    assert code == EXIT_USER_ERROR
    both_languages(output, "INVALID_INPUT", "70000 er ikke en port", "70000 is not a port")


def test_stress_on_a_cluster_without_dask_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as if never installed
    code, output = run(
        "stress", "smoke", "--seeds", "1", "--cluster", "tcp://127.0.0.1:8786",
        "--reports", str(tmp_path), "--quiet",
    )  # fmt: skip
    assert code == EXIT_USER_ERROR
    both_languages(output, "CLUSTER_EXTRA_MISSING", "ekstraen 'cluster'", "the 'cluster' extra")
    assert ".[cluster]" in output


def test_stress_gives_up_on_an_unreachable_scheduler_within_its_timeout(tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there
    code, output = run(
        "stress", "smoke", "--seeds", "1", "--cluster", address, "--cluster-timeout", "1",
        "--reports", str(tmp_path), "--quiet",
    )  # fmt: skip
    assert code == EXIT_USER_ERROR
    both_languages(output, "CLUSTER_UNREACHABLE", "svarede ikke inden for 1.0 s", "within 1.0 s")


def test_an_unknown_scenario_lists_the_shipped_ones() -> None:
    code, output = run("simulate", "smoek")
    assert code == EXIT_USER_ERROR
    both_languages(output, "SCENARIO_ERROR", "Leverede scenarier", "Shipped scenarios")
    assert all(name in output for name in scenarios.shipped())


def test_an_unknown_demo_is_called_a_demo_and_lists_the_demos() -> None:
    code, output = run("demo", "kent")
    assert code == EXIT_USER_ERROR
    both_languages(output, "SCENARIO_ERROR", "ingen demo ved navn 'kent'", "no demo called")
    assert "Scenariet" not in output
    assert all(name in output for name in DEMOS)


def test_list_shows_every_shipped_scenario_and_demo_on_one_line_each() -> None:
    code, output = run("list")
    assert code == 0
    lines = output.splitlines()
    names = [*scenarios.shipped(), *DEMOS]
    assert len(lines) == len(names) + 2  # two headings, then one line each
    for name in names:
        assert any(line.split()[:1] == [name] and len(line.split()) > 3 for line in lines)


def test_simulate_ends_with_the_report_html_and_report_prints_the_invariants(
    tmp_path: Path,
) -> None:
    code, output = run("simulate", "renumbering", "--reports", str(tmp_path), "--quiet")
    assert code == 0, output
    folder = tmp_path / "renumbering-20250409"
    assert output.rstrip().splitlines()[-1].endswith(str(folder / "report.html"))
    code, output = run("report", str(folder))
    assert code == 0
    assert "Invarianter / invariants: ingen brudt / none broken" in output


def test_report_of_a_folder_without_a_summary(tmp_path: Path) -> None:
    code, output = run("report", str(tmp_path))
    assert code == EXIT_USER_ERROR
    both_languages(output, "SCENARIO_ERROR", "summary.json", "summary.json")


@pytest.mark.parametrize(
    "command",
    ["simulate", "report", "replay", "stress", "demo", "serve", "parameters", "restore", "list",
     "cpr check"],
)  # fmt: skip
def test_every_help_lists_its_exit_codes_and_no_type_labels_on_flags(command: str) -> None:
    code, output = run(*command.split(), "--help")
    assert code == 0
    assert "Exit codes: 0" in output and "<bool>" not in output
    if command in ("simulate", "stress"):
        assert "4 " in output.split("Exit codes:")[1]


def test_stress_prints_a_failing_seed_as_soon_as_it_is_found(tmp_path: Path) -> None:
    source = (scenarios.path_of("renumbering") or Path()).read_text(encoding="utf-8")
    impossible = source.replace(
        "min_events: {CitizenRenumbered: 1}", "min_events: {CitizenRenumbered: 99}"
    )
    scenario = tmp_path / "impossible.yaml"
    scenario.write_text(impossible, encoding="utf-8")
    code, output = run(
        "stress", str(scenario), "--seeds", "2", "--workers", "1", "--reports", str(tmp_path / "r")
    )
    assert code == EXIT_INVARIANT_VIOLATED
    lines = output.splitlines()
    first = next(i for i, line in enumerate(lines) if "FEJL / FAIL #0" in line)
    assert "sandbox simulate" in lines[first] or "sandbox replay" in lines[first]
    assert first < next(i for i, line in enumerate(lines) if "FEJL / FAIL #1" in line)
    assert lines[-1].startswith("0/2 seeds ok")


def test_parameters_show_references_in_words_and_wrap() -> None:
    code, output = run("parameters", "cardFeeDKK", "--on", "2024-06-01")
    assert code == 0
    words = " ".join(output.split())
    assert "cardFeeDKK = 225" in words
    assert "SPEC 3.5 Fees for changing doctor" in words
    assert "S55 Thisted, health card (2014 fee)" in words
    assert "[C:S" not in output and "S55,S56" not in output  # codes became titles
    assert max(len(line) for line in output.splitlines()) <= 80  # wrapped, not cut


def test_every_parameter_reference_names_only_known_sections_and_sources() -> None:
    from sandbox.cli_parameters import reference_lines
    from sandbox.parameters import default_parameters

    params = default_parameters()
    lines = [line for n in params.names for line in reference_lines(params.definition(n).reference)]
    assert not [line for line in lines if "(ukendt / unknown)" in line]
    assert not [line for line in lines if line.startswith("SPEC") and len(line.split()) < 3]
