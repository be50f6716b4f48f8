"""What a simulated year keeps per case: the traced memory a run grows by, divided by its cases.

    .venv/bin/python benchmarks/bench_year_growth.py SCENARIO --days 60 [--lines 40]

The world is built first and left out; tracemalloc then follows the run (one frame, as the
lead's census script does), and the growth held after it, by the file and by the line that
allocated it, is divided by the cases the run opened. It counts everything the run keeps - the
cases with their details, history and index entries, letters, card orders, LUNA's and CPR's
records in the fakes, registration snapshots - so it is the figure a year's peak memory grows
with. Use a smaller copy of denmark-year (README "Measuring"). Figures: benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import gc
import tracemalloc
from dataclasses import replace
from pathlib import Path

from sandbox.simulation.world import World
from sandbox.worlds.scenario import load_scenario

ROOT = str(Path(__file__).resolve().parents[1]) + "/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", type=Path)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--lines", type=int, default=30, help="the biggest lines to show")
    args = parser.parse_args()
    scenario = replace(load_scenario(args.scenario), duration_days=args.days)
    world = World(scenario)
    gc.collect()
    cases_before = world.registry.case_count()
    tracemalloc.start(1)
    before = tracemalloc.take_snapshot()
    world.run()
    gc.collect()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    cases = world.registry.case_count() - cases_before
    by_file = after.compare_to(before, "filename")
    grown = sum(stat.size_diff for stat in by_file)
    print(f"{cases:,} cases; the run grew {grown / 2**20:.1f} MiB, {grown / cases:,.0f} a case")
    print("bytes a case, by file:")
    for stat in by_file[: args.lines]:
        print(f"{stat.size_diff / cases:8,.0f}  {stat.traceback[0].filename.replace(ROOT, '')}")
    print("bytes a case, by line (and the objects it holds):")
    for stat in after.compare_to(before, "lineno")[: args.lines]:
        frame = stat.traceback[0]
        where = f"{frame.filename.replace(ROOT, '')}:{frame.lineno}"
        print(f"{stat.size_diff / cases:8,.0f} {stat.count_diff:9,d}  {where}")


if __name__ == "__main__":
    main()
