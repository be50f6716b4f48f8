"""One way to change a listing: test data over the control plane's fixtures and a citizen's own
GP choice through the service leave the same list sizes (the old practice 0, the new one 1), as
the store's ``list_citizen`` does it for both."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI

from sandbox.domain.model import Actor
from sandbox.service.commands import ChooseGp
from tests.builders import THISTED, add_citizen, add_practice, make_world, offset
from tests.integration.api_support import Sandbox, sandbox_for

HOME = {
    "street": "Vestergade",
    "house_number": "1",
    "postcode": "7700",
    "city": "Thisted",
    "municipality_code": "0787",
    "lat": THISTED.lat,
    "lon": THISTED.lon,
}
CPR = "0505801234"
OLD, NEW = "100001", "100002"


@pytest.fixture
def api(app: FastAPI, request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    with sandbox_for(app, request.node.name) as sandbox:
        sandbox.post("/_control/reset", json={"empty": True})
        yield sandbox


def _fixture_path(api: Sandbox) -> dict[str, int]:
    for number in (OLD, NEW):
        made = api.post(
            "/_control/fixtures/practices",
            json={"ydernummer": number, "name": f"Praksis {number}", "address": HOME},
        )
        assert made.status_code == 201, made.text
    citizen = {"cpr": CPR, "name": "Ole", "birth_date": "1980-05-05", "address": HOME}
    body = citizen | {
        "group": {"group": 1, "since": "2020-01-01"},
        "doctor": {"ydernummer": OLD, "since": "2020-01-01"},
    }
    assert api.post("/_control/fixtures/citizens", json=body).status_code == 201
    changed = api.request(
        "PATCH",
        f"/_control/fixtures/citizens/{CPR}",
        json={"doctor": {"ydernummer": NEW, "since": "2025-01-01"}},
    )
    assert changed.status_code == 200, changed.text
    return {
        number: api.get(f"/sygesikring/practices/{number}").json()["list_size"]
        for number in (OLD, NEW)
    }


def _service_path() -> dict[str, int]:
    world = make_world()
    for number in (OLD, NEW):
        add_practice(world, number, offset(THISTED, north_km=1))
    add_citizen(world, CPR, doctor=OLD)
    world.handle(ChooseGp(Actor.citizen(CPR), CPR, NEW))
    return {number: world.registry.practice(number).list_size for number in (OLD, NEW)}


def test_fixtures_and_the_service_leave_the_same_list_sizes(api: Sandbox) -> None:
    assert _fixture_path(api) == _service_path() == {OLD: 0, NEW: 1}
