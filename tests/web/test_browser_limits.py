"""The analyse form's limits in a real browser (headless Chromium), with test_browser's helpers."""

from __future__ import annotations

from tests.web import test_browser as shared
from tests.web.test_browser import Tab
from trustworks.web.analysing import MAX_ANALYSIS_CHARS

# The browser, server and tab fixtures of test_browser, shared by name.
chromium, served, playwright, browser, signed, tab = (
    shared.chromium,
    shared.served,
    shared.playwright,
    shared.browser,
    shared.signed,
    shared.tab,
)


def test_analyse_says_the_limit_and_keeps_an_over_long_paste(tab: Tab) -> None:
    page = tab.page
    tab.sign_in("dana")
    tab.go("/analyse")
    assert f"Up to {MAX_ANALYSIS_CHARS:,} characters" in page.locator("main").inner_text()
    typed = "Dana: What would a good outcome be?\n" * (MAX_ANALYSIS_CHARS // 36 + 10)
    box = page.locator("textarea[name=text]")
    box.evaluate("(area, text) => { area.value = text; }", typed)  # a paste, without typing
    page.locator("main button[type=submit]").click()
    alert = page.locator(".limit-error")
    alert.wait_for(state="visible")
    assert f"at most {MAX_ANALYSIS_CHARS:,} characters" in alert.inner_text()
    assert tab.path() == "/analyse"  # not sent: the page and what was pasted are still there
    assert box.evaluate("area => area.value.length") == len(typed)
    box.evaluate("area => { area.value = 'Dana: What matters to you?'; }")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert "Trust" in page.locator("main").inner_text()
    tab.no_errors()
