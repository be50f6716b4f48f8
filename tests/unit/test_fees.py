"""Fees and free changes: each window free on its last day and charged the day after."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from sandbox.domain.decisions import Reason
from sandbox.domain.parameters import Parameters
from sandbox.domain.rules import fees
from sandbox.domain.rules.closed_doctor import birthday
from sandbox.domain.rules.fees import FeeFacts, decide_fee
from sandbox.parameters import default_parameters

START = date(2025, 3, 1)


@pytest.fixture(scope="module")
def parameters() -> Parameters:
    return default_parameters()


def days(parameters: Parameters, name: str) -> int:
    return int(parameters.value(name, START))


Window = Callable[[date | None, date, Parameters], Reason | None]


@pytest.mark.parametrize(
    ("trigger", "parameter", "code"),
    [
        (fees.after_move, "freeChoiceAfterMoveDays", "FREE_AFTER_MOVE"),
        (fees.after_renumbering, "freeChoiceAfterRenumberingDays", "FREE_AFTER_RENUMBERING"),
        (fees.after_dormant, "freeChoiceAfterDormantDays", "FREE_AFTER_DORMANT"),
    ],
)
def test_window_edges(parameters: Parameters, trigger: Window, parameter: str, code: str) -> None:
    n = days(parameters, parameter)
    last = START + timedelta(days=n)
    assert trigger(START, START - timedelta(days=1), parameters) is None
    first_day = trigger(START, START, parameters)
    assert first_day is not None and first_day.code == code
    last_day = trigger(START, last, parameters)
    assert last_day is not None and last_day.code == code
    assert trigger(START, last + timedelta(days=1), parameters) is None
    assert trigger(None, START, parameters) is None
    assert parameter in {use.name for use in last_day.parameters}
    assert last.isoformat() in last_day.text("da") and last.isoformat() in last_day.text("en")


def test_turning_15_window(parameters: Parameters) -> None:
    age = days(parameters, "age.independentChoice")
    n = days(parameters, "freeChoiceAfterAge15Days")
    born = date(2010, 3, 1)
    fifteenth = birthday(born, age)
    assert fees.after_age_15(born, fifteenth - timedelta(days=1), parameters) is None
    assert fees.after_age_15(born, fifteenth, parameters) is not None
    reason = fees.after_age_15(born, fifteenth + timedelta(days=n), parameters)
    assert reason is not None and reason.code == "FREE_AFTER_AGE_15"
    assert fees.after_age_15(born, fifteenth + timedelta(days=n + 1), parameters) is None


def test_first_card(parameters: Parameters) -> None:
    reason = fees.first_card(False, False, START)
    assert reason is not None and reason.code == "FREE_FIRST_CARD"
    assert fees.first_card(True, False, START) is None
    assert fees.first_card(False, True, START) is None


def test_child_follows_parent_until_the_independent_age(parameters: Parameters) -> None:
    age = days(parameters, "age.independentChoice")
    born = date(2010, 3, 1)
    fifteenth = birthday(born, age)
    before = fees.child_follows_parent(born, "Mor", fifteenth - timedelta(days=1), parameters)
    assert before is not None and before.code == "FREE_CHILD_FOLLOWS_PARENT"
    assert fees.child_follows_parent(born, "Mor", fifteenth, parameters) is None


@pytest.mark.parametrize("on", [date(2024, 12, 31), date(2025, 1, 1), date(2023, 6, 1)])
def test_the_fee_is_the_card_fee_of_the_effective_dates_year(
    parameters: Parameters, on: date
) -> None:
    fee = decide_fee(FeeFacts(on), parameters)
    assert fee.fee_dkk == parameters.value("cardFeeDKK", on) and not fee.free
    assert fee.reason_codes == ("CARD_FEE_CHARGED",)
    reason = fee.decision.reasons[0]
    assert str(on.year) in reason.text("da") and str(fee.fee_dkk) in reason.text("en")
    assert reason.parameters[0].name == "cardFeeDKK"


def test_a_trigger_makes_the_change_free(parameters: Parameters) -> None:
    reason = fees.after_move(START, START, parameters)
    assert reason is not None
    fee = decide_fee(FeeFacts(START, (reason,)), parameters)
    assert fee.free and fee.fee_dkk == 0 and fee.reason_codes == ("FREE_AFTER_MOVE",)
