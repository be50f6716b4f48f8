"""The demo player in the browser: the samlever and Greenland demos played with Frem to their
last step (the trainer's own world set to each step), a link followed from a step to the
client page that shows what it made, Tilbage and Forfra; and a trainee's world set to a demo
step from the trainer page."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.console.conftest import shot, staff_login


def play_to_the_end(page: Page, demo: str, last: int) -> None:
    page.get_by_role("link", name="Demoer").click()
    page.locator(f"tr[data-demo='{demo}']").get_by_role("link", name=demo).click()
    expect(page.get_by_test_id("step-number")).to_have_text(f"Trin 0 af {last}")
    for step in range(1, last + 1):
        page.get_by_role("button", name="Frem", exact=True).click()
        expect(page.get_by_test_id("step-number")).to_have_text(f"Trin {step} af {last}")
        expect(page.get_by_test_id("step-note")).to_contain_text("Det skal du vise")
        expect(page.get_by_test_id("step-said")).not_to_be_empty()
    expect(page.get_by_role("button", name="Frem", exact=True)).to_have_count(0)


def test_the_samlever_demo_plays_to_its_last_step(page: Page) -> None:
    staff_login(page, "spiller-kent", "sb-thisted-1")
    page.get_by_role("link", name="Demoer").click()
    expect(page.locator("tr[data-demo='kent-samlever']")).to_contain_text("Kent, Sigrid og Olivia")
    expect(page.locator("tr[data-demo='kent-samlever']")).to_contain_text("Kent, Sigrid and Olivia")
    shot(page, "player-demos")
    play_to_the_end(page, "kent-samlever", 7)
    shot(page, "player-kent-last-step")
    # step 6: Kent's choice of Olivia's closed doctor is allowed (the samlever exception)
    page.get_by_role("button", name="Tilbage").click()
    expect(page.get_by_test_id("step-number")).to_have_text("Trin 6 af 7")
    allowed = page.get_by_test_id("decision").filter(has_text="Lægevalg 1505963001 -> 900101")
    expect(allowed.first).to_contain_text("tilladt")
    expect(allowed.first).to_contain_text("closed_doctor.declared_cohabitant")
    shot(page, "player-kent-step-6", page.get_by_test_id("appeared"))
    # the case the step made opens in the client
    made = page.get_by_test_id("appeared").locator("tr[data-kind='case'] a").first
    case_id = made.inner_text()
    made.click()
    expect(page.get_by_role("heading", name=case_id)).to_be_visible()
    expect(page.get_by_test_id("case-status")).to_be_visible()
    shot(page, "player-kent-case")
    page.go_back()
    # step 3's refusal, in Danish with the English beside it
    for _ in range(3):
        page.get_by_role("button", name="Tilbage").click()
    expect(page.get_by_test_id("step-number")).to_have_text("Trin 3 af 7")
    refused = page.locator("tr[data-code='PRACTICE_CLOSED']").first
    expect(refused).to_contain_text("lukket for tilgang")
    expect(refused).to_contain_text("closed for new patients")
    shot(page, "player-kent-step-3-refused", refused)
    page.get_by_role("button", name="Forfra").click()
    expect(page.get_by_test_id("step-number")).to_have_text("Trin 0 af 7")
    expect(page.get_by_test_id("clock")).to_have_text("2025-04-09 09:00")  # before step 1


def test_the_greenland_demo_plays_to_its_last_step(page: Page) -> None:
    staff_login(page, "spiller-storm", "sb-thisted-1")
    play_to_the_end(page, "storm-greenland", 5)
    appeared = page.get_by_test_id("appeared")
    expect(appeared).to_contain_text("Manglende lægevalg")
    expect(appeared).to_contain_text("Missing GP choice")
    shot(page, "player-storm-last-step")
    missing = appeared.locator("tr[data-kind='case']").filter(has_text="Manglende lægevalg")
    link = missing.get_by_role("link")
    case_id = link.inner_text()
    link.click()
    expect(page.get_by_role("heading", name=case_id)).to_contain_text("Manglende lægevalg")
    shot(page, "player-storm-missing-gp-case")
    page.go_back()
    page.get_by_role("button", name="Tilbage").click()
    expect(page.get_by_test_id("step-number")).to_have_text("Trin 4 af 5")
    expect(page.get_by_test_id("step-time")).to_have_text("11. apr. 2025 kl. 12:00")
    shot(page, "player-storm-step-4")
    page.get_by_role("button", name="Forfra").click()
    expect(page.get_by_test_id("step-number")).to_have_text("Trin 0 af 5")


def test_the_trainer_sets_a_trainee_world_to_a_demo_step(page: Page) -> None:
    staff_login(page, "traener-demo", "sb-thisted-1")
    page.goto("/console/undervisning")
    page.get_by_label("Elevens navnerum").fill("elev-bo")
    page.get_by_role("button", name="Lav verden").click()
    row = page.locator("tr[data-namespace='elev-bo']")
    row.get_by_label("Demo for elev-bo").select_option("storm-greenland")
    row.get_by_label("Trin for elev-bo").fill("4")
    row.get_by_role("button", name="Sæt demotrin elev-bo").click()
    row = page.locator("tr[data-namespace='elev-bo']")
    expect(row).to_contain_text("greenland-move")
    expect(row.get_by_test_id("world-clock")).to_have_text("2025-04-11 13:00")
    shot(page, "player-trainee-set-to-step")
    page.get_by_role("link", name="Demoafspilleren").click()
    expect(page.get_by_test_id("demos")).to_be_visible()
