"""Staff tools in a browser: a practice event's system task on the task overview, an
administrator's audit-log CSV download, the operator's data restore (dry run first), and the
API docs working offline."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.console.conftest import shot, staff_login


def test_task_overview_shows_a_practice_events_system_task(page: Page) -> None:
    staff_login(page, "console-tasks", "sb-thisted-1")
    page.get_by_role("link", name="Praksishændelser").click()
    page.get_by_label("Praksis", exact=True).select_option("900104")
    page.get_by_label("Art").select_option("transfer")
    page.get_by_label("Virkningsdato").fill("2025-05-01")
    page.get_by_label("Efterfølgende ydernumre").fill("9001")
    page.get_by_role("button", name="Registrér").click()
    expect(page.locator("#fejl-successors, #fejl-formular").first).to_be_visible()
    shot(page, "10-praksishaendelser-fejl", page.locator(".error").first)

    page.get_by_label("Efterfølgende ydernumre").fill("900103")
    page.get_by_role("button", name="Registrér").click()
    expect(page.get_by_role("status")).to_contain_text("Praksishændelsen er registreret")
    shot(page, "11-praksishaendelser")
    page.get_by_role("link", name="Se opgaveoverblikket").click()
    expect(page.get_by_role("heading", name="Opgaveoverblik")).to_be_visible()
    task = page.get_by_test_id("task").filter(has_text="Thisted Lægehus")
    expect(task).to_contain_text("Systemopgave")
    expect(task).to_contain_text("Praksishændelse (systemopgave)")
    shot(page, "12-opgaveoverblik")


def test_administrator_downloads_the_audit_log_as_csv(page: Page, tmp_path: Path) -> None:
    ns = "console-audit"
    staff_login(page, ns, "sb-thisted-1")
    page.get_by_label("CPR-nummer eller navn").fill("120984-0000")
    page.get_by_role("button", name="Søg").click()
    expect(page.get_by_role("heading", name="Sikrede overblik")).to_be_visible()
    page.get_by_role("button", name="Log ud").click()

    staff_login(page, ns, "adm-thisted-1")
    expect(page.get_by_role("heading", name="Udtræk af revisionslog")).to_be_visible()
    page.get_by_label("Fra dato").fill("2025-01-01")
    page.get_by_label("Til dato").fill("2025-04-09")
    page.get_by_role("button", name="Hent udtræk (CSV)").click()
    expect(page.locator(".error").first).to_contain_text("RULE_REFUSED")
    shot(page, "13-revisionslog-fejl")

    page.get_by_label("Fra dato").fill("2025-04-01")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Hent udtræk (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == "revisionslog-0787-2025-04-01-2025-04-09.csv"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert "sb-thisted-1" in text
    assert "1209840000" in text
    shot(page, "14-revisionslog")


def test_operator_restores_a_citizen_after_a_dry_run(page: Page) -> None:
    ns = "console-restore"
    staff_login(page, ns, "sb-thisted-1")
    page.get_by_label("CPR-nummer eller navn").fill("120984-0000")
    page.get_by_role("button", name="Søg").click()
    page.get_by_role("combobox", name="Ny gruppe").select_option("2")
    page.get_by_role("button", name="Skift gruppe").click()
    expect(page.get_by_role("heading", name="Forløbsdetaljer")).to_be_visible()
    page.get_by_role("button", name="Log ud").click()

    staff_login(page, ns, "drift-1")
    expect(page.get_by_role("heading", name="Datagenopretning")).to_be_visible()
    page.get_by_label("CPR-nummer").fill("1209")
    page.get_by_role("button", name="Prøvekørsel").click()
    expect(page.locator("#fejl-cpr")).to_be_visible()
    page.get_by_label("CPR-nummer").fill("120984-0000")
    page.get_by_label("Genopret til").fill("2025-04-09T08:00")
    page.get_by_role("button", name="Prøvekørsel").click()
    expect(page.get_by_role("heading", name="Prøvekørsel: forskelle")).to_be_visible()
    expect(page.get_by_test_id("restore-changed")).to_contain_text("ja")
    shot(page, "15-datagenopretning-proevekoersel")
    page.get_by_role("button", name="Genopret nu").click()
    expect(page.get_by_role("heading", name="Genoprettet")).to_be_visible()
    shot(page, "16-datagenopretning")
    page.get_by_role("link", name="Afventer LUNA").click()
    expect(page.get_by_text("Ingen forløb afventer LUNA.")).to_be_visible()


def test_api_docs_work_offline(page: Page) -> None:
    page.goto("/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Sygesikring sandbox")
    shot(page, "40-docs")
    page.goto("/redoc")
    expect(page.locator("h1").first).to_contain_text("Sygesikring sandbox")
    shot(page, "41-redoc")
