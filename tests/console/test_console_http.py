"""The console over HTTP without a browser (fast): content negotiation of the release notes'
demo URL, offline docs, the session and bar, the name search and its audit, protected persons
as the case workers' client shows them, and typed errors next to the field."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from sandbox.adapters.http import in_process_client
from sandbox.app import create_app

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    with in_process_client(create_app()) as client:
        yield client


def login(http: httpx.Client, namespace: str, user: str) -> httpx.Client:
    answer = http.post("/console/login", data={"navnerum": namespace, "bruger": user})
    assert answer.status_code == 303, answer.text
    http.cookies.update(answer.cookies)
    return http


def test_the_demo_url_leads_a_browser_to_the_console_and_an_api_client_to_the_api(
    http: httpx.Client,
) -> None:
    api = http.get("/laegevalg", params={"kommuneid": "0751"})
    assert api.status_code == 303
    assert api.headers["location"] == "/sygesikring/self-service/municipalities/0751/gp-choice"
    assert api.json()["location"] == api.headers["location"]
    browser = http.get("/laegevalg", params={"kommuneid": "0751"}, headers=HTML)
    assert browser.status_code == 303
    assert browser.headers["location"] == "/console/selvbetjening?kommuneid=0751"
    login_page = http.get(browser.headers["location"], headers=HTML)
    assert login_page.status_code == 303
    assert login_page.headers["location"].startswith("/console/mitid?kommuneid=0751")
    assert http.get("/", headers=HTML).headers["location"] == "/console/"
    assert http.get("/").json()["console"] == "/console/"


def test_docs_and_their_files_come_from_the_sandbox(http: httpx.Client) -> None:
    for page in ("/docs", "/redoc"):
        text = http.get(page).text
        assert "cdn.jsdelivr" not in text and "fonts.googleapis" not in text
    assert http.get("/_docs-static/swagger-ui-bundle.js").status_code == 200
    assert http.get("/_docs-static/swagger-ui.css").status_code == 200
    redoc = http.get("/_docs/redoc.standalone.js")
    assert redoc.status_code == 200 and "cdn.redoc.ly" not in redoc.text
    assert http.get("/console/static/console.css").status_code == 200


def test_every_page_shows_the_namespace_and_the_simulated_time() -> None:
    with in_process_client(create_app()) as http:
        login(http, "console-bar", "case_worker|sb-thisted-1|0787")
        http.post(
            "/_control/clock/advance",
            json={"minutes": 90},
            headers={"X-Sandbox-Namespace": "console-bar"},
        )
        page = http.get("/console/opgaver").text
        assert 'data-testid="namespace">console-bar<' in page
        assert 'data-testid="clock">2025-04-09 10:30<' in page


def test_the_name_search_is_audited_and_shows_protection() -> None:
    ns = {"X-Sandbox-Namespace": "console-search"}
    with in_process_client(create_app()) as http:
        patched = http.patch(
            "/_control/fixtures/citizens/120984-0000", json={"protected": True}, headers=ns
        )
        assert patched.status_code == 200, patched.text
        login(http, "console-search", "case_worker|sb-thisted-1|0787")
        page = http.get("/console/sikrede", params={"q": "olivia jensen"}).text
        assert "120984-0000" in page
        assert "Olivia Jensen" in page and "Navne- og adressebeskyttet" in page
        admin = http.post(
            "/_control/tokens",
            json={"role": "municipal_admin", "user_id": "adm", "municipality_code": "0787"},
            headers=ns,
        ).json()["token"]
        rows = http.get(
            "/sygesikring/administrator/audit-log",
            params={"period_from": "2025-04-09", "period_to": "2025-04-09"},
            headers=ns | {"Authorization": f"Bearer {admin}"},
        ).json()["rows"]
        assert any(row["handling"] == "find_citizens" for row in rows), rows
        aarhus = http.get("/console/sikrede", params={"q": "Kent"}).text
        assert "150596-3001" not in aarhus  # Kent lives in Aarhus: not this worker's


def test_bad_input_gets_the_apis_typed_error_next_to_the_field() -> None:
    with in_process_client(create_app()) as http:
        login(http, "console-errors", "case_worker_special|sbs-thisted-1|0787")
        page = http.post(
            "/console/sikrede/120984-0000/gruppeskift",
            data={"group": "2", "valid_from": "2027-01-01"},
        )
        assert page.status_code == 200
        assert page.headers["x-sandbox-status"] == "409"
        assert 'data-code="RULE_REFUSED"' in page.text
        wrong = http.get("/console/sikrede", params={"q": "320596-3001"}).text
        assert 'id="fejl-q"' in wrong
        unknown = http.post("/console/login", data={"navnerum": "bad name!", "bruger": "x"}).text
        assert 'id="fejl-navnerum"' in unknown and "INVALID_NAMESPACE" in unknown


def test_with_a_control_key_the_staff_login_asks_for_it() -> None:
    """Logging in mints a token of any role, so a server with a control key asks for the key
    at the console's door, as the control plane does at its own."""
    key = "a-classroom-key-0123456789"
    with in_process_client(create_app(control_key=key)) as http:
        page = http.get("/console/login", headers=HTML)
        assert 'name="kontrolnoegle"' in page.text
        user = "case_worker|sb-0751-01|0751"
        refused = http.post("/console/login", data={"navnerum": "default", "bruger": user})
        assert refused.headers["X-Sandbox-Status"] == "401"
        assert "CONTROL_KEY_REQUIRED" in refused.text and "sbx_staff" not in refused.cookies
        wrong = {"navnerum": "default", "bruger": user, "kontrolnoegle": "not-the-key"}
        assert http.post("/console/login", data=wrong).headers["X-Sandbox-Status"] == "401"
        right = {"navnerum": "default", "bruger": user, "kontrolnoegle": key}
        assert http.post("/console/login", data=right).status_code == 303


def test_a_parent_sees_the_childs_card_as_the_app_shows_it() -> None:
    ns = {"X-Sandbox-Namespace": "console-app"}
    with in_process_client(create_app()) as http:
        born = http.post(
            "/cpr/life-events/birth",
            json={
                "child_cpr": "0104254001",
                "birth_date": "2025-04-01",
                "mother_cpr": "1403974002",
            },
            headers=ns,
        )
        assert born.status_code == 201, born.text
        assert http.post("/_control/jobs/consume-cpr-feed", headers=ns).status_code == 200
        answer = http.post("/console/mitid", data={"cpr": "1403974002", "navnerum": "console-app"})
        assert answer.status_code == 303, answer.text
        http.cookies.update(answer.cookies)
        page = http.get("/console/selvbetjening", params={"kommuneid": "0751"}).text
        assert 'data-testid="app-child-0104254001"' in page
        assert "til de fylder 15 år" in page


def test_logging_out_returns_to_the_login_of_the_same_world() -> None:
    """A trainee in world "elev-7" logs in again without typing the world's name again."""
    with in_process_client(create_app()) as http:
        login(http, "elev-7", "case_worker|sb-thisted-1|0787")
        out = http.post("/console/logout")
        assert out.status_code == 303
        assert out.headers["location"] == "/console/login?navnerum=elev-7"
        assert 'value="elev-7"' in http.get(out.headers["location"]).text
        answer = http.post("/console/mitid", data={"cpr": "1403974002", "navnerum": "elev-7"})
        assert answer.status_code == 303, answer.text
        http.cookies.update(answer.cookies)
        out = http.post("/console/selvbetjening/logout")
        assert out.status_code == 303
        assert out.headers["location"] == "/console/mitid?kommuneid=0751&navnerum=elev-7"
        assert 'value="elev-7"' in http.get(out.headers["location"]).text
