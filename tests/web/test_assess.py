"""The assessment pages and API: the audit, the self-assessment beside the calls, rating links."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tests.web.conftest import Site, csrf_of
from trustworks.assess import audit_questionnaire, self_questionnaire
from trustworks.ledger import tables as t


def _audit_form(position: int, **overrides: str) -> dict[str, str]:
    answers = {f"answer.{i.id}": i.options[position].key for i in audit_questionnaire().items}
    answers.update({f"answer.{k}": v for k, v in overrides.items()})
    return answers


def _self_answers(key: str) -> dict[str, str]:
    return {i.id: key for i in self_questionnaire().items}


def _count(site: Site, table: type[t.Base]) -> int:
    with site.ledger.session() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_the_audit_is_answered_on_its_page_and_reported(site: Site) -> None:
    client = site.browser("dana")
    page = client.get("/audit")
    assert page.status_code == 200
    assert page.text.count('type="radio"') == sum(
        len(i.options) for i in audit_questionnaire().items
    )
    form = {"csrf_token": csrf_of(page.text), "organisation": "Acme", "taken_on": "2026-01-05"}
    sent = client.post("/audit", data={**form, **_audit_form(-1, ndas="before_first_meeting")})
    assert sent.status_code == 303
    assert sent.headers["location"].endswith("/audit/report?organisation=Acme")
    report = client.get("/audit/report", params={"organisation": "acme"})
    assert report.status_code == 200
    score = re.search(r"data-score>(\d+)<", report.text)
    assert score is not None and int(score.group(1)) == round(1400 / 15)
    assert "Non-disclosure agreements" in report.text and "Hold back NDAs" in report.text
    assert report.text.count('<rect class="bar practice"') == len(audit_questionnaire().items)
    assert 'href="/audit/chart.png?organisation=Acme&amp;chart=items"' in report.text


def test_an_incomplete_audit_names_each_missing_item_and_records_nothing(site: Site) -> None:
    client = site.browser("dana")
    token = csrf_of(client.get("/audit").text)
    answers = _audit_form(0)
    del answers["answer.ndas"], answers["answer.fine_print"]
    sent = client.post("/audit", data={"csrf_token": token, "organisation": "Acme", **answers})
    assert sent.status_code == 422
    assert "2 question(s) need an answer; nothing was recorded." in sent.text
    assert sent.text.count('class="question missing"') == 2
    assert 'id="q-ndas" class="question missing"' in sent.text
    # What was answered stays ticked, so nothing has to be answered twice.
    assert sent.text.count("checked") == len(audit_questionnaire().items) - 2
    assert _count(site, t.AuditResponse) == 0


def test_a_second_audit_on_one_day_is_refused_and_the_first_kept(site: Site) -> None:
    client = site.browser("dana")
    token = csrf_of(client.get("/audit").text)
    form = {"csrf_token": token, "organisation": "Acme", "taken_on": "2026-01-05"}
    assert client.post("/audit", data={**form, **_audit_form(0)}).status_code == 303
    again = client.post("/audit", data={**form, "organisation": " ACME ", **_audit_form(-1)})
    assert again.status_code == 409
    assert "already answered the trust audit for Acme on 2026-01-05" in again.text
    assert _count(site, t.AuditResponse) == 1


def test_audit_forms_need_the_csrf_token(site: Site) -> None:
    client = site.browser("dana")
    sent = client.post("/audit", data={"organisation": "Acme", **_audit_form(0)})
    assert sent.status_code == 403
    assert _count(site, t.AuditResponse) == 0


@pytest.mark.parametrize(
    ("fmt", "magic"), [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")]
)
def test_audit_charts_download_in_each_format(site: Site, fmt: str, magic: bytes) -> None:
    client = site.api("dana")
    answers = {i.id: i.options[1].key for i in audit_questionnaire().items}
    client.post("/api/v1/audits", json={"organisation": "Acme", "answers": answers})
    for chart in ("items", "rounds"):
        got = client.get(f"/audit/chart.{fmt}", params={"organisation": "Acme", "chart": chart})
        assert got.status_code == 200, got.text
        assert got.content.startswith(magic)
    assert client.get("/audit/chart.gif", params={"organisation": "Acme"}).status_code == 404
    bad = client.get("/audit/chart.png", params={"organisation": "Acme", "chart": "pie"})
    assert bad.status_code == 422


def test_the_audit_api_records_and_reports(site: Site) -> None:
    dana, ryan = site.api("dana"), site.api("ryan")
    questions = dana.get("/api/v1/questionnaires/audit").json()
    assert questions["items"][0]["id"] == "non_competes"
    best = {i["id"]: max(i["options"], key=lambda o: o["trust"])["key"] for i in questions["items"]}
    worst = {i["id"]: i["options"][0]["key"] for i in questions["items"]}
    assert (
        dana.post("/api/v1/audits", json={"organisation": "Acme", "answers": best}).status_code
        == 201
    )
    made = ryan.post("/api/v1/audits", json={"organisation": "acme", "answers": worst})
    assert made.status_code == 201
    doc = made.json()
    assert {r["name"] for r in doc["latest"]["respondents"]} == {"Dana Whitfield", "Ryan Cole"}
    assert doc["latest"]["score"]["min"] == 0.0 and doc["latest"]["score"]["max"] == 100.0
    assert dana.get("/api/v1/audits/report", params={"organisation": "ACME"}).json() == doc


def test_the_audit_api_refuses_incomplete_answers_with_every_problem(site: Site) -> None:
    client = site.api("dana")
    answers = {i.id: i.options[0].key for i in audit_questionnaire().items}
    del answers["ndas"]
    answers["non_competes"] = "perhaps"
    sent = client.post("/api/v1/audits", json={"organisation": "Acme", "answers": answers})
    assert sent.status_code == 422
    problems = {p["item"] for p in sent.json()["error"]["problems"]}
    assert problems == {"ndas", "non_competes"}
    assert _count(site, t.AuditResponse) == 0
    assert client.get("/api/v1/questionnaires/quiz").status_code == 404
    missing = client.get("/api/v1/audits/report", params={"organisation": "Nobody"})
    assert missing.status_code == 404


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
    answers = {i.id: i.options[0].key for i in audit_questionnaire().items}
    hostile = '<script>alert("x")</script>'
    client.post("/api/v1/audits", json={"organisation": hostile, "answers": answers})
    page = site.browser("dana").get("/audit/report", params={"organisation": hostile})
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text
    link = client.post("/api/v1/rating-links", json={"rater": hostile}).json()
    form = site.browser().get(f"/rate/{link['token']}")
    assert "<script>alert" not in form.text


def test_assessment_routes_need_a_signed_in_user(site: Site) -> None:
    anonymous = site.browser()
    for path in ("/audit", "/audit/report?organisation=Acme", "/audit/chart.png", "/self",
                 "/self/answer", "/self/chart.svg"):  # fmt: skip
        answer = anonymous.get(path)
        assert (answer.status_code, answer.headers["location"]) == (
            303,
            f"/login?next={path.split('?')[0]}",
        )
    for path in ("/audit", "/self/answer", "/self/invite"):
        assert anonymous.post(path, data={"rater": "x"}).status_code == 303
    for method, path in (
        ("GET", "/api/v1/questionnaires/audit"),
        ("POST", "/api/v1/audits"),
        ("GET", "/api/v1/audits/report?organisation=Acme"),
        ("POST", "/api/v1/self-assessments"),
        ("GET", "/api/v1/self-assessments/report"),
        ("POST", "/api/v1/rating-links"),
    ):
        assert anonymous.request(method, path, json={}).status_code == 401, path
