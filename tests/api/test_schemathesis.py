"""Schemathesis against the app's OpenAPI schema: no 5xx, and every answer matches what the
schema says (status code, content type, body). Deterministic (derandomized) and bounded, so it
runs in CI in about two minutes; ``SCHEMATHESIS_EXAMPLES`` raises the examples per operation.

Each case runs in one namespace with fresh tokens for the audience its path needs, so the
generated requests reach past authentication into the routes themselves.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (  # registered lazily, looked up by name
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from sandbox.adapters.http import in_process_client
from sandbox.api.app import create_app

NAMESPACE = "schemathesis"
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "50"))
APP = create_app()
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", APP)
REACHED: Counter[tuple[str, int]] = Counter()  # (audience prefix, status class) seen
AUDIENCES = (
    "/sygesikring/self-service/",
    "/sygesikring/case-worker/",
    "/sygesikring/administrator/",
    "/sygesikring/operator/",
    "/cpr/",
    "/luna/",
    "/borger-dk/",
    "/_control/",
)
STAFF = {
    "/sygesikring/case-worker/": ("case_worker", "0787"),
    "/sygesikring/administrator/": ("municipal_admin", "0787"),
    "/sygesikring/operator/": ("operator", None),
}


@pytest.fixture(scope="module")
def control() -> Iterator[httpx.Client]:
    with in_process_client(APP, NAMESPACE) as client:
        yield client


def token_for(control: httpx.Client, path: str) -> str | None:
    """A token the path's audience has, issued now (a fuzzed reset may have dropped the last)."""
    if path.startswith("/sygesikring/self-service/"):
        response = control.post("/borger-dk/mitid/login", json={"cpr": "120984-0000"})
        return str(response.json()["token"])
    for prefix, (role, municipality) in STAFF.items():
        if path.startswith(prefix):
            body = {"role": role, "user_id": "fuzz", "municipality_code": municipality}
            return str(control.post("/_control/tokens", json=body).json()["token"])
    return None


@SCHEMA.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case: Any, control: httpx.Client) -> None:
    headers = dict(case.headers or {})
    headers["X-Sandbox-Namespace"] = NAMESPACE
    token = token_for(control, case.path)
    if token is not None and "authorization" not in {key.lower() for key in headers}:
        headers["Authorization"] = f"Bearer {token}"
    case.headers = headers
    response = case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
    audience = next((a for a in AUDIENCES if case.path.startswith(a)), case.path)
    REACHED[(audience, response.status_code // 100)] += 1


def test_the_fuzzing_got_past_authentication_everywhere() -> None:
    """Guards the guard: had the tokens stopped working, every answer would be a 401 and the
    run above would prove nothing about the routes behind it."""
    assert REACHED, (
        "this guard reads what the schemathesis test above reached: run the two together, "
        "in one process (not split across xdist workers)"
    )
    for audience in AUDIENCES:
        assert REACHED[(audience, 2)] > 0, (audience, sorted(REACHED.items()))
