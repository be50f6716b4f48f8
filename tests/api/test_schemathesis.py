"""Schemathesis against the app's OpenAPI schema: no 5xx, and every answer matches what the
schema says (status code, content type, body). Deterministic (derandomized) and bounded, so it
runs in CI in about two minutes; ``SCHEMATHESIS_EXAMPLES`` raises the examples per operation.

Each case runs in one namespace with fresh tokens for the audience its path needs, so the
generated requests reach past authentication into the routes themselves.
"""

from __future__ import annotations

import os
from typing import Any

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
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "12"))
APP = create_app()
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", APP)
CONTROL = in_process_client(APP, NAMESPACE)
STAFF = {
    "/sygesikring/case-worker/": ("case_worker", "0787"),
    "/sygesikring/administrator/": ("municipal_admin", "0787"),
    "/sygesikring/operator/": ("operator", None),
}


def token_for(path: str) -> str | None:
    """A token the path's audience has, issued now (a fuzzed reset may have dropped the last)."""
    if path.startswith("/sygesikring/self-service/"):
        response = CONTROL.post("/borger-dk/mitid/login", json={"cpr": "120984-0000"})
        return str(response.json()["token"])
    for prefix, (role, municipality) in STAFF.items():
        if path.startswith(prefix):
            body = {"role": role, "user_id": "fuzz", "municipality_code": municipality}
            return str(CONTROL.post("/_control/tokens", json=body).json()["token"])
    return None


@SCHEMA.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case: Any) -> None:
    headers = dict(case.headers or {})
    headers["X-Sandbox-Namespace"] = NAMESPACE
    token = token_for(case.path)
    if token is not None and "authorization" not in {key.lower() for key in headers}:
        headers["Authorization"] = f"Bearer {token}"
    case.headers = headers
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
