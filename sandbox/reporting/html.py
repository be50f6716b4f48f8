"""report.html: one self-contained page with the run's plots (inline SVG) and tables.

Rendered with jinja2 from ``templates/report.html.j2``; no scripts, no external files, so it
opens offline and is byte-identical for the same scenario and seed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from sandbox.domain.model import CASE_TYPE_DA, CaseType
from sandbox.reporting import plots
from sandbox.reporting.words import expectation_name, in_words, outage_windows


def render(
    summary: dict[str, Any], days: list[dict[str, Any]], windows: Sequence[plots.Window] = ()
) -> str:
    environment = Environment(
        loader=PackageLoader("sandbox.reporting", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["words"] = in_words
    environment.filters["expectation"] = expectation_name
    labels = {kind.value: label for kind, label in CASE_TYPE_DA.items()}
    statuses = summary.get("case_status_labels_da", {})
    figures: dict[str, str] = {}
    if days:
        figures["cases"] = plots.cases_over_time(days, labels, statuses, windows)
        figures["luna"] = plots.luna(days, windows)
        figures["letters_and_cards"] = plots.letters_and_cards(days, windows)
    if summary["practice_events"]:
        figures["uptake"] = plots.uptake(summary["practice_events"])
    refusals = {code: item["count"] for code, item in summary["refusals"].items() if item["count"]}
    if refusals:
        figures["refusals"] = plots.bars(refusals, "Afvisninger efter årsag / refusals by reason")
    figures["invariants"] = plots.bars(
        summary["invariants"]["checked"],
        "Invarianter tjekket / invariants checked",
        plots.COLOURS[4],
    )
    template = environment.get_template("report.html.j2")
    return template.render(
        s=summary,
        figures=figures,
        labels=labels,
        case_type=CaseType,
        days=len(days),
        windows=windows,
    )


def write_report(folder: Path, summary: dict[str, Any], days: list[dict[str, Any]]) -> Path:
    """report.html in the run's folder; outages and faults come from its scenario.yaml."""
    windows = outage_windows(folder / "scenario.yaml", date.fromisoformat(summary["start"]))
    path = folder / "report.html"
    path.write_text(render(summary, days, windows), encoding="utf-8")
    return path
