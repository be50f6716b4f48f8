"""The control plane's test data over HTTP: a practice, a citizen Sygesikring knows (and CPR
too), changes to them, bad input refused with the standard body, and a reset's start."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI

from tests.integration.api_support import Sandbox, sandbox_for

HOME = {
    "street": "Vestergade",
    "house_number": "1",
    "postcode": "7700",
    "city": "Thisted",
    "municipality_code": "0787",
    "lat": 56.9557,
    "lon": 8.694,
}
PRACTICE = {"ydernummer": "100001", "name": "Lægehuset Thisted", "address": HOME}
CITIZEN = {"cpr": "0505801234", "name": "Ole", "birth_date": "1980-05-05", "address": HOME}


@pytest.fixture
def api(app: FastAPI, request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    with sandbox_for(app, request.node.name) as sandbox:
        sandbox.post("/_control/reset", json={"empty": True})
        yield sandbox


def test_a_practice_and_a_listed_citizen_are_known_to_the_system_and_cpr(api: Sandbox) -> None:
    assert api.post("/_control/fixtures/practices", json=PRACTICE).status_code == 201
    body = CITIZEN | {
        "group": {"group": 1, "since": "2020-01-01"},
        "doctor": {"ydernummer": "100001", "since": "2020-01-01"},
    }
    made = api.post("/_control/fixtures/citizens", json=body)
    assert made.status_code == 201, made.text
    assert made.json()["ydernummer"] == "100001"
    assert api.get("/cpr/persons/0505801234").json()["name"] == "Ole"
    changed = api.request(
        "PATCH",
        "/_control/fixtures/citizens/0505801234",
        json={"group": {"group": 2, "since": "2025-01-01"}, "protected": True},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["group"] == 2
    assert api.get("/cpr/persons/0505801234").json()["protected"] is True


def test_a_practice_at_a_point_in_a_municipality(api: Sandbox) -> None:
    body = {"ydernummer": "100002", "name": "Nord", "coordinates": {"lat": 57.0, "lon": 8.5}}
    made = api.post("/_control/fixtures/practices", json=body | {"municipality_code": "0787"})
    assert made.status_code == 201, made.text
    assert made.json()["municipality_code"] == "0787"


@pytest.mark.parametrize(
    "path, body",
    [
        ("/_control/fixtures/citizens", CITIZEN | {"cpr": "12"}),
        (
            "/_control/fixtures/citizens",
            CITIZEN | {"doctor": {"ydernummer": "999999", "since": "2020-01-01"}},
        ),
        ("/_control/fixtures/practices", {"ydernummer": "100003", "name": "Uden adresse"}),
        (
            "/_control/fixtures/practices",
            PRACTICE | {"address": HOME | {"municipality_code": "9999"}},
        ),
    ],
)
def test_bad_input_is_refused_and_the_world_is_unchanged(
    api: Sandbox, path: str, body: dict[str, object]
) -> None:
    before = api.world()
    refused = api.post(path, json=body)
    assert refused.status_code == 422, refused.text
    assert {"code", "message_da", "message_en"} <= set(refused.json())
    assert api.world() == before


def test_a_second_practice_with_the_same_ydernummer_is_a_conflict(api: Sandbox) -> None:
    api.post("/_control/fixtures/practices", json=PRACTICE)
    assert api.post("/_control/fixtures/practices", json=PRACTICE).status_code == 409


def test_reset_may_start_earlier(api: Sandbox) -> None:
    reset = api.post("/_control/reset", json={"empty": True, "start": "2025-03-01T09:00:00"})
    assert reset.json()["now"].startswith("2025-03-01T09:00")
