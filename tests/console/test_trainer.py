"""For trainers, in the browser: the bar's clock (a day on, to a date, the daily jobs and what
they did), and the trainer page (make a trainee's world, open it by the trainee's link, move
its clock there, reset it)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.console.conftest import shot, staff_login


def test_the_bar_moves_the_clock_and_runs_the_daily_jobs(page: Page) -> None:
    staff_login(page, "ur-bar", "sb-aarhus-1")
    clock = page.get_by_test_id("clock")
    before = clock.inner_text()
    page.get_by_role("button", name="+1 dag").click()
    expect(page.get_by_test_id("moved")).to_be_visible()
    expect(clock).not_to_have_text(before)
    assert clock.inner_text()[:10] > before[:10]
    shot(page, "trainer-clock-advanced")
    page.get_by_label("Stil uret til").fill("2025-05-01")
    page.get_by_role("button", name="Flyt uret").click()
    expect(clock).to_have_text(f"2025-05-01 {before[11:16]}")
    page.get_by_role("button", name="Kør dagens job nu").click()
    runs = page.get_by_test_id("job-runs")
    for job in ("consume-cpr-feed", "practice-event-deadlines", "daily-work"):
        expect(runs.locator(f"tr[data-job='{job}']")).to_be_visible()
    shot(page, "trainer-clock-jobs")
    page.get_by_role("link", name="Tilbage").click()
    expect(page.get_by_role("heading", name="Find sikret")).to_be_visible()


def test_a_trainee_world_is_made_opened_and_reset(page: Page) -> None:
    staff_login(page, "traener", "sb-aarhus-1")
    page.goto("/console/undervisning")
    page.get_by_label("Elevens navnerum").fill("elev-anna")
    page.get_by_label("Elevens verden laves af").select_option("demo")
    page.get_by_role("button", name="Lav verden").click()
    row = page.locator("tr[data-namespace='elev-anna']")
    expect(row).to_be_visible()
    start = row.get_by_test_id("world-clock").inner_text()
    shot(page, "trainer-page")
    # the trainee's link opens the login in their own world
    row.get_by_role("link").click()
    expect(page.get_by_label("Navnerum")).to_have_value("elev-anna")
    page.locator("input[name=bruger][value*='|sb-aarhus-1|']").check()
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_test_id("namespace")).to_have_text("elev-anna")
    page.get_by_role("button", name="+1 dag").click()
    expect(page.get_by_test_id("moved")).to_be_visible()
    page.get_by_role("button", name="Log ud").click()
    staff_login(page, "traener", "sb-aarhus-1")
    page.goto("/console/undervisning")
    row = page.locator("tr[data-namespace='elev-anna']")
    expect(row.get_by_test_id("world-clock")).not_to_have_text(start)
    row.get_by_role("button", name="Nulstil elev-anna").click()
    expect(
        page.locator("tr[data-namespace='elev-anna']").get_by_test_id("world-clock")
    ).to_have_text(start)
    shot(page, "trainer-page-reset")
