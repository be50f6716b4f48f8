"""Memory of a simulated run by stage: after the build, after the days, after the final scan.

    .venv/bin/python benchmarks/bench_run_memory.py SCENARIO --days 60
    .venv/bin/python benchmarks/bench_run_memory.py SCENARIO --days 60 --trace   # + tracemalloc

Prints JSON: the process's resident memory (VmRSS) and its peak so far (VmHWM), in MiB, after
`World(scenario)`, after `World.run()` and after the full invariant scan (`check_all`, what
`bench_simulation.py` runs at the end), with the CPU seconds (`time.process_time`) of each
stage. So a peak made by the end-of-run work shows as a VmHWM above the VmRSS after the days.
With ``--trace``, the memory the days added as tracemalloc sees it (started after the build),
in total and by the file that allocated it: slower, for where the growth goes, not for times.

The code measured is whatever ``sandbox`` imports first: put a base checkout first on
``PYTHONPATH`` to measure it with the same script. Linux only (reads /proc/self/status).
"""

from __future__ import annotations

import argparse
import json
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path
from typing import Any


def memory_mib() -> dict[str, float]:
    found = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = round(int(value.split()[0]) / 1024, 1)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario")
    parser.add_argument("--days", type=int, default=None)
    parser.add_argument("--trace", action="store_true", help="tracemalloc the days (slow)")
    args = parser.parse_args()

    import scenarios
    from sandbox.simulation.world import World
    from sandbox.worlds.scenario import load_scenario

    scenario = load_scenario(scenarios.path_of(args.scenario) or Path(args.scenario))
    if args.days is not None:
        scenario = replace(scenario, duration_days=args.days)
    out: dict[str, Any] = {"population": scenario.population, "days": scenario.duration_days}
    started = time.process_time()
    world = World(scenario)
    world.invariants.stop = False  # the whole run; violations are counted below
    out["built"] = memory_mib() | {"cpu_s": round(time.process_time() - started, 2)}
    if args.trace:
        tracemalloc.start(1)
        before = tracemalloc.take_snapshot()
    started = time.process_time()
    world.run()
    out["ran"] = memory_mib() | {"cpu_s": round(time.process_time() - started, 2)}
    if args.trace:
        by_file = tracemalloc.take_snapshot().compare_to(before, "filename")
        tracemalloc.stop()
        out["traced_growth_mib"] = round(sum(stat.size_diff for stat in by_file) / 2**20, 2)
        out["traced_by_file_mib"] = {
            str(stat.traceback[0].filename): round(stat.size_diff / 2**20, 2)
            for stat in by_file[:25]
        }
    started = time.process_time()
    world.invariants.check_all()
    out["scanned"] = memory_mib() | {"cpu_s": round(time.process_time() - started, 2)}
    out["cases"] = world.registry.case_count()
    out["letters"] = world.registry.letter_count()
    out["commands"] = sum(world.stats.commands.values())
    out["invariant_violations"] = len(world.invariants.violations)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
