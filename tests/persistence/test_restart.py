"""A served world lasts: namespaces with cases, letters, LUNA registrations, a moved clock,
faults and tokens are the same after `sandbox serve` is stopped and started again, after it is
killed with SIGKILL in the middle of a burst of writes, and when the snapshot it wrote came
from other code (the world is rebuilt from its journal)."""

from __future__ import annotations

import sqlite3
import threading

import httpx

from tests.persistence.conftest import Served, state_of

STORM = "0102700000"
HOME = {
    "street": "P. Madsens Gang",
    "house_number": "4",
    "postcode": "7700",
    "city": "Thisted",
    "municipality_code": "0787",
    "locality": "Klitmøller",
}


def populate(http: httpx.Client) -> dict[str, str]:
    """Storm's move from Greenland (a case, a letter, LUNA), a case worker, a moved clock,
    faults; the tokens issued on the way."""
    login = http.post("/borger-dk/mitid/login", json={"cpr": "010270-0000"})
    assert login.status_code == 201, login.text
    storm = login.json()["token"]
    choice = {"municipality_code": "0787", "address": HOME, "ydernummer": "900102"}
    pending = http.post(
        "/sygesikring/self-service/greenland-move",
        headers={"Authorization": f"Bearer {storm}"},
        json=choice,
    )
    assert pending.status_code == 201, pending.text
    moved = http.post(
        "/cpr/life-events/move-from-greenland",
        json={"cpr": STORM, "address": HOME | {"lat": 57.0406, "lon": 8.4905}},
    )
    assert moved.status_code == 201, moved.text
    staff = http.post(
        "/_control/tokens",
        json={"role": "case_worker", "user_id": "sb", "municipality_code": "0787"},
    ).json()["token"]
    assert http.post("/_control/clock/advance", json={"days": 2, "hours": 3}).status_code == 200
    faults = {"error_rate": 0.5, "seed": 7}
    assert http.put("/_control/faults/cpr", json=faults).status_code == 200
    for _ in range(5):  # draws from the seeded faults: the next draw must survive the restart
        http.get(f"/cpr/persons/{STORM}")
    return {"citizen": storm, "staff": staff, "case": pending.json()["case_id"]}


def test_namespaces_cases_clock_faults_and_tokens_survive_a_restart(served: Served) -> None:
    served.start()
    before = {}
    tokens = {}
    for name in ("team-a", "team-b", "course-1"):
        with served.client(name) as http:
            tokens[name] = populate(http)
            before[name] = state_of(http)
    served.restart()
    for name in ("team-a", "team-b", "course-1"):
        with served.client(name) as http:
            assert state_of(http) == before[name]
            me = http.get(
                "/sygesikring/self-service/me",
                headers={"Authorization": f"Bearer {tokens[name]['citizen']}"},
            )
            assert me.status_code == 200, me.text
            case = http.get(
                f"/sygesikring/case-worker/cases/{tokens[name]['case']}",
                headers={"Authorization": f"Bearer {tokens[name]['staff']}"},
            )
            assert case.status_code == 200, case.text
            assert case.json()["status"] == "completed"
    with served.client() as http:
        assert {"team-a", "team-b", "course-1"} <= set(http.get("/_control/namespaces").json())


def test_a_deleted_namespace_stays_deleted(served: Served) -> None:
    served.start()
    with served.client("gone") as http:
        http.post("/_control/clock/advance", json={"days": 1})
        assert http.delete("/_control/namespaces/gone").status_code == 204
    served.restart()
    with served.client() as http:
        assert "gone" not in http.get("/_control/namespaces").json()


def _burst(served: Served, name: str, acked: list[int], stop: threading.Event) -> None:
    with served.client(name) as http:
        while not stop.is_set():
            try:
                answer = http.post("/_control/clock/advance", json={"minutes": 1})
            except httpx.HTTPError:
                return  # the server died under us
            if answer.status_code == 200:
                acked.append(1)


def test_sigkill_in_a_burst_of_writes_loses_no_acknowledged_request(served: Served) -> None:
    served.start()
    names = [f"burst-{i}" for i in range(3)]
    starts = {}
    for name in names:
        with served.client(name) as http:
            starts[name] = http.get("/_control/clock").json()["now"]
    acked: dict[str, list[int]] = {name: [] for name in names}
    stop = threading.Event()
    workers = [
        threading.Thread(target=_burst, args=(served, name, acked[name], stop)) for name in names
    ]
    for worker in workers:
        worker.start()
    while min(len(a) for a in acked.values()) < 40:  # well inside the burst
        threading.Event().wait(0.01)
    served.kill()
    stop.set()
    for worker in workers:
        worker.join(30)
    served.start()
    for name in names:
        with served.client(name) as http:
            now = http.get("/_control/clock").json()["now"]
            minutes = _minutes_between(starts[name], now)
            # every acknowledged advance once; at most the one in flight at the kill besides
            assert len(acked[name]) <= minutes <= len(acked[name]) + 1, (name, minutes)


def _minutes_between(start: str, end: str) -> int:
    from datetime import datetime

    delta = datetime.fromisoformat(end) - datetime.fromisoformat(start)
    return int(delta.total_seconds() // 60)


def test_a_snapshot_from_other_code_is_ignored_and_the_journal_replayed(served: Served) -> None:
    served.start()
    with served.client("old") as http:
        populate(http)
        before = state_of(http)
    served.restart()  # a restart that replayed a whole journal leaves a snapshot
    served.stop()
    with sqlite3.connect(served.state) as db:  # as if another version had written it
        assert db.execute("SELECT COUNT(*) FROM world_snapshots").fetchone()[0] >= 1
        db.execute("UPDATE world_snapshots SET version='0.0.1+other', world=x'00'")
    served.start()
    with served.client("old") as http:
        assert state_of(http) == before
