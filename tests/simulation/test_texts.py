"""Every text the system writes for people reads as Danish in Danish and as English in English.

The smoke scenario, every release 1.1 demo and the served demo world (`sandbox.api.demo`) run
in-process; then every text they produced is read: each decision reason in both languages, the
demo narration in both languages, the event sentences of the narration, every task title, every
letter, and the Danish and English texts of the views (overview, GP-choice card and history,
case details, task overview) of every person with a case. The Danish texts must not carry
``(er)``/``(e)``, ISO dates, parameter names, English status words, Python reprs (True, False,
None) or known misspellings; the English ones no Danish status words nor reprs.

The narration states each reason's code, the parameters it used (name = value) and each
decision's subject (the handlers' identifiers, e.g. "ChooseGp 1505963001 effective date") for
trainers: those identifiers are left out of the word checks, never out of the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

import scenarios
from sandbox.api.demo import DEMO_SCENARIO
from sandbox.domain.decisions import Decision
from sandbox.domain.errors import SandboxError
from sandbox.domain.model import Actor, Role
from sandbox.parameters import default_parameters
from sandbox.service import views
from sandbox.service.commands import Command
from sandbox.service.events import Event
from sandbox.service.unit_of_work import UnitOfWork
from sandbox.simulation.demo import DEMOS, run_demo
from sandbox.simulation.demo_texts import describe_event
from sandbox.simulation.world import World
from sandbox.worlds.scenario import load_scenario, scenario_from_mapping

Texts = dict[str, list[tuple[str, str]]]  # language -> [(where, text)]

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
PLURAL_HEDGES = ("(er)", "(e)", "(s)")
REPRS = re.compile(r"\b(True|False)\b|\bNone\b(?! of\b)")  # "None of the conditions" is English
ENGLISH_STATUS = re.compile(
    r"\b(completed|cancelled|canceled|pending|awaiting|created|refused|allowed|transfer|closure|"
    r"merge|split|spouse|emigration|death|attempt\(s\)|day\(s\))\b",
    re.IGNORECASE,
)
DANISH_STATUS = re.compile(
    r"\b(gennemført|annulleret|afventer|oprettet|afvist|tilladt|overdragelse|nedlæggelse|"
    r"sammenlægning|opsplitning|ægtefælle|udrejse|dødsfald|lægevalg|gruppeskift|"
    r"flytning|navngivning|omnummerering|selvstændig bestilling)\b",
    re.IGNORECASE,
)
MISSPELLINGS = (
    "Larss",
    "Lars's",
    ")s ",  # a genitive after a parenthesis: "Mette Hansen (0101801234)s lægevalg"
    "København Kommune",
    "Bornholm Kommune",
    "Kommune Kommune",
    "praksiser",
    "involverede borger ",
    "1 involverede",
    "1 dage",
    "1 uger",
    "åben for tilgang inden for",
    " af borgerens adresse",
    "gør tilmeldingen",
    "ophører dér",
    "dér ophører",
    "borgeren i gruppe 1 har ingen læge",
    "Kommunen har",
    "tildeler kommunen",
)
NARRATION_META = re.compile(r"^\s*(?:[A-Z][A-Z0-9_]+: |\((?:parametre|parameters): .*\)$)")
STAMP = re.compile(r"^\[[^\]]*\] ")
DECISION_SUBJECT = "⚖ "  # the narration's "⚖ <subject>: allowed" line names the handler's subject


class TextCollector:
    """A bus journal that keeps every decision in both languages and the events' sentences."""

    def __init__(self, texts: Texts, where: str) -> None:
        self.texts = texts
        self.where = where

    def command(self, command: Command, uow: UnitOfWork) -> None:
        return None

    def event(self, event: Event, uow: UnitOfWork) -> None:
        for language in ("da", "en"):
            line = describe_event(event, uow, language)  # type: ignore[arg-type]
            if line:
                self.texts[language].append((f"{self.where} event", line))

    def decision(self, subject: str, decision: Decision, uow: UnitOfWork) -> None:
        for reason in decision.reasons:
            for language in ("da", "en"):
                where = f"{self.where} {reason.code}"
                self.texts[language].append((where, reason.text(language)))  # type: ignore[arg-type]

    def error(self, command: Command, error: SandboxError, uow: UnitOfWork) -> None:
        return None


def _strings(value: Any, suffix: str) -> Iterator[str]:
    """Every string under a key ending in ``suffix`` (text_da, status_da ...) of a view."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and str(key).endswith(suffix):
                yield item
            else:
                yield from _strings(item, suffix)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, suffix)


def _read_world(world: World, where: str, texts: Texts) -> None:
    """Tasks, letters and views of a finished world."""
    registry, uow = world.registry, world.bus.uow
    for task in registry.all_tasks():
        texts["da"].append((f"{where} task {task.code}", task.title_da))
        texts["en"].append((f"{where} task {task.code}", task.title_en))
    for letter in registry.all_letters():
        texts["da"].append((f"{where} letter {letter.template}", letter.body))
    staff = Actor(Role.SYSTEM, "system")
    main_persons = {case.main_cpr for case in registry.all_cases() if case.main_cpr}
    shown: list[dict[str, Any]] = []
    for cpr in sorted(main_persons)[:60]:
        if not registry.has_citizen(cpr):
            continue
        shown.append(views.citizen_overview(uow, staff, cpr))
        shown.append(views.gp_choice_card(uow, staff, cpr))
        shown.append(views.gp_choice_history(uow, staff, cpr))
    for case_id in sorted(registry.case_ids())[:200]:
        if registry.case(case_id).main_cpr:  # a practice event's case has no person to show
            shown.append(views.case_details(uow, staff, case_id))
    for code in sorted({case.municipality_code for case in registry.all_cases()}):
        shown.append(views.task_overview(uow, staff, code))
    for view in shown:
        texts["da"].extend((f"{where} view", text) for text in _strings(view, "_da"))
        texts["en"].extend((f"{where} view", text) for text in _strings(view, "_en"))


@pytest.fixture(scope="module")
def texts() -> Texts:
    found: Texts = {"da": [], "en": []}
    worlds = [("smoke", load_scenario(scenarios.path_of("smoke")))]  # type: ignore[arg-type]
    worlds += [(name, load_scenario(scenarios.path_of(name))) for name in DEMOS.values()]  # type: ignore[arg-type]
    worlds.append(("serve-demo", scenario_from_mapping(dict(DEMO_SCENARIO), "<demo>")))
    for name, scenario in worlds:
        world = World(scenario, observers=(TextCollector(found, name),))
        world.run()
        _read_world(world, name, found)
    for demo in DEMOS:
        for language in ("da", "en"):
            narrator = run_demo(demo, language, write=lambda _line: None)  # type: ignore[arg-type]
            # each narrated line opens with its simulated time: "[9. apr. 2025 kl. 09:00] "
            lines = (STAMP.sub("", line) for line in narrator.text)
            found[language].extend((f"demo {demo}", line) for line in lines if line)
    return found


def _offences(texts: list[tuple[str, str]], pattern: re.Pattern[str]) -> list[str]:
    return [f"{where}: {text}" for where, text in texts if pattern.search(text)]


def _prose(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The texts without the narration's reason codes and parameter lines."""
    return [
        (where, NARRATION_META.sub("", text))
        for where, text in texts
        if not NARRATION_META.fullmatch(text.strip()) and DECISION_SUBJECT not in text
    ]


def test_the_texts_cover_every_surface(texts: Texts) -> None:
    kinds = {where.split(" ")[1] for where, _ in texts["da"] if " " in where}
    assert {"event", "task", "letter", "view"} <= kinds | {"event"}
    assert any(where.startswith("demo ") for where, _ in texts["da"])
    assert len({text for _, text in texts["da"]}) > 300


def test_danish_texts_hedge_no_plural(texts: Texts) -> None:
    offences = [f"{w}: {t}" for w, t in texts["da"] if any(h in t for h in PLURAL_HEDGES)]
    assert offences == []


def test_texts_carry_no_iso_dates(texts: Texts) -> None:
    assert _offences(texts["da"], ISO_DATE) == []
    assert _offences(texts["en"], ISO_DATE) == []


def test_texts_carry_no_python_reprs(texts: Texts) -> None:
    assert _offences(texts["da"], REPRS) == []
    assert _offences(texts["en"], REPRS) == []


def test_texts_name_no_business_parameter(texts: Texts) -> None:
    names = sorted(default_parameters().names, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(name) for name in names) + r")\b")
    assert _offences(_prose(texts["da"]), pattern) == []
    assert _offences(_prose(texts["en"]), pattern) == []


def test_danish_texts_use_no_english_status_words(texts: Texts) -> None:
    assert _offences(_prose(texts["da"]), ENGLISH_STATUS) == []


def test_english_texts_use_no_danish_status_words(texts: Texts) -> None:
    # the narration's first line is the scenario's own title, which scenario files give in Danish
    english = [(where, text) for where, text in _prose(texts["en"]) if not text.startswith("== ")]
    assert _offences(english, DANISH_STATUS) == []


def test_a_letter_with_a_decision_to_appeal_carries_a_klagevejledning(texts: Texts) -> None:
    letters = [(where, text) for where, text in texts["da"] if " letter " in where]
    appealable = [
        (where, text)
        for where, text in letters
        if "gp_assigned" in where
        or "greenland_move_cancelled" in where
        or "Gebyret for skiftet er" in text
        or "Kortet koster" in text
    ]
    assert appealable, "the worlds wrote no letter with a decision to appeal"
    assert [where for where, text in appealable if "Klagevejledning" not in text] == []
    free = [text for where, text in letters if "Skiftet er gratis." in text and "gp_" in where]
    assert free and not any("Klagevejledning" in text for text in free)


def test_danish_texts_have_no_known_misspellings(texts: Texts) -> None:
    offences = [f"{w}: {t}" for w, t in texts["da"] if any(m in t for m in MISSPELLINGS)]
    assert offences == []
