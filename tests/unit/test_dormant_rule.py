"""Hvilende sikring: entering after a stay of at least dormantStayMinMonths, and returning
(SPEC 2.1, 3.4, 3.5.1; BEK 23/2007)."""

from __future__ import annotations

from datetime import date

import pytest

from sandbox.domain.parameters import Parameters
from sandbox.domain.rules.dormant import (
    StayFacts,
    StayKind,
    decide_entry,
    decide_return,
    refuse_status,
    stay_counted_from,
)
from sandbox.parameters import default_parameters


@pytest.fixture(scope="module")
def parameters() -> Parameters:
    return default_parameters()


@pytest.mark.parametrize(
    "kind", [StayKind.MILITARY_SERVICE, StayKind.SUBSTITUTE_SERVICE, StayKind.PRISON]
)
@pytest.mark.parametrize(
    ("start", "end", "allowed"),
    [
        (date(2025, 3, 1), date(2025, 5, 31), False),  # 2 months 30 days
        (date(2025, 3, 1), date(2025, 6, 1), True),  # exactly 3 months
        (date(2025, 3, 1), date(2025, 6, 2), True),
        (date(2024, 11, 30), date(2025, 2, 27), False),
        (date(2024, 11, 30), date(2025, 2, 28), True),  # clamped to February's end
    ],
)
def test_a_stay_of_three_months_or_more_makes_the_insurance_dormant(
    parameters: Parameters, kind: StayKind, start: date, end: date, allowed: bool
) -> None:
    decision = decide_entry(StayFacts(kind, start, end), parameters)
    assert decision.allowed is allowed
    code = "DORMANT_STAY_LONG_ENOUGH" if allowed else "DORMANT_STAY_TOO_SHORT"
    assert decision.codes == (code,)
    assert decision.reasons[0].parameters[0].name == "dormantStayMinMonths"


@pytest.mark.parametrize(
    ("judgment", "end", "allowed"),
    [
        (date(2025, 4, 1), date(2025, 6, 30), False),
        (date(2025, 4, 1), date(2025, 7, 1), True),
    ],
)
def test_remand_counts_from_the_final_judgment(
    parameters: Parameters, judgment: date, end: date, allowed: bool
) -> None:
    facts = StayFacts(StayKind.REMAND, date(2025, 1, 1), end, judgment)
    assert stay_counted_from(facts) == judgment
    assert decide_entry(facts, parameters).allowed is allowed


def test_remand_without_a_final_judgment_is_not_dormant(parameters: Parameters) -> None:
    facts = StayFacts(StayKind.REMAND, date(2025, 1, 1), date(2026, 1, 1))
    assert stay_counted_from(facts) is None
    assert decide_entry(facts, parameters).codes == ("DORMANT_NO_FINAL_JUDGMENT",)


def test_an_end_on_or_before_the_start_is_refused(parameters: Parameters) -> None:
    facts = StayFacts(StayKind.PRISON, date(2025, 3, 1), date(2025, 3, 1))
    assert decide_entry(facts, parameters).codes == ("DORMANT_END_BEFORE_START",)


def test_the_minimum_is_the_parameter_in_force_on_the_start(parameters: Parameters) -> None:
    longer = parameters.with_values(
        {"dormantStayMinMonths": {date(2007, 1, 1): 3, date(2025, 1, 1): 6}}
    )
    facts = StayFacts(StayKind.MILITARY_SERVICE, date(2025, 3, 1), date(2025, 6, 1))
    assert not decide_entry(facts, longer).allowed
    before = StayFacts(StayKind.MILITARY_SERVICE, date(2024, 3, 1), date(2024, 6, 1))
    assert decide_entry(before, longer).allowed


def test_the_texts_are_danish_with_danish_dates(parameters: Parameters) -> None:
    facts = StayFacts(StayKind.MILITARY_SERVICE, date(2025, 3, 1), date(2025, 5, 31))
    text = decide_entry(facts, parameters).reasons[0].text("da")
    assert "1. marts 2025" in text and "31. maj 2025" in text and "3 måneder" in text
    assert "2025-" not in text


@pytest.mark.parametrize(
    ("on", "allowed"),
    [(date(2025, 3, 1), False), (date(2025, 3, 2), True), (date(2025, 12, 1), True)],
)
def test_a_return_lies_after_the_start(on: date, allowed: bool) -> None:
    decision = decide_return(date(2025, 3, 1), on, 1)
    assert decision.allowed is allowed
    assert decision.codes == (("DORMANT_ENDS",) if allowed else ("DORMANT_RETURN_BEFORE_START",))


@pytest.mark.parametrize("code", ["NOT_INSURED", "ALREADY_DORMANT", "NOT_DORMANT"])
def test_status_refusals_have_their_code_and_danish_text(code: str) -> None:
    decision = refuse_status(code, date(2025, 3, 1), date(2025, 1, 1))
    assert not decision.allowed and decision.codes == (code,)
    assert "2025-" not in decision.reasons[0].text("da")
