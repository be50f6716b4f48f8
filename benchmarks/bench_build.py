"""Benchmark the world's build at a chosen size, and fingerprint the population it made.

    .venv/bin/python benchmarks/bench_build.py 600000 [--trace] [--no-digest]

Builds `denmark-year` with ``population`` replaced (`World(scenario)`, as `bench_simulation.py`
does) and prints the build's CPU time (`time.process_time`, steadier than wall time on a shared
machine), with ``--trace`` the bytes a resident that `tracemalloc` sees allocated by
`PopulationBuilder.populate` alone, and a SHA-256 over every citizen's fields (the address's
every field, text and key), group and listing histories, every practice, `persons_at` and
`housemates_of` for every citizen and the residents' order: two builds with equal digests made
the same population. To compare with another commit, run it in a `git archive` of that commit
put first on ``PYTHONPATH``, each build in its own process.
"""

from __future__ import annotations

import argparse
import hashlib
import time
import tracemalloc
from dataclasses import replace
from typing import Any

import scenarios
from sandbox.simulation.world import World
from sandbox.worlds.population import PopulationBuilder
from sandbox.worlds.scenario import load_scenario


def digest(world: World) -> str:
    """A SHA-256 over the population, the practices and the address index's answers."""
    found = hashlib.sha256()
    store = world.registry
    citizens = sorted(store.all_citizens(), key=lambda c: c.cpr)
    for c in citizens:
        a = c.address
        facts = (
            (c.cpr, c.name, c.birth_date, c.status, c.civil_status, c.spouse, c.parents),
            (c.custody_holders, c.declared_samlever, c.protected, c.protected_since),
            (c.protected_until, c.group_choice_by, c.moved_in_on, c.moved_from_municipality),
            (c.renumbered_from, c.renumbered_on, c.renumbered_to, c.married_on),
            (a.street, a.house_number, a.postcode, a.city, a.municipality_code, a.locality),
            (a.floor, a.coordinates.lat, a.coordinates.lon, a.text, a.key),
            (list(c.group_history()), list(c.listing_history())),
        )
        found.update(repr(facts).encode())
    for practice in sorted(store.all_practices(), key=lambda p: p.ydernummer):
        found.update(repr(practice).encode())
    for c in citizens:
        found.update(repr((c.cpr, store.persons_at(c.address), store.housemates_of(c))).encode())
    result = world.population
    found.update(repr((result.cprs, result.opted_out, result.households)).encode())
    found.update(repr(sorted(result.by_municipality.items())).encode())
    return found.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("population", type=int)
    parser.add_argument("--trace", action="store_true", help="tracemalloc around populate")
    parser.add_argument("--no-digest", action="store_true", help="time the build only")
    args = parser.parse_args()
    path = scenarios.path_of("denmark-year")
    assert path is not None
    scenario = load_scenario(path)
    scenario = replace(scenario, population=args.population, duration_days=1)
    traced: list[int] = []
    if args.trace:
        populate = PopulationBuilder.populate

        def traced_populate(self: PopulationBuilder, *rest: Any) -> Any:
            tracemalloc.start()
            try:
                return populate(self, *rest)
            finally:
                traced.append(tracemalloc.get_traced_memory()[0])
                tracemalloc.stop()

        PopulationBuilder.populate = traced_populate  # type: ignore[method-assign,assignment]
    started = time.process_time()
    world = World(scenario)
    cpu = time.process_time() - started
    print(f"build CPU {cpu:.3f} s ({'traced, so slower' if traced else 'untraced'})")
    if traced:
        print(f"traced by the population: {traced[0] / args.population:.1f} bytes a resident")
    if not args.no_digest:
        print(f"digest {digest(world)}")


if __name__ == "__main__":
    main()
