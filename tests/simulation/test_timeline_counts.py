"""The timeline's daily counts are those of the events the bus showed that day.

The journal no longer calls the timeline for each case created, letter, failed LUNA attempt,
card order or LUNA confirmation: the first three are what the run's event counts grew by that
day, the card orders are counted by the invariants' visit of them after each command, and the
LUNA latencies come from the cases the invariants found (`Timeline.luna_confirmed`). Here an
observer on the bus counts the same events one by one, and each day's row must agree with it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

import scenarios
from sandbox.service.events import (
    CaseCreated,
    CaseRegisteredInLuna,
    HealthCardOrdered,
    LetterWritten,
    LunaAttemptFailed,
)
from sandbox.simulation.world import World
from sandbox.worlds.scenario import load_scenario


class DayCounts:
    """A bus journal that counts, per day, the events the timeline plots."""

    def __init__(self) -> None:
        self.today: Counter[str] = Counter()
        self.days: list[Counter[str]] = []

    def command(self, command: Any, uow: Any) -> None:
        return None

    def event(self, event: Any, uow: Any) -> None:
        if isinstance(event, CaseCreated):
            self.today["cases_created"] += 1
        elif isinstance(event, LetterWritten):
            self.today["letters"] += 1
        elif isinstance(event, LunaAttemptFailed):
            self.today["luna_failed"] += 1
        elif isinstance(event, CaseRegisteredInLuna):
            self.today["luna_confirmed"] += 1
        elif isinstance(event, HealthCardOrdered):
            kind = "standalone" if event.standalone else "physical" if event.physical else "skipped"
            self.today[f"cards_{kind}"] += 1

    def decision(self, subject: str, decision: Any, uow: Any) -> None:
        return None

    def error(self, command: Any, error: Any, uow: Any) -> None:
        return None

    def end_of_day(self, day: int) -> None:
        self.days.append(self.today)
        self.today = Counter()


def test_each_days_counts_are_the_events_of_that_day() -> None:
    path = scenarios.path_of("card-opt-out")
    assert path is not None
    observer = DayCounts()
    world = World(replace(load_scenario(path), duration_days=20), observers=(observer,))
    world.run(observer.end_of_day)

    rows = world.stats.timeline.days
    assert len(rows) == len(observer.days) == 20
    keys = (
        "cases_created",
        "letters",
        "luna_failed",
        "luna_confirmed",
        "cards_physical",
        "cards_skipped",
        "cards_standalone",
    )
    for row, seen in zip(rows, observer.days, strict=True):
        assert {key: row[key] for key in keys} == {key: seen[key] for key in keys}
    totals = {key: sum(seen[key] for seen in observer.days) for key in keys}
    assert totals["cases_created"] > 0 and totals["letters"] > 0 and totals["luna_confirmed"] > 0
    assert totals["cards_physical"] + totals["cards_skipped"] > 0
