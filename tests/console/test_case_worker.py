"""The case workers' client in a browser: a closed doctor refused with its reasons, then an
open practice chosen, its case and letter; bad input shown next to the field; the overview,
history, task overview and cases awaiting LUNA."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.console.conftest import shot, staff_login

NS = "console-case-worker"


def test_kent_refused_a_closed_doctor_then_given_an_open_practice(page: Page) -> None:
    shot_login(page)
    staff_login(page, NS, "sb-aarhus-1")
    expect(page.get_by_test_id("namespace")).to_have_text(NS)
    expect(page.get_by_test_id("clock")).to_have_text("2025-04-09 09:00")

    page.get_by_label("CPR-nummer eller navn").fill("Kent Hansen")
    page.get_by_role("button", name="Søg").click()
    shot(page, "02-find-sikret")
    page.get_by_role("link", name="150596-3001").click()
    expect(page.get_by_role("heading", name="Sikrede overblik")).to_be_visible()
    expect(page.get_by_role("heading", name="Lægevalgskort")).to_be_visible()
    expect(page.get_by_test_id("current-doctor")).to_contain_text("900201")
    shot(page, "03-sikrede-overblik")

    page.get_by_label("Praksis (ydernummer)").fill("12")
    page.get_by_role("button", name="Forhåndsvis").click()
    error = page.locator("#fejl-ydernummer")
    expect(error).to_contain_text("INVALID_REQUEST")
    expect(page.get_by_label("Praksis (ydernummer)")).to_have_attribute("aria-invalid", "true")
    shot(page, "04-sikrede-overblik-fejl", error)

    page.get_by_label("Praksis (ydernummer)").fill("900202")
    page.get_by_role("button", name="Forhåndsvis").click()
    expect(page.get_by_test_id("preview-allowed")).to_have_text("Nej")
    refusal = page.locator(".decision.refused").first
    expect(refusal).to_contain_text("PRACTICE_CLOSED")
    expect(refusal).to_contain_text("Regel")
    expect(refusal.locator("[lang=en]").first).not_to_be_empty()
    shot(page, "05-laegevalg-afvist")

    page.get_by_role("link", name="Vælg en anden praksis").click()
    page.get_by_label("Praksis (ydernummer)").fill("900203")
    page.get_by_role("button", name="Forhåndsvis").click()
    expect(page.get_by_test_id("preview-allowed")).to_have_text("Ja")
    expect(page.locator(".decision.allowed").first).to_be_visible()
    shot(page, "06-laegevalg-forhaandsvisning")
    page.get_by_role("button", name="Bekræft lægevalg").click()

    expect(page.get_by_role("heading", name="Forløbsdetaljer")).to_be_visible()
    expect(page.get_by_test_id("case-status")).to_contain_text("completed")
    expect(page.get_by_test_id("luna-status")).to_contain_text("Registreret i LUNA")
    expect(page.locator(".letter").first).to_contain_text("Kent")
    expect(page.get_by_role("cell", name="Hovedperson")).to_be_visible()
    shot(page, "07-forloebsdetaljer")

    page.get_by_role("link", name="150596-3001").first.click()
    expect(page.get_by_test_id("current-doctor")).to_contain_text("900203")
    page.get_by_role("link", name="Lægevalgshistorik").click()
    expect(page.get_by_role("cell", name="900203")).to_be_visible()
    shot(page, "08-laegevalgshistorik")


def shot_login(page: Page) -> None:
    page.goto("/console/")
    expect(page).to_have_url(re.compile(r"/console/login$"))
    shot(page, "01-login")


def test_keyboard_and_english_toggle(page: Page) -> None:
    staff_login(page, NS + "-en", "sb-thisted-1")
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", name="Find citizen")).to_be_visible()
    expect(page.get_by_label("CPR number or name")).to_be_focused()
    page.keyboard.type("120984-0000")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Citizen overview")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    expect(page.get_by_role("heading", name="GP-choice card")).to_be_visible()
    page.get_by_role("link", name="Dansk").click()
    expect(page.get_by_role("heading", name="Sikrede overblik")).to_be_visible()
    page.get_by_role("link", name="Afventer LUNA").click()
    expect(page.get_by_role("heading", name="Forløb der afventer LUNA")).to_be_visible()
    shot(page, "09-afventer-luna")


def test_the_doctors_rejection_then_acceptance_of_a_choice_beyond_the_limit(page: Page) -> None:
    staff_login(page, NS + "-dispensation", "sb-thisted-1")
    page.goto("/console/sikrede/1505963001")
    expect(page.locator(".error").first).to_contain_text("WRONG_MUNICIPALITY")
    shot(page, "17-ingen-adgang")

    for answer in ("Lægen har afvist", "Lægen har accepteret"):
        page.goto("/console/sikrede/1209840000")
        page.get_by_label("Praksis (ydernummer)").fill("900202")
        page.get_by_role("button", name="Forhåndsvis").click()
        expect(page.get_by_text("lægens accept (dispensation)")).to_be_visible()
        page.get_by_role("button", name="Bekræft lægevalg").click()
        expect(page.get_by_test_id("case-status")).to_contain_text("pending")
        expect(page.get_by_text("lægens accept doctor_acceptance")).to_be_visible()
        if answer == "Lægen har afvist":
            shot(page, "18-forloeb-afventer-laegens-accept")
            page.get_by_label("Lægens begrundelse for afvisning").fill("Ingen plads")
        page.get_by_role("button", name=answer).click()
        status = "cancelled" if answer == "Lægen har afvist" else "completed"
        expect(page.get_by_test_id("case-status")).to_contain_text(status)
    expect(page.locator(".decision.allowed").first).to_be_visible()
