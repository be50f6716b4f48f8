"""The audit-log extract rule at its bounds: 30 vs 31 days, 6 months back vs one day more."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sandbox.domain.parameters import Parameters
from sandbox.domain.rules.audit_log import (
    AuditExtractFacts,
    decide_audit_extract,
    earliest_first_day,
)
from sandbox.parameters import default_parameters

TODAY = date(2025, 10, 15)


@pytest.fixture(scope="module")
def params() -> Parameters:
    return default_parameters()


def _decide(params: Parameters, start: date, end: date, on: date = TODAY) -> tuple[bool, str]:
    decision = decide_audit_extract(AuditExtractFacts(on, start, end), params)
    return decision.allowed, decision.reasons[0].code


def test_thirty_days_both_ends_included_are_allowed(params: Parameters) -> None:
    assert _decide(params, date(2025, 9, 1), date(2025, 9, 30)) == (
        True,
        "AUDIT_PERIOD_WITHIN_MAX_DAYS",
    )


def test_thirty_one_days_are_refused(params: Parameters) -> None:
    allowed, code = _decide(params, date(2025, 8, 1), date(2025, 8, 31))
    assert (allowed, code) == (False, "AUDIT_PERIOD_TOO_LONG")


def test_a_single_day_is_allowed(params: Parameters) -> None:
    assert _decide(params, TODAY, TODAY)[0]


def test_exactly_six_months_back_is_allowed(params: Parameters) -> None:
    start = date(2025, 4, 15)
    assert _decide(params, start, start + timedelta(days=29))[0]


def test_six_months_and_one_day_back_is_refused(params: Parameters) -> None:
    start = date(2025, 4, 14)
    assert _decide(params, start, start + timedelta(days=29)) == (False, "AUDIT_PERIOD_TOO_OLD")


def test_six_months_back_from_a_month_end_clamps_to_the_shorter_month(params: Parameters) -> None:
    on = date(2025, 8, 31)
    assert earliest_first_day(on, params) == date(2025, 2, 28)
    assert _decide(params, date(2025, 2, 28), date(2025, 2, 28), on)[0]
    assert not _decide(params, date(2025, 2, 27), date(2025, 2, 27), on)[0]


def test_a_reversed_period_is_refused(params: Parameters) -> None:
    assert _decide(params, date(2025, 10, 2), date(2025, 10, 1)) == (
        False,
        "AUDIT_PERIOD_REVERSED",
    )


def test_a_period_ending_after_today_is_refused(params: Parameters) -> None:
    assert _decide(params, TODAY, TODAY + timedelta(days=1)) == (False, "AUDIT_PERIOD_IN_FUTURE")


def test_the_reasons_carry_the_parameters_and_explain_in_danish(params: Parameters) -> None:
    decision = decide_audit_extract(
        AuditExtractFacts(TODAY, date(2025, 8, 1), date(2025, 8, 31)), params
    )
    used = {use.name: use.value for reason in decision.reasons for use in reason.parameters}
    assert used == {"auditLogMaxPeriodDays": 30, "auditLogMaxLookbackMonths": 6}
    assert "31 dage" in decision.text("da")
    assert "højst 30 dage" in decision.text("da")
