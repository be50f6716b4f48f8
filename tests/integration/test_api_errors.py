"""Bad input through HTTP: every 4xx has a stable code and Danish and English messages, in the
one error shape, and leaves the world as it was."""

from __future__ import annotations

import pytest

from tests.integration.api_support import KENT, OLIVIA, Sandbox, assert_error

CW = "/sygesikring/case-worker"
SELF = "/sygesikring/self-service"


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/citizens/3213451234", 422, "INVALID_CPR"),  # day 32
        ("/citizens/12345", 422, "INVALID_CPR"),  # too short
        ("/citizens/１５０５９６３００１", 422, "INVALID_CPR"),  # fullwidth digits
        ("/citizens/2902011234", 422, "INVALID_CPR"),  # 29 February 2001
        ("/citizens/0101011234", 404, "UNKNOWN_CITIZEN"),
        ("/cases/F12345678", 404, "UNKNOWN_CASE"),
    ],
)
def test_bad_identifiers_for_a_case_worker(api: Sandbox, path: str, status: int, code: str) -> None:
    assert_error(api.get(CW + path, headers=api.staff()), status, code)


def test_bad_commands_leave_the_world_unchanged(api: Sandbox) -> None:
    worker, kent = api.staff(), api.citizen(KENT)
    before = api.world()
    choose = f"{CW}/citizens/{OLIVIA}/gp-choice"
    cases = [
        (api.post(choose, headers=worker, json={"ydernummer": "999999"}), 404, "UNKNOWN_PRACTICE"),
        (api.post(choose, headers=worker, json={"ydernummer": "12"}), 422, "INVALID_REQUEST"),
        (
            api.post(
                choose,
                headers=worker,
                json={"ydernummer": "900103", "effective_date": "2025-02-30"},
            ),
            422,
            "INVALID_REQUEST",
        ),
        (
            api.post(
                choose, headers=worker, json={"ydernummer": "900103", "involved": ["3213451234"]}
            ),
            422,
            "INVALID_CPR",
        ),
        (
            api.post(
                f"{SELF}/greenland-move",
                headers=kent,
                json={"municipality_code": "0999", "address": {}, "ydernummer": "900103"},
            ),
            422,
            "INVALID_REQUEST",
        ),
        (
            api.post(
                f"{SELF}/greenland-move",
                headers=kent,
                json={
                    "municipality_code": "0999",
                    "ydernummer": "900103",
                    "address": {
                        "street": "A",
                        "house_number": "1",
                        "postcode": "7700",
                        "city": "T",
                        "municipality_code": "0787",
                    },
                },
            ),
            404,
            "UNKNOWN_MUNICIPALITY",
        ),
        (
            api.post(f"{SELF}/samlever", headers=kent, json={"samlever_cpr": "3213451234"}),
            422,
            "INVALID_CPR",
        ),
        (
            api.get("/sygesikring/practices", params={"municipality_code": "0999"}),
            404,
            "UNKNOWN_MUNICIPALITY",
        ),
    ]
    for response, status, code in cases:
        assert_error(response, status, code)
    assert api.world() == before


def test_malformed_json_is_400_and_a_wrong_shape_422(api: Sandbox) -> None:
    worker = api.staff()
    url = f"{CW}/citizens/{OLIVIA}/gp-choice"
    broken = api.post(url, headers=worker | {"content-type": "application/json"}, content=b"{nope")
    body = assert_error(broken, 400, "MALFORMED_JSON")
    assert body["fields"]["errors"][0]["type"] == "json_invalid"
    wrong = api.post(url, headers=worker, json=["not", "an", "object"])
    body = assert_error(wrong, 422, "INVALID_REQUEST")
    assert body["fields"]["errors"][0]["loc"] == ["body"]
    assert "body" in body["message_en"] and body["message_da"].startswith("Forespørgslen")


def test_unknown_routes_and_methods_have_the_same_shape(api: Sandbox) -> None:
    assert_error(api.get("/sygesikring/nothing-here"), 404, "NOT_FOUND")
    assert_error(api.delete("/sygesikring/practices"), 405, "METHOD_NOT_ALLOWED")
    assert_error(api.get("/cpr/persons/1505963001/nothing"), 404, "NOT_FOUND")


def test_fakes_refuse_in_the_same_shape(api: Sandbox) -> None:
    assert_error(api.post("/borger-dk/mitid/login", json={"cpr": "3213451234"}), 422, "INVALID_CPR")
    assert_error(
        api.post("/borger-dk/mitid/login", json={"cpr": "0101011234"}), 404, "UNKNOWN_PERSON"
    )
    assert_error(api.get("/cpr/persons/0101011234"), 404, "NOT_FOUND")
    assert_error(api.get("/luna/registrations/F0"), 404, "NOT_FOUND")
    marry_self = {"a": KENT, "b": KENT}
    assert_error(api.post("/cpr/life-events/marriage", json=marry_self), 422, "SAME_PERSON")
    twice = {"child_cpr": KENT, "birth_date": "2025-04-09", "mother_cpr": OLIVIA}
    assert_error(api.post("/cpr/life-events/birth", json=twice), 409, "CPR_REFUSED")
    not_in_greenland = {
        "cpr": KENT,
        "address": {
            "street": "A",
            "house_number": "1",
            "postcode": "7700",
            "city": "T",
            "municipality_code": "0787",
            "lat": 57.0,
            "lon": 8.5,
        },
    }
    assert_error(
        api.post("/cpr/life-events/move-from-greenland", json=not_in_greenland), 409, "CPR_REFUSED"
    )
    assert_error(
        api.post(
            "/luna/registrations",
            json={"key": "x", "kind": "k", "cpr": KENT},
            headers={"X-Luna-Fault": "gremlins"},
        ),
        422,
        "INVALID_REQUEST",  # the header's values are an enum in the OpenAPI
    )
