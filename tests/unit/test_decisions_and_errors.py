"""Decisions explain themselves; errors carry stable codes and messages in both languages."""

from __future__ import annotations

import pickle
from datetime import date

from sandbox.domain.decisions import Decision, ParameterUse, Reason
from sandbox.domain.errors import InvalidCpr, RuleRefused, UnknownPractice

REASON = Reason(
    "gp_choice.closed_practice",
    "PRACTICE_CLOSED",
    "{practice} er lukket for tilgang.",
    "{practice} is closed for new patients.",
    "SPEC 3.4",
    (("practice", "Lægehuset Nord"),),
    (ParameterUse("minOpenPracticesWithinLimit", 2, date(2007, 1, 1)),),
)


def test_a_refusal_names_its_rule_code_source_and_parameters_in_both_languages() -> None:
    decision = Decision.refuse(REASON)
    body = decision.to_dict()
    assert body["allowed"] is False
    assert body["refusal_code"] == "PRACTICE_CLOSED"
    reason = body["reasons"][0]
    assert reason["rule_id"] == "gp_choice.closed_practice"
    assert reason["text_da"] == "Lægehuset Nord er lukket for tilgang."
    assert reason["text_en"] == "Lægehuset Nord is closed for new patients."
    assert reason["source"] == "SPEC 3.4"
    assert reason["parameters"] == [
        {"name": "minOpenPracticesWithinLimit", "value": 2, "effective_from": "2007-01-01"}
    ]


def test_rule_refused_carries_the_decision_and_its_code() -> None:
    error = RuleRefused(Decision.refuse(REASON))
    assert error.code == "RULE_REFUSED"
    assert error.refusal_code == "PRACTICE_CLOSED"
    assert "lukket" in error.message_da and "closed" in error.message_en
    assert error.to_dict()["decision"]["reasons"][0]["code"] == "PRACTICE_CLOSED"


class _Shown:
    """A field that counts how often a text shows it."""

    def __init__(self) -> None:
        self.times = 0

    def __str__(self) -> str:
        self.times += 1
        return "Lægehuset Syd"


def test_a_refusal_renders_its_texts_when_first_read_and_reads_as_every_error() -> None:
    practice = _Shown()
    reason = Reason(
        "gp_choice.closed_practice",
        "PRACTICE_CLOSED",
        "{p} er lukket.",
        "{p} is closed.",
        "SPEC 3.4",
        (("p", practice),),
    )
    error = RuleRefused(Decision.refuse(reason))
    assert practice.times == 0  # counted by code (the simulator) without a text
    assert str(error) == error.message_en == "Refused: Lægehuset Syd is closed."
    assert error.message_da == "Afvist: Lægehuset Syd er lukket."
    assert practice.times == 2  # once per language, then kept
    assert error.args == ("Refused: Lægehuset Syd is closed.",)
    assert repr(error) == "RuleRefused('Refused: Lægehuset Syd is closed.')"
    assert error.fields == {
        "rule_id": "gp_choice.closed_practice",
        "reason_da": "Lægehuset Syd er lukket.",
        "reason_en": "Lægehuset Syd is closed.",
    }
    assert practice.times == 2
    copied = pickle.loads(pickle.dumps(RuleRefused(Decision.refuse(REASON))))
    assert copied.to_dict() == RuleRefused(Decision.refuse(REASON)).to_dict()


def test_errors_have_stable_codes_and_both_messages() -> None:
    error = InvalidCpr(value="123", reason_da="for kort", reason_en="too short")
    assert error.to_dict() == {
        "code": "INVALID_CPR",
        "message_da": "CPR-nummeret '123' er ugyldigt: for kort",
        "message_en": "The CPR number '123' is invalid: too short",
        "fields": {"value": "123", "reason_da": "for kort", "reason_en": "too short"},
    }
    assert UnknownPractice(value="999999").kind == "not_found"
