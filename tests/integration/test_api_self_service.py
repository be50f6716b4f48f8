"""The self-service API (selvbetjening) through HTTP: Borger.dk login, the entry point, the
citizen's views and every self-service action, refusals with their explanation."""

from __future__ import annotations

from tests.integration.api_support import (
    AARHUS,
    KENT,
    KLITMOLLER_4,
    KLITMOLLER_8,
    OLIVIA,
    SIGRID,
    STORM,
    Sandbox,
    assert_error,
)

SELF = "/sygesikring/self-service"


def other_open_practice(api: Sandbox, citizen: dict[str, str], current: str) -> str:
    entry = api.get(f"{SELF}/municipalities/{AARHUS}/gp-choice", headers=citizen).json()
    return next(
        p["ydernummer"] for p in entry["practices"] if p["open"] and p["ydernummer"] != current
    )


def test_the_demo_url_leads_to_the_municipalitys_self_service(api: Sandbox) -> None:
    for url in ("/laegevalg?kommuneid=0751", "/borger-dk/laegevalg?kommuneid=751"):
        response = api.get(url)
        assert response.status_code == 303
        assert response.headers["location"] == f"{SELF}/municipalities/0751/gp-choice"
    assert_error(api.get("/laegevalg?kommuneid=9999"), 404, "UNKNOWN_MUNICIPALITY")
    assert_error(api.get("/laegevalg"), 422, "INVALID_REQUEST")


def test_the_entry_page_shows_the_card_and_the_practices_within_reach(api: Sandbox) -> None:
    kent = api.citizen("150596-3001")
    response = api.get("/laegevalg?kommuneid=0751", headers=kent, follow_redirects=True)
    page = response.json()
    assert response.status_code == 200
    assert page["known_to_sygesikring"] and page["cpr"] == KENT
    assert page["gp_choice_card"]["current"]["ydernummer"] == "900201"
    distances = [p["distance_km"] for p in page["practices"]]
    assert distances == sorted(distances) and max(distances) <= 15.0
    assert "samlever" in page["actions"]


def test_a_citizen_sees_their_overview_card_and_history(api: Sandbox) -> None:
    kent = api.citizen(KENT)
    me = api.get(f"{SELF}/me", headers=kent).json()
    assert me["person"]["name"] == "Kent Hansen"
    assert me["gp"]["current"]["ydernummer"] == "900201"
    card = api.get(f"{SELF}/me/gp-choice-card", headers=kent).json()
    assert card["group"] == 1
    history = api.get(f"{SELF}/me/gp-choice-history", headers=kent).json()
    assert history["physical_card_opt_out"]["opted_out"] is False


def test_choosing_a_gp_makes_a_completed_case_registered_in_luna(api: Sandbox) -> None:
    kent = api.citizen(KENT)
    yder = other_open_practice(api, kent, "900201")
    response = api.post(f"{SELF}/gp-choice", headers=kent, json={"ydernummer": yder})
    case = response.json()
    assert response.status_code == 201, case
    assert case["type"] == "gp_choice" and case["status"] == "completed"
    assert case["main_cpr"] == KENT and case["details"]["ydernummer"] == yder
    assert case["details"]["fee_dkk"] > 0
    registrations = api.get("/luna/registrations", params={"cpr": KENT}).json()
    assert case["case_id"] in [r["key"] for r in registrations]
    mine = api.get(f"{SELF}/me/cases/{case['case_id']}", headers=kent).json()
    assert mine["case_id"] == case["case_id"] and mine["letters"]


def test_a_closed_practice_is_refused_with_the_decision_and_nothing_changes(api: Sandbox) -> None:
    kent = api.citizen(KENT)
    before = api.world()
    response = api.post(f"{SELF}/gp-choice", headers=kent, json={"ydernummer": "900202"})
    body = assert_error(response, 409, "RULE_REFUSED")
    assert body["refusal_code"]
    assert body["decision"]["allowed"] is False
    reason = body["decision"]["reasons"][0]
    assert reason["text_da"] and reason["text_en"] and reason["rule_id"]
    assert api.world() == before


def test_an_accepted_choice_answers_with_the_decisions_behind_it(api: Sandbox) -> None:
    kent = api.citizen(KENT)
    yder = other_open_practice(api, kent, "900201")
    response = api.post(f"{SELF}/gp-choice", headers=kent, json={"ydernummer": yder})
    assert response.status_code == 201
    decisions = response.json()["decisions"]
    assert decisions and all(d["allowed"] for d in decisions)
    codes = {d["subject"].split()[0]: [r["code"] for r in d["reasons"]] for d in decisions}
    assert codes == {
        "ChooseGp": ["PRACTICE_OPEN", "WITHIN_DISTANCE_LIMIT"],  # after the effective date's
        "Fee": ["CARD_FEE_CHARGED"],
        "Sundhedskort": ["PHYSICAL_CARD_ORDERED", "FEE_ON_TRIGGERING_CASE"],
    }
    assert [r["code"] for r in decisions[0]["reasons"]] == ["EFFECTIVE_DATE_OK"]
    for reason in (reason for d in decisions for reason in d["reasons"]):
        assert reason["text_da"] and reason["text_en"] and reason["rule_id"] and reason["source"]


def test_a_preview_decides_without_changing_anything(api: Sandbox) -> None:
    kent = api.citizen(KENT)
    before = api.world()
    yder = other_open_practice(api, kent, "900201")
    preview = api.post(f"{SELF}/gp-choice/preview", headers=kent, json={"ydernummer": yder})
    assert preview.status_code == 200
    assert preview.json()["allowed"] is True and preview.json()["fee_dkk"] > 0
    closed = api.post(f"{SELF}/gp-choice/preview", headers=kent, json={"ydernummer": "900202"})
    assert closed.json()["allowed"] is False
    assert api.world() == before


def test_the_free_choice_needs_a_practice_event(api: Sandbox) -> None:
    kent = api.citizen(KENT)
    yder = other_open_practice(api, kent, "900201")
    assert_error(
        api.post(f"{SELF}/free-gp-choice", headers=kent, json={"ydernummer": yder}),
        409,
        "NO_FREE_CHOICE",
    )
    worker = api.staff(municipality=AARHUS)
    today = api.get("/_control/clock").json()["today"]
    event = {"ydernummer": "900201", "kind": "transfer", "effective_date": today}
    registered = api.post("/sygesikring/case-worker/practice-events", headers=worker, json=event)
    assert registered.status_code == 201, registered.text
    card = api.get(f"{SELF}/me/gp-choice-card", headers=kent).json()
    assert card["upcoming_practice_events"]
    response = api.post(f"{SELF}/free-gp-choice", headers=kent, json={"ydernummer": yder})
    assert response.status_code == 201, response.text
    assert response.json()["details"]["fee_dkk"] == 0


def test_group_change_within_the_citizens_window_only(api: Sandbox) -> None:
    kent = api.citizen(KENT)
    today = api.get("/_control/clock").json()["today"]
    response = api.post(f"{SELF}/group-change", headers=kent, json={"group": 2})
    assert response.status_code == 201, response.text
    assert response.json()["type"] == "group_change"
    sigrid = api.citizen(SIGRID)
    back = {"group": 2, "valid_from": "2025-04-01"}
    assert today > back["valid_from"]
    assert_error(api.post(f"{SELF}/group-change", headers=sigrid, json=back), 409, "RULE_REFUSED")
    assert_error(
        api.post(f"{SELF}/group-change", headers=sigrid, json={"group": 3}), 422, "INVALID_REQUEST"
    )


def test_kent_declares_olivia_at_the_moving_in_address(api: Sandbox) -> None:
    kent = api.citizen(KENT)
    refused = api.post(f"{SELF}/samlever", headers=kent, json={"samlever_cpr": OLIVIA})
    body = assert_error(refused, 409, "RULE_REFUSED")
    generic = body["message_en"]
    declared = api.post(
        f"{SELF}/samlever",
        headers=kent,
        json={"samlever_cpr": "120984-0000", "moving_in_address": KLITMOLLER_8},
    )
    assert declared.status_code == 201, declared.text
    assert declared.json()["type"] == "samlever"
    assert OLIVIA not in generic  # the refusal never says why (protected data)


def test_a_standalone_card_order_reaches_luna(api: Sandbox) -> None:
    kent = api.citizen(KENT)
    response = api.post(f"{SELF}/health-card", headers=kent, json={"reason": "lost"})
    assert response.status_code == 201, response.text
    assert response.json()["type"] == "card_order"
    orders = api.get("/luna/card-orders", params={"cpr": KENT}).json()
    assert [o["key"] for o in orders] == [response.json()["case_id"]]
    assert_error(
        api.post(f"{SELF}/health-card", headers=kent, json={"reason": "bored"}),
        422,
        "INVALID_REQUEST",
    )


def test_storm_moves_from_greenland_through_self_service(api: Sandbox) -> None:
    storm = api.citizen("010270-0000")
    entry = api.get(f"{SELF}/municipalities/0787/gp-choice", headers=storm).json()
    assert entry["known_to_sygesikring"] is False and entry["actions"] == ["greenland-move"]
    choice = {"municipality_code": "787", "address": KLITMOLLER_4, "ydernummer": "900102"}
    pending = api.post(f"{SELF}/greenland-move", headers=storm, json=choice)
    assert pending.status_code == 201, pending.text
    assert pending.json()["status"] == "pending"
    move = {"cpr": STORM, "address": KLITMOLLER_4}
    assert api.post("/cpr/life-events/move-from-greenland", json=move).status_code == 201
    case = api.get(f"{SELF}/me/cases/{pending.json()['case_id']}", headers=storm).json()
    assert case["status"] == "completed"
    assert api.get(f"/luna/registrations/{case['case_id']}").status_code == 200


def test_a_citizen_cannot_read_someone_elses_case(api: Sandbox) -> None:
    kent, sigrid = api.citizen(KENT), api.citizen(SIGRID)
    case = api.post(f"{SELF}/health-card", headers=kent, json={"reason": "damaged"}).json()
    assert_error(
        api.get(f"{SELF}/me/cases/{case['case_id']}", headers=sigrid), 403, "VIEW_NOT_ALLOWED"
    )


def test_a_protected_spouse_is_masked_for_the_citizen_not_for_the_case_worker(
    api: Sandbox,
) -> None:
    assert api.post("/cpr/life-events/marriage", json={"a": KENT, "b": SIGRID}).status_code == 201
    protect = api.put(f"/cpr/persons/{SIGRID}/protection", json={"protected": True})
    assert protect.status_code == 200
    kent = api.citizen(KENT)
    relations = api.get(f"{SELF}/me", headers=kent).json()["relations"]
    spouse = next(r for r in relations if r["relation"] == "spouse")
    assert spouse["name"] != "Sigrid Nielsen" and spouse["address"] is None
    assert "Sigrid" not in api.get(f"{SELF}/me", headers=kent).text
    worker = api.staff(municipality=AARHUS)
    seen = api.get(f"/sygesikring/case-worker/citizens/{KENT}", headers=worker).json()
    assert any(r.get("name") == "Sigrid Nielsen" for r in seen["relations"])
