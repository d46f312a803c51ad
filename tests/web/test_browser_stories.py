"""Posting a story in a real browser (headless Chromium), with the helpers of test_browser."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.web import test_browser as shared
from tests.web.test_browser import Tab
from trustworks.stories import add_programme, enrol, list_stories

NAME = "Browser Programme"

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
def programme(tab: Tab) -> int:
    """A programme with two lessons, Dana (user dana) enrolled."""
    with tab.site.ledger.session() as s:
        row = add_programme(
            s, NAME, dt.date(2026, 3, 31), lessons=["Listen first", "Price plainly"]
        )
        enrol(s, row.id, "Dana Whitfield")
        return row.id


def test_participant_posts_a_story_and_a_leader_teases_it_out(tab: Tab, programme: int) -> None:
    page = tab.page
    tab.sign_in("dana")
    tab.go("/programmes")
    page.click(f"text={NAME}")
    page.wait_for_url(f"{tab.base}/programmes/{programme}")
    assert "Prompt of the week" in page.locator(".prompt").inner_text()

    form = page.locator("#story-form")
    form.locator("select[name=lesson]").select_option(label="2. Price plainly")
    form.locator("select[name=success]").select_option(label="yes, a success")
    form.locator("textarea[name=situation]").fill("The buyer asked what it costs.")
    form.locator("textarea[name=action]").fill("I gave the number first, then the reasons.")
    form.locator("textarea[name=outcome]").fill(" ")  # forgotten: the server says so
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "outcome: is required" in page.locator("[role=alert]").inner_text()
    assert [e for e in tab.errors if "422" in e] == tab.errors != []  # that answer, nothing else
    tab.errors.clear()
    form = page.locator("#story-form")  # the form again, as it was typed
    assert (
        form.locator("textarea[name=situation]").input_value() == "The buyer asked what it costs."
    )
    form.locator("textarea[name=outcome]").fill("She said nobody had answered so plainly.")
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"**/programmes/{programme}?saved=story*")
    card = page.locator("article.story").first
    assert "Dana Whitfield · Price plainly" in card.locator("h3").inner_text()
    assert "nobody had answered so plainly" in card.inner_text()
    tab.shot("programme.png")
    with tab.site.ledger.session() as s:
        (story,) = list_stories(s, programme)
    assert (story.lesson, story.success) == ("Price plainly", True)
    tab.no_errors()

    tab.page.context.clear_cookies()
    tab.sign_in("maria")
    tab.go(f"/programmes/{programme}/nudges")
    page.fill("input[name=question]", "What did she do next?")
    page.click("form[action$='/questions'] button[type=submit]")
    page.wait_for_url(f"**/programmes/{programme}/nudges?saved=question")
    assert "What did she do next?" in page.locator("[aria-label='Open questions']").inner_text()
    tab.shot("programme-nudges.png")
    tab.go(f"/programmes/{programme}/report")
    bars = page.locator("svg.chart.bars rect.bar.successes title")
    assert bars.all_text_contents() == [
        "Listen first, successes: 0.0",
        "Price plainly, successes: 1.0",
    ]
    tab.shot("programme-report.png")
    tab.no_errors()

    tab.page.context.clear_cookies()
    tab.sign_in("dana")
    tab.go(f"/programmes/{programme}")
    page.fill("textarea[name=answer]", "She asked for the contract.")
    page.click("form[action$='/answer'] button[type=submit]")
    page.wait_for_url(f"**/programmes/{programme}?saved=answer")
    assert "She asked for the contract." in page.locator("article.story").first.inner_text()
    tab.no_errors()
