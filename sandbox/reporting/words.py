"""The report's values in words: expectations, card orders and outage windows as a reader says
them ("mindst 20", "karen: læge 900102; ole: læge 900102"), never as Python dicts.

Names of expectations, case types, statuses and fields are Danish, as the rest of the page.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from sandbox.domain.model import CASE_STATUS_DA, CASE_TYPE_DA
from sandbox.reporting.plots import Window

EXPECTATIONS_DA = {
    "min_gp_choice_cases": "lægevalgsforløb, mindst",
    "all_cases_registered_in_luna": "alle forløb via udbakken er i LUNA",
    "min_cases": "forløb pr. type, mindst",
    "max_cases": "forløb pr. type, højst",
    "min_refusals": "afvisninger pr. årsag, mindst",
    "min_events": "hændelser pr. slags, mindst",
    "min_commands": "kommandoer pr. slags, mindst",
    "min_tasks": "opgaver pr. slags, mindst",
    "min_card_orders": "kortbestillinger, mindst",
    "min_letters": "breve, mindst",
    "luna_backlog_at_end": "forløb i LUNA-køen ved slut",
    "min_luna_failed_attempts": "mislykkede LUNA-forsøg, mindst",
    "invariants_hold": "invarianterne holder",
    "reconciliation_ok": "afstemningen med LUNA er i orden",
    "citizens": "borgere ved slut",
    "cases_of": "borgeres forløb",
    "no_physical_card_for": "intet fysisk kort til",
}
FIELDS_DA = {
    "group": "gruppe",
    "doctor": "læge",
    "status": "status",
    "name": "navn",
    "open": "åben",
    "physical": "fysiske",
    "skipped": "sprunget over (fravalg)",
    "standalone": "selvstændige",
    **{kind.value: label for kind, label in CASE_TYPE_DA.items()},
    **{status.value: label for status, label in CASE_STATUS_DA.items()},
}


def in_words(value: Any, depth: int = 0) -> str:
    """A value of an expectation (or its actual) in plain words, nested levels by ';' then ','."""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if value is None:
        return "intet"
    if isinstance(value, dict):
        glue = "; " if depth == 0 else ", "
        parts = []
        for key, item in value.items():
            name = FIELDS_DA.get(str(key), str(key))
            sep = ": " if isinstance(item, dict) else " "
            parts.append(f"{name}{sep}{in_words(item, depth + 1)}")
        return glue.join(parts) if parts else "intet"
    if isinstance(value, list | tuple):
        return " og ".join(in_words(item, depth + 1) for item in value) if value else "intet"
    return FIELDS_DA.get(str(value), str(value))


def expectation_name(name: str) -> str:
    return EXPECTATIONS_DA.get(name, name)


def outage_windows(scenario_file: Path, start: date) -> list[Window]:
    """The scenario's LUNA outages and its scripted faults, as day positions for the plots."""
    try:
        data = yaml.safe_load(scenario_file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return []
    midnight = datetime.combine(start, datetime.min.time())
    windows = []
    for outage in (data.get("luna") or {}).get("outages") or []:
        begins = datetime.fromisoformat(str(outage["start"]))
        x = (begins - midnight).total_seconds() / 86400 - 0.5
        windows.append(Window(x, x + float(outage["hours"]) / 24, "LUNA-nedbrud / LUNA outage"))
    for step in data.get("script") or []:
        if "fault" in str(step.get("action", "")):
            x = float(step.get("day", 0)) + float(step.get("hour", 9)) / 24 - 0.5
            windows.append(Window(x, x, "indsat fejl / injected fault", fault=True))
    return windows
