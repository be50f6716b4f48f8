"""Requests per second over real sockets: ``sandbox serve`` beside a bare FastAPI app on the same
uvicorn, in one run, for one connection and for 20 concurrent connections.

    .venv/bin/python benchmarks/bench_served.py          # 600 requests a measurement, 3 rounds
    .venv/bin/python benchmarks/bench_served.py -n 2000 --json served.json

Three servers on free loopback ports, each its own process (the client runs in this one):

- ``bare``: a FastAPI app with one sync ``GET /hello``, served by the same code as
  ``sandbox serve`` (`sandbox.serve.bind` and uvicorn with the same settings);
- ``sandbox``: ``sandbox serve --port P`` itself (the demo world), measured on
  ``GET /_control/clock``, a case worker's citizen overview
  (``GET /sygesikring/case-worker/citizens/{cpr}``) and a GP choice
  (``POST /sygesikring/case-worker/citizens/{cpr}/gp-choice``, round-robin over the Aarhus
  citizens who may choose both 900201 and 900203, alternating the two so each is allowed);
- ``before``: the same sandbox app on a socket made as before the fix (protocol 0, so asyncio
  set no TCP_NODELAY), ``GET /_control/clock`` on one connection only (it is slow).

One connection: requests one after another on a keep-alive connection. 20 connections: 20
clients, each with its own keep-alive connection, each sending its next request when the last
is answered (a thread per client, so the server sees 20 sockets). Every connection first sends
``--warmup`` unmeasured requests. Each measurement is taken ``--rounds`` times, the bare app's
just before the sandbox's each round, and the median kept. Prints the requests per second and
the ratio to the bare app of the same run. Timings belong here, never in tests (DESIGN.md
principle 12).
"""

from __future__ import annotations

import argparse
import itertools
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
SANDBOX = ROOT / ".venv" / "bin" / "sandbox"
OLIVIA = "1209840000"
PRACTICES = ("900201", "900203")  # open, in Aarhus
NAMESPACE = {"X-Sandbox-Namespace": "bench"}
Call = Callable[[httpx.Client, int], httpx.Response]
BARE = "bare FastAPI GET /hello"
BEFORE = "GET /_control/clock, no TCP_NODELAY"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], what: str) -> None:
    """Until the server started as ``process`` answers at ``url`` (a minute at most)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(url + "/", timeout=1.0)
            return
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start") from None
            time.sleep(0.05)


def serve_here(kind: str, port: int) -> None:
    """Run a server in this process (the child's side of `server`)."""
    sys.path.insert(0, str(ROOT))
    import uvicorn
    from fastapi import FastAPI

    from sandbox.app import create_app
    from sandbox.serve import bind

    if kind == "bare":
        app = FastAPI()

        @app.get("/hello")
        def hello() -> dict[str, str]:
            return {"hello": "world"}

        sock = bind("127.0.0.1", port)
    else:  # "before": the sandbox on a socket as serve.py made it before (protocol 0)
        app = create_app(warm=True)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
    config = uvicorn.Config(app, lifespan="off", log_level="info")  # as sandbox serve
    uvicorn.Server(config).run(sockets=[sock])


@contextmanager
def server(kind: str) -> Iterator[str]:
    port = free_port()
    if kind == "sandbox":
        # in memory, as measured before state files: bench_persistence.py measures their cost
        command = [str(SANDBOX), "serve", "--port", str(port), "--ephemeral"]
    else:
        command = [sys.executable, __file__, "--serve", kind, str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process, kind)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def rate(url: str, call: Call, n: int, warmup: int, connections: int) -> float:
    """Requests per second of ``n`` calls over ``connections`` keep-alive connections."""
    counter = itertools.count()
    lock = threading.Lock()

    def take() -> int:
        with lock:
            return next(counter)

    clients = [httpx.Client(base_url=url, headers=NAMESPACE) for _ in range(connections)]
    try:
        per_client = n // connections
        barrier = threading.Barrier(connections + 1)

        def work(client: httpx.Client) -> None:
            for _ in range(warmup):  # each connection open and warm before the clock starts
                call(client, take()).raise_for_status()
            barrier.wait()
            for _ in range(per_client):
                call(client, take()).raise_for_status()

        threads = [threading.Thread(target=work, args=(client,)) for client in clients]
        for thread in threads:
            thread.start()
        barrier.wait()
        start = time.perf_counter()
        for thread in threads:
            thread.join()
        return per_client * connections / (time.perf_counter() - start)
    finally:
        for client in clients:
            client.close()


def token(url: str, municipality: str) -> dict[str, str]:
    body = {"role": "case_worker", "user_id": "bench", "municipality_code": municipality}
    issued = httpx.post(url + "/_control/tokens", json=body, headers=NAMESPACE).json()["token"]
    return {"Authorization": f"Bearer {issued}"}


def eligible(url: str, headers: dict[str, str]) -> list[str]:
    """Aarhus citizens who may choose both practices (neither is their doctor now)."""
    found = []
    with httpx.Client(base_url=url, headers=NAMESPACE | headers) as client:
        params: dict[str, str | int] = {"municipality_code": "0751", "limit": 1000}
        for person in client.get("/cpr/persons", params=params).json():
            path = f"/sygesikring/case-worker/citizens/{person['cpr']}/gp-choice/preview"
            answers = [client.post(path, json={"ydernummer": p}) for p in PRACTICES]
            if all(a.status_code == 200 and a.json()["allowed"] for a in answers):
                found.append(person["cpr"])
    return found


def sandbox_calls(url: str) -> dict[str, Call]:
    thisted, aarhus = token(url, "0787"), token(url, "0751")
    choosers = eligible(url, aarhus)
    overview = f"/sygesikring/case-worker/citizens/{OLIVIA}"
    rounds = itertools.count()  # one sequence over every GP-choice measurement

    def choose(client: httpx.Client, _: int) -> httpx.Response:
        index = next(rounds)
        cpr = choosers[index % len(choosers)]
        practice = PRACTICES[(index // len(choosers)) % len(PRACTICES)]
        path = f"/sygesikring/case-worker/citizens/{cpr}/gp-choice"
        return client.post(path, json={"ydernummer": practice}, headers=aarhus)

    return {
        "GET /_control/clock": lambda client, _: client.get("/_control/clock"),
        "citizen overview": lambda client, _: client.get(overview, headers=thisted),
        "GP choice (POST)": choose,
    }


def measure(n: int, warmup: int, before_n: int, rounds: int) -> list[dict[str, Any]]:
    """Every measurement ``rounds`` times, the bare app's right before the sandbox's in each
    round (a busy machine's load drifts); each figure is the median of its rounds."""
    found: dict[tuple[str, int], list[float]] = {}
    with server("bare") as bare_url, server("sandbox") as url:
        calls: dict[str, tuple[str, Call]] = {
            BARE: (bare_url, lambda client, _: client.get("/hello")),
        }
        calls |= {name: (url, call) for name, call in sandbox_calls(url).items()}
        for _ in range(rounds):
            for connections in (1, 20):
                for name, (where, call) in calls.items():
                    rps = rate(where, call, n, warmup, connections)
                    found.setdefault((name, connections), []).append(rps)
    if before_n:
        with server("before") as url:
            clock: Call = lambda client, _: client.get("/_control/clock")  # noqa: E731
            found[(BEFORE, 1)] = [rate(url, clock, before_n, 5, 1)]
    bare = {c: statistics.median(found[(BARE, c)]) for c in (1, 20)}
    return [
        row(name, connections, rates, bare[connections])
        for (name, connections), rates in sorted(found.items(), key=lambda item: item[0][1])
    ]


def row(name: str, connections: int, rates: list[float], bare: float) -> dict[str, Any]:
    rps = statistics.median(rates)
    return {
        "name": name,
        "connections": connections,
        "rps": round(rps, 1),
        "ratio": round(rps / bare, 3),
        "rounds": [round(rate, 1) for rate in rates],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=600, help="measured requests a measurement")
    parser.add_argument("--rounds", type=int, default=3, help="the median of this many")
    parser.add_argument("--warmup", type=int, default=20, help="per connection, unmeasured")
    parser.add_argument("--before", type=int, default=100, help="requests without NODELAY")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--serve", nargs=2, metavar=("KIND", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve_here(args.serve[0], int(args.serve[1]))
        return
    rows = measure(args.n, args.warmup, args.before, args.rounds)
    print("| measurement | connections | requests/s (median) | rounds, lowest-highest | share |")
    print("|---|---:|---:|---:|---:|")
    for found in rows:
        low, high = min(found["rounds"]), max(found["rounds"])
        print(
            f"| {found['name']} | {found['connections']} | {found['rps']:,.0f} "
            f"| {low:,.0f}-{high:,.0f} | {found['ratio']:.0%} |"
        )
    if args.json:
        summary = {"n": args.n, "rounds": args.rounds, "rows": rows}
        args.json.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
