"""SimClock: the one clock of a simulation, turning simpy time (seconds) into dates and times."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import simpy

SECONDS_PER_DAY = 86_400.0


class SimClock:
    """Simuleret ur - ``env.now`` seconds after the scenario's start."""

    def __init__(self, env: simpy.Environment, start: datetime) -> None:
        self.env = env
        self.start = start
        self._day_cache: tuple[int, date] = (0, start.date())
        self._now_cache: tuple[float, datetime] = (0.0, start)

    def now(self) -> datetime:
        # the service asks many times per simulated instant: one datetime per instant
        moment = float(self.env.now)
        if moment != self._now_cache[0]:
            self._now_cache = (moment, self.start + timedelta(seconds=moment))
        return self._now_cache[1]

    def today(self) -> date:
        day_index = int(float(self.env.now) // SECONDS_PER_DAY)
        if day_index != self._day_cache[0]:
            self._day_cache = (day_index, self.start.date() + timedelta(days=day_index))
        return self._day_cache[1]

    def seconds_until(self, moment: datetime) -> float:
        return max((moment - self.now()).total_seconds(), 0.0)
