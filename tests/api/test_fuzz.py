"""A bounded fuzz of every operation that changes something (POST, PUT, PATCH, DELETE in the
OpenAPI): Hypothesis sends malformed bodies (bytes that are not JSON, JSON of the wrong shape
or types, nesting too deep, lone surrogates, a body over the limit), malformed path parameters
and malformed headers (content types, tokens, namespace names). Every answer is a typed 4xx
(``code``, ``message_da``, ``message_en``), never a 5xx, and the world - its counts, the clock,
LUNA's registrations, CPR's persons and a citizen's overview - is the same after every
refusal. ``FUZZ_EXAMPLES`` sets the examples per operation (derandomized, so CI is stable).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox.adapters.http import in_process_client
from sandbox.app import create_app
from tests.integration.api_support import OLIVIA, THISTED

NAMESPACE = "fuzz"
MAX_BODY = 4096  # small, so an oversized body costs little
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
APP = create_app(max_body=MAX_BODY)
OPENAPI = APP.openapi()
CHANGING = ("post", "put", "patch", "delete")
OPERATIONS = [
    (method, path, operation)
    for path, methods in OPENAPI["paths"].items()
    for method, operation in methods.items()
    if method in CHANGING
]
SERVICES = {"sygesikring": "sygesikring", "cpr": "cpr", "luna": "luna", "borger-dk": "borger-dk"}
STAFF = {
    "/sygesikring/case-worker/": ("case_worker", THISTED),
    "/sygesikring/operator/": ("operator", None),
}


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with in_process_client(APP, NAMESPACE) as http:
        yield http


def token_for(client: httpx.Client, path: str) -> dict[str, str]:
    """A real token for the path's audience, so a refusal is about the input, not the login."""
    if path.startswith("/sygesikring/self-service/"):
        token = client.post("/borger-dk/mitid/login", json={"cpr": OLIVIA}).json()["token"]
        return {"Authorization": f"Bearer {token}"}
    for prefix, (role, municipality) in STAFF.items():
        if path.startswith(prefix):
            body = {"role": role, "user_id": "fuzz", "municipality_code": municipality}
            token = client.post("/_control/tokens", json=body).json()["token"]
            return {"Authorization": f"Bearer {token}"}
    return {}


def snapshot(client: httpx.Client) -> dict[str, Any]:
    """What no refusal may change (tokens and journals aside: they record the attempt)."""
    worker = token_for(client, "/sygesikring/case-worker/")
    world = APP.state.namespaces.peek(NAMESPACE).world
    overview = client.get(f"/sygesikring/case-worker/citizens/{OLIVIA}", headers=worker)
    assert overview.status_code == 200, overview.text
    return {
        "counts": world.describe(),
        "luna": sorted((k, r.cpr, repr(r.payload)) for k, r in world.luna.registrations.items()),
        "cpr": sorted(repr(person) for person in world.cpr.persons.values()),
        "faults": {service: faults.describe() for service, faults in world.faults.items()},
        "overview": overview.json(),
    }


# --- malformed parts ---------------------------------------------------------------------


def _not_json(raw: bytes) -> bool:
    try:
        json.loads(raw)
    except ValueError:
        return True
    return False


JSON_SCALARS = st.one_of(
    st.integers(), st.floats(allow_nan=False), st.text(max_size=20), st.booleans()
)
NOT_AN_OBJECT = st.one_of(JSON_SCALARS, st.lists(JSON_SCALARS, max_size=5))
WRONG_BY_TYPE = {  # a JSON value never valid for a property of that type
    "string": st.one_of(st.integers(), st.booleans(), st.lists(st.integers(), max_size=2)),
    "integer": st.one_of(st.text(max_size=5), st.booleans(), st.floats(0.1, 0.9)),
    "number": st.one_of(st.text(max_size=5), st.booleans()),
    "boolean": st.one_of(st.integers(), st.text(max_size=5)),
    "array": st.one_of(st.integers(), st.text(max_size=5)),
    "object": st.one_of(st.integers(), st.text(max_size=5)),
}


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref:
        return _resolve(OPENAPI["components"]["schemas"][ref.rsplit("/", 1)[1]])
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, ()):
            resolved = _resolve(option)
            if resolved.get("type") not in (None, "null"):
                return resolved
    return schema


def _body_schema(operation: dict[str, Any]) -> dict[str, Any] | None:
    body = operation.get("requestBody")
    if body is None:
        return None
    return _resolve(body["content"]["application/json"]["schema"])


def wrong_types(schema: dict[str, Any]) -> st.SearchStrategy[bytes]:
    """An object whose every declared property has a value of the wrong JSON type."""
    properties = {
        name: WRONG_BY_TYPE.get(str(_resolve(prop).get("type", "string")), st.integers())
        for name, prop in (schema.get("properties") or {}).items()
    }
    if not properties:
        return st.just(b"[]")
    return st.fixed_dictionaries(properties).map(lambda value: json.dumps(value).encode())


def malformed_body(schema: dict[str, Any]) -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(min_size=1, max_size=64).filter(_not_json),
        NOT_AN_OBJECT.map(lambda value: json.dumps(value).encode()),
        wrong_types(schema),
        st.integers(40, 200).map(lambda depth: b"[" * depth + b"]" * depth),
        st.sampled_from(list(schema.get("properties") or {"x": None})).map(
            lambda name: json.dumps({name: "\\ud800"}).replace("\\\\", "\\").encode()
        ),
        st.integers(MAX_BODY + 1, MAX_BODY + 512).map(lambda size: b'"' + b"x" * size + b'"'),
    )


def junk_segment(parameter: dict[str, Any]) -> st.SearchStrategy[str]:
    """Text for a path parameter that is not a valid value of it."""
    schema = _resolve(parameter.get("schema", {}))
    pattern = schema.get("pattern")
    values = set(schema.get("enum", ()))

    def invalid(text: str) -> bool:
        if text.strip(".") == "" or text in values:
            return False
        return pattern is None or re.fullmatch(pattern, text) is None

    return st.text(min_size=1, max_size=24).filter(invalid).map(lambda t: quote(t, safe=""))


CONTENT_TYPES = [None, "text/plain", "application/xml", "multipart/form-data", "text/json"]
BAD_NAMESPACES = [None, None, None, "-", "a" * 65, "name with spaces", "../x"]
JUNK_TOKENS = [None, None, "Bearer nonsense", "Basic Zm9vOmJhcg==", "Bearer"]


@st.composite
def malformed_request(draw: st.DrawFn, method: str, path: str, operation: dict[str, Any]) -> Any:
    """The request with at least one part broken (a body, a path parameter or a header)."""
    parameters = [p for p in operation.get("parameters", ()) if p["in"] == "path"]
    schema = _body_schema(operation)
    parts = ["path"] + (["body"] if schema is not None else [])
    broken = draw(st.sampled_from(parts))
    url = path
    for parameter in parameters:
        value = draw(junk_segment(parameter)) if broken == "path" else "1505963001"
        url = url.replace("{" + parameter["name"] + "}", value)
    if broken == "path" and not parameters:
        url = url.rstrip("/") + "/" + draw(junk_segment({}))
    body = draw(malformed_body(schema)) if broken == "body" and schema is not None else b"{}"
    headers = {"Content-Type": draw(st.sampled_from(CONTENT_TYPES)) or "application/json"}
    namespace = draw(st.sampled_from(BAD_NAMESPACES))
    if namespace is not None:
        headers["X-Sandbox-Namespace"] = namespace
    return method.upper(), url, body, headers, draw(st.sampled_from(JUNK_TOKENS))


@pytest.mark.parametrize(
    ("method", "path", "operation"),
    OPERATIONS,
    ids=[f"{method.upper()} {path}" for method, path, _ in OPERATIONS],
)
def test_malformed_input_is_a_typed_4xx_and_changes_nothing(
    client: httpx.Client, method: str, path: str, operation: dict[str, Any]
) -> None:
    before = snapshot(client)

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(request=malformed_request(method, path, operation))
    def refused(request: Any) -> None:
        verb, url, body, headers, junk_token = request
        headers = headers | token_for(client, path)
        if junk_token is not None:
            headers["Authorization"] = junk_token
        response = client.request(verb, url, content=body, headers=headers)
        assert 400 <= response.status_code < 500, (verb, url, body[:200], response.text[:300])
        answer = response.json()
        assert answer["code"] and answer["message_da"] and answer["message_en"], answer
        assert snapshot(client) == before, (verb, url, body[:200], response.status_code)
        service = SERVICES.get(path.split("/")[1])
        if service is not None:  # the attempt is journaled, and the journal still answers
            journal = client.get(f"/_control/journal/{service}", params={"limit": 1})
            assert journal.status_code == 200, journal.text

    refused()
