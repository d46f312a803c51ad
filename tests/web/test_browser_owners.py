"""A seller signs in (headless Chromium) and sees the imported account whose owner column
linked to them, and not the one that matched nobody, until an admin gives it to them."""

from __future__ import annotations

from sqlalchemy import select

from tests.web import test_browser as shared
from tests.web.test_browser import Tab
from trustworks.ledger import tables as t
from trustworks.ledger.imports import import_text
from trustworks.ledger.owners import Owners

# The browser, server and tab fixtures of test_browser, shared by name.
chromium, served, playwright, browser, signed, tab = (
    shared.chromium,
    shared.served,
    shared.playwright,
    shared.browser,
    shared.signed,
    shared.tab,
)

EXPORT = (
    "Account ID,Account Name,Account Owner\n"
    "001A,Wingtip Toys,dana whitfield\n"  # her ledger name, another case
    "001B,Proseware,D. Whitfield\n"  # matches no user: owned by nobody
)


def test_a_seller_sees_the_imported_account_she_owns_and_not_the_unowned_one(tab: Tab) -> None:
    import_text(
        tab.site.ledger, "accounts", EXPORT, "accounts.csv", "salesforce",
        owners=Owners(unmatched="nobody"),
    )  # fmt: skip
    with tab.site.ledger.session() as session:
        ids = {a.name: a.id for a in session.scalars(select(t.Account))}
    page = tab.page
    tab.sign_in("dana")
    tab.go("/accounts")
    names = page.locator("main table a").all_inner_texts()
    assert "Wingtip Toys" in names and "Proseware" not in names
    page.click("main table a >> text=Wingtip Toys")
    assert tab.path() == f"/accounts/{ids['Wingtip Toys']}"
    assert "owner Dana Whitfield" in page.locator("main > p.muted").inner_text()
    assert tab.go(f"/accounts/{ids['Proseware']}") == 404
    tab.errors.clear()  # Chromium logs the 404 it was shown

    # An admin gives the unowned account to Dana through the edit form; then she sees it.
    admin = tab.page.context.browser
    assert admin is not None
    other = admin.new_context()
    try:
        root = Tab(other.new_page(), tab.base, tab.site, tab.signed)
        root.sign_in("root")
        root.go(f"/entries/account/{ids['Proseware']}")
        root.page.fill("input[name=owner]", "dana")
        root.page.click("form.entry button[type=submit]")
        root.page.wait_for_load_state()
    finally:
        other.close()
    tab.go("/accounts")
    assert "Proseware" in page.locator("main table a").all_inner_texts()
    tab.no_errors()
