"""Benchmark `Store.listed_on` (the citizens listed with a practice on a day) over a scenario's run.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_listed_on.py 1200000 --days 365

Builds `denmark-year` with ``population`` and ``days`` replaced and runs it, timing every
`Store.listed_on` question with `time.process_time` (CPU): the practice-event cards and
wind-up, the simulator's free choices after a practice event and the daily invariant check
that nobody is left at a closed practice ask it. A practice has the same number of patients
per resident at every population (the practice count comes from the real municipalities), so
each question costs in proportion to the population. It prints the questions, their CPU, the
citizens returned and the run's CPU and counts. To compare with another commit, run the
script with a `git archive` of that commit first on ``PYTHONPATH``: the questions, the
citizens returned and the counts must be the same.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from datetime import date

import scenarios
from sandbox.domain.model import Citizen
from sandbox.service.store import Store
from sandbox.simulation.world import World
from sandbox.worlds.scenario import load_scenario


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("population", type=int)
    parser.add_argument("--days", type=int, default=365)
    args = parser.parse_args()
    asked = {"questions": 0, "citizens": 0}
    spent = [0.0]
    listed_on = Store.listed_on

    def timed(store: Store, ydernummer: str, day: date) -> list[Citizen]:
        start = time.process_time()
        found = listed_on(store, ydernummer, day)
        spent[0] += time.process_time() - start
        asked["questions"] += 1
        asked["citizens"] += len(found)
        return found

    Store.listed_on = timed  # type: ignore[method-assign]
    scenario = load_scenario(scenarios.path_of("denmark-year"))
    world = World(replace(scenario, population=args.population, duration_days=args.days))
    start = time.process_time()
    world.run()
    run = time.process_time() - start
    questions = asked["questions"]
    print(f"{args.population:,} residents, {args.days} days: run {run:.2f} s CPU")
    print(
        f"listed_on: {questions:,} questions, {spent[0]:.3f} s CPU, "
        f"{spent[0] / max(questions, 1) * 1e6:.1f} µs a question, "
        f"{asked['citizens']:,} citizens returned"
    )
    commands, events = sum(world.stats.commands.values()), sum(world.stats.events.values())
    print(f"{commands:,} commands, {events:,} bus events")


if __name__ == "__main__":
    main()
