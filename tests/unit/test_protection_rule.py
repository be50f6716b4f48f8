"""Navne- og adressebeskyttelse lapsing after its period (SPEC 5.7, 10)."""

from __future__ import annotations

from datetime import date

import pytest

from sandbox.domain.parameters import Parameters
from sandbox.domain.rules.protection import decide_lapse, lapses_on
from sandbox.parameters import default_parameters


@pytest.fixture(scope="module")
def parameters() -> Parameters:
    return default_parameters()


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2024, 4, 9), date(2025, 4, 9)),
        (date(2024, 2, 29), date(2025, 2, 28)),  # a shorter month's end
        (date(2023, 12, 31), date(2024, 12, 31)),
    ],
)
def test_a_protection_lapses_after_its_period(
    parameters: Parameters, start: date, expected: date
) -> None:
    assert lapses_on(start, parameters) == expected


def test_cprs_own_end_date_wins(parameters: Parameters) -> None:
    assert lapses_on(date(2024, 4, 9), parameters, date(2026, 1, 1)) == date(2026, 1, 1)


def test_the_period_is_the_parameter_in_force_on_the_start(parameters: Parameters) -> None:
    longer = parameters.with_values(
        {"addressProtectionDefaultMonths": {date(2007, 1, 1): 12, date(2024, 1, 1): 24}}
    )
    assert lapses_on(date(2023, 12, 31), longer) == date(2024, 12, 31)
    assert lapses_on(date(2024, 1, 1), longer) == date(2026, 1, 1)


@pytest.mark.parametrize(
    ("on", "lapsed"),
    [(date(2025, 4, 8), False), (date(2025, 4, 9), True), (date(2025, 4, 10), True)],
)
def test_the_lapse_day_is_the_first_day_without_protection(
    parameters: Parameters, on: date, lapsed: bool
) -> None:
    decision = decide_lapse(date(2024, 4, 9), date(2025, 4, 9), on, parameters)
    assert decision.allowed is lapsed
    assert decision.reasons[0].parameters[0].name == "addressProtectionDefaultMonths"


def test_the_reason_reads_as_danish(parameters: Parameters) -> None:
    decision = decide_lapse(date(2024, 4, 9), date(2025, 4, 9), date(2025, 4, 9), parameters)
    assert decision.text("da") == (
        "Navne- og adressebeskyttelsen fra 9. april 2024 er ophørt den 9. april 2025, da den "
        "ikke er blevet forlænget (12 måneder)."
    )
