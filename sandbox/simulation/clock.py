"""SimClock: the one clock of a simulation, turning simpy time (seconds) into dates and times."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import simpy

SECONDS_PER_DAY = 86_400.0


class SimClock:
    """Simuleret ur - ``env.now`` seconds after the scenario's start."""

    __slots__ = ("_day", "_moment", "_now", "_today", "env", "start")

    def __init__(self, env: simpy.Environment, start: datetime) -> None:
        self.env = env
        self.start = start
        # the service asks many times per simulated instant (a national year: tens of millions
        # of questions for two million instants): one datetime per instant, one date per day
        self._moment = 0.0
        self._now = start
        self._day = 0
        self._today = start.date()

    def now(self) -> datetime:
        moment = self.env.now
        if moment != self._moment:
            self._moment = moment
            self._now = self.start + timedelta(seconds=float(moment))
        return self._now

    def today(self) -> date:
        day_index = int(self.env.now // SECONDS_PER_DAY)
        if day_index != self._day:
            self._day = day_index
            self._today = self.start.date() + timedelta(days=day_index)
        return self._today

    def seconds_until(self, moment: datetime) -> float:
        return max((moment - self.now()).total_seconds(), 0.0)
