"""Trust audit campaigns on the web and the API, on both backends: a manager runs one, the
invited answer and change their answers, nobody reads anyone else's, and the report shows
only the aggregate of at least five, once the campaign has closed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from tests.web.conftest import PASSWORD, Site, csrf_of
from trustworks.assess import audit_questionnaire
from trustworks.ledger import tables as t
from trustworks.ledger.users import add_user
from trustworks.web.routes import assess, assess_api

TODAY = dt.date(2026, 3, 5)
TEAM = ("dana", "lee", "kim", "sam", "ana")  # maria's team, besides herself


@pytest.fixture
def site_(any_site: Site, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """The site with three more of maria's sellers, on a fixed day."""
    with any_site.ledger.session() as s:
        for name in TEAM[1:]:
            add_user(s, name, PASSWORD, "seller", seller=name.title(), manager="maria")
    day(monkeypatch, TODAY)
    yield any_site


def day(monkeypatch: pytest.MonkeyPatch, when: dt.date) -> None:
    monkeypatch.setattr(assess, "_today", lambda: when)
    monkeypatch.setattr(assess_api, "_today", lambda: when)


def answers(position: int, **overrides: str) -> dict[str, str]:
    given = {i.id: i.options[position].key for i in audit_questionnaire().items}
    given.update(overrides)
    return given


def start(site: Site, invite: tuple[str, ...] = TEAM, by: str = "maria") -> int:
    made = site.api(by).post(
        "/api/v1/audits/campaigns",
        json={
            "organisation": "Acme",
            "audience": "the sales team",
            "opens_on": TODAY.isoformat(),
            "closes_on": TODAY.isoformat(),
            "invite": list(invite),
        },
    )
    assert made.status_code == 201, made.text
    ident: int = made.json()["id"]
    return ident


def test_a_manager_starts_a_campaign_on_the_page(site_: Site) -> None:
    maria = site_.browser("maria")
    page = maria.get("/audit")
    assert 'aria-label="Start a campaign"' in page.text
    assert 'value="ryan"' not in page.text  # not on her team: not offered
    sent = maria.post(
        "/audit/campaigns",
        data={
            "csrf_token": csrf_of(page.text),
            "organisation": "Acme",
            "audience": "the sales team",
            "opens_on": TODAY.isoformat(),
            "closes_on": (TODAY + dt.timedelta(days=7)).isoformat(),
            "invite": ["dana", "lee"],
        },
    )
    assert sent.status_code == 303
    campaign = sent.headers["location"]
    assert re.fullmatch(r"/audit/\d+", campaign)
    shown = site_.browser("dana").get(campaign)
    assert 'aria-label="Trust audit"' in shown.text and "0</span> of 2 answered" in shown.text
    assert 'aria-label="Start a campaign"' not in site_.browser("dana").get("/audit").text


def test_a_seller_cannot_start_a_campaign_nor_invite_outside_the_team(site_: Site) -> None:
    body = {
        "organisation": "Acme",
        "audience": "all",
        "opens_on": TODAY.isoformat(),
        "closes_on": TODAY.isoformat(),
        "invite": ["dana"],
    }
    assert site_.api("dana").post("/api/v1/audits/campaigns", json=body).status_code == 403
    outside = site_.api("maria").post("/api/v1/audits/campaigns", json={**body, "invite": ["ryan"]})
    assert (
        outside.status_code == 422 and "'ryan' is not you or someone on your team" in outside.text
    )


def test_answers_are_changed_until_close_and_read_by_their_author_only(
    site_: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    campaign = start(site_)
    dana = site_.api("dana")
    path = f"/api/v1/audits/campaigns/{campaign}/answers"
    assert dana.put(path, json={"answers": answers(0)}).status_code == 200
    assert dana.put(path, json={"answers": answers(-1)}).json() == {"answers": answers(-1)}
    assert dana.get(path).json() == {"answers": answers(-1)}
    for reader in ("maria", "root", "lee"):
        assert site_.api(reader).get(path).json() == {"answers": None}, reader
    assert site_.api("ryan").get(path).status_code == 404  # not invited: no such campaign
    with site_.ledger.session() as s:
        assert s.scalar(select(func.count()).select_from(t.AuditAnswer)) == 1
    day(monkeypatch, TODAY + dt.timedelta(days=1))
    late = dana.put(path, json={"answers": answers(0)})
    assert late.status_code == 409 and "can no longer change" in late.text
    assert dana.get(path).json() == {"answers": answers(-1)}


def test_the_page_shows_my_answers_ticked_and_nobody_elses(site_: Site) -> None:
    campaign = start(site_)
    dana = site_.browser("dana")
    page = dana.get(f"/audit/{campaign}")
    form = {f"answer.{k}": v for k, v in answers(0, ndas="before_first_meeting").items()}
    sent = dana.post(f"/audit/{campaign}", data={"csrf_token": csrf_of(page.text), **form})
    assert sent.headers["location"] == f"/audit/{campaign}?saved=1"
    mine = dana.get(f"/audit/{campaign}?saved=1").text
    assert "Only you can read them" in mine and "Change my answers" in mine
    assert 'value="before_first_meeting" checked' in mine
    for other in ("lee", "maria", "root"):
        theirs = site_.browser(other).get(f"/audit/{campaign}").text
        assert "checked" not in theirs, other
    assert site_.browser("ryan").get(f"/audit/{campaign}").status_code == 404


def test_an_incomplete_answer_names_each_missing_item_and_records_nothing(site_: Site) -> None:
    campaign = start(site_)
    dana = site_.browser("dana")
    token = csrf_of(dana.get(f"/audit/{campaign}").text)
    form = {f"answer.{k}": v for k, v in answers(0).items()}
    del form["answer.ndas"], form["answer.fine_print"]
    sent = dana.post(f"/audit/{campaign}", data={"csrf_token": token, **form})
    assert sent.status_code == 422
    assert "2 question(s) need an answer; nothing was recorded." in sent.text
    assert sent.text.count('class="question missing"') == 2
    assert sent.text.count("checked") == len(audit_questionnaire().items) - 2
    without = dana.post(f"/audit/{campaign}", data=form)  # no CSRF token
    assert without.status_code == 403
    with site_.ledger.session() as s:
        assert s.scalar(select(func.count()).select_from(t.AuditAnswer)) == 0


def test_the_report_is_an_aggregate_of_five_after_the_close_never_a_name(
    site_: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    campaign = start(site_)
    for n, name in enumerate(TEAM):
        put = site_.api(name).put(
            f"/api/v1/audits/campaigns/{campaign}/answers",
            json={"answers": answers(0 if n else -1)},
        )
        assert put.status_code == 200
    report = site_.api("maria").get(f"/api/v1/audits/campaigns/{campaign}/report").json()
    assert report["report"] is None and "opens when the campaign closes" in report["why_not"]
    assert "data-why-not" in site_.browser("dana").get(f"/audit/{campaign}/report").text
    assert site_.browser("dana").get(f"/audit/{campaign}/chart.png").status_code == 404
    day(monkeypatch, TODAY + dt.timedelta(days=1))
    for reader in ("maria", "dana", "root"):
        doc = site_.api(reader).get(f"/api/v1/audits/campaigns/{campaign}/report").json()
        assert doc["report"]["latest"]["respondents"] == 5
        assert doc["report"]["latest"]["score"]["mean"] == pytest.approx(20.0)
    text = str(doc)
    for name in ("Dana", "Lee", "Kim", "Sam", "Ana", "dana"):
        assert name not in text
    page = site_.browser("maria").get(f"/audit/{campaign}/report").text
    assert "data-score>20<" in page and "5 anonymous answers" in page
    assert "Dana" not in page
    for fmt, magic in (("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")):
        got = site_.browser("maria").get(f"/audit/{campaign}/chart.{fmt}?chart=rounds")
        assert got.status_code == 200 and got.content.startswith(magic)
    assert site_.api("ryan").get(f"/api/v1/audits/campaigns/{campaign}/report").status_code == 404


def test_four_answers_never_make_a_report(site_: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    campaign = start(site_)
    for name in TEAM[:4]:
        site_.api(name).put(
            f"/api/v1/audits/campaigns/{campaign}/answers", json={"answers": answers(0)}
        )
    day(monkeypatch, TODAY + dt.timedelta(days=30))
    doc = site_.api("root").get(f"/api/v1/audits/campaigns/{campaign}/report").json()
    assert doc["report"] is None and "fewer than 5" in doc["why_not"]
    assert "data-score" not in site_.browser("root").get(f"/audit/{campaign}/report").text


def test_campaign_lists_show_each_user_their_own_part(site_: Site) -> None:
    campaign = start(site_, ("dana", "lee"))
    site_.api("dana").put(
        f"/api/v1/audits/campaigns/{campaign}/answers", json={"answers": answers(0)}
    )
    (seen,) = site_.api("dana").get("/api/v1/audits/campaigns").json()
    assert (seen["answered"], seen["invited"], seen["you"]["answered"]) == (1, 2, True)
    (other,) = site_.api("lee").get("/api/v1/audits/campaigns").json()
    assert other["you"] == {"invited": True, "answered": False, "run": False}
    assert site_.api("ryan").get("/api/v1/audits/campaigns").json() == []
    assert len(site_.api("root").get("/api/v1/audits/campaigns").json()) == 1
    more = site_.api("maria").post(
        f"/api/v1/audits/campaigns/{campaign}/invitations", json={"invite": ["kim", "dana"]}
    )
    assert more.json() == {"invited": 1}
    denied = site_.api("dana").post(
        f"/api/v1/audits/campaigns/{campaign}/invitations", json={"invite": ["sam"]}
    )
    assert denied.status_code == 403


def test_only_who_runs_a_campaign_invites_more_on_its_page(site_: Site) -> None:
    campaign = start(site_, ("dana",))
    dana = site_.browser("dana")
    page = dana.get(f"/audit/{campaign}").text
    assert 'aria-label="Invite more"' not in page
    refused = dana.post(
        f"/audit/{campaign}/invite", data={"csrf_token": csrf_of(page), "invite": ["lee"]}
    )
    assert refused.status_code == 403
    maria = site_.browser("maria")
    page = maria.get(f"/audit/{campaign}").text
    assert 'aria-label="Invite more"' in page and 'value="ryan"' not in page
    sent = maria.post(
        f"/audit/{campaign}/invite", data={"csrf_token": csrf_of(page), "invite": ["lee", "sam"]}
    )
    assert sent.status_code == 303
    assert "0</span> of 3 answered" in maria.get(f"/audit/{campaign}").text
    outside = site_.browser("ryan")
    token = csrf_of(outside.get("/audit").text)
    answer = outside.post(
        f"/audit/{campaign}/invite", data={"csrf_token": token, "invite": ["ryan"]}
    )
    assert answer.status_code == 404
