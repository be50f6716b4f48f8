"""Schemathesis against the app's OpenAPI schema, with all its checks: no 5xx; every answer
matches what the schema says (status code, content type, headers, body); schema-valid data is
accepted and schema-violating data refused; a missing token is 401; a 405 names the allowed
methods. Deterministic (derandomized) and bounded, so it runs in CI in a few minutes;
``SCHEMATHESIS_EXAMPLES`` raises the examples per operation.

Two checks are adapted. `not_a_server_error` lets a 503 or 504 through when the caller asked
for it (a fault injected with ``X-Luna-Fault`` or the control plane; its code says so), and
the control plane's faults are cleared after each case that set them.
`positive_data_acceptance` allows a refusal only as 401, 403, 404 or 409, but some of the
system's rules refuse values the schema
cannot judge (a date relative to the simulated clock, two fields naming the same person) with
422 and their own code (``INVALID_INPUT``, ``SAME_PERSON`` ...). So schema-valid data may meet
such a rule's 422, and never a refusal by the schema itself (`SCHEMA_REFUSALS`, 400, 405, 413).

Each case runs in one namespace with fresh tokens for the audience its path needs, so the
generated requests reach past authentication into the routes themselves (except the cases
that test a missing ``Authorization`` header).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, positive_data_acceptance

from sandbox.adapters.http import in_process_client
from sandbox.api.namespaces import HEADER_PATTERN
from sandbox.app import create_app

NAMESPACE = "schemathesis"
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "10"))
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


SCHEMA_REFUSALS = {"INVALID_REQUEST", "INVALID_CPR", "MALFORMED_JSON", "MALFORMED_REQUEST"}
RULE_REFUSALS = {401, 403, 404, 409, 422}
INJECTED_FAULTS = {"SERVICE_UNAVAILABLE", "LUNA_UNAVAILABLE"}


def schema_valid_data_passes_the_schema(ctx: Any, response: Any, case: Any) -> None:
    """`positive_data_acceptance`, with a rule's 422 allowed (see the module's docstring)."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code < 400:
        return
    code = response.json().get("code")
    if code in INJECTED_FAULTS:
        return  # a fault the caller asked for
    if response.status_code not in RULE_REFUSALS or code in SCHEMA_REFUSALS:
        raise AssertionError(
            f"schema-valid data refused: {response.status_code} {response.text[:300]}"
        )


def no_5xx_but_injected_faults(ctx: Any, response: Any, case: Any) -> None:
    """`not_a_server_error`, except the 503/504 a caller asked for: a fault injected with the
    ``X-Luna-Fault`` header or the control plane (its code says so)."""
    if response.status_code >= 500:
        code = response.json().get("code") if response.status_code in (503, 504) else None
        if code not in INJECTED_FAULTS:
            raise AssertionError(f"server error: {response.status_code} {response.text[:300]}")


def drops_the_token(case: Any) -> bool:
    """Whether the case is about a missing Authorization header (then none is added)."""
    data = getattr(getattr(case.meta, "phase", None), "data", None)
    parameter = str(getattr(data, "parameter", "") or "").lower()
    return (
        parameter == "authorization" and str(getattr(data, "scenario", "")) == "missing_parameter"
    )


@pytest.fixture(scope="module")
def control() -> Iterator[httpx.Client]:
    with in_process_client(APP, NAMESPACE) as client:
        yield client


def token_for(control: httpx.Client, path: str) -> str | None:
    """A token the path's audience has, issued now (a fuzzed reset may have dropped the last)."""
    if path.startswith("/sygesikring/self-service/"):
        response = control.post("/borger-dk/mitid/login", json={"cpr": "120984-0000"})
        # a world the fuzz set without Olivia (an empty one, a demo's step): no citizen there
        return str(response.json()["token"]) if response.status_code == 201 else None
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
    # our namespace and (unless the case is about its absence) a real token, given as the
    # caller's own: schemathesis judges what was sent, and `ignored_auth` probes without them
    # (a namespace header the case broke on purpose is kept: the server must refuse it)
    generated = [v for k, v in (case.headers or {}).items() if k.lower() == "x-sandbox-namespace"]
    broken = bool(generated) and re.fullmatch(HEADER_PATTERN, str(generated[0])) is None
    explicit = {} if broken else {"X-Sandbox-Namespace": NAMESPACE}
    token = None if drops_the_token(case) else token_for(control, case.path)
    if token is not None:
        explicit["Authorization"] = f"Bearer {token}"
    try:
        response = case.call_and_validate(
            headers=explicit,
            excluded_checks=[positive_data_acceptance, not_a_server_error],
            additional_checks=[schema_valid_data_passes_the_schema, no_5xx_but_injected_faults],
        )
    finally:
        if case.path.startswith("/_control/faults"):  # a fault set by one case, not the next
            for service in ("cpr", "luna", "borger-dk"):
                control.delete(f"/_control/faults/{service}")
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
