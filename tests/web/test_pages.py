"""The pages: sign-in, CSRF, forms with server-side validation, escaping, limits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.web.conftest import EXAMPLES, PASSWORD, Site, csrf_of
from trustworks.analysis import analyze
from trustworks.ingest import load
from trustworks.ledger import repository
from trustworks.web import WebSettings

HOSTILE = (
    'Dana: <script>alert("x")</script> and <img src=x onerror=alert(1)>\n'
    'Marcus: "quoted" & <b>bold</b>'
)


def test_pages_redirect_to_sign_in_and_back(site: Site) -> None:
    client = site.browser()
    answer = client.get("/accounts")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=/accounts"
    page = client.get("/login?next=/accounts")
    signed = client.post(
        "/login",
        data={
            "username": "dana",
            "password": PASSWORD,
            "csrf_token": csrf_of(page.text),
            "next": "/accounts",
        },
    )
    assert signed.headers["location"] == "/accounts"
    cookie = signed.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_pages_sign_in_never_redirects_off_site(site: Site, target: str) -> None:
    client = site.browser()
    page = client.get("/login")
    signed = client.post(
        "/login",
        data={
            "username": "dana",
            "password": PASSWORD,
            "csrf_token": csrf_of(page.text),
            "next": target,
        },
    )
    assert signed.headers["location"] == "/"


def test_pages_wrong_password_and_missing_login_csrf(site: Site) -> None:
    client = site.browser()
    page = client.get("/login")
    wrong = client.post(
        "/login",
        data={"username": "dana", "password": "wrong password", "csrf_token": csrf_of(page.text)},
    )
    assert wrong.status_code == 401
    assert "Wrong username or password." in wrong.text
    forged = site.browser().post(
        "/login", data={"username": "dana", "password": PASSWORD, "csrf_token": "made-up"}
    )
    assert forged.status_code == 403


def test_pages_forms_without_the_csrf_token_are_refused(site: Site) -> None:
    dana = site.browser("dana")
    answer = dana.post(
        "/entries/goal/new", data={"account": str(site.ids["northwind"]), "description": "grow"}
    )
    assert answer.status_code == 403
    answer = dana.post(
        "/entries/goal/new",
        data={"account": str(site.ids["northwind"]), "description": "grow", "csrf_token": "wrong"},
    )
    assert answer.status_code == 403
    with site.ledger.session() as s:
        assert repository.rows(s, "goal") == []


def test_pages_add_and_edit_an_entry_with_server_side_validation(site: Site) -> None:
    dana = site.browser("dana")
    token = csrf_of(dana.get("/entries/commitment/new").text)
    bad = dana.post(
        "/entries/commitment/new",
        data={
            "csrf_token": token,
            "account": str(site.ids["northwind"]),
            "side": "us",
            "by": "Dana",
            "what": "send it",
            "due": "2026-02-30",
        },
    )
    assert bad.status_code == 422
    assert "due:" in bad.text
    assert ">send it</textarea>" in bad.text  # what the user typed is kept
    good = dana.post(
        "/entries/commitment/new",
        data={
            "csrf_token": token,
            "account": str(site.ids["northwind"]),
            "side": "us",
            "by": "Dana",
            "what": "send it",
            "due": "2026-12-04",
        },
    )
    assert good.status_code == 303
    edit_url = good.headers["location"].split("?")[0]
    edited = dana.post(
        edit_url,
        data={
            "csrf_token": token,
            "account": str(site.ids["northwind"]),
            "side": "us",
            "by": "Dana",
            "what": "send it",
            "status": "kept",
            "resolved_on": "2026-12-03",
        },
    )
    assert edited.status_code == 303
    assert 'value="kept" selected' in dana.get(edit_url).text


def test_pages_analyse_shows_scores_highlights_chart_and_saves(site: Site) -> None:
    dana = site.browser("dana")
    token = csrf_of(dana.get("/analyse").text)
    text = (EXAMPLES / "qualifying-call-honest.vtt").read_text(encoding="utf-8")
    page = dana.post(
        "/analyse", data={"csrf_token": token, "text": text, "seller": "Dana Whitfield"}
    )
    assert page.status_code == 200
    assert re.search(r'<mark class="finding pos" data-finding="\d+"', page.text)
    assert '<svg class="chart"' in page.text
    assert "Say instead:" in page.text or "finding neg" not in page.text
    saved = dana.post(
        "/analyse/save",
        data={
            "csrf_token": token,
            "text": text,
            "seller": "Dana Whitfield",
            "account": str(site.ids["northwind"]),
            "occurred_on": "2026-11-30",
            "purpose": "discovery",
        },
    )
    assert saved.status_code == 303
    account = dana.get(saved.headers["location"])
    assert "saved; 2 commitment(s) heard" in account.text
    expected = analyze(load(EXAMPLES / "qualifying-call-honest.vtt"), ["Dana Whitfield"])
    # scores shown to two places, not as raw floats, with their band
    assert f"{expected.trust.trust:.2f} · builds trust</span></td>" in account.text
    confirm = re.search(r'action="(/commitments/\d+/confirm)"', account.text)
    assert confirm is not None
    decided = dana.post(confirm.group(1), data={"csrf_token": token})
    assert decided.status_code == 303
    with site.ledger.session() as s:
        statuses = sorted(c.status for c in repository.rows(s, "commitment"))  # type: ignore[attr-defined]
    assert statuses == ["open", "proposed"]


def test_pages_analyse_upload_and_bad_upload(site: Site) -> None:
    ryan = site.browser("ryan")
    token = csrf_of(ryan.get("/analyse").text)
    data = (EXAMPLES / "discovery-pounce.srt").read_bytes()
    page = ryan.post(
        "/analyse",
        data={"csrf_token": token, "seller": "Ryan Cole"},
        files={"file": ("call.srt", data)},
    )
    assert page.status_code == 200
    assert "finding neg" in page.text
    bad = ryan.post(
        "/analyse",
        data={"csrf_token": token},
        files={"file": ("call.vtt", b"\x00\x01\x02\xff" * 50)},
    )
    assert bad.status_code == 422
    assert "call.vtt" in bad.text
    empty = ryan.post("/analyse", data={"csrf_token": token, "text": "  "})
    assert empty.status_code == 422
    assert "paste a conversation" in empty.text


def test_pages_a_saved_call_opens_from_its_account_with_its_findings(site: Site) -> None:
    dana = site.browser("dana")
    text = (EXAMPLES / "qualifying-call-honest.vtt").read_text(encoding="utf-8")
    saved = site.api("dana").post(
        f"/api/v1/accounts/{site.ids['northwind']}/conversations",
        json={"text": text, "seller": ["Dana Whitfield"], "occurred_on": "2026-11-30"},
    )
    assert saved.status_code == 201
    ident = saved.json()["interaction"]["id"]
    account = dana.get(f"/accounts/{site.ids['northwind']}").text
    assert f'href="/interactions/{ident}">the call</a>' in account
    page = dana.get(f"/interactions/{ident}")
    assert page.status_code == 200
    assert "Saved call with" in page.text and "Northwind" in page.text
    assert re.search(r'<mark class="finding pos" data-finding="\d+"', page.text)
    assert '<svg class="chart"' in page.text
    assert 'action="/analyse/save"' not in page.text  # already saved: no save form
    stored = site.api("dana").get(f"/api/v1/interactions/{ident}/analysis").json()
    # The API gives the score to three places and the page shows two: 4.3249 is "4.325"
    # there and "4.32" here, so the two agree to within the page's rounding.
    shown = re.search(r'data-score="trust">([\d.]+)<', page.text)
    assert shown is not None
    assert abs(float(shown.group(1)) - stored["trust"]["trust"]) <= 0.0051


def test_pages_a_call_saved_without_a_transcript_opens_its_form(site: Site) -> None:
    with site.ledger.session() as s:
        row = repository.add(
            s, "interaction", {"account": "Northwind", "occurred_on": "2026-11-30"}
        )
        ident = row.id  # type: ignore[attr-defined]
    answer = site.browser("dana").get(f"/interactions/{ident}", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/entries/interaction/{ident}"
    assert site.browser("dana").get("/interactions/99999").status_code == 404


def test_pages_a_saved_hostile_call_is_shown_escaped(site: Site) -> None:
    saved = site.api("dana").post(
        f"/api/v1/accounts/{site.ids['northwind']}/conversations",
        json={"text": HOSTILE, "seller": ["Dana"]},
    )
    assert saved.status_code == 201
    page = site.browser("dana").get(f"/interactions/{saved.json()['interaction']['id']}").text
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<img src=x" not in page


def test_pages_escape_everything_users_wrote(site: Site) -> None:
    dana = site.browser("dana")
    token = csrf_of(dana.get("/analyse").text)
    page = dana.post("/analyse", data={"csrf_token": token, "text": HOSTILE, "seller": "Dana"}).text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    assert "<img src=x" not in page
    with site.ledger.session() as s:
        repository.add(
            s, "goal", {"account": "Northwind", "description": '<script>alert("goal")</script>'}
        )
    account = dana.get(f"/accounts/{site.ids['northwind']}").text
    assert '<script>alert("goal")' not in account
    assert "&lt;script&gt;" in account


def test_pages_send_security_headers(site: Site) -> None:
    answer = site.browser("dana").get("/today")
    policy = answer.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert answer.headers["x-frame-options"] == "DENY"


def test_pages_every_page_renders(site: Site) -> None:
    dana = site.browser("dana")
    for path in [
        "/today",
        "/analyse",
        "/live",
        "/accounts",
        f"/accounts/{site.ids['northwind']}",
        "/alerts",
        "/trends",
        "/api/docs",
    ]:
        answer = dana.get(path)
        assert answer.status_code == 200, path
    from trustworks.ledger.entities import KINDS

    for name in KINDS:
        assert dana.get(f"/entries/{name}").status_code == 200, name
        assert dana.get(f"/entries/{name}/new").status_code == 200, name
    assert dana.get("/entries/gadget").status_code == 404
    assert dana.get("/today?date=someday").status_code == 422


def test_pages_today_review_and_streak(site: Site) -> None:
    dana = site.browser("dana")
    with site.ledger.session() as s:
        repository.add(
            s,
            "screening",
            {
                "account": "Northwind",
                "willing": True,
                "decided_on": "2026-11-01",
                "review_on": "2026-12-01",
            },
        )
    page = dana.get("/today?date=2026-12-01")
    assert "Northwind" in page.text
    assert "Prospects due for review (1)" in page.text
    done = dana.post("/today/done", data={"csrf_token": csrf_of(page.text), "date": "2026-12-01"})
    assert done.status_code == 303
    assert re.search(r"<strong data-streak>1</strong>", dana.get("/today?date=2026-12-01").text)


def test_request_size_cap_is_a_413_with_a_json_body(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.web.conftest import build_site

    site = build_site(
        f"sqlite:///{tmp_path / 'cap.sqlite3'}", WebSettings(max_request_bytes=10_000)
    )
    dana = site.api("dana")
    answer = dana.post("/api/v1/analyses", json={"text": "Dana: hi " * 5_000})
    assert answer.status_code == 413
    assert "10,000-byte limit" in answer.json()["error"]["message"]

    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(30):
            yield b"x" * 1000

    streamed = dana.post(
        "/api/v1/analyses", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413
    site.ledger.close()


def test_pages_analysis_warns_when_the_seller_is_uncertain(site: Site) -> None:
    dana = site.browser("dana")
    token = csrf_of(dana.get("/analyse").text)
    page = dana.post("/analyse", data={"csrf_token": token, "text": "Ana: Hello.\nBen: Hi.\n"})
    assert page.status_code == 200
    assert 'class="notice warn seller-uncertain" role="alert"' in page.text
    assert "Not sure who the seller is." in page.text
    assert "not sure: 50%" in page.text
    assert "spoke first" in page.text  # the reasons
    # A form to analyse again with the seller chosen from the speakers.
    assert '<option value="Ben" >Ben</option>' in page.text
    again = dana.post(
        "/analyse", data={"csrf_token": token, "text": "Ana: Hello.\nBen: Hi.\n", "seller": "Ben"}
    )
    assert "seller-uncertain" not in again.text and "(given)" in again.text


def test_pages_analysis_shows_a_sure_seller_with_reasons(site: Site) -> None:
    dana = site.browser("dana")
    token = csrf_of(dana.get("/analyse").text)
    text = "Customer: My order still hasn't arrived.\nAgent: Sorry, let me look into it.\n"
    page = dana.post("/analyse", data={"csrf_token": token, "text": text})
    assert "(inferred, <span data-seller-confidence=" in page.text and "% sure" in page.text
    assert "seller-uncertain" not in page.text
    assert "names the seller&#39;s side" in page.text


def test_two_apps_in_one_process_serve_their_own_ledger_and_routes(
    site: Site, tmp_path: Path
) -> None:
    # The apps share their route objects and templates (trustworks.web.app): each must still
    # answer from its own ledger, and a route added to one must not reach the other.
    from tests.databases import migrated_sqlite_url
    from tests.web.conftest import build_site

    other = build_site(migrated_sqlite_url(tmp_path / "other.sqlite3"))
    try:
        with other.ledger.session() as s:
            repository.add(s, "account", {"name": "Only Elsewhere", "owner": "Dana Whitfield"})

        def extra() -> dict[str, str]:
            return {"app": "first"}

        site.app.add_api_route("/api/v1/only-here", extra)
        here, there = site.browser("dana"), other.browser("dana")
        assert "Only Elsewhere" not in here.get("/accounts").text
        assert "Only Elsewhere" in there.get("/accounts").text
        assert here.get("/api/v1/only-here").json() == {"app": "first"}
        assert there.get("/api/v1/only-here").status_code == 404
    finally:
        other.ledger.close()
