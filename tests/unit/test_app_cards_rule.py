"""Sundhedskort-appen shows a parent a child's card until age.appShowsChildrenUntil (SPEC 3.7,
6.3)."""

from __future__ import annotations

from datetime import date

import pytest

from sandbox.domain.parameters import Parameters
from sandbox.domain.rules.app_cards import age_on, decide_app_shows_child
from sandbox.parameters import default_parameters

BORN = date(2010, 6, 1)


@pytest.fixture(scope="module")
def parameters() -> Parameters:
    return default_parameters()


@pytest.mark.parametrize(
    ("on", "shown"),
    [
        (date(2025, 5, 31), True),  # 14 years and 364 days
        (date(2025, 6, 1), False),  # the 15th birthday
        (date(2024, 6, 1), True),
        (date(2030, 1, 1), False),
    ],
)
def test_the_card_is_shown_until_the_15th_birthday(
    parameters: Parameters, on: date, shown: bool
) -> None:
    decision = decide_app_shows_child(BORN, on, parameters)
    assert decision.allowed is shown
    assert decision.codes == (("APP_SHOWS_CHILD",) if shown else ("APP_CHILD_TOO_OLD",))
    assert decision.reasons[0].parameters[0].name == "age.appShowsChildrenUntil"


def test_a_leap_day_child_turns_15_on_1_march(parameters: Parameters) -> None:
    born = date(2012, 2, 29)
    assert age_on(born, date(2027, 2, 28)) == 14
    assert decide_app_shows_child(born, date(2027, 2, 28), parameters).allowed
    assert not decide_app_shows_child(born, date(2027, 3, 1), parameters).allowed


def test_the_age_is_the_parameter_in_force_on_the_day(parameters: Parameters) -> None:
    older = parameters.with_values(
        {"age.appShowsChildrenUntil": {date(2021, 6, 1): 15, date(2026, 1, 1): 18}}
    )
    assert not decide_app_shows_child(BORN, date(2025, 12, 31), older).allowed
    assert decide_app_shows_child(BORN, date(2026, 1, 1), older).allowed


def test_the_text_is_danish_and_names_no_birthday_it_cannot_know(parameters: Parameters) -> None:
    text = decide_app_shows_child(BORN, date(2026, 7, 1), parameters).reasons[0].text("da")
    assert "Den 1. juli 2026 er barnet 16 år" in text and "fylder 15 år" in text
    assert "2026-" not in text and "age." not in text
