"""The citizens' self-service in a browser, from Borger.dk's link: Kent declares Olivia as
samlever and, after CPR reports his move, chooses her closed doctor for free; Storm Henningsen
chooses a doctor ahead of his move from Greenland, pending, then approved."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.console.conftest import citizen_login, shot

KLITMOLLER = {
    "street": "P. Madsens Gang",
    "postcode": "7700",
    "city": "Thisted",
    "municipality_code": "0787",
    "locality": "Klitmøller",
}


def test_kent_declares_olivia_and_chooses_her_closed_doctor_for_free(page: Page) -> None:
    ns = "console-kent"
    page.goto("/laegevalg?kommuneid=0751")
    expect(page.get_by_role("heading", name="Log på med MitID")).to_be_visible()
    shot(page, "20-mitid")
    citizen_login(page, ns, "0751", "150596-3001")
    expect(page.get_by_role("heading", name="Lægevalg i selvbetjeningen")).to_be_visible()
    expect(page.get_by_test_id("current-doctor")).to_contain_text("900201")
    closed = page.get_by_test_id("practice-900202")
    expect(closed).to_contain_text("Lukket")
    expect(closed).to_contain_text("kan ikke vælges")
    expect(page.get_by_test_id("practice-900203")).to_contain_text("Åben")
    shot(page, "21-selvbetjening")

    page.get_by_role("button", name="Vælg Lægerne i Frederiksbjerg").click()
    expect(page.get_by_test_id("preview-allowed")).to_have_text("Nej")
    expect(page.locator(".decision.refused").first).to_contain_text("PRACTICE_CLOSED")
    shot(page, "22-selvbetjening-afvist")
    page.get_by_role("link", name="Vælg en anden læge").click()

    # Sigrid does not live at the moving-in address: the generic refusal (SPEC 3.4.1)
    page.get_by_label("Samleverens CPR-nummer").fill("140397-4002")
    page.get_by_label("Vej").first.fill("P. Madsens Gang")
    page.locator("#sl-no").fill("8")
    page.locator("#sl-post").fill("7700")
    page.get_by_role("button", name="Angiv samlever").click()
    generic = page.locator("form[action$='/samlever'] .error")
    expect(generic).to_be_visible()
    shot(page, "23-samlever-afvist", generic)

    page.get_by_label("Samleverens CPR-nummer").fill("120984-0000")
    page.locator("#sl-street").fill("P. Madsens Gang")
    page.locator("#sl-no").fill("8")
    page.locator("#sl-post").fill("7700")
    page.get_by_role("button", name="Angiv samlever").click()
    expect(page.get_by_role("heading", name="Kvittering")).to_be_visible()
    expect(page.get_by_test_id("case-status")).to_contain_text("completed")
    shot(page, "24-samlever-kvittering")

    moved = page.request.post(
        "/cpr/life-events/move",
        headers={"X-Sandbox-Namespace": ns},
        data={
            "cpr": "1505963001",
            "address": KLITMOLLER | {"house_number": "8", "lat": 57.0407, "lon": 8.4908},
        },
    )
    assert moved.status == 201, moved.text()

    page.goto("/console/selvbetjening?kommuneid=0787")
    expect(page.get_by_test_id("practice-900101")).to_contain_text("0 kr.")
    page.get_by_role("button", name="Vælg Lægerne i Klitmøller").click()
    expect(page.get_by_test_id("preview-allowed")).to_have_text("Ja")
    expect(page.get_by_test_id("preview-fee")).to_have_text("0 kr.")
    expect(page.locator(".decision.allowed").first).to_contain_text("DECLARED_COHABITANT")
    shot(page, "25-selvbetjening-forhaandsvisning")
    page.get_by_role("button", name="Bekræft lægevalg").click()
    expect(page.get_by_test_id("case-status")).to_contain_text("completed")
    expect(page.locator(".letter").first).to_be_visible()
    shot(page, "26-selvbetjening-kvittering")
    page.get_by_role("link", name="Tilbage til selvbetjeningen").click()
    expect(page.get_by_test_id("current-doctor")).to_contain_text("900101")


def test_storm_chooses_ahead_of_his_move_from_greenland(page: Page) -> None:
    ns = "console-storm"
    citizen_login(page, ns, "0787", "010270-0000")
    expect(page.get_by_role("heading", name="Vælg læge før flytning fra Grønland")).to_be_visible()
    page.get_by_label("Læge", exact=True).select_option("900102")
    page.locator("#gl-street").fill("P. Madsens Gang")
    page.locator("#gl-no").fill("4")
    page.locator("#gl-post").fill("77")
    page.locator("#gl-city").fill("Thisted")
    page.get_by_role("button", name="Vælg læge", exact=True).click()
    expect(page.locator("#fejl-postcode")).to_contain_text("INVALID_REQUEST")
    shot(page, "27-groenland-fejl", page.locator("#fejl-postcode"))

    page.locator("#gl-post").fill("7700")
    page.locator("#gl-loc").fill("Klitmøller")
    page.get_by_role("button", name="Vælg læge", exact=True).click()
    expect(page.get_by_test_id("case-status")).to_contain_text("pending")
    shot(page, "28-groenland-afventer")

    moved = page.request.post(
        "/cpr/life-events/move-from-greenland",
        headers={"X-Sandbox-Namespace": ns},
        data={
            "cpr": "0102700000",
            "address": KLITMOLLER | {"house_number": "4", "lat": 57.0406, "lon": 8.4905},
        },
    )
    assert moved.status == 201, moved.text()
    page.goto("/console/selvbetjening?kommuneid=0787")
    expect(page.get_by_test_id("current-doctor")).to_contain_text("900102")
    expect(page.get_by_test_id("group")).to_have_text("1")
    page.get_by_role("link", name="F0", exact=False).first.click()
    expect(page.get_by_test_id("case-status")).to_contain_text("completed")
    shot(page, "29-groenland-godkendt")


def test_sigrid_changes_group_orders_a_card_and_opts_out_of_the_physical_one(page: Page) -> None:
    citizen_login(page, "console-sigrid", "0751", "140397-4002")
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", name="GP choice in the self-service")).to_be_visible()
    page.get_by_role("link", name="Dansk").click()

    page.get_by_role("combobox", name="Ny gruppe").select_option("2")
    page.get_by_label("Gyldig fra (tom: i dag)").fill("2025-06-01")
    page.get_by_role("button", name="Skift gruppe").click()
    expect(page.locator("#fejl-formular")).to_contain_text("RULE_REFUSED")
    page.get_by_label("Gyldig fra (tom: i dag)").fill("2025-04-20")
    page.get_by_role("button", name="Skift gruppe").click()
    expect(page.get_by_test_id("case-status")).to_be_visible()
    page.get_by_role("link", name="Tilbage til selvbetjeningen").click()

    page.get_by_label("Bestil nyt kort, fordi").select_option("lost")
    page.get_by_role("button", name="Bestil sundhedskort").click()
    expect(page.get_by_role("heading", name="Kvittering")).to_be_visible()
    expect(page.locator(".letter").first).to_be_visible()
    page.get_by_role("link", name="Tilbage til selvbetjeningen").click()

    page.get_by_role("button", name="Fravælg fysisk sundhedskort").click()
    expect(page.get_by_role("status")).to_contain_text("registreret i LUNA")
    expect(page.get_by_test_id("opt-out")).to_contain_text("Du har fravalgt")
    shot(page, "30-selvbetjening-fravalg", page.get_by_test_id("opt-out"))
