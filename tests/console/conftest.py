"""Browser tests of the console: a real `sandbox serve` server on a free loopback port and
Debian's chromium driven by Playwright (its own browser download cannot reach the internet).

Every test gets a fresh browser context at 1280x800 whose console errors, page errors and
requests are recorded; after the test, no error may have been logged and no request may have
left the sandbox's own host. `shot` writes a screenshot under ``reports/console/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, Playwright, expect, sync_playwright

from tests.serving import served

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
SHOTS = Path(__file__).resolve().parents[2] / "reports" / "console"
# how long an expectation waits for the page to get there (a loaded CI machine renders ReDoc's
# whole schema slowly); not a timing assertion
expect.set_options(timeout=30_000)


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    """`sandbox serve`'s server (the demo world) on a free loopback port."""
    with served() as url:
        yield url


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class Watch:
    """What the browser did: console errors, page errors, and every request's host."""

    host: str
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    requests: int = 0


@pytest.fixture
def watch(base_url: str) -> Watch:
    return Watch(urlsplit(base_url).netloc)


@pytest.fixture
def page(browser: Browser, base_url: str, watch: Watch) -> Iterator[Page]:
    context = browser.new_context(
        viewport=VIEWPORT, base_url=base_url, accept_downloads=True, locale="da-DK"
    )
    page = context.new_page()
    page.set_default_timeout(20_000)

    def on_request(request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        watch.requests += 1
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != watch.host:
            watch.foreign.append(url)

    page.on("request", on_request)
    page.on(
        "console",
        lambda message: (
            watch.errors.append(f"{message.text} {message.location}")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    yield page
    context.close()
    assert watch.errors == [], f"the browser console logged errors: {watch.errors}"
    assert watch.foreign == [], f"requests left the sandbox's host: {watch.foreign}"
    assert watch.requests > 0


def shot(page: Page, name: str, show: Locator | None = None) -> None:
    """A 1280x800 screenshot of the page as shown, for reviewers (reports/console/), scrolled
    to ``show`` when given (an error next to its field)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    if show is not None:
        show.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def staff_login(page: Page, namespace: str, user_id: str) -> None:
    """Log in to the case workers' client as ``user_id`` of the world, in ``namespace``."""
    page.goto("/console/")
    page.get_by_label("Navnerum").fill(namespace)
    page.locator(f"input[name=bruger][value*='|{user_id}|']").check()
    page.get_by_role("button", name="Log ind").click()


def citizen_login(page: Page, namespace: str, kommuneid: str, cpr: str) -> None:
    """Follow Borger.dk's link as a browser, then log in with (simulated) MitID."""
    page.goto(f"/laegevalg?kommuneid={kommuneid}")
    page.get_by_label("CPR-nummer").fill(cpr)
    page.get_by_label("Navnerum").fill(namespace)
    page.get_by_role("button", name="Log på").click()
