"""The case-worker client through HTTP: views, acting for a citizen with the role's windows,
dispensations, practice data, all within the worker's own municipality."""

from __future__ import annotations

from tests.integration.api_support import (
    AARHUS,
    KENT,
    KLITMOLLER_4,
    KLITMOLLER_8,
    OLIVIA,
    STORM,
    THISTED,
    Sandbox,
    assert_error,
)

CW = "/sygesikring/case-worker"


def test_views_of_a_citizen(api: Sandbox) -> None:
    worker = api.staff()
    overview = api.get(f"{CW}/citizens/120984-0000", headers=worker)
    assert overview.status_code == 200, overview.text
    assert overview.json()["person"]["name"] == "Olivia Jensen"
    card = api.get(f"{CW}/citizens/{OLIVIA}/gp-choice-card", headers=worker).json()
    assert card["current"]["ydernummer"] == "900101"
    history = api.get(f"{CW}/citizens/{OLIVIA}/gp-choice-history", headers=worker).json()
    assert history["listings"][0]["ydernummer"] == "900101"
    assert api.get(f"{CW}/citizens/{OLIVIA}/cases", headers=worker).json() == []


def test_reads_are_written_to_the_audit_log(api: Sandbox) -> None:
    worker = api.staff(user="sb-thisted-7")
    api.get(f"{CW}/citizens/{OLIVIA}", headers=worker)
    admin = api.staff("municipal_admin", THISTED, "adm-1")
    today = api.get("/_control/clock").json()["today"]
    params = {"period_from": today, "period_to": today, "case_worker_id": "sb-thisted-7"}
    rows = api.get("/sygesikring/administrator/audit-log", headers=admin, params=params).json()
    assert [row["cpr"] for row in rows["rows"]] == [OLIVIA]


def test_a_case_worker_acts_for_a_citizen_and_reads_the_case(api: Sandbox) -> None:
    worker = api.staff()
    response = api.post(
        f"{CW}/citizens/{OLIVIA}/gp-choice", headers=worker, json={"ydernummer": "900103"}
    )
    assert response.status_code == 201, response.text
    case_id = response.json()["case_id"]
    details = api.get(f"{CW}/cases/{case_id}", headers=worker).json()
    assert details["status"] == "completed" and details["actor"]["user_id"] == "sb-1"
    cases = api.get(f"{CW}/citizens/{OLIVIA}/cases", headers=worker).json()
    assert case_id in [case["case_id"] for case in cases]
    preview = api.post(
        f"{CW}/citizens/{OLIVIA}/gp-choice/preview", headers=worker, json={"ydernummer": "900104"}
    )
    assert preview.status_code == 200 and preview.json()["allowed"] is True


def test_group_change_windows_follow_the_role(api: Sandbox) -> None:
    worker, special = api.staff(), api.staff("case_worker_special", user="sb-special")
    ten_days_back = {"group": 2, "valid_from": "2025-03-30"}
    a_month_back = {"group": 2, "valid_from": "2025-03-10"}
    url = f"{CW}/citizens/{OLIVIA}/group-change"
    assert_error(api.post(url, headers=worker, json=a_month_back), 409, "RULE_REFUSED")
    assert api.post(url, headers=worker, json=ten_days_back).status_code == 201
    kent_url = f"{CW}/citizens/{KENT}/group-change"
    aarhus_special = api.staff("case_worker_special", AARHUS, "sb-aarhus-special")
    response = api.post(kent_url, headers=aarhus_special, json=a_month_back)
    assert response.status_code == 201, response.text
    assert_error(api.post(kent_url, headers=special, json=a_month_back), 403, "WRONG_MUNICIPALITY")


def test_forced_transfer_to_group_1(api: Sandbox) -> None:
    worker = api.staff()
    assert (
        api.post(
            f"{CW}/citizens/{OLIVIA}/group-change", headers=worker, json={"group": 2}
        ).status_code
        == 201
    )
    forced = api.post(f"{CW}/citizens/{OLIVIA}/force-group-1", headers=worker, json={})
    assert forced.status_code == 201, forced.text
    assert api.get(f"{CW}/citizens/{OLIVIA}/gp-choice-card", headers=worker).json()["group"] == 1


def test_samlever_and_card_order_by_a_case_worker(api: Sandbox) -> None:
    worker = api.staff(municipality=AARHUS)
    declared = api.post(
        f"{CW}/citizens/{KENT}/samlever",
        headers=worker,
        json={"samlever_cpr": OLIVIA, "moving_in_address": KLITMOLLER_8},
    )
    assert declared.status_code == 201, declared.text
    card = api.post(f"{CW}/citizens/{KENT}/health-card", headers=worker, json={"reason": "other"})
    assert card.status_code == 201 and card.json()["type"] == "card_order"


def test_a_case_worker_makes_the_greenland_choice_in_their_municipality(api: Sandbox) -> None:
    body = {"municipality_code": THISTED, "address": KLITMOLLER_4, "ydernummer": "900103"}
    aarhus = api.staff(municipality=AARHUS)
    assert_error(
        api.post(f"{CW}/citizens/{STORM}/greenland-move", headers=aarhus, json=body),
        403,
        "WRONG_MUNICIPALITY",
    )
    thisted = api.staff()
    response = api.post(f"{CW}/citizens/{STORM}/greenland-move", headers=thisted, json=body)
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "pending"


def test_dispensation_accepted_and_rejected(api: Sandbox) -> None:
    worker = api.staff()
    url = f"{CW}/citizens/{OLIVIA}/gp-choice"
    first = api.post(url, headers=worker, json={"ydernummer": "900202"}).json()
    assert first["status"] == "pending" and first["details"]["awaiting"] == "doctor_acceptance"
    rejected = api.post(
        f"{CW}/cases/{first['case_id']}/dispensation/reject",
        headers=worker,
        json={"reason_da": "Lægen har ikke plads", "reason_en": "No room"},
    )
    assert rejected.status_code == 200 and rejected.json()["status"] == "cancelled"
    second = api.post(url, headers=worker, json={"ydernummer": "900202"}).json()
    accepted = api.post(f"{CW}/cases/{second['case_id']}/dispensation/accept", headers=worker)
    assert accepted.status_code == 200 and accepted.json()["status"] == "completed"
    again = api.post(f"{CW}/cases/{second['case_id']}/dispensation/accept", headers=worker)
    assert again.status_code == 409, again.text


def test_practice_events_and_the_task_overview(api: Sandbox) -> None:
    worker = api.staff()
    today = api.get("/_control/clock").json()["today"]
    event = {"ydernummer": "900101", "kind": "transfer", "effective_date": "2025-05-01"}
    registered = api.post(f"{CW}/practice-events", headers=worker, json=event)
    assert registered.status_code == 201, registered.text
    event_id = registered.json()["event_id"]
    listed = api.get(f"{CW}/practice-events", headers=worker).json()
    assert [e["event_id"] for e in listed] == [event_id]
    tasks = api.get(f"{CW}/tasks", headers=worker).json()
    assert tasks["municipality_code"] == THISTED and (tasks["tasks"] or tasks["cases"])
    card = api.get(f"{CW}/citizens/{OLIVIA}/gp-choice-card", headers=worker).json()
    assert [e["event_id"] for e in card["upcoming_practice_events"]] == [event_id]
    moved = api.post(
        f"{CW}/practice-events/{event_id}/move",
        headers=worker,
        json={"effective_date": "2025-06-01"},
    )
    assert moved.status_code == 200 and moved.json()["effective_date"] == "2025-06-01"
    cancelled = api.post(f"{CW}/practice-events/{event_id}/cancel", headers=worker)
    assert cancelled.status_code == 200 and cancelled.json()["cancelled"] is True
    assert today <= "2025-05-01"
    aarhus = api.staff(municipality=AARHUS)
    assert_error(
        api.post(f"{CW}/practice-events", headers=aarhus, json=event), 403, "WRONG_MUNICIPALITY"
    )
    assert_error(
        api.post(f"{CW}/practice-events/PH99999999/cancel", headers=worker),
        404,
        "UNKNOWN_PRACTICE_EVENT",
    )


def test_practice_status_and_capacity(api: Sandbox) -> None:
    worker = api.staff()
    today = api.get("/_control/clock").json()["today"]
    opened = api.post(
        f"{CW}/practices/900101/status", headers=worker, json={"on": today, "open": True}
    )
    assert opened.status_code == 200 and opened.json()["open"] is True
    assert api.get("/sygesikring/practices/900101").json()["open"] is True
    capacity = api.post(
        f"{CW}/practices/900101/capacity", headers=worker, json={"on": today, "capacity": 2.5}
    )
    assert capacity.status_code == 200
    assert_error(
        api.post(
            f"{CW}/practices/900101/capacity", headers=worker, json={"on": today, "capacity": 0}
        ),
        422,
        "INVALID_REQUEST",
    )


def test_cases_awaiting_luna_while_luna_is_down(api: Sandbox) -> None:
    worker = api.staff()
    faults = {"luna_rates": {"timeout": 1.0}}
    assert api.put("/_control/faults/luna", json=faults).status_code == 200
    case = api.post(
        f"{CW}/citizens/{OLIVIA}/gp-choice", headers=worker, json={"ydernummer": "900103"}
    ).json()
    assert case["status"] == "awaiting_luna"
    waiting = api.get(f"{CW}/cases-awaiting-luna", headers=worker).json()
    assert case["case_id"] in [row["case_id"] for row in waiting]  # and its card order
    assert {row["last_fault"] for row in waiting} == {"timeout"}
    api.delete("/_control/faults/luna")
    advanced = api.post("/_control/clock/advance", json={"minutes": 5}).json()
    assert any(run["job"] == "relay-outbox" for run in advanced["runs"])
    assert api.get(f"{CW}/cases/{case['case_id']}", headers=worker).json()["status"] == "completed"
    assert api.get(f"{CW}/cases-awaiting-luna", headers=worker).json() == []
