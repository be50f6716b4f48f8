"""report.html speaks in words: expectations without Python dicts, Danish statuses in the
legends, the scenario's outages and faults as windows to shade, gaps for days without latency."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import scenarios
from sandbox.reporting import plots
from sandbox.reporting.html import render
from sandbox.reporting.words import in_words, outage_windows


def test_expectations_read_as_words_not_as_python() -> None:
    assert in_words({"karen": {"doctor": "900102"}, "ole": {"group": 1}}) == (
        "karen: læge 900102; ole: gruppe 1"
    )
    assert in_words({"karen": {"gp_choice": ["completed"]}}) == "karen: Lægevalg Gennemført"
    assert in_words(True) == "ja" and in_words(None) == "intet"
    assert in_words({"physical": 14, "standalone": 2}) == "fysiske 14; selvstændige 2"


def test_a_legend_label_is_danish_for_type_and_status() -> None:
    labels = {"gp_choice": "Lægevalg"}
    statuses = {"pending": "Afventende"}
    assert plots._label("gp_choice:pending", labels, statuses) == "Lægevalg: Afventende"


def test_the_luna_outage_and_the_cable_fault_are_windows_on_their_days() -> None:
    path = scenarios.path_of("luna-outage") or Path()
    windows = outage_windows(path, date(2025, 4, 9))
    outage = next(w for w in windows if not w.fault)
    assert (round(outage.start, 3), round(outage.end, 3)) == (0.833, 1.167)  # 10 April 08-16
    assert any(w.fault for w in windows), "the dug-over cable is a scripted fault"


def test_the_page_has_no_python_dicts_in_its_tables() -> None:
    summary = {
        "scenario": "x",
        "seed": 1,
        "start": "2025-04-09",
        "end": "2025-04-10",
        "log": "full",
        "population_at_start": 10,
        "households": 5,
        "practices": {"total": 1},
        "commands": {},
        "events": {},
        "letters": 0,
        "luna": {"registrations": 0, "calls": 0, "failed_attempts": 0, "awaiting_in_outbox": 0,
                 "opted_out_of_physical_card": 0},
        "reconciliation": {"ok": True, "luna_registrations": 0, "cases_needing_luna": 0,
                           "problems": []},
        "expectations": {"citizens": {"expected": {"karen": {"group": 1}},
                                      "actual": {"karen": {"group": 1}}, "met": True}},
        "cases": {},
        "case_status_labels_da": {},
        "card_orders": {"physical": 1},
        "practice_events": [],
        "refusals": {},
        "errors": {},
        "invariants": {"checked": {"one_group": 1}, "violation": None},
    }  # fmt: skip
    page = render(summary, [])
    assert "{&#39;" not in page and "{'" not in page
    assert "karen: gruppe 1" in page and "borgere ved slut" in page
