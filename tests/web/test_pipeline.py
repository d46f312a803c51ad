"""The pipeline's pages and API: the board and table, a deal's page with its stage history, moving
a deal with its evidence (form and API), who sees which deal, and bad input answered plainly."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.web.conftest import Site, csrf_of
from trustworks.errors import TrustworksError
from trustworks.ledger import repository
from trustworks.ledger import tables as t


@pytest.fixture
def deals(site: Site) -> dict[str, int]:
    return _deals(site)


def _deals(site: Site) -> dict[str, int]:
    """Dana's "Fleet pilot" at discovery on Northwind; Ryan's "Renewal" at proposal on Contoso."""
    with site.ledger.session() as s:
        call = repository.add(
            s,
            "interaction",
            {"account": "Northwind", "occurred_on": "2026-05-04", "purpose": "discovery"},
        )
        call.trust = 6.5  # type: ignore[attr-defined]
        north = repository.add(
            s,
            "deal",
            {
                "account": "Northwind",
                "name": "Fleet pilot",
                "stage": "discovery",
                "amount": "12000",
                "currency": "EUR",
                "stage_on": "2026-05-01",
            },
        )
        contoso = repository.add(
            s,
            "deal",
            {"account": "Contoso", "name": "Renewal", "stage": "proposal", "amount": "5000"},
        )
        return {"north": north.id, "contoso": contoso.id, "call": call.id}  # type: ignore[attr-defined]


def _stage(site: Site, ident: int) -> str:
    with site.ledger.session() as s:
        deal = s.get(t.Deal, ident)
        assert deal is not None
        return deal.stage


def _evidence(site: Site) -> int:
    with site.ledger.session() as s:
        return s.scalar(select(func.count()).select_from(t.Evidence)) or 0


def test_board_shows_the_card_with_value_trust_evidence_and_flags(
    site: Site, deals: dict[str, int]
) -> None:
    page = site.browser("root").get("/pipeline")
    assert page.status_code == 200
    html = page.text
    assert 'data-stage="discovery"' in html
    assert "Fleet pilot" in html and "12,000.00 EUR" in html
    assert "Trust <strong>6.5</strong>" in html
    assert "discovery call on 2026-05-04" in html
    # Ryan's renewal is at proposal with no discovery conversation: the rule is named.
    assert "stage without evidence" in html
    assert f'href="/deals/{deals["north"]}?back=pipeline#move"' in html


def test_table_view_lists_the_deals(site: Site, deals: dict[str, int]) -> None:
    html = site.browser("root").get("/pipeline?view=table").text
    assert '<table class="pipeline-table">' in html
    assert html.count('<tr id="deal-') == 2


def test_nav_links_to_the_pipeline(site: Site) -> None:
    assert 'href="/pipeline"' in site.browser("dana").get("/today").text


def test_move_form_records_the_stage_with_evidence_and_the_history_shows_it(
    site: Site, deals: dict[str, int]
) -> None:
    dana = site.browser("dana")
    page = dana.get(f"/deals/{deals['north']}?stage=proposal&back=pipeline")
    assert page.status_code == 200
    assert '<option value="proposal" selected>' in page.text
    answer = dana.post(
        f"/deals/{deals['north']}/stage",
        data={
            "csrf_token": csrf_of(page.text),
            "stage": "proposal",
            "note": "they asked for a proposal covering both depots",
            "interaction": str(deals["call"]),
            "on": "2026-05-20",
            "back": "pipeline",
        },
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/pipeline?moved={deals['north']}#deal-{deals['north']}"
    assert _stage(site, deals["north"]) == "proposal"
    html = dana.get(f"/deals/{deals['north']}").text
    history = html.split('aria-label="Stage history"')[1].split("</section>")[0]
    assert "2026-05-20" in history and "dana" in history
    assert "they asked for a proposal covering both depots" in history


@pytest.mark.parametrize(
    ("form", "words"),
    [
        ({"stage": "proposal"}, "say what moving it to proposal rests on"),
        ({"stage": "", "note": "x"}, "choose the stage"),
        ({"stage": "closing", "note": "x"}, "is not a stage"),
        ({"stage": "discovery", "note": "x"}, "already at discovery"),
        ({"stage": "proposal", "note": "x", "on": "31/12/2026"}, "is not a date"),
        ({"stage": "proposal", "interaction": "x1"}, "a number"),
    ],
)
def test_a_bad_move_shows_the_form_again_with_a_plain_message(
    site: Site, deals: dict[str, int], form: dict[str, str], words: str
) -> None:
    dana = site.browser("dana")
    token = csrf_of(dana.get(f"/deals/{deals['north']}").text)
    answer = dana.post(f"/deals/{deals['north']}/stage", data={"csrf_token": token, **form})
    assert 400 <= answer.status_code < 500
    assert words in answer.text
    assert 'role="alert"' in answer.text
    assert _stage(site, deals["north"]) == "discovery"
    assert _evidence(site) == 0


def test_a_move_without_the_csrf_token_is_refused(site: Site, deals: dict[str, int]) -> None:
    answer = site.browser("dana").post(
        f"/deals/{deals['north']}/stage", data={"stage": "proposal", "note": "x"}
    )
    assert answer.status_code == 403
    assert _stage(site, deals["north"]) == "discovery"


@pytest.mark.parametrize("path", ["/pipeline?stage=closing", "/pipeline?date=soon", "/deals/-3"])
def test_bad_pipeline_addresses_are_a_plain_4xx(site: Site, path: str) -> None:
    answer = site.browser("dana").get(path)
    assert 400 <= answer.status_code < 500, answer.text


# ---- access: a seller sees and moves their own deals only, on both databases ---------------


def test_seller_sees_only_own_deals_on_board_table_and_api(any_site: Site) -> None:
    ids = _deals(any_site)
    dana = any_site.browser("dana")
    for view in ("board", "table"):
        html = dana.get(f"/pipeline?view={view}").text
        assert "Fleet pilot" in html and "Renewal" not in html, view
    listed = any_site.api("dana").get("/api/v1/pipeline").json()
    names = [d["name"] for c in listed["columns"] for d in c["deals"]]
    assert names == ["Fleet pilot"]
    maria = any_site.api("maria").get("/api/v1/pipeline").json()  # Dana's manager
    assert [d["name"] for c in maria["columns"] for d in c["deals"]] == ["Fleet pilot"]
    root = any_site.api("root").get("/api/v1/pipeline").json()
    assert sorted(d["name"] for c in root["columns"] for d in c["deals"]) == [
        "Fleet pilot",
        "Renewal",
    ]
    assert ids


def test_seller_cannot_open_or_move_another_sellers_deal(any_site: Site) -> None:
    ids = _deals(any_site)
    other = ids["contoso"]
    dana = any_site.browser("dana")
    assert dana.get(f"/deals/{other}").status_code == 404
    token = csrf_of(dana.get(f"/deals/{ids['north']}").text)
    moved = dana.post(
        f"/deals/{other}/stage", data={"csrf_token": token, "stage": "won", "note": "mine now"}
    )
    assert moved.status_code == 404
    api = any_site.api("dana")
    assert api.get(f"/api/v1/pipeline/deals/{other}").status_code == 404
    answer = api.post(f"/api/v1/pipeline/deals/{other}/stage", json={"stage": "won", "note": "x"})
    assert answer.status_code == 404
    # Nor name another seller's conversation as the evidence for their own deal.
    with any_site.ledger.session() as s:
        theirs = repository.add(
            s, "interaction", {"account": "Contoso", "occurred_on": "2026-05-02"}
        ).id  # type: ignore[attr-defined]
    answer = api.post(
        f"/api/v1/pipeline/deals/{ids['north']}/stage",
        json={"stage": "proposal", "interaction": theirs},
    )
    assert answer.status_code == 422
    assert _stage(any_site, other) == "proposal"
    assert _stage(any_site, ids["north"]) == "discovery"
    assert _evidence(any_site) == 0


# ---- API -------------------------------------------------------------------------------------


def test_api_lists_cards_with_exact_money_and_flags(site: Site, deals: dict[str, int]) -> None:
    body = site.api("root").get("/api/v1/pipeline").json()
    assert [c["stage"] for c in body["columns"]][:4] == [
        "prospect",
        "qualified",
        "discovery",
        "proposal",
    ]
    (north,) = next(c for c in body["columns"] if c["stage"] == "discovery")["deals"]
    assert north["amount"] == "12000.00"
    assert north["trust"] == 6.5
    assert north["evidence"][0]["text"] == "discovery call on 2026-05-04"
    (renewal,) = next(c for c in body["columns"] if c["stage"] == "proposal")["deals"]
    assert [f["rule"] for f in renewal["flags"]] == ["stage_without_evidence"]
    only = site.api("root").get("/api/v1/pipeline?stage=proposal").json()
    assert [c["stage"] for c in only["columns"]] == ["proposal"]


def test_api_moves_a_deal_with_its_evidence(site: Site, deals: dict[str, int]) -> None:
    api = site.api("dana")
    answer = api.post(
        f"/api/v1/pipeline/deals/{deals['north']}/stage",
        json={"stage": "proposal", "note": "proposal sent", "on": "2026-05-21"},
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["moved"]["from_stage"] == "discovery"
    assert body["moved"]["changed_by"] == "dana"
    assert body["deal"]["stage"] == "proposal"
    last = body["history"][-1]
    assert (last["stage"], last["entered_on"], last["changed_by"]) == (
        "proposal",
        "2026-05-21",
        "dana",
    )
    assert last["evidence"][0]["text"] == "proposal sent"
    assert api.get(f"/api/v1/pipeline/deals/{deals['north']}").json()["history"] == body["history"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"stage": "proposal"}, 422),  # no evidence
        ({"stage": "closing", "note": "x"}, 422),
        ({"stage": "discovery", "note": "x"}, 409),
        ({"stage": "proposal", "interaction": 0}, 422),
        ({"stage": "proposal", "note": "x", "on": "someday"}, 422),
        ({"stage": "proposal", "note": "x" * 10_001}, 422),
        ({}, 422),
    ],
)
def test_api_bad_move_is_a_4xx_and_changes_nothing(
    site: Site, deals: dict[str, int], body: dict[str, object], status: int
) -> None:
    answer = site.api("dana").post(f"/api/v1/pipeline/deals/{deals['north']}/stage", json=body)
    assert answer.status_code == status, answer.text
    assert _stage(site, deals["north"]) == "discovery"
    assert _evidence(site) == 0


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/pipeline?stage=closing",
        "/api/v1/pipeline?closed_days=-1",
        "/api/v1/pipeline?date=tomorrow",
        "/api/v1/pipeline/deals/0",
        "/api/v1/pipeline/deals/99999999999",
    ],
)
def test_api_bad_queries_are_a_4xx(site: Site, path: str) -> None:
    answer = site.api("dana").get(path)
    assert 400 <= answer.status_code < 500, answer.text


# ---- hostile values: the pipeline's routes and pages never answer 500 ------------------------


def test_pipeline_api_answers_hostile_values_without_a_500(any_site: Site) -> None:
    from fastapi.testclient import TestClient
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from tests.web.test_hostile import operations, requests

    _deals(any_site)
    ops = [
        op for op in operations(any_site.app.openapi()) if op.path.startswith("/api/v1/pipeline")
    ]
    assert len(ops) == 3
    client = TestClient(any_site.app, raise_server_exceptions=False)
    client.headers.update(any_site.api("dana").headers)

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(request=requests(ops), deal=st.sampled_from(["1", "2"]))
    def run(request: tuple[str, str, str | None], deal: str) -> None:
        method, url, content = request
        headers = {"content-type": "application/json"} if content is not None else {}
        answer = client.request(method, url, content=content, headers=headers)
        assert answer.status_code < 500, (method, url, content, answer.text[:300])
        # And on a real deal's route, so the body is what is swept.
        if method == "POST":
            path = f"/api/v1/pipeline/deals/{deal}/stage"
            answer = client.request(method, path, content=content, headers=headers)
            assert answer.status_code < 500, (path, content, answer.text[:300])

    run()


def test_pipeline_pages_answer_hostile_values_without_a_500(any_site: Site) -> None:
    from fastapi.testclient import TestClient
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from tests.web.test_hostile import HOSTILE, HOSTILE_INT, HOSTILE_TEXT, _in_url

    ids = _deals(any_site)
    signed = any_site.browser("dana")
    token = csrf_of(signed.get(f"/deals/{ids['north']}").text)
    browser = TestClient(any_site.app, raise_server_exceptions=False, cookies=signed.cookies)

    @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        key=st.sampled_from(["view", "stage", "date", "moved", "back"]),
        field=st.sampled_from(["stage", "note", "interaction", "on", "back"]),
        value=HOSTILE,
        ident=st.one_of(HOSTILE_INT, HOSTILE_TEXT),
    )
    def run(key: str, field: str, value: object, ident: object) -> None:
        text = value if isinstance(value, str) else str(value)
        for path in ("/pipeline", f"/deals/{_in_url(ident)}", f"/deals/{ids['north']}"):
            answer = browser.get(f"{path}?{key}={_in_url(value)}")
            assert answer.status_code < 500, (path, key, value, answer.text[:300])
        form = {"csrf_token": token, "stage": "won", field: text.encode("utf-8", "replace")}
        answer = browser.post(f"/deals/{ids['north']}/stage", data=form)
        assert answer.status_code < 500, (field, value, answer.text[:300])

    run()


def test_the_deals_form_and_account_link_to_its_page(site: Site, deals: dict[str, int]) -> None:
    dana = site.browser("dana")
    ident = deals["north"]
    assert f'href="/deals/{ident}"' in dana.get(f"/entries/deal/{ident}").text
    assert f'href="/deals/{ident}"' in dana.get(f"/accounts/{site.ids['northwind']}").text


def test_a_manager_narrows_the_board_to_one_seller_and_a_stage(any_site: Site) -> None:
    _deals(any_site)
    with any_site.ledger.session() as s:
        repository.add(s, "account", {"name": "Fabrikam", "owner": "Maria Gomez"})
        repository.add(s, "deal", {"account": "Fabrikam", "name": "Own deal", "stage": "won"})
    maria = any_site.browser("maria")
    page = maria.get("/pipeline").text
    assert "Fleet pilot" in page and "Own deal" in page and "Renewal" not in page
    assert '<option value="Dana Whitfield">' in page and "Ryan Cole" not in page
    narrowed = maria.get("/pipeline?seller=Dana+Whitfield&view=table").text
    assert "Fleet pilot" in narrowed and "Own deal" not in narrowed
    won = maria.get("/pipeline?stage=won").text
    assert "Own deal" in won and "Fleet pilot" not in won
    # A name outside the team shows nothing of theirs.
    assert "Renewal" not in maria.get("/pipeline?seller=Ryan+Cole").text


def test_a_stage_changed_on_the_deals_form_keeps_who_changed_it(
    site: Site, deals: dict[str, int]
) -> None:
    dana = site.browser("dana")
    ident = deals["north"]
    token = csrf_of(dana.get(f"/entries/deal/{ident}").text)
    answer = dana.post(
        f"/entries/deal/{ident}",
        data={
            "csrf_token": token,
            "account": str(site.ids["northwind"]),
            "name": "Fleet pilot",
            "stage": "qualified",
        },
    )
    assert answer.status_code == 303, answer.text
    body = site.api("dana").get(f"/api/v1/pipeline/deals/{ident}").json()
    assert [(h["stage"], h["changed_by"]) for h in body["history"]][-1] == ("qualified", "dana")


def test_a_conversation_id_of_superscript_digits_is_a_plain_4xx(
    site: Site, deals: dict[str, int]
) -> None:
    # '²'.isdigit() is true but int('²') fails: the form must answer plainly, not with a 500.
    from fastapi.testclient import TestClient

    dana = site.browser("dana")
    token = csrf_of(dana.get(f"/deals/{deals['north']}").text)
    browser = TestClient(site.app, raise_server_exceptions=False, cookies=dana.cookies)
    form = {"csrf_token": token, "stage": "proposal", "interaction": "²"}
    answer = browser.post(f"/deals/{deals['north']}/stage", data=form)
    assert 400 <= answer.status_code < 500, answer.text[:300]
    assert _stage(site, deals["north"]) == "discovery"
    api = TestClient(site.app, raise_server_exceptions=False, headers=site.api("dana").headers)
    answer = api.get("/api/v1/pipeline/deals/%C2%B2")
    assert 400 <= answer.status_code < 500, answer.text[:300]
    with site.ledger.session() as s, pytest.raises(TrustworksError):
        repository.find_account(s, "²")  # an account typed by id or name, anywhere


def test_a_move_dated_before_the_stage_it_leaves_is_refused(
    site: Site, deals: dict[str, int]
) -> None:
    # Fleet pilot entered discovery on 2026-05-01: it cannot have left it before.
    dana = site.browser("dana")
    token = csrf_of(dana.get(f"/deals/{deals['north']}").text)
    form = {"csrf_token": token, "stage": "proposal", "note": "x", "on": "2026-04-01"}
    answer = dana.post(f"/deals/{deals['north']}/stage", data=form)
    assert answer.status_code == 422, answer.text[:300]
    assert "2026-05-01" in answer.text
    assert _stage(site, deals["north"]) == "discovery"
    assert _evidence(site) == 0
