"""The free-choice rule of SPEC 4.4, pure: facts in, Reason (or None) out."""

from __future__ import annotations

from datetime import date

import pytest

from sandbox.domain.errors import ParameterError
from sandbox.domain.parameters import Parameters
from sandbox.domain.practice_events import PracticeEvent, PracticeEventKind
from sandbox.domain.rules.practice_events import (
    FreeOfferFacts,
    assess,
    free_offer,
    free_period_end,
    registration_decision,
)
from sandbox.parameters import default_parameters

PARAMS = default_parameters()
A, B, C = "100001", "100002", "100003"


def event(
    event_id: str,
    kind: PracticeEventKind = PracticeEventKind.TRANSFER,
    effective: date = date(2025, 5, 15),
    registered: date = date(2025, 4, 9),
    yder: str = A,
    **fields: object,
) -> PracticeEvent:
    return PracticeEvent(event_id, yder, kind, effective, registered, **fields)  # type: ignore[arg-type]


def offer(
    on: date, *events: PracticeEvent, listed: tuple[str, ...] = (A,), params: Parameters = PARAMS
) -> dict[str, object] | None:
    reason = free_offer(FreeOfferFacts(on, listed, events, {A: "Lægehuset A"}), params)
    return None if reason is None else dict(reason.fields)


@pytest.mark.parametrize(
    ("effective", "end"),
    [
        (date(2025, 5, 15), date(2025, 6, 30)),
        (date(2021, 1, 1), date(2021, 2, 28)),
        (date(2025, 12, 10), date(2026, 1, 31)),
        (date(2024, 1, 31), date(2024, 2, 29)),
        (date(2025, 6, 30), date(2025, 7, 31)),
    ],
)
def test_free_period_ends_on_the_last_day_of_the_month_after_the_effective_month(
    effective: date, end: date
) -> None:
    last, use = free_period_end(effective, PARAMS)
    assert last == end
    assert use.name == "practiceEventFreePeriodEnd"


def test_the_window_runs_from_registration_to_the_free_period_end_both_included() -> None:
    transfer = event("PH1")
    assert offer(date(2025, 4, 8), transfer) is None
    assert offer(date(2025, 4, 9), transfer) is not None
    assert offer(date(2025, 6, 30), transfer) is not None
    assert offer(date(2025, 7, 1), transfer) is None


def test_the_offer_names_event_window_and_parameters_in_danish_and_english() -> None:
    reason = free_offer(FreeOfferFacts(date(2025, 5, 1), (A,), (event("PH1"),)), PARAMS)
    assert reason is not None
    assert reason.rule_id == "practice_events.free_offer"
    assert reason.code == "PRACTICE_EVENT_FREE_CHOICE"
    assert "overdragelse" in reason.text("da") and "30. juni 2025" in reason.text("da")
    assert "transfer" in reason.text("en") and "30 June 2025" in reason.text("en")
    body = reason.to_dict()
    assert body["parameters"][0]["name"] == "practiceEventFreePeriodEnd"
    assert body["parameters"][0]["effective_from"] == "2007-01-01"
    assert "SPEC" in reason.source


@pytest.mark.parametrize(
    "kind", [PracticeEventKind.TRANSFER, PracticeEventKind.CLOSURE, PracticeEventKind.SPLIT]
)
def test_transfer_closure_and_split_always_give_a_free_choice(kind: PracticeEventKind) -> None:
    assert offer(date(2025, 5, 1), event("PH1", kind)) is not None


def test_a_minor_change_gives_no_offer_a_significant_one_does() -> None:
    minor = event("PH1", PracticeEventKind.CHANGE, significant_for_patients=False)
    major = event("PH2", PracticeEventKind.CHANGE, significant_for_patients=True)
    assert offer(date(2025, 5, 1), minor) is None
    assert offer(date(2025, 5, 1), major) is not None
    generous = PARAMS.with_values({"minorChangeGivesFreeChoice": {date(2007, 1, 1): True}})
    assert offer(date(2025, 5, 1), minor, params=generous) is not None


def test_a_merge_follows_merge_gives_free_choice() -> None:
    merge = event("PH1", PracticeEventKind.MERGE)
    assert offer(date(2025, 5, 1), merge) is not None
    strict = PARAMS.with_values({"mergeGivesFreeChoice": {date(2007, 1, 1): False}})
    assert offer(date(2025, 5, 1), merge, params=strict) is None


def test_a_minor_change_does_not_hide_a_later_significant_event() -> None:
    minor = event("PH1", PracticeEventKind.CHANGE, date(2025, 5, 1), significant_for_patients=False)
    transfer = event("PH2", effective=date(2025, 6, 1))
    chosen = offer(date(2025, 5, 2), minor, transfer)
    assert chosen is not None and chosen["event_id"] == "PH2"


def test_two_concurrent_events_the_earliest_effective_gives_the_offer() -> None:
    later_registered_earlier_effect = event(
        "PH2", effective=date(2025, 5, 15), registered=date(2025, 4, 20)
    )
    earlier_registered_later_effect = event(
        "PH1", PracticeEventKind.CHANGE, effective=date(2025, 6, 10)
    )
    events = (earlier_registered_later_effect, later_registered_earlier_effect)
    before = offer(date(2025, 4, 15), *events)
    assert before is not None and before["event_id"] == "PH1"  # PH2 not registered yet
    during = offer(date(2025, 5, 1), *events)
    assert during is not None and during["event_id"] == "PH2"
    assert during["free_until"] == "2025-06-30"
    after = offer(date(2025, 7, 1), *events)  # PH2's window has ended; PH1's runs to 31 July
    assert after is not None and after["event_id"] == "PH1" and after["free_until"] == "2025-07-31"
    assert offer(date(2025, 8, 1), *events) is None


def test_ties_on_effective_date_go_to_the_earliest_registered() -> None:
    first = event("PH9", registered=date(2025, 4, 1))
    second = event("PH1", PracticeEventKind.CHANGE, registered=date(2025, 4, 5))
    chosen = free_offer(FreeOfferFacts(date(2025, 5, 1), (A,), (second, first)), PARAMS)
    assert chosen is not None and dict(chosen.fields)["event_id"] == "PH9"
    assert "multipleEventsRule" in [use.name for use in chosen.parameters]
    assert "2 samtidige" in chosen.text("da")


def test_a_cancelled_event_is_ignored_and_the_next_one_gives_the_offer() -> None:
    first = event("PH1", cancelled=True)
    second = event("PH2", PracticeEventKind.CHANGE, effective=date(2025, 6, 10))
    chosen = offer(date(2025, 5, 1), first, second)
    assert chosen is not None and chosen["event_id"] == "PH2"


def test_events_of_a_successor_concern_the_citizens_of_the_practice() -> None:
    transfer = event("PH1", effective=date(2025, 6, 1), successors=(B,))
    successor_change = event("PH2", PracticeEventKind.CHANGE, effective=date(2025, 5, 20), yder=B)
    chosen = offer(date(2025, 5, 1), transfer, successor_change)
    assert chosen is not None and chosen["event_id"] == "PH2"
    unrelated = event("PH3", yder=C, effective=date(2025, 5, 1))
    chosen = offer(date(2025, 5, 1), unrelated, transfer)
    assert chosen is not None and chosen["event_id"] == "PH1"


def test_no_offer_for_a_citizen_not_listed_at_a_concerned_practice() -> None:
    assert offer(date(2025, 5, 1), event("PH1"), listed=(C,)) is None
    assert offer(date(2025, 5, 1), event("PH1"), listed=()) is None


def test_an_unknown_rule_value_is_a_parameter_error() -> None:
    odd = PARAMS.with_values({"practiceEventFreePeriodEnd": {date(2007, 1, 1): "never"}})
    with pytest.raises(ParameterError):
        offer(date(2025, 5, 1), event("PH1"), params=odd)
    odd = PARAMS.with_values({"multipleEventsRule": {date(2023, 11, 28): "last"}})
    with pytest.raises(ParameterError):
        offer(date(2025, 5, 1), event("PH1"), event("PH2"), params=odd)


def test_the_registration_decision_explains_the_handling() -> None:
    transfer = registration_decision(assess(event("PH1"), date(2025, 4, 9), PARAMS))
    assert transfer.codes == ("ONE_CASE_IN_YDER_MUNICIPALITY", "FREE_PERIOD")
    closure = registration_decision(
        assess(event("PH2", PracticeEventKind.CLOSURE), date(2025, 4, 9), PARAMS)
    )
    assert closure.codes == ("CASE_PER_MUNICIPALITY", "FREE_PERIOD")
    minor = event("PH3", PracticeEventKind.CHANGE, significant_for_patients=False)
    decision = registration_decision(assess(minor, date(2025, 4, 9), PARAMS))
    assert decision.codes[1] == "PRACTICE_EVENT_NO_FREE_CHOICE"
    assert "minorChangeGivesFreeChoice" in str(decision.to_dict())


@pytest.mark.parametrize(
    ("rule", "effective", "last"),
    [
        ("end_of_month_following_effective_month", date(2025, 5, 15), date(2025, 6, 30)),
        ("one_month_after_effective", date(2025, 5, 15), date(2025, 6, 15)),
        ("one_month_after_effective", date(2025, 1, 31), date(2025, 2, 28)),
    ],
)
def test_both_readings_of_the_free_period_work(rule: str, effective: date, last: date) -> None:
    """SPEC 12 open point 8: the sources conflict, so practiceEventFreePeriodEnd has two rules."""
    chosen = default_parameters().with_values(
        {"practiceEventFreePeriodEnd": {date(2007, 1, 1): rule}}
    )
    end, use = free_period_end(effective, chosen)
    assert end == last and use.value == rule
