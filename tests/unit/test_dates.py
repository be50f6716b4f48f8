"""Calendar arithmetic: whole months and years, clamped to the end of a shorter month."""

from datetime import date

import pytest

from sandbox.domain.dates import add_months, add_years


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 3, 15), -3, date(2024, 12, 15)),
        (date(2025, 11, 15), 3, date(2026, 2, 15)),
        (date(2024, 8, 31), -6, date(2024, 2, 29)),
        (date(2025, 3, 15), -6, date(2024, 9, 15)),
        (date(2024, 2, 29), -12, date(2023, 2, 28)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_add_years_maps_29_february_to_28_february_in_common_years() -> None:
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), -4) == date(2020, 2, 29)
