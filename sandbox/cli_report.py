"""`sandbox report RUN` and the outcome every run ends with: the cases by type and status, the
expectations, the invariants line (always, broken or not) and where report.html is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from sandbox.cli_support import console, errors, fail
from sandbox.domain.danish import number_da, number_en
from sandbox.domain.errors import ScenarioError


def _print_summary(summary: dict[str, object]) -> None:
    table = Table(title="Forløb / cases", show_lines=False)
    table.add_column("type")
    table.add_column("status")
    table.add_column("antal / count", justify="right")
    cases = summary["cases"]
    labels = summary.get("case_status_labels_da", {})
    assert isinstance(cases, dict) and isinstance(labels, dict)
    for _kind, entry in cases.items():
        for status, count in entry["by_status"].items():
            table.add_row(entry["label_da"], labels.get(status, status), str(count))
    console.print(table)
    luna = summary["luna"]
    assert isinstance(luna, dict)
    console.print(
        f"Breve / letters: {summary['letters']}  LUNA: {luna.get('registrations', 0)} "
        f"registreringer / registrations, {luna.get('failed_attempts', 0)} fejlede forsøg / "
        f"failed attempts, {luna.get('awaiting_in_outbox', 0)} i udbakken / in the outbox",
        highlight=False,
    )


def print_outcome(summary: dict[str, Any]) -> None:
    """The cases, the expectations and the invariants line, as simulate and report show them."""
    _print_summary(summary)
    for name, check in summary["expectations"].items():
        mark = "[green]ok[/]" if check["met"] else "[red]IKKE OPFYLDT / NOT MET[/]"
        console.print(f"  forventning {name}: {mark} (actual {check['actual']})", highlight=False)
    invariants = summary["invariants"]
    found = invariants["violation"]
    if found is None:
        checks = sum(invariants.get("checked", {}).values())
        console.print(
            f"Invarianter / invariants: [green]ingen brudt / none broken[/] "
            f"({len(invariants.get('checked', {}))} invarianter, {number_da(checks)} kontroller / "
            f"{number_en(checks)} checks)",
            highlight=False,
        )
        return
    errors.print(
        f"[bold red]INVARIANT_VIOLATED[/]: {found['invariant']}: {found['detail']}",
        highlight=False,
    )
    errors.print(
        f"  hændelse / event {found['event']}, seed {found['seed']}, {found['at']}", highlight=False
    )
    errors.print(f"  genafspil / replay: {invariants['replay']}", highlight=False)


def report(
    run: Annotated[Path, typer.Argument(help="A report folder, reports/<scenario>-<seed>")],
) -> None:
    """Show a run's report: cases, expectations, the invariants line, and where report.html is.

    Exit codes: 0 shown, 2 bad input (no such report folder, or an unreadable summary.json).
    """
    path = run / "summary.json"
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
        if "violation" not in summary["invariants"] or not isinstance(
            summary["expectations"], dict
        ):
            raise KeyError("invariants")
    except (OSError, ValueError, KeyError, TypeError):
        raise fail(
            ScenarioError(
                path=str(run),
                problem_da="mappen har ingen læsbar summary.json (en rapportmappe fra simulate)",
                problem_en="the folder has no readable summary.json (a folder made by simulate)",
            )
        ) from None
    print_outcome(summary)
    console.print(f"HTML: {run / 'report.html'}", highlight=False)
