"""`sandbox serve` as a command: its help, and bad input as exit status 2 with the error's code
and Danish and English message, before anything is served."""

from __future__ import annotations

import socket

from typer.testing import CliRunner

from sandbox.cli import app

runner = CliRunner()


def test_serve_has_help() -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--scenario"):
        assert option in result.output


def test_a_broken_scenario_is_exit_2() -> None:
    result = runner.invoke(app, ["serve", "--scenario", "no/such/scenario.yaml"])
    assert result.exit_code == 2
    assert "SCENARIO_ERROR" in result.output


def test_a_port_in_use_is_exit_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port), "--ephemeral"])
    assert result.exit_code == 2
    assert "CANNOT_LISTEN" in result.output
