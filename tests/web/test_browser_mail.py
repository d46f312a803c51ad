"""The mail sync page in a real browser (headless Chromium): a seller saves where their mailbox
is and matches an unknown sender to a person of their account. With the helpers of
test_browser."""

from __future__ import annotations

from sqlalchemy import select

from tests.ledger.test_mailsync import Box
from tests.mailbox.samples import DANA, message
from tests.web import test_browser as shared
from tests.web.test_browser import Tab
from trustworks.ledger import tables
from trustworks.ledger.mailsync import sync_mail

# The browser, server and tab fixtures of test_browser, shared by name.
chromium, served, playwright, browser, signed, tab = (
    shared.chromium,
    shared.served,
    shared.playwright,
    shared.browser,
    shared.signed,
    shared.tab,
)
STRANGER = "priya@northwind-ops.example"


def test_a_seller_saves_mail_settings_and_matches_an_unknown_sender(tab: Tab) -> None:
    box = Box([message("p.1@x", STRANGER, DANA, "Can we move the pilot?", name="Priya Shah")])
    sync_mail(tab.site.ledger, box, user="dana", me=[DANA])
    page = tab.page
    tab.sign_in("dana")
    tab.go("/today")
    page.locator("summary", has_text="My accounts").click()
    page.get_by_role("link", name="Mail sync").click()
    page.wait_for_url("**/mail")
    page.fill("input[name=host]", "imap.ourco.example")
    page.fill("input[name=login]", DANA)
    page.fill("input[name=addresses]", DANA)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/mail?done=saved")
    assert page.locator("input[name=host]").input_value() == "imap.ourco.example"
    assert page.locator("input[type=password]").count() == 0
    row = page.locator(f"tr[data-sender='{STRANGER}']")
    assert row.locator("input[name=person]").input_value() == "Priya Shah"
    tab.shot("mail.png")
    row.locator("select[name=account]").select_option(label="Northwind")
    row.get_by_role("button", name="Match").click()
    page.wait_for_url("**/mail?done=matched")
    assert "the next sync logs their mail" in page.locator("[role=status]").inner_text()
    assert page.locator(f"tr[data-sender='{STRANGER}']").count() == 0
    with tab.site.ledger.reading() as s:
        person = s.scalars(select(tables.Person).where(tables.Person.email == STRANGER)).one()
        assert person.name == "Priya Shah"
    tab.no_errors()
