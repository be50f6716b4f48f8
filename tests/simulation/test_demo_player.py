"""The demo player's steps: the step reports tell what the terminal demo tells, every demo plays
to its last step through ``POST /_control/demo``, step k is the same world however it is
reached (forward, back, restart, a server restart replaying the journal), and bad input is a
typed 4xx."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from sandbox.adapters.http import in_process_client
from sandbox.adapters.state_store import StateStore
from sandbox.api.world import SandboxWorld
from sandbox.app import create_app, restored_app
from sandbox.simulation.demo import DEMOS, run_demo
from sandbox.simulation.demo_play import play

KEY = "a-player-key-0123456789"


def digest(world: SandboxWorld) -> str:
    """What a step made, as one value: the registry, the clock, the ids, CPR's feed, LUNA."""
    state = (
        world.registry,
        world.clock.now(),
        world.uow.ids.snapshot(),
        len(world.uow.outbox),
        len(world.cpr.events),
        sorted(world.luna.registrations),
        sorted(world.cpr.persons),
    )
    return hashlib.sha256(pickle.dumps(state)).hexdigest()


def world_of(app: FastAPI, name: str) -> SandboxWorld:
    found = app.state.namespaces.find(name)
    assert found is not None
    world = found.world
    assert isinstance(world, SandboxWorld)
    return world


def to_step(http: httpx.Client, demo: str, step: int) -> dict:  # type: ignore[type-arg]
    answer = http.post("/_control/demo", json={"demo": demo, "step": step})
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_step_reports_hold_what_the_terminal_tells(language: str) -> None:
    said: list[str] = []
    narrator = run_demo("kent-samlever", "da" if language == "da" else "en", write=said.append)
    told = [
        line
        for report in narrator.reports
        for block in report.blocks
        for item in block.items
        for line in item.lines(language)
    ]
    printed = [line.split("] ", 1)[1] for line in narrator.text]
    blocks = [line for line in printed if line.startswith("  ")]
    ending = printed.index("Til slut:" if language == "da" else "In the end:")
    assert told == [line for line in blocks if printed.index(line) < ending]
    assert [r.number for r in narrator.reports] == list(range(8))
    refused = [
        item.data
        for block in narrator.reports[3].blocks
        for item in block.items
        if item.kind == "decision" and not item.data["allowed"]
    ]
    assert refused[0]["reasons"][0]["code"] == "PRACTICE_CLOSED"
    assert refused[0]["reasons"][0]["rule"] == "gp_choice.closed_practice"
    assert "release 1.1" in refused[0]["reasons"][0]["text_en"]
    assert narrator.reports[3].note_da and narrator.reports[3].note_en


def test_a_run_to_step_k_tells_the_first_k_steps_of_the_whole_run() -> None:
    whole = [report.to_dict() for report in play("storm-greenland").reports]
    for step in range(len(whole)):
        assert [r.to_dict() for r in play("storm-greenland", step).reports] == whole[: step + 1]


@pytest.mark.parametrize("demo", sorted(DEMOS))
def test_every_demo_plays_to_its_last_step_in_a_namespace(demo: str) -> None:
    app = create_app()
    with in_process_client(app, f"all-{demo}") as http:
        demos = {d["name"]: d for d in http.get("/_control/demos").json()}
        last = demos[demo]["steps"]
        body = to_step(http, demo, last)
        assert (body["step"], body["steps"], len(body["reports"])) == (last, last, last + 1)
        assert all(r["note_da"] and r["note_en"] for r in body["reports"][1:])
        assert body["namespace"]["spec"]["scenario"]["name"] == demos[demo]["scenario"]
        world = world_of(app, f"all-{demo}")
        assert body["namespace"]["now"] == world.clock.now().isoformat()
        # what the steps made is in the namespace world: every case they told of
        told = {
            item["case_id"]
            for report in body["reports"]
            for block in report["blocks"]
            for item in block["items"]
            if item.get("appeared") == "case"
        }
        assert told <= set(world.registry.case_ids())


@pytest.mark.parametrize("demo", ["kent-samlever", "storm-greenland"])
def test_back_gives_the_same_world_as_forward(demo: str) -> None:
    app = create_app()
    with in_process_client(app, f"back-{demo}") as http:
        last = to_step(http, demo, 0)["steps"]
        forward = []
        for step in range(last + 1):
            to_step(http, demo, step)
            forward.append(digest(world_of(app, f"back-{demo}")))
        backward = []
        for step in range(last, -1, -1):
            to_step(http, demo, step)
            backward.append(digest(world_of(app, f"back-{demo}")))
        assert backward[::-1] == forward
        assert len(set(forward)) > 1  # the steps change the world


def test_the_namespace_world_goes_on_from_the_step() -> None:
    """After the last step the world is an ordinary namespace world: the API shows what the
    demo made, and the clock and the jobs move on from there."""
    app = create_app()
    with in_process_client(app, "goes-on") as http:
        body = to_step(http, "storm-greenland", 5)
        storm = http.get("/cpr/persons/0102700000").json()
        assert storm["status"] == "01"
        assert http.post("/_control/clock/advance", json={"days": 1}).status_code == 200
        cases = world_of(app, "goes-on").registry.case_count()
        assert cases == body["namespace"]["cases"]


def test_the_staff_tokens_survive_a_step() -> None:
    app = create_app()
    with in_process_client(app, "tokens") as http:
        token = http.post(
            "/_control/tokens",
            json={"role": "case_worker", "user_id": "sb-thisted-1", "municipality_code": "0787"},
        ).json()["token"]
        to_step(http, "kent-samlever", 7)
        case = world_of(app, "tokens").registry.case_ids()[0]
        answer = http.get(
            f"/sygesikring/case-worker/cases/{case}", headers={"Authorization": f"Bearer {token}"}
        )
        assert answer.status_code == 200, answer.text


def test_a_restart_replays_the_step_to_the_same_world(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.sqlite")
    app = create_app(state=store)
    with in_process_client(app, "replayed") as http:
        to_step(http, "kent-samlever", 4)
        before = digest(world_of(app, "replayed"))
        namespace = http.get("/_control/namespace").json()
    store.close()
    again = StateStore(tmp_path / "state.sqlite")
    app = restored_app(None, again)
    with in_process_client(app, "replayed") as http:
        assert http.get("/_control/namespace").json() == namespace
        assert digest(world_of(app, "replayed")) == before
    again.close()


def test_bad_demo_requests_are_typed_errors_in_both_languages() -> None:
    app = create_app()
    with in_process_client(app, "bad") as http:
        unknown = http.post("/_control/demo", json={"demo": "no-such-demo", "step": 1})
        assert unknown.status_code == 404 and unknown.json()["code"] == "UNKNOWN_DEMO"
        assert "kent-samlever" in unknown.json()["message_da"]
        beyond = http.post("/_control/demo", json={"demo": "renumbering", "step": 2})
        assert beyond.status_code == 422
        assert beyond.json()["code"] == "DEMO_STEP_OUT_OF_RANGE"
        assert "trin 0 til 1" in beyond.json()["message_da"]
        assert "steps 0 to 1" in beyond.json()["message_en"]
        for body in ({"demo": "renumbering", "step": -1}, {"demo": "renumbering", "step": 1.5}):
            wrong = http.post("/_control/demo", json=body)
            assert wrong.status_code == 422 and wrong.json()["message_en"]
        # nothing half done: the namespace still holds the world it had
        assert http.get("/_control/namespace").json()["spec"]["kind"] == "demo"


def test_the_demo_step_is_gated_by_the_control_key() -> None:
    app = create_app(control_key=KEY)
    with in_process_client(app, "gated") as http:
        refused = http.post("/_control/demo", json={"demo": "renumbering", "step": 1})
        assert refused.status_code == 401
        allowed = http.post(
            "/_control/demo",
            json={"demo": "renumbering", "step": 1},
            headers={"X-Sandbox-Control-Key": KEY},
        )
        assert allowed.status_code == 200
