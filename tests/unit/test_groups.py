"""Unit tests for the group-change rules: windows by role at every edge, one-year rule, who."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sandbox.domain.model import Role
from sandbox.domain.rules.group_actor import decide_who_may_change
from sandbox.domain.rules.groups import (
    FIRST_CHOICE,
    FORCED_TRANSFER_TO_GROUP1,
    MOVE_FROM_GREENLAND,
    RENUMBERING_INHERITANCE,
    GroupChangeFacts,
    decide_forced_transfer,
    decide_group_change,
    decide_window,
    valid_from_window,
)
from sandbox.parameters import default_parameters

TODAY = date(2025, 4, 9)
P = default_parameters()


def facts(
    role: Role = Role.CASE_WORKER,
    valid_from: date = TODAY,
    current: int | None = 1,
    since: date | None = date(2020, 1, 1),
    group: int = 2,
    exemption: str | None = None,
    resident: bool = True,
) -> GroupChangeFacts:
    return GroupChangeFacts(TODAY, role, group, valid_from, current, since, exemption, resident)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


@pytest.mark.parametrize(
    ("offset", "allowed"),
    [(-15, False), (-14, True), (0, True), (30, True), (31, False)],
)
def test_case_worker_window_edges(offset: int, allowed: bool) -> None:
    decision = decide_group_change(facts(Role.CASE_WORKER, days(offset)), P)
    assert decision.allowed is allowed
    if not allowed:
        assert decision.refusal_code == "VALID_FROM_OUTSIDE_WINDOW"


@pytest.mark.parametrize(("offset", "allowed"), [(-1, False), (0, True), (30, True), (31, False)])
def test_citizen_window_edges(offset: int, allowed: bool) -> None:
    assert decide_group_change(facts(Role.CITIZEN, days(offset)), P).allowed is allowed


@pytest.mark.parametrize(
    ("valid_from", "allowed"),
    [
        (date(2024, 4, 8), False),  # one day more than a calendar year back
        (date(2024, 4, 9), True),  # exactly one calendar year back (366 days: leap year)
        (date(2026, 4, 9), True),  # exactly one calendar year ahead (365 days)
        (date(2026, 4, 10), False),
    ],
)
def test_special_rights_window_uses_calendar_years(valid_from: date, allowed: bool) -> None:
    assert decide_group_change(facts(Role.CASE_WORKER_SPECIAL, valid_from), P).allowed is allowed


def test_special_rights_window_spans_365_or_366_days() -> None:
    first, last, _ = valid_from_window(Role.CASE_WORKER_SPECIAL, TODAY, P)
    assert ((TODAY - first).days, (last - TODAY).days) == (365, 365)
    leap_today = date(2024, 4, 9)  # the year back holds 29 February 2024
    first, last, _ = valid_from_window(Role.CASE_WORKER_SPECIAL, leap_today, P)
    assert ((leap_today - first).days, (last - leap_today).days) == (366, 365)
    assert decide_window(Role.CASE_WORKER_SPECIAL, leap_today, date(2023, 4, 9), P).allowed
    assert not decide_window(Role.CASE_WORKER_SPECIAL, leap_today, date(2023, 4, 8), P).allowed


def test_municipal_admin_has_the_case_worker_window() -> None:
    assert decide_window(Role.MUNICIPAL_ADMIN, TODAY, days(-14), P).allowed
    assert not decide_window(Role.MUNICIPAL_ADMIN, TODAY, days(-15), P).allowed


def test_system_role_has_no_window() -> None:
    decision = decide_window(Role.SYSTEM, TODAY, TODAY, P)
    assert decision.refusal_code == "ROLE_MAY_NOT_CHANGE_GROUP"


def test_refusal_names_the_window_in_both_languages() -> None:
    decision = decide_group_change(facts(Role.CASE_WORKER, days(31)), P)
    da, en = decision.text("da"), decision.text("en")
    assert "26. marts 2025 til 9. maj 2025" in da
    assert "sagsbehandleren" in da
    assert "26 March 2025 to 9 May 2025" in en
    reason = decision.reasons[0]
    assert reason.parameters[0].name == "groupChangeValidFrom.caseWorker"
    assert reason.parameters[0].effective_from == date(2023, 11, 28)


def test_citizen_refusal_names_its_window() -> None:
    decision = decide_group_change(facts(Role.CITIZEN, days(-1)), P)
    assert "9. april 2025 til 9. maj 2025" in decision.text("da")
    assert "borgeren" in decision.text("da")


@pytest.mark.parametrize(
    ("since", "allowed"),
    [
        (date(2024, 4, 10), False),  # one day short of 12 calendar months
        (date(2024, 4, 9), True),  # exactly 12 calendar months
        (date(2024, 4, 8), True),
    ],
)
def test_one_year_rule(since: date, allowed: bool) -> None:
    decision = decide_group_change(facts(Role.CASE_WORKER, TODAY, 1, since), P)
    assert decision.allowed is allowed
    if not allowed:
        assert decision.refusal_code == "MIN_PERIOD_NOT_MET"
        assert "10. april 2025" in decision.text("da")  # the earliest possible date
        names = {use.name for reason in decision.reasons for use in reason.parameters}
        assert "minMonthsBetweenGroupChanges" in names


@pytest.mark.parametrize(
    "exemption", [FORCED_TRANSFER_TO_GROUP1, MOVE_FROM_GREENLAND, RENUMBERING_INHERITANCE]
)
def test_exemptions_lift_the_one_year_rule(exemption: str) -> None:
    decision = decide_group_change(
        facts(Role.CASE_WORKER, TODAY, 2, date(2025, 1, 1), group=1, exemption=exemption), P
    )
    assert decision.allowed
    assert "MIN_PERIOD_EXEMPT" in decision.codes


def test_unknown_exemption_does_not_lift_the_rule() -> None:
    decision = decide_group_change(
        facts(Role.CASE_WORKER, TODAY, 2, date(2025, 1, 1), group=1, exemption="WHIM"), P
    )
    assert decision.refusal_code == "MIN_PERIOD_NOT_MET"


def test_first_choice_is_exempt() -> None:
    decision = decide_group_change(facts(Role.CITIZEN, TODAY, None, None, group=1), P)
    assert decision.allowed
    reason = next(r for r in decision.reasons if r.code == "MIN_PERIOD_EXEMPT")
    assert dict(reason.fields)["exemption"] == FIRST_CHOICE


def test_exemption_list_is_a_dated_parameter() -> None:
    without = P.with_values({"groupChangeMinPeriodExemptions": {date(2023, 11, 28): ()}})
    decision = decide_group_change(
        facts(Role.CASE_WORKER, TODAY, 2, date(2025, 1, 1), group=1, exemption=MOVE_FROM_GREENLAND),
        without,
    )
    assert decision.refusal_code == "MIN_PERIOD_NOT_MET"


@pytest.mark.parametrize("group", [0, 3, 8, 9])
def test_only_groups_1_and_2_can_be_chosen(group: int) -> None:
    decision = decide_group_change(facts(group=group), P)
    assert decision.refusal_code == "GROUP_NOT_CHOOSABLE"


def test_same_group_is_refused() -> None:
    assert decide_group_change(facts(group=1, current=1), P).refusal_code == "ALREADY_IN_GROUP"


def test_non_resident_is_refused() -> None:
    assert decide_group_change(facts(resident=False), P).refusal_code == "NOT_RESIDENT"


def test_window_is_checked_before_the_one_year_rule() -> None:
    decision = decide_group_change(facts(Role.CITIZEN, days(40), 1, date(2025, 1, 1)), P)
    assert decision.refusal_code == "VALID_FROM_OUTSIDE_WINDOW"


def test_forced_transfer_only_from_group_2() -> None:
    base = facts(Role.CASE_WORKER, TODAY, 1, date(2025, 1, 1), 1, FORCED_TRANSFER_TO_GROUP1)
    assert decide_forced_transfer(base, P).refusal_code == "NOT_IN_GROUP_2"
    from_2 = facts(Role.CASE_WORKER, TODAY, 2, date(2025, 1, 1), 1, FORCED_TRANSFER_TO_GROUP1)
    assert decide_forced_transfer(from_2, P).allowed


@pytest.mark.parametrize(
    ("role", "self_", "holder", "age", "allowed"),
    [
        (Role.CITIZEN, True, False, 15, True),
        (Role.CITIZEN, True, False, 14, False),
        (Role.CITIZEN, False, True, 14, True),
        (Role.CITIZEN, False, True, 15, False),
        (Role.CITIZEN, False, False, 10, False),
        (Role.CASE_WORKER, False, False, 10, True),
    ],
)
def test_who_may_change(role: Role, self_: bool, holder: bool, age: int, allowed: bool) -> None:
    assert decide_who_may_change(role, self_, holder, age, TODAY, P).allowed is allowed


def test_leap_day_window_for_special_rights() -> None:
    first, last, _ = valid_from_window(Role.CASE_WORKER_SPECIAL, date(2024, 2, 29), P)
    assert (first, last) == (date(2023, 2, 28), date(2025, 2, 28))
