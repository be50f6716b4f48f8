"""What every driver shares: the outcome of an action, the decisions it made, and the names.

A feature speaks of "Kent" and "Lægehuset Klitmøller"; the system speaks of 1505963001 and
ydernummer 100001. `Names` keeps that translation, so both drivers (in-process and HTTP) take
and give names, and the steps never see an identifier they did not write themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass
class Outcome:
    """Udfald - what happened when someone acted: accepted, or refused with the reasons why.

    ``reasons`` are the reasons of the refusing decision (or of the last decision when the
    action went through); ``message_da``/``message_en`` the error message when it was refused
    without a rule decision (invalid input, a generic samlever message).
    """

    action: str
    accepted: bool
    code: str = ""
    refusal_code: str = ""
    message_da: str = ""
    message_en: str = ""
    reasons: list[dict[str, Any]] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    result: dict[str, Any] = field(default_factory=dict)

    def explanation_da(self) -> str:
        texts = [str(reason.get("text_da", "")) for reason in self.reasons]
        return " ".join(text for text in (self.message_da, *texts) if text)

    def mentions(self, wanted: str) -> bool:
        """Whether a reason (its Danish or English text, or its code) or the message says it."""
        needle = wanted.casefold()
        haystack = [self.message_da, self.message_en, self.code, self.refusal_code]
        for reason in self.reasons:
            haystack += [str(reason.get(key, "")) for key in ("text_da", "text_en", "code")]
        return any(needle in text.casefold() for text in haystack if text)

    def reason_codes(self) -> list[str]:
        return [str(reason.get("code", "")) for reason in self.reasons]


@dataclass
class DecisionRecord:
    """One decision as the living documentation shows it: subject, verdict, reasons (da + en)."""

    subject: str
    allowed: bool
    reasons: list[dict[str, Any]]
    conditions: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "allowed": self.allowed,
            "conditions": list(self.conditions),
            "reasons": [
                {
                    key: reason.get(key)
                    for key in ("rule_id", "code", "text_da", "text_en", "source", "parameters")
                }
                for reason in self.reasons
            ],
        }


class UnknownName(KeyError):
    """A feature named a person or practice its Givet-steps never introduced."""


@dataclass
class Names:
    """Navne - the feature's names for persons and practices, and their identifiers."""

    persons: dict[str, str] = field(default_factory=dict)
    practices: dict[str, str] = field(default_factory=dict)

    def cpr(self, name: str) -> str:
        try:
            return self.persons[name]
        except KeyError:
            raise UnknownName(f"borgeren {name!r} er ikke nævnt i et Givet-trin") from None

    def ydernummer(self, name: str) -> str:
        try:
            return self.practices[name]
        except KeyError:
            raise UnknownName(f"praksis {name!r} er ikke nævnt i et Givet-trin") from None

    def person_name(self, cpr: str) -> str:
        for name, known in self.persons.items():
            if known == cpr:
                return name
        return cpr

    def practice_name(self, ydernummer: str | None) -> str | None:
        if ydernummer is None:
            return None
        for name, known in self.practices.items():
            if known == ydernummer:
                return name
        return ydernummer

    def humanise(self, text: str) -> str:
        """A decision's subject with the feature's names beside the CPR numbers and ydernumre:
        "ChooseGp 1505963001 -> 100001" -> "ChooseGp Kent (1505963001) -> Klitmøller (100001)"."""
        for name, cpr in self.persons.items():
            text = text.replace(cpr, f"{name} ({cpr})") if f"({cpr})" not in text else text
        for name, ydernummer in self.practices.items():
            text = text.replace(f" {ydernummer}", f" {name} ({ydernummer})")
        return text

    def next_ydernummer(self) -> str:
        return f"{100001 + len(self.practices):06d}"

    def next_cpr(self, birth: date) -> str:
        """A made-up CPR number for a person the feature gives no number (serial 4xxx)."""
        serial = 4000 + len(self.persons) * 2 + 1
        digit7 = "0" if birth.year < 2000 else "4"
        return f"{birth:%d%m%y}{digit7}{str(serial)[1:]}"


class KeepsLog:
    """The scenario's log of what was asked and what the system decided, for the living
    documentation (each driver sets ``names``, ``log`` and ``last``): one entry per action,
    decision subjects with the feature's names in place of CPR and ydernumre."""

    names: Names
    log: list[dict[str, Any]]
    last: Outcome | None

    def note(self, outcome: Outcome, decisions: list[DecisionRecord]) -> None:
        self.last = outcome
        self.log.append(
            {
                "action": outcome.action,
                "accepted": outcome.accepted,
                "code": outcome.code,
                "message_da": outcome.message_da,
                "message_en": outcome.message_en,
                "decisions": [
                    record.to_dict() | {"subject": self.names.humanise(record.subject)}
                    for record in decisions
                ],
            }
        )


class ReadsCases:
    """What both drivers derive from a person's cases (each driver supplies ``cases`` and
    ``names``): the tasks about the person and the letters written to them."""

    names: Names

    def cases(self, who: str) -> list[dict[str, Any]]:
        raise NotImplementedError

    def tasks_about(self, who: str) -> list[dict[str, Any]]:
        """Every task (open or done) on the person's cases that concerns the person."""
        cpr = self.names.cpr(who)
        found = {task["task_id"]: task for case in self.cases(who) for task in case["tasks"]}
        return [task for task in found.values() if task["cpr"] in (cpr, None)]

    def letters_to(self, who: str) -> list[dict[str, Any]]:
        """Every letter written to the person, over all their cases."""
        cpr = self.names.cpr(who)
        found = {
            letter["letter_id"]: letter
            for case in self.cases(who)
            for letter in case["letters"]
            if letter["recipient_cpr"] == cpr
        }
        return [found[key] for key in sorted(found)]
