"""Every terminal demo, in Danish and English, reads as words for people: each line carries its
simulated time, and no `None`, event class name or status code of the other language leaks."""

from __future__ import annotations

import inspect
import re

import pytest

from sandbox.domain.model import CASE_STATUS_DA, CaseStatus
from sandbox.service import events
from sandbox.simulation.demo import DEMOS, run_demo
from sandbox.simulation.demo_labels import CASE_STATUS_EN

EVENT_NAMES = sorted(
    name
    for name, kind in vars(events).items()
    if inspect.isclass(kind) and issubclass(kind, events.Event) and kind is not events.Event
)
STAMP = {
    "da": re.compile(r"^\[\d{1,2}\. [a-zæøå]{3}\.? \d{4} kl\. \d\d:\d\d\] "),
    "en": re.compile(r"^\[\d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d\] "),
}
NONE = re.compile(r"\bNone\b(?! of)")  # Python's None; English "None of the ..." is a word
# a status as the other language's reader would not say it
FOREIGN = {
    "da": [status.value for status in CaseStatus],
    "en": [CASE_STATUS_DA[status] for status in CaseStatus],
}
_OUTPUT: dict[tuple[str, str], list[str]] = {}


def told(name: str, language: str) -> list[str]:
    if (name, language) not in _OUTPUT:
        said: list[str] = []
        run_demo(name, "da" if language == "da" else "en", write=said.append)
        _OUTPUT[(name, language)] = [line for line in said if line.strip()]
    return _OUTPUT[(name, language)]


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("name", sorted(DEMOS))
def test_a_demo_tells_its_story_in_words_with_times(name: str, language: str) -> None:
    lines = told(name, language)
    untimed = [line for line in lines if not STAMP[language].match(line)]
    assert not untimed, untimed[:5]
    text = "\n".join(lines)
    assert not re.search(NONE, text), [line for line in lines if NONE.search(line)][:5]
    leaked = [word for word in EVENT_NAMES if re.search(rf"\b{word}\b", text)]
    assert not leaked, leaked
    foreign = [word for word in FOREIGN[language] if re.search(rf"\b{re.escape(word)}\b", text)]
    assert not foreign, [line for line in lines if any(word in line for word in foreign)][:5]
    assert " system system" not in text


def test_english_statuses_are_english_words() -> None:
    assert set(CASE_STATUS_EN) == set(CaseStatus)
    assert not set(CASE_STATUS_EN.values()) & set(CASE_STATUS_DA.values())


def ending(name: str, language: str = "da") -> str:
    lines = told(name, language)
    start = next(i for i, line in enumerate(lines) if "Til slut:" in line or "In the end:" in line)
    return "\n".join(lines[start:])


def test_the_endings_show_everyone_the_demo_is_about() -> None:
    renumbered = ending("renumbering")
    assert "1205802223" in renumbered and "1205802231" in renumbered
    births = ending("same-day-birth", "en")
    assert "Ida Holm (0904254002)" in births and "Oskar Berg (1004254001)" in births


def test_the_audit_extract_shows_the_rows_of_the_action_before_it() -> None:
    text = "\n".join(told("audit-log", "da"))
    assert "sb-0787-01 (sagsbehandler): ændring Lægevalg 2210882348" in text


def test_the_dug_over_cable_hits_ole() -> None:
    lines = told("luna-cable", "en")
    lost = [line for line in lines if "the answer was lost) for" in line]
    oles = [re.search(r"Case (F\d+) 'GP choice' created for Ole Skov", line) for line in lines]
    case_id = next(found.group(1) for found in oles if found)
    assert len(lost) == 1 and f"lost) for {case_id}," in lost[0], lost


def test_verbose_tells_the_background_traffic_too() -> None:
    quiet = told("luna-cable", "da")
    loud: list[str] = []
    run_demo("luna-cable", "da", write=loud.append, verbose=True)
    assert len(loud) > 2 * len(quiet)
    assert any("Lægevalg (af borger" in line and "3010781113" not in line for line in loud)
