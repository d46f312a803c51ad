"""The pages in a real browser: headless Chromium (Playwright) against the app served by uvicorn.

One server and one browser for the module; each test gets a fresh browser context (no cookies)
and signs in through the login form. Skipped when Chromium is missing, unless CI asked for it
with $TRUSTWORKS_TEST_CHROMIUM, in which case a missing browser is a failure.

With TRUSTWORKS_SCREENSHOTS=1 the tests also write a screenshot of each page they visit to
docs/screenshots/ (off by default, so test runs never rewrite tracked files).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    FloatRect,
    Page,
    Playwright,
    sync_playwright,
)

from tests.web.browser_server import serving
from tests.web.conftest import EXAMPLES, PASSWORD, Site, build_site
from trustworks.analysis import analyze
from trustworks.ingest import load

if TYPE_CHECKING:  # Playwright does not export the type add_cookies takes
    from playwright._impl._api_structures import SetCookieParam

CHROMIUM_ENV = "TRUSTWORKS_TEST_CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS_ENV = "TRUSTWORKS_SCREENSHOTS"
SCREENSHOTS = Path(__file__).parents[2] / "docs" / "screenshots"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 10_000
SHOT_HEIGHT = 1600
NUMBER = re.compile(r"^\d+(\.\d+)?$")


def chromium_path() -> str:
    """The browser to drive: skip without one, fail when CI said where it should be."""
    wanted = os.environ.get(CHROMIUM_ENV)
    path = wanted or DEFAULT_CHROMIUM
    if Path(path).is_file() and os.access(path, os.X_OK):
        return path
    if wanted:
        pytest.fail(f"${CHROMIUM_ENV} is {wanted!r}, but no Chromium is there", pytrace=False)
    pytest.skip(f"no Chromium at {DEFAULT_CHROMIUM} (set ${CHROMIUM_ENV} to its path)")


# ---- fixtures -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium() -> str:
    return chromium_path()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Iterator[tuple[Site, str]]:
    """The site (four users, Northwind and Contoso) over SQLite, served on 127.0.0.1."""
    path = tmp_path_factory.mktemp("browser") / "web.sqlite3"
    site = build_site(f"sqlite:///{path}")
    with serving(site.app) as base:
        yield site, base
    site.ledger.close()


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright: Playwright, chromium: str) -> Iterator[Browser]:
    launched = playwright.chromium.launch(executable_path=chromium, headless=True, args=LAUNCH_ARGS)
    yield launched
    launched.close()


@dataclass
class Tab:
    """A page of a fresh browser context, with the server's address and what went wrong."""

    page: Page
    base: str
    site: Site
    signed: dict[str, list[SetCookieParam]]  # the module's sign-ins, by username
    errors: list[str] = field(default_factory=list)

    def go(self, path: str) -> int:
        """Open a path of the site; the HTTP status of the page."""
        response = self.page.goto(self.base + path)
        assert response is not None
        return response.status

    def sign_in(self, username: str, password: str = PASSWORD, *, form: bool = False) -> None:
        """Sign in through the login form, as a person would; a user already signed in once in
        this module gets that session's cookie back instead (password checks are slow), unless
        `form` is set."""
        known = self.signed.get(username)
        if known and not form and password == PASSWORD:
            self.page.context.add_cookies(known)
            return
        self.go("/login")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.click("main button[type=submit]")
        self.page.wait_for_load_state()
        if password == PASSWORD and not self.path().startswith("/login"):
            cookies = self.page.context.cookies()
            self.signed[username] = [
                {"name": c["name"], "value": c["value"], "url": self.base}
                for c in cookies
                if c["name"] == "tw_session"
            ]

    def path(self) -> str:
        return self.page.url.removeprefix(self.base)

    def shot(self, name: str, height: int = SHOT_HEIGHT) -> None:
        """Keep a screenshot of the page (its top `height` pixels at most) in docs/screenshots/
        when asked to."""
        if os.environ.get(SCREENSHOTS_ENV) == "1":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            width, tall = self.page.evaluate(
                "() => [innerWidth, document.documentElement.scrollHeight]"
            )
            clip: FloatRect = {"x": 0, "y": 0, "width": width, "height": min(tall, height)}
            self.page.screenshot(path=SCREENSHOTS / name, full_page=True, clip=clip)

    def no_errors(self) -> None:
        """No script errors, refused resources or CSP violations on the pages seen."""
        assert self.errors == []


@pytest.fixture(scope="module")
def signed() -> dict[str, list[SetCookieParam]]:
    return {}


@pytest.fixture
def tab(
    browser: Browser, served: tuple[Site, str], signed: dict[str, list[SetCookieParam]]
) -> Iterator[Tab]:
    site, base = served
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    tab = Tab(page, base, site, signed)

    def on_console(message: ConsoleMessage) -> None:
        # Chromium asks every site for /favicon.ico; the app has none (a harmless 404).
        if message.type == "error" and "favicon.ico" not in message.location.get("url", ""):
            tab.errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: tab.errors.append(f"uncaught: {error}"))
    yield tab
    context.close()


# ---- signing in ---------------------------------------------------------------------------


def test_login_form_signs_in_and_lands_on_today(tab: Tab) -> None:
    tab.go("/login")
    tab.shot("login.png")
    tab.sign_in("dana", form=True)
    assert tab.path() == "/today"
    today = dt.date.today().isoformat()
    assert tab.page.locator("h1").inner_text() == f"Today, {today}"
    assert tab.page.locator("header .who").inner_text() == "dana (seller)"
    tab.no_errors()


def test_login_wrong_password_stays_on_the_form(tab: Tab) -> None:
    tab.sign_in("dana", "not the password at all")
    assert tab.path() == "/login"
    assert tab.page.locator("[role=alert]").inner_text() == "Wrong username or password."
    assert tab.go("/today") == 200 and tab.path().startswith("/login")  # still signed out


def test_login_returns_to_the_page_asked_for(tab: Tab) -> None:
    tab.go("/alerts")
    assert tab.path() == "/login?next=/alerts"
    tab.page.fill("input[name=username]", "dana")
    tab.page.fill("input[name=password]", PASSWORD)
    tab.page.click("main button[type=submit]")
    tab.page.wait_for_url(f"{tab.base}/alerts")
    assert tab.page.locator("h1").inner_text().startswith("Alerts on ")


# ---- analyse ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("example", "seller", "polarity"),
    [
        ("discovery-pounce.srt", "Ryan Cole", "neg"),  # only trust spent
        ("qualifying-call-honest.vtt", "Dana Whitfield", "pos"),  # only trust built
    ],
)
def test_analyse_example_highlights_findings_and_chart(
    tab: Tab, example: str, seller: str, polarity: str
) -> None:
    page = tab.page
    tab.sign_in("root")
    tab.go("/analyse")
    tab.shot("analyse.png")
    page.set_input_files("input[name=file]", EXAMPLES / example)
    page.fill("input[name=seller]", seller)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{tab.base}/analyse")
    assert page.locator("h1").inner_text() == "Where trust was built or spent"
    assert seller in page.locator("main > p.muted").first.inner_text()

    other = {"neg": "pos", "pos": "neg"}[polarity]
    marks = page.locator(f"mark.finding.{polarity}")
    assert marks.count() >= 3
    # the other side's findings are what the analysis finds (a poor call may still ask a
    # question about the client), and never more
    sign = 1 if other == "pos" else -1
    expected = analyze(load(EXAMPLES / example), [seller]).findings
    others = sum(1 for f in expected if f.polarity == sign)
    assert page.locator(f"mark.finding.{other}").count() == others
    assert page.locator(f".coaching article.card.{polarity}").count() >= marks.count()
    assert page.locator(f".coaching article.card.{other}").count() == others

    points = page.locator("#timeline svg.chart polyline").first.get_attribute("points") or ""
    turns = page.locator(".transcript .turn").count()
    assert turns > 20
    assert len(points.split()) == turns  # one point of the trust timeline per turn

    first, second = marks.nth(0), marks.nth(marks.count() - 1)
    first_card = f"#finding-{first.get_attribute('data-finding')}"
    second_card = f"#finding-{second.get_attribute('data-finding')}"
    assert first_card != second_card
    assert "active" not in (page.locator(first_card).get_attribute("class") or "")
    first.click()
    assert "active" in (page.locator(first_card).get_attribute("class") or "").split()
    assert "active" in (first.get_attribute("class") or "").split()
    second.click()
    assert "active" in (page.locator(second_card).get_attribute("class") or "").split()
    assert "active" not in (page.locator(first_card).get_attribute("class") or "").split()
    assert page.locator(".card.active").count() == 1
    if polarity == "neg":
        tab.shot("analysis.png")
    tab.no_errors()


def test_analysis_save_to_account_shows_on_account_and_trends(tab: Tab) -> None:
    page = tab.page
    northwind = tab.site.ids["northwind"]
    earlier = (dt.date.today() - dt.timedelta(days=35)).isoformat()
    tab.sign_in("dana")
    # Last month's call spent trust; today's, the same situation handled well, built it.
    for example, day in [
        ("qualifying-call-master.vtt", earlier),
        ("qualifying-call-honest.vtt", ""),
    ]:
        tab.go("/analyse")
        page.fill("textarea[name=text]", (EXAMPLES / example).read_text())
        page.fill("input[name=seller]", "Dana Whitfield")
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{tab.base}/analyse")
        save = page.locator("section.save form")
        # Dana keeps one account: the picker starts on it
        assert save.get_by_role("combobox", name="Account").input_value() == "Northwind"
        save.locator("select[name=purpose]").select_option("discovery")
        if day:
            save.locator("input[name=occurred_on]").fill(day)
        save.locator("button[type=submit]").click()
        page.wait_for_url(re.compile(rf"/accounts/{northwind}\?saved="))
        assert page.locator(".notice").inner_text().startswith("saved")

    assert page.locator("h1").inner_text() == "Northwind"
    trend = page.locator("section[aria-label='Trust trend']")
    assert trend.locator("h2").inner_text() == "Trust trend (rising)"
    points = trend.locator("svg.chart polyline").get_attribute("points") or ""
    assert len(points.split()) == 2
    assert page.locator("section[aria-label='interactions'] tbody tr").count() == 2
    tab.shot("account.png")

    tab.go("/trends")
    chart = page.locator("section[aria-label='Dana Whitfield'] svg.chart")
    lines = chart.locator("polyline")
    assert lines.count() == 4  # credibility, reliability, intimacy, self-orientation
    for i in range(4):
        assert len((lines.nth(i).get_attribute("points") or "").split()) == 2  # two months
    tab.shot("trends.png")
    tab.no_errors()


def test_a_saved_call_reopens_as_it_was_saved(tab: Tab) -> None:
    # Ryan saves a call in which the speaker who sold is "Dana Whitfield", not him: reopened,
    # it must show the same findings and the same trust as the account's table, not "No
    # findings" from reading it as if Ryan had been the seller.
    page = tab.page
    contoso = tab.site.ids["contoso"]
    tab.sign_in("ryan")
    tab.go("/analyse")
    page.fill("textarea[name=text]", (EXAMPLES / "qualifying-call-master.vtt").read_text())
    page.fill("input[name=seller]", "Dana Whitfield")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{tab.base}/analyse")
    analysed = page.locator("[data-score=trust]").inner_text()
    marks = page.locator("mark.finding").count()
    assert marks > 0
    save = page.locator("section.save form")
    save.get_by_role("combobox", name="Account").fill("cont")  # the type-ahead picker
    save.get_by_role("option", name=re.compile("^Contoso")).click()
    save.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/accounts/{contoso}\?saved="))
    row = page.locator("section[aria-label='interactions'] tbody tr").last
    assert analysed in row.inner_text()  # the table's trust, to two places
    row.locator("a", has_text="the call").click()
    page.wait_for_url(re.compile(r"/interactions/\d+$"))
    assert page.locator("[data-score=trust]").inner_text() == analysed
    assert page.locator("mark.finding").count() == marks
    assert "No findings" not in page.content()
    assert "Dana Whitfield" in page.locator("main p.muted").first.inner_text()
    tab.no_errors()


def test_analysis_shows_markup_in_a_transcript_as_text(tab: Tab) -> None:
    page = tab.page
    script = "<script>window.__pwned = 1</script>"
    image = '<img src=x onerror="window.__pwned=2">'
    text = (
        f"Dana Whitfield: Hi Marcus, before we start {script} what would a good outcome be?\n"
        f"Marcus Lee: Fewer drivers leaving. {image} That is the whole problem.\n"
        "Dana Whitfield: Understood. I will send you two examples by Friday.\n"
    )
    tab.sign_in("dana")
    tab.go("/analyse")
    page.fill("textarea[name=text]", text)
    page.select_option("select[name=input_format]", "plain")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{tab.base}/analyse")
    page.wait_for_load_state("load")  # an injected image would have failed and fired by now

    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    transcript = page.locator(".transcript").inner_text()
    assert script in transcript
    assert image in transcript
    assert page.get_by_text(script).first.is_visible()
    assert page.locator("main script, main img, .transcript *[onerror]").count() == 0
    # The hidden copy the save form sends back holds the text exactly as pasted.
    assert page.locator("section.save input[name=text]").input_value() == text


# ---- the ledger ---------------------------------------------------------------------------


def test_prospect_screened_today_is_due_in_todays_review(tab: Tab) -> None:
    page = tab.page
    name = "Fabrikam"
    today = dt.date.today().isoformat()
    tab.sign_in("dana")
    tab.go("/entries/account/new")
    page.fill("input[name=name]", name)  # the owner left blank: the seller keeps it
    page.click("form.entry button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/\d+$"))
    account_id = tab.path().rsplit("/", 1)[1]
    assert page.locator("h1").inner_text() == name
    assert "owner Dana Whitfield" in page.locator("main > p.muted").inner_text()

    tab.go(f"/entries/screening/new?account={account_id}")
    form = page.locator("form.entry")
    assert form.locator("input[name=account]").input_value() == account_id
    assert form.locator("input[name=account__words]").input_value() == name  # in words
    form.locator("input[name=decided_on]").fill(today)
    form.get_by_role(
        "group", name="Are we willing to treat them as a potential client?"
    ).get_by_label("Yes").check()
    form.locator("input[name=review_on]").fill(today)
    tab.shot("entry-form.png")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/entries/screening/\d+\?saved=1$"))
    assert page.locator(".notice").inner_text() == "Saved."

    tab.go("/today")
    due = page.locator("section[aria-label='Reviews due']")
    assert due.locator("h2").inner_text().startswith("Prospects due for review")
    entry = due.locator("li", has=page.locator(f"a[href='/accounts/{account_id}']"))
    assert entry.count() == 1
    assert entry.inner_text().startswith(f"{name}: decided {today} (willing), review {today}")
    tab.no_errors()


def test_alerts_overdue_commitment_is_listed(tab: Tab) -> None:
    page = tab.page
    what = "Send the pilot plan"
    due = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    northwind = tab.site.ids["northwind"]
    tab.sign_in("dana")
    tab.go(f"/entries/commitment/new?account={northwind}")
    form = page.locator("form.entry")
    form.locator("select[name=side]").select_option("us")
    form.locator("input[name=by]").fill("Dana Whitfield")
    form.locator("input[name=to]").fill("Marcus Lee")
    form.locator("textarea[name=what]").fill(what)
    form.locator("input[name=due]").fill(due)
    assert form.locator("select[name=status]").input_value() == "open"  # left at its default
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/entries/commitment/\d+\?saved=1$"))
    assert page.locator("form.entry select[name=status]").input_value() == "open"

    tab.go("/alerts")
    alert = page.locator("li.alert", has_text=what)
    assert alert.count() == 1
    assert "high" in (alert.get_attribute("class") or "").split()
    assert "commitment overdue" in alert.inner_text()
    assert "3 days overdue" in alert.inner_text()
    tab.shot("alerts.png")
    tab.no_errors()


def test_accounts_page_lists_only_the_team_accounts(tab: Tab) -> None:
    tab.sign_in("maria")  # manages dana (Northwind), not ryan (Contoso)
    assert tab.go("/accounts") == 200
    names = tab.page.locator("main tbody td:first-child a").all_inner_texts()
    assert "Northwind" in names
    assert "Contoso" not in names
    tab.shot("accounts.png")
    tab.no_errors()


def test_account_of_another_seller_is_not_found(tab: Tab) -> None:
    northwind, contoso = tab.site.ids["northwind"], tab.site.ids["contoso"]
    tab.sign_in("ryan")
    assert tab.go(f"/accounts/{contoso}") == 200
    assert tab.page.locator("h1").inner_text() == "Contoso"
    assert tab.go(f"/accounts/{northwind}") == 404
    assert tab.page.locator("h1").inner_text() == "Not found"
    assert "Northwind" not in tab.page.locator("main").inner_text()


# ---- live meter ---------------------------------------------------------------------------


def test_live_meter_scores_typed_turns(tab: Tab) -> None:
    page = tab.page
    tab.sign_in("dana")
    tab.go("/live")
    assert page.locator("#live-seller").input_value() == "Dana Whitfield"
    assert page.locator("#meter-trust").inner_text() == "–"
    page.click("#live-start button[type=submit]")
    status = page.locator("#live-status")
    page.wait_for_function(  # connected, or given up: either way, no waiting for a timeout
        "() => !/^not connected$/.test(document.getElementById('live-status').textContent)"
    )
    assert status.inner_text().startswith("live: seller Dana Whitfield")
    turns = [
        ("Marcus Lee", "We keep losing drivers to the competition, it is hurting us."),
        (
            "Dana Whitfield",
            "Thanks so much for your time! Our platform fixes exactly that, and if you sign "
            "before the end of the quarter I can give you a 20% discount.",
        ),
    ]
    for speaker, said in turns:
        page.fill("#turn-speaker", speaker)
        page.fill("#turn-text", said)
        page.click("#live-turn button[type=submit]")
    page.wait_for_function("() => document.querySelectorAll('#live-findings li').length > 0")
    assert NUMBER.match(page.locator("#meter-trust").inner_text())
    assert page.locator("#live-turns li").count() == 2
    assert page.locator("#live-findings li.neg").count() >= 1
    tab.shot("live.png")
    tab.no_errors()


# ---- API docs -----------------------------------------------------------------------------


def test_api_docs_render_the_openapi_document(tab: Tab) -> None:
    page = tab.page
    tab.sign_in("dana")
    assert tab.go("/api/docs") == 200
    # Either the rendered document or Swagger UI's "Unable to render this definition".
    page.locator(".swagger-ui .info .title, .swagger-ui .version-pragma").first.wait_for()
    tab.shot("api-docs.png")
    title = page.locator(".swagger-ui .info .title")
    assert title.count() == 1, page.locator(".swagger-ui").inner_text()
    assert title.inner_text().startswith("Trustworks")
    assert page.locator(".swagger-ui .opblock").count() > 10
    tab.no_errors()
