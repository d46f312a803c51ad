"""Every API route: what it does, how it refuses bad input (4xx with a JSON error, never 500)."""

from __future__ import annotations

import pytest

from tests.web.conftest import EXAMPLES, Site
from trustworks.analysis.bands import TRUST_BUILDS_ABOVE
from trustworks.ingest import parse
from trustworks.ledger.entities import KINDS
from trustworks.web.analysing import gate_of

HONEST = (EXAMPLES / "qualifying-call-honest.vtt").read_text(encoding="utf-8")


def test_api_requires_sign_in(site: Site) -> None:
    anonymous = site.browser()
    for method, path in [
        ("GET", "/api/v1/accounts"),
        ("POST", "/api/v1/analyses"),
        ("GET", "/api/v1/today"),
        ("GET", "/api/v1/alerts"),
        ("GET", "/api/v1/trends"),
    ]:
        answer = anonymous.request(method, path, json={})
        assert answer.status_code == 401, path
        assert answer.json()["error"]["message"] == "sign in first"


def test_api_session_sign_in_and_out(site: Site) -> None:
    client = site.browser()
    assert (
        client.post(
            "/api/v1/session", json={"username": "dana", "password": "nope nope"}
        ).status_code
        == 401
    )
    answer = client.post(
        "/api/v1/session", json={"username": "dana", "password": "a long enough password"}
    )
    assert answer.status_code == 200
    token = answer.json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/accounts", headers=headers).status_code == 200
    assert client.delete("/api/v1/session", headers=headers).status_code == 204
    assert client.get("/api/v1/accounts", headers=headers).status_code == 401


def test_api_analyse_text_returns_the_versioned_document(site: Site) -> None:
    answer = site.api("dana").post(
        "/api/v1/analyses", json={"text": HONEST, "seller": ["Dana Whitfield"]}
    )
    assert answer.status_code == 200
    doc = answer.json()
    assert doc["seller"] == "Dana Whitfield"
    assert doc["format"] == "vtt"
    assert doc["trust"]["trust"] > TRUST_BUILDS_ABOVE  # the honest call builds trust
    assert {f["signal"] for f in doc["findings"]} >= {"asks_open_discovery_question"}


@pytest.mark.parametrize("repeat", [1, 6])
def test_api_analyse_every_call_in_the_analysis_threads(
    site: Site, repeat: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    pooled: list[object] = []
    gate = gate_of(site.app.state)
    original = gate._pool.submit

    def counting(func, *args):  # type: ignore[no-untyped-def]
        pooled.append(func)
        return original(func, *args)

    monkeypatch.setattr(gate._pool, "submit", counting)
    turns = parse(HONEST, "honest.vtt").turns
    text = "\n".join([f"{t.speaker}: {' '.join(t.text.split())}" for t in turns] * repeat)
    answer = site.api("dana").post(
        "/api/v1/analyses", json={"text": text, "format": "plain", "seller": ["Dana Whitfield"]}
    )
    assert answer.status_code == 200, answer.text
    assert len(pooled) == 1  # a short call too: nothing is analysed on the event loop
    doc = answer.json()
    assert doc["seller"] == "Dana Whitfield"
    assert len(doc["findings"]) >= repeat  # every repetition of the call finds again


def test_api_analyse_file_detects_encoding_and_format(site: Site) -> None:
    data = (EXAMPLES / "discovery-pounce.srt").read_text(encoding="utf-8").encode("utf-16")
    answer = site.api("ryan").post(
        "/api/v1/analyses/file",
        files={"file": ("call.srt", data, "application/octet-stream")},
        data={"seller": "Ryan Cole"},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["format"] == "srt"
    assert any(f["polarity"] < 0 for f in answer.json()["findings"])


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"text": ""}, 422, "text"),
        ({"text": "   \n  "}, 422, "empty input"),
        ({"text": "WEBVTT\n\n00:00:01.000 --> garbage\nhi"}, 422, "pasted"),
        ({"text": "Dana: hi", "format": "docx"}, 422, "format"),
        ({"text": "Dana: hi", "seller": "Dana"}, 422, "seller"),
        ({"text": '{"turns": [{"speaker": 3}]}', "format": "json"}, 422, ""),
    ],
)
def test_api_analyse_bad_input_is_a_4xx_with_a_reason(
    site: Site, body: dict[str, object], status: int, message: str
) -> None:
    body.setdefault("source", "pasted")
    answer = site.api("dana").post("/api/v1/analyses", json=body)
    assert answer.status_code == status, answer.text
    assert message in answer.json()["error"]["message"]


def test_api_malformed_json_body_is_422_not_500(site: Site) -> None:
    answer = site.api("dana").post(
        "/api/v1/analyses", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert answer.status_code == 422
    assert "error" in answer.json()


def test_api_save_conversation_logs_it_and_proposes_commitments(site: Site) -> None:
    dana = site.api("dana")
    answer = dana.post(
        "/api/v1/accounts/Northwind/conversations",
        json={
            "text": HONEST,
            "seller": ["Dana Whitfield"],
            "occurred_on": "2026-11-30",
            "purpose": "discovery",
        },
    )
    assert answer.status_code == 201, answer.text
    saved = answer.json()
    assert saved["interaction"]["trust"] == pytest.approx(
        saved["analysis"]["trust"]["trust"], abs=1e-3
    )
    proposed = saved["proposed"]
    assert {c["status"] for c in proposed} == {"proposed"}
    first = proposed[0]["id"]
    assert dana.post(f"/api/v1/commitments/{first}/confirm").json()["status"] == "open"
    assert dana.post(f"/api/v1/commitments/{first}/confirm").status_code == 409
    stored = dana.get(f"/api/v1/interactions/{saved['interaction']['id']}/analysis")
    assert stored.status_code == 200
    assert stored.json()["trust"] == saved["analysis"]["trust"]


@pytest.mark.parametrize("kind_name", sorted(KINDS))
def test_api_every_kind_lists_and_documents_itself(site: Site, kind_name: str) -> None:
    plural = KINDS[kind_name].plural
    answer = site.api("root").get(f"/api/v1/{plural}")
    assert answer.status_code == 200
    assert answer.json()["count"] == len(answer.json()["items"])
    spec = site.browser().get("/api/v1/openapi.json").json()
    assert f"/api/v1/{plural}" in spec["paths"]
    assert {"get", "post"} <= set(spec["paths"][f"/api/v1/{plural}"])
    assert {"get", "patch", "delete"} <= set(spec["paths"][f"/api/v1/{plural}/{{ident}}"])


def test_api_crud_round_trip(site: Site) -> None:
    dana = site.api("dana")
    created = dana.post(
        "/api/v1/commitments",
        json={
            "account": "Northwind",
            "side": "us",
            "by": "Dana Whitfield",
            "what": "send the pilot plan",
            "due": "2026-12-04",
        },
    )
    assert created.status_code == 201, created.text
    ident = created.json()["id"]
    assert dana.get(f"/api/v1/commitments/{ident}").json()["what"] == "send the pilot plan"
    changed = dana.patch(
        f"/api/v1/commitments/{ident}", json={"status": "kept", "resolved_on": "2026-12-03"}
    )
    assert changed.status_code == 200
    assert changed.json()["status"] == "kept"
    assert dana.get("/api/v1/commitments", params={"account": "Northwind"}).json()["count"] == 1
    assert dana.delete(f"/api/v1/commitments/{ident}").status_code == 204
    assert dana.get(f"/api/v1/commitments/{ident}").status_code == 404


def test_api_seller_accounts_are_owned_by_them(site: Site) -> None:
    created = site.api("dana").post("/api/v1/accounts", json={"name": "Fabrikam"})
    assert created.json()["owner"] == "Dana Whitfield"


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "field"),
    [
        (
            "POST",
            "/api/v1/commitments",
            {"account": "Northwind", "side": "them", "by": "x", "what": "x"},
            422,
            "side",
        ),
        (
            "POST",
            "/api/v1/commitments",
            {"account": "Northwind", "side": "us", "by": "x", "what": "x", "due": "31/12/2026"},
            422,
            "due",
        ),
        (
            "POST",
            "/api/v1/goals",
            {"account": "Northwind", "description": "x", "colour": "red"},
            422,
            "colour",
        ),
        ("POST", "/api/v1/accounts", {"name": "Northwind"}, 409, None),
        ("POST", "/api/v1/goals", {"account": "Nowhere", "description": "x"}, 404, None),
        ("GET", "/api/v1/goals/abc", None, 422, "ident"),
        ("GET", "/api/v1/goals/99999", None, 404, None),
        ("PATCH", "/api/v1/accounts/99999", {}, 404, None),
        ("GET", "/api/v1/alerts?date=2026-13-45", None, 422, "date"),
        ("GET", "/api/v1/goals?limit=0", None, 422, "limit"),
        ("POST", "/api/v1/today/done", {"date": "tomorrow"}, 422, "date"),
    ],
)
def test_api_bad_ledger_input_names_the_problem(
    site: Site, method: str, path: str, body: object, status: int, field: str | None
) -> None:
    answer = site.api("dana").request(method, path, json=body)
    assert answer.status_code == status, answer.text
    error = answer.json()["error"]
    assert error["status"] == status
    if field:
        assert field in error["message"]


def test_api_today_alerts_trends_and_client_view(site: Site) -> None:
    dana = site.api("dana")
    dana.post(
        "/api/v1/screenings",
        json={
            "account": "Northwind",
            "willing": True,
            "decided_on": "2026-11-01",
            "review_on": "2026-11-15",
        },
    )
    dana.post(
        "/api/v1/accounts/Northwind/conversations",
        json={"text": HONEST, "seller": ["Dana Whitfield"], "occurred_on": "2026-11-30"},
    )
    today = dana.get("/api/v1/today", params={"date": "2026-12-01"}).json()
    assert [s["account"] for s in today["screenings_due"]] == ["Northwind"]
    assert [a["rule"] for a in today["dropped_leads"]] == []  # contacted since the review date
    assert len(today["unreflected"]) == 1
    done = dana.post("/api/v1/today/done", json={"date": "2026-12-01"})
    assert done.json()["created"] is True
    assert dana.get("/api/v1/today", params={"date": "2026-12-01"}).json()["streak"] == 1
    alerts = dana.get("/api/v1/alerts", params={"date": "2026-12-01"}).json()
    assert "missing_reflection" in {a["rule"] for a in alerts["items"]} or alerts["count"] >= 0
    trends = dana.get("/api/v1/trends").json()["sellers"]
    assert [t["seller"] for t in trends] == ["Dana Whitfield"]
    assert trends[0]["points"][0]["month"] == "2026-11"
    view = dana.get("/api/v1/accounts/Northwind/client-view", params={"date": "2026-12-01"}).json()
    assert view["account"] == "Northwind"
    assert len(view["trust_trend"]) == 1


def test_api_cookie_writes_need_the_csrf_header(site: Site) -> None:
    browser = site.browser("dana")
    refused = browser.post("/api/v1/goals", json={"account": "Northwind", "description": "grow"})
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["error"]["message"]
    token = browser.post(
        "/api/v1/session", json={"username": "dana", "password": "a long enough password"}
    ).json()
    page = site.browser("dana")
    from tests.web.conftest import csrf_of

    csrf = csrf_of(page.get("/today").text)
    accepted = page.post(
        "/api/v1/goals",
        json={"account": "Northwind", "description": "grow"},
        headers={"X-CSRF-Token": csrf},
    )
    assert accepted.status_code == 201
    assert token["csrf_token"]


@pytest.mark.parametrize("number", ["Infinity", "-Infinity", "NaN"])
def test_api_non_finite_numbers_are_refused(site: Site, number: str) -> None:
    body = f'{{"account": "Northwind", "amount": {number}, "client_outcome": "loss"}}'
    answer = site.api("dana").post(
        "/api/v1/transactions", content=body, headers={"content-type": "application/json"}
    )
    assert answer.status_code == 422
    assert "amount: Input should be a finite number" in answer.json()["error"]["message"]


def test_api_saved_conversations_belong_to_the_signed_in_seller(site: Site) -> None:
    dana = site.api("dana")
    saved = dana.post(
        "/api/v1/accounts/Northwind/conversations", json={"text": "Dana: hi\nBob: hello"}
    )
    assert saved.json()["interaction"]["seller"] == "Dana Whitfield"


def test_api_huge_ids_and_nul_characters_are_4xx(site: Site) -> None:
    dana = site.api("dana")
    huge = "99999999999999999999999"
    for path in (
        f"/api/v1/accounts/{huge}",
        f"/api/v1/commitments/{huge}",
        f"/api/v1/goals?account={huge}",
    ):
        assert dana.get(path).status_code == 404, path
    assert dana.get(f"/api/v1/goals?offset={huge}").status_code == 422
    assert dana.post("/api/v1/accounts", json={"name": "N\u0000UL"}).status_code == 422
    # A NUL in the address can match nothing stored: refused by the parameter's name.
    nul = dana.get("/api/v1/goals", params={"account": "\u0000"})
    assert nul.status_code == 422
    assert nul.json()["error"]["field"] == "account"
    client = site.browser()
    assert (
        client.post("/api/v1/session", json={"username": "a\u0000b", "password": "x"}).status_code
        == 401
    )
