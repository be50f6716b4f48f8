"""The `sandbox` command: simulate scenarios, check CPR numbers, read business parameters.

Every error the user can cause (a bad scenario file, a bad CPR number, an unknown parameter)
prints its code and its Danish and English message and exits with status 2, never a traceback.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

import scenarios
from sandbox.cli_restore import restore as restore_command
from sandbox.cli_state import replay_journal, snapshot_app
from sandbox.domain.cpr import Cpr
from sandbox.domain.errors import SandboxError, ScenarioError
from sandbox.parameters import default_parameters
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
EXIT_INVARIANT_VIOLATED = 4


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
    if not quiet and loaded.population >= 100_000:
        console.print(
            f"Bygger {loaded.population:,} borgere / building {loaded.population:,} residents ...",
            highlight=False,
        )
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
        # imported here: the run pulls in matplotlib, which `sandbox serve` need not wait for
        from sandbox.simulation.run import run_scenario

        result = run_scenario(loaded, reports, lambda day: progress.update(task, completed=day))
    _print_summary(result.summary)
    for name, check in result.summary["expectations"].items():
        mark = "[green]ok[/]" if check["met"] else "[red]IKKE OPFYLDT / NOT MET[/]"
        console.print(f"  forventning {name}: {mark} (actual {check['actual']})", highlight=False)
    console.print(f"Rapport / report: {result.folder / 'summary.json'}", highlight=False)
    if result.violation is not None:
        _print_violation(result.summary)
        raise typer.Exit(EXIT_INVARIANT_VIOLATED)
    if not result.expectations_met:
        raise typer.Exit(EXIT_EXPECTATIONS_NOT_MET)


def resolve_scenario(given: str) -> Path:
    """A path as given, or the shipped scenario of that name when no such file exists."""
    path = Path(given)
    try:
        if path.exists() or path.suffix:
            return path
    except OSError:  # a name too long for the file system: no such file, no such scenario
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
app.add_typer(snapshot_app, name="snapshot")
app.command("replay-journal")(replay_journal)
DEFAULT_STATE = Path("sandbox-state.sqlite")


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


def _print_violation(summary: dict[str, Any]) -> None:
    found = summary["invariants"]["violation"]
    errors.print(
        f"[bold red]INVARIANT_VIOLATED[/]: {found['invariant']}: {found['detail']}",
        highlight=False,
    )
    errors.print(
        f"  hændelse / event {found['event']}, seed {found['seed']}, {found['at']}", highlight=False
    )
    errors.print(f"  genafspil / replay: {summary['invariants']['replay']}", highlight=False)


@app.command()
def report(
    run: Annotated[Path, typer.Argument(help="A report folder, reports/<scenario>-<seed>")],
) -> None:
    """Show a run's report: expectations, invariants, and where report.html is."""
    path = run / "summary.json"
    if not path.is_file():
        raise fail(
            ScenarioError(
                path=str(run),
                problem_da="mappen har ingen summary.json",
                problem_en="the folder has no summary.json",
            )
        )
    summary = json.loads(path.read_text(encoding="utf-8"))
    _print_summary(summary)
    for name, check in summary["expectations"].items():
        mark = "[green]ok[/]" if check["met"] else "[red]IKKE OPFYLDT / NOT MET[/]"
        console.print(f"  forventning {name}: {mark}", highlight=False)
    if summary["invariants"]["violation"] is not None:
        _print_violation(summary)
    console.print(f"HTML: {run / 'report.html'}", highlight=False)


@app.command()
def replay(
    run: Annotated[Path, typer.Argument(help="A report folder, reports/<scenario>-<seed>")],
    event: Annotated[int | None, typer.Option(help="Stop at this line of events.jsonl")] = None,
    case: Annotated[str | None, typer.Option(help="Stop when this case (F...) is created")] = None,
    en: Annotated[bool, typer.Option("--en", help="English instead of Danish")] = False,
) -> None:
    """Re-run a report's scenario and seed, stop at an event or a case, show its decisions."""
    from sandbox.simulation.replay import describe
    from sandbox.simulation.replay import replay as run_replay

    if (event is None) == (case is None):
        errors.print("[red]INVALID_INPUT[/]: angiv --event ELLER --case / give --event OR --case")
        raise typer.Exit(EXIT_USER_ERROR)
    try:
        result = run_replay(run, event, case)
    except SandboxError as error:
        raise fail(error) from None
    for line in describe(result, "en" if en else "da"):
        console.print(line, highlight=False, markup=False)
    if result.capture is None:
        raise typer.Exit(EXIT_EXPECTATIONS_NOT_MET)


@app.command()
def stress(
    scenario: Annotated[str, typer.Argument(help="A scenario file or shipped scenario name")],
    seeds: Annotated[int, typer.Option(help="How many seeds (replications)")] = 20,
    workers: Annotated[int, typer.Option(help="Parallel processes on this machine")] = 2,
    cluster: Annotated[
        str | None, typer.Option(help="A Dask scheduler, e.g. tcp://HOST:8786")
    ] = None,
    reports: Annotated[Path, typer.Option(help="Folder for report folders")] = Path(
        "reports/stress"
    ),
) -> None:
    """Run many seeds of a scenario in parallel; print every failing seed with its replay.

    Exit codes: 0 no seed failed, 2 bad input, 4 some seed broke an invariant or expectation.
    """
    from sandbox.simulation.stress import stress as run_stress

    try:
        path = resolve_scenario(scenario)
        load_scenario(path)
    except SandboxError as error:
        raise fail(error) from None
    if seeds < 1 or workers < 1:
        errors.print("[red]INVALID_INPUT[/]: --seeds og --workers skal være >= 1 / must be >= 1")
        raise typer.Exit(EXIT_USER_ERROR)
    results = run_stress(str(path), seeds, workers, cluster, reports)
    failed = [result for result in results if result.failed]
    for result in results:
        mark = "[red]FEJL / FAIL[/]" if result.failed else "[green]ok[/]"
        console.print(f"  #{result.index} seed {result.seed}: {mark} ({result.seconds} s)")
    for result in failed:
        why = result.violation["invariant"] if result.violation else "expectations"
        console.print(f"[red]seed {result.seed}[/] ({why}): {result.replay}", highlight=False)
    console.print(f"{len(results) - len(failed)}/{len(results)} seeds ok", highlight=False)
    if failed:
        raise typer.Exit(EXIT_INVARIANT_VIOLATED)


@app.command()
def demo(
    name: Annotated[str, typer.Argument(help="kent-samlever, storm-greenland, ...")],
    en: Annotated[bool, typer.Option("--en", help="Narrate in English")] = False,
    speed: Annotated[
        float, typer.Option(help="Simulated seconds per real second (inf: no pauses)")
    ] = 21600.0,
    step: Annotated[bool, typer.Option("--step", help="Wait for Enter before each step")] = False,
) -> None:
    """Narrate a release 1.1 demo: who does what, what the system decides and why."""
    from sandbox.simulation.demo import run_demo

    if speed <= 0:
        errors.print("[red]INVALID_INPUT[/]: --speed skal være > 0 / must be > 0")
        raise typer.Exit(EXIT_USER_ERROR)
    try:
        run_demo(name, "en" if en else "da", speed, step, write=_say)
    except SandboxError as error:
        raise fail(error) from None


def _say(line: str) -> None:
    console.print(line, highlight=False, markup=False, soft_wrap=True)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (0: any free port)")] = 8000,
    scenario: Annotated[
        str | None, typer.Option(help="Scenario file or shipped name (default: the demo world)")
    ] = None,
    state: Annotated[
        Path, typer.Option(help="SQLite file keeping every namespace across restarts")
    ] = DEFAULT_STATE,
    ephemeral: Annotated[
        bool, typer.Option("--ephemeral", help="Keep everything in memory (lost on stop)")
    ] = False,
    fsync: Annotated[
        bool, typer.Option("--fsync", help="fsync each request (survives a power cut too)")
    ] = False,
) -> None:
    """Serve the Sygesikring API, fake CPR, LUNA, Borger.dk and /_control (OpenAPI at /docs).

    Exit codes: 0 stopped (Ctrl-C), 2 bad input (scenario, port in use, unusable state file).
    """
    try:
        loaded = load_scenario(resolve_scenario(scenario)) if scenario else None
    except SandboxError as error:
        raise fail(error) from None
    _serve_with_state(host, port, loaded, None if ephemeral else state, fsync)


def _serve_with_state(host: str, port: int, loaded: Any, path: Path | None, fsync: bool) -> None:
    """Open the state file (a clear error, exit 2, if it cannot be used), then serve."""
    from sandbox.adapters.state_store import StateStore
    from sandbox.api.serve import serve_forever

    try:
        store = StateStore(path, fsync=fsync) if path is not None else None
    except SandboxError as error:
        raise fail(error) from None
    try:
        serve_forever(
            host, port, loaded, lambda url: console.print(f"Klar / ready: {url}/docs"), store
        )
    except OSError as error:
        errors.print(f"[red]CANNOT_LISTEN[/]: {host}:{port}: {error.strerror}", highlight=False)
        raise typer.Exit(EXIT_USER_ERROR) from None
    except SandboxError as error:  # a namespace of the state file that cannot be rebuilt
        raise fail(error) from None
    finally:
        if store is not None:
            store.close()


def main() -> None:
    app()
