"""Requests per second of the sandbox API against a bare FastAPI hello-world, in the same run.

    .venv/bin/python benchmarks/bench_api.py            # 2000 requests per measurement
    .venv/bin/python benchmarks/bench_api.py -n 5000 --json api.json

Every request goes through ``httpx.ASGITransport`` (in-process ASGI, no socket), one after
another, so the figures compare the app's own cost per request:

- ``hello``: ``GET /hello`` of a bare FastAPI app with one sync route returning a dict;
- ``overview``: ``GET /sygesikring/case-worker/citizens/{cpr}`` (sikrede overblik: the namespace
  middleware and lock, the journal, token check, the view, an audit-log entry);
- ``gp_choice``: ``POST /sygesikring/case-worker/citizens/{cpr}/gp-choice`` round-robin over the
  demo world's Aarhus citizens for whom both 900201 and 900203 are allowed (a preview says so),
  alternating the two so each choice is allowed: rules, a case, LUNA through the outbox, the
  card order, the letter, the audit log.

Prints a Markdown table with the ratio hello/route (how many times slower than hello-world).
Timings belong here, never in tests (DESIGN.md principle 12).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sandbox.app import create_app  # noqa: E402

OLIVIA = "1209840000"
PRACTICES = ("900201", "900203")  # open, in Aarhus


def hello_app() -> FastAPI:
    app = FastAPI()

    @app.get("/hello")
    def hello() -> dict[str, str]:
        return {"hello": "world"}

    return app


async def rate(call: Callable[[int], Awaitable[httpx.Response]], n: int, warmup: int) -> float:
    """Requests per second over ``n`` calls after ``warmup`` unmeasured ones."""
    for index in range(warmup):
        (await call(index)).raise_for_status()
    start = time.perf_counter()
    for index in range(n):
        (await call(warmup + index)).raise_for_status()
    return n / (time.perf_counter() - start)


async def measure(n: int, warmup: int) -> dict[str, float]:
    transport = httpx.ASGITransport(app=hello_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        hello = await rate(lambda _: client.get("/hello"), n, warmup)

    sandbox = httpx.ASGITransport(app=create_app())
    headers = {"X-Sandbox-Namespace": "bench"}
    async with httpx.AsyncClient(
        transport=sandbox, base_url="http://bench", headers=headers
    ) as client:
        thisted = await token(client, "0787")
        citizen = f"/sygesikring/case-worker/citizens/{OLIVIA}"
        overview = await rate(lambda _: client.get(citizen, headers=thisted), n, warmup)
        aarhus = await token(client, "0751")
        choosers = await eligible(client, aarhus)

        def choose(index: int) -> Awaitable[httpx.Response]:
            cpr = choosers[index % len(choosers)]
            practice = PRACTICES[(index // len(choosers)) % len(PRACTICES)]
            url = f"/sygesikring/case-worker/citizens/{cpr}/gp-choice"
            return client.post(url, json={"ydernummer": practice}, headers=aarhus)

        gp_choice = await rate(choose, n, warmup)
    return {"hello": hello, "overview": overview, "gp_choice": gp_choice}


async def token(client: httpx.AsyncClient, municipality: str) -> dict[str, str]:
    body = {"role": "case_worker", "user_id": "bench", "municipality_code": municipality}
    issued = (await client.post("/_control/tokens", json=body)).json()["token"]
    return {"Authorization": f"Bearer {issued}"}


async def eligible(client: httpx.AsyncClient, headers: dict[str, str]) -> list[str]:
    """Aarhus citizens who may choose both practices (neither is their doctor now)."""
    params = {"municipality_code": "0751", "limit": 1000}
    found = []
    for person in (await client.get("/cpr/persons", params=params)).json():
        url = f"/sygesikring/case-worker/citizens/{person['cpr']}/gp-choice/preview"
        answers = [
            await client.post(url, json={"ydernummer": practice}, headers=headers)
            for practice in PRACTICES
        ]
        if all(a.status_code == 200 and a.json()["allowed"] for a in answers):
            found.append(person["cpr"])
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2000, help="measured requests per route")
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    figures = asyncio.run(measure(args.n, args.warmup))
    rows: list[dict[str, Any]] = []
    print("| measurement | requests/s | hello-world / this |")
    print("|---|---:|---:|")
    for name, rps in figures.items():
        ratio = figures["hello"] / rps
        rows.append({"name": name, "rps": round(rps, 1), "ratio": round(ratio, 2)})
        print(f"| {name} | {rps:,.0f} | {ratio:.1f}x |")
    if args.json:
        args.json.write_text(json.dumps({"n": args.n, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
