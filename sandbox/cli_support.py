"""What every `sandbox` command shares: the consoles, the exit codes, the errors a user can cause
on the command line, and the checks that find them before any work starts.

Each error is a `SandboxError` with a stable code and a Danish and an English message; the CLI
prints both and exits 2 (`fail`), never with a traceback, and leaves nothing half-written.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

import scenarios
from sandbox.domain.errors import InvalidInput, SandboxError, ScenarioError

console = Console(soft_wrap=True)  # paths and messages stay whole lines, to copy
errors = Console(stderr=True, soft_wrap=True)  # a message is one line, however long

EXIT_OK = 0
EXIT_USER_ERROR = 2
EXIT_EXPECTATIONS_NOT_MET = 3
EXIT_INVARIANT_VIOLATED = 4


class UnknownScenario(ScenarioError):
    """Ukendt scenarie - neither a file nor the name of a shipped scenario."""

    da = (
        "Scenariet '{path}' findes ikke: hverken en fil eller et leveret scenarie. "
        "Leverede scenarier: {known}"
    )
    en = (
        "The scenario '{path}' does not exist: neither a file nor a shipped scenario. "
        "Shipped scenarios: {known}"
    )


class UnknownDemo(ScenarioError):
    """Ukendt demo - no release 1.1 demo has that name."""

    da = "Der findes ingen demo ved navn '{path}'. Demoer: {known}"
    en = "There is no demo called '{path}'. Demos: {known}"


class ReportsNotWritable(SandboxError):
    """Rapportmappen kan ikke skrives - the --reports folder cannot take a report."""

    code = "REPORTS_NOT_WRITABLE"
    da = "Rapportmappen '{path}' kan ikke bruges: {problem_da}"
    en = "The reports folder '{path}' cannot be used: {problem_en}"


def fail(error: SandboxError) -> typer.Exit:
    """Print an error's code and both messages; the exit (2) for the caller to raise."""
    errors.print(f"[bold red]{error.code}[/]: {escape(error.message_da)}", highlight=False)
    errors.print(f"  (en) {escape(error.message_en)}", highlight=False)
    return typer.Exit(EXIT_USER_ERROR)


def resolve_scenario(given: str) -> Path:
    """A scenario file as given, or the shipped scenario of that name; else `UnknownScenario`."""
    path = Path(given)
    try:
        if path.is_file():
            return path
        exists = path.exists()
    except OSError:  # a name too long for the file system: no such file, no such scenario
        exists = False
    try:
        shipped = scenarios.path_of(given) if "/" not in given and not exists else None
    except OSError:
        shipped = None
    if shipped is not None:
        return shipped
    if exists:  # a folder, a device: the loader says what is wrong with it
        return path
    raise UnknownScenario(path=given[:200], known=", ".join(scenarios.shipped()))


def ensure_writable(folder: Path) -> None:
    """Make the reports folder and prove a file can be written in it, before any work is done."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".probe-", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except FileExistsError:
        raise ReportsNotWritable(
            path=str(folder), problem_da="det er en fil, ikke en mappe", problem_en="it is a file"
        ) from None
    except OSError as error:
        why = error.strerror or type(error).__name__
        raise ReportsNotWritable(
            path=str(folder),
            problem_da=f"der kan ikke skrives i den ({why})",
            problem_en=f"nothing can be written there ({why})",
        ) from None


def check_port(port: int) -> None:
    """A TCP port is 0 (any free port) to 65535."""
    if not 0 <= port <= 65535:
        raise InvalidInput(
            field="--port",
            reason_da=f"{port} er ikke en port; brug 0-65535 (0: en ledig port)",
            reason_en=f"{port} is not a port; use 0-65535 (0: any free port)",
        )
