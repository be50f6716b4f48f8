"""The demo player's pages over HTTP (fast): who may use them, what a step page shows (who does
what, the decision with its reasons in both languages, rule, parameters, source, what appeared
linked to the client, the trainer's note), what the buttons do to the session's own world, and
the typed errors of a wrong demo or step, here and from the trainer page."""

from __future__ import annotations

import base64
import json
import re

from sandbox.adapters.http import in_process_client
from sandbox.app import create_app
from tests.console.test_trainer_http import KEY, clock, login, refused

THISTED = "case_worker|sb-thisted-1|0787"


def test_the_player_is_for_a_session_that_may_control() -> None:
    with in_process_client(create_app(control_key=KEY)) as http:
        assert refused(http.get("/console/demo"))
        assert refused(http.get("/console/demo/kent-samlever?trin=1"))
        assert refused(http.post("/console/demo/kent-samlever", data={"trin": "1"}))
        login(http, key=KEY)
        assert 'href="/console/demo"' in http.get("/console/sikrede").text  # the nav
        listed = http.get("/console/demo")
        assert listed.headers["X-Sandbox-Status"] == "200"
        assert len(re.findall(r'<tr data-demo="', listed.text)) == 10


def test_a_citizen_session_may_not_use_the_player() -> None:
    with in_process_client(create_app()) as http:
        citizen = {"namespace": "default", "token": "x", "role": "citizen", "user_id": "1"}
        cookie = base64.urlsafe_b64encode(json.dumps(citizen).encode()).decode()
        http.cookies.set("sbx_staff", cookie)
        before = clock(http)
        assert refused(http.post("/console/demo/renumbering", data={"trin": "1"}))
        assert refused(http.post("/console/undervisning/demo", data={"navn": "default"}))
        assert clock(http) == before


def test_a_step_sets_the_own_world_and_shows_what_it_made() -> None:
    with in_process_client(create_app()) as http:
        answer = http.post("/console/login", data={"navnerum": "p", "bruger": THISTED})
        http.cookies.update(answer.cookies)
        moved = http.post("/console/demo/storm-greenland", data={"trin": "2"})
        assert moved.status_code == 303
        assert moved.headers["location"] == "/console/demo/storm-greenland?trin=2"
        assert clock(http, "p").startswith("2025-04-09T11:00")  # until step 3 begins
        page = http.get(moved.headers["location"]).text
        assert 'data-testid="step-note"' in page and "Det skal du vise" in page
        assert "Lægevalg ved flytning fra Grønland" in page  # who does what
        assert "GP choice on a move from Greenland" not in page  # the page's language
        assert 'data-code="GROUP_1_WITH_CHOICE"' in page
        assert "gp_choice.group_1_only" in page and "release notes 1.1 item 7" in page
        assert "distanceLimitKmDefault = 15" in page
        links = re.findall(r'href="(/console/forloeb/F\d{8})"', page)
        assert links
        for link in set(links):
            assert http.get(link).headers["X-Sandbox-Status"] == "200"
        http.cookies.set("sbx_lang", "en")
        english = http.get("/console/demo/storm-greenland?trin=2")
        assert "GP choice on a move from Greenland" in english.text


def test_a_wrong_demo_or_step_is_a_typed_error_page() -> None:
    with in_process_client(create_app()) as http:
        login(http)
        before = clock(http)
        unknown = http.get("/console/demo/no-such-demo")
        assert unknown.headers["X-Sandbox-Status"] == "404" and "UNKNOWN_DEMO" in unknown.text
        beyond = http.get("/console/demo/renumbering?trin=2")
        assert beyond.headers["X-Sandbox-Status"] == "422"
        assert "DEMO_STEP_OUT_OF_RANGE" in beyond.text and "trin 0 til 1" in beyond.text
        posted = http.post("/console/demo/renumbering", data={"trin": "9"})
        assert posted.headers["X-Sandbox-Status"] == "422"
        assert "DEMO_STEP_OUT_OF_RANGE" in posted.text
        assert clock(http) == before  # nothing done


def test_the_trainer_page_sets_a_trainees_world_to_a_demo_step() -> None:
    with in_process_client(create_app()) as http:
        login(http)
        http.post("/console/undervisning/ny", data={"navn": "elev-d", "kilde": "demo"})
        done = http.post(
            "/console/undervisning/demo",
            data={"navn": "elev-d", "demo": "kent-samlever", "trin": "7"},
        )
        assert done.status_code == 303
        page = http.get("/console/undervisning").text
        assert "closed-doctor-relatives-samlever" in page
        assert 'href="/console/demo"' in page
        assert clock(http, "elev-d").startswith("2025-04-13T00:00")  # the demo's end
        wrong = http.post(
            "/console/undervisning/demo", data={"navn": "elev-d", "demo": "nope", "trin": "1"}
        )
        assert wrong.headers["X-Sandbox-Status"] == "404" and 'id="fejl-demo"' in wrong.text
