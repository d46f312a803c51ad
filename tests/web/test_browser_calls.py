"""The call library and the team page in a real browser (headless Chromium): a manager filters
the library by a signal, opens the call, and sees what its score means; the team page."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.web import test_browser as shared
from tests.web.conftest import EXAMPLES
from tests.web.test_browser import Tab
from trustworks.analysis import analyze
from trustworks.ingest import load
from trustworks.ledger.log import log_conversation

# The browser, server and tab fixtures of test_browser, shared by name.
chromium, served, playwright, browser, signed, tab = (
    shared.chromium,
    shared.served,
    shared.playwright,
    shared.browser,
    shared.signed,
    shared.tab,
)


@pytest.fixture(scope="module")
def calls(served: tuple[shared.Site, str]) -> dict[str, int]:
    """Dana's pouncing and honest calls on Northwind, Ryan's pouncing call on Contoso."""
    site, _ = served
    today = dt.date.today()
    ids = {}
    with site.ledger.session() as s:
        for key, account, seller, example, days in (
            ("pounce", "northwind", "dana", "discovery-pounce.srt", 1),
            ("honest", "northwind", "dana", "qualifying-call-honest.vtt", 9),
            ("master", "northwind", "dana", "qualifying-call-master.vtt", 20),
            ("ryan", "contoso", "ryan", "discovery-pounce.srt", 2),
        ):
            logged = log_conversation(
                s,
                analyze(load(EXAMPLES / example)),
                account=str(site.ids[account]),
                occurred_on=today - dt.timedelta(days=days),
                seller=seller,
            )
            ids[key] = logged.interaction.id
    return ids


def test_manager_filters_the_library_by_signal_and_opens_the_call(
    tab: Tab, calls: dict[str, int]
) -> None:
    page = tab.page
    tab.sign_in("maria")
    assert tab.go("/calls") == 200
    rows = page.locator("table.calls tbody tr")
    assert rows.count() == 3  # dana's three calls; ryan is not on maria's team
    tab.shot("calls.png", 900)
    page.select_option("select[name=signal]", "pounces_on_need")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert tab.path() == "/calls?signal=pounces_on_need"  # the filter, and only it, in the URL
    assert rows.count() == 2  # the pouncing call, and the other one where a need met a pitch
    assert page.locator(f"a[data-call='{calls['honest']}']").count() == 0
    page.click(f"a[data-call='{calls['pounce']}']")
    page.wait_for_load_state()
    assert tab.path() == f"/interactions/{calls['pounce']}"
    panel = page.locator("section.score-context")
    assert "spends trust" in panel.inner_text()
    assert panel.locator("ol.movers li").count() == 3
    assert "Keep as a teaching example" in page.content()
    tab.no_errors()


def test_team_page_shows_the_sellers_trends_and_calls_worth_a_look(
    tab: Tab, calls: dict[str, int]
) -> None:
    page = tab.page
    tab.sign_in("maria")
    assert tab.go("/team") == 200
    assert page.locator("table.team tbody tr").count() == 1
    assert "Dana Whitfield" in page.locator("table.team").inner_text()
    assert "Ryan Cole" not in page.content()
    assert page.locator("section[aria-label='Calls worth a look: lowest score'] a").count() >= 1
    tab.shot("team.png", 1400)
    tab.no_errors()
