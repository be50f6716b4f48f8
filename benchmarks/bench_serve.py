"""`sandbox serve` startup and control-plane reset times.

    .venv/bin/python benchmarks/bench_serve.py              # 5 startups, 50 resets
    .venv/bin/python benchmarks/bench_serve.py --scenario greenland-move

- ``startup``: from starting ``sandbox serve --port <free>`` as a new process to its first
  answer (``GET /_control/namespace`` 200), which includes building the default namespace's
  world; the median and the slowest of ``--runs`` starts.
  Also, for the demo world, the same server started by ``serve_forever`` without the CLI, to
  show what the ``sandbox`` command's own imports cost.
- ``reset``: ``POST /_control/reset`` through the app in-process (``httpx.ASGITransport``), the
  median and the slowest of ``--resets``; a reset unpickles the namespace's world template.
- ``new namespace``: the first request in a namespace not seen before (the same copy, plus
  the namespace's bookkeeping).

Timings belong here, never in tests (DESIGN.md principle 12).
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sandbox.api.world import WorldSpec  # noqa: E402
from sandbox.app import create_app  # noqa: E402
from sandbox.worlds.scenario import load_scenario  # noqa: E402

SANDBOX = ROOT / ".venv" / "bin" / "sandbox"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def startup(scenario: str | None, direct: bool = False, deadline: float = 60.0) -> float:
    port = free_port()
    command = [str(SANDBOX), "serve", "--port", str(port), "--ephemeral"]  # no state file
    if scenario:
        command += ["--scenario", scenario]
    if direct:  # the same server without the CLI's imports (what the CLI itself costs)
        code = (
            "from sandbox.serve import serve_forever; "
            f"serve_forever('127.0.0.1', {port}, None, print)"
        )
        command = [sys.executable, "-c", code]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - start < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/_control/namespace").status_code == 200:
                    return time.perf_counter() - start
            except httpx.TransportError:
                time.sleep(0.01)
        raise TimeoutError("sandbox serve did not answer")
    finally:
        process.terminate()
        process.wait(10)


async def resets(scenario: str | None, count: int) -> tuple[list[float], list[float]]:
    spec = WorldSpec.of(load_scenario(scenario)) if scenario else None
    app = create_app(spec)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        (await client.get("/_control/namespace")).raise_for_status()  # template built here
        reset_times, new_times = [], []
        for index in range(count):
            start = time.perf_counter()
            (await client.post("/_control/reset")).raise_for_status()
            reset_times.append(time.perf_counter() - start)
            headers = {"X-Sandbox-Namespace": f"bench-{index}"}
            start = time.perf_counter()
            (await client.get("/_control/namespace", headers=headers)).raise_for_status()
            new_times.append(time.perf_counter() - start)
            await client.delete(f"/_control/namespaces/bench-{index}")
    return reset_times, new_times


def row(name: str, seconds: list[float]) -> str:
    median, worst = statistics.median(seconds) * 1000, max(seconds) * 1000
    return f"| {name} | {len(seconds)} | {median:,.1f} ms | {worst:,.1f} ms |"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", help="a scenario file or shipped name (default: demo)")
    parser.add_argument("--runs", type=int, default=5, help="process startups")
    parser.add_argument("--resets", type=int, default=50)
    args = parser.parse_args(argv)
    starts = [startup(args.scenario) for _ in range(args.runs)]
    direct = [] if args.scenario else [startup(None, direct=True) for _ in range(args.runs)]
    scenario = None
    if args.scenario:
        import scenarios

        scenario = str(scenarios.path_of(args.scenario) or args.scenario)
    reset_times, new_times = asyncio.run(resets(scenario, args.resets))
    print(f"world: {args.scenario or 'demo'}")
    print("| measurement | n | median | slowest |")
    print("|---|---:|---:|---:|")
    print(row("serve startup to first answer", starts))
    if direct:
        print(row("the same without the CLI (serve_forever)", direct))
    print(row("POST /_control/reset", reset_times))
    print(row("first request in a new namespace", new_times))


if __name__ == "__main__":
    main()
