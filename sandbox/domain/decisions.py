"""Decisions (afgørelser): what a rule decided, and why, in Danish and English.

A rule returns a `Decision`: allowed or refused, with one or more `Reason`s. A reason keeps a
stable rule id and code, the parameter values it used with their effective dates, the source
(release-note item, law, appeal decision) and two text templates. Texts are rendered only when
someone reads them, so the hot path of the simulator pays for tuples, not for string formatting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Language = Literal["da", "en"]


@dataclass(frozen=True, slots=True)
class ParameterUse:
    """A business parameter as a rule used it: its name, value and the date it took effect."""

    name: str
    value: Any
    effective_from: date

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": _plain(self.value),
            "effective_from": self.effective_from.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class Reason:
    """Begrundelse - one reason behind a decision.

    ``code`` is stable (``PRACTICE_CLOSED``, ``WITHIN_DISTANCE_LIMIT``); ``rule_id`` names the rule
    in SPEC.md (``gp_choice.closed_practice``); ``source`` names the legal or release-note basis.
    """

    rule_id: str
    code: str
    da: str
    en: str
    source: str
    fields: tuple[tuple[str, Any], ...] = ()
    parameters: tuple[ParameterUse, ...] = ()

    def text(self, language: Language = "da") -> str:
        template = self.da if language == "da" else self.en
        if not self.fields:
            return template
        return template.format(**{key: _shown(value, language) for key, value in self.fields})

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "code": self.code,
            "text_da": self.text("da"),
            "text_en": self.text("en"),
            "source": self.source,
            "fields": {key: _plain(value) for key, value in self.fields},
            "parameters": [use.to_dict() for use in self.parameters],
        }


@dataclass(frozen=True, slots=True)
class Decision:
    """Afgørelse - allowed or refused, with the reasons that led there.

    For a refusal the first reason is the refusing one. ``conditions`` lists what must still
    happen for an allowed decision to take effect (for example the doctor's acceptance).
    """

    allowed: bool
    reasons: tuple[Reason, ...]
    conditions: tuple[str, ...] = field(default=())

    @staticmethod
    def allow(*reasons: Reason, conditions: tuple[str, ...] = ()) -> Decision:
        return Decision(True, reasons, conditions)

    @staticmethod
    def refuse(*reasons: Reason) -> Decision:
        return Decision(False, reasons)

    @property
    def refusal_code(self) -> str:
        return "" if self.allowed or not self.reasons else self.reasons[0].code

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(reason.code for reason in self.reasons)

    def text(self, language: Language = "da") -> str:
        return " ".join(reason.text(language) for reason in self.reasons)

    def to_dict(self) -> dict[str, Any]:
        return {
            "allowed": self.allowed,
            "refusal_code": self.refusal_code,
            "conditions": list(self.conditions),
            "reasons": [reason.to_dict() for reason in self.reasons],
        }


def _shown(value: Any, language: Language) -> Any:
    """A field as a reader sees it: whole numbers as such, other decimals with two places and,
    in Danish, a decimal comma (15 km, 2,50 km)."""
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else f"{value:.2f}"
        return text.replace(".", ",") if language == "da" else text
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list | frozenset | set):
        items = [_plain(item) for item in value]
        return sorted(items, key=str) if isinstance(value, frozenset | set) else items
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value
