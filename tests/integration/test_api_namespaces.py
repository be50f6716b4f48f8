"""Namespaces: two namespaces, the same CPR number, different worlds; and requests to
different namespaces running side by side while one namespace runs one request at a time."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi import FastAPI

from sandbox.api.namespaces import NAMESPACE_BASE
from sandbox.api.world import WorldSpec
from sandbox.app import create_app
from tests.integration.api_support import KENT, OLIVIA, Sandbox, assert_error, sandbox_for

CW = "/sygesikring/case-worker"


def scenario_of(population: int) -> dict[str, object]:
    return {
        "name": f"people-{population}",
        "seed": 7,
        "start": "2025-05-01",
        "duration_days": 1,
        "municipalities": ["0787"],
        "population": population,
    }


@pytest.fixture(scope="module")
def app() -> FastAPI:
    return create_app()


def test_same_cpr_different_worlds(app: FastAPI) -> None:
    with sandbox_for(app, "iso-a") as a, sandbox_for(app, "iso-b") as b:
        a_worker, b_worker = a.staff(), b.staff()
        chosen = a.post(
            f"{CW}/citizens/{OLIVIA}/gp-choice", headers=a_worker, json={"ydernummer": "900103"}
        )
        assert chosen.status_code == 201
        a.post("/cpr/life-events/death", json={"cpr": KENT})
        a.post("/_control/clock/advance", json={"days": 2})
        a_card = a.get(f"{CW}/citizens/{OLIVIA}/gp-choice-card", headers=a_worker).json()
        b_card = b.get(f"{CW}/citizens/{OLIVIA}/gp-choice-card", headers=b_worker).json()
        assert a_card["current"]["ydernummer"] == "900103"
        assert b_card["current"]["ydernummer"] == "900101"
        assert a.get(f"/cpr/persons/{KENT}").json()["status"] == "90"
        assert b.get(f"/cpr/persons/{KENT}").json()["status"] == "01"
        assert a.get("/_control/clock").json()["today"] == "2025-04-11"
        assert b.get("/_control/clock").json()["today"] == "2025-04-09"
        assert a.world()["cases"] > 0 and b.world()["cases"] == 0
        assert b.get("/luna/registrations").json() == []
        assert a.get("/_control/journal/cpr/count").json()["count"] >= 2
        assert b.get("/_control/journal/cpr/count").json()["count"] == 1


def test_the_default_namespace_without_a_header(app: FastAPI) -> None:
    with sandbox_for(app, "x") as sandbox:
        plain = sandbox.client.get("/_control/namespace", headers={"X-Sandbox-Namespace": ""})
        assert plain.json()["namespace"] == "default"


def test_parallel_namespaces_do_not_interfere(app: FastAPI) -> None:
    def work(index: int) -> tuple[str, int]:
        with sandbox_for(app, f"par-{index}") as sandbox:
            worker = sandbox.staff()
            for yder in ("900103", "900104", "900102"):
                url = f"{CW}/citizens/{OLIVIA}/gp-choice"
                assert (
                    sandbox.post(url, headers=worker, json={"ydernummer": yder}).status_code == 201
                )
            card = sandbox.get(f"{CW}/citizens/{OLIVIA}/gp-choice-card", headers=worker).json()
            return card["current"]["ydernummer"], sandbox.world()["cases"]

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(work, range(8)))
    assert len(set(results)) == 1 and results[0][0] == "900102"


def test_one_namespace_serialises_its_requests(app: FastAPI) -> None:
    with sandbox_for(app, "serial") as sandbox:
        worker = sandbox.staff()

        def choose(yder: str) -> int:
            url = f"{CW}/citizens/{OLIVIA}/gp-choice"
            return sandbox.post(url, headers=worker, json={"ydernummer": yder}).status_code

        with ThreadPoolExecutor(max_workers=6) as pool:
            statuses = list(pool.map(choose, ["900103", "900104"] * 6))
        # in whatever order they ran, each was decided on a settled world: a choice of the
        # doctor one already has is refused, every other is a case with its own id
        assert set(statuses) <= {201, 409} and 201 in statuses
        cases = sandbox.get(f"{CW}/citizens/{OLIVIA}/cases", headers=worker).json()
        choices = [case for case in cases if case["type"] == "gp_choice"]
        assert len(choices) == statuses.count(201)
        assert len({case["case_id"] for case in cases}) == len(cases)
        luna = sandbox.get("/luna/registrations", params={"kind": "gp_listing"}).json()
        assert sorted(r["key"] for r in luna) == sorted(c["case_id"] for c in choices)


def test_the_namespace_budget_counts_residents(app: FastAPI) -> None:
    small = create_app(WorldSpec.empty(), namespace_budget=2 * NAMESPACE_BASE + 500)
    with sandbox_for(small, "one") as one, sandbox_for(small, "two") as two:
        assert one.world()["citizens"] == 0 and two.world()["citizens"] == 0
        with sandbox_for(small, "three") as three:
            body = assert_error(three.get("/_control/namespace"), 409, "NAMESPACE_BUDGET_EXCEEDED")
            assert str(2 * NAMESPACE_BASE + 500) in body["message_da"]
            assert str(2 * NAMESPACE_BASE + 500) in body["message_en"]
        # a world of 600 residents does not fit beside the other empty one; 400 do
        too_big = one.post("/_control/seed", json={"scenario": scenario_of(600)})
        assert_error(too_big, 409, "NAMESPACE_BUDGET_EXCEEDED")
        assert one.world()["citizens"] == 0  # refused before anything was built
        assert one.post("/_control/seed", json={"scenario": scenario_of(400)}).status_code == 200
        assert one.world()["citizens"] > 0
        one.delete("/_control/namespaces/two")
        with sandbox_for(small, "three") as three:
            assert three.world()["namespace"] == "three"


def test_sandbox_helper_is_a_sandbox() -> None:
    assert Sandbox.__doc__
