"""The story exchange's pages and API: who may do what, forms with CSRF, errors that change
nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.web.conftest import Site, csrf_of
from trustworks.ledger import tables as t
from trustworks.stories import add_programme, add_story, ask_question, attribute, enrol
from trustworks.web.routes import stories

END = dt.date(2026, 3, 31)
STORY = {
    "lesson": "Listen first",
    "situation": "A COO asked for a demo.",
    "action": "I asked what they wanted to fix first.",
    "outcome": "They asked for a proposal.",
    "happened_on": "2026-04-05",
    "success": True,
}


@pytest.fixture
def programme(site: Site) -> int:
    """Dana (user dana) and Lee (no web user) enrolled; ryan is not."""
    with site.ledger.session() as s:
        row = add_programme(s, "Trusted Advisor", END, lessons=["Listen first", "Price plainly"])
        enrol(s, row.id, "Dana Whitfield")  # linked to dana by her ledger name
        enrol(s, row.id, "Lee Park")
        return row.id


def _count(site: Site, table: type[t.Base]) -> int:
    with site.ledger.session() as s:
        return s.scalar(select(func.count()).select_from(table)) or 0


def test_api_participant_posts_a_story_and_reads_it_back(site: Site, programme: int) -> None:
    dana = site.api("dana")
    answer = dana.post(f"/api/v1/programmes/{programme}/stories", json=STORY)
    assert answer.status_code == 201, answer.text
    assert answer.json()["participant"] == "Dana Whitfield"
    items = dana.get(f"/api/v1/programmes/{programme}/stories").json()["items"]
    assert [(s["participant"], s["lesson"], s["success"]) for s in items] == [
        ("Dana Whitfield", "Listen first", True)
    ]
    assert [p["name"] for p in dana.get("/api/v1/programmes").json()["items"]] == [
        "Trusted Advisor"
    ]


@pytest.mark.parametrize(
    ("change", "status", "message"),
    [
        ({"situation": ""}, 422, "situation"),
        ({"outcome": None}, 422, "outcome"),
        ({"happened_on": "soon"}, 422, "happened_on"),
        ({"lesson": "Cold calling"}, 404, "no lesson"),
        ({"participant": "Lee Park"}, 403, "only as themselves"),
    ],
)
def test_api_bad_story_is_refused_and_stores_nothing(
    site: Site, programme: int, change: dict[str, object], status: int, message: str
) -> None:
    answer = site.api("dana").post(f"/api/v1/programmes/{programme}/stories", json=STORY | change)
    assert answer.status_code == status, answer.text
    assert message in answer.json()["error"]["message"]
    assert _count(site, t.Story) == 0


def test_api_duplicate_story_and_sale_are_conflicts(site: Site, programme: int) -> None:
    dana = site.api("dana")
    assert dana.post(f"/api/v1/programmes/{programme}/stories", json=STORY).status_code == 201
    again = dana.post(f"/api/v1/programmes/{programme}/stories", json=STORY)
    assert again.status_code == 409 and "already shared" in again.json()["error"]["message"]
    sale = {"client": "Acme", "amount": 1000, "sold_on": "2026-04-09", "share": 40, "reason": "r"}
    first = dana.post(f"/api/v1/programmes/{programme}/attributions", json=sale)
    assert first.status_code == 201 and first.json()["attributed"] == "400.00"
    assert dana.post(f"/api/v1/programmes/{programme}/attributions", json=sale).status_code == 409
    assert (_count(site, t.Story), _count(site, t.Attribution)) == (1, 1)


@pytest.mark.parametrize(
    "change", [{"share": 101}, {"share": -1}, {"amount": -1}, {"amount": "ten"}, {"client": ""}]
)
def test_api_bad_attribution_is_a_422_and_stores_nothing(
    site: Site, programme: int, change: dict[str, object]
) -> None:
    sale = {"client": "Acme", "amount": 1000, "sold_on": "2026-04-09", "share": 40, "reason": "r"}
    answer = site.api("dana").post(
        f"/api/v1/programmes/{programme}/attributions", json=sale | change
    )
    assert answer.status_code == 422, answer.text
    assert _count(site, t.Attribution) == 0


def test_api_leaders_run_programmes_and_participants_do_not(site: Site, programme: int) -> None:
    body = {"name": "Second", "ended_on": "2026-06-30", "lessons": ["One"]}
    assert site.api("dana").post("/api/v1/programmes", json=body).status_code == 403
    made = site.api("maria").post("/api/v1/programmes", json=body)
    assert made.status_code == 201 and [x["title"] for x in made.json()["lessons"]] == ["One"]
    dana = site.api("dana")
    for path in ("report", "nudges"):
        assert dana.get(f"/api/v1/programmes/{programme}/{path}").status_code == 403, path
    assert (
        dana.post(f"/api/v1/programmes/{programme}/lessons", json={"title": "X"}).status_code == 403
    )
    assert (
        dana.post(f"/api/v1/programmes/{programme}/participants", json={"name": "X"}).status_code
        == 403
    )
    root = site.api("root")
    assert (
        root.post(f"/api/v1/programmes/{programme}/participants", json={"name": "Kim"}).status_code
        == 201
    )
    assert root.get(f"/api/v1/programmes/{programme}/report").json()["without_story"] == [
        "Dana Whitfield",
        "Kim",
        "Lee Park",
    ]


def test_api_a_user_not_enrolled_finds_nothing(site: Site, programme: int) -> None:
    ryan = site.api("ryan")
    assert ryan.get("/api/v1/programmes").json()["items"] == []
    assert ryan.get(f"/api/v1/programmes/{programme}").status_code == 404
    assert ryan.post(f"/api/v1/programmes/{programme}/stories", json=STORY).status_code == 404
    with site.ledger.session() as s:
        story_id = add_story(
            s,
            programme,
            "Lee Park",
            "Listen first",
            **{k: v for k, v in STORY.items() if k != "lesson"},
        ).id
    assert ryan.post(f"/api/v1/stories/{story_id}/comments", json={"text": "hi"}).status_code == 404
    assert _count(site, t.StoryComment) == 0


def test_api_tease_out_only_leaders_ask_only_the_teller_answers(site: Site, programme: int) -> None:
    dana = site.api("dana")
    story_id = dana.post(f"/api/v1/programmes/{programme}/stories", json=STORY).json()["id"]
    assert (
        dana.post(f"/api/v1/stories/{story_id}/questions", json={"text": "Why?"}).status_code == 403
    )
    asked = site.api("maria").post(f"/api/v1/stories/{story_id}/questions", json={"text": "Why?"})
    assert asked.status_code == 201
    question = asked.json()["id"]
    with site.ledger.session() as s:
        enrol(s, programme, "Ryan Cole")  # enrolled, but not the teller
    ryan = site.api("ryan")
    assert ryan.post(f"/api/v1/questions/{question}/answer", json={"text": "x"}).status_code == 403
    assert ryan.get(f"/api/v1/programmes/{programme}/questions").json()["count"] == 0
    assert dana.get(f"/api/v1/programmes/{programme}/questions").json()["count"] == 1
    answered = dana.post(f"/api/v1/questions/{question}/answer", json={"text": "Because."})
    assert answered.status_code == 200 and answered.json()["answer"] == "Because."
    assert dana.post(f"/api/v1/questions/{question}/answer", json={"text": "x"}).status_code == 409
    nudged = site.api("maria").get(f"/api/v1/programmes/{programme}/nudges?date=2026-05-01").json()
    assert [d["participant"] for d in nudged["without_story"]] == ["Lee Park", "Ryan Cole"]
    assert nudged["open_questions"] == []


def test_api_report_sums_revenue_and_attributions_are_private(site: Site, programme: int) -> None:
    with site.ledger.session() as s:
        for who, amount in (("Dana Whitfield", 1000), ("Lee Park", 3000)):
            attribute(
                s,
                programme,
                who,
                client="Acme",
                amount=amount,
                share=50,
                sold_on="2026-04-09",
                reason="r",
            )
    report = site.api("root").get(f"/api/v1/programmes/{programme}/report").json()
    assert report["revenue"] == "2000.00" and len(report["attributions"]) == 2
    mine = site.api("dana").get(f"/api/v1/programmes/{programme}/attributions").json()
    assert [a["participant"] for a in mine["items"]] == ["Dana Whitfield"]
    schema = site.app.openapi()
    assert "/api/v1/programmes/{ident}/report" in schema["paths"]
    assert {"StoryIn", "AttributionIn", "StoryRecord", "Nudges"} <= set(
        schema["components"]["schemas"]
    )


def test_page_story_form_posts_with_csrf_and_shows_the_story(site: Site, programme: int) -> None:
    dana = site.browser("dana")
    page = dana.get(f"/programmes/{programme}")
    assert page.status_code == 200 and "Prompt of the week" in page.text
    assert "you have not shared a story yet" in page.text  # the programme ended months ago
    assert "since you last named a sale" in page.text
    form = {k: str(v) for k, v in STORY.items()} | {"lesson": "1", "success": "yes"}
    refused = dana.post(f"/programmes/{programme}/stories", data=form)
    assert refused.status_code == 403 and _count(site, t.Story) == 0  # no CSRF token
    sent = dana.post(
        f"/programmes/{programme}/stories", data=form | {"csrf_token": csrf_of(page.text)}
    )
    assert sent.status_code == 303, sent.text
    shown = dana.get(sent.headers["location"])
    assert "A COO asked for a demo." in shown.text and "Saved: story" in shown.text
    assert "you have not shared a story yet" not in shown.text
    assert (
        "you have not shared a story yet"
        not in site.browser("maria").get(f"/programmes/{programme}").text
    )  # a leader not enrolled is nudged on the nudges page, not here


def test_page_incomplete_story_shows_the_form_again_with_the_error(
    site: Site, programme: int
) -> None:
    dana = site.browser("dana")
    token = csrf_of(dana.get(f"/programmes/{programme}").text)
    form = {k: str(v) for k, v in STORY.items()} | {
        "lesson": "1",
        "success": "yes",
        "outcome": " ",
        "csrf_token": token,
    }
    again = dana.post(f"/programmes/{programme}/stories", data=form)
    assert again.status_code == 422
    assert "outcome: is required" in again.text and "A COO asked for a demo." in again.text
    unsaid = dana.post(
        f"/programmes/{programme}/stories", data=form | {"outcome": "x", "success": ""}
    )
    assert unsaid.status_code == 422 and "say whether it worked" in unsaid.text
    assert _count(site, t.Story) == 0


def test_page_leader_creates_a_programme_and_reads_report_and_nudges(site: Site) -> None:
    maria = site.browser("maria")
    token = csrf_of(maria.get("/programmes").text)
    made = maria.post(
        "/programmes",
        data={
            "name": "Spring",
            "ended_on": "2026-03-31",
            "lessons": "Listen\nAsk",
            "csrf_token": token,
        },
    )
    assert made.status_code == 303
    ident = int(made.headers["location"].split("/")[2].split("?")[0])
    with site.ledger.session() as s:
        enrol(s, ident, "Dana Whitfield")
        story = add_story(
            s,
            ident,
            "Dana Whitfield",
            "Listen",
            **{k: v for k, v in STORY.items() if k != "lesson"},
        )
        ask_question(s, story.id, "Maria Gomez", "And then?")
    assert maria.get(f"/programmes/{ident}/report").text.count("Nothing to chart yet") == 1
    with site.ledger.session() as s:
        attribute(
            s,
            ident,
            "Dana Whitfield",
            client="Acme",
            amount=100,
            share=10,
            sold_on="2026-04-09",
            reason="r",
        )
    report = maria.get(f"/programmes/{ident}/report")
    assert report.status_code == 200
    assert report.text.count("<svg") == 1 and "no success yet: rethink" in report.text
    # One month of attributed revenue: said in words, not drawn as a lone dot.
    assert "Only one month so far (2026-04" in report.text
    assert "And then?" in maria.get(f"/programmes/{ident}/nudges").text
    for path, magic in (
        ("report.pdf", b"%PDF"),
        ("report.html", b"<!doctype"),
        ("charts/lessons.png", b"\x89PNG"),
        ("charts/revenue.svg", b"<?xml"),
    ):
        got = maria.get(f"/programmes/{ident}/{path}")
        assert got.status_code == 200 and got.content.startswith(magic), path
    assert maria.get(f"/programmes/{ident}/charts/pie.png").status_code == 404
    dana = site.browser("dana")
    assert dana.get(f"/programmes/{ident}/report").status_code == 403
    assert "And then?" in dana.get(f"/programmes/{ident}").text  # her question to answer
    assert site.browser("ryan").get(f"/programmes/{ident}").status_code == 404


def test_page_duplicate_programme_name_is_shown_not_stored(site: Site, programme: int) -> None:
    root = site.browser("root")
    token = csrf_of(root.get("/programmes").text)
    again = root.post(
        "/programmes",
        data={"name": "trusted advisor", "ended_on": "2026-03-31", "csrf_token": token},
    )
    assert again.status_code == 409 and "already exists" in again.text
    assert _count(site, t.Programme) == 1


def test_page_programmes_needs_sign_in(site: Site) -> None:
    answer = site.browser().get("/programmes")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


# A valid body for each API write, so that what is refused is the access, not the input.
BODIES: dict[str, dict[str, object]] = {
    "/stories": STORY,
    "/attributions": {
        "client": "A",
        "amount": 1,
        "sold_on": "2026-04-09",
        "share": 1,
        "reason": "r",
    },
    "/lessons": {"title": "New"},
    "/participants": {"name": "Ryan Cole"},
    "/comments": {"text": "x"},
    "/questions": {"text": "x"},
    "/answer": {"text": "x"},
}


def _every_route(programme: int, story: int, question: int) -> list[tuple[str, str, str]]:
    """(router, method, path) of every story exchange route, its parameters filled in."""
    values = {"ident": programme, "story_id": story, "question_id": question, "fmt": "pdf"}
    found = []
    for name, router in (("api", stories.api), ("pages", stories.pages)):
        for route in router.routes:
            path = route.path  # type: ignore[attr-defined]
            path = path.replace("{chart}.{fmt}", "lessons.png").format(**values)
            for method in sorted(route.methods):  # type: ignore[attr-defined]
                found.append((name, method, path))
    return found


def _filled(site: Site, programme: int) -> tuple[int, int]:
    with site.ledger.session() as s:
        story = add_story(
            s,
            programme,
            "Lee Park",
            "Listen first",
            **{k: v for k, v in STORY.items() if k != "lesson"},
        )
        question = ask_question(s, story.id, "Maria Gomez", "Then?")
        return story.id, question.id


def test_every_route_hides_a_programme_from_a_user_not_enrolled(site: Site, programme: int) -> None:
    story, question = _filled(site, programme)
    routes = _every_route(programme, story, question)
    assert len(routes) == 29
    tables = (
        t.Programme,
        t.Lesson,
        t.Participant,
        t.Story,
        t.StoryComment,
        t.FollowUp,
        t.Attribution,
    )
    before = [_count(site, table) for table in tables]
    api, page = site.api("ryan"), site.browser("ryan")
    token = csrf_of(page.get("/programmes").text)
    for name, method, path in routes:
        if path in ("/programmes", "/api/v1/programmes" if name == "api" else ""):
            continue  # the list (his own: none) and creating (a leader's): below
        if name == "api":
            body = next((b for end, b in BODIES.items() if path.endswith(end)), None)
            answer = api.request(method, f"/api/v1{path}", json=body)
            assert answer.status_code == 404, (method, path, answer.text)
        else:
            data = {"csrf_token": token} if method == "POST" else None
            answer = page.request(method, path, data=data)
            assert answer.status_code == 404, (method, path, answer.text)
    assert [_count(site, table) for table in tables] == before
    assert (
        page.post(
            "/programmes", data={"name": "X", "ended_on": "2026-01-01", "csrf_token": token}
        ).status_code
        == 403
    )
    assert api.get("/api/v1/programmes").json()["count"] == 0


def test_every_route_needs_sign_in(site: Site, programme: int) -> None:
    story, question = _filled(site, programme)
    anonymous = site.browser()
    for name, method, path in _every_route(programme, story, question):
        if name == "api":
            assert anonymous.request(method, f"/api/v1{path}").status_code == 401, path
        else:
            answer = anonymous.request(method, path)
            assert answer.status_code in (303, 401, 403), (method, path)
