"""A classroom on one machine: trainees, each in a world (namespace) of their own made by the
trainer page, clicking through the samlever and Greenland demos' pages in the console with think
time between clicks, against one ``sandbox serve``. Page times, errors and the server's memory.

    .venv/bin/python benchmarks/bench_classroom.py                  # 30 trainees, 300 s
    .venv/bin/python benchmarks/bench_classroom.py --trainees 5 --duration 60 --json out.json

One ``sandbox serve --ephemeral`` (the demo world) on a free loopback port, in its own process;
the trainees run in this one (asyncio, one `httpx.AsyncClient` each, with its own cookies, as a
browser tab). The trainer logs in to the console and makes a world per trainee on the trainer
page (``POST /console/undervisning/ny``, the demo world). Then each trainee, over and over:

- as a Thisted case worker: the login page, log in, find Olivia by name, her overview;
- CPR registers Kent's move to P. Madsens Gang 8, Klitmøller (the fake CPR's API, as the demo's
  script does), and the bar's "run the daily jobs now" reads it; Kent's overview by CPR number;
- as Kent, through the simulated MitID login: his self-service page, the preview of Olivia's
  closed doctor (refused), Sigrid as samlever (refused: not at the moving-in address), Olivia as
  samlever (the receipt), the preview again (allowed), the choice (the receipt with its letter),
  his page, log out;
- as Storm Henningsen: the GP choice ahead of his move from Greenland (pending); CPR registers
  the move, the daily jobs approve it; his page, the case, log out;
- as the case worker again: Storm's overview, both cases (letters, LUNA), Kent's GP-choice
  history, the task overview; then the trainer page's reset of the trainee's own world (which
  ends the sessions, so the next round logs in again).

A click is one timed page: the request and the redirects a browser follows after it (a form's
303). Every answer is checked: the HTTP status, the page's own status (``X-Sandbox-Status``: a
refused form is a page that answers 200), no error box where none is expected, the text the
step must show (the trainee's namespace in the bar, the case's status ...). The two refusals
the demo is about are expected, with their codes. Think time before each click is drawn from a
`random.Random` seeded per trainee from ``--seed``.

Baseline, in the same run and on the same server before the classroom: one trainee alone, with
no think time, ``--baseline-rounds`` rounds; ratios are the classroom's p95 over the lone
trainee's. Memory: the server's peak resident set (``VmHWM`` of ``/proc/<pid>/status``). Timings
belong here, never in tests (DESIGN.md principle 12).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_served import free_port, wait_until_up

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
TRAINER_USER = "case_worker|sb-aarhus-1|0751"  # the trainer's own session, namespace "default"
CASE_WORKER = "case_worker|sb-thisted-1|0787"  # Klitmøller is in Thisted
KENT, SIGRID, OLIVIA, STORM = "150596-3001", "140397-4002", "120984-0000", "010270-0000"
KLITMOLLER_CLOSED = "900101"  # Olivia's doctor, closed for new patients
HANSTHOLM = "900102"
KLITMOLLER = {
    "street": "P. Madsens Gang",
    "postcode": "7700",
    "city": "Thisted",
    "municipality_code": "0787",
    "locality": "Klitmøller",
}
ERROR_BOX = 'role="alert"'
MAX_REDIRECTS = 5
TICKS = os.sysconf("SC_CLK_TCK")


class Stop(Exception):
    """The classroom's time is up (raised before a click, never during one)."""


@dataclass
class Page:
    """One timed click: its kind, seconds, final HTTP status and what was wrong (or '')."""

    kind: str
    seconds: float
    status: int
    problem: str = ""
    cpu_ms: float | None = None  # the server's CPU time meanwhile (the lone trainee only)


@dataclass
class Log:
    """Every click of a run."""

    pages: list[Page] = field(default_factory=list)
    requests: int = 0

    def add(self, page: Page) -> None:
        self.pages.append(page)


class Trainee:
    """One browser: its own cookies, its own world (``namespace``) and think time."""

    def __init__(
        self,
        url: str,
        namespace: str,
        rng: random.Random,
        think: tuple[float, float],
        log: Log,
        deadline: float,
        cpu: Callable[[], float] | None = None,
    ) -> None:
        self.cpu = cpu
        self.http = httpx.AsyncClient(base_url=url, timeout=60.0, headers=HTML)
        self.namespace = namespace
        self.rng = rng
        self.think = think
        self.log = log
        self.deadline = deadline

    async def pause(self) -> None:
        """Think before the next click; stop when the classroom's time is up."""
        wait = self.rng.uniform(*self.think) if self.think[1] > 0 else 0.0
        if time.monotonic() + wait >= self.deadline:
            raise Stop
        await asyncio.sleep(wait)

    async def click(
        self,
        kind: str,
        method: str,
        path: str,
        *,
        data: dict[str, str] | None = None,
        shows: tuple[str, ...] = (),
        refused: str = "",
        own: bool = True,
    ) -> str:
        """One click, its redirects followed; checked, timed and logged. ``refused``: the
        typed error's code the page must show (the step is a refusal the demo is about);
        ``own``: the page's bar must show the trainee's namespace."""

        async def send() -> httpx.Response:
            response = await self.http.request(method, path, data=data)
            for _ in range(MAX_REDIRECTS):
                if response.status_code not in (302, 303, 307):
                    break
                self.log.requests += 1
                response = await self.http.get(response.headers["location"])
            return response

        expected = shows + ((f'data-testid="namespace">{self.namespace}<',) if own else ())
        return await self.timed(kind, send, lambda page: page_problem(page, expected, refused))

    async def api(self, kind: str, path: str, body: dict[str, Any]) -> None:
        """A call to the fake CPR's API in the trainee's world (what the demo's script makes
        happen outside Sygesikring); 201 expected."""
        headers = {"X-Sandbox-Namespace": self.namespace, "Accept": "application/json"}

        async def send() -> httpx.Response:
            return await self.http.post(path, json=body, headers=headers)

        def judge(response: httpx.Response) -> str:
            return "" if response.status_code == 201 else f"HTTP {response.status_code}"

        await self.timed(kind, send, judge)

    async def timed(
        self,
        kind: str,
        send: Callable[[], Awaitable[httpx.Response]],
        judge: Callable[[httpx.Response], str],
    ) -> str:
        """Think, then send, time, judge and log one click; its page's text."""
        await self.pause()
        cpu = self.cpu() if self.cpu else 0.0
        start = time.perf_counter()
        self.log.requests += 1
        try:
            response: httpx.Response | None = await send()
        except httpx.HTTPError as error:  # no answer is an error too; the round goes on
            response = None
            problem = f"{type(error).__name__}: {error}"
        seconds = time.perf_counter() - start
        if response is not None:
            problem = judge(response)
        used = (self.cpu() - cpu) * 1000 if self.cpu else None
        status = response.status_code if response is not None else 0
        self.log.add(Page(kind, seconds, status, problem, used))
        return response.text if response is not None else ""

    async def close(self) -> None:
        await self.http.aclose()


def page_problem(response: httpx.Response, shows: tuple[str, ...], refused: str) -> str:
    """What is wrong with a page ('' when nothing): a 4xx/5xx, a page status other than the
    one expected, an error box where none belongs, a missing text."""
    if response.status_code != 200:
        return f"HTTP {response.status_code} at {response.url.path}"
    text = response.text
    page_status = response.headers.get("X-Sandbox-Status", "200")
    if refused:
        if page_status.startswith("2") or f'data-code="{refused}"' not in text:
            return f"expected the refusal {refused}, got page status {page_status}"
    elif page_status != "200" or ERROR_BOX in text:
        codes = re.findall(r'data-code="([^"]+)"', text)
        return f"page status {page_status}, error {codes} at {response.url.path}"
    for needed in shows:
        if needed not in text:
            return f"{needed!r} not on {response.url.path}"
    return ""


def case_id(text: str) -> str:
    """The case a receipt or case page shows (its heading: "<type> · <case id>")."""
    found = re.search(r"<h2>[^<]*· ([^<\s]+)</h2>", text)
    return found.group(1) if found else "-"


def digits(cpr: str) -> str:
    return cpr.replace("-", "")


async def one_round(t: Trainee) -> None:
    """The samlever and Greenland demos by hand, once, ending with the world's reset."""
    ns = t.namespace
    # the case worker of Thisted
    await t.click("login page", "GET", f"/console/login?navnerum={ns}", shows=("|sb-thisted-1|",))
    login = {"navnerum": ns, "bruger": CASE_WORKER}
    await t.click("log in (case worker)", "POST", "/console/login", data=login)
    await t.click("find by name", "GET", "/console/sikrede?q=Olivia+Jensen", shows=(OLIVIA,))
    olivia = f"/console/sikrede/{digits(OLIVIA)}"
    await t.click("citizen overview", "GET", olivia, shows=("Olivia Jensen",))
    # Kent moves to Olivia's address; the daily jobs read CPR's feed
    where = KLITMOLLER | {"house_number": "8", "lat": 57.0407, "lon": 8.4908}
    body = {"cpr": digits(KENT), "address": where}
    await t.api("CPR: a move (API)", "/cpr/life-events/move", body)
    jobs = {"tilbage": olivia}
    await t.click("run the daily jobs", "POST", "/console/ur/job", data=jobs, shows=("data-job",))
    await t.click("find by CPR", "GET", f"/console/sikrede?q={KENT}", shows=("Kent Hansen",))
    # Kent in the self-service
    mitid = f"/console/mitid?kommuneid=0787&navnerum={ns}"
    await t.click("MitID page", "GET", mitid, shows=("Log på med MitID",))
    kent = {"cpr": KENT, "kommuneid": "0787", "navnerum": ns}
    await t.click("MitID login", "POST", "/console/mitid", data=kent, shows=("current-doctor",))
    preview = "/console/selvbetjening/laegevalg/forhaandsvisning"
    closed = {"ydernummer": KLITMOLLER_CLOSED, "kommuneid": "0787"}
    no = ('data-testid="preview-allowed">Nej', "PRACTICE_CLOSED")
    await t.click("GP-choice preview", "POST", preview, data=closed, shows=no)
    address = {"street": "P. Madsens Gang", "house_number": "8", "postcode": "7700"}
    sigrid = {"samlever_cpr": SIGRID, "kommuneid": "0787"} | address
    await t.click(
        "samlever (refused)",
        "POST",
        "/console/selvbetjening/samlever",
        data=sigrid,
        shows=("Det er ikke muligt at angive dette CPR-nummer som samlever",),
        refused="RULE_REFUSED",
    )
    olivia_form = {"samlever_cpr": OLIVIA, "kommuneid": "0787"} | address
    done = ("Kvittering", "completed")
    await t.click(
        "samlever", "POST", "/console/selvbetjening/samlever", data=olivia_form, shows=done
    )
    yes = ('data-testid="preview-allowed">Ja', "DECLARED_COHABITANT")
    await t.click("GP-choice preview", "POST", preview, data=closed, shows=yes)
    receipt = await t.click(
        "GP choice (self-service)",
        "POST",
        "/console/selvbetjening/laegevalg",
        data=closed,
        shows=(*done, 'class="letter"'),
    )
    kent_case = case_id(receipt)
    mine = "/console/selvbetjening?kommuneid=0787"
    doctor = 'data-testid="current-doctor">Lægerne i Klitmøller (900101)'
    await t.click("self-service page", "GET", mine, shows=(doctor,))
    out = "/console/selvbetjening/logout"
    # (the MitID page after logging out is the default namespace's: the bar shows "default")
    await t.click("log out (citizen)", "POST", out, shows=("Log på med MitID",), own=False)
    # Storm Henningsen, ahead of his move from Greenland
    storm = {"cpr": STORM, "kommuneid": "0787", "navnerum": ns}
    ahead = ("Vælg læge før flytning fra Grønland",)
    await t.click("MitID login", "POST", "/console/mitid", data=storm, shows=ahead)
    greenland = {
        "ydernummer": HANSTHOLM,
        "street": "P. Madsens Gang",
        "house_number": "4",
        "postcode": "7700",
        "city": "Thisted",
        "locality": "Klitmøller",
        "kommuneid": "0787",
    }
    pending = await t.click(
        "Greenland: choice ahead of the move",
        "POST",
        "/console/selvbetjening/groenland",
        data=greenland,
        shows=("Kvittering", "pending"),
    )
    storm_case = case_id(pending)
    home = KLITMOLLER | {"house_number": "4", "lat": 57.0406, "lon": 8.4905}
    body = {"cpr": digits(STORM), "address": home}
    await t.api("CPR: a move (API)", "/cpr/life-events/move-from-greenland", body)
    await t.click("run the daily jobs", "POST", "/console/ur/job", data=jobs, shows=("data-job",))
    doctor = 'data-testid="current-doctor">Lægehuset Hanstholm (900102)'
    await t.click("self-service page", "GET", mine, shows=(doctor, 'data-testid="group">1<'))
    mine_case = f"/console/selvbetjening/forloeb/{storm_case}?kommuneid=0787"
    await t.click("self-service case", "GET", mine_case, shows=(storm_case, "completed"))
    await t.click("log out (citizen)", "POST", out, shows=("Log på med MitID",), own=False)
    # the case worker again: what the demos left behind
    storm_page = f"/console/sikrede/{digits(STORM)}"
    await t.click("citizen overview", "GET", storm_page, shows=("Storm Henningsen",))
    for case in (kent_case, storm_case):
        lines = (case, "completed", 'class="letter"')
        await t.click("case details", "GET", f"/console/forloeb/{case}", shows=lines)
    history = f"/console/sikrede/{digits(KENT)}/historik"
    await t.click("GP-choice history", "GET", history, shows=(KLITMOLLER_CLOSED,))
    await t.click("tasks", "GET", "/console/opgaver", shows=("Opgaveoverblik",))
    reset = {"navn": ns}
    mark = (f'data-namespace="{ns}"',)
    await t.click(
        "reset (trainer page)", "POST", "/console/undervisning/nulstil", data=reset, shows=mark
    )


@dataclass
class Server:
    """The `sandbox serve` process: its URL, pid and log (its stderr, for tracebacks)."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def peak_rss_mib(self) -> float:
        """``VmHWM``: the most memory the process ever had resident."""
        return status_kib(self.process.pid, "VmHWM") / 1024

    def rss_mib(self) -> float:
        return status_kib(self.process.pid, "VmRSS") / 1024

    def cpu_seconds(self) -> float:
        """User and system CPU time of the process, all its threads (in clock ticks: 10 ms)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS

    def tracebacks(self) -> int:
        return self.log.read_text(errors="replace").count("Traceback")


def status_kib(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


@contextmanager
def sandbox_server() -> Iterator[Server]:
    """``sandbox serve --port P --ephemeral`` (the demo world, in memory) until the end."""
    port = free_port()
    sandbox = Path(sys.executable).parent / "sandbox"
    command = [str(sandbox), "serve", "--port", str(port), "--ephemeral"]
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "serve.log"
        with log.open("wb") as sink:
            process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(url, process, "sandbox serve")
            yield Server(url, process, log)
        finally:
            process.terminate()
            process.wait(10)


def names(count: int) -> list[str]:
    return [f"elev-{index + 1:02d}" for index in range(count)]


async def make_worlds(url: str, namespaces: list[str]) -> float:
    """The trainer's part: log in and make each trainee's world on the trainer page; seconds."""
    start = time.perf_counter()
    async with httpx.AsyncClient(base_url=url, headers=HTML, timeout=60.0) as trainer:
        answer = await trainer.post("/console/login", data={"bruger": TRAINER_USER})
        if answer.status_code != 303:
            raise RuntimeError(f"the trainer could not log in: {answer.status_code}")
        for name in namespaces:
            made = await trainer.post(
                "/console/undervisning/ny", data={"navn": name, "kilde": "demo"}
            )
            if made.status_code != 303:
                raise RuntimeError(f"no world for {name}: {made.status_code} {made.text[:300]}")
        page = (await trainer.get("/console/undervisning")).text
        missing = [name for name in namespaces if f'data-namespace="{name}"' not in page]
        if missing:
            raise RuntimeError(f"the trainer page does not list {missing}")
    return time.perf_counter() - start


async def trainee_loop(trainee: Trainee, rounds: int | None) -> int:
    """Rounds until the time is up (or ``rounds`` are done); the rounds finished."""
    finished = 0
    try:
        while rounds is None or finished < rounds:
            await one_round(trainee)
            finished += 1
    except Stop:
        pass
    finally:
        await trainee.close()
    return finished


async def classroom(
    url: str,
    namespaces: list[str],
    seed: int,
    think: tuple[float, float],
    seconds: float,
    rounds: int | None,
    cpu: Callable[[], float] | None = None,
) -> tuple[Log, list[int], float]:
    """Every trainee at once; the log, each one's finished rounds and the wall time."""
    log = Log()
    deadline = time.monotonic() + seconds
    trainees = [
        Trainee(url, name, random.Random(f"{seed}:{name}"), think, log, deadline, cpu)
        for name in namespaces
    ]
    start = time.perf_counter()
    done = await asyncio.gather(*(trainee_loop(t, rounds) for t in trainees))
    return log, list(done), time.perf_counter() - start


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1) of ``values``."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def figures(pages: list[Page]) -> dict[str, Any]:
    """p50/p95/p99/max in milliseconds and the count of a list of clicks."""
    ms = [page.seconds * 1000 for page in pages]
    found = {
        "pages": len(ms),
        "p50_ms": round(percentile(ms, 0.50), 1),
        "p95_ms": round(percentile(ms, 0.95), 1),
        "p99_ms": round(percentile(ms, 0.99), 1),
        "max_ms": round(max(ms), 1),
    }
    cpu = [page.cpu_ms for page in pages if page.cpu_ms is not None]
    if cpu:  # ticks of 10 ms: only the mean of many clicks means something
        found["server_cpu_ms_mean"] = round(sum(cpu) / len(cpu), 1)
    return found


def by_kind(pages: list[Page]) -> dict[str, dict[str, Any]]:
    kinds: dict[str, list[Page]] = {}
    for page in pages:
        kinds.setdefault(page.kind, []).append(page)
    return {kind: figures(found) for kind, found in kinds.items()}


def run(
    trainees: int,
    duration: float,
    seed: int,
    think: tuple[float, float] = (1.0, 3.0),
    rounds: int | None = None,
    baseline_rounds: int = 3,
    progress: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    """The whole benchmark: server, worlds, the lone trainee, the classroom; the figures."""
    with sandbox_server() as server:
        namespaces = names(trainees)
        made = asyncio.run(make_worlds(server.url, ["alene", *namespaces]))
        progress(f"{trainees + 1} worlds made in {made:.1f} s")
        alone, _, _ = asyncio.run(
            classroom(
                server.url, ["alene"], seed, (0.0, 0.0), 3600.0, baseline_rounds, server.cpu_seconds
            )
        )
        progress(f"the lone trainee: {len(alone.pages)} pages")
        cpu, mine = server.cpu_seconds(), time.process_time()
        log, done, wall = asyncio.run(
            classroom(server.url, namespaces, seed, think, duration, rounds)
        )
        cpu, mine = server.cpu_seconds() - cpu, time.process_time() - mine
        errors = [page for page in [*alone.pages, *log.pages] if page.problem]
        result = {
            "trainees": trainees,
            "duration_s": duration,
            "seed": seed,
            "think_s": list(think),
            "worlds_made_s": round(made, 2),
            "wall_s": round(wall, 1),
            "rounds_finished": sum(done),
            "requests": log.requests,
            "requests_per_s": round(log.requests / wall, 1) if wall else 0.0,
            "errors": len(errors),
            "first_errors": [f"{page.kind}: {page.problem}" for page in errors[:10]],
            "server_tracebacks": server.tracebacks(),
            "server_cpu_s": round(cpu, 1),
            "server_cores_busy": round(cpu / wall, 2) if wall else 0.0,
            "client_cpu_s": round(mine, 1),  # the trainees' side shares the machine too
            "server_peak_rss_mib": round(server.peak_rss_mib(), 1),
            "server_rss_end_mib": round(server.rss_mib(), 1),
            "overall": figures(log.pages) if log.pages else {},
            "kinds": by_kind(log.pages),
            "baseline": {
                "what": f"one trainee alone, no think time, {baseline_rounds} rounds",
                "overall": figures(alone.pages) if alone.pages else {},
                "kinds": by_kind(alone.pages),
            },
        }
    return result


def report(result: dict[str, Any]) -> str:
    """The figures as a Markdown table, p95 beside the lone trainee's."""
    base = result["baseline"]["kinds"]
    lines = [
        f"{result['trainees']} trainees, {result['wall_s']} s, {result['rounds_finished']} rounds,"
        f" {result['requests']} requests ({result['requests_per_s']}/s), errors"
        f" {result['errors']}, server tracebacks {result['server_tracebacks']}, server CPU"
        f" {result['server_cpu_s']} s ({result['server_cores_busy']} cores), the trainees' CPU"
        f" {result['client_cpu_s']} s, server peak RSS"
        f" {result['server_peak_rss_mib']} MiB (end {result['server_rss_end_mib']} MiB)",
        "",
        "| page | clicks | p50 ms | p95 ms | p99 ms | max ms | alone p95 ms | p95 / alone"
        " | server CPU ms (alone) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = [("all pages", result["overall"], result["baseline"]["overall"])]
    rows += [(kind, found, base.get(kind, {})) for kind, found in result["kinds"].items()]
    for kind, found, alone in rows:
        if not found:
            continue
        lone = alone.get("p95_ms")
        ratio = f"{found['p95_ms'] / lone:.1f}" if lone else "-"
        lines.append(
            f"| {kind} | {found['pages']} | {found['p50_ms']} | {found['p95_ms']} "
            f"| {found['p99_ms']} | {found['max_ms']} | {lone if lone else '-'} | {ratio} "
            f"| {alone.get('server_cpu_ms_mean', '-')} |"
        )
    for problem in result["first_errors"]:
        lines.append(f"error: {problem}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=30)
    parser.add_argument("--duration", type=float, default=300.0, help="seconds")
    parser.add_argument("--seed", type=int, default=20250409, help="of the think times")
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"))
    parser.add_argument("--baseline-rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    result = run(
        args.trainees,
        args.duration,
        args.seed,
        tuple(args.think),
        baseline_rounds=args.baseline_rounds,
        progress=lambda text: print(text, file=sys.stderr),
    )
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
