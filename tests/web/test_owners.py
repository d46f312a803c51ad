"""Imported accounts in the web: a seller sees those whose owner linked to them, an account
owned by nobody is seen by no seller until a manager or admin gives it an owner. Both backends.
"""

from __future__ import annotations

from sqlalchemy import select

from tests.web.conftest import Site, csrf_of
from trustworks.ledger import tables
from trustworks.ledger.imports import import_text
from trustworks.ledger.owners import Owners

EXPORT = (
    "Record ID,Company name,Company owner\n"
    "1,Fabrikam,dana\n"  # her username
    "2,Tailspin,RYAN COLE\n"
    "3,Litware,Dana W.\n"  # matches nobody
)


def _import(site: Site) -> dict[str, int]:
    report = import_text(
        site.ledger, "accounts", EXPORT, "companies.csv", "hubspot",
        owners=Owners(unmatched="nobody"),
    )  # fmt: skip
    assert report.unowned == ((4, "Litware"),)
    with site.ledger.session() as s:
        return {a.name: a.id for a in s.scalars(select(tables.Account))}


def _owner(site: Site, ident: int) -> str | None:
    with site.ledger.session() as s:
        account = s.get(tables.Account, ident)
        assert account is not None
        return account.owner


def _edit_owner(site: Site, username: str, ident: int, owner: str) -> int:
    client = site.browser(username)
    page = client.get(f"/entries/account/{ident}")
    if page.status_code != 200:
        return page.status_code
    answer = client.post(
        f"/entries/account/{ident}", data={"owner": owner, "csrf_token": csrf_of(page.text)}
    )
    return answer.status_code


def test_owners_a_seller_sees_the_imported_accounts_linked_to_them_only(any_site: Site) -> None:
    ids = _import(any_site)
    dana = any_site.browser("dana")
    listing = dana.get("/accounts").text
    assert "Fabrikam" in listing and "Tailspin" not in listing and "Litware" not in listing
    assert dana.get(f"/accounts/{ids['Fabrikam']}").status_code == 200
    assert dana.get(f"/accounts/{ids['Litware']}").status_code == 404
    assert dana.get(f"/accounts/{ids['Tailspin']}").status_code == 404
    api = any_site.api("ryan").get("/api/v1/accounts").json()
    assert "Tailspin" in str(api) and "Litware" not in str(api) and "Fabrikam" not in str(api)
    assert "Litware" not in any_site.browser("maria").get("/accounts").text


def test_owners_an_admin_gives_an_unowned_account_an_owner_by_username(any_site: Site) -> None:
    ids = _import(any_site)
    assert "Litware" in any_site.browser("root").get("/accounts").text
    assert _edit_owner(any_site, "root", ids["Litware"], "dana") == 303
    assert _owner(any_site, ids["Litware"]) == "Dana Whitfield"
    assert "Litware" in any_site.browser("dana").get("/accounts").text


def test_owners_a_name_no_user_has_is_refused_so_no_account_is_lost(any_site: Site) -> None:
    ids = _import(any_site)
    assert _edit_owner(any_site, "root", ids["Fabrikam"], "Dana W.") == 422
    assert _owner(any_site, ids["Fabrikam"]) == "Dana Whitfield"


def test_owners_a_manager_moves_an_account_within_the_team_only(any_site: Site) -> None:
    ids = _import(any_site)
    assert _edit_owner(any_site, "maria", ids["Fabrikam"], "Maria Gomez") == 303
    assert _owner(any_site, ids["Fabrikam"]) == "Maria Gomez"
    assert _edit_owner(any_site, "maria", ids["Fabrikam"], "ryan") == 422
    assert _owner(any_site, ids["Fabrikam"]) == "Maria Gomez"
    assert _edit_owner(any_site, "maria", ids["Litware"], "maria") == 404  # not theirs to see
    assert _edit_owner(any_site, "dana", ids["Tailspin"], "dana") == 404


def _give(site: Site, username: str, ident: int, owner: str) -> int:
    client = site.browser(username)
    page = client.get("/unowned-accounts")
    token = csrf_of(page.text) if page.status_code == 200 else csrf_of(client.get("/today").text)
    answer = client.post(f"/unowned-accounts/{ident}", data={"owner": owner, "csrf_token": token})
    return answer.status_code


def test_owners_managers_and_admins_give_unowned_accounts_from_their_page(
    any_site: Site,
) -> None:
    ids = _import(any_site)
    maria = any_site.browser("maria").get("/unowned-accounts")
    assert maria.status_code == 200
    assert "Litware" in maria.text and "Fabrikam" not in maria.text  # unowned only
    assert 'value="dana"' in maria.text and 'value="ryan"' not in maria.text  # her team
    assert any_site.browser("dana").get("/unowned-accounts").status_code == 403
    assert _give(any_site, "dana", ids["Litware"], "dana") == 403
    assert _give(any_site, "maria", ids["Litware"], "ryan") == 422  # not of her team
    assert _owner(any_site, ids["Litware"]) is None
    assert _give(any_site, "maria", ids["Tailspin"], "dana") == 404  # Ryan's: not hers to see
    assert _give(any_site, "maria", ids["Litware"], "dana") == 303
    assert _owner(any_site, ids["Litware"]) == "Dana Whitfield"
    assert "Litware" in any_site.browser("dana").get("/accounts").text
    assert "Litware" not in any_site.browser("maria").get("/unowned-accounts").text
    assert _give(any_site, "root", ids["Litware"], "ryan") == 303  # an admin: anyone's, anyone
    assert _owner(any_site, ids["Litware"]) == "Ryan Cole"


def test_owners_an_owner_text_no_user_has_is_shown_on_the_unowned_page(any_site: Site) -> None:
    with any_site.ledger.session() as s:
        s.add(tables.Account(name="Proseware", owner="Dana W."))  # kept as an export wrote it
    page = any_site.browser("maria").get("/unowned-accounts")
    assert page.status_code == 200
    row = page.text.split("Proseware")[1].split("</tr>")[0]
    assert "Dana W." in row and "is no user" in row
