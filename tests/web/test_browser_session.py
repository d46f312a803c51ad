"""Changing one's own password in Chromium: the page, the rule named, the change kept."""

from __future__ import annotations

from tests.web import test_browser as shared
from tests.web.test_browser import Tab
from trustworks.ledger.users import add_user, authenticate

# The browser, server and tab fixtures of test_browser, shared by name.
chromium, served, playwright, browser, signed, tab = (
    shared.chromium,
    shared.served,
    shared.playwright,
    shared.browser,
    shared.signed,
    shared.tab,
)
OLD, NEW = "pat's first password", "three unrelated words"


def test_a_user_changes_their_password_from_the_header(tab: Tab) -> None:
    with tab.site.ledger.session() as session:
        add_user(session, "pat", OLD, "seller", seller="Pat Quinn")
    tab.sign_in("pat", OLD)
    tab.page.click("header a.who")
    assert tab.path() == "/me"
    tab.page.click("main >> text=Change your password")
    assert tab.path() == "/password"
    page = tab.page

    def submit(current: str, new: str, again: str) -> None:
        page.fill("input[name=current_password]", current)
        page.fill("input[name=new_password]", new)
        page.fill("input[name=repeat_password]", again)
        page.click("main button[type=submit]")
        page.wait_for_load_state()

    submit(OLD, "password1", "password1")
    alert = page.locator("[role=alert]").inner_text()
    assert "New password is on the list of common and leaked passwords" in alert
    submit("not my password", NEW, NEW)
    assert "Current password does not match" in page.locator("[role=alert]").inner_text()
    submit(OLD, NEW, NEW)
    assert "Password changed" in page.locator("[role=status]").inner_text()
    tab.shot("password.png")
    assert tab.go("/today") == 200 and tab.path() == "/today"  # still signed in
    with tab.site.ledger.session() as session:
        assert authenticate(session, "pat", NEW) is not None
        assert authenticate(session, "pat", OLD) is None
    # The two refusals answered 422, which Chromium logs; nothing else went wrong.
    assert [e for e in tab.errors if "status of 422" not in e] == []
