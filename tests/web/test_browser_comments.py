"""A coaching thread in a real browser (headless Chromium): a manager comments on a moment of a
call and mentions the seller with the type-ahead; the seller sees the count in the header,
opens the notification and replies. With the helpers of test_browser."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from tests.web import test_browser as shared
from tests.web.conftest import EXAMPLES
from tests.web.test_browser import SCREENSHOTS, SCREENSHOTS_ENV, Tab
from trustworks.analysis import analyze
from trustworks.ingest import load
from trustworks.ledger.log import log_conversation

AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# The browser, server and tab fixtures of test_browser, shared by name.
chromium, served, playwright, browser, signed, tab = (
    shared.chromium,
    shared.served,
    shared.playwright,
    shared.browser,
    shared.signed,
    shared.tab,
)


@pytest.fixture
def call(tab: Tab) -> int:
    """A call of Dana's on Northwind, saved with its analysis; its id."""
    analysis = analyze(load(EXAMPLES / "discovery-pounce.srt"), ["Ryan Cole"])
    with tab.site.ledger.session() as s:
        logged = log_conversation(
            s, analysis, account="Northwind", occurred_on=dt.date(2026, 11, 30), seller="dana"
        )
        return logged.interaction.id


def serious_violations(tab: Tab) -> list[str]:
    """The serious and critical accessibility violations axe-core finds on the page (skipped
    when axe-core is not installed: ./run tests installs it from package-lock.json)."""
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE}")
    # Evaluated through the DevTools protocol: the page keeps its CSP while it is checked.
    tab.page.evaluate(AXE.read_text(encoding="utf-8"))
    found: list[str] = tab.page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
          .filter(v => v.impact === "serious" || v.impact === "critical")
          .map(v => `${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(" ")).join(", ")}`)"""
    )
    return found


def shot_of(tab: Tab, selector: str, name: str) -> None:
    """Keep a screenshot of the viewport around `selector` when asked to (as Tab.shot)."""
    if os.environ.get(SCREENSHOTS_ENV) == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.page.locator(selector).first.evaluate("e => e.scrollIntoView({block: 'center'})")
        tab.page.screenshot(path=SCREENSHOTS / name)


def test_manager_comments_on_a_finding_and_the_seller_replies(tab: Tab, call: int) -> None:
    page = tab.page
    tab.sign_in("maria")
    tab.go(f"/interactions/{call}")
    card = page.locator(".coaching article.card.neg").first
    signal = card.locator("button.comment-on").get_attribute("data-moment") or ""
    card.locator("button.comment-on").click()
    assert page.locator("#comment-moment").input_value() == signal
    body = page.locator("#comment-body")
    assert body.evaluate("e => e === document.activeElement")
    body.type("Ask what they are trying to fix before the tour, @da")
    options = page.locator(".comment-new [role=option]")
    assert options.all_inner_texts() == ["Dana Whitfield (@dana)"]
    body.press("Enter")  # the type-ahead takes it
    assert body.input_value().endswith("@dana ")
    page.locator(".comment-new button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/interactions/{call}\?commented=.*#comment-\d+$"))
    assert "told Dana Whitfield" in page.locator("[role=status]").inner_text()
    thread = page.locator("aside.thread").first
    assert "Ask what they are trying to fix" in thread.inner_text()
    assert thread.locator(".mention").inner_text() == "@dana"
    shot_of(tab, "aside.thread", "comments.png")
    body.type("@ro")  # the type-ahead open, as a screen reader meets it
    assert serious_violations(tab) == []
    body.press("Escape")
    tab.no_errors()

    page.context.clear_cookies()
    tab.sign_in("dana")
    tab.go("/today")
    count = page.locator("header a.notifications .count")
    assert count.get_attribute("data-unread") == "1"
    page.locator("header a.notifications").click()
    page.wait_for_url(f"{tab.base}/notifications")
    item = page.locator("li.notification.unread")
    assert "Maria Gomez mentioned you on a call with Northwind" in item.inner_text()
    shot_of(tab, "li.notification", "notifications.png")
    assert serious_violations(tab) == []
    item.locator("a").first.click()
    page.wait_for_url(re.compile(rf"/interactions/{call}#comment-\d+$"))
    assert page.locator("header a.notifications .count").count() == 0  # read now
    reply = page.locator("aside.thread form.reply").first
    reply.locator("textarea").fill("Fair. I jumped to the demo; next time I ask first.")
    reply.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/interactions/{call}\?commented=.*#comment-\d+$"))
    comments = page.locator("aside.thread").first.locator("article.comment")
    assert comments.count() == 2
    assert "next time I ask first" in comments.nth(1).inner_text()
    assert "told Maria Gomez" in page.locator("[role=status]").inner_text()
    tab.no_errors()
