"""A namespace's journal exported from a real `sandbox serve`: `sandbox replay-journal` replays
it into a fresh namespace, in process or against a server, and ends in the same state; as a
Danish Gherkin draft it uses the step catalogue's steps where one fits."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sandbox.cli import app
from tests.persistence.conftest import Served, state_of
from tests.persistence.test_restart import populate

runner = CliRunner()


def _export(served: Served, name: str, tmp_path: Path) -> tuple[Path, dict[str, object]]:
    with served.client(name) as http:
        populate(http)
        http.post("/_control/clock/advance", json={"minutes": 30})
        refused = http.post("/sygesikring/self-service/gp-choice", json={"ydernummer": "900201"})
        assert refused.status_code == 401  # a refusal is journaled and replayed as one
        state = state_of(http)
        exported = http.get("/_control/journal/export")
    assert exported.status_code == 200
    file = tmp_path / f"{name}.jsonl"
    file.write_text(exported.text, encoding="utf-8")
    return file, state


def test_replay_journal_in_process_and_against_a_server(served: Served, tmp_path: Path) -> None:
    served.start()
    file, state = _export(served, "integrator", tmp_path)
    lines = file.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["format"] == "sygesikring-sandbox-journal"
    assert len(lines) > 10
    in_process = runner.invoke(app, ["replay-journal", str(file)])
    assert in_process.exit_code == 0, in_process.output
    over_http = runner.invoke(
        app, ["replay-journal", str(file), "--url", served.url, "--namespace", "again"]
    )
    assert over_http.exit_code == 0, over_http.output
    with served.client("again") as http:
        assert state_of(http) == state


def test_the_journal_as_a_gherkin_draft(served: Served) -> None:
    served.start()
    with served.client("qa") as http:
        login = http.post("/borger-dk/mitid/login", json={"cpr": "150596-3001"}).json()["token"]
        http.put("/_control/clock", json={"now": "2025-04-10T09:00:00"})
        http.post(
            "/sygesikring/self-service/gp-choice",
            headers={"Authorization": f"Bearer {login}"},
            json={"ydernummer": "900203"},
        )
        http.post("/_control/clock/advance", json={"minutes": 10})
        http.put("/_control/settings", json={"cpr_delivery": "daily"})
        draft = http.get("/_control/journal/export", params={"format": "feature"})
    assert draft.status_code == 200
    text = draft.text
    assert text.startswith("# language: da\n")
    assert "Givet sandkassens demoverden" in text
    assert 'demoborgeren "Kent" har CPR-nummer 150596-3001' in text
    assert "dags dato er 2025-04-10" in text
    assert 'Når "Kent" vælger "900203" i selvbetjeningen' in text
    assert "Så godkendes valget" in text or "Så afvises valget" in text
    assert "Når der går 10 minutter" in text
    assert "# PUT /_control/settings" in text and "no step fits" in text


def test_a_file_that_is_no_journal_is_exit_2(tmp_path: Path) -> None:
    file = tmp_path / "nonsense.jsonl"
    file.write_text("not json\n", encoding="utf-8")
    result = runner.invoke(app, ["replay-journal", str(file)])
    assert result.exit_code == 2
    assert "INVALID_INPUT" in result.output
    missing = runner.invoke(app, ["replay-journal", str(tmp_path / "none.jsonl")])
    assert missing.exit_code == 2
