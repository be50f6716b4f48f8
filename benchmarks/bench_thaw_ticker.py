"""How long the server's unpickling of a large world holds the GIL at a stretch: a thread that
asks for the GIL every millisecond, beside `WorldTemplate.fresh` (`sandbox.api.frozen.thaw`).

    .venv/bin/python benchmarks/bench_thaw_ticker.py                   # municipality-year
    .venv/bin/python benchmarks/bench_thaw_ticker.py --scenario smoke --repeat 5

The template is built once, in this process (the bytes are the ones a child process gives).
Then, ``--repeat`` times, a ticker thread sleeps 1 ms at a time while the main thread unpickles
a fresh copy: the ticker's longest gaps are the longest the unpickling kept another thread
(another namespace's request) waiting, plus whatever the machine adds - so the script prints
the ticker's gaps with nothing to unpickle too (the same length of time), as the baseline.

Timings belong here, never in tests (DESIGN.md principle 12).
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sandbox.api.frozen import release_memory  # noqa: E402
from sandbox.api.world import WorldSpec, WorldTemplate  # noqa: E402
from sandbox.worlds.scenario import load_scenario  # noqa: E402


def ticked(work: float | None, template: WorldTemplate) -> tuple[float, list[float]]:
    """The ticker's gaps (ms, longest first) while ``template`` is thawed once (or, with a
    ``work`` of seconds, while nothing is done for that long), and how long it took."""
    gaps: list[float] = []
    stop = threading.Event()

    def tick() -> None:
        last = time.perf_counter()
        while not stop.is_set():
            time.sleep(0.001)
            now = time.perf_counter()
            gaps.append((now - last) * 1000)
            last = now

    ticker = threading.Thread(target=tick)
    ticker.start()
    time.sleep(0.05)
    began = time.perf_counter()
    if work is None:
        world = template.fresh()
    else:
        time.sleep(work)
    took = time.perf_counter() - began
    time.sleep(0.05)
    stop.set()
    ticker.join()
    if work is None:
        del world
        release_memory()
    return took, sorted(gaps, reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", default="municipality-year")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    spec = WorldSpec.of(load_scenario(ROOT / "scenarios" / f"{args.scenario}.yaml"))
    began = time.perf_counter()
    template = WorldTemplate(spec, apart_from=10**9)
    print(
        f"scenario {args.scenario}: {template.citizens} citizens, template built and pickled "
        f"in {time.perf_counter() - began:.2f} s, {len(template._frozen) / 1e6:.1f} MB"
    )
    with open("/proc/loadavg") as loadavg:
        print("load average:", " ".join(loadavg.read().split()[:3]))
    for _ in range(args.repeat):
        took, gaps = ticked(None, template)
        _, idle = ticked(took, template)
        print(
            f"thaw {took * 1000:.0f} ms: the ticker's longest gaps {gaps[0]:.1f}, {gaps[1]:.1f}, "
            f"{gaps[2]:.1f} ms; idle for as long: {idle[0]:.1f}, {idle[1]:.1f} ms"
        )


if __name__ == "__main__":
    main()
