"""Does a practice event give its patients a new health card? (rules/practice_event_cards)"""

from __future__ import annotations

from datetime import date

import pytest

from sandbox.domain.decisions import ParameterUse
from sandbox.domain.practice_events import PracticeEvent, PracticeEventKind
from sandbox.domain.rules.practice_event_cards import decide_new_card
from sandbox.parameters.loader import default_parameters

ON = date(2025, 6, 1)


def _event(kind: PracticeEventKind, significant: bool = True) -> PracticeEvent:
    return PracticeEvent("PH1", "012345", kind, ON, date(2025, 4, 9), (), significant)


@pytest.mark.parametrize(
    ("kind", "significant", "new_card"),
    [
        (PracticeEventKind.TRANSFER, True, True),
        (PracticeEventKind.CHANGE, True, True),
        (PracticeEventKind.CHANGE, False, True),  # the clinic's name/phone is on the card too
        (PracticeEventKind.MERGE, True, True),
        (PracticeEventKind.CLOSURE, True, False),
        (PracticeEventKind.SPLIT, True, False),
    ],
)
def test_which_events_order_a_card_by_default(
    kind: PracticeEventKind, significant: bool, new_card: bool
) -> None:
    kinds = default_parameters().use("practiceEventNewCardKinds", ON)
    decision = decide_new_card(_event(kind, significant), kinds)
    assert decision.allowed is new_card
    assert decision.codes == (
        ("NEW_CARD_AFTER_PRACTICE_EVENT",) if new_card else ("NO_CARD_UNTIL_NEW_DOCTOR",)
    )
    assert decision.reasons[0].parameters == (kinds,)


def test_the_parameter_decides_the_kinds() -> None:
    only_transfers = ParameterUse("practiceEventNewCardKinds", ("transfer",), date(2007, 1, 1))
    assert decide_new_card(_event(PracticeEventKind.TRANSFER), only_transfers).allowed
    assert not decide_new_card(_event(PracticeEventKind.CHANGE), only_transfers).allowed


def test_the_decision_reads_as_danish() -> None:
    kinds = default_parameters().use("practiceEventNewCardKinds", ON)
    text = decide_new_card(_event(PracticeEventKind.TRANSFER), kinds).text("da")
    assert "overdragelse af praksis med ydernummer 012345 den 1. juni 2025" in text
    assert "uden gebyr" in text
