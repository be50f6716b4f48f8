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
