"""Answering the trust audit and rating a seller through a share link in a real browser
(headless Chromium), with the helpers of test_browser."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from tests.web import test_browser as shared
from tests.web.test_browser import Tab
from trustworks.assess import audit_questionnaire, self_questionnaire
from trustworks.ledger import tables as t

# The browser, server and tab fixtures of test_browser, shared by name.
chromium, served, playwright, browser, signed, tab = (
    shared.chromium,
    shared.served,
    shared.playwright,
    shared.browser,
    shared.signed,
    shared.tab,
)


def _responses(tab: Tab, organisation: str) -> int:
    with tab.site.ledger.session() as session:
        query = select(func.count()).where(t.AuditResponse.organisation == organisation)
        return session.scalar(query.select_from(t.AuditResponse)) or 0


def test_a_seller_answers_the_audit_and_reads_the_report(tab: Tab) -> None:
    page = tab.page
    tab.sign_in("dana")
    tab.go("/today")
    page.click("nav >> text=Team")  # the group that holds it
    page.click("nav >> text=Trust audit")
    assert tab.path() == "/audit"
    page.fill("input[name=organisation]", "Browser Freight")
    items = audit_questionnaire().items
    # Everything but the last item: the form comes back with that one flagged.
    for item in items[:-1]:
        page.check(f"input[name='answer.{item.id}'][value='{item.options[-1].key}']")
    page.click("form[aria-label='Trust audit'] button[type=submit]")
    missing = page.locator("li.question.missing")
    assert missing.count() == 1
    assert missing.get_attribute("id") == f"q-{items[-1].id}"
    assert "nothing was recorded" in page.locator("main > p.error").inner_text()
    assert _responses(tab, "Browser Freight") == 0
    # The refused form is answered with 422, which Chromium logs; nothing else may be.
    assert [e for e in tab.errors if "422" not in e] == []
    tab.errors.clear()
    # Earlier answers are still ticked: only the flagged one needs a click.
    assert page.locator("input[type=radio]:checked").count() == len(items) - 1
    page.check(f"input[name='answer.{items[-1].id}'][value='{items[-1].options[0].key}']")
    page.click("form[aria-label='Trust audit'] button[type=submit]")
    page.wait_for_load_state()
    assert tab.path().startswith("/audit/report?organisation=Browser")
    assert _responses(tab, "Browser Freight") == 1
    score = int(page.locator("[data-score]").inner_text())
    assert 0 < score < 100  # full trust everywhere but the last practice
    costly = page.locator("section[aria-label='What costs most'] tbody tr")
    assert costly.count() == 1 and items[-1].practice in costly.inner_text()
    assert page.locator("svg.chart.bars rect.bar").count() == len(items)
    with page.expect_download() as download:  # the PNG link serves an image
        page.evaluate(
            "url => { const a = document.createElement('a'); a.href = url; a.download = 'c.png';"
            " document.body.appendChild(a); a.click(); }",
            page.locator("section[aria-label='Every practice'] .exports a").first.get_attribute(
                "href"
            ),
        )
    path = download.value.path()
    assert path.read_bytes().startswith(b"\x89PNG")
    tab.shot("audit-report.png")
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
