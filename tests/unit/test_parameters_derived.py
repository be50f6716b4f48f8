"""`Parameters.derived`: a value derived from the parameters alone, made once per key and shared
(the day's charged card fee and the effective-date decision use it)."""

from __future__ import annotations

from datetime import date

import pytest

from sandbox.domain.errors import ParameterError
from sandbox.domain.model import Role
from sandbox.domain.rules.fee_regulation import card_fee
from sandbox.domain.rules.fees import GP, GROUP, FeeFacts, decide_fee
from sandbox.domain.rules.gp_choice import decide_effective_date
from sandbox.parameters import default_parameters

ON = date(2025, 3, 1)


def test_a_derived_value_is_made_once_per_key() -> None:
    parameters = default_parameters()
    made: list[str] = []

    def make(label: str) -> tuple[str, int]:
        made.append(label)
        return (label, len(made))

    first = parameters.derived(("rule", ON), lambda: make("first"))
    again = parameters.derived(("rule", ON), lambda: make("again"))
    other = parameters.derived(("rule", date(2025, 3, 2)), lambda: make("other"))
    assert first is again
    assert first == ("first", 1)
    assert other == ("other", 2)
    assert made == ["first", "other"]


def test_a_make_that_fails_keeps_nothing() -> None:
    parameters = default_parameters()

    def fails() -> int:
        parameters.use("noSuchParameter", ON)
        return 1

    with pytest.raises(ParameterError):
        parameters.derived(("failing", ON), fails)
    assert parameters.derived(("failing", ON), lambda: 2) == 2


def test_a_charged_fee_is_shared_by_the_day_and_equal_to_one_made_fresh() -> None:
    parameters = default_parameters()
    first = decide_fee(FeeFacts(ON), parameters)
    again = decide_fee(FeeFacts(ON), parameters)
    fresh = decide_fee(FeeFacts(ON), default_parameters())
    assert first is again
    assert first == fresh
    assert first.fee_dkk == card_fee(ON, parameters).fee
    assert first.reason_codes == ("CARD_FEE_CHARGED",)
    group = decide_fee(FeeFacts(ON, (), GROUP), parameters)
    assert group is not first and group.decision.reasons[0].text("en").startswith(
        "The change of group"
    )
    assert decide_fee(FeeFacts(ON, (), GP), parameters) is first


def test_the_effective_date_decision_depends_on_the_days_and_who_dates_back() -> None:
    parameters = default_parameters()
    today, yesterday = ON, date(2025, 2, 28)
    assert decide_effective_date(today, today, Role.CITIZEN, parameters).allowed
    back = decide_effective_date(yesterday, today, Role.CITIZEN, parameters)
    assert not back.allowed
    assert back.codes == ("EFFECTIVE_DATE_IN_PAST",)
    # the system may date a choice back: its answer is not the citizen's refusal
    assert decide_effective_date(yesterday, today, Role.SYSTEM, parameters).allowed
    assert decide_effective_date(yesterday, today, Role.CITIZEN, parameters) is back
