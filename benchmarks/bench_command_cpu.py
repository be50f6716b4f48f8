"""CPU time per command kind over a simulated run: before/after comparisons on a shared machine.

    .venv/bin/python benchmarks/bench_command_cpu.py SCENARIO DAYS [--json OUT]
    PYTHONPATH=/tmp/base .venv/bin/python benchmarks/bench_command_cpu.py SCENARIO DAYS   # a base

Builds the scenario's world, wraps the bus's ``handle`` with a `time.process_time` pair per
command (what a command sets off inside the service - events, card orders, letters, LUNA through
the outbox - counts to it) and runs the days. Prints, per command kind, the count, the summed
CPU seconds and the CPU microseconds each, with the run's and the bus's CPU. CPU time, not wall
time: other processes on the machine change the wall time several-fold but this little
(`bench_simulation.py --per-command` gives the wall-time table). Alternate base and branch runs
and compare medians. Figures: benchmarks/README.md, "Issue 16, round 3".
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import scenarios
from sandbox.simulation.world import World
from sandbox.worlds.scenario import load_scenario


def measure(scenario_name: str, days: int) -> dict[str, Any]:
    path = scenarios.path_of(scenario_name) or Path(scenario_name)
    world = World(replace(load_scenario(path), duration_days=days))
    world.invariants.stop = False  # measure the whole run
    handle = world.bus.handle
    seconds: dict[str, float] = {}
    counts: dict[str, int] = {}

    def timed(command: Any) -> Any:
        kind = type(command).__name__
        started = time.process_time()
        try:
            return handle(command)
        finally:
            seconds[kind] = seconds.get(kind, 0.0) + time.process_time() - started
            counts[kind] = counts.get(kind, 0) + 1

    world.bus.handle = timed  # type: ignore[method-assign]
    started = time.process_time()
    world.run()
    run_cpu = time.process_time() - started
    return {
        "run_cpu": round(run_cpu, 3),
        "bus_cpu": round(sum(seconds.values()), 3),
        "per": {
            kind: [counts[kind], round(seconds[kind], 3), round(seconds[kind] / counts[kind] * 1e6)]
            for kind in sorted(seconds, key=lambda kind: -seconds[kind])
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", help="a scenario name or a scenario file")
    parser.add_argument("days", type=int)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    result = measure(args.scenario, args.days)
    print(f"run CPU {result['run_cpu']} s, of which the bus {result['bus_cpu']} s")
    print("| command | count | CPU (s) | each (µs) |\n|---|---:|---:|---:|")
    for kind, (count, cpu, each) in result["per"].items():
        print(f"| {kind} | {count} | {cpu} | {each} |")
    if args.json is not None:
        args.json.write_text(json.dumps(result))


if __name__ == "__main__":
    main()
