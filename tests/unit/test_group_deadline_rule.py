"""Group 1 when no group is chosen within groupChoiceDeadlineDays after moving in (SPEC 2.2)."""

from __future__ import annotations

from datetime import date

import pytest

from sandbox.domain.parameters import Parameters
from sandbox.domain.rules.group_deadline import choose_by, decide_default_group
from sandbox.parameters import default_parameters

MOVED_IN = date(2025, 4, 9)


@pytest.fixture(scope="module")
def parameters() -> Parameters:
    return default_parameters()


def test_the_last_day_to_choose_is_14_days_after_the_move(parameters: Parameters) -> None:
    assert choose_by(MOVED_IN, parameters) == date(2025, 4, 23)


@pytest.mark.parametrize(
    ("on", "placed"),
    [(MOVED_IN, False), (date(2025, 4, 23), False), (date(2025, 4, 24), True)],
)
def test_group_1_only_after_the_last_day(parameters: Parameters, on: date, placed: bool) -> None:
    decision = decide_default_group(MOVED_IN, on, parameters)
    assert decision.allowed is placed
    assert decision.reasons[0].parameters[0].name == "groupChoiceDeadlineDays"


def test_the_deadline_is_the_parameter_in_force_on_the_move(parameters: Parameters) -> None:
    shorter = parameters.with_values(
        {"groupChoiceDeadlineDays": {date(2007, 1, 1): 14, date(2025, 4, 10): 7}}
    )
    assert choose_by(MOVED_IN, shorter) == date(2025, 4, 23)
    assert choose_by(date(2025, 4, 10), shorter) == date(2025, 4, 17)


def test_the_reason_reads_as_danish(parameters: Parameters) -> None:
    decision = decide_default_group(MOVED_IN, date(2025, 4, 24), parameters)
    assert decision.text("da") == (
        "Der er ikke valgt sikringsgruppe senest 23. april 2025 (14 dage efter tilflytningen den "
        "9. april 2025). Borgeren er derfor i sikringsgruppe 1 fra tilflytningen."
    )
