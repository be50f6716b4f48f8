"""The CPR feed's CPU per entry, one feed handled again and again: a steadier before/after.

    .venv/bin/python benchmarks/bench_feed_repeat.py SCENARIO --days 40 --held 20 --reps 15

Runs a scenario (a smaller copy of denmark-year, README "Measuring") for ``--days`` days, the
CPR feed not read on the last ``--held`` days (a late feed, as CPR's held one: the entries
wait in the fake), then handles that one feed ``--reps`` times, each inside a savepoint that
is rolled back afterwards, so every repetition meets the same world and the same entries.
Prints the medians per entry of `time.process_time`: the whole `ConsumeCprFeed` command (with
the events its entries raise), its handler alone (the entries, before their events), the
moves' card orders (`card_triggers.on_citizen_moved`, another slice) and the rest, the feed's
own part. A repeated feed is steadier than whole runs on a shared machine, where a run's
figure moves by 5-10 % with the others' load: compare two trees by alternating them, e.g.
with ``PYTHONPATH`` set to a `git archive` of the base first. The repetitions after the first
meet caches the first warmed (the fake's entries, the addresses read); so do both trees.
Figures: benchmarks/README.md, "Issue 16, round 7: the CPR feed".
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sandbox.service.commands import Command, ConsumeCprFeed  # noqa: E402
from sandbox.service.events import CitizenMoved  # noqa: E402
from sandbox.simulation.world import World  # noqa: E402
from sandbox.system import CONSUME_CPR_FEED, JOBS  # noqa: E402
from sandbox.worlds.scenario import load_scenario  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", type=Path)
    parser.add_argument("--days", type=int, default=40)
    parser.add_argument("--held", type=int, default=20, help="days whose feed waits")
    parser.add_argument("--reps", type=int, default=15)
    args = parser.parse_args()
    world = World(replace(load_scenario(args.scenario), duration_days=args.days))
    bus, uow = world.bus, world.bus.uow
    handle = bus.handle
    today = [0]

    def held_back(command: Command) -> Any:
        if isinstance(command, ConsumeCprFeed) and today[0] >= args.days - args.held:
            return None  # read after the run
        return handle(command)

    def on_day(day: int) -> None:
        today[0] = day

    bus.handle = held_back  # type: ignore[method-assign]
    world.run(on_day)
    bus.handle = handle  # type: ignore[method-assign]

    spent = {"handler": 0.0, "cards": 0.0}

    def timed(name: str, call: Callable[..., Any]) -> Callable[..., Any]:
        def run(*arguments: Any) -> Any:
            started = time.process_time()
            try:
                return call(*arguments)
            finally:
                spent[name] += time.process_time() - started

        return run

    bus.command_handlers[ConsumeCprFeed] = timed("handler", bus.command_handlers[ConsumeCprFeed])
    # the bus dispatches from the routes it made of the wiring when it was built
    bus._handlers[CitizenMoved] = tuple(
        timed("cards", one) for one in bus.event_handlers[CitizenMoved]
    )
    gc.collect()
    gc.freeze()
    gc.disable()  # no collector pass falls in one repetition and not in another
    whole: list[float] = []
    handler: list[float] = []
    cards: list[float] = []
    entries = 0
    for _ in range(args.reps):
        spent["handler"] = spent["cards"] = 0.0
        outer = uow.begin()  # the command's own savepoint nests in it
        started = time.process_time()
        result = bus.handle(JOBS[CONSUME_CPR_FEED]())
        whole.append(time.process_time() - started)
        uow.rollback(outer)
        handler.append(spent["handler"])
        cards.append(spent["cards"])
        entries = result.applied + len(result.skipped) + len(result.failed)
    gc.enable()
    own = [all_ - card for all_, card in zip(whole, cards, strict=True)]

    def per_entry(values: list[float]) -> str:
        return f"{statistics.median(values) / entries * 1e6:.2f} µs"

    print(f"{args.scenario} ({world.scenario.population:,} residents), {args.days} days, ", end="")
    print(f"the feed of the last {args.held}: {entries:,} entries, {args.reps} repetitions")
    print(f"the whole command per entry (median): {per_entry(whole)}")
    print(f"its handler alone: {per_entry(handler)}")
    print(f"the moves' card orders: {per_entry(cards)}")
    print(f"the feed's own part (the command but the card orders): {per_entry(own)}")
    print("own part, each repetition (µs an entry): ", end="")
    print(" ".join(f"{value / entries * 1e6:.1f}" for value in own))


if __name__ == "__main__":
    main()
