"""Helpers for the API tests: a client into one namespace of an in-process app, and logins.

Each test gets its own namespace of a module's app (namespaces are the point: no test sees
another's world), through `InProcessTransport` (httpx over ASGI, no socket).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from sandbox.adapters.http import in_process_client

KENT = "1505963001"
SIGRID = "1403974002"
OLIVIA = "1209840000"
STORM = "0102700000"
AARHUS = "0751"
THISTED = "0787"
KLITMOLLER_4 = {
    "street": "P. Madsens Gang",
    "house_number": "4",
    "postcode": "7700",
    "city": "Thisted",
    "municipality_code": THISTED,
    "locality": "Klitmøller",
    "lat": 57.0406,
    "lon": 8.4905,
}
KLITMOLLER_8 = {"street": "P. Madsens Gang", "house_number": "8", "postcode": "7700"}


def namespace_for(name: str) -> str:
    """A valid namespace name from a test's name."""
    return re.sub(r"[^A-Za-z0-9_.-]", "-", name)[:64].strip("-") or "test"


class Sandbox:
    """One namespace of a sandbox app, with the helpers tests need."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return self.client.request(method, url, **kwargs)

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.client.get(url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.client.post(url, **kwargs)

    def put(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.client.put(url, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.client.delete(url, **kwargs)

    def citizen(self, cpr: str) -> dict[str, str]:
        """Headers of a citizen logged in with (simulated) MitID."""
        response = self.post("/borger-dk/mitid/login", json={"cpr": cpr})
        assert response.status_code == 201, response.text
        return {"Authorization": f"Bearer {response.json()['token']}"}

    def staff(
        self, role: str = "case_worker", municipality: str | None = THISTED, user: str = "sb-1"
    ) -> dict[str, str]:
        """Headers of a staff member with a token from the control plane."""
        body = {"role": role, "user_id": user, "municipality_code": municipality}
        response = self.post("/_control/tokens", json=body)
        assert response.status_code == 201, response.text
        return {"Authorization": f"Bearer {response.json()['token']}"}

    def world(self) -> dict[str, Any]:
        response = self.get("/_control/namespace")
        assert response.status_code == 200
        return dict(response.json())

    def open_practice(self, municipality: str = THISTED) -> str:
        params = {"municipality_code": municipality, "open_only": True, "limit": 1000}
        return str(self.get("/sygesikring/practices", params=params).json()[0]["ydernummer"])


@contextmanager
def sandbox_for(app: Any, name: str) -> Iterator[Sandbox]:
    with in_process_client(app, namespace_for(name)) as client:
        yield Sandbox(client)


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The response is the one error shape, with this status and code."""
    assert response.status_code == status, response.text
    body = dict(response.json())
    assert body["code"] == code, body
    assert body["message_da"] and body["message_en"]
    return body
