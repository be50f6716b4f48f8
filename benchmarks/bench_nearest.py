"""Benchmark `Store.nearest_practice` as the administrative assignment asks it, at a real density.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_nearest.py 1200000 --sample 3000

Builds `denmark-year` with ``population`` replaced (`World(scenario)`, as `bench_build.py`
does), takes every k-th resident (``--sample`` of them, by the world's order) and asks, for each,
the nearest practice open on the start date within the resident's distance limit (5 or 15 km,
`sandbox.domain.rules.gp_choice.distance_limit`), as `ProcessDailyWork._assign` does, and
how many practices are open within the limit, up to ``minOpenPracticesWithinLimit``, as the
closed-practice exception asks (`Store.count_open_within`). It
prints the CPU time a question (`time.process_time`, best of ``--repeat`` passes) of the
store's search and, as the baseline measured in the same run, of a scan of every practice; it
checks the two agree on every answer. To compare with another commit, run it with a `git
archive` of that commit first on ``PYTHONPATH`` (the practices, hence the answers, are the same:
the script prints a digest of the answers).
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections.abc import Callable
from dataclasses import replace

import scenarios
from sandbox.domain.geography import Coordinates, distance_km
from sandbox.domain.model import Practice
from sandbox.domain.rules.gp_choice import distance_limit
from sandbox.simulation.world import World
from sandbox.worlds.scenario import load_scenario

Question = tuple[Coordinates, float]
Answer = tuple[str, float] | None


def _scan(
    practices: list[Practice], question: Question, accept: Callable[[Practice], bool]
) -> Answer:
    point, radius = question
    found = [
        (distance_km(point, p.address.coordinates), p.ydernummer)
        for p in practices
        if accept(p) and distance_km(point, p.address.coordinates) <= radius
    ]
    return (min(found)[1], min(found)[0]) if found else None


def _count(
    practices: list[Practice], question: Question, accept: Callable[[Practice], bool]
) -> int:
    point, radius = question
    return sum(
        1 for p in practices if accept(p) and distance_km(point, p.address.coordinates) <= radius
    )


def _best_of(repeat: int, run: Callable[[], list[Answer]]) -> tuple[float, list[Answer]]:
    best, answers = float("inf"), []
    for _ in range(repeat):
        start = time.process_time()
        answers = run()
        best = min(best, time.process_time() - start)
    return best, answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("population", type=int)
    parser.add_argument("--sample", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    scenario = load_scenario(scenarios.path_of("denmark-year"))
    world = World(replace(scenario, population=args.population))
    store, uow = world.registry, world.bus.uow
    on = scenario.start_moment.date()
    step = max(1, len(world.residents) // args.sample)
    questions: list[Question] = []
    for cpr in world.population.cprs[::step][: args.sample]:
        citizen = store.find_citizen(cpr)
        if citizen is None:
            continue
        limit = float(distance_limit(citizen.municipality_code, on, uow.parameters).value)
        questions.append((citizen.address.coordinates, limit))

    def is_open(practice: Practice) -> bool:
        return practice.is_open_on(on)

    def grid() -> list[Answer]:
        found = (store.nearest_practice(point, radius, is_open) for point, radius in questions)
        return [(p.ydernummer, d) if p else None for p, d in (f or (None, 0.0) for f in found)]

    practices = list(store.all_practices())
    fast, answers = _best_of(args.repeat, grid)
    slow, expected = _best_of(1, lambda: [_scan(practices, q, is_open) for q in questions])
    assert answers == expected, "the grid's nearest differs from a full scan's"
    digest = hashlib.sha256(repr(answers).encode()).hexdigest()[:16]
    count = len(questions)
    print(f"{args.population:,} residents, {len(practices):,} practices, {count:,} questions")
    print(f"nearest_practice: {fast / count * 1e6:.1f} µs a question (best of {args.repeat})")
    print(f"full scan:        {slow / count * 1e6:.1f} µs a question; ratio {fast / slow:.3f}")
    minimum = int(uow.parameters.value("minOpenPracticesWithinLimit", on))
    counted, counts = _best_of(
        args.repeat,
        lambda: [store.count_open_within(p, r, on, stop_at=minimum) for p, r in questions],
    )
    assert counts == [min(minimum, _count(practices, q, is_open)) for q in questions]
    print(f"count_open_within (stop at {minimum}): {counted / count * 1e6:.1f} µs a question")
    print(f"answers digest {digest}")


if __name__ == "__main__":
    main()
