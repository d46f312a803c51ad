"""The assessment pages and API: the self-assessment beside the calls, rating links (the
audit campaigns: test_audit_campaigns)."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from tests.web.conftest import Site, csrf_of
from trustworks.assess import self_questionnaire
from trustworks.ledger import tables as t


def _self_answers(key: str) -> dict[str, str]:
    return {i.id: key for i in self_questionnaire().items}


def _count(site: Site, table: type[t.Base]) -> int:
    with site.ledger.session() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_the_self_assessment_sits_beside_others_ratings(site: Site) -> None:
    client = site.browser("ryan")
    assert client.get("/self").headers["location"] == "/self/answer"  # none yet: take it first
    page = client.get("/self/answer")
    form = {f"answer.{k}": v for k, v in _self_answers("always").items()}
    sent = client.post("/self/answer", data={"csrf_token": csrf_of(page.text), **form})
    assert sent.status_code == 303
    report = client.get("/self")
    assert report.status_code == 200 and "No analysed conversations yet" in report.text
    invited = client.post(
        "/self/invite",
        data={"csrf_token": csrf_of(report.text), "rater": "Dana at Contoso", "relation": "client"},
    )
    assert invited.status_code == 303
    shown = client.get(invited.headers["location"])
    link = re.search(
        r'class="share-link" readonly value="http://testserver(/rate/[^"]+)"', shown.text
    )
    assert link is not None
    assert "Dana at Contoso (client): asked" in shown.text

    rater = site.browser()  # not signed in
    form_page = rater.get(link.group(1))
    assert form_page.status_code == 200 and "How do you see Ryan Cole?" in form_page.text
    assert "They can explain how their advice fits your situation" in form_page.text
    half = {f"answer.{k}": "sometimes" for k in list(_self_answers("x"))[:4]}
    short = rater.post(link.group(1), data=half)
    assert short.status_code == 422 and "12 question(s) need an answer" in short.text
    full = {f"answer.{k}": v for k, v in _self_answers("sometimes").items()}
    done = rater.post(link.group(1), data=full)
    assert done.status_code == 200 and "Thank you" in done.text
    again = rater.post(link.group(1), data=full)
    assert again.status_code == 409 and "the first answers are kept" in again.text

    report = client.get("/self")
    assert "Rated by others (1)" in report.text
    assert "Largest gap with others: <strong>credibility</strong>" in report.text
    assert report.text.count('<rect class="bar others"') == 5


def test_self_reports_follow_who_may_see_whom(site: Site) -> None:
    for person in ("dana", "ryan"):
        site.api(person).post(
            "/api/v1/self-assessments", json={"answers": _self_answers("often")}
        ).raise_for_status()
    maria = site.browser("maria")  # Dana's manager
    assert maria.get("/self", params={"person": "Dana Whitfield"}).status_code == 200
    assert maria.get("/self", params={"person": "Ryan Cole"}).status_code == 403
    api = site.api("dana")
    assert (
        api.get("/api/v1/self-assessments/report", params={"person": "Ryan Cole"}).status_code
        == 403
    )
    own = api.get("/api/v1/self-assessments/report").json()
    assert own["person"] == "Dana Whitfield" and own["rated_by_others"]["ratings"] == []
    chart = maria.get("/self/chart.svg", params={"person": "Dana Whitfield", "chart": "trend"})
    assert chart.status_code == 200 and chart.content.startswith(b"<?xml")
    assert maria.get("/self/chart.svg", params={"person": "Ryan Cole"}).status_code == 403


def test_rating_links_through_the_api(site: Site) -> None:
    ryan = site.api("ryan")
    made = ryan.post("/api/v1/rating-links", json={"rater": "Sam", "relation": "colleague"})
    assert made.status_code == 201
    token = made.json()["token"]
    assert made.json()["url"].endswith(f"/rate/{token}")
    anonymous = site.browser()
    opened = anonymous.get(f"/api/v1/ratings/{token}").json()
    assert opened["person"] == "Ryan Cole" and len(opened["items"]) == 16
    answers = {i["id"]: "often" for i in opened["items"]}
    assert anonymous.post(f"/api/v1/ratings/{token}", json={"answers": answers}).status_code == 201
    assert anonymous.post(f"/api/v1/ratings/{token}", json={"answers": answers}).status_code == 409
    assert anonymous.get("/api/v1/ratings/not-a-token").status_code == 404
    bad = ryan.post("/api/v1/rating-links", json={"rater": "Sam", "relation": "boss"})
    assert bad.status_code == 422
    assert anonymous.post("/api/v1/rating-links", json={"rater": "Sam"}).status_code == 401


def test_hostile_names_are_escaped(site: Site) -> None:
    client = site.api("dana")
    hostile = '<script>alert("x")</script>'
    made = site.api("maria").post(
        "/api/v1/audits/campaigns",
        json={
            "organisation": hostile,
            "audience": hostile,
            "opens_on": "2026-01-01",
            "closes_on": "2026-01-02",
            "invite": ["dana"],
        },
    )
    assert made.status_code == 201, made.text
    page = site.browser("dana").get(f"/audit/{made.json()['id']}/report")
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text
    link = client.post("/api/v1/rating-links", json={"rater": hostile}).json()
    form = site.browser().get(f"/rate/{link['token']}")
    assert "<script>alert" not in form.text


def test_assessment_routes_need_a_signed_in_user(site: Site) -> None:
    anonymous = site.browser()
    for path in ("/audit", "/audit/1", "/audit/1/report", "/audit/1/chart.png", "/self",
                 "/self/answer", "/self/chart.svg"):  # fmt: skip
        answer = anonymous.get(path)
        assert (answer.status_code, answer.headers["location"]) == (
            303,
            f"/login?next={path.split('?')[0]}",
        )
    for path in ("/audit/campaigns", "/audit/1", "/audit/1/invite", "/self/answer",
                 "/self/invite"):  # fmt: skip
        assert anonymous.post(path, data={"rater": "x"}).status_code == 303
    for method, path in (
        ("GET", "/api/v1/questionnaires/audit"),
        ("GET", "/api/v1/audits/campaigns"),
        ("POST", "/api/v1/audits/campaigns"),
        ("POST", "/api/v1/audits/campaigns/1/invitations"),
        ("GET", "/api/v1/audits/campaigns/1/answers"),
        ("PUT", "/api/v1/audits/campaigns/1/answers"),
        ("GET", "/api/v1/audits/campaigns/1/report"),
        ("POST", "/api/v1/self-assessments"),
        ("GET", "/api/v1/self-assessments/report"),
        ("POST", "/api/v1/rating-links"),
    ):
        assert anonymous.request(method, path, json={}).status_code == 401, path
