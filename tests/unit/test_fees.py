"""Fees and free changes: each window free on its last day and charged the day after."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from sandbox.domain.danish import date_da, date_en
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
    assert date_da(last) in last_day.text("da") and date_en(last) in last_day.text("en")


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


# --- the triggers release 1.1's gaps added (ahead of a move, administrative, group changes) ---


def test_a_choice_ahead_of_a_move_is_free(parameters: Parameters) -> None:
    reason = fees.with_move(date(2025, 4, 19), "P. Madsens Gang 8", START, parameters)
    assert reason.code == "FREE_WITH_MOVE" and "P. Madsens Gang 8" in reason.text("da")
    assert reason.parameters[0].name == "freeChoiceAfterMoveDays"


def test_an_administrative_assignment_is_free() -> None:
    reason = fees.administrative_assignment(date(2025, 4, 23), date(2025, 4, 24))
    assert reason.code == "FREE_ADMINISTRATIVE_ASSIGNMENT" and "23 April 2025" in reason.text("en")


@pytest.mark.parametrize(
    ("reason", "free"),
    [
        ("FORCED_TRANSFER_TO_GROUP1", True),
        ("MOVE_FROM_GREENLAND", True),
        ("RENUMBERING_INHERITANCE", True),
        ("CHANGE", False),
        ("FIRST_CHOICE", False),
    ],
)
def test_group_changes_the_citizen_did_not_ask_for_are_free(reason: str, free: bool) -> None:
    found = fees.group_change_exempt(reason, START)
    assert (found is not None) is free
    if found is not None:
        assert found.code == f"FREE_GROUP_CHANGE_{reason}"


def test_a_charged_group_change_says_group_change(parameters: Parameters) -> None:
    fee = decide_fee(FeeFacts(date(2024, 6, 1), change=fees.GROUP), parameters)
    assert fee.fee_dkk == 225 and fee.reason_codes == ("CARD_FEE_CHARGED",)
    assert fee.decision.text("da").startswith("Gruppeskiftet koster")
    assert fee.decision.text("en").startswith("The change of group costs")


def test_the_card_rule_asks_the_fee_triggers(parameters: Parameters) -> None:
    from sandbox.domain.rules.cards import CardFacts, CardTrigger, StandaloneReason, plan_card

    on = date(2025, 4, 9)
    married = on - timedelta(days=10)
    facts = CardFacts(
        on,
        CardTrigger.STANDALONE,
        standalone_reason=StandaloneReason.NAME_CHANGE,
        married_on=married,
    )
    card_reason = plan_card(facts, parameters).decision.reasons[1]
    assert card_reason == fees.name_change_after_marriage(married, on, parameters)
    moved = CardFacts(on, CardTrigger.GROUP_CHANGE, moved_in_on=on)
    assert plan_card(moved, parameters).decision.reasons[1] == fees.after_move(on, on, parameters)
