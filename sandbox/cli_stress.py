"""`sandbox stress SCENARIO`: many seeds of one scenario, in parallel, with progress.

A progress bar counts the seeds while they run; a failing seed is printed the moment it is
found, with the command that replays it, so a long run is worth watching. Bad input (the
scenario, the counts, a reports folder that cannot be written, ``--cluster`` without the
`cluster` extra or with a scheduler that does not answer) is a message and exit 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sandbox.cli_support import (
    EXIT_INVARIANT_VIOLATED,
    EXIT_USER_ERROR,
    console,
    ensure_writable,
    errors,
    fail,
    resolve_scenario,
)
from sandbox.domain.errors import SandboxError
from sandbox.worlds.scenario import load_scenario


def stress(
    scenario: Annotated[str, typer.Argument(help="A scenario file or shipped scenario name")],
    seeds: Annotated[int, typer.Option(help="How many seeds (replications)")] = 20,
    workers: Annotated[int, typer.Option(help="Parallel processes on this machine")] = 2,
    cluster: Annotated[
        str | None,
        typer.Option(help="A Dask scheduler, e.g. tcp://HOST:8786 (needs the 'cluster' extra)"),
    ] = None,
    cluster_timeout: Annotated[
        float, typer.Option(help="Seconds to wait for the Dask scheduler to answer")
    ] = 10.0,
    reports: Annotated[Path, typer.Option(help="Folder for report folders")] = Path(
        "reports/stress"
    ),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar")] = False,
) -> None:
    """Run many seeds of a scenario in parallel; print every failing seed, as it is found,
    with its replay command.

    Exit codes: 0 no seed failed, 2 bad input (scenario, counts, reports folder, --cluster
    without the 'cluster' extra or an unreachable scheduler), 4 some seed broke an invariant or
    an expectation.
    """
    from sandbox.simulation.stress import SeedResult
    from sandbox.simulation.stress import stress as run_stress

    if seeds < 1 or workers < 1 or cluster_timeout <= 0:
        errors.print(
            "[red]INVALID_INPUT[/]: --seeds og --workers skal være >= 1, --cluster-timeout > 0 "
            "/ --seeds and --workers must be >= 1, --cluster-timeout > 0"
        )
        raise typer.Exit(EXIT_USER_ERROR)
    failed: list[SeedResult] = []
    with Progress(
        TextColumn(f"[bold]{scenario}[/] frø / seeds"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=quiet,
        transient=True,
    ) as progress:
        task = progress.add_task("seeds", total=seeds)

        def heard(result: SeedResult) -> None:
            progress.advance(task)
            if result.failed:
                failed.append(result)
                why = result.violation["invariant"] if result.violation else "expectations"
                progress.console.print(
                    f"[red]FEJL / FAIL[/] #{result.index} seed {result.seed} ({why}): "
                    f"{result.replay}",
                    highlight=False,
                )

        try:
            path = resolve_scenario(scenario)
            load_scenario(path)
            ensure_writable(reports)
            results = run_stress(
                str(path), seeds, workers, cluster, reports, heard, cluster_timeout
            )
        except SandboxError as error:
            raise fail(error) from None
    seconds = sum(result.seconds for result in results)
    console.print(
        f"{len(results) - len(failed)}/{len(results)} seeds ok "
        f"({seconds:.1f} s simuleret arbejde / of simulation work)",
        highlight=False,
    )
    if failed:
        raise typer.Exit(EXIT_INVARIANT_VIOLATED)
