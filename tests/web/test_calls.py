"""The call library, the team page and snippets over HTTP: who sees what (seller their own,
manager the team, admin all) on SQLite and PostgreSQL, filters in the URL, consent."""

from __future__ import annotations

import datetime as dt
import html
import json
from functools import cache

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import EXAMPLES, Site, csrf_of
from trustworks.analysis import Analysis, analyze
from trustworks.ingest import load
from trustworks.ledger.log import log_conversation
from trustworks.ledger.programmes import add_programme

TODAY = dt.date.today()


@cache
def _analysed(name: str) -> Analysis:
    return analyze(load(EXAMPLES / name))


def _calls(site: Site) -> dict[str, int]:
    """Dana: the pouncing call and the honest one on Northwind; Ryan: the pouncing call."""
    ids = {}
    with site.ledger.session() as s:
        for key, account, seller, example, days in (
            ("dana_pounce", "northwind", "dana", "discovery-pounce.srt", 1),
            ("dana_honest", "northwind", "dana", "qualifying-call-honest.vtt", 3),
            ("ryan_pounce", "contoso", "ryan", "discovery-pounce.srt", 2),
        ):
            logged = log_conversation(
                s,
                _analysed(example),
                account=str(site.ids[account]),
                occurred_on=TODAY - dt.timedelta(days=days),
                seller=seller,
            )
            ids[key] = logged.interaction.id
    return ids


def _listed(site: Site, who: str, query: str = "") -> set[int]:
    answer = site.api(who).get(f"/api/v1/calls{query}")
    assert answer.status_code == 200, answer.text
    return {item["id"] for item in answer.json()["items"]}


def test_calls_api_seller_sees_own_manager_team_admin_all(any_site: Site) -> None:
    ids = _calls(any_site)
    dana = {ids["dana_pounce"], ids["dana_honest"]}
    assert _listed(any_site, "dana") == dana
    assert _listed(any_site, "ryan") == {ids["ryan_pounce"]}
    assert _listed(any_site, "maria") == dana  # her team is dana
    assert _listed(any_site, "root") == set(ids.values())
    # Asking for another team's seller or account gives nothing of theirs.
    assert _listed(any_site, "dana", "?seller=ryan") == set()
    assert any_site.api("dana").get("/api/v1/calls?account=Contoso").status_code == 404


def test_calls_page_filters_by_signal_from_the_url(site: Site) -> None:
    ids = _calls(site)
    maria = site.browser("maria")
    page = maria.get("/calls?signal=pounces_on_need")
    assert page.status_code == 200, page.text
    assert f'href="/interactions/{ids["dana_pounce"]}"' in page.text
    assert f'href="/interactions/{ids["dana_honest"]}"' not in page.text
    assert f'href="/interactions/{ids["ryan_pounce"]}"' not in page.text
    assert 'data-total="1"' in page.text
    everything = maria.get("/calls")
    assert 'data-total="2"' in everything.text
    assert "spends trust" in everything.text or "builds trust" in everything.text
    assert maria.get("/calls?signal=no_such_signal").status_code == 422
    assert maria.get("/calls?sort=id").status_code in (400, 422)


def test_calls_api_sorts_pages_and_bands(site: Site) -> None:
    ids = _calls(site)
    root = site.api("root")
    by_trust = root.get("/api/v1/calls?sort=trust").json()["items"]
    assert [c["trust"] for c in by_trust] == sorted(c["trust"] for c in by_trust)
    first = root.get("/api/v1/calls?per_page=2").json()
    assert (first["total"], first["pages"], len(first["items"])) == (3, 2, 2)
    assert [c["id"] for c in first["items"]] == [ids["dana_pounce"], ids["ryan_pounce"]]
    for item in by_trust:
        band = item["band"]
        assert root.get(f"/api/v1/calls?band={band}").json()["total"] >= 1


def test_team_page_and_api_scoped(any_site: Site) -> None:
    _calls(any_site)
    maria = any_site.api("maria").get("/api/v1/team").json()
    assert [s["username"] for s in maria["sellers"]] == ["dana"]
    assert maria["sellers"][0]["calls"] == 2
    assert maria["spending"] and all(1 <= s["calls"] <= 2 for s in maria["spending"])
    dana = any_site.api("dana").get("/api/v1/team").json()
    assert [s["username"] for s in dana["sellers"]] == ["dana"]
    ryan = any_site.api("ryan").get("/api/v1/team").json()
    assert [s["username"] for s in ryan["sellers"]] == ["ryan"]
    root = any_site.api("root").get("/api/v1/team").json()
    assert {s["username"] for s in root["sellers"]} == {"dana", "ryan"}
    page = any_site.browser("maria").get("/team")
    assert page.status_code == 200
    assert "Dana Whitfield" in page.text and "Ryan Cole" not in page.text


def test_team_chart_with_one_week_says_why_instead_of_a_dot(site: Site) -> None:
    with site.ledger.session() as s:
        log_conversation(
            s,
            _analysed("discovery-pounce.srt"),
            account=str(site.ids["northwind"]),
            occurred_on=TODAY,
            seller="dana",
        )
    page = site.browser("dana").get("/team").text
    assert "Only one week so far" in page
    assert "<circle" not in page


def test_snippets_need_the_sellers_consent_before_a_lesson(any_site: Site) -> None:
    ids = _calls(any_site)
    with any_site.ledger.session() as s:
        programme = add_programme(s, "Discovery", TODAY, lessons=("Ask before pitching",))
        lesson = s.get(type(programme), programme.id)
        assert lesson is not None
    maria, dana, ryan = (any_site.api(n) for n in ("maria", "dana", "ryan"))
    call = ids["dana_pounce"]
    # A seller cannot keep snippets; a manager cannot keep another team's call.
    assert dana.post(f"/api/v1/calls/{call}/snippets", json={"turn": 0}).status_code == 403
    assert maria.post(f"/api/v1/calls/{ids['ryan_pounce']}/snippets", json={}).status_code == 404
    saved = maria.post(f"/api/v1/calls/{call}/snippets", json={"finding": 0, "note": "listen"})
    assert saved.status_code == 201, saved.text
    snippet = saved.json()
    assert snippet["consent"] is False and snippet["signal"]
    lessons = any_site.api("root").get("/api/v1/programmes").json()
    lesson_id = _first_lesson(lessons)
    path = f"/api/v1/snippets/{snippet['id']}"
    assert maria.post(f"{path}/lessons", json={"lesson": lesson_id}).status_code == 409
    assert maria.post(f"{path}/consent", json={"consent": True}).status_code == 403  # not hers
    assert ryan.post(f"{path}/consent", json={"consent": True}).status_code == 404
    assert ryan.get("/api/v1/snippets").json()["count"] == 0
    assert dana.post(f"{path}/consent", json={"consent": True}).json()["consent"] is True
    used = maria.post(f"{path}/lessons", json={"lesson": lesson_id})
    assert used.status_code == 200, used.text
    assert used.json()["lessons"] == ["Discovery: Ask before pitching"]
    quote = used.json()["quote"]
    shown = any_site.browser("maria").get(f"/programmes/{programme.id}").text
    assert html.escape(quote, quote=False)[:40] in shown  # the lesson uses the example
    # Withdrawn consent takes it out of the lesson at once.
    assert dana.post(f"{path}/consent", json={"consent": False}).status_code == 200
    shown = any_site.browser("maria").get(f"/programmes/{programme.id}").text
    assert html.escape(quote, quote=False)[:40] not in shown


def _first_lesson(listing: object) -> int:
    items = listing["items"] if isinstance(listing, dict) else listing
    assert isinstance(items, list)
    return int(items[0]["lessons"][0]["id"])


@pytest.mark.parametrize("path", ["/calls", "/team", "/snippets"])
def test_pages_need_sign_in(site: Site, path: str) -> None:
    answer = site.browser().get(path)
    assert answer.status_code in (303, 401)


def test_call_page_shows_band_comparison_and_what_moved_it(site: Site) -> None:
    ids = _calls(site)
    page = site.browser("dana").get(f"/interactions/{ids['dana_pounce']}").text
    assert 'data-band="' in page
    assert "spends trust" in page or "builds trust" in page or "neutral" in page
    # dana's honest call is within the 30 days before: a mean of one other call.
    assert "over 1 other call" in page
    assert "team&#39;s median" in page or "team's median" in page
    assert page.count('<li><a href="#finding-') == 3
    assert "Keep as a teaching example" not in page  # a seller keeps no snippets
    manager = site.browser("maria").get(f"/interactions/{ids['dana_pounce']}").text
    assert "Keep as a teaching example" in manager
    assert 'name="finding" value="1"' in manager


def test_manager_keeps_a_snippet_from_the_call_page_and_seller_consents(site: Site) -> None:
    ids = _calls(site)
    maria = site.browser("maria")
    call = maria.get(f"/interactions/{ids['dana_pounce']}")
    token = csrf_of(call.text)
    kept = maria.post(
        f"/calls/{ids['dana_pounce']}/snippets",
        data={"csrf_token": token, "finding": "0", "note": "ask first"},
    )
    assert kept.status_code == 303
    listing = maria.get("/snippets").text
    assert "ask first" in listing and "waiting for Dana Whitfield" in listing
    dana = site.browser("dana")
    mine = dana.get("/snippets").text
    assert "I consent to its use in lessons" in mine
    snippet = site.api("dana").get("/api/v1/snippets").json()["items"][0]["id"]
    done = dana.post(
        f"/snippets/{snippet}/consent", data={"csrf_token": csrf_of(mine), "consent": "yes"}
    )
    assert done.status_code == 303
    assert "Dana Whitfield consented" in maria.get("/snippets").text
    assert site.browser("ryan").get("/snippets").text.count("ask first") == 0


def test_calls_page_links_to_the_next_page_keeping_the_filters(site: Site) -> None:
    _calls(site)
    page = site.browser("root").get("/calls?per_page=1&sort=trust")
    assert page.status_code == 200, page.text
    assert 'href="/calls?sort=trust&amp;page=2&amp;per_page=1" rel="next"' in page.text


CALL_PARAMS = [
    "seller", "account", "since", "until", "band", "signal", "family", "found", "sort", "page",
    "per_page",
]  # fmt: skip


def test_library_team_and_snippets_answer_hostile_values_without_a_500(any_site: Site) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from tests.web.test_hostile import HOSTILE, _in_url

    _calls(any_site)
    token = any_site.api("maria").headers["Authorization"]
    browser = TestClient(
        any_site.app, raise_server_exceptions=False, cookies=any_site.browser("maria").cookies
    )
    api = TestClient(any_site.app, raise_server_exceptions=False)
    api.headers["Authorization"] = token

    @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
    @given(key=st.sampled_from([*CALL_PARAMS, "date", "call"]), value=HOSTILE)
    def run(key: str, value: object) -> None:
        for path in ("/calls", "/api/v1/calls", "/team", "/api/v1/team", "/api/v1/snippets"):
            client = api if path.startswith("/api/") else browser
            answer = client.get(f"{path}?{key}={_in_url(value)}")
            assert answer.status_code < 500, (path, key, value, answer.text[:300])
        for body in ({"turn": value}, {"finding": value, "note": value}, {"consent": value}):
            for path in ("/api/v1/calls/1/snippets", "/api/v1/snippets/1/consent"):
                content = json.dumps(body).encode("utf-8", "surrogatepass")
                headers = {"content-type": "application/json"}
                answer = api.post(path, content=content, headers=headers)
                assert answer.status_code < 500, (path, body, answer.text[:300])

    run()


@pytest.mark.parametrize(
    "path",
    [
        "/team?date=0001-01-01",
        "/team?date=9999-12-31",
        "/api/v1/team?date=0001-01-05",
        "/calls?since=0001-01-01&until=9999-12-31",
        "/calls?page=100000&per_page=200",
    ],
)
def test_library_and_team_at_the_calendars_edges(site: Site, path: str) -> None:
    _calls(site)
    client = site.api("maria") if path.startswith("/api/") else site.browser("maria")
    assert client.get(path).status_code == 200


def test_account_and_today_show_each_calls_trust_with_its_band(site: Site) -> None:
    ids = _calls(site)
    dana = site.browser("dana")
    account = dana.get(f"/accounts/{site.ids['northwind']}").text
    assert account.count('<span class="band ') == 2  # the two saved calls' trust
    with site.ledger.session() as s:
        from trustworks.ledger.tables import Interaction

        row = s.get(Interaction, ids["dana_pounce"])
        assert row is not None and row.trust is not None
        pounce = f"{row.trust:.2f} · spends trust"
    assert pounce in account
