"""What a person sees in headless Chromium: the deployment in the Prefect UI, and the data-quality report
opened from disk with every request off this machine blocked."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from transforms.schemas import ALL_TABLES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="the playwright package drives Chromium: pip install -e '.[test]'")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
BOOTSTRAP_SUCCESS = "rgb(40, 167, 69)"  # .badge-success in the vendored Bootstrap 4.3.1


class Browser:
    """One page of a fresh Chromium profile; requests that would leave this machine are blocked and listed."""

    def __init__(self, page) -> None:
        self.page = page
        self.blocked: list[str] = []
        self.failed: list[str] = []
        page.on("requestfailed", lambda request: self.failed.append(request.url))
        page.route("**/*", self.only_this_machine)

    def only_this_machine(self, route) -> None:
        url = urlparse(route.request.url)
        if url.scheme in ("file", "data", "blob", "about") or url.hostname in LOOPBACK:
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort("internetdisconnected")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Chromium with a fresh profile; each test opens its own page."""
    with playwright.sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


def style(page, selector: str, prop: str) -> str:
    return page.eval_on_selector(selector, f"element => getComputedStyle(element).getPropertyValue('{prop}')")


def icon_font_loaded(page) -> bool:
    return page.evaluate("async () => { await document.fonts.ready; return document.fonts.check('900 16px \"Font Awesome 6 Free\"'); }")


def test_the_ui_shows_the_deployment_with_its_run_button(served_run, browser):
    page = Browser(browser.new_page()).page
    page.goto(f"{served_run.server.url}/deployments/deployment/{served_run.deployment_id}")
    playwright.expect(page.get_by_text("news-pipeline").first).to_be_visible(timeout=30_000)
    playwright.expect(page.get_by_text("local").first).to_be_visible()
    playwright.expect(page.get_by_role("button", name="Run", exact=True)).to_be_visible()
    page.goto(f"{served_run.server.url}/deployments")
    playwright.expect(page.get_by_role("link", name="local").first).to_be_visible(timeout=30_000)


def test_the_report_lists_every_table_passed_and_renders_styled_offline(served_run, browser):
    browser = Browser(browser.new_page())
    page, index = browser.page, served_run.project / "warehouse" / "_docs" / "index.html"
    page.goto(index.as_uri())
    for table in ALL_TABLES:
        row = page.locator(f"tr[data-table='{table.name}']")
        playwright.expect(row).to_contain_text("passed")
    # only the vendored stylesheets set these: Bootstrap's badge colour and the Font Awesome icon font
    assert style(page, ".badge-success", "background-color") == BOOTSTRAP_SUCCESS
    assert icon_font_loaded(page)

    page.get_by_role("link", name="quotes", exact=True).click()
    page.wait_for_load_state("load")
    assert Path(urlparse(page.url).path).name == "quotes.html"
    playwright.expect(page.get_by_text("Expectation Validation Result")).to_be_visible()
    playwright.expect(page.get_by_text("Succeeded").first).to_be_visible()
    assert style(page, "nav.navbar", "display") == "flex"  # Bootstrap's navbar; a browser's default is block
    assert icon_font_loaded(page)
    assert browser.blocked == [] and browser.failed == [], "the report reached for files off this machine or missing ones"
