"""The CPR feed's cost per entry as the world grows: CPU, calls, the collector, a day's objects.

    .venv/bin/python benchmarks/bench_feed_scale.py SCENARIO --days 20 [--profile] [--young N]

Runs a scenario (a smaller copy of denmark-year, README "Measuring") and prints, for its
ConsumeCprFeed commands only: the entries read; `time.process_time` per entry, of the whole
command (with the events its entries raise: card orders, letters) and of its handler alone;
the cyclic collector's passes that fell in the feeds and their CPU (`gc.callbacks`); and the
GC-tracked objects a simulated day leaves (the count the collector's first threshold is
compared with, read at the end-of-day `gc.freeze`; only days without a young pass count, as
after a pass the objects freed no longer lower it).
With ``--profile``, cProfile runs around the feeds and the function calls per entry are
printed too (the CPU figures then include the profiler's cost). Run it at two population
sizes to see whether the work per entry grows with the world. ``--young`` sets the world's
first collector threshold (`sandbox.simulation.world.YOUNG_OBJECTS`) for an experiment.
Figures: benchmarks/README.md, "Issue 16, round 5: the CPR feed".
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sandbox.simulation.world as world_module  # noqa: E402
from sandbox.service.commands import ConsumeCprFeed  # noqa: E402
from sandbox.service.events import CitizenMoved  # noqa: E402
from sandbox.worlds.scenario import load_scenario  # noqa: E402


class _CountingGc:
    """The `gc` module as `World.run` sees it, noting the young count before each freeze."""

    def __init__(self, on_freeze: list[int]) -> None:
        self._on_freeze = on_freeze

    def freeze(self) -> None:
        self._on_freeze.append(gc.get_count()[0])
        gc.freeze()

    def __getattr__(self, name: str) -> Any:
        return getattr(gc, name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", type=Path)
    parser.add_argument("--days", type=int, default=20)
    parser.add_argument("--profile", action="store_true", help="count calls (cProfile)")
    parser.add_argument("--young", type=int, default=None, help="first collector threshold")
    args = parser.parse_args()
    if args.young is not None:
        world_module.YOUNG_OBJECTS = args.young
    scenario = replace(load_scenario(args.scenario), duration_days=args.days)
    world = world_module.World(scenario)

    state = {"in_feed": False, "pass_started": 0.0}
    feed = {"command": 0.0, "handler": 0.0, "cards": 0.0, "entries": 0, "passes": 0}
    feed["pass_cpu"] = 0.0
    passes_today = [0]
    day_objects: list[int] = []

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            state["pass_started"] = time.process_time()
            passes_today[0] += 1
        elif state["in_feed"]:
            feed["passes"] += 1
            feed["pass_cpu"] += time.process_time() - state["pass_started"]

    frozen: list[int] = []
    world_module.gc = _CountingGc(frozen)  # type: ignore[assignment]
    gc.callbacks.append(on_gc)
    profiler = cProfile.Profile() if args.profile else None
    bus = world.bus
    handle, handler = bus.handle, bus.command_handlers[ConsumeCprFeed]

    def timed_handler(command: Any, uow: Any) -> Any:
        started = time.process_time()
        try:
            return handler(command, uow)
        finally:
            feed["handler"] += time.process_time() - started

    def timed_handle(command: Any) -> Any:
        if not isinstance(command, ConsumeCprFeed):
            return handle(command)
        state["in_feed"] = True
        if profiler is not None:
            profiler.enable()
        started = time.process_time()
        try:
            result = handle(command)
        finally:
            feed["command"] += time.process_time() - started
            if profiler is not None:
                profiler.disable()
            state["in_feed"] = False
        feed["entries"] += result.applied + len(result.skipped) + len(result.failed)
        return result

    def on_day(day: int) -> None:
        if day > 1 and passes_today[0] == 0:  # day 1 also settles what the build left
            day_objects.append(frozen[-1])
        passes_today[0] = 0

    def timed_card_order(card_order: Any) -> Any:
        def timed(event: Any, uow: Any) -> None:
            started = time.process_time()
            try:
                card_order(event, uow)
            finally:
                feed["cards"] += time.process_time() - started

        return timed

    bus.command_handlers[ConsumeCprFeed] = timed_handler
    # the move's card order (`card_triggers.on_citizen_moved`), timed apart: the feed's own
    # part is the command without it
    bus.event_handlers[CitizenMoved] = tuple(
        timed_card_order(one) for one in bus.event_handlers[CitizenMoved]
    )
    # the bus dispatches from the routes it made of the wiring when it was built
    bus._handlers[CitizenMoved] = bus.event_handlers[CitizenMoved]
    bus.handle = timed_handle  # type: ignore[method-assign]
    try:
        world.run(on_day)
    finally:
        gc.callbacks.remove(on_gc)
        world_module.gc = gc
    entries = max(int(feed["entries"]), 1)
    print(f"{args.scenario} ({scenario.population:,} residents), {args.days} days")
    print(f"feed entries: {entries:,}")
    print(f"feed CPU per entry: {feed['command'] / entries * 1e6:.1f} µs ", end="")
    print(f"(its handler alone {feed['handler'] / entries * 1e6:.1f} µs)")
    own = feed["command"] - feed["cards"]
    print(f"of which the moves' card orders {feed['cards'] / entries * 1e6:.1f} µs, ", end="")
    print(f"the rest (the feed's own part) {own / entries * 1e6:.1f} µs ({own:.3f} s)")
    print(f"collector passes in the feeds: {feed['passes']} ({feed['pass_cpu']:.3f} s CPU)")
    if day_objects:
        mean = sum(day_objects) / len(day_objects)
        print(f"GC-tracked objects a day leaves: mean {mean:,.0f} ({len(day_objects)} days)")
    if profiler is not None:
        calls = pstats.Stats(profiler).total_calls  # type: ignore[attr-defined]
        print(f"function calls per entry (cProfile): {calls / entries:.1f}")


if __name__ == "__main__":
    main()
