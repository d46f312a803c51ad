"""Answering (and changing) a trust audit campaign's answers, and rating a seller through a
share link, in a real browser (headless Chromium), with the helpers of test_browser."""

from __future__ import annotations

import datetime as dt
import json
import re

from sqlalchemy import select

from tests.web import test_browser as shared
from tests.web.test_browser import Tab
from trustworks.assess import audit_questionnaire, self_questionnaire
from trustworks.ledger import tables as t
from trustworks.ledger.access import scope_for
from trustworks.ledger.campaigns import create_campaign

# The browser, server and tab fixtures of test_browser, shared by name.
chromium, served, playwright, browser, signed, tab = (
    shared.chromium,
    shared.served,
    shared.playwright,
    shared.browser,
    shared.signed,
    shared.tab,
)


def _campaign(tab: Tab) -> int:
    """A campaign of maria's, open from today for a week, that asks Dana."""
    today = dt.date.today()
    with tab.site.ledger.session() as session:
        maria = session.scalars(select(t.User).where(t.User.username == "maria")).one()
        row = create_campaign(
            session, scope_for(session, maria), "Browser Freight", "the sales team",
            today, today + dt.timedelta(days=7), ["dana"],
        )  # fmt: skip
        return row.id


def _answers(tab: Tab, campaign: int) -> list[str]:
    with tab.site.ledger.session() as session:
        query = select(t.AuditAnswer.answers_json).where(t.AuditAnswer.campaign_id == campaign)
        return list(session.scalars(query))


def test_a_seller_answers_the_audit_and_changes_an_answer(tab: Tab) -> None:
    campaign = _campaign(tab)
    page = tab.page
    tab.sign_in("dana")
    tab.go("/audit")
    page.click(f"tr[data-campaign='{campaign}'] a >> text=Browser Freight")
    assert tab.path() == f"/audit/{campaign}"
    items = audit_questionnaire().items
    # Everything but the last item: the form comes back with that one flagged.
    for item in items[:-1]:
        page.check(f"input[name='answer.{item.id}'][value='{item.options[-1].key}']")
    page.click("form[aria-label='Trust audit'] button[type=submit]")
    missing = page.locator("li.question.missing")
    assert missing.count() == 1
    assert missing.get_attribute("id") == f"q-{items[-1].id}"
    assert "nothing was recorded" in page.locator("main p.error").first.inner_text()
    assert _answers(tab, campaign) == []
    # The refused form is answered with 422, which Chromium logs; nothing else may be.
    assert [e for e in tab.errors if "422" not in e] == []
    tab.errors.clear()
    # Earlier answers are still ticked: only the flagged one needs a click.
    assert page.locator("input[type=radio]:checked").count() == len(items) - 1
    page.check(f"input[name='answer.{items[-1].id}'][value='{items[-1].options[0].key}']")
    page.click("form[aria-label='Trust audit'] button[type=submit]")
    page.wait_for_url(re.compile(rf"/audit/{campaign}\?saved=1$"))
    assert "Only you can read them" in page.locator("[role=status]").inner_text()
    assert json.loads(_answers(tab, campaign)[0])[items[-1].id] == items[-1].options[0].key

    # Changing one answer: the form shows the saved ones ticked, and the change replaces them.
    first = items[0]
    checked = page.locator(f"input[name='answer.{first.id}']:checked")
    assert checked.get_attribute("value") == first.options[-1].key
    page.check(f"input[name='answer.{first.id}'][value='{first.options[0].key}']")
    assert page.locator("form[aria-label='Trust audit'] button[type=submit]").inner_text() == (
        "Change my answers"
    )
    page.click("form[aria-label='Trust audit'] button[type=submit]")
    page.wait_for_url(re.compile(rf"/audit/{campaign}\?saved=1$"))
    (stored,) = _answers(tab, campaign)  # still one answer: changed, not added
    assert json.loads(stored)[first.id] == first.options[0].key
    tab.shot("audit-campaign.png")

    # The report waits for the close and five answers; nobody else sees Dana's.
    page.click("main a >> text=report")
    assert "opens when the campaign closes" in page.locator("[data-why-not]").inner_text()
    tab.sign_in("maria")
    tab.go(f"/audit/{campaign}")
    assert page.locator("input[type=radio]:checked").count() == 0
    assert "1</span> of 1 answered" in page.content()
    tab.no_errors()


def test_a_client_rates_a_seller_through_the_share_link(tab: Tab) -> None:
    page = tab.page
    tab.sign_in("ryan")
    tab.go("/self/answer")
    for item in self_questionnaire().items:
        page.check(f"input[name='answer.{item.id}'][value='always']")
    page.click("form[aria-label='Self-assessment'] button[type=submit]")
    page.wait_for_load_state()
    assert tab.path() == "/self"
    page.fill("input[name=rater]", "Dana at Contoso")
    page.click("form[aria-label='Ask someone to rate me'] button[type=submit]")
    link = page.locator("input.share-link").input_value()
    assert re.fullmatch(re.escape(tab.base) + r"/rate/[\w-]+", link)

    page.context.clear_cookies()  # the client is not a user of the site
    page.goto(link)
    assert page.locator("h1").inner_text() == "How do you see Ryan Cole?"
    assert page.locator("header nav").count() == 0
    for item in self_questionnaire().items:
        page.check(f"input[name='answer.{item.id}'][value='sometimes']")
    page.click("form[aria-label='Rating'] button[type=submit]")
    assert page.locator("h1").inner_text() == "Thank you"
    page.goto(link)
    assert "the first answers are kept" in page.locator("[role=alert]").inner_text()
    assert [e for e in tab.errors if "409" not in e] == []  # that page is a 409, as it should be
    tab.errors.clear()

    tab.sign_in("ryan")
    tab.go("/self")
    assert (
        "Rated by others (1)" in page.locator("section[aria-label='Rated by others']").inner_text()
    )
    assert page.locator("svg.chart.bars rect.bar.others").count() == 5
    tab.shot("self-report.png")
    tab.no_errors()
