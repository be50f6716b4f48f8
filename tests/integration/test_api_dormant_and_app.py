"""Dormant insurance registered by a case worker, and the Sundhedskort app's view of children,
through HTTP: answers, refusals with their code, and bad input as a typed 4xx."""

from __future__ import annotations

from datetime import date, timedelta

from tests.integration.api_support import KENT, OLIVIA, Sandbox, assert_error

CW = "/sygesikring/case-worker"
SELF = "/sygesikring/self-service"


def today(api: Sandbox) -> date:
    return date.fromisoformat(api.get("/_control/clock").json()["today"])


def stay(start: date, days: int, kind: str = "military_service") -> dict[str, object]:
    end = start + timedelta(days=days)
    return {"kind": kind, "starts_on": start.isoformat(), "expected_end": end.isoformat()}


def test_a_case_worker_registers_dormant_insurance_and_the_return(api: Sandbox) -> None:
    worker = api.staff()
    start = today(api)
    url = f"{CW}/citizens/{OLIVIA}/dormant-insurance"
    done = api.post(url, headers=worker, json=stay(start, 200))
    assert done.status_code == 201, done.text
    assert "DORMANT_STAY_LONG_ENOUGH" in done.json()["details"]["decision_codes"]
    history = api.get(f"{CW}/citizens/{OLIVIA}/gp-choice-history", headers=worker).json()
    assert history["groups"][-1]["reason"] == "DORMANT"
    back = {"on": (start + timedelta(days=1)).isoformat()}
    returned = api.post(f"{url}/end", headers=worker, json=back)
    assert returned.status_code == 201, returned.text
    card = api.get(f"{CW}/citizens/{OLIVIA}/gp-choice-card", headers=worker).json()
    assert card["group"] == 1


def test_a_short_stay_a_missing_judgment_and_a_return_without_dormancy_are_refused(
    api: Sandbox,
) -> None:
    worker = api.staff()
    url = f"{CW}/citizens/{OLIVIA}/dormant-insurance"
    start = today(api)
    body = assert_error(api.post(url, headers=worker, json=stay(start, 60)), 409, "RULE_REFUSED")
    assert body["refusal_code"] == "DORMANT_STAY_TOO_SHORT"
    remand = stay(start, 400, "remand")
    body = assert_error(api.post(url, headers=worker, json=remand), 409, "RULE_REFUSED")
    assert body["refusal_code"] == "DORMANT_NO_FINAL_JUDGMENT"
    back = {"on": start.isoformat()}
    body = assert_error(api.post(f"{url}/end", headers=worker, json=back), 409, "RULE_REFUSED")
    assert body["refusal_code"] == "NOT_DORMANT"


def test_bad_input_and_a_citizen_get_typed_errors(api: Sandbox) -> None:
    worker = api.staff()
    url = f"{CW}/citizens/{OLIVIA}/dormant-insurance"
    start = today(api)
    assert_error(
        api.post(url, headers=worker, json=stay(start, 200, "holiday")), 422, "INVALID_REQUEST"
    )
    assert_error(api.post(url, headers=worker, json={"kind": "prison"}), 422, "INVALID_REQUEST")
    citizen = api.citizen(OLIVIA)
    response = api.post(url, headers=citizen, json=stay(start, 200))
    assert 400 <= response.status_code < 500


def test_the_app_shows_a_citizen_their_own_card(api: Sandbox) -> None:
    kent = api.citizen(KENT)
    cards = api.get(f"{SELF}/me/health-cards", headers=kent).json()
    assert cards["own"]["cpr"] == KENT and cards["own"]["group"] == 1
    assert cards["own"]["gp"]["ydernummer"] == "900201"
    assert isinstance(cards["children"], list) and isinstance(cards["children_not_shown"], list)
