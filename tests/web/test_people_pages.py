"""Pages made for people: the navigation by job, forms in words with pickers instead of ids,
tables without id columns, the pickers' JSON endpoint scoped to the caller, and Today as
home (with a first-run guide on an empty ledger)."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import Site, csrf_of
from trustworks.ledger import repository

_GROUPS = re.compile(r"<summary>([^<]+)</summary>")


def _call(site: Site, account: str = "northwind", **values: str) -> int:
    with site.ledger.session() as s:
        row = repository.add(
            s,
            "interaction",
            {"account": str(site.ids[account]), "occurred_on": "2026-11-09", **values},
        )
        return row.id  # type: ignore[attr-defined, no-any-return]


@pytest.mark.parametrize(
    ("username", "groups"),
    [
        ("dana", ["My day", "My accounts", "Coaching", "Team"]),
        ("maria", ["My day", "My accounts", "Coaching", "Team"]),
        ("root", ["My day", "My accounts", "Coaching", "Team", "Admin"]),
    ],
)
def test_navigation_is_grouped_by_job_and_admin_only_for_admins(
    site: Site, username: str, groups: list[str]
) -> None:
    page = site.browser(username).get("/today").text
    nav = page[page.index('<nav id="site-nav"') : page.index("</nav>")]
    assert _GROUPS.findall(nav) == groups
    for group in nav.split("<summary>")[1:]:  # a handful per group, never one flat list
        assert 1 <= group.count("<a ") <= 6
    assert ('href="/admin/users"' in nav) == (username == "root")
    assert ('href="/history"' in nav) == (username != "dana")
    assert '<a class="skip" href="#main">' in page and '<main id="main"' in page
    assert 'href="/today" aria-current="page"' in nav


def test_reflection_form_asks_in_words_with_a_call_picker(site: Site) -> None:
    call = _call(site, purpose="follow_up")
    dana = site.browser("dana")
    page = dana.get(f"/entries/reflection/new?interaction={call}").text
    assert "Is their world better than before?" in page
    assert ">world better" not in page and ">interaction" not in page
    # the call is shown in words, its id only in the hidden input the form sends
    assert 'value="Northwind: call on 2026-11-09 (follow up)"' in page
    assert f'<input type="hidden" name="interaction" value="{call}" data-picked>' in page
    assert 'role="combobox"' in page and 'data-source="/api/v1/choices/interaction"' in page
    # yes/no as radios with words, "not answered" for the optional ones
    for value, words in (("yes", "Yes"), ("no", "No"), ("", "Not answered")):
        assert f'name="world_better" value="{value}"' in page and f"> {words}</label>" in page
    token = csrf_of(page)
    saved = dana.post(
        "/entries/reflection/new",
        data={"csrf_token": token, "interaction": str(call), "world_better": "yes"},
    )
    assert saved.status_code == 303
    listed = dana.get("/entries/reflection").text
    assert '<th scope="col">Id</th>' not in listed and ">id<" not in listed.lower()
    assert f'<a href="/interactions/{call}">Northwind: call on 2026-11-09' in listed


def test_picker_words_are_read_as_a_name_when_no_choice_was_made(site: Site) -> None:
    dana = site.browser("dana")
    token = csrf_of(dana.get("/entries/goal/new").text)
    answer = dana.post(
        "/entries/goal/new",
        data={
            "csrf_token": token,
            "account": "",
            "account__words": "Northwind",
            "description": "grow",
        },
    )
    assert answer.status_code == 303
    form = dana.get(answer.headers["location"]).text
    assert 'value="Northwind"' in form and 'Edit goal: <span class="subject">grow</span>' in form
    # someone else's account by name is as unknown as a name nobody has
    refused = dana.post(
        "/entries/goal/new",
        data={"csrf_token": token, "account__words": "Contoso", "description": "grow"},
    )
    assert refused.status_code == 404
    assert 'value="Contoso"' in refused.text  # what was typed is kept


def test_another_sellers_entry_is_never_shown_by_id_in_a_picker(site: Site) -> None:
    theirs = _call(site, "contoso")
    page = site.browser("dana").get(f"/entries/reflection/new?interaction={theirs}").text
    assert f'name="interaction" value="{theirs}"' not in page
    assert "Contoso" not in page


def test_choices_endpoint_is_scoped_to_what_the_caller_may_see(any_site: Site) -> None:
    site = any_site  # on SQLite and PostgreSQL
    _call(site, "northwind")
    _call(site, "contoso")
    labels = lambda who, what, **q: [  # noqa: E731
        c["label"] for c in site.api(who).get(f"/api/v1/choices/{what}", params=q).json()
    ]
    assert labels("dana", "account") == ["Northwind"]
    assert labels("dana", "account", q="cont") == []
    assert labels("ryan", "account", q="cont") == ["Contoso"]
    assert labels("maria", "account") == ["Northwind"]  # her team: Dana
    assert labels("root", "account") == ["Contoso", "Northwind"]
    assert labels("dana", "interaction") == ["Northwind: call on 2026-11-09 (other)"]
    assert labels("dana", "interaction", account=site.ids["contoso"]) == []
    # the browser's own pages ask with the session cookie
    assert (
        site.browser("dana").get("/api/v1/choices/account?q=north").json()[0]["id"]
        == (site.ids["northwind"])
    )
    assert site.browser().get("/api/v1/choices/account").status_code == 401
    assert site.api("dana").get("/api/v1/choices/risk").status_code == 422


def test_tables_do_not_lead_with_ids_and_show_choices_in_words(site: Site) -> None:
    _call(site, purpose="follow_up")
    page = site.browser("dana").get("/entries/interaction").text
    head = page[page.index("<thead>") : page.index("</thead>")]
    assert re.findall(r'<th scope="col">([^<]*)<', head)[0] == "Account"
    assert "follow up" in page and "follow_up" not in page


def test_today_on_an_empty_ledger_shows_the_first_run_guide(site: Site) -> None:
    page = site.browser("ryan").get("/today").text
    assert "Getting started" in page
    assert 'href="/analyse"' in page and "trustworks import accounts" in page
    assert "None due" not in page and "Dropped leads" not in page  # no page of empty lists
    _call(site, "contoso")
    assert "Getting started" not in site.browser("ryan").get("/today").text


def test_today_links_calls_waiting_and_nudges_undated_promises(site: Site) -> None:
    call = _call(site)
    with site.ledger.session() as s:
        promise = repository.add(
            s,
            "commitment",
            {"account": "Northwind", "side": "us", "by": "Dana Whitfield", "what": "send the plan"},
        ).id  # type: ignore[attr-defined]
    page = site.browser("dana").get("/today").text
    assert f'<a href="/interactions/{call}">Northwind: call on 2026-11-09</a>' in page
    assert f'href="/entries/reflection/new?interaction={call}"' in page
    assert "Promises with no date (1)" in page
    assert f'<a href="/entries/commitment/{promise}">give it a date' in page
    assert "Promises with no date" not in site.browser("ryan").get("/today").text


def test_history_names_records_in_words_not_by_id(site: Site) -> None:
    maria = site.api("maria")
    made = maria.post(
        "/api/v1/commitments",
        json={"account": "Northwind", "side": "us", "by": "dana", "what": "send the plan"},
    ).json()["id"]
    assert maria.patch(f"/api/v1/commitments/{made}", json={"due": "2026-12-24"}).is_success
    page = site.browser("maria").get(f"/history?kind=commitment&record={made}").text
    assert "History of commitment “send the plan”" in page
    assert f"commitment {made}<" not in page and "commitment: send the plan</a>" in page
    assert "<td>Due on</td>" in page  # the field as the form asks it
    assert maria.delete(f"/api/v1/commitments/{made}").status_code == 204
    assert "commitment: removed</a>" in site.browser("maria").get("/history").text
