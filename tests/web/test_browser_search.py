"""Search in a real browser (headless Chromium), on SQLite and on PostgreSQL: a seller types a
phrase from a call's transcript into the header's box and opens the call from the results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.web import test_browser as shared
from tests.web.browser_server import serving
from tests.web.conftest import Site, build_site
from tests.web.test_browser import Tab
from trustworks.analysis import analyze
from trustworks.conversation import Conversation, Turn
from trustworks.ledger.log import log_conversation

if TYPE_CHECKING:
    from playwright._impl._api_structures import SetCookieParam

PHRASE = "a dispatch board my drivers would actually use"

# The browser fixtures of test_browser, shared by name; the server is this module's own.
chromium, playwright, browser, tab = (
    shared.chromium,
    shared.playwright,
    shared.browser,
    shared.tab,
)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, chromium: str
) -> Iterator[tuple[Site, str]]:
    """The site over each database (PostgreSQL: a database of this module's own)."""
    admin = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('browser-search') / 'web.sqlite3'}"
    else:
        base = make_url(request.getfixturevalue("postgres_url"))
        own = base.set(database=f"{base.database}_browser_search")
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{own.database}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{own.database}"'))
        url = own.render_as_string(hide_password=False)
    site = build_site(url)
    try:
        with serving(site.app) as base_url:
            yield site, base_url
    finally:
        site.ledger.close()
        if admin is not None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{own.database}" WITH (FORCE)'))
            admin.dispose()


@pytest.fixture(scope="module")
def signed(served: tuple[Site, str]) -> dict[str, list[SetCookieParam]]:
    """Sign-ins kept per server: a cookie of one database's server means nothing to the other."""
    return {}


@pytest.fixture(scope="module")
def call(served: tuple[Site, str]) -> int:
    """A saved, analysed call on Dana's Northwind with PHRASE in its transcript."""
    site, _ = served
    conversation = Conversation(
        (
            Turn("Dana Whitfield", "Before I show anything, what would make this worth your hour?"),
            Turn("Marcus Lee", f"Honestly, {PHRASE}."),
            Turn("Dana Whitfield", "What do they use today?"),
        )
    )
    with site.ledger.session() as s:
        logged = log_conversation(
            s,
            analyze(conversation, seller=["Dana Whitfield"]),
            account="Northwind",
            occurred_on=dt.date(2026, 11, 25),
            purpose="discovery",
            transcript="\n".join(f"{turn.speaker}: {turn.text}" for turn in conversation.turns),
        )
        return logged.interaction.id


def test_seller_finds_a_call_by_a_phrase_in_its_transcript(tab: Tab, call: int) -> None:
    page = tab.page
    tab.sign_in("dana")
    tab.go("/today")
    box = page.get_by_role("searchbox", name="Search accounts, people, calls, promises and stories")
    box.fill(f'"{PHRASE}"')
    box.press("Enter")
    page.wait_for_url("**/search?q=*")
    results = page.get_by_role("list", name="Results")
    hit = results.get_by_role("listitem")
    assert hit.count() == 1
    assert "Discovery call with Northwind" in hit.inner_text()
    assert hit.locator("mark").all_inner_texts() == [PHRASE]
    tab.shot("search.png", height=700)
    hit.get_by_role("link").click()
    page.wait_for_url(f"**/interactions/{call}")
    assert PHRASE in page.locator("main").inner_text()
    tab.no_errors()


def test_another_team_finds_nothing_and_bad_syntax_is_said(tab: Tab, call: int) -> None:
    page = tab.page
    tab.sign_in("ryan")
    tab.go("/search?q=" + f'"{PHRASE}"'.replace(" ", "+"))
    assert "Nothing you may see matches" in page.locator("main").inner_text()
    page.fill("#search-q", '"dispatch board')
    page.locator("main form[role=search] button").click()
    page.wait_for_load_state()
    assert "a quotation mark is not closed" in page.get_by_role("alert").inner_text()
    assert page.locator("#search-q").input_value() == '"dispatch board'
    assert [e for e in tab.errors if "422" in e] == tab.errors  # that answer, nothing else
