"""The health-card rule: physical card or skipped (opt-out), and the fee at its boundaries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sandbox.domain.dates import add_months
from sandbox.domain.parameters import Parameters
from sandbox.domain.rules.cards import (
    CardFacts,
    CardTrigger,
    StandaloneReason,
    decide_insured_for_card,
    fee_needs_history,
    may_order_for,
    plan_card,
)
from sandbox.parameters import default_parameters

ON = date(2025, 4, 9)


@pytest.fixture(scope="module")
def parameters() -> Parameters:
    return default_parameters()


def standalone(reason: StandaloneReason, **fields: object) -> CardFacts:
    return CardFacts(on=ON, trigger=CardTrigger.STANDALONE, standalone_reason=reason, **fields)  # type: ignore[arg-type]


# --- physical card and the opt-out -------------------------------------------------------------


@pytest.mark.parametrize("trigger", [t for t in CardTrigger if t is not CardTrigger.STANDALONE])
def test_an_automatic_order_is_skipped_for_an_opted_out_person(
    parameters: Parameters, trigger: CardTrigger
) -> None:
    plan = plan_card(CardFacts(ON, trigger, opted_out=True), parameters)
    assert not plan.physical
    assert plan.skipped_reason == "PHYSICAL_CARD_OPTED_OUT"
    assert plan.fee_dkk == 0
    assert plan.decision.codes == ("PHYSICAL_CARD_OPTED_OUT", "CARD_NOT_PRODUCED")
    assert "fravalgt" in plan.decision.text("da")


@pytest.mark.parametrize("trigger", [t for t in CardTrigger if t is not CardTrigger.STANDALONE])
def test_no_registration_means_no_opt_out(parameters: Parameters, trigger: CardTrigger) -> None:
    plan = plan_card(CardFacts(ON, trigger, opted_out=False), parameters)
    assert plan.physical
    assert plan.skipped_reason is None
    assert plan.decision.reasons[0].code == "PHYSICAL_CARD_ORDERED"


@pytest.mark.parametrize("opted_out", [False, True])
def test_a_standalone_order_always_makes_a_physical_card(
    parameters: Parameters, opted_out: bool
) -> None:
    facts = standalone(StandaloneReason.LOST, opted_out=opted_out)
    plan = plan_card(facts, parameters)
    assert plan.physical
    assert plan.decision.reasons[0].code == "STANDALONE_ALWAYS_PHYSICAL"


# --- fees --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "trigger",
    [
        CardTrigger.MOVE,
        CardTrigger.MOVE_IN,
        CardTrigger.NAMING,
        CardTrigger.RENUMBERING,
        CardTrigger.PRACTICE_EVENT,
    ],
)
def test_cards_on_moves_naming_renumbering_and_practice_events_are_free(
    parameters: Parameters, trigger: CardTrigger
) -> None:
    plan = plan_card(CardFacts(ON, trigger), parameters)
    assert plan.fee_dkk == 0
    assert plan.decision.codes[1] == f"FREE_{trigger.name}"


def test_the_card_in_a_gp_choice_carries_no_second_fee(parameters: Parameters) -> None:
    facts = CardFacts(ON, CardTrigger.GP_CHOICE, fee_on_trigger_case=True)
    plan = plan_card(facts, parameters)
    assert plan.physical and plan.fee_dkk == 0
    assert plan.decision.codes[1] == "FEE_ON_TRIGGERING_CASE"


def test_the_first_card_is_free(parameters: Parameters) -> None:
    plan = plan_card(standalone(StandaloneReason.OTHER, first_card=True), parameters)
    assert plan.fee_dkk == 0
    assert plan.decision.codes[1] == "FREE_FIRST_CARD"


@pytest.mark.parametrize(("on", "fee"), [(date(2024, 12, 31), 225), (date(2025, 1, 1), 230)])
def test_a_lost_card_costs_the_fee_of_the_order_year(
    parameters: Parameters, on: date, fee: int
) -> None:
    facts = CardFacts(on, CardTrigger.STANDALONE, standalone_reason=StandaloneReason.LOST)
    plan = plan_card(facts, parameters)
    assert plan.fee_dkk == fee
    reason = plan.decision.reasons[1]
    assert reason.code == "CARD_FEE" and reason.rule_id == "cards.fee"
    assert reason.parameters[0].name == "cardFeeDKK"
    assert reason.parameters[0].effective_from == date(on.year, 1, 1)
    assert str(fee) in plan.decision.text("da") and str(fee) in plan.decision.text("en")


@pytest.mark.parametrize(("age_days", "fee"), [(0, 230), (1, 0)])
def test_a_damaged_card_is_free_only_when_older_than_four_years(
    parameters: Parameters, age_days: int, fee: int
) -> None:
    ordered = add_months(ON, -48) - timedelta(days=age_days)  # age_days beyond exactly 4 years
    plan = plan_card(standalone(StandaloneReason.DAMAGED, last_card_ordered_on=ordered), parameters)
    assert plan.fee_dkk == fee


def test_a_damaged_card_of_unknown_age_costs_the_fee(parameters: Parameters) -> None:
    assert plan_card(standalone(StandaloneReason.DAMAGED), parameters).fee_dkk == 230


@pytest.mark.parametrize(("days", "fee"), [(60, 0), (61, 230)])
def test_a_card_never_received_is_free_within_60_days_of_its_order(
    parameters: Parameters, days: int, fee: int
) -> None:
    ordered = ON - timedelta(days=days)
    facts = standalone(StandaloneReason.NOT_RECEIVED, last_card_ordered_on=ordered)
    plan = plan_card(facts, parameters)
    assert plan.fee_dkk == fee
    if fee == 0:
        assert plan.decision.codes[1] == "FREE_NOT_RECEIVED"
        assert plan.decision.reasons[1].parameters[0].name == "cardNotReceivedFreeReorderDays"


@pytest.mark.parametrize(("married", "fee"), [(date(2025, 1, 9), 0), (date(2025, 1, 8), 230)])
def test_a_name_change_is_free_up_to_three_months_after_the_wedding(
    parameters: Parameters, married: date, fee: int
) -> None:
    plan = plan_card(standalone(StandaloneReason.NAME_CHANGE, married_on=married), parameters)
    assert plan.fee_dkk == fee


@pytest.mark.parametrize(("days", "fee"), [(30, 0), (31, 230)])
def test_a_group_change_is_free_in_the_move_window(
    parameters: Parameters, days: int, fee: int
) -> None:
    facts = CardFacts(ON, CardTrigger.GROUP_CHANGE, moved_in_on=ON - timedelta(days=days))
    assert plan_card(facts, parameters).fee_dkk == fee


def test_a_group_change_without_a_move_costs_the_fee(parameters: Parameters) -> None:
    assert plan_card(CardFacts(ON, CardTrigger.GROUP_CHANGE), parameters).fee_dkk == 230


def test_a_group_change_whose_case_has_a_fee_carries_none(parameters: Parameters) -> None:
    facts = CardFacts(ON, CardTrigger.GROUP_CHANGE, fee_on_trigger_case=True)
    assert plan_card(facts, parameters).fee_dkk == 0


# --- which facts a plan reads ------------------------------------------------------------------

# a person's history and the date, each as it makes a fee differ where the rule reads it
_HISTORIES = [
    {},
    {"first_card": True},
    {"moved_in_on": ON - timedelta(days=10)},
    {"last_card_ordered_on": ON - timedelta(days=10)},
    {"last_card_ordered_on": date(2015, 1, 1)},
    {"married_on": ON - timedelta(days=10)},
    {"on": date(2031, 6, 1)},
]


@pytest.mark.parametrize("trigger", list(CardTrigger))
@pytest.mark.parametrize("fee_on_trigger_case", [False, True])
@pytest.mark.parametrize("opted_out", [False, True])
@pytest.mark.parametrize("reason", [None, *StandaloneReason])
def test_a_plan_whose_fee_needs_no_history_is_the_same_whatever_the_history(
    parameters: Parameters,
    trigger: CardTrigger,
    fee_on_trigger_case: bool,
    opted_out: bool,
    reason: StandaloneReason | None,
) -> None:
    # `order_cards` reads neither the date nor the person's history for such a card
    def plan(history: dict[str, object]) -> object:
        facts = {"on": ON, "standalone_reason": reason, **history}
        return plan_card(
            CardFacts(
                trigger=trigger,
                opted_out=opted_out,
                fee_on_trigger_case=fee_on_trigger_case,
                **facts,  # type: ignore[arg-type]
            ),
            parameters,
        )

    plans = [plan(history) for history in _HISTORIES]
    if not fee_needs_history(trigger, fee_on_trigger_case):
        assert all(each == plans[0] for each in plans)
    elif not opted_out or trigger is CardTrigger.STANDALONE:
        assert any(each != plans[0] for each in plans)  # where it is read, it can matter


# --- who may order, and for whom ----------------------------------------------------------------


@pytest.mark.parametrize(("resident", "group", "allowed"), [
    (True, 1, True), (True, 2, True), (True, 8, False), (True, None, False), (False, 1, False),
])  # fmt: skip
def test_cards_are_for_residents_in_group_1_or_2(
    resident: bool, group: int | None, allowed: bool
) -> None:
    decision = decide_insured_for_card(resident, group, ON)
    assert decision.allowed is allowed
    assert decision.reasons[0].rule_id == "cards.insured"


@pytest.mark.parametrize(("actor", "age", "allowed"), [
    ("self", 40, True), ("parent", 17, True), ("parent", 18, False), ("stranger", 5, False),
])  # fmt: skip
def test_a_citizen_orders_for_themself_or_a_child_under_18(
    actor: str, age: int, allowed: bool
) -> None:
    assert may_order_for(actor, "self", ("parent",), age, 18) is allowed
