"""Moving a deal across the pipeline board in a real browser (headless Chromium): by dragging its
card, and by keyboard alone through the same form; each move asks for its evidence, and the
deal's page shows who moved it and when."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web import test_browser as shared
from tests.web.test_browser import Tab
from trustworks.ledger import repository
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


@pytest.fixture
def deal(tab: Tab, request: pytest.FixtureRequest) -> dict[str, int]:
    """Dana's deal at discovery on Northwind, after an analysed discovery call, with promises
    open both ways; and a second deal of hers at proposal with no proposal recorded."""
    # The site lives as long as the module: each test's deals get names of their own.
    suffix = "" if "drag" in request.node.name else " (keyboard)"
    with tab.site.ledger.session() as s:

        def add(kind_name: str, **values: Any) -> Any:
            return repository.add(s, kind_name, values)

        first = add(
            "interaction", account="Northwind", occurred_on="2026-05-04", purpose="discovery"
        )
        first.trust = 5.8
        call = add(
            "interaction", account="Northwind", occurred_on="2026-05-18", purpose="follow_up"
        )
        call.trust = 6.9
        add("commitment", account="Northwind", side="us", by="dana", what="send the depot plan")
        add("commitment", account="Northwind", side="client", by="Kim", what="share route data")
        row = add(
            "deal",
            account="Northwind",
            name="Fleet pilot" + suffix,
            stage="discovery",
            amount="48000",
            currency="EUR",
            stage_on="2026-05-04",
        )
        other = add(
            "deal",
            account="Northwind",
            name="Driver app" + suffix,
            stage="negotiation",
            amount="9000",
            currency="EUR",
            stage_on="2026-05-10",
        )
        return {"deal": row.id, "other": other.id, "call": call.id}


def _stage_of(tab: Tab, ident: int) -> str:
    with tab.site.ledger.session() as s:
        row = s.get(t.Deal, ident)
        assert row is not None
        return row.stage


def test_dragging_a_card_asks_for_evidence_and_records_the_move(
    tab: Tab, deal: dict[str, int]
) -> None:
    page = tab.page
    tab.sign_in("dana")
    assert tab.go("/pipeline") == 200
    card = page.locator(f"#deal-{deal['deal']}")
    assert "48,000.00 EUR" in card.inner_text()
    assert "Trust 6.9 rising" in card.inner_text()
    other = page.locator(f"#deal-{deal['other']}")
    assert "stage without evidence" in other.inner_text()  # the rule that fired, named

    card.drag_to(page.locator("section.stage[data-stage=proposal]"))
    page.wait_for_url(f"**/deals/{deal['deal']}?stage=proposal&back=pipeline#move")
    form = page.locator("form.move-form")
    assert form.locator("select[name=stage]").input_value() == "proposal"
    # The cursor is where the evidence is asked for; leaving it out is refused plainly.
    assert page.evaluate("document.activeElement.name") == "note"
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "rests on" in page.locator("[role=alert]").inner_text()
    tab.errors.clear()  # the 422 of that refusal, as meant
    assert _stage_of(tab, deal["deal"]) == "discovery"

    form = page.locator("form.move-form")
    form.locator("textarea[name=note]").fill("They asked for a proposal covering both depots.")
    form.locator("select[name=interaction]").select_option(value=str(deal["call"]))
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"**/pipeline?moved={deal['deal']}*")
    assert "Fleet pilot moved to proposal" in page.locator("[role=status]").inner_text()
    moved = page.locator(f"section.stage[data-stage=proposal] #deal-{deal['deal']}")
    assert "They asked for a proposal covering both depots." in moved.inner_text()
    assert _stage_of(tab, deal["deal"]) == "proposal"
    tab.shot("pipeline.png", height=1100)

    tab.go(f"/deals/{deal['deal']}")
    history = page.locator("section[aria-label='Stage history'] tbody tr")
    assert history.count() == 2
    last = history.nth(1).inner_text()
    assert "proposal" in last and "dana" in last and "both depots" in last
    tab.shot("deal.png")
    tab.no_errors()


def test_a_keyboard_alone_moves_a_card_through_the_same_form(
    tab: Tab, deal: dict[str, int]
) -> None:
    page = tab.page
    tab.sign_in("dana")
    tab.go("/pipeline")
    link = page.locator(f"#deal-{deal['deal']} .move a")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/deals/{deal['deal']}?back=pipeline#move")
    assert page.evaluate("document.activeElement.name") == "stage"
    page.keyboard.type("qualified")  # a focused select picks the option typed
    page.keyboard.press("Tab")
    page.keyboard.type("Budget confirmed by the COO.")
    page.keyboard.press("Tab")  # the conversation: none
    page.keyboard.press("Tab")  # the day: today
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/pipeline?moved={deal['deal']}*")
    assert _stage_of(tab, deal["deal"]) == "qualified"
    card = page.locator(f"section.stage[data-stage=qualified] #deal-{deal['deal']}")
    assert "Budget confirmed by the COO." in card.inner_text()
    tab.no_errors()
