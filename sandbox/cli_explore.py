"""`sandbox explore`, `sandbox feature run` and `sandbox mutate`: the explorer's commands, and
`sandbox replay` of a schedule (minimal.jsonl).

Registered by `sandbox.cli`. The explorer, and with it the mutants, is imported only when one
of these commands runs, so `serve` and `simulate` never load a mutant.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sandbox.cli_support import fail, resolve_scenario
from sandbox.domain.errors import SandboxError
from sandbox.worlds.scenario import load_scenario

console = Console()
errors = Console(stderr=True)
EXIT_FAILURE_FOUND = 4
DEFAULT_RUNS = 300  # the default budget: finds every mutant; 10-25 s on one core when clean

feature_app = typer.Typer(help="Run Gherkin features from anywhere.", no_args_is_help=True)


def _fail(error: SandboxError) -> typer.Exit:
    return fail(error)


def _list_mutants() -> None:
    from sandbox.explore.mutants import MUTANTS

    console.print("Mutanter / mutants (--mutant NAME):")
    for mutant in MUTANTS.values():
        console.print(f"  {mutant.name}", highlight=False, soft_wrap=True)
        console.print(f"      {mutant.description_da}", highlight=False, soft_wrap=True)
        console.print(f"      ({mutant.description_en})", highlight=False, soft_wrap=True)


def explore(
    scenario: Annotated[
        str | None, typer.Argument(help="A scenario file or shipped scenario name")
    ] = None,
    runs: Annotated[int, typer.Option(help="Programs x interleavings to try")] = DEFAULT_RUNS,
    seed: Annotated[int | None, typer.Option(help="Base seed (default: the scenario's)")] = None,
    workers: Annotated[int, typer.Option(help="Parallel processes on this machine")] = 1,
    cluster: Annotated[
        str | None, typer.Option(help="A Dask scheduler, e.g. tcp://HOST:8786")
    ] = None,
    mutant: Annotated[str | None, typer.Option(help="Run with this deliberate fault")] = None,
    list_mutants: Annotated[
        bool, typer.Option("--list-mutants", help="List the mutants and stop")
    ] = False,
    budget: Annotated[int, typer.Option(help="At most this many replays to shrink")] = 3000,
    reports: Annotated[Path, typer.Option(help="Folder for findings")] = Path("reports/explore"),
) -> None:
    """Search many seeds and interleavings for a broken invariant; shrink it; write it as Gherkin.

    Exit codes: 0 nothing broken, 2 bad input, 4 an invariant broken (see the folder).
    """
    if list_mutants:
        _list_mutants()
        return
    from sandbox.explore.findings import explore as run_explore
    from sandbox.explore.mutants import check_name

    if scenario is None:
        errors.print("[red]INVALID_INPUT[/]: angiv et scenarie / give a scenario")
        raise typer.Exit(2)
    if runs < 1 or workers < 1 or budget < 1:
        errors.print("[red]INVALID_INPUT[/]: --runs, --workers og --budget skal være >= 1")
        raise typer.Exit(2)
    try:
        path = str(resolve_scenario(scenario))
        load_scenario(path)
        check_name(mutant)
    except SandboxError as error:
        raise _fail(error) from None
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:.0f}/{task.total:.0f} {task.fields[note]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("udforsker / exploring", total=runs, note="")
        shrinking = progress.add_task("krymper / shrinking", total=budget, note="", visible=False)

        def on_progress(done: int, failures: int) -> None:
            progress.update(task, completed=done, note=f"brud / failures: {failures}")

        def on_shrink(tries: int, steps: int) -> None:
            progress.update(shrinking, visible=True, completed=tries, note=f"{steps} trin / steps")

        found = run_explore(
            path, runs, seed, mutant, workers, cluster, reports, budget, on_progress, on_shrink
        )
    rate = found.runs / found.seconds if found.seconds else 0.0
    console.print(
        f"{found.runs} kørsler / runs, {found.failures} brud / failures "
        f"({rate:.0f} kørsler/s / runs per second)",
        highlight=False,
    )
    console.print(f"Rapport / report: {found.folder / 'report.html'}", highlight=False)
    if found.failure is None or found.shrunk is None:
        return
    console.print(
        f"[red]Brudt / broken[/]: {found.failure.invariant}: {found.failure.detail}",
        highlight=False,
    )
    console.print(
        f"Krympet / shrunk to {found.feature_steps} trin / steps "
        f"({found.shrunk.tries} genafspilninger / replays):",
        highlight=False,
    )
    console.print(found.feature, highlight=False, markup=False, soft_wrap=True)
    console.print(f"Genkør / rerun: {found.command}", highlight=False, markup=False, soft_wrap=True)
    raise typer.Exit(EXIT_FAILURE_FOUND)


@feature_app.command("run")
def feature_run(
    path: Annotated[Path, typer.Argument(help="A .feature file, anywhere")],
    mutant: Annotated[str | None, typer.Option(help="Run with this deliberate fault")] = None,
    sandbox_url: Annotated[
        str | None, typer.Option(help="Against a served sandbox instead of in-process")
    ] = None,
    reports: Annotated[
        Path | None, typer.Option(help="Folder for the living documentation")
    ] = None,
) -> None:
    """Run one feature file and write its living-documentation page.

    Exit codes: 0 every scenario passed, 1 a scenario failed, 2 bad input.
    """
    from sandbox.explore.features import run_feature

    try:
        code, page = run_feature(path, mutant, sandbox_url, reports)
    except SandboxError as error:
        raise _fail(error) from None
    console.print(f"Levende dokumentation / living docs: {page}", highlight=False)
    raise typer.Exit(0 if code == 0 else 1)


def mutate(
    mutant: Annotated[
        list[str] | None, typer.Option(help="Only these mutants (repeat the option)")
    ] = None,
) -> None:
    """Run the features against each mutant; show which mutants no scenario kills.

    Exit codes: 0 every mutant killed, 2 bad input, 3 some mutant survived.
    """
    from sandbox.explore.features import mutate as run_mutate

    try:
        with console.status("Kører features mod mutanter / running features against mutants"):
            scores = run_mutate(mutant)
    except SandboxError as error:
        raise _fail(error) from None
    table = Table(title="Mutationsresultat / mutation score")
    table.add_column("mutant")
    table.add_column("dræbt / killed")
    for score in scores:
        table.add_row(score.mutant, "ja / yes" if score.killed else "[red]NEJ / NO[/]")
    console.print(table)
    killed = sum(1 for score in scores if score.killed)
    console.print(f"{killed}/{len(scores)} mutanter dræbt / mutants killed", highlight=False)
    if killed < len(scores):
        raise typer.Exit(3)


def replay_schedule(path: Path, en: bool) -> None:
    """`sandbox replay minimal.jsonl`: run the schedule step by step, show where it breaks."""
    from datetime import timedelta

    from sandbox.explore.checks import STATEMENTS_DA, STATEMENTS_EN
    from sandbox.explore.gherkin import Writer
    from sandbox.explore.schedule import read_schedule
    from sandbox.explore.world import run_schedule

    try:
        schedule = read_schedule(path)
    except SandboxError as error:
        raise _fail(error) from None
    outcome = run_schedule(schedule)
    writer = Writer(schedule)
    last = outcome.step_index if outcome.step_index is not None else len(schedule.steps) - 1
    for index, step in enumerate(schedule.steps[: last + 1]):
        line = writer.line(step, schedule.start + timedelta(days=step.day))
        console.print(f"#{index + 1} dag {step.day}: {line}", highlight=False, markup=False)
    if outcome.problem is None:
        console.print("Alle invarianter holder / every invariant holds.")
        return
    statements = STATEMENTS_EN if en else STATEMENTS_DA
    console.print(
        f"Brudt efter trin / broken after step {last + 1}: {outcome.problem.invariant} "
        f"({statements[outcome.problem.invariant]}): {outcome.problem.detail}",
        highlight=False,
        markup=False,
    )
    raise typer.Exit(EXIT_FAILURE_FOUND)


def register(app: typer.Typer) -> None:
    """Add the explorer's commands to the `sandbox` command."""
    app.command("explore")(explore)
    app.add_typer(feature_app, name="feature")
    app.command("mutate")(mutate)
