"""A demo's story as data: what each script step did, in Danish and English at once.

The demo narrator (`sandbox.simulation.demo.Narrator`) turns what the bus reports into `Told`
items: a command (who does what), a decision (its reasons with rule, parameters and source), an
event (a case, a letter, a card order, a LUNA registration, each with its id), an error, an
audit row. Each item holds the lines the terminal prints in both languages and the fields the
browser's demo player shows (`sandbox.console.player`), so both tell the same story from the
same item. The told blocks of a step, and the step's own words and trainer note, make a
`StepReport`; step 0 is what happened before the first step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sandbox.domain.decisions import Decision, Language, ParameterUse, shown
from sandbox.domain.errors import SandboxError
from sandbox.domain.model import Actor
from sandbox.service import events as e
from sandbox.service.unit_of_work import UnitOfWork
from sandbox.simulation import demo_labels as labels
from sandbox.simulation.demo_texts import describe_event

CONDITIONS = {"DOCTOR_ACCEPTANCE": ("lægens accept", "the doctor's acceptance")}
ID_FIELDS = ("cpr", "main_cpr", "recipient_cpr", "samlever_cpr", "old", "new", "case_id")
LANGUAGES: tuple[Language, ...] = ("da", "en")


@dataclass(frozen=True, slots=True)
class Told:
    """One thing a demo tells: its terminal lines per language, the persons and cases it is
    about (``ids``, so the narrator can follow them), and its fields for the browser."""

    kind: str  # command | decision | event | error | row
    da: tuple[str, ...]
    en: tuple[str, ...]
    ids: frozenset[str] = frozenset()
    data: dict[str, Any] = field(default_factory=dict)

    def lines(self, language: str) -> tuple[str, ...]:
        return self.da if language == "da" else self.en

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, **self.data}


@dataclass(slots=True)
class Block:
    """What one command did, as told: its time, the command (``items[0]``) and the rest."""

    at: datetime
    items: list[Told]
    scripted: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "scripted": self.scripted,
            **self.items[0].data,
            "items": [item.to_dict() for item in self.items[1:]],
        }


@dataclass(slots=True)
class StepReport:
    """Trin - one script step: when, what the script says happens, the trainer's note, and the
    blocks told from the step until the next one (or the demo's end)."""

    number: int
    action: str
    at: datetime
    said_da: str
    said_en: str
    note_da: str = ""
    note_en: str = ""
    blocks: list[Block] = field(default_factory=list)

    @staticmethod
    def of(number: int, step: dict[str, Any], at: datetime) -> StepReport:
        said_da = str(step.get("da") or step["action"])
        return StepReport(
            number,
            str(step["action"]),
            at,
            said_da,
            str(step.get("en") or said_da),
            str(step.get("note_da") or ""),
            str(step.get("note_en") or step.get("note_da") or ""),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "action": self.action,
            "at": self.at.isoformat(),
            "said_da": self.said_da,
            "said_en": self.said_en,
            "note_da": self.note_da,
            "note_en": self.note_en,
            "blocks": [block.to_dict() for block in self.blocks],
        }


def parameter_text(use: ParameterUse, lang: Language) -> str:
    """A parameter as the narration shows it: name = value, the value in the reader's words
    (ja/nej, 1. maj 2025, 100.000); a table shows its entries the same way."""
    value = use.value
    if isinstance(value, dict):
        entries = ", ".join(f"{key}: {shown(item, lang)}" for key, item in value.items())
        return f"{use.name} = {{{entries}}}"
    if isinstance(value, tuple | list):
        return f"{use.name} = [{', '.join(shown(item, lang) for item in value)}]"
    return f"{use.name} = {shown(value, lang)}"


def event_ids(event: e.Event) -> frozenset[str]:
    """The persons and cases an event is about (so the narrator can follow them)."""
    found = {str(getattr(event, name)) for name in ID_FIELDS if getattr(event, name, None)}
    found.update(getattr(event, "case_ids", ()) or ())
    return frozenset(found)


def command_told(name: str, actor: Actor) -> Told:
    """Who does what: ``→ Lægevalg (af borger 1505963001)``."""
    said = {}
    for lang in LANGUAGES:
        who = labels.role(actor.role, lang)
        if actor.role.value != "system":
            who = f"{who} {actor.user_id}"
        action, by = labels.action(name, lang), "af" if lang == "da" else "by"
        said[lang] = (action, who, f"  → {action} ({by} {who})")
    return Told(
        "command",
        (said["da"][2],),
        (said["en"][2],),
        data={
            "action_da": said["da"][0],
            "action_en": said["en"][0],
            "who_da": said["da"][1],
            "who_en": said["en"][1],
        },
    )


def _links(event: e.Event) -> dict[str, str]:
    """What the player links an event to: its case, its letter, its person."""
    links = {}
    for name in ("case_id", "letter_id", "luna_id"):
        value = getattr(event, name, None)
        if value:
            links[name] = str(value)
    for name in ("main_cpr", "cpr", "recipient_cpr", "new"):
        value = getattr(event, name, None)
        if value:
            links["cpr"] = str(value)
            break
    return links


APPEARED = {
    e.CaseCreated: "case",
    e.LetterWritten: "letter",
    e.HealthCardOrdered: "card_order",
    e.CaseRegisteredInLuna: "luna",
}


def event_told(event: e.Event, uow: UnitOfWork) -> Told | None:
    """An event in both languages (None for what the decisions tell already)."""
    da = describe_event(event, uow, "da")
    if da is None:
        return None
    en = describe_event(event, uow, "en") or da
    return Told(
        "event",
        (f"    • {da}",),
        (f"    • {en}",),
        event_ids(event),
        {
            "appeared": APPEARED.get(type(event), ""),
            "text_da": da,
            "text_en": en,
            **_links(event),
        },
    )


def decision_told(subject: str, decision: Decision) -> Told:
    """A decision: its subject and verdict, each reason with its rule, parameters and source."""
    lines: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        da = lang == "da"
        verdict = (
            ("tilladt" if da else "allowed")
            if decision.allowed
            else ("AFVIST" if da else "REFUSED")
        )
        said = [f"    ⚖ {labels.subject(subject, lang)}: {verdict}"]
        for reason in decision.reasons:
            said.append(f"        {reason.code}: {reason.text(lang)}")
            uses = "; ".join(parameter_text(u, lang) for u in reason.parameters)
            if uses:
                said.append(f"          ({'parametre' if da else 'parameters'}: {uses})")
        if decision.conditions:
            named = ", ".join(
                CONDITIONS.get(c, (c, c))[0 if da else 1] for c in decision.conditions
            )
            said.append(f"        {'betingelser' if da else 'conditions'}: {named}")
        lines[lang] = said
    reasons = [
        {
            "code": reason.code,
            "rule": reason.rule_id,
            "source": reason.source,
            "text_da": reason.text("da"),
            "text_en": reason.text("en"),
            "parameters_da": [parameter_text(u, "da") for u in reason.parameters],
            "parameters_en": [parameter_text(u, "en") for u in reason.parameters],
        }
        for reason in decision.reasons
    ]
    return Told(
        "decision",
        tuple(lines["da"]),
        tuple(lines["en"]),
        frozenset(labels.IDS.findall(subject)),
        {
            "subject_da": labels.subject(subject, "da"),
            "subject_en": labels.subject(subject, "en"),
            "allowed": decision.allowed,
            "reasons": reasons,
            "conditions_da": [CONDITIONS.get(c, (c, c))[0] for c in decision.conditions],
            "conditions_en": [CONDITIONS.get(c, (c, c))[1] for c in decision.conditions],
        },
    )


def error_told(error: SandboxError, cpr: str) -> Told:
    return Told(
        "error",
        (f"    ✗ {error.code}: {error.message_da}",),
        (f"    ✗ {error.code}: {error.message_en}",),
        frozenset({cpr} - {""}),
        {"code": error.code, "text_da": error.message_da, "text_en": error.message_en},
    )


def row_told(da: str, en: str) -> Told:
    """A line of a step's own result (an audit extract's row, what a restore changes)."""
    return Told("row", (da,), (en,), frozenset(), {"text_da": da.strip(), "text_en": en.strip()})
