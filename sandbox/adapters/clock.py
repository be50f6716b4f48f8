"""A settable clock for tests, the API and the control plane (never the wall clock)."""

from __future__ import annotations

from datetime import date, datetime, timedelta


class ManualClock:
    """Ur der stilles i hånden - starts where it is told and moves only when told."""

    def __init__(self, start: datetime) -> None:
        self._now = start

    def now(self) -> datetime:
        return self._now

    def today(self) -> date:
        return self._now.date()

    def set(self, moment: datetime) -> None:
        self._now = moment

    def advance(self, delta: timedelta) -> None:
        self._now += delta
