"""Pages made for people, in a real browser (headless Chromium): every page passes an
automated accessibility check (axe-core, injected by Playwright: no serious or critical
violation), the layout works on a phone (no sideways scrolling, a usable menu), the site
works from the keyboard alone (skip link, visible focus, the pickers), and Today reads as a
morning agenda.

axe-core comes from the npm registry at the version package-lock.json pins, installed into
node_modules/ by `./run tests` (npm ci), never fetched while the tests run. Without it these
tests skip, unless CI asked for the browser tests ($TRUSTWORKS_TEST_CHROMIUM), where a missing
axe-core is a failure.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.web import test_browser as shared
from tests.web.browser_server import serving
from tests.web.conftest import EXAMPLES, Site, build_site
from tests.web.test_browser import CHROMIUM_ENV, TIMEOUT_MS, Tab
from trustworks.analysis import analyze
from trustworks.ingest import load
from trustworks.ledger import repository
from trustworks.ledger.log import log_conversation
from trustworks.ledger.programmes import add_programme, enrol

AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}  # a common phone, in CSS pixels
MAX_PAGES = 120
# Links a crawl does not follow: files and the API, signing out, and one-off links.
NOT_PAGES = re.compile(r"^/(api/|static/|logout)|\.(png|svg|pdf|csv|json|html)(\?|$)|/open$")

chromium, playwright, browser, signed, tab = (
    shared.chromium,
    shared.playwright,
    shared.browser,
    shared.signed,
    shared.tab,
)


@cache
def _axe_source() -> str:
    if AXE.is_file():
        return AXE.read_text(encoding="utf-8")
    if os.environ.get(CHROMIUM_ENV):
        pytest.fail(f"axe-core is not installed at {AXE}: run ./run tests (npm ci)", pytrace=False)
    pytest.skip("axe-core is not installed (./run tests installs it from package-lock.json)")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Iterator[tuple[Site, str]]:
    """The usual site with a day's worth of records on Dana's Northwind: a saved call with its
    analysis, promises (one due, one with no date), a risk, a screening, a deal, a programme."""
    path = tmp_path_factory.mktemp("people") / "web.sqlite3"
    site = build_site(f"sqlite:///{path}")
    today = dt.date.today()
    example = EXAMPLES / "qualifying-call-master.vtt"
    analysis = analyze(load(example), ["Dana Whitfield"])
    with site.ledger.session() as s:
        repository.add(s, "person", {"account": "Northwind", "name": "Marcus Lee", "title": "COO"})
        logged = log_conversation(
            s,
            analysis,
            account="Northwind",
            occurred_on=today - dt.timedelta(days=1),
            purpose="discovery",
            transcript=example.read_text(),
            seller="dana",
        )
        site.ids["call"] = logged.interaction.id
        for values in (
            {"side": "us", "by": "Dana Whitfield", "what": "Send the pilot plan", "due": today},
            {"side": "client", "by": "Marcus Lee", "what": "Share last quarter's volumes"},
        ):
            repository.add(s, "commitment", {"account": "Northwind", **values})
        repository.add(s, "risk", {"account": "Northwind", "taken_by": "us", "kind": "first_move"})
        repository.add(
            s,
            "screening",
            {"account": "Northwind", "willing": True, "decided_on": today, "review_on": today},
        )
        repository.add(s, "deal", {"account": "Northwind", "name": "Pilot", "stage": "discovery"})
        programme = add_programme(s, "Trusted Advisor", today, lessons=["Listen first"])
        enrol(s, programme.id, "Dana Whitfield")
    with serving(site.app) as base:
        yield site, base
    site.ledger.close()


def _violations(page: Page) -> list[str]:
    """The serious and critical accessibility violations axe-core finds on the page."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, so the site's CSP (scripts from the site
        # only) does not apply to it, and the pages keep their CSP while being checked.
        page.evaluate(_axe_source())
    found: list[str] = page.evaluate(
        """async () => {
          const result = await axe.run(document, {resultTypes: ["violations"]});
          return result.violations
            .filter(v => v.impact === "serious" || v.impact === "critical")
            .map(v => `${v.id} (${v.impact}): ${v.help} at ` +
                      v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
        }"""
    )
    return found


def _snake_case(page: Page) -> list[str]:
    """Names meant for programs (`self_orientation`, `pounces_on_need`) in the page's words,
    outside code samples and what users typed."""
    found: list[str] = page.evaluate(
        """() => {
          const body = document.querySelector("main").cloneNode(true);
          body.querySelectorAll("code, pre, textarea, .transcript, .turn").forEach(e => e.remove());
          const words = body.innerText.match(/\\b[a-z]+(?:_[a-z]+)+\\b/g) || [];
          return [...new Set(words)].map(w => `snake_case in the words: ${w}`);
        }"""
    )
    return found


def _crawl(tab: Tab, start: str) -> dict[str, list[str]]:
    """Every page reachable by links from `start` (one of each kind: /entries/goal/7 stands
    for every goal's page), each checked by axe-core; the problems found, by path."""
    page = tab.page
    # Chromium loads axe-core into each page as it opens (as `_violations` would, through the
    # DevTools protocol, so the pages keep their CSP), instead of receiving the 500 kB script
    # again for every page.
    page.context.add_init_script(script=_axe_source())
    queue, seen, problems = [start], set(), {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        kind = re.sub(r"/\d+", "/N", path.split("?")[0])
        if kind in seen:
            continue
        seen.add(kind)
        status = tab.go(path)
        assert status < 500, path
        if status == 200 and (found := _violations(page) + _snake_case(page)):
            problems[path] = found
        links = page.eval_on_selector_all(
            "a[href^='/']", "links => links.map(a => a.getAttribute('href'))"
        )
        for href in links:
            href = href.split("#")[0]
            if href and not NOT_PAGES.search(href) and href not in queue:
                queue.append(href)
    assert len(seen) >= 25, sorted(seen)  # it really went round the site
    return problems


# ---- the accessibility check --------------------------------------------------------------


@pytest.mark.parametrize("username", ["root", "dana"])
def test_every_page_has_no_serious_accessibility_violation(tab: Tab, username: str) -> None:
    tab.sign_in(username)
    problems = _crawl(tab, "/today")
    assert not problems, "\n".join(f"{path}: {found}" for path, found in problems.items())


def test_signed_out_and_result_pages_have_no_serious_accessibility_violation(tab: Tab) -> None:
    page = tab.page
    tab.go("/login")
    assert _violations(page) == []
    tab.sign_in("dana")
    tab.go("/analyse")
    page.set_input_files("input[name=file]", EXAMPLES / "discovery-pounce.srt")
    page.fill("input[name=seller]", "Ryan Cole")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{tab.base}/analyse")
    assert page.locator("h1").inner_text() == "Where trust was built or spent"
    assert _violations(page) == []
    tab.go("/entries/goal/new")
    page.click("form.entry button[type=submit]")  # nothing filled in: the form with its error
    page.wait_for_load_state()
    assert page.locator("[role=alert]").count() == 1
    assert _violations(page) == []


# ---- a phone ------------------------------------------------------------------------------


@pytest.fixture
def phone(browser: Browser, served: tuple[Site, str], signed: dict) -> Iterator[Tab]:  # type: ignore[type-arg]
    site, base = served
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(TIMEOUT_MS)
    yield Tab(context.new_page(), base, site, signed)
    context.close()


def _sideways(page: Page) -> int:
    """How many CSS pixels the page is wider than the screen (0: no sideways scrolling)."""
    overflow: int = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    return overflow


def test_pages_fit_a_phone_and_the_menu_works(phone: Tab) -> None:
    page = phone.page
    phone.sign_in("dana")
    phone.go("/today")
    assert _sideways(page) == 0
    phone.shot("phone-today.png", height=1400)
    phone.sign_in("root")
    phone.go("/today")
    # every page the menu leads to, and the pages of one account, call and form
    menu_pages = page.eval_on_selector_all(
        "#site-nav a", "links => links.map(a => a.getAttribute('href'))"
    )
    call = phone.site.ids["call"]
    assert len(menu_pages) >= 12
    for path in (
        *menu_pages,
        f"/accounts/{phone.site.ids['northwind']}",
        f"/interactions/{call}",
        f"/entries/reflection/new?interaction={call}",
        "/entries/commitment",
        "/me",
    ):
        if path == "/api/docs":
            continue  # Swagger UI's own layout
        assert phone.go(path) == 200, path
        assert _sideways(page) == 0, path
    phone.go("/today")
    nav = page.locator("#site-nav")
    assert not nav.is_visible()  # folded away behind the menu button
    menu = page.get_by_role("button", name="Menu")
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true" and nav.is_visible()
    nav.get_by_text("My accounts").click()
    phone.shot("phone-menu.png", height=900)
    nav.get_by_role("link", name="Accounts").click()
    page.wait_for_url(f"{phone.base}/accounts")
    assert page.locator("h1").inner_text() == "Accounts"


# ---- the keyboard alone -------------------------------------------------------------------


def _focused(page: Page) -> str:
    found: str = page.evaluate(
        "() => { const e = document.activeElement;"
        " return e.id ? '#' + e.id : e.tagName.toLowerCase() + ':' + e.textContent.trim(); }"
    )
    return found


def test_keyboard_skip_link_visible_focus_and_the_menu(tab: Tab) -> None:
    page = tab.page
    tab.sign_in("dana")
    tab.go("/today")
    page.keyboard.press("Tab")
    assert _focused(page) == "a:Skip to the page"
    box = page.locator("a.skip").bounding_box()
    assert box is not None and box["y"] >= 0  # shown while it has the focus
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    page.keyboard.press("Enter")
    assert _focused(page) == "#main"
    # from the top again: the brand, then the first group, opened with Enter
    tab.go("/today")
    for _ in range(3):
        page.keyboard.press("Tab")
    assert _focused(page).startswith("summary:My day")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # Today, then Review the day
    assert _focused(page) == "a:Review the day"
    page.keyboard.press("Escape")
    assert _focused(page).startswith("summary:My day")
    assert page.locator("details[data-group=day]").get_attribute("open") is None
    tab.no_errors()


def test_keyboard_picker_chooses_a_call_for_a_reflection(tab: Tab) -> None:
    page = tab.page
    tab.sign_in("dana")
    tab.go("/entries/reflection/new")
    box = page.get_by_role("combobox", name="The call or meeting")
    box.focus()
    with page.expect_response(lambda answer: "q=northw" in answer.url):
        page.keyboard.type("northw")  # the choices of the whole word, not of its first letters
    page.wait_for_selector("[role=listbox][aria-busy=false]", state="attached")
    options = page.get_by_role("option")
    options.first.wait_for()
    assert options.first.inner_text().startswith("Northwind: ")
    assert box.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    assert options.first.get_attribute("aria-selected") == "true"
    tab.shot("form-pickers.png", height=900)
    page.keyboard.press("Enter")
    assert box.input_value().startswith("Northwind: ")
    call = tab.site.ids["call"]
    assert page.locator("input[name=interaction]").input_value() == str(call)
    page.get_by_role("group", name="Is their world better than before?").get_by_label("Yes").check()
    page.locator("form.entry button[type=submit]").click()
    page.wait_for_url(re.compile(r"/entries/reflection/\d+\?saved=1$"))
    chosen = page.locator("input[name=interaction__words]").input_value()
    assert page.locator("h1").inner_text() == f"Edit reflection: on {chosen}"  # no id
    tab.no_errors()


# ---- Today as home ------------------------------------------------------------------------


def test_today_is_a_morning_agenda(tab: Tab) -> None:
    page = tab.page
    with tab.site.ledger.session() as s:  # a call of this morning's, not reflected on yet
        call = repository.add(
            s, "interaction", {"account": "Northwind", "occurred_on": dt.date.today()}
        ).id  # type: ignore[attr-defined]
    tab.sign_in("dana")
    tab.go("/today")
    waiting = page.locator("section[aria-labelledby=h-waiting]")
    waiting.locator(f"a[href='/interactions/{call}']").click()
    # the call (a call saved without a transcript opens its form)
    page.wait_for_url(re.compile(rf"/(interactions|entries/interaction)/{call}$"))
    tab.go("/today")
    promises = page.locator("section[aria-labelledby=h-promises]")
    assert "ours" in promises.locator("li").first.inner_text()  # ours first
    assert "Send the pilot plan" in promises.locator("li").first.inner_text()
    assert "give it a date" in promises.inner_text()
    assert "Share last quarter's volumes" in promises.inner_text()
    assert "Getting started" not in page.locator("main").inner_text()
    tab.shot("today.png")
    tab.no_errors()


def test_today_on_an_empty_ledger_guides_the_first_steps(tab: Tab) -> None:
    page = tab.page
    tab.sign_in("ryan")  # Contoso has no call and no promise yet
    tab.go("/today")
    guide = page.locator("section.first-run")
    assert guide.locator("h2").inner_text() == "Getting started"
    guide.get_by_role("link", name="Paste or upload a transcript").click()
    page.wait_for_url(f"{tab.base}/analyse")
    tab.go("/today")
    tab.shot("today-first-run.png", height=900)
    tab.no_errors()
