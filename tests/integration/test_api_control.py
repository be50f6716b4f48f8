"""The control plane through HTTP: reset, seed, clock and the jobs it runs, faults that replay
from their seed, outage windows in simulated time, the request journal, namespaces."""

from __future__ import annotations

from fastapi import FastAPI

from tests.integration.api_support import (
    KLITMOLLER_8,
    OLIVIA,
    Sandbox,
    assert_error,
    sandbox_for,
)

CW = "/sygesikring/case-worker"
SMALL = {
    "name": "tiny",
    "seed": 7,
    "start": "2025-05-01",
    "duration_days": 1,
    "municipalities": ["0787"],
    "population": 30,
}


def choose(api: Sandbox, yder: str = "900103") -> dict[str, object]:
    worker = api.staff()
    response = api.post(
        f"{CW}/citizens/{OLIVIA}/gp-choice", headers=worker, json={"ydernummer": yder}
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_reset_returns_the_namespace_to_its_start(api: Sandbox) -> None:
    fresh = api.world()
    choose(api)
    api.post("/_control/clock/advance", json={"days": 3})
    assert api.world()["cases"] > 0
    reset = api.post("/_control/reset")
    assert reset.status_code == 200
    assert reset.json() == fresh
    assert api.get("/_control/journal/sygesikring").json() == []
    empty = api.post("/_control/reset", json={"empty": True}).json()
    assert empty["citizens"] == 0 and empty["practices"] == 0
    assert api.post("/_control/reset").json()["citizens"] == 0  # empty is kept


def test_seed_from_a_mapping_a_shipped_name_a_file_or_nothing(api: Sandbox) -> None:
    tiny = api.post("/_control/seed", json={"scenario": SMALL})
    assert tiny.status_code == 200, tiny.text
    assert tiny.json()["citizens"] == 30 and tiny.json()["now"] == "2025-05-01T09:00:00"
    assert tiny.json()["spec"]["scenario"]["name"] == "tiny"
    demo = api.post("/_control/seed", json={"world": "demo"}).json()
    assert demo["spec"]["kind"] == "demo" and demo["cpr_persons"] > demo["citizens"]
    assert api.post("/_control/seed", json={"world": "empty"}).json()["citizens"] == 0
    broken = dict(SMALL, population=-1)
    assert_error(api.post("/_control/seed", json={"scenario": broken}), 422, "SCENARIO_ERROR")
    missing = {"scenario_path": "no/such/scenario.yaml"}  # and no --scenarios folder
    assert_error(api.post("/_control/seed", json=missing), 404, "UNKNOWN_SCENARIO")
    both = {"world": "demo", "scenario": SMALL}
    assert_error(api.post("/_control/seed", json=both), 422, "INVALID_REQUEST")


def test_seed_a_shipped_scenario_by_name(api: Sandbox) -> None:
    seeded = api.post("/_control/seed", json={"scenario_path": "greenland-move"})
    assert seeded.status_code == 200, seeded.text
    assert api.get("/cpr/persons/0102700000").json()["status"] == "05"


def test_the_clock_reads_sets_and_only_moves_forward(api: Sandbox) -> None:
    clock = api.get("/_control/clock").json()
    assert clock == {"now": "2025-04-09T09:00:00", "today": "2025-04-09"}
    moved = api.put("/_control/clock", json={"now": "2025-04-12T08:00:00+02:00"})
    assert moved.status_code == 200, moved.text
    assert moved.json()["end"] == "2025-04-12T08:00:00"
    assert moved.json()["quiet_runs"] >= 3 * 3  # three midnights, the daily jobs at each
    assert_error(
        api.put("/_control/clock", json={"now": "2025-04-01T00:00:00"}), 409, "CLOCK_BACKWARDS"
    )
    assert_error(
        api.put("/_control/clock", json={"now": "2099-01-01T00:00:00"}), 422, "INVALID_INPUT"
    )
    assert_error(api.post("/_control/clock/advance", json={"days": -1}), 422, "INVALID_REQUEST")
    assert_error(
        api.post("/_control/clock/advance", json={"days": 3660, "hours": 48}), 422, "INVALID_INPUT"
    )


def test_advancing_retries_luna_after_an_outage_window(api: Sandbox) -> None:
    window = {"start": "2025-04-09T00:00:00", "end": "2025-04-09T12:00:00", "kind": "timeout"}
    assert api.put("/_control/faults/luna", json={"luna_windows": [window]}).status_code == 200
    case = choose(api)
    assert case["status"] == "awaiting_luna"
    advanced = api.post("/_control/clock/advance", json={"hours": 5}).json()
    relays = [run for run in advanced["runs"] if run["job"] == "relay-outbox"]
    times = [run["at"] for run in relays]
    assert times == sorted(times) and len(times) >= 3  # back-off: 30 s, 60 s, 120 s ...
    confirmed = next(run for run in relays if run["result"])  # once the window closed at 12:00
    assert confirmed["at"] > "2025-04-09T12:00:00"
    attempts = relays.index(confirmed) + 1
    worker = api.staff()
    details = api.get(f"{CW}/cases/{case['case_id']}", headers=worker).json()
    assert details["status"] == "completed"
    assert details["details"]["luna_attempts"] == attempts + 1  # and the first, at the choice
    calls = api.get(f"/luna/registrations/{case['case_id']}/calls").json()
    assert [c["outcome"] for c in calls][-1] == "ok"


def test_forced_luna_faults_and_a_dropped_answer_never_double(api: Sandbox) -> None:
    api.put("/_control/faults/luna", json={"luna_force_next": ["drop_after_commit"]})
    case = choose(api)
    assert case["status"] == "awaiting_luna"
    api.post("/_control/clock/advance", json={"minutes": 1})
    calls = api.get(f"/luna/registrations/{case['case_id']}/calls").json()
    assert [c["outcome"] for c in calls] == ["drop_after_commit", "duplicate"]
    assert api.get(f"/luna/registrations/{case['case_id']}").json()["received"] == 2


def test_run_a_job_now_and_read_the_job_log(api: Sandbox) -> None:
    run = api.post("/_control/jobs/relay-outbox")
    assert run.status_code == 200 and run.json()["result"] == 0
    for job in ("consume-cpr-feed", "practice-event-deadlines", "daily-work"):
        assert api.post(f"/_control/jobs/{job}").json()["error"] is None
    assert_error(api.post("/_control/jobs/nap"), 422, "INVALID_REQUEST")
    api.put("/_control/faults/luna", json={"luna_rates": {"error": 1.0}})
    choose(api)
    api.post("/_control/clock/advance", json={"minutes": 2})
    log = api.get("/_control/jobs").json()
    assert log and {entry["job"] for entry in log} == {"relay-outbox"}


def test_cpr_delivered_daily_reaches_the_system_at_midnight(api: Sandbox) -> None:
    assert api.put("/_control/settings", json={"cpr_delivery": "daily"}).status_code == 200
    assert api.get("/_control/settings").json() == {"cpr_delivery": "daily"}
    move = {
        "cpr": OLIVIA,
        "address": KLITMOLLER_8
        | {
            "house_number": "10",
            "city": "Thisted",
            "municipality_code": "0787",
            "lat": 57.04,
            "lon": 8.49,
        },
    }
    assert api.post("/cpr/life-events/move", json=move).status_code == 201
    worker = api.staff()
    before = api.get(f"{CW}/citizens/{OLIVIA}", headers=worker).json()["person"]["address"]
    assert "Gang 8" in before
    advanced = api.post("/_control/clock/advance", json={"days": 1}).json()
    assert [r["job"] for r in advanced["runs"]][:1] == ["consume-cpr-feed"]
    after = api.get(f"{CW}/citizens/{OLIVIA}", headers=worker).json()["person"]["address"]
    assert "Gang 10" in after


def test_http_faults_error_outage_and_drop_after_commit(api: Sandbox) -> None:
    assert api.put("/_control/faults/cpr", json={"error_rate": 1.0}).status_code == 200
    body = assert_error(api.get(f"/cpr/persons/{OLIVIA}"), 503, "SERVICE_UNAVAILABLE")
    assert body["fields"] == {"service": "CPR", "fault": "error"}
    api.delete("/_control/faults/cpr")
    assert api.get(f"/cpr/persons/{OLIVIA}").status_code == 200
    outage = {"outages": [{"start": "2025-04-09T10:00:00", "end": "2025-04-09T11:00:00"}]}
    api.put("/_control/faults/borger-dk", json=outage)
    assert api.post("/borger-dk/mitid/login", json={"cpr": OLIVIA}).status_code == 201
    api.post("/_control/clock/advance", json={"hours": 1})
    assert_error(
        api.post("/borger-dk/mitid/login", json={"cpr": OLIVIA}), 503, "SERVICE_UNAVAILABLE"
    )
    api.post("/_control/clock/advance", json={"hours": 1})
    assert api.post("/borger-dk/mitid/login", json={"cpr": OLIVIA}).status_code == 201
    api.put("/_control/faults/luna", json={"drop_after_commit_rate": 1.0})
    stray = {"key": "K-1", "kind": "gp_listing", "cpr": OLIVIA}
    assert_error(api.post("/luna/registrations", json=stray), 503, "SERVICE_UNAVAILABLE")
    api.delete("/_control/faults/luna")
    assert api.get("/luna/registrations/K-1").json()["received"] == 1  # committed all the same
    faults = api.get("/_control/faults").json()
    assert [f["service"] for f in faults] == ["cpr", "luna", "borger-dk"]
    assert_error(
        api.put("/_control/faults/cpr", json={"luna_rates": {"error": 1}}), 422, "INVALID_INPUT"
    )
    assert_error(api.put("/_control/faults/sygesikring", json={}), 422, "INVALID_REQUEST")
    assert api.put("/_control/faults/cpr", json={"latency_ms": 5}).json()["http"]["latency_ms"] == 5


def test_seeded_faults_replay_the_same_way(api: Sandbox) -> None:
    def run() -> list[int]:
        api.post("/_control/reset")
        api.put("/_control/faults/cpr", json={"error_rate": 0.5, "seed": 11})
        return [api.get(f"/cpr/persons/{OLIVIA}").status_code for _ in range(24)]

    first, second = run(), run()
    assert first == second and set(first) == {200, 503}


def test_the_journal_answers_verification_queries(api: Sandbox) -> None:
    api.get(f"/cpr/persons/{OLIVIA}")
    api.get("/cpr/persons/0101011234")
    api.get("/cpr/events", params={"after": 0})
    entries = api.get("/_control/journal/cpr").json()
    assert [(e["method"], e["path"], e["status"]) for e in entries] == [
        ("GET", f"/cpr/persons/{OLIVIA}", 200),
        ("GET", "/cpr/persons/0101011234", 404),
        ("GET", "/cpr/events", 200),
    ]
    assert entries[2]["query"] == "after=0" and entries[0]["at"] == "2025-04-09T09:00:00"
    count = api.get("/_control/journal/cpr/count", params={"path": "/cpr/persons/*"})
    assert count.json() == {"count": 2}
    assert api.get("/_control/journal/cpr/count", params={"status": 404}).json() == {"count": 1}
    after = api.get("/_control/journal/cpr", params={"after": entries[1]["sequence"]}).json()
    assert [e["path"] for e in after] == ["/cpr/events"]
    api.post("/borger-dk/mitid/login", json={"cpr": OLIVIA})
    logged = api.get("/_control/journal/borger-dk", params={"method": "post"}).json()
    assert logged[0]["body"] == {"cpr": OLIVIA}
    assert api.delete("/_control/journal/cpr").status_code == 204
    assert api.get("/_control/journal/cpr/count").json() == {"count": 0}


def test_namespaces_are_listed_and_deleted(app: FastAPI) -> None:
    with sandbox_for(app, "ns-listed") as sandbox:
        sandbox.get("/_control/namespace")
        assert "ns-listed" in sandbox.get("/_control/namespaces").json()
        assert sandbox.delete("/_control/namespaces/ns-listed").status_code == 204
        assert "ns-listed" not in sandbox.get("/_control/namespaces").json()
        assert_error(sandbox.delete("/_control/namespaces/ns-listed"), 404, "UNKNOWN_NAMESPACE")
        bad = sandbox.get("/_control/namespace", headers={"X-Sandbox-Namespace": "no spaces!"})
        assert_error(bad, 400, "INVALID_NAMESPACE")
