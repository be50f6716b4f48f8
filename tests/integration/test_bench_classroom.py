"""The classroom benchmark's machinery, briefly: a real `sandbox serve`, worlds made on the
trainer page, two trainees clicking through the samlever and Greenland demos once each with no
think time. Every page must be what the step expects (no error) and every kind of page must have
been visited. Then how a page is judged (an error box, a wrong page status, a missing text, an
expected refusal) and that a click with no answer counts as an error. No timing is asserted:
the figures belong in benchmarks/README.md."""

from __future__ import annotations

import importlib.util
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType

import httpx

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_classroom.py"


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_classroom", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_two_trainees_click_through_both_demos_without_an_error() -> None:
    bench = load_bench()
    options = {"think": (0.0, 0.0), "rounds": 1, "baseline_rounds": 1}
    # a thread of its own, so the event loops the bench starts are the only ones, whatever else
    # this test process already runs (the browser tests' driver keeps one in the main thread)
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(bench.run, 2, 600.0, 7, **options).result()
    assert result["errors"] == 0, result["first_errors"]
    assert result["server_tracebacks"] == 0
    assert result["rounds_finished"] == 2
    kinds = set(result["kinds"])
    assert kinds == set(result["baseline"]["kinds"])  # the lone trainee clicked the same pages
    expected = {
        "login page",
        "log in (case worker)",
        "find by name",
        "citizen overview",
        "CPR: a move (API)",
        "run the daily jobs",
        "find by CPR",
        "MitID page",
        "MitID login",
        "GP-choice preview",
        "samlever (refused)",
        "samlever",
        "GP choice (self-service)",
        "self-service page",
        "log out (citizen)",
        "Greenland: choice ahead of the move",
        "self-service case",
        "case details",
        "GP-choice history",
        "tasks",
        "reset (trainer page)",
    }
    assert kinds == expected
    # two trainees, a round each, the lone trainee one: every kind twice as often as alone
    once = {kind: found["pages"] for kind, found in result["baseline"]["kinds"].items()}
    assert {kind: found["pages"] for kind, found in result["kinds"].items()} == {
        kind: 2 * count for kind, count in once.items()
    }
    assert result["server_peak_rss_mib"] > 0


def test_a_page_with_an_error_or_without_its_text_is_counted_as_an_error() -> None:
    bench = load_bench()
    request = httpx.Request("GET", "http://sandbox/console/opgaver")

    def page(text: str, status: str = "200", http: int = 200) -> httpx.Response:
        headers = {"X-Sandbox-Status": status}
        return httpx.Response(http, text=text, headers=headers, request=request)

    fine = '<p data-testid="namespace">elev-01</p>'
    wanted = ('data-testid="namespace">elev-01<',)
    assert bench.page_problem(page(fine), wanted, "") == ""
    assert "HTTP 500" in bench.page_problem(page(fine, http=500), wanted, "")
    assert "page status 422" in bench.page_problem(page(fine, "422"), wanted, "")
    boxed = fine + '<div class="error" role="alert" data-code="RULE_REFUSED">'
    assert "RULE_REFUSED" in bench.page_problem(page(boxed), wanted, "")
    assert "not on" in bench.page_problem(page("<p>default</p>"), wanted, "")
    # an expected refusal: its code and a 4xx page status, nothing else will do
    assert bench.page_problem(page(boxed, "409"), wanted, "RULE_REFUSED") == ""
    assert "expected the refusal" in bench.page_problem(page(fine), wanted, "RULE_REFUSED")
    other = fine + '<div class="error" role="alert" data-code="INVALID_CPR">'
    assert "expected the refusal" in bench.page_problem(page(other, "422"), wanted, "RULE_REFUSED")


def test_a_click_that_gets_no_answer_is_an_error_and_the_trainee_goes_on() -> None:
    bench = load_bench()
    log = bench.Log()
    nobody = f"http://127.0.0.1:{bench.free_port()}"  # nothing listens there

    async def two_clicks() -> None:
        rng = bench.random.Random(1)
        trainee = bench.Trainee(nobody, "elev-01", rng, (0.0, 0.0), log, float("inf"))
        await trainee.click("login page", "GET", "/console/login")
        await trainee.api("CPR: a move (API)", "/cpr/life-events/move", {})
        await trainee.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(bench.asyncio.run, two_clicks()).result()
    assert [(page.kind, page.status) for page in log.pages] == [
        ("login page", 0),
        ("CPR: a move (API)", 0),
    ]
    assert all("ConnectError" in page.problem for page in log.pages)
    assert log.requests == 2
