"""Each demo runs to its end at infinite speed and its narration names the decisive reasons."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.simulation.demo import DEMOS, run_demo

# demo -> what the Danish narration must mention (reason codes, Danish words)
DECISIVE = {
    "kent-samlever": ["PRACTICE_CLOSED", "SAMLEVER_NOT_POSSIBLE", "DECLARED_COHABITANT", "SPOUSE"],
    "storm-greenland": ["Storm Henningsen", "afventende", "ADDRESS_MISMATCH", "Manglende lægevalg"],
    "same-day-birth": ["sårbar situation", "VULNERABLE", "Ida Holm"],
    "practice-changes": ["Praksishændelse", "Manglende lægevalg"],
    "card-opt-out": ["fravalgt fysisk kort", "selvstændig bestilling", "hovedpersonen Anne"],
    "renumbering": ["omnummereret", "gruppe 8"],
    "luna-cable": ["LUNA svarede ikke", "svaret gik tabt", "registreret i LUNA", "Ole Skov"],
    "group-change-dates": ["VALID_FROM_OUTSIDE_WINDOW", "VALID_FROM_IN_WINDOW"],
    "audit-log": ["Udtræk af revisionslog", "Lars Bak"],
    "data-restore": ["Prøvekørsel", "Datagenopretning"],
}


@pytest.mark.parametrize("name", sorted(DEMOS))
def test_a_demo_narrates_the_decisive_reasons_in_danish(name: str) -> None:
    said: list[str] = []
    run_demo(name, "da", write=said.append)
    text = "\n".join(said)
    missing = [word for word in DECISIVE[name] if word not in text]
    assert not missing, text[-3000:]
    assert "Til slut:" in text


def test_a_demo_speaks_english_with_the_flag() -> None:
    said: list[str] = []
    run_demo("kent-samlever", "en", write=said.append)
    text = "\n".join(said)
    assert "Kent chooses Olivia's doctor" in text and "REFUSED" in text and "In the end:" in text


def test_step_mode_waits_for_enter_before_each_step() -> None:
    prompts: list[str] = []
    run_demo("renumbering", "da", step=True, write=lambda line: None, read=prompts.append)
    assert prompts and "Enter" in prompts[0]


def test_the_demo_command(tmp_path: object) -> None:
    done = CliRunner().invoke(app, ["demo", "storm-greenland", "--speed", "inf", "--en"])
    assert done.exit_code == 0, done.output
    assert "Storm Henningsen" in done.output
    unknown = CliRunner().invoke(app, ["demo", "no-such-demo"])
    assert unknown.exit_code == 2 and "SCENARIO_ERROR" in unknown.output
