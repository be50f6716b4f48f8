"""The living documentation page, from a small Cucumber JSON with one scenario's decisions."""

from __future__ import annotations

import json
from pathlib import Path

from sandbox.reporting.living_docs import render_living_docs, scenario_log, write_living_docs
from tests.bdd.reporting import attachment

LOG = {
    "driver": "in-process",
    "actions": [
        {
            "action": "Bo vælger Lægerne i Byen",
            "accepted": False,
            "code": "RULE_REFUSED",
            "message_da": "Afvist: lukket",
            "message_en": "Refused: closed",
            "decisions": [
                {
                    "subject": "ChooseGp Bo",
                    "allowed": False,
                    "conditions": [],
                    "reasons": [
                        {
                            "rule_id": "gp_choice.closed_practice",
                            "code": "PRACTICE_CLOSED",
                            "text_da": "Lægerne i Byen er lukket for tilgang.",
                            "text_en": "Lægerne i Byen is closed for new patients.",
                            "source": "SPEC 3.4",
                            "parameters": [
                                {"name": "limit", "value": 15, "effective_from": "2007-01-01"}
                            ],
                        }
                    ],
                }
            ],
        }
    ],
}


def feature(status: str = "passed") -> dict[str, object]:
    step = {"keyword": "Så", "name": "afvises valget", "line": 9, "result": {"status": status}}
    return {
        "keyword": "Egenskab",
        "uri": "laegevalg/lukket.feature",
        "name": "Lukket læge",
        "description": "Om lukkede læger.",
        "tags": [{"name": "ændring-3", "line": 1}],
        "elements": [
            {
                "keyword": "Abstrakt Scenario",
                "id": "test_lukket[K\\xf8benhavn-5,1]",
                "name": "Lukket praksis",
                "line": 5,
                "tags": [],
                "steps": [step],
                "after": [attachment(LOG)],
            }
        ],
    }


def test_the_page_shows_each_scenario_with_its_status_and_decisions_in_both_languages() -> None:
    page = render_living_docs([feature()])
    assert "Lukket praksis" in page and "bestået" in page
    assert "Lægerne i Byen er lukket for tilgang." in page
    assert "Lægerne i Byen is closed for new patients." in page
    assert "limit = 15 (fra 2007-01-01)" in page
    assert "København | 5,1" in page  # the Eksempler row, escapes undone
    assert "Lægevalg" in page  # the area by its Danish name


def test_the_thirteen_changes_are_listed_with_the_features_that_cover_them() -> None:
    page = render_living_docs([feature("failed")])
    assert page.count("<tr class=") == 13
    assert '<tr class="failed"><td>3</td>' in page
    assert '<tr class="missing"><td>1</td>' in page


def test_the_attachment_round_trips_and_the_page_is_written(tmp_path: Path) -> None:
    assert scenario_log(feature()["elements"][0]) == LOG  # type: ignore[index]
    source = tmp_path / "cucumber.json"
    source.write_text(json.dumps([feature()]), encoding="utf-8")
    target = write_living_docs(json.loads(source.read_text(encoding="utf-8")), tmp_path / "x.html")
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")
