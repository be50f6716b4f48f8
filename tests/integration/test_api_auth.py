"""Authentication and roles on every Sygesikring route: 401 without a (known) token, 403 with
the wrong role or municipality, and the right role let through. Routes come from the app, so a
new route is checked without anyone remembering to add it here."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI

from sandbox.app import create_app
from tests.integration.api_support import (
    AARHUS,
    OLIVIA,
    THISTED,
    Sandbox,
    assert_error,
    sandbox_for,
)

AUDIENCES = {
    "/sygesikring/self-service/": "citizen",
    "/sygesikring/case-worker/": "case_worker",
    "/sygesikring/administrator/": "municipal_admin",
    "/sygesikring/operator/": "operator",
}
SAMPLES = {
    "{cpr}": OLIVIA,
    "{case_id}": "F00000001",
    "{code}": "0787",
    "{ydernummer}": "900101",
    "{event_id}": "PH00000001",
}
APP = create_app()


def protected_routes() -> list[tuple[str, str, str]]:
    """Every (method, path, audience) of the Sygesikring API, from the app's OpenAPI."""
    found = []
    for template, operations in sorted(APP.openapi()["paths"].items()):
        audience = next((a for p, a in AUDIENCES.items() if template.startswith(p)), None)
        if audience is None:
            continue
        path = template
        for name, value in SAMPLES.items():
            path = path.replace(name, value)
        found.extend((method.upper(), path, audience) for method in sorted(operations))
    return found


ROUTES = protected_routes()


@pytest.fixture(scope="module")
def app() -> FastAPI:
    return APP


@pytest.fixture(scope="module")
def api(app: FastAPI) -> Iterator[Sandbox]:
    with sandbox_for(app, "auth-tests") as sandbox:
        yield sandbox


@pytest.fixture(scope="module")
def tokens(api: Sandbox) -> dict[str, dict[str, str]]:
    return {
        "citizen": api.citizen(OLIVIA),
        "case_worker": api.staff("case_worker", THISTED, "sb-1"),
        "case_worker_special": api.staff("case_worker_special", THISTED, "sb-2"),
        "municipal_admin": api.staff("municipal_admin", THISTED, "adm-1"),
        "operator": api.staff("operator", None, "ops-1"),
    }


def test_every_audience_has_routes() -> None:
    assert {audience for _, _, audience in ROUTES} == set(AUDIENCES.values())
    assert len(ROUTES) > 30


@pytest.mark.parametrize(("method", "path", "audience"), ROUTES)
def test_no_token_is_401(api: Sandbox, method: str, path: str, audience: str) -> None:
    response = api.request(method, path, json={})
    assert_error(response, 401, "UNAUTHENTICATED")
    assert response.headers["www-authenticate"] == "Bearer"
    unknown = api.request(method, path, json={}, headers={"Authorization": "Bearer nope"})
    assert_error(unknown, 401, "UNAUTHENTICATED")


@pytest.mark.parametrize(("method", "path", "audience"), ROUTES)
def test_the_wrong_role_is_403_and_the_right_one_passes(
    api: Sandbox, tokens: dict[str, dict[str, str]], method: str, path: str, audience: str
) -> None:
    allowed = {audience} | ({"case_worker_special"} if audience == "case_worker" else set())
    for role, headers in tokens.items():
        response = api.request(method, path, json={}, headers=headers)
        if role in allowed:
            assert response.status_code not in (401, 403) or response.json()["code"] not in (
                "UNAUTHENTICATED",
                "ROLE_NOT_ALLOWED",
            ), (role, response.text)
        else:
            assert_error(response, 403, "ROLE_NOT_ALLOWED")


def test_a_case_worker_of_another_municipality_is_403(api: Sandbox) -> None:
    aarhus = api.staff("case_worker", AARHUS, "sb-aarhus")
    for path in (
        f"/sygesikring/case-worker/citizens/{OLIVIA}",
        f"/sygesikring/case-worker/citizens/{OLIVIA}/gp-choice-card",
        f"/sygesikring/case-worker/citizens/{OLIVIA}/gp-choice-history",
        f"/sygesikring/case-worker/citizens/{OLIVIA}/cases",
    ):
        assert_error(api.get(path, headers=aarhus), 403, "WRONG_MUNICIPALITY")


def test_a_token_works_only_in_its_own_namespace(app: FastAPI, api: Sandbox) -> None:
    headers = api.staff()
    with sandbox_for(app, "auth-elsewhere") as elsewhere:
        response = elsewhere.get(f"/sygesikring/case-worker/citizens/{OLIVIA}", headers=headers)
        assert_error(response, 401, "UNAUTHENTICATED")


def test_tokens_are_deterministic_per_namespace(app: FastAPI) -> None:
    issued = []
    for _ in range(2):
        with sandbox_for(app, "auth-replay") as sandbox:
            sandbox.post("/_control/reset")
            issued.append(
                (sandbox.staff()["Authorization"], sandbox.citizen(OLIVIA)["Authorization"])
            )
    assert issued[0] == issued[1]
    with sandbox_for(app, "auth-replay-2") as other:
        assert other.staff()["Authorization"] != issued[0][0]


def test_staff_tokens_need_a_known_municipality(api: Sandbox) -> None:
    no_code = {"role": "case_worker", "user_id": "sb-9"}
    assert_error(api.post("/_control/tokens", json=no_code), 422, "INVALID_INPUT")
    unknown = no_code | {"municipality_code": "9999"}
    assert_error(api.post("/_control/tokens", json=unknown), 404, "UNKNOWN_MUNICIPALITY")
    citizen = {"role": "citizen", "user_id": OLIVIA}
    assert_error(api.post("/_control/tokens", json=citizen), 422, "INVALID_REQUEST")


def test_public_routes_need_no_token(api: Sandbox) -> None:
    assert api.get("/sygesikring/practices").status_code == 200
    assert api.get("/sygesikring/practices/900101").json()["name"] == "Lægerne i Klitmøller"
    assert len(api.get("/sygesikring/municipalities").json()) == 98
