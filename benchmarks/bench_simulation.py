"""Benchmark a scenario against a bare baseline in the same run, each part in its own process.

    .venv/bin/python benchmarks/bench_simulation.py denmark-year
    .venv/bin/python benchmarks/bench_simulation.py municipality-year --days 365

Parts (each a fresh interpreter, so peak memory is each part's own ru_maxrss):

- ``scenario``: build the world (population, practices) and run it, with the full rules, as
  ``sandbox simulate`` does but without writing a report;
- ``dict``: a dict of the same number of slotted objects keyed by 10-digit strings (the bare
  cost of holding the population);
- ``simpy``: a bare simpy loop of the same number of simpy events as the scenario scheduled.

Prints a Markdown table row per part and the ratios (scenario / baseline), and writes JSON
with ``--json``. Timings belong here, never in tests (DESIGN.md principle 12).
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def peak_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


class CommandTimes:
    """Wall time per command kind, each command timed as the bus handles it (what it sets off
    inside the service - events, letters, LUNA through the outbox - counts to its command)."""

    def __init__(self, handle: Callable[[Any], Any]) -> None:
        self.handle = handle
        self.seconds: dict[str, float] = {}
        self.counts: dict[str, int] = {}

    def __call__(self, command: Any) -> Any:
        kind = type(command).__name__
        started = time.perf_counter()
        try:
            return self.handle(command)
        finally:
            self.seconds[kind] = self.seconds.get(kind, 0.0) + time.perf_counter() - started
            self.counts[kind] = self.counts.get(kind, 0) + 1

    def table(self, days_s: float, scan_s: float) -> list[dict[str, Any]]:
        """Per kind, most expensive first, then the simulator itself (the days less the bus)
        and the full invariant scan after the last day; shares are of the whole run."""
        run_s = days_s + scan_s
        rows = [
            {
                "command": kind,
                "count": self.counts[kind],
                "total_s": round(seconds, 2),
                "share": round(seconds / run_s, 3),
                "each_us": round(seconds / self.counts[kind] * 1e6),
            }
            for kind, seconds in sorted(self.seconds.items(), key=lambda item: -item[1])
        ]
        own = days_s - sum(self.seconds.values())
        rows.append(
            {
                "command": "(the full invariant scan at the end)",
                "count": 1,
                "total_s": round(scan_s, 2),
                "share": round(scan_s / run_s, 3),
                "each_us": round(scan_s * 1e6),
            }
        )
        rows.append(
            {
                "command": "(the simulator itself)",
                "count": 0,
                "total_s": round(own, 2),
                "share": round(own / run_s, 3),
                "each_us": 0,
            }
        )
        return rows


def part_scenario(name: str, days: int | None, per_command: bool = False) -> dict[str, Any]:
    import scenarios
    from sandbox.simulation.world import World
    from sandbox.worlds.scenario import load_scenario

    path = scenarios.path_of(name) or Path(name)
    scenario = load_scenario(path)
    if days is not None:
        scenario = replace(scenario, duration_days=days)
    started = time.perf_counter()
    world = World(scenario)
    world.invariants.stop = False  # measure the whole run; violations are counted below
    times = None
    if per_command:
        times = CommandTimes(world.bus.handle)
        world.bus.handle = times  # type: ignore[method-assign]
    built = time.perf_counter()
    build_peak = peak_gib()  # the world's build alone (issue 16: at most 2.5 GiB nationally)
    world.run()
    ran = time.perf_counter()
    world.invariants.check_all()
    done = time.perf_counter()
    simpy_events = next(world.env._eid)  # simpy's own event counter: events scheduled
    return {
        "part": "scenario",
        "scenario": scenario.name,
        "population": scenario.population,
        "days": scenario.duration_days,
        "build_s": round(built - started, 1),
        "build_peak_gib": round(build_peak, 2),
        "run_s": round(done - built, 1),
        "final_scan_s": round(done - ran, 1),  # the full invariant scan at the end (in run_s)
        "total_s": round(done - started, 1),
        "peak_gib": round(peak_gib(), 2),
        "commands": sum(world.stats.commands.values()),
        "bus_events": sum(world.stats.events.values()),
        "cpr_events": len(world.cpr_backend.events),
        "simpy_events": simpy_events,
        "cases": world.registry.case_count(),
        "letters": world.registry.letter_count(),
        "invariant_violations": [str(v) for v in world.invariants.violations[:5]],
        "invariant_violation_count": len(world.invariants.violations),
        "per_command": times.table(ran - built, done - ran) if times is not None else [],
    }


def part_dict(count: int) -> dict[str, Any]:
    class Person:
        __slots__ = ("address", "birth", "cpr", "doctor", "group", "name", "status")

        def __init__(self, cpr: str, name: str) -> None:
            self.cpr, self.name, self.birth, self.address = cpr, name, None, None
            self.status, self.group, self.doctor = "01", 1, None

    gc.disable()
    started = time.perf_counter()
    people = {}
    for index in range(count):
        cpr = f"{index:010d}"
        people[cpr] = Person(cpr, "Navn")
    done = time.perf_counter()
    return {
        "part": "dict",
        "objects": len(people),
        "total_s": round(done - started, 1),
        "peak_gib": round(peak_gib(), 2),
    }


def part_simpy(count: int) -> dict[str, Any]:
    import simpy

    env = simpy.Environment()

    def loop() -> Any:
        for _ in range(count):
            yield env.timeout(1)

    env.process(loop())
    started = time.perf_counter()
    env.run()
    done = time.perf_counter()
    return {
        "part": "simpy",
        "events": count,
        "total_s": round(done - started, 1),
        "peak_gib": round(peak_gib(), 2),
    }


def child(*args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--part", *args], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"part {args} failed:\n{out.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default="municipality-year")
    parser.add_argument("--days", type=int, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--per-command",
        action="store_true",
        help="time each command the bus handles (a perf_counter pair per command) and print "
        "the run's time per command kind",
    )
    parser.add_argument("--part", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part:
        kind, *rest = args.part
        if kind == "scenario":
            days = int(rest[1]) if len(rest) > 1 and rest[1] != "-" else None
            print(json.dumps(part_scenario(rest[0], days, per_command="per-command" in rest)))
        elif kind == "dict":
            print(json.dumps(part_dict(int(rest[0]))))
        else:
            print(json.dumps(part_simpy(int(rest[0]))))
        return
    extra = ("per-command",) if args.per_command else ()
    scenario = child("scenario", args.scenario, str(args.days) if args.days else "-", *extra)
    bare_dict = child("dict", str(scenario["population"]))
    bare_simpy = child("simpy", str(scenario["simpy_events"]))
    baseline_s = bare_dict["total_s"] + bare_simpy["total_s"]
    ratios = {
        "time_ratio": round(scenario["total_s"] / max(baseline_s, 0.1), 1),
        "memory_ratio": round(scenario["peak_gib"] / max(bare_dict["peak_gib"], 0.01), 1),
    }
    results = {"scenario": scenario, "dict": bare_dict, "simpy": bare_simpy, **ratios}
    print(json.dumps(results, indent=2))
    print()
    print("| part | time (s) | peak memory (GiB) | count |")
    print("|---|---:|---:|---:|")
    print(
        f"| {scenario['scenario']} ({scenario['days']} days, full rules) | {scenario['total_s']} "
        f"(build {scenario['build_s']}, run {scenario['run_s']} of which the final invariant "
        f"scan {scenario['final_scan_s']}) | {scenario['peak_gib']} (after the build "
        f"{scenario['build_peak_gib']}) | "
        f"{scenario['commands']} commands, {scenario['bus_events']} bus events, "
        f"{scenario['cpr_events']} CPR events, {scenario['simpy_events']} simpy events |"
    )
    print(
        f"| bare dict of slotted objects | {bare_dict['total_s']} | {bare_dict['peak_gib']} | "
        f"{bare_dict['objects']} |"
    )
    print(
        f"| bare simpy loop | {bare_simpy['total_s']} | {bare_simpy['peak_gib']} | "
        f"{bare_simpy['events']} |"
    )
    print(f"| ratio (scenario / baseline) | {ratios['time_ratio']} | {ratios['memory_ratio']} | |")
    if scenario["per_command"]:
        print()
        print("| command | count | run time (s) | share | each (µs) |")
        print("|---|---:|---:|---:|---:|")
        for row in scenario["per_command"]:
            print(
                f"| {row['command']} | {row['count']} | {row['total_s']} | "
                f"{row['share']:.1%} | {row['each_us']} |"
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
