"""The search box, its results page and GET /api/v1/search: scoped like every other page."""

from __future__ import annotations

import pytest

from tests.web.conftest import Site
from trustworks.ledger import repository
from trustworks.ledger.tables import Interaction

PHRASE = "a dispatch board my drivers would use"


def _call(site: Site, account: str, transcript: str) -> int:
    with site.ledger.session() as s:
        row = repository.add(
            s,
            "interaction",
            {
                "account": str(site.ids[account]),
                "occurred_on": "2026-11-09",
                "purpose": "discovery",
            },
        )
        assert isinstance(row, Interaction)
        row.transcript = transcript
        s.flush()
        return row.id


def test_every_page_has_the_search_box(site: Site) -> None:
    page = site.browser("dana").get("/today")
    assert 'role="search"' in page.text and 'action="/search"' in page.text
    assert 'name="q"' in page.text


def test_search_needs_a_signed_in_user(site: Site) -> None:
    assert site.browser().get("/search?q=northwind").status_code in (303, 307)
    assert site.browser().get("/api/v1/search?q=northwind").status_code == 401


@pytest.mark.parametrize(
    ("who", "sees"),
    [("dana", True), ("maria", True), ("root", True), ("ryan", False)],
)
def test_search_page_finds_a_call_by_a_phrase_only_for_those_who_may_see_it(
    any_site: Site, who: str, sees: bool
) -> None:
    ident = _call(any_site, "northwind", f"Marcus: Honestly, {PHRASE}.")
    page = any_site.browser(who).get("/search", params={"q": f'"{PHRASE}"'})
    assert page.status_code == 200
    assert (f'href="/interactions/{ident}"' in page.text) is sees
    if sees:
        assert f"<mark>{PHRASE}</mark>" in page.text
    else:
        assert "Nothing you may see matches" in page.text


@pytest.mark.parametrize("who", ["dana", "ryan", "maria", "root"])
def test_search_api_is_scoped(any_site: Site, who: str) -> None:
    _call(any_site, "contoso", "Priya: We run a wind farm in Ostfold.")
    answer = any_site.api(who).get("/api/v1/search", params={"q": "wind farm"})
    assert answer.status_code == 200, answer.text
    kinds = [(h["kind"], h["title"]) for h in answer.json()["hits"]]
    expected = [("call", "Discovery call with Contoso")] if who in ("ryan", "root") else []
    assert kinds == expected


def test_search_api_answers_with_urls_and_pages(site: Site) -> None:
    ident = _call(site, "northwind", f"Marcus: {PHRASE}.")
    answer = site.api("dana").get("/api/v1/search", params={"q": "northwind", "limit": 1})
    body = answer.json()
    assert [h["url"] for h in body["hits"]] == [f"/accounts/{site.ids['northwind']}"]
    assert body["more"] is False
    answer = site.api("dana").get("/api/v1/search", params={"q": "drivers", "kind": "call"})
    assert [h["url"] for h in answer.json()["hits"]] == [f"/interactions/{ident}"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"send the', "a quotation mark is not closed"),
        ("-demo", "say what to look for as well as what to leave out"),
        ("???", "nothing to look for"),
    ],
)
def test_a_query_that_cannot_be_searched_is_said_plainly(
    site: Site, query: str, message: str
) -> None:
    page = site.browser("dana").get("/search", params={"q": query})
    assert page.status_code == 422
    assert message in page.text and "Traceback" not in page.text
    assert 'value="' + query.replace('"', "&#34;") + '"' in page.text  # kept as typed
    answer = site.api("dana").get("/api/v1/search", params={"q": query})
    assert answer.status_code == 422
    assert message in answer.json()["error"]["message"]


def test_search_api_refuses_an_unknown_kind(site: Site) -> None:
    answer = site.api("dana").get("/api/v1/search", params={"q": "x", "kind": "deal"})
    assert answer.status_code == 422
    assert "'deal' is not one of" in answer.json()["error"]["message"]
