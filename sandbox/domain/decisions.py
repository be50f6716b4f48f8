"""Decisions (afgørelser): what a rule decided, and why, in Danish and English.

A rule returns a `Decision`: allowed or refused, with one or more `Reason`s. A reason keeps a
stable rule id and code, the parameter values it used with their effective dates, the source
(release-note item, law, appeal decision) and two text templates. Texts are rendered only when
someone reads them, so the hot path of the simulator pays for tuples, not for string formatting.

A template names its fields in braces, and the renderer shows each value as a reader expects it
in the template's language (`sandbox.domain.danish`): a date (or an ISO date string) as
``1. maj 2025`` / ``1 May 2025``, a number as ``100.000`` / ``100,000``, a decimal as ``2,5``,
a boolean as ``ja``/``nej``. A format spec asks for more:

- ``{on:weekday}`` - the date with its weekday (``torsdag den 1. maj 2025``);
- ``{count:praksis|praksisser}`` - the count with the noun's form (``1 praksis``, ``2 praksisser``);
- ``{count:words:praksis|praksisser}`` - in running text (``ingen praksisser``, ``én praksis``,
  ``2 praksisser``; ``words-neuter`` gives ``ét barn``);
- ``{name:genitive}`` - ``Mette Hansens``, ``Lars'`` (English ``Lars's``);
- ``{name:municipality}`` - ``Thisted Kommune``, ``Københavns Kommune`` (``Thisted Municipality``).
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any, Final

from sandbox.domain import danish
from sandbox.domain.danish import Language

__all__ = ["Decision", "Language", "ParameterUse", "Reason", "render", "shown"]


# The decision's values are never changed once made, but they are not frozen dataclasses: a
# frozen dataclass's __init__ sets each field through object.__setattr__, several times the cost
# of a plain assignment, and every GP choice makes about twenty of them (decisions, reasons,
# facts). The fields are `Final`, so mypy refuses any assignment after __init__; equality, the
# hash and the repr are the frozen dataclass's (every field, in order), and so is a pickle's
# round trip (tests/unit/test_decision_values.py). The rules' facts classes do the same.
@dataclass(slots=True, unsafe_hash=True)
class ParameterUse:
    """A business parameter as a rule used it: its name, value and the date it took effect."""

    name: Final[str]
    value: Final[Any]
    effective_from: Final[date]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": _plain(self.value),
            "effective_from": self.effective_from.isoformat(),
        }


@dataclass(slots=True, unsafe_hash=True)
class Reason:
    """Begrundelse - one reason behind a decision.

    ``code`` is stable (``PRACTICE_CLOSED``, ``WITHIN_DISTANCE_LIMIT``); ``rule_id`` names the rule
    in SPEC.md (``gp_choice.closed_practice``); ``source`` names the legal or release-note basis.
    """

    rule_id: Final[str]
    code: Final[str]
    da: Final[str]
    en: Final[str]
    source: Final[str]
    fields: Final[tuple[tuple[str, Any], ...]] = ()
    parameters: Final[tuple[ParameterUse, ...]] = ()

    def text(self, language: Language = "da") -> str:
        template = self.da if language == "da" else self.en
        if not self.fields:
            return template
        return render(template, dict(self.fields), language)

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


@dataclass(slots=True, unsafe_hash=True)
class Decision:
    """Afgørelse - allowed or refused, with the reasons that led there.

    For a refusal the first reason is the refusing one. ``conditions`` lists what must still
    happen for an allowed decision to take effect (for example the doctor's acceptance).
    """

    allowed: Final[bool]
    reasons: Final[tuple[Reason, ...]]
    conditions: Final[tuple[str, ...]] = field(default=())

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


class _Formatter(string.Formatter):
    """str.format with the fields shown as a reader of ``language`` expects them."""

    def __init__(self, language: Language) -> None:
        self.language: Language = language

    def format_field(self, value: Any, format_spec: str) -> str:
        return shown(value, self.language, format_spec)


_FORMATTERS = {"da": _Formatter("da"), "en": _Formatter("en")}


def render(template: str, fields: dict[str, Any], language: Language = "da") -> str:
    """The template with its fields shown in ``language`` (see the module docstring)."""
    return _FORMATTERS[language].vformat(template, (), fields)


def shown(value: Any, language: Language = "da", spec: str = "") -> str:
    """One field as a reader sees it (dates, numbers, booleans; specs as in the docstring)."""
    if spec:
        return _with_spec(value, language, spec)
    if isinstance(value, bool):
        return danish.yes_no(value, language)
    if isinstance(value, int | float):
        return danish.number_text(value, language)
    if isinstance(value, date):
        return danish.date_text(value, language)
    if isinstance(value, str):
        day = danish.parse_iso_date(value)
        return value if day is None else danish.date_text(day, language)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, tuple | list):
        return ", ".join(shown(item, language) for item in value)
    return "-" if value is None else str(value)


def _with_spec(value: Any, language: Language, spec: str) -> str:
    if spec == "weekday":
        day = value if isinstance(value, date) else danish.parse_iso_date(str(value))
        return danish.date_text(day, language, weekday=True) if day else str(value)
    if spec == "genitive":
        return danish.genitive(str(value), language)
    if spec == "municipality":
        return danish.municipality(str(value), language)
    kind, _, forms = spec.rpartition(":")
    singular, bar, plural_form = forms.partition("|")
    if not bar or kind not in ("", "words", "words-neuter"):
        raise ValueError(f"unknown format spec {spec!r}")
    count = int(value)
    if kind == "":
        return danish.plural(count, singular, plural_form, language)
    neuter = kind == "words-neuter"
    return danish.count_words(count, singular, plural_form, language, neuter)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list | frozenset | set):
        items = [_plain(item) for item in value]
        return sorted(items, key=str) if isinstance(value, frozenset | set) else items
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value
