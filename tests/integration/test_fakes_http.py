"""The fakes over HTTP (CPR, LUNA, Borger.dk), and the system's HTTP adapters against them: the
same service layer running against fakes it reaches only through HTTP."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import date, datetime, time

import httpx
import pytest
from fastapi import FastAPI

from sandbox.adapters.clock import ManualClock
from sandbox.adapters.http import (
    CprUnavailable,
    HttpBorgerDk,
    HttpCpr,
    HttpLuna,
    in_process_client,
    sandbox_client,
)
from sandbox.domain.model import Actor, CaseStatus, Role
from sandbox.service.bus import MessageBus
from sandbox.service.commands import ChooseGp, ConsumeCprFeed, RelayOutbox
from sandbox.service.ports import LunaRegistration, LunaUnavailable
from sandbox.system import build_system
from tests.integration.api_support import (
    KENT,
    KLITMOLLER_4,
    OLIVIA,
    SIGRID,
    STORM,
    Sandbox,
    assert_error,
    namespace_for,
)

CW = "/sygesikring/case-worker"
NEW_HOME = KLITMOLLER_4 | {"house_number": "10"}


# --- fake CPR ---------------------------------------------------------------------------


def test_cpr_persons_relations_status_and_protection(api: Sandbox) -> None:
    person = {
        "cpr": "0101901234",
        "name": "Ny Person",
        "birth_date": "1990-01-01",
        "address": NEW_HOME,
    }
    created = api.post("/cpr/persons", json=person)
    assert created.status_code == 201 and created.json()["status_da"].startswith("Aktiv")
    assert_error(api.post("/cpr/persons", json=person), 409, "CPR_REFUSED")
    assert api.get("/cpr/persons/0101901234").json()["address"]["house_number"] == "10"
    in_thisted = api.get("/cpr/persons", params={"municipality_code": "0787", "limit": 1000}).json()
    assert "0101901234" in [p["cpr"] for p in in_thisted]
    assert api.get(f"/cpr/persons/{STORM}/status").json() == {
        "code": "05",
        "text_da": "Aktiv, bopæl i grønlandsk register",
        "text_en": "Active, residence in Greenland",
    }
    assert len(api.get("/cpr/status-codes").json()) == 12
    assert api.get(f"/cpr/persons/{KENT}/protection").json()["protected"] is False
    event = api.put(f"/cpr/persons/{KENT}/protection", json={"protected": True}).json()
    assert event["kind"] == "protection" and event["data"] == {"protected": True}
    assert api.get(f"/cpr/persons/{KENT}").json()["protected"] is True
    relations = api.get(f"/cpr/persons/{KENT}/relations").json()
    assert relations == {
        "cpr": KENT,
        "parents": [],
        "custody_holders": [],
        "spouse": None,
        "civil_status": "U",
        "children": [],
    }


def test_life_events_feed_the_system(api: Sandbox) -> None:
    worker = api.staff()
    child = "0904250014"
    birth = {"child_cpr": child, "birth_date": "2025-04-08", "mother_cpr": OLIVIA}
    assert api.post("/cpr/life-events/birth", json=birth).status_code == 201
    assert (
        api.post("/cpr/life-events/naming", json={"cpr": child, "name": "Lille Jensen"}).status_code
        == 201
    )
    assert api.get(f"/cpr/persons/{OLIVIA}/relations").json()["children"] == [child]
    overview = api.get(f"{CW}/citizens/{child}", headers=worker).json()
    assert overview["person"]["name"] == "Lille Jensen"
    assert overview["gp"]["current"]["ydernummer"] == "900101"  # from the mother, from birth
    move = {"cpr": OLIVIA, "address": NEW_HOME}
    assert api.post("/cpr/life-events/move", json=move).status_code == 201
    assert (
        "Gang 10" in api.get(f"{CW}/citizens/{OLIVIA}", headers=worker).json()["person"]["address"]
    )
    custody = {"child_cpr": child, "custody_holders": [OLIVIA]}
    assert api.post("/cpr/life-events/custody", json=custody).status_code == 201
    couple = {"a": KENT, "b": SIGRID}
    assert api.post("/cpr/life-events/marriage", json=couple).json()["data"]["civil_status"] == "G"
    assert api.post("/cpr/life-events/divorce", json=couple).json()["data"]["civil_status"] == "F"
    renumbered = {"old_cpr": KENT, "new_cpr": "1505964002"}
    assert api.post("/cpr/life-events/renumbering", json=renumbered).status_code == 201
    assert api.get(f"/cpr/persons/{KENT}").json()["replaced_by"] == "1505964002"
    feed = api.get("/cpr/events", params={"after": 0}).json()
    kinds = [event["kind"] for event in feed]
    assert kinds[:3] == ["birth", "naming", "move"] and "renumbering" in kinds
    assert [e["sequence"] for e in feed] == list(range(1, len(feed) + 1))
    assert api.get("/cpr/events", params={"after": len(feed)}).json() == []
    assert api.get("/_control/jobs").json()[-1]["result"]["failed"] == []


def test_leaving_denmark_ends_the_insurance(api: Sandbox) -> None:
    assert api.post("/cpr/life-events/death", json={"cpr": SIGRID}).status_code == 201
    gone = {"cpr": KENT, "country": "Norge"}
    assert api.post("/cpr/life-events/emigration", json=gone).json()["data"]["status"] == "80"
    north = {
        "cpr": OLIVIA,
        "address": KLITMOLLER_4
        | {"municipality_code": "0956", "postcode": "3900", "lat": 64.18, "lon": -51.69},
    }
    assert (
        api.post("/cpr/life-events/move-to-greenland", json=north).json()["data"]["status"] == "05"
    )
    aarhus = api.staff(municipality="0751")
    card = api.get(f"{CW}/citizens/{KENT}/gp-choice-card", headers=aarhus).json()
    assert card["person"]["resident"] is False and card["person"]["status"] == "80"
    thisted = api.staff()  # Olivia now lives in a Greenlandic municipality
    response = api.get(f"{CW}/citizens/{OLIVIA}/gp-choice-card", headers=thisted)
    assert_error(response, 403, "WRONG_MUNICIPALITY")


# --- fake LUNA ----------------------------------------------------------------------------


def test_luna_registrations_are_idempotent_and_faults_per_request(api: Sandbox) -> None:
    body = {"key": "K-1", "kind": "gp_listing", "cpr": OLIVIA, "payload": {"ydernummer": "900103"}}
    first = api.post("/luna/registrations", json=body)
    again = api.post("/luna/registrations", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["duplicate"] is True and again.json()["luna_id"] == first.json()["luna_id"]
    timeout = api.post(
        "/luna/registrations", json=body | {"key": "K-2"}, headers={"X-Luna-Fault": "timeout"}
    )
    assert_error(timeout, 504, "LUNA_UNAVAILABLE")
    error = api.post(
        "/luna/registrations", json=body | {"key": "K-2"}, headers={"X-Luna-Fault": "error"}
    )
    assert error.status_code == 503 and error.json()["fields"]["fault"] == "error"
    assert api.post("/luna/registrations", json=body | {"key": "K-2"}).status_code == 201
    calls = api.get("/luna/registrations/K-2/calls").json()
    assert [c["outcome"] for c in calls] == ["timeout", "error", "ok"]
    listed = api.get("/luna/registrations", params={"cpr": OLIVIA, "kind": "gp_listing"}).json()
    assert [r["key"] for r in listed] == ["K-1", "K-2"]
    assert (
        api.get("/luna/registrations", params={"offset": 1, "limit": 1}).json()[0]["key"] == "K-2"
    )
    assert api.get("/luna/card-orders").json() == []


def test_luna_physical_card_opt_outs(api: Sandbox) -> None:
    assert_error(api.get(f"/luna/opt-outs/{OLIVIA}"), 404, "NOT_FOUND")
    opted = api.put(f"/luna/opt-outs/{OLIVIA}").json()
    assert opted["opted_out"] is True and opted["at"] == "2025-04-09T09:00:00"
    assert OLIVIA in [o["cpr"] for o in api.get("/luna/opt-outs").json()]
    worker = api.staff()
    history = api.get(f"{CW}/citizens/{OLIVIA}/gp-choice-history", headers=worker).json()
    assert history["physical_card_opt_out"]["opted_out"] is True
    assert api.delete(f"/luna/opt-outs/{OLIVIA}").json()["opted_out"] is False
    # a deleted resource is gone: reading or deleting it again is 404
    assert_error(api.get(f"/luna/opt-outs/{OLIVIA}"), 404, "NOT_FOUND")
    assert_error(api.delete(f"/luna/opt-outs/{OLIVIA}"), 404, "NOT_FOUND")
    assert_error(api.put("/luna/opt-outs/123"), 422, "INVALID_CPR")


# --- fake Borger.dk -------------------------------------------------------------------------


def test_borger_dk_sessions(api: Sandbox) -> None:
    session = api.post("/borger-dk/mitid/login", json={"cpr": "120984-0000"}).json()
    assert session["cpr"] == OLIVIA and session["token_type"] == "Bearer"
    assert api.get(f"/borger-dk/mitid/sessions/{session['token']}").json()["cpr"] == OLIVIA
    headers = {"Authorization": f"Bearer {session['token']}"}
    assert api.get("/sygesikring/self-service/me", headers=headers).status_code == 200
    assert api.delete(f"/borger-dk/mitid/sessions/{session['token']}").status_code == 204
    assert_error(api.get(f"/borger-dk/mitid/sessions/{session['token']}"), 404, "NOT_FOUND")
    assert_error(api.get("/sygesikring/self-service/me", headers=headers), 401, "UNAUTHENTICATED")


# --- the system's HTTP adapters -----------------------------------------------------------------


@pytest.fixture
def remote(
    app: FastAPI, request: pytest.FixtureRequest
) -> Iterator[tuple[MessageBus, httpx.Client]]:
    """A second system, in this process but reaching the namespace's fakes only over HTTP."""
    namespace = namespace_for(request.node.name)
    with in_process_client(app, namespace) as client:
        client.get("/_control/namespace")
        world = app.state.namespaces.get(namespace).world
        registry = copy.deepcopy(world.registry)
        for case_id in registry.case_ids():
            registry.drop_case(case_id)
        clock = ManualClock(datetime.combine(date(2025, 4, 9), time(9, 0)))
        # the same builder as the API's and the simulator's, with the HTTP adapters
        yield build_system(clock, registry=registry, http=client).bus, client


def test_the_system_registers_in_luna_over_http(remote: tuple[MessageBus, httpx.Client]) -> None:
    bus, client = remote
    worker = Actor(Role.CASE_WORKER, "sb-remote", "0787")
    case = bus.handle(ChooseGp(worker, OLIVIA, "900103"))
    assert case.status is CaseStatus.COMPLETED
    stored = client.get(f"/luna/registrations/{case.case_id}").json()
    assert stored["payload"]["ydernummer"] == "900103" and stored["cpr"] == OLIVIA
    luna = bus.uow.luna
    assert isinstance(luna, HttpLuna)
    assert case.case_id in luna.registrations()
    assert luna.has_opted_out_of_physical_card(OLIVIA) is False


def test_luna_faults_over_http_are_retried_never_lost(
    remote: tuple[MessageBus, httpx.Client],
) -> None:
    bus, client = remote
    client.put("/_control/faults/luna", json={"error_rate": 1.0})
    worker = Actor(Role.CASE_WORKER, "sb-remote", "0787")
    case = bus.handle(ChooseGp(worker, OLIVIA, "900104"))
    assert case.status is CaseStatus.AWAITING_LUNA
    assert bus.uow.outbox.get(case.case_id) is not None
    assert bus.uow.outbox.get(case.case_id).last_fault == "error"  # type: ignore[union-attr]
    luna = bus.uow.luna
    assert isinstance(luna, HttpLuna) and luna.unanswered_opt_out_reads >= 1
    client.delete("/_control/faults/luna")
    clock = bus.uow.clock
    assert isinstance(clock, ManualClock)
    clock.set(datetime.combine(date(2025, 4, 9), time(10, 0)))
    bus.handle(RelayOutbox(Actor.system()))
    assert case.status is CaseStatus.COMPLETED
    assert client.get(f"/luna/registrations/{case.case_id}").json()["received"] == 1


def test_the_system_reads_cpr_over_http(remote: tuple[MessageBus, httpx.Client]) -> None:
    bus, client = remote
    cpr = bus.uow.cpr
    assert isinstance(cpr, HttpCpr)
    storm = cpr.person(STORM)
    assert storm is not None and storm.status == "05" and storm.birth_date == date(1970, 2, 1)
    assert cpr.person("0101011234") is None
    assert (
        client.post("/cpr/life-events/move", json={"cpr": OLIVIA, "address": NEW_HOME}).status_code
        == 201
    )
    assert [e.kind for e in cpr.events_after(0)] == ["move"]
    result = bus.handle(ConsumeCprFeed(Actor.system()))
    assert result.applied == 1
    assert bus.uow.registry.citizen(OLIVIA).address.house_number == "10"


def test_the_system_identifies_citizens_over_http(remote: tuple[MessageBus, httpx.Client]) -> None:
    bus, client = remote
    token = client.post("/borger-dk/mitid/login", json={"cpr": OLIVIA}).json()["token"]
    borger_dk = bus.uow.borger_dk
    assert borger_dk is not None
    assert borger_dk.identify(token) == OLIVIA
    assert borger_dk.identify("mitid-unknown") is None


def test_adapters_when_nothing_answers() -> None:
    with sandbox_client("http://127.0.0.1:9", "nowhere", timeout=1.0) as client:
        luna = HttpLuna(client)
        with pytest.raises(LunaUnavailable) as raised:
            luna.register(LunaRegistration("F1", "gp_listing", OLIVIA))
        assert raised.value.fields["fault"] == "ConnectError"
        with pytest.raises(CprUnavailable):
            HttpCpr(client).person(OLIVIA)
        assert HttpBorgerDk(client).identify("token") is None
