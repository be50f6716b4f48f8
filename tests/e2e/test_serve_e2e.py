"""End to end over a real socket: `sandbox serve`'s server on a free loopback port, and the
release notes' Greenland move through it - Borger.dk login, self-service choice, CPR's move
event, the approved case, LUNA's registration - then the server stops."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from sandbox.adapters.http import HttpCpr, HttpLuna, sandbox_client
from tests.serving import served

STORM = "0102700000"
HOME = {
    "street": "P. Madsens Gang",
    "house_number": "4",
    "postcode": "7700",
    "city": "Thisted",
    "municipality_code": "0787",
    "locality": "Klitmøller",
}


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with served() as url:
        yield url


def test_storm_moves_from_greenland_over_http(base_url: str) -> None:
    assert base_url.startswith("http://127.0.0.1:")
    with sandbox_client(base_url, "e2e-greenland") as http:
        assert http.get("/docs").status_code == 200
        login = http.post("/borger-dk/mitid/login", json={"cpr": "010270-0000"})
        assert login.status_code == 201, login.text
        storm = {"Authorization": f"Bearer {login.json()['token']}"}

        entry = http.get(
            "/laegevalg", params={"kommuneid": "0787"}, headers=storm, follow_redirects=True
        )
        assert entry.status_code == 200, entry.text
        assert entry.json()["actions"] == ["greenland-move"]
        practice = next(p for p in entry.json()["practices"] if p["ydernummer"] == "900102")
        assert practice["open"] is True

        choice = {"municipality_code": "0787", "address": HOME, "ydernummer": "900102"}
        pending = http.post("/sygesikring/self-service/greenland-move", headers=storm, json=choice)
        assert pending.status_code == 201, pending.text
        case_id = pending.json()["case_id"]
        assert pending.json()["status"] == "pending"
        assert http.get(f"/luna/registrations/{case_id}").status_code == 404

        moved = http.post(
            "/cpr/life-events/move-from-greenland",
            json={"cpr": STORM, "address": HOME | {"lat": 57.0406, "lon": 8.4905}},
        )
        assert moved.status_code == 201, moved.text
        assert HttpCpr(http).person(STORM).status == "01"  # type: ignore[union-attr]

        token = http.post(
            "/_control/tokens",
            json={"role": "case_worker", "user_id": "sb-thisted", "municipality_code": "0787"},
        ).json()["token"]
        case = http.get(
            f"/sygesikring/case-worker/cases/{case_id}",
            headers={"Authorization": f"Bearer {token}"},
        )
        assert case.status_code == 200, case.text
        assert case.json()["status"] == "completed"
        assert [h["status"] for h in case.json()["history"]] == [
            "pending",
            "awaiting_luna",
            "completed",
        ]

        registration = http.get(f"/luna/registrations/{case_id}").json()
        assert registration["payload"]["ydernummer"] == "900102"
        assert registration["payload"]["group"] == {"group": 1, "persons": [STORM]}
        assert case_id in HttpLuna(http).registrations()


def test_the_server_keeps_namespaces_apart(base_url: str) -> None:
    with sandbox_client(base_url, "e2e-other") as http:
        assert http.get(f"/cpr/persons/{STORM}").json()["status"] == "05"
        assert {"e2e-greenland", "e2e-other"} <= set(http.get("/_control/namespaces").json())
        with pytest.raises(httpx.HTTPStatusError):
            http.get("/sygesikring/self-service/me").raise_for_status()
