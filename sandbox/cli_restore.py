"""`sandbox restore SCENARIO`: datagenopretning on a world built by running a scenario.

The CLI keeps no state between runs, so a restore needs a world to restore in: the command
runs the scenario (same seed, same world, every time), then restores one citizen's
registrations to ``--as-of`` as an operator, and prints the differences. Without ``--apply`` it
is a dry run. Without ``--cpr`` it lists the citizens whose registrations changed during the
run, so there is something to restore. No LUNA call is made: the count is printed to prove it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from sandbox.cli_support import fail, resolve_scenario
from sandbox.domain.errors import InvalidInput, SandboxError
from sandbox.domain.model import Actor, Role
from sandbox.service import views
from sandbox.service.commands import RestoreCitizenData
from sandbox.service.handlers.restore import RestoreDiff, RestoreResult
from sandbox.simulation.world import World
from sandbox.worlds.scenario import load_scenario

CLI_OPERATOR = Actor(Role.OPERATOR, "sandbox-cli")
console = Console()


def restore(
    scenario: Annotated[str, typer.Argument(help="A scenario file or a shipped scenario's name")],
    cpr: Annotated[
        str | None, typer.Option(help="The citizen (10 digits); left out: list candidates")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Restore to this moment, ISO (2025-04-20T12:00 or a date)"),
    ] = None,
    apply: Annotated[bool, typer.Option("--apply", help="Apply; without it a dry run")] = False,
    seed: Annotated[int | None, typer.Option(help="Run with this seed")] = None,
) -> None:
    """Datagenopretning: run SCENARIO, then restore a citizen to --as-of and show the diff.

    Exit codes: 0 done (or nothing to restore), 2 bad input (scenario, CPR number, --as-of).
    """
    try:
        moment = _moment(as_of) if cpr is not None else None
        loaded = load_scenario(resolve_scenario(scenario))
        if seed is not None:
            loaded = loaded.with_seed(seed)
        with console.status(f"Kører / running {loaded.name} seed {loaded.seed} ..."):
            world = World(loaded)
            world.run()
        if cpr is None or moment is None:
            _list_candidates(world)
            return
        calls = world.luna_backend.calls
        result = world.bus.handle(RestoreCitizenData(CLI_OPERATOR, cpr, moment, not apply))
    except SandboxError as error:
        raise fail(error) from None
    assert isinstance(result, RestoreResult)
    _print_result(result)
    console.print(
        f"LUNA-kald under genopretningen / LUNA calls during the restore: "
        f"{world.luna_backend.calls - calls}",
        highlight=False,
    )


def _moment(given: str | None) -> datetime:
    if given is None:
        raise InvalidInput(
            field="--as-of",
            reason_da="angiv tidspunktet, der skal genoprettes til",
            reason_en="give the moment to restore to",
        )
    try:
        return datetime.fromisoformat(given)
    except ValueError:
        raise InvalidInput(
            field="--as-of",
            reason_da=f"'{given}' er ikke et ISO-tidspunkt (fx 2025-04-20T12:00)",
            reason_en=f"'{given}' is not an ISO moment (e.g. 2025-04-20T12:00)",
        ) from None


def _list_candidates(world: World, limit: int = 10) -> None:
    histories = views.registration_histories(world.bus.uow)
    ranked = sorted(histories, key=lambda item: (-len(item[1]), item[0]))[:limit]
    table = Table(title="Borgere med ændringer / citizens with changes (angiv --cpr og --as-of)")
    for column in ("cpr", "ændringer / changes", "første / first", "seneste / latest"):
        table.add_column(column)
    for cpr, snapshots in ranked:
        times = [s.at.isoformat(timespec="seconds") for s in snapshots if s.at is not None]
        table.add_row(
            cpr, str(len(snapshots)), times[0] if times else "", times[-1] if times else ""
        )
    console.print(table)


def _print_result(result: RestoreResult) -> None:
    diff = result.diff
    mode = "anvendt / applied" if result.applied else "prøvekørsel / dry run"
    console.print(f"Datagenopretning {diff.cpr} til / to {diff.as_of.isoformat()} ({mode})")
    if not diff.changed:
        console.print("Ingen forskelle / no differences.")
        return
    _print_area("Sikringsgruppe / group", diff.groups_now, diff.groups_restored, "group")
    _print_area("Lægevalg / GP listing", diff.listings_now, diff.listings_restored, "ydernummer")
    if diff.card_opt_out_changed:
        console.print(
            f"Fravalg af fysisk kort / card opt-out: {diff.card_opt_out_now} -> "
            f"{diff.card_opt_out_restored}"
        )
    _print_cases(diff)
    if result.case_id is not None:
        console.print(f"Forløb / case: {result.case_id} (Datagenopretning)")


def _print_area(
    title: str, now: tuple[dict[str, Any], ...], restored: tuple[dict[str, Any], ...], key: str
) -> None:
    if now == restored:
        return
    table = Table(title=title)
    for column in ("", key, "fra / from", "til / to", "forløb / case"):
        table.add_column(column)
    for label, rows in (("nu / now", now), ("genoprettet / restored", restored)):
        for row in rows:
            table.add_row(
                label,
                str(row[key]),
                str(row["valid_from"]),
                str(row["valid_to"] or ""),
                str(row["case_id"] or ""),
            )
    console.print(table)


def _print_cases(diff: RestoreDiff) -> None:
    for case_id in diff.cases_to_cancel:
        console.print(f"Annulleres / cancelled: {case_id}")
    for case_id, why in diff.cases_left:
        console.print(f"Urørt / left: {case_id} ({why})")
    for warning in diff.warnings:
        console.print(f"[yellow]Advarsel / warning[/]: {warning}")
