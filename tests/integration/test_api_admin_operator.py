"""The municipal administrator's audit-log extraction and the operator's tools (data restore,
reconciliation with LUNA) through HTTP."""

from __future__ import annotations

from tests.integration.api_support import (
    AARHUS,
    OLIVIA,
    THISTED,
    Sandbox,
    assert_error,
)

ADMIN = "/sygesikring/administrator"
OPERATOR = "/sygesikring/operator"
CW = "/sygesikring/case-worker"


def test_the_audit_log_as_json_and_csv(api: Sandbox) -> None:
    worker = api.staff(user="sb-42")
    api.get(f"{CW}/citizens/{OLIVIA}", headers=worker)
    api.post(f"{CW}/citizens/{OLIVIA}/health-card", headers=worker, json={"reason": "lost"})
    admin = api.staff("municipal_admin", THISTED, "adm-1")
    period = {"period_from": "2025-04-01", "period_to": "2025-04-09"}
    extract = api.get(f"{ADMIN}/audit-log", headers=admin, params=period)
    assert extract.status_code == 200, extract.text
    rows = extract.json()["rows"]
    assert {row["bruger"] for row in rows} >= {"sb-42"}
    assert {row["art"] for row in rows if row["bruger"] == "sb-42"} == {"læsning", "ændring"}
    as_csv = api.get(f"{ADMIN}/audit-log", headers=admin, params=period | {"format": "csv"})
    assert as_csv.status_code == 200
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert as_csv.text.splitlines()[0].startswith("løbenummer;")
    assert "sb-42" in as_csv.text


def test_the_audit_log_is_bounded_and_municipal(api: Sandbox) -> None:
    admin = api.staff("municipal_admin", THISTED, "adm-1")
    too_long = {"period_from": "2025-03-01", "period_to": "2025-04-09"}
    body = assert_error(
        api.get(f"{ADMIN}/audit-log", headers=admin, params=too_long), 409, "RULE_REFUSED"
    )
    assert body["decision"]["reasons"][0]["parameters"]
    aarhus_admin = api.staff("municipal_admin", AARHUS, "adm-2")
    worker = api.staff(user="sb-thisted")
    api.get(f"{CW}/citizens/{OLIVIA}", headers=worker)
    params = {
        "period_from": "2025-04-09",
        "period_to": "2025-04-09",
        "case_worker_id": "sb-thisted",
    }
    assert api.get(f"{ADMIN}/audit-log", headers=aarhus_admin, params=params).json()["rows"] == []
    assert_error(
        api.get(f"{ADMIN}/audit-log", headers=admin, params={"period_from": "x", "period_to": "y"}),
        422,
        "INVALID_REQUEST",
    )


def test_restore_shows_then_applies_the_differences(api: Sandbox) -> None:
    before = api.get("/_control/clock").json()["now"]
    api.post("/_control/clock/advance", json={"hours": 1})
    worker = api.staff()
    choice = api.post(
        f"{CW}/citizens/{OLIVIA}/gp-choice", headers=worker, json={"ydernummer": "900103"}
    )
    assert choice.status_code == 201
    operator = api.staff("operator", None, "servicedesk-1")
    url = f"{OPERATOR}/citizens/{OLIVIA}/restore"
    dry = api.post(url, headers=operator, json={"as_of": before})
    assert dry.status_code == 200, dry.text
    assert dry.json()["applied"] is False and dry.json()["diff"]["changed"] is True
    card = api.get(f"{CW}/citizens/{OLIVIA}/gp-choice-card", headers=worker).json()
    assert card["current"]["ydernummer"] == "900103"
    applied = api.post(url, headers=operator, json={"as_of": before, "dry_run": False}).json()
    assert applied["applied"] is True and applied["case_id"]
    card = api.get(f"{CW}/citizens/{OLIVIA}/gp-choice-card", headers=worker).json()
    assert card["current"]["ydernummer"] == "900101"
    future = {"as_of": "2030-01-01T00:00:00"}
    assert_error(api.post(url, headers=operator, json=future), 422, "INVALID_INPUT")


def test_reconciliation_finds_nothing_wrong_then_a_lost_case(api: Sandbox) -> None:
    operator = api.staff("operator", None, "servicedesk-1")
    worker = api.staff()
    api.post(f"{CW}/citizens/{OLIVIA}/gp-choice", headers=worker, json={"ydernummer": "900103"})
    report = api.get(f"{OPERATOR}/reconciliation", headers=operator).json()
    assert report["ok"] is True and report["luna_registrations"] >= 1
    stray = {"key": "F99999999", "kind": "gp_listing", "cpr": OLIVIA, "payload": {}}
    assert api.post("/luna/registrations", json=stray).status_code == 201
    report = api.get(f"{OPERATOR}/reconciliation", headers=operator).json()
    assert report["ok"] is False
    assert [p["code"] for p in report["problems"]] == ["LUNA_WITHOUT_CASE"]


def test_operator_sees_cases_awaiting_luna_everywhere(api: Sandbox) -> None:
    operator = api.staff("operator", None, "servicedesk-1")
    api.put("/_control/faults/luna", json={"luna_rates": {"error": 1.0}})
    worker = api.staff()
    api.post(f"{CW}/citizens/{OLIVIA}/gp-choice", headers=worker, json={"ydernummer": "900103"})
    everywhere = api.get(f"{OPERATOR}/cases-awaiting-luna", headers=operator).json()
    in_aarhus = api.get(
        f"{OPERATOR}/cases-awaiting-luna", headers=operator, params={"municipality_code": AARHUS}
    )
    assert everywhere and in_aarhus.json() == []
