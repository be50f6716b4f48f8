"""A large world in one namespace, and what the others feel: latency while it builds, and the
memory a deleted namespace gives back.

    .venv/bin/python benchmarks/bench_namespaces.py                     # municipality-year (43,000)
    .venv/bin/python benchmarks/bench_namespaces.py --scenario smoke    # 5,000

One process: `sandbox serve`'s server (`make_server`) on a free loopback port in a thread,
and clients in this process's other threads.

- ``latency``: a client sends ``GET /_control/clock`` in namespace ``other``, one request at
  a time, for as long as namespace ``big`` takes to seed the scenario
  (``POST /_control/seed``); the median, 99th percentile and slowest answer, beside the same
  client's answers just before (the baseline, as many requests) - the figures are the ratio
  to the baseline's median in the same run. The requests during the build are also split
  into those that overlapped the server's unpickling of the world (`sandbox.api.frozen.thaw`)
  and the rest, mostly while the child process builds it (`sandbox.api.frozen.apart`), when
  the server has nothing to do but the other namespaces.
- ``memory``: the process's resident set (``/proc/self/statm``) before seeding, after, and
  after ``DELETE /_control/namespaces/big`` (which drops the world and its template, collects
  garbage and calls glibc's ``malloc_trim``), for two rounds: the first also fills the
  process-wide caches the build uses (CPR serial tables, parsed numbers), which stay; the
  second shows what a build and a delete cost once they are warm.

Timings belong here, never in tests (DESIGN.md principle 12).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sandbox.api import world  # noqa: E402
from sandbox.api.frozen import release_memory, thaw  # noqa: E402
from sandbox.serve import bind, make_server  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE / 2**20


def load_average() -> str:
    """The machine's load average over 1, 5 and 15 minutes: a busy machine's figures say as
    much about the machine as about the server."""
    with open("/proc/loadavg") as loadavg:
        return " ".join(loadavg.read().split()[:3])


def sample(
    base_url: str,
    stop: threading.Event,
    into: list[float],
    count: int = 0,
    spans: list[tuple[float, float]] | None = None,
) -> None:
    """Time ``GET /_control/clock`` in namespace ``other`` until ``stop`` (or ``count``);
    each request's start and end into ``spans`` too."""
    with httpx.Client(base_url=base_url, headers={"X-Sandbox-Namespace": "other"}) as http:
        while not stop.is_set() and (count == 0 or len(into) < count):
            began = time.perf_counter()
            assert http.get("/_control/clock").status_code == 200
            ended = time.perf_counter()
            into.append((ended - began) * 1000)
            if spans is not None:
                spans.append((began, ended))


def timing_thaw(windows: list[tuple[float, float]]) -> None:
    """Note when the server unpickles a world (`sandbox.api.frozen.thaw`, as the world module
    calls it), to tell the requests that overlapped it from those that ran while the world
    was built in a child process: the two phases hold the server up differently."""

    def timed(frozen: bytes) -> Any:
        began = time.perf_counter()
        try:
            return thaw(frozen)
        finally:
            windows.append((began, time.perf_counter()))

    world.thaw = timed  # type: ignore[attr-defined]


def describe(name: str, times: list[float], baseline: float) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (
        f"{name}: {len(times)} requests, median {statistics.median(times):.1f} ms "
        f"({statistics.median(times) / baseline:.1f}x), p99 {p99:.1f} ms ({p99 / baseline:.1f}x), "
        f"slowest {ordered[-1]:.1f} ms ({ordered[-1] / baseline:.1f}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", default="municipality-year")
    args = parser.parse_args()
    load_before = load_average()

    sock = bind("127.0.0.1", 0)
    ready = threading.Event()
    urls: list[str] = []
    server = make_server(sock, None, lambda url: (urls.append(url), ready.set()), log_level="error")
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    assert ready.wait(60)
    base_url = urls[0]
    try:
        with httpx.Client(base_url=base_url, timeout=600) as http:
            http.get("/_control/clock", headers={"X-Sandbox-Namespace": "other"})
            release_memory()
            before = rss_mib()

            quiet: list[float] = []
            sample(base_url, threading.Event(), quiet, count=300)
            baseline = statistics.median(quiet)

            during: list[float] = []
            spans: list[tuple[float, float]] = []
            windows: list[tuple[float, float]] = []
            timing_thaw(windows)
            stop = threading.Event()
            sampler = threading.Thread(target=sample, args=(base_url, stop, during, 0, spans))
            sampler.start()
            began = time.perf_counter()
            seeded = http.post(
                "/_control/seed",
                json={"scenario_path": args.scenario},
                headers={"X-Sandbox-Namespace": "big"},
            )
            build = time.perf_counter() - began
            stop.set()
            sampler.join()
            assert seeded.status_code == 200, seeded.text
            citizens = seeded.json()["citizens"]
            built = rss_mib()

            deleted = http.delete("/_control/namespaces/big")
            assert deleted.status_code == 204
            after = rss_mib()
            rounds = [(before, built, after)]
            headers = {"X-Sandbox-Namespace": "big"}
            again = http.post(
                "/_control/seed", json={"scenario_path": args.scenario}, headers=headers
            )
            assert again.status_code == 200, again.text
            rebuilt = rss_mib()
            assert http.delete("/_control/namespaces/big").status_code == 204
            rounds.append((after, rebuilt, rss_mib()))
    finally:
        server.should_exit = True
        thread.join(30)
        sock.close()

    print(f"scenario {args.scenario}: {citizens} citizens, seeded in {build:.2f} s")
    print(f"load average before: {load_before}, after: {load_average()}")
    print(describe("baseline (no build)", quiet, baseline))
    print(describe("during the build  ", during, baseline))
    overlapped = [
        any(began < end and ended > start for start, end in windows) for began, ended in spans
    ]
    unpickling = [took for took, inside in zip(during, overlapped, strict=True) if inside]
    elsewhere = [took for took, inside in zip(during, overlapped, strict=True) if not inside]
    thawed = sum(end - start for start, end in windows)
    print(describe(f"  unpickling here ({thawed:.2f} s)", unpickling, baseline))
    print(describe("  the rest (built apart, ...)", elsewhere, baseline))
    for number, (start, peak, end) in enumerate(rounds, 1):
        print(
            f"RSS round {number}: before {start:.0f} MiB, with the world {peak:.0f} MiB "
            f"(+{peak - start:.0f}), after delete {end:.0f} MiB (+{end - start:.0f}; "
            f"{100 * (peak - end) / max(peak - start, 1):.0f} % of the growth returned)"
        )


if __name__ == "__main__":
    main()
