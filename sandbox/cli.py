"""The `sandbox` command: simulate scenarios, check CPR numbers, read business parameters.

Every error the user can cause (a bad scenario file, a bad CPR number, an unknown parameter)
prints its code and its Danish and English message and exits with status 2, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

import scenarios
from sandbox.cli_explore import register as register_explorer
from sandbox.cli_parameters import parameters as parameters_command
from sandbox.cli_report import print_outcome
from sandbox.cli_report import report as report_command
from sandbox.cli_restore import restore as restore_command
from sandbox.cli_state import replay_journal, snapshot_app
from sandbox.cli_stress import stress as stress_command
from sandbox.cli_support import (
    EXIT_EXPECTATIONS_NOT_MET,
    EXIT_INVARIANT_VIOLATED,
    EXIT_USER_ERROR,
    ReportsNotWritable,
    UnknownDemo,
    check_port,
    console,
    ensure_writable,
    errors,
    fail,
    resolve_scenario,
)
from sandbox.domain.cpr import Cpr
from sandbox.domain.danish import number_da, number_en
from sandbox.domain.errors import SandboxError
from sandbox.worlds.scenario import load_scenario

__all__ = [
    "EXIT_EXPECTATIONS_NOT_MET",
    "EXIT_INVARIANT_VIOLATED",
    "EXIT_USER_ERROR",
    "app",
    "fail",
    "main",
    "resolve_scenario",
]

app = typer.Typer(
    help="Sygesikring sandbox: simulate, serve and demo release 1.1 of Sygesikring.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: no type labels such as <bool> beside the flags
)
DEFAULT_SCENARIO = scenarios.DEFAULT


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
    """Run a scenario and write reports/<scenario>-<seed>/: report.html, summary.json,
    timeline.json, scenario.yaml and the replay log events.jsonl; ends by printing the path of
    report.html.

    Exit codes: 0 all expectations met, 2 bad input (scenario, seed, a reports folder that
    cannot be written), 3 an expectation not met, 4 an invariant broken.
    """
    try:
        loaded = load_scenario(resolve_scenario(scenario))
        if seed is not None:
            loaded = loaded.with_seed(seed)
        ensure_writable(reports)
    except SandboxError as error:
        raise fail(error) from None
    if not quiet and loaded.population >= 100_000:
        console.print(
            f"Bygger {number_da(loaded.population)} borgere / building "
            f"{number_en(loaded.population)} residents ...",
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

        try:
            result = run_scenario(loaded, reports, lambda day: progress.update(task, completed=day))
        except OSError as error:  # the disk filled, the folder went away while writing
            raise fail(
                ReportsNotWritable(
                    path=str(reports),
                    problem_da=f"skrivningen mislykkedes ({error.strerror})",
                    problem_en=f"writing failed ({error.strerror})",
                )
            ) from None
    print_outcome(result.summary)
    console.print(f"Rapport / report: {result.folder / 'report.html'}", highlight=False)
    if result.violation is not None:
        raise typer.Exit(EXIT_INVARIANT_VIOLATED)
    if not result.expectations_met:
        raise typer.Exit(EXIT_EXPECTATIONS_NOT_MET)


cpr_app = typer.Typer(
    help="Check CPR numbers (CPR-numre).", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(cpr_app, name="cpr")
app.command("restore")(restore_command)  # datagenopretning on a scenario run
register_explorer(app)  # explore, feature run, mutate (sandbox.cli_explore)
app.add_typer(snapshot_app, name="snapshot")
app.command("replay-journal")(replay_journal)
DEFAULT_STATE = Path("sandbox-state.sqlite")


@cpr_app.command("check")
def cpr_check(number: Annotated[str, typer.Argument(help="DDMMYY-SSSS or DDMMYYSSSS")]) -> None:
    """Validate a CPR number: date, century, substitute number, modulus-11 flag.

    Exit codes: 0 valid, 2 invalid.
    """
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


app.command("parameters")(parameters_command)


app.command("report")(report_command)


@app.command()
def replay(
    run: Annotated[
        Path, typer.Argument(help="A report folder, reports/<scenario>-<seed>, or minimal.jsonl")
    ],
    event: Annotated[int | None, typer.Option(help="Stop at this line of events.jsonl")] = None,
    case: Annotated[str | None, typer.Option(help="Stop when this case (F...) is created")] = None,
    en: Annotated[bool, typer.Option("--en", help="English instead of Danish")] = False,
) -> None:
    """Re-run a report's scenario and seed, stop at an event or a case, show its decisions.

    Exit codes: 0 stopped there, 2 bad input, 3 the event or case was not reached.
    """
    from sandbox.simulation.replay import describe
    from sandbox.simulation.replay import replay as run_replay

    if run.suffix == ".jsonl":  # a schedule from `sandbox explore` (minimal.jsonl)
        from sandbox.cli_explore import replay_schedule

        return replay_schedule(run, en)
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


app.command("stress")(stress_command)


@app.command()
def demo(
    name: Annotated[str, typer.Argument(help="kent-samlever, storm-greenland, ...")],
    en: Annotated[bool, typer.Option("--en", help="Narrate in English")] = False,
    speed: Annotated[
        float, typer.Option(help="Simulated seconds per real second (inf: no pauses)")
    ] = 21600.0,
    step: Annotated[bool, typer.Option("--step", help="Wait for Enter before each step")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", help="Also tell the background traffic")
    ] = False,
) -> None:
    """Narrate a release 1.1 demo: who does what, what the system decides and why
    (`sandbox list` names the demos).

    Exit codes: 0 told to the end, 2 bad input (an unknown demo, --speed not above 0).
    """
    from sandbox.simulation.demo import DEMOS, run_demo

    if speed <= 0:
        errors.print("[red]INVALID_INPUT[/]: --speed skal være > 0 / must be > 0")
        raise typer.Exit(EXIT_USER_ERROR)
    try:
        if name not in DEMOS and scenarios.path_of(name) is None:
            raise UnknownDemo(path=name[:200], known=", ".join(DEMOS))
        run_demo(name, "en" if en else "da", speed, step, write=_say, verbose=verbose)
    except SandboxError as error:
        raise fail(error) from None


def _say(line: str) -> None:
    console.print(line, highlight=False, markup=False)


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Interface to listen on (other than loopback: needs a key)")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (0: any free port)")] = 8000,
    scenario: Annotated[
        str | None, typer.Option(help="Scenario file or shipped name (default: the demo world)")
    ] = None,
    control_key: Annotated[
        str | None,
        typer.Option(
            "--control-key",
            envvar="SANDBOX_CONTROL_KEY",
            show_default=False,
            help="Every /_control request must carry it (X-Sandbox-Control-Key); required "
            "unless --host is a loopback address",
        ),
    ] = None,
    scenarios_dir: Annotated[
        Path | None,
        typer.Option(
            "--scenarios",
            help="A folder POST /_control/seed may read scenario files from (none by default)",
        ),
    ] = None,
    max_body: Annotated[
        int, typer.Option(min=1, help="Largest request body in bytes (larger: 413)")
    ] = 1024 * 1024,
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

    Exit codes: 0 stopped (Ctrl-C), 2 bad input (scenario, a port outside 0-65535 or in use,
    no control key for a host other machines reach, an unusable state file).
    """
    from sandbox.api.security import ServerKeys
    from sandbox.serve import check_exposure

    try:
        check_port(port)
        check_exposure(host, control_key)
        ServerKeys.make(control_key)  # a key too short is refused before anything is built
        loaded = load_scenario(resolve_scenario(scenario)) if scenario else None
    except SandboxError as error:
        raise fail(error) from None
    if scenarios_dir is not None and not scenarios_dir.is_dir():
        errors.print(
            f"[red]NOT_A_FOLDER[/]: --scenarios {scenarios_dir}: ikke en mappe / not a folder",
            highlight=False,
        )
        raise typer.Exit(EXIT_USER_ERROR)
    options = {"control_key": control_key, "scenarios": scenarios_dir, "max_body": max_body}
    _serve_with_state(host, port, loaded, None if ephemeral else state, fsync, options)


def _serve_with_state(
    host: str,
    port: int,
    loaded: Any,
    path: Path | None,
    fsync: bool,
    options: dict[str, Any],
) -> None:
    """Open the state file (a clear error, exit 2, if it cannot be used), then serve."""
    from sandbox.adapters.state_store import StateStore
    from sandbox.serve import serve_forever

    try:
        store = StateStore(path, fsync=fsync) if path is not None else None
    except SandboxError as error:
        raise fail(error) from None
    try:
        serve_forever(
            host,
            port,
            loaded,
            lambda url: console.print(f"Klar / ready: {url}/docs"),
            state=store,
            **options,
        )
    except OSError as error:
        errors.print(f"[red]CANNOT_LISTEN[/]: {host}:{port}: {error.strerror}", highlight=False)
        raise typer.Exit(EXIT_USER_ERROR) from None
    except SandboxError as error:  # a namespace of the state file that cannot be rebuilt
        raise fail(error) from None
    finally:
        if store is not None:
            store.close()


@app.command("list")
def list_command() -> None:
    """List the shipped scenarios and the release 1.1 demos, one line each.

    Exit codes: 0 listed.
    """
    from sandbox.simulation.demo import DEMOS

    def describe(name: str) -> str:
        path = scenarios.path_of(name)
        return load_scenario(path).description if path is not None else ""

    console.print("Scenarier / scenarios (sandbox simulate NAVN):", highlight=False)
    width = max(map(len, [*scenarios.shipped(), *DEMOS]))
    for name in scenarios.shipped():
        console.print(
            f"  {name:<{width}}  {describe(name)}", highlight=False, markup=False, soft_wrap=True
        )
    console.print("Demoer / demos (sandbox demo NAVN):", highlight=False)
    for name, scenario in DEMOS.items():
        console.print(
            f"  {name:<{width}}  {describe(scenario)}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )


def main() -> None:
    app()
