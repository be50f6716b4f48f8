"""The reproductions of issue 11 (items 4-6): input that once answered 500, poisoned later
answers or was silently coerced now gets a typed 4xx (code, Danish and English message),
changes nothing, and still reaches the journal."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI

from fakes.schema_types import EARLIEST, LATEST
from sandbox.app import create_app
from sandbox.parameters.loader import default_parameters
from tests.integration.api_support import KENT, OLIVIA, THISTED, Sandbox, assert_error, sandbox_for

JSON = {"content-type": "application/json"}
CW = "/sygesikring/case-worker"


@pytest.fixture(scope="module")
def app() -> FastAPI:
    return create_app()


@pytest.fixture
def api(app: FastAPI, request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    with sandbox_for(app, request.node.name) as sandbox:
        yield sandbox


def snapshot(api: Sandbox) -> dict[str, Any]:
    """What a refusal must leave as it was."""
    return {
        "world": {k: v for k, v in api.world().items() if k != "now"},
        "clock": api.get("/_control/clock").json(),
        "luna": api.get("/luna/registrations").json(),
    }


def test_a_lone_surrogate_in_a_luna_payload_is_refused_and_poisons_nothing(api: Sandbox) -> None:
    before = snapshot(api)
    body = b'{"key":"k1","kind":"gp_listing","cpr":"1505963001","payload":{"a":"\\ud800"}}'
    refused = assert_error(
        api.post("/luna/registrations", content=body, headers=JSON), 400, "MALFORMED_JSON"
    )
    assert "surrogat" in refused["message_da"] and "surrogate" in refused["message_en"]
    assert snapshot(api) == before
    assert api.get("/luna/registrations").status_code == 200
    journal = api.get("/_control/journal/luna", params={"method": "POST"})
    assert journal.status_code == 200
    assert [e["status"] for e in journal.json()] == [400]
    assert "\\ud800" in journal.json()[0]["body"]  # kept as the text that was sent


def test_a_paired_surrogate_is_text_and_accepted(api: Sandbox) -> None:
    body = b'{"key":"k2","kind":"gp_listing","cpr":"1505963001","payload":{"a":"\\ud83d\\ude00"}}'
    created = api.post("/luna/registrations", content=body, headers=JSON)
    assert created.status_code == 201, created.text
    assert created.json()["payload"] == {"a": "\N{GRINNING FACE}"}


def test_a_lone_surrogate_in_a_refused_login_leaves_the_journal_readable(api: Sandbox) -> None:
    response = api.post("/borger-dk/mitid/login", content=b'{"cpr":"\\ud800"}', headers=JSON)
    assert_error(response, 400, "MALFORMED_JSON")
    journal = api.get("/_control/journal/borger-dk")
    assert journal.status_code == 200, journal.text
    assert journal.json()[0]["status"] == 400


def test_json_nested_a_thousand_deep_is_a_typed_400_in_both_languages(api: Sandbox) -> None:
    deep = b"[" * 1000 + b"]" * 1000
    body = assert_error(
        api.post("/luna/registrations", content=deep, headers=JSON), 400, "MALFORMED_JSON"
    )
    assert "niveauer" in body["message_da"] and "levels" in body["message_en"]
    entries = api.get("/_control/journal/luna").json()
    assert [(e["method"], e["path"], e["status"]) for e in entries] == [
        ("POST", "/luna/registrations", 400)
    ]
    again = api.get("/luna/registrations")  # the connection and the namespace still answer
    assert again.status_code == 200


def test_a_far_future_practice_event_is_refused_before_anything_changes(api: Sandbox) -> None:
    worker = api.staff()
    before = snapshot(api)
    event = {"ydernummer": "900101", "kind": "closure", "effective_date": "9999-12-20"}
    response = api.post(f"{CW}/practice-events", headers=worker, json=event)
    body = assert_error(response, 422, "INVALID_REQUEST")
    assert "2200-12-31" in body["message_en"]
    assert snapshot(api) == before


def test_the_clock_stays_inside_the_accepted_dates(api: Sandbox) -> None:
    assert_error(
        api.post("/_control/reset", json={"start": "9999-12-30T23:00:00"}), 422, "INVALID_REQUEST"
    )
    assert api.post("/_control/reset", json={"start": "2200-12-30T23:00:00"}).status_code == 200
    before = snapshot(api)
    body = assert_error(api.post("/_control/clock/advance", json={"days": 2}), 422, "INVALID_INPUT")
    assert "2200-12-31" in body["message_da"]
    assert_error(
        api.put("/_control/clock", json={"now": "2201-01-01T00:00:00"}), 422, "INVALID_REQUEST"
    )
    assert snapshot(api) == before
    assert api.post("/_control/clock/advance", json={"hours": 24}).status_code == 200


def test_the_date_range_is_the_business_parameter() -> None:
    bounds = default_parameters().value("api.acceptedDateRange", date(2025, 4, 9))
    assert (bounds["earliest"], bounds["latest"]) == (EARLIEST, LATEST)


def test_a_body_over_the_limit_is_413_with_the_error_body(api: Sandbox) -> None:
    big = b'{"key":"' + b"x" * (1024 * 1024) + b'"}'
    body = assert_error(
        api.post("/luna/registrations", content=big, headers=JSON), 413, "BODY_TOO_LARGE"
    )
    assert body["fields"]["limit"] == 1024 * 1024
    assert api.get("/luna/registrations").json() == []


def test_the_limit_is_configurable() -> None:
    small = create_app(max_body=100)
    with sandbox_for(small, "limit") as api:
        ok = {"key": "k", "kind": "x", "cpr": KENT}
        assert api.post("/luna/registrations", json=ok).status_code == 201
        assert_error(
            api.post("/luna/registrations", json=ok | {"payload": {"a": "x" * 100}}),
            413,
            "BODY_TOO_LARGE",
        )


def test_a_streamed_body_is_refused_as_soon_as_it_passes_the_limit() -> None:
    """Nothing past the limit is read: the client offers 50 MB in 64 KiB chunks."""
    app = create_app(max_body=1024 * 1024)
    chunk = b"x" * 65536
    pulled = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        pulled += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": pulled < 50 * 1024 * 1024}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/luna/registrations",
        "raw_path": b"/luna/registrations",
        "query_string": b"",
        "headers": [(b"content-type", b"application/json")],
        "http_version": "1.1",
        "scheme": "http",
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 1),
        "root_path": "",
    }
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 413
    assert pulled <= 1024 * 1024 + len(chunk)


def test_a_declared_length_over_the_limit_is_refused_unread() -> None:
    app = create_app(max_body=1000)
    pulled = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": b"{}", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/luna/registrations",
        "raw_path": b"/luna/registrations",
        "query_string": b"",
        "headers": [(b"content-type", b"application/json"), (b"content-length", b"52428800")],
        "http_version": "1.1",
        "scheme": "http",
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 1),
        "root_path": "",
    }
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 413 and pulled == 0


@pytest.mark.parametrize(
    "cpr", ["１５０５９６３００１", "١٥٠٥٩٦٣٠٠١", "3213451234", "2902011234", " 1505963001"]
)
def test_luna_takes_ascii_cpr_numbers_with_real_dates_only(api: Sandbox, cpr: str) -> None:
    response = api.post("/luna/registrations", json={"key": "k", "kind": "x", "cpr": cpr})
    assert_error(response, 422, "INVALID_CPR")
    assert api.get("/luna/registrations").json() == []


def test_29_february_of_a_leap_year_is_a_cpr_number(api: Sandbox) -> None:
    # 2000 is a leap year for digit 7 = 4 (2000-2036); 1900 is not (digit 7 = 0-3)
    assert (
        api.post(
            "/luna/registrations", json={"key": "a", "kind": "x", "cpr": "2902004001"}
        ).status_code
        == 201
    )
    assert_error(
        api.post("/luna/registrations", json={"key": "b", "kind": "x", "cpr": "2902000001"}),
        422,
        "INVALID_CPR",
    )


@pytest.mark.parametrize(
    "on", [0, 1_700_000_000, 20250409, "2025-4-9", "09-04-2025", "1849-12-31", True]
)
def test_dates_are_iso_strings_in_range(api: Sandbox, on: object) -> None:
    before = snapshot(api)
    response = api.put(f"/cpr/persons/{KENT}/protection", json={"protected": True, "on": on})
    assert_error(response, 422, "INVALID_REQUEST")
    assert snapshot(api) == before
    assert api.get(f"/cpr/persons/{KENT}/protection").json()["protected"] is False


def test_booleans_and_numbers_are_not_coerced(api: Sandbox) -> None:
    worker = api.staff()
    yder = api.open_practice(THISTED)
    url = f"{CW}/practices/{yder}"
    assert_error(
        api.post(f"{url}/capacity", headers=worker, json={"on": "2025-05-01", "capacity": True}),
        422,
        "INVALID_REQUEST",
    )
    assert_error(
        api.post(f"{url}/status", headers=worker, json={"on": "2025-05-01", "open": 1}),
        422,
        "INVALID_REQUEST",
    )
    assert_error(
        api.post(f"{url}/status", headers=worker, json={"on": "2025-05-01", "open": "false"}),
        422,
        "INVALID_REQUEST",
    )
    assert_error(api.post("/_control/clock/advance", json={"days": True}), 422, "INVALID_REQUEST")
    assert_error(api.post("/_control/clock/advance", json={"days": "2"}), 422, "INVALID_REQUEST")
    # 1.0 is the integer 1 in JSON (and in JSON Schema)
    assert api.post("/_control/clock/advance", json={"days": 1.0}).status_code == 200
    choose = {"ydernummer": "900103", "change_to_group_1": 1}
    assert_error(
        api.post(f"{CW}/citizens/{OLIVIA}/gp-choice", headers=worker, json=choose),
        422,
        "INVALID_REQUEST",
    )
    assert (
        api.post(
            f"{url}/capacity", headers=worker, json={"on": "2025-05-01", "capacity": 2}
        ).status_code
        == 200
    )


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("POST", f"/luna/opt-outs/{KENT}", "GET, PUT, DELETE"),
        ("PATCH", "/_control/clock", "GET, PUT"),
        ("DELETE", "/sygesikring/practices", "GET"),
        ("GET", "/_control/reset", "POST"),
    ],
)
def test_405_names_every_allowed_method(api: Sandbox, method: str, path: str, allowed: str) -> None:
    response = api.request(method, path)
    body = assert_error(response, 405, "METHOD_NOT_ALLOWED")
    assert response.headers["allow"] == allowed
    assert allowed in body["message_da"] and allowed in body["message_en"]


def test_the_openapi_states_every_bound_in_json_schema_terms() -> None:
    """A bound pydantic could not translate shows up as a raw ``ge``/``le`` key, which no
    client or schema tool reads: then the OpenAPI would not say what the server enforces."""
    text = json.dumps(create_app().openapi())
    for raw in ('"ge":', '"le":', '"gt":', '"lt":', '"max_length":', '"min_length":'):
        assert raw not in text, raw
    assert '"maximum": 4294967296' in text  # the fault seed's bound, inside its `| None`
