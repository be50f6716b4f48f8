"""The age-15 free window, asked of every GP choice's fee: its once-a-day short cut (a birth
date on or before which the window has surely ended) gives the same answer as the window's
own definition for every birth date near the edge, 29 February birthdays included."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sandbox.domain.rules import fees
from sandbox.domain.rules.closed_doctor import birthday
from sandbox.parameters import default_parameters

DAYS = [
    date(2025, 3, 1),
    date(2025, 2, 28),
    date(2024, 2, 29),
    date(2024, 3, 1),
    date(2025, 12, 31),
    date(2026, 1, 1),
    date(2027, 6, 15),
    date(2027, 3, 15),  # born around 29 February 2012
    date(2023, 3, 20),  # born around 29 February 2008
]


def in_window(birth_date: date, on: date, age: int, days: int) -> bool:
    """The window by its definition: from the birthday through ``days`` days after it."""
    start = birthday(birth_date, age)
    return start <= on <= start + timedelta(days=days)


@pytest.mark.parametrize("on", DAYS)
def test_the_window_holds_exactly_for_the_birth_dates_it_covers(on: date) -> None:
    parameters = default_parameters()
    age = int(parameters.value("age.independentChoice", on))
    days = int(parameters.value("freeChoiceAfterAge15Days", on))
    first = birthday(on, -age) - timedelta(days=days + 40)
    free = []
    for offset in range(days + 80):
        born = first + timedelta(days=offset)
        reason = fees.after_age_15(born, on, parameters)
        assert (reason is not None) == in_window(born, on, age, days), born
        if reason is not None:
            assert reason.code == "FREE_AFTER_AGE_15"
            free.append(born)
    assert free, "some birth dates near the edge are inside the window"
    assert len(free) < days + 80, "and some are outside it"
