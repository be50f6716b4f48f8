"""The bar's clock buttons and the trainer page over HTTP (fast): who may use them (a staff
session; with a control key, one that logged in with it), what they do to the world, and the
typed errors they give."""

from __future__ import annotations

import base64
import json

import httpx

from sandbox.adapters.http import in_process_client
from sandbox.app import create_app

HTML = {"Accept": "text/html"}
KEY = "a-classroom-key-0123456789"
USER = "case_worker|sb-aarhus-1|0751"


def login(http: httpx.Client, namespace: str = "default", key: str = "") -> None:
    data = {"navnerum": namespace, "bruger": USER, "kontrolnoegle": key}
    answer = http.post("/console/login", data=data)
    assert answer.status_code == 303, answer.text
    http.cookies.update(answer.cookies)


def clock(http: httpx.Client, namespace: str = "default") -> str:
    answer = http.get("/_control/clock", headers={"X-Sandbox-Namespace": namespace})
    if answer.status_code == 401:
        answer = http.get(
            "/_control/clock",
            headers={"X-Sandbox-Namespace": namespace, "X-Sandbox-Control-Key": KEY},
        )
    return str(answer.json()["now"])


def refused(answer: httpx.Response) -> bool:
    return answer.headers["X-Sandbox-Status"] == "401" and "CONSOLE_CONTROL_REFUSED" in answer.text


def test_without_a_control_key_a_staff_session_moves_the_clock_and_runs_the_jobs() -> None:
    with in_process_client(create_app()) as http:
        assert "/console/ur/frem" not in http.get("/console/login").text
        assert refused(http.post("/console/ur/frem", data={"skridt": "dag"}))
        before = clock(http)
        login(http)
        assert "/console/ur/frem" in http.get("/console/sikrede").text
        day = http.post("/console/ur/frem", data={"skridt": "dag"})
        assert 'data-testid="moved"' in day.text
        hour = http.post("/console/ur/frem", data={"skridt": "time"})
        assert hour.headers["X-Sandbox-Status"] == "200"
        after = clock(http)
        assert (after[:10], after[11:13]) != (before[:10], before[11:13])
        jobs = http.post("/console/ur/job")
        for job in ("consume-cpr-feed", "practice-event-deadlines", "daily-work"):
            assert f'data-job="{job}"' in jobs.text
        back = http.post("/console/ur/dato", data={"dato": "2000-01-01"})
        assert back.headers["X-Sandbox-Status"] == "409" and "CLOCK_BACKWARDS" in back.text
        empty = http.post("/console/ur/dato", data={"dato": ""})
        assert empty.headers["X-Sandbox-Status"] == "422" and 'id="fejl-ur"' in empty.text
        bad = http.post("/console/ur/frem", data={"skridt": "aar"})
        assert bad.headers["X-Sandbox-Status"] == "422"


def test_a_citizen_session_may_not_move_the_clock() -> None:
    with in_process_client(create_app()) as http:
        citizen = {"namespace": "default", "token": "x", "role": "citizen", "user_id": "1"}
        cookie = base64.urlsafe_b64encode(json.dumps(citizen).encode()).decode()
        http.cookies.set("sbx_staff", cookie)
        before = clock(http)
        assert refused(http.post("/console/ur/frem", data={"skridt": "dag"}))
        assert refused(http.get("/console/undervisning"))
        assert clock(http) == before


def test_with_a_control_key_only_a_session_that_logged_in_with_it_may() -> None:
    with in_process_client(create_app(control_key=KEY)) as http:
        # a forged staff cookie (the cookie is not signed) claims a role but holds no proof
        forged = {"namespace": "default", "token": "x", "role": "operator", "user_id": "d"}
        cookie = base64.urlsafe_b64encode(json.dumps(forged).encode()).decode()
        http.cookies.set("sbx_staff", cookie)
        before = clock(http)
        assert refused(http.post("/console/ur/frem", data={"skridt": "dag"}))
        assert refused(http.post("/console/ur/job"))
        assert refused(http.post("/console/undervisning/ny", data={"navn": "elev-x"}))
        odd = {**forged, "control": 7}
        http.cookies.set("sbx_staff", base64.urlsafe_b64encode(json.dumps(odd).encode()).decode())
        assert refused(http.post("/console/ur/job"))
        assert clock(http) == before
        http.cookies.clear()
        login(http, key=KEY)
        assert "/console/ur/frem" in http.get("/console/sikrede").text
        assert (
            http.post("/console/ur/frem", data={"skridt": "dag"}).headers["X-Sandbox-Status"]
            == "200"
        )
        assert clock(http) != before
        assert http.get("/console/undervisning").headers["X-Sandbox-Status"] == "200"


def test_the_trainer_page_makes_lists_and_resets_a_trainees_world() -> None:
    with in_process_client(create_app()) as http:
        assert refused(http.get("/console/undervisning"))
        login(http)
        made = http.post("/console/undervisning/ny", data={"navn": "elev-1", "kilde": "demo"})
        assert made.status_code == 303
        http.post("/console/undervisning/ny", data={"navn": "elev-2", "kilde": "greenland-move"})
        page = http.get("/console/undervisning").text
        assert 'data-namespace="elev-1"' in page and 'data-namespace="elev-2"' in page
        assert "/console/login?navnerum=elev-1" in page and "greenland-move" in page
        start = clock(http, "elev-1")
        http.post(
            "/_control/clock/advance", json={"days": 3}, headers={"X-Sandbox-Namespace": "elev-1"}
        )
        assert clock(http, "elev-1") != start
        assert (
            http.post("/console/undervisning/nulstil", data={"navn": "elev-1"}).status_code == 303
        )
        assert clock(http, "elev-1") == start
        start_2 = clock(http, "elev-2")
        http.post(
            "/_control/clock/advance", json={"days": 3}, headers={"X-Sandbox-Namespace": "elev-2"}
        )
        http.post("/console/ur/frem", data={"skridt": "dag"})
        own = clock(http)
        assert http.post("/console/undervisning/nulstil", data={"alle": "1"}).status_code == 303
        assert clock(http, "elev-2") == start_2
        assert clock(http) == own  # the trainer's own world is left alone
        assert "sbx_staff" in http.cookies
        bad = http.post("/console/undervisning/ny", data={"navn": "bad name!", "kilde": "demo"})
        assert 'id="fejl-navn"' in bad.text
        unknown = http.post("/console/undervisning/ny", data={"navn": "e3", "kilde": "nope"})
        assert 'id="fejl-kilde"' in unknown.text
