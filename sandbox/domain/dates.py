"""Calendar arithmetic the rules share: whole months and years, clamped to shorter months."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months (negative: back), clamped to a shorter month's end.

    31 January + 1 month is 28 (or 29) February; 31 August - 6 months is 28 (29) February.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """``day`` moved by whole calendar years (29 February becomes 28 February)."""
    return add_months(day, 12 * years)
