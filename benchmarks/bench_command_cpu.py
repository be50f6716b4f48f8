"""CPU time per command kind of a scenario's run: the command with its events, and its handler.

    .venv/bin/python benchmarks/bench_command_cpu.py /tmp/dk300k.yaml --days 120 --json new.json

Each command is timed with `time.process_time` (CPU of this process, so another process's load
on a shared machine counts less than in `bench_simulation.py`'s wall times) twice: as the bus
handles it (what it sets off - events, letters, card orders - counts to it) and inside its own
handler only. To compare two trees, run the script from each (the ``sandbox`` package is
imported from the tree the script lies in), side by side, and compare the JSON files; the
counts (commands, events, errors, refusals, cases, invariant violations) must be equal.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sandbox.simulation.world import World  # noqa: E402
from sandbox.worlds.scenario import load_scenario  # noqa: E402

Handler = Callable[[Any, Any], Any]


class Clocks:
    """CPU seconds and counts per command kind, for the whole command and for its handler."""

    def __init__(self) -> None:
        self.command: dict[str, float] = {}
        self.handler: dict[str, float] = {}
        self.counts: dict[str, int] = {}

    def around_bus(self, handle: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def timed(command: Any) -> Any:
            kind = type(command).__name__
            started = time.process_time()
            try:
                return handle(command)
            finally:
                self.command[kind] = self.command.get(kind, 0.0) + time.process_time() - started
                self.counts[kind] = self.counts.get(kind, 0) + 1

        return timed

    def around_handler(self, kind: str, handler: Handler) -> Handler:
        def timed(command: Any, uow: Any) -> Any:
            started = time.process_time()
            try:
                return handler(command, uow)
            finally:
                self.handler[kind] = self.handler.get(kind, 0.0) + time.process_time() - started

        return timed


def measure(scenario_path: Path, days: int) -> dict[str, Any]:
    scenario = replace(load_scenario(scenario_path), duration_days=days)
    world = World(scenario)
    world.invariants.stop = False  # count violations and go on
    clocks = Clocks()
    world.bus.handle = clocks.around_bus(world.bus.handle)  # type: ignore[method-assign]
    for kind, handler in list(world.bus.command_handlers.items()):
        world.bus.command_handlers[kind] = clocks.around_handler(kind.__name__, handler)
    started = time.process_time()
    world.run()
    run_cpu_s = time.process_time() - started
    world.invariants.check_all()
    stats = world.stats
    return {
        "sandbox": str(Path(sys.modules["sandbox"].__file__ or "").parent),
        "days": days,
        "run_cpu_s": round(run_cpu_s, 3),
        "counts": {
            "commands": dict(stats.commands),
            "events": dict(stats.events),
            "errors": dict(stats.errors),
            "refusals": dict(stats.refusals),
            "decisions": stats.decisions,
            "cases": len(world.registry.all_cases()),
            "invariant_violations": len(world.invariants.violations),
        },
        "per_command": [
            {
                "command": kind,
                "count": clocks.counts[kind],
                "command_cpu_s": round(clocks.command[kind], 3),
                "handler_cpu_s": round(clocks.handler.get(kind, 0.0), 3),
            }
            for kind in sorted(clocks.command, key=lambda kind: -clocks.command[kind])
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", type=Path)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = measure(args.scenario, args.days)
    print(f"run {result['run_cpu_s']} s CPU, {sum(result['counts']['commands'].values())} commands")
    print("| command | count | command CPU (s) | handler CPU (s) |")
    print("|---|---:|---:|---:|")
    for row in result["per_command"]:
        print(
            f"| {row['command']} | {row['count']} | {row['command_cpu_s']} | "
            f"{row['handler_cpu_s']} |"
        )
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
