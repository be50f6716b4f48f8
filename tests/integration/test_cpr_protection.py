"""The fake CPR keeps protected persons' name and address (navne- og adressebeskyttelse) from
callers without the system credential, as the real CPR gives them only to authorised systems:
in ``/cpr/persons/{cpr}``, ``/cpr/persons``, ``/cpr/events`` and CPR's request journal. The
control plane issues the credential; the system's HTTP adapter presents it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI

from sandbox.adapters.http import (
    SYSTEM_CREDENTIAL_HEADER,
    CprUnavailable,
    HttpCpr,
    in_process_client,
)
from sandbox.app import create_app
from tests.integration.api_support import (
    AARHUS,
    KENT,
    KLITMOLLER_4,
    OLIVIA,
    Sandbox,
    namespace_for,
    sandbox_for,
)

NEW_HOME = KLITMOLLER_4 | {"house_number": "12"}


@pytest.fixture
def protected(api: Sandbox) -> Iterator[tuple[Sandbox, dict[str, str]]]:
    """Kent under name and address protection, having moved; and the system's headers."""
    assert api.put(f"/cpr/persons/{KENT}/protection", json={"protected": True}).status_code == 200
    moved = api.post("/cpr/life-events/move", json={"cpr": KENT, "address": NEW_HOME})
    assert moved.status_code == 201, moved.text
    issued = api.post("/_control/credentials/system")
    assert issued.status_code == 201, issued.text
    yield api, {issued.json()["header"]: issued.json()["credential"]}


def test_a_protected_person_is_masked_without_the_credential(
    protected: tuple[Sandbox, dict[str, str]],
) -> None:
    api, system = protected
    for headers in ({}, {SYSTEM_CREDENTIAL_HEADER: "sys-guess"}):
        kent = api.get(f"/cpr/persons/{KENT}", headers=headers).json()
        assert kent["name"] is None and kent["address"] is None
        assert kent["masked"] is True and kent["protected"] is True
        assert kent["cpr"] == KENT  # who they are is no secret; where they live is
    seen = api.get(f"/cpr/persons/{KENT}", headers=system).json()
    assert seen["name"]
    assert seen["address"]["house_number"] == "12" and seen["masked"] is False


def test_an_unprotected_person_is_shown_to_anyone(
    protected: tuple[Sandbox, dict[str, str]],
) -> None:
    api, _ = protected
    olivia = api.get(f"/cpr/persons/{OLIVIA}").json()
    assert olivia["name"] and olivia["address"] and olivia["masked"] is False


def test_the_person_list_masks_and_the_municipality_filter_does_not_find_them(
    protected: tuple[Sandbox, dict[str, str]],
) -> None:
    api, system = protected
    everyone = api.get("/cpr/persons", params={"limit": 1000}).json()
    kent = next(person for person in everyone if person["cpr"] == KENT)
    assert kent["masked"] is True and kent["address"] is None and kent["name"] is None
    assert all(p["address"] is not None for p in everyone if not p["protected"])
    thisted = {"municipality_code": "0787", "limit": 1000}
    assert KENT not in [p["cpr"] for p in api.get("/cpr/persons", params=thisted).json()]
    found = api.get("/cpr/persons", params=thisted, headers=system).json()
    assert KENT in [p["cpr"] for p in found]
    aarhus = {"municipality_code": AARHUS, "limit": 1000}
    assert KENT not in [p["cpr"] for p in api.get("/cpr/persons", params=aarhus).json()]


def test_events_about_a_protected_person_are_masked(
    protected: tuple[Sandbox, dict[str, str]],
) -> None:
    api, system = protected
    feed = api.get("/cpr/events", params={"after": 0}).json()
    move = next(event for event in feed if event["kind"] == "move")
    assert move["cpr"] == KENT and move["masked"] is True
    assert move["data"]["address"] is None and move["data"]["previous"] is None
    full = api.get("/cpr/events", params={"after": 0}, headers=system).json()
    move = next(event for event in full if event["kind"] == "move")
    assert move["data"]["address"]["house_number"] == "12" and move["masked"] is False
    # the answer to the life event itself is masked the same way
    again = api.post("/cpr/life-events/move", json={"cpr": KENT, "address": KLITMOLLER_4})
    assert again.json()["data"]["address"] is None


def test_the_cpr_journal_masks_requests_about_a_protected_person(
    protected: tuple[Sandbox, dict[str, str]],
) -> None:
    api, system = protected
    api.post("/cpr/life-events/move", json={"cpr": OLIVIA, "address": NEW_HOME})
    entries = api.get("/_control/journal/cpr", params={"method": "POST"}).json()
    kent, olivia = (e["body"] for e in entries if e["path"] == "/cpr/life-events/move")
    assert kent == {"cpr": KENT, "address": None}
    assert olivia["address"]["house_number"] == "12"  # not protected: as sent
    full = api.get("/_control/journal/cpr", params={"method": "POST"}, headers=system).json()
    kent = next(e["body"] for e in full if e["path"] == "/cpr/life-events/move")
    assert kent["address"]["house_number"] == "12"


def test_a_person_added_as_protected_is_masked_from_the_start(api: Sandbox) -> None:
    person = {
        "cpr": "0101901111",
        "name": "Skjult Person",
        "birth_date": "1990-01-01",
        "address": NEW_HOME,
        "protected": True,
    }
    added = api.post("/cpr/persons", json=person)
    assert added.status_code == 201, added.text
    assert added.json()["name"] is None and added.json()["masked"] is True
    body = api.get("/_control/journal/cpr", params={"method": "POST"}).json()[-1]["body"]
    assert body["name"] is None and body["address"] is None and body["cpr"] == "0101901111"


def test_the_credential_is_one_per_server_in_every_namespace_and_after_resets(
    app: FastAPI, api: Sandbox
) -> None:
    first = api.post("/_control/credentials/system").json()
    assert first["header"] == SYSTEM_CREDENTIAL_HEADER
    assert first["grants"] == ["cpr:protected-persons"]
    api.post("/_control/reset")
    assert api.post("/_control/credentials/system").json() == first
    with sandbox_for(app, "credential-elsewhere") as other:
        assert other.post("/_control/credentials/system").json() == first
    with sandbox_for(create_app(), "credential-other-server") as stranger:
        assert stranger.post("/_control/credentials/system").json() != first


def test_the_systems_http_adapter_reads_protected_persons_in_full(
    app: FastAPI, protected: tuple[Sandbox, dict[str, str]], request: pytest.FixtureRequest
) -> None:
    with in_process_client(app, namespace_for(request.node.name)) as client:
        cpr = HttpCpr(client)  # asks the control plane for the credential
        kent = cpr.person(KENT)
        assert kent is not None and kent.protected and kent.address is not None
        assert kent.address["house_number"] == "12"
        assert any(event.data.get("address") for event in cpr.events_after(0))
        # without a valid credential the adapter refuses the masked record, never half reads it
        with pytest.raises(CprUnavailable):
            HttpCpr(client, credential="sys-wrong").person(KENT)
        with pytest.raises(CprUnavailable):
            HttpCpr(client, credential="sys-wrong").events_after(0)
