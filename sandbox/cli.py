"""The `sandbox` command: simulate scenarios, check CPR numbers, read business parameters.

Every error the user can cause (a bad scenario file, a bad CPR number, an unknown parameter)
prints its code and its Danish and English message and exits with status 2, never a traceback.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

import scenarios
from sandbox.cli_restore import restore as restore_command
from sandbox.domain.cpr import Cpr
from sandbox.domain.errors import SandboxError
from sandbox.parameters import default_parameters
from sandbox.simulation.run import run_scenario
from sandbox.simulation.scenario import load_scenario

app = typer.Typer(
    help="Sygesikring sandbox: simulate, serve and demo release 1.1 of Sygesikring.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console()
errors = Console(stderr=True)

EXIT_USER_ERROR = 2
DEFAULT_SCENARIO = scenarios.DEFAULT
EXIT_EXPECTATIONS_NOT_MET = 3


def fail(error: SandboxError) -> typer.Exit:
    errors.print(f"[bold red]{error.code}[/]: {error.message_da}", highlight=False)
    errors.print(f"  (en) {error.message_en}", highlight=False)
    return typer.Exit(EXIT_USER_ERROR)


@app.command()
def simulate(
    scenario: Annotated[
        str,
        typer.Argument(help="A scenario file, or the name of a shipped scenario (smoke, ...)"),
    ] = DEFAULT_SCENARIO,
    seed: Annotated[
        int | None, typer.Option(help="Run with this seed instead of the file's")
    ] = None,
    reports: Annotated[Path, typer.Option(help="Folder for report folders")] = Path("reports"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar")] = False,
) -> None:
    """Run a scenario and write reports/<scenario>-<seed>/ (summary.json, events.jsonl).

    Exit codes: 0 all expectations met, 2 bad input, 3 the scenario's expectations not met.
    """
    try:
        loaded = load_scenario(resolve_scenario(scenario))
    except SandboxError as error:
        raise fail(error) from None
    if seed is not None:
        loaded = loaded.with_seed(seed)
    with Progress(
        TextColumn(f"[bold]{loaded.name}[/] seed {loaded.seed}"),
        BarColumn(),
        TextColumn("dag {task.completed:.0f}/{task.total:.0f}"),
        TimeElapsedColumn(),
        console=console,
        disable=quiet,
        transient=True,
    ) as progress:
        task = progress.add_task("run", total=loaded.duration_days)
        result = run_scenario(loaded, reports, lambda day: progress.update(task, completed=day))
    _print_summary(result.summary)
    for name, check in result.summary["expectations"].items():
        mark = "[green]ok[/]" if check["met"] else "[red]IKKE OPFYLDT / NOT MET[/]"
        console.print(f"  forventning {name}: {mark} (actual {check['actual']})", highlight=False)
    console.print(f"Rapport / report: {result.folder / 'summary.json'}", highlight=False)
    if not result.expectations_met:
        raise typer.Exit(EXIT_EXPECTATIONS_NOT_MET)


def resolve_scenario(given: str) -> Path:
    """A path as given, or the shipped scenario of that name when no such file exists."""
    path = Path(given)
    if path.exists() or path.suffix:
        return path
    shipped = scenarios.path_of(given)
    return shipped if shipped is not None else path


def _print_summary(summary: dict[str, object]) -> None:
    table = Table(title="Forløb / cases", show_lines=False)
    table.add_column("type")
    table.add_column("status")
    table.add_column("antal / count", justify="right")
    cases = summary["cases"]
    assert isinstance(cases, dict)
    for _kind, entry in cases.items():
        for status, count in entry["by_status"].items():
            table.add_row(entry["label_da"], status, str(count))
    console.print(table)
    console.print(
        f"Breve / letters: {summary['letters']}  LUNA: {summary['luna']}", highlight=False
    )


cpr_app = typer.Typer(help="Check CPR numbers (personnumre).", no_args_is_help=True)
app.add_typer(cpr_app, name="cpr")
app.command("restore")(restore_command)  # datagenopretning on a scenario run


@cpr_app.command("check")
def cpr_check(number: Annotated[str, typer.Argument(help="DDMMYY-SSSS or DDMMYYSSSS")]) -> None:
    """Validate a CPR number: date, century, substitute number, modulus-11 flag."""
    try:
        cpr = Cpr.parse(number)
    except SandboxError as error:
        raise fail(error) from None
    console.print(f"{cpr.formatted}: gyldig / valid", highlight=False)
    console.print(f"  fødselsdato / birth date: {cpr.birth_date.isoformat()}", highlight=False)
    console.print(f"  erstatningsnummer / substitute: {cpr.is_substitute}", highlight=False)
    console.print(
        f"  modulus 11: {cpr.passes_modulus_11} (afvises aldrig / never rejected)", highlight=False
    )


@app.command()
def parameters(
    name: Annotated[str | None, typer.Argument(help="One parameter; all when left out")] = None,
    on: Annotated[str | None, typer.Option(help="Date to resolve for, YYYY-MM-DD")] = None,
) -> None:
    """Show the dated business parameters (forretningsparametre) as they apply on a date."""
    try:
        day = date.fromisoformat(on) if on else date(2025, 4, 9)
    except ValueError:
        errors.print(f"[red]INVALID_INPUT[/]: ugyldig dato / invalid date: {on!r}")
        raise typer.Exit(EXIT_USER_ERROR) from None
    params = default_parameters()
    try:
        names = [name] if name else list(params.names)
        table = Table(title=f"Forretningsparametre / business parameters on {day}")
        for column in ("name", "value", "from", "reference"):
            table.add_column(column)
        for item in names:
            use = params.use(item, day)
            table.add_row(
                item, str(use.value), str(use.effective_from), params.definition(item).reference
            )
    except SandboxError as error:
        raise fail(error) from None
    console.print(table)


def main() -> None:
    app()
