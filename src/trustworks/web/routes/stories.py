"""The training story exchange over the web: pages under /programmes and the JSON API under
/api/v1/programmes, /api/v1/stories and /api/v1/questions.

Leaders (admins and managers) create programmes, enrol participants, tease stories out and read
the reports; participants (the signed-in users enrolled) read their programme's stories, post
stories and attributions, comment and answer what they are asked. Each handler parses the
input, calls trustworks.stories, renders.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from trustworks.conversation import fold_name
from trustworks.errors import FieldError, NotFoundError, TrustworksError
from trustworks.ledger import tables as t
from trustworks.ledger._checks import row_id
from trustworks.ledger.access import Scope
from trustworks.ledger.attributions import credited
from trustworks.ledger.money import EXACT, Amount
from trustworks.ledger.programmes import find_participant
from trustworks.ledger.snippets import lesson_snippets
from trustworks.report.figures import MEDIA_TYPES
from trustworks.stories import (
    CHARTS,
    Nudges,
    ProgrammeInfo,
    ProgrammeReport,
    QuestionRecord,
    StoryRecord,
    add_comment,
    add_lesson,
    add_programme,
    add_story,
    answer_question,
    ask_question,
    attribute,
    attribution_due,
    attributions,
    chart_bytes,
    enrol,
    find_story,
    list_programmes,
    list_stories,
    nudges,
    open_questions,
    programme_info,
    programme_report,
    programmes_of_user,
    prompt_of_the_week,
    report_html,
    report_pdf,
    without_story,
)
from trustworks.stories.access import is_leader, visible_programme
from trustworks.web.auth import Caller, caller, ledger_of
from trustworks.web.charts import Series, bar_chart, line_chart
from trustworks.web.errors import ForbiddenError, status_for
from trustworks.web.routes.pages import Who, render

pages = APIRouter(include_in_schema=False)
api = APIRouter(tags=["story exchange"])
CallerDep = Annotated[Caller, Depends(caller)]
TextField = Annotated[str, Form(max_length=5000)]
ShortField = Annotated[str, Form(max_length=200)]


# ---- rules shared by pages and API -------------------------------------------------------


def _lead(scope: Scope) -> None:
    if not is_leader(scope):
        raise ForbiddenError("only admins and managers run programmes")


def _poster(
    session: Session, scope: Scope, programme: t.Programme, me: t.Participant | None, named: str
) -> t.Participant:
    """A participant posts as themselves; a leader names whom they post for."""
    if named.strip() and is_leader(scope):
        return find_participant(session, programme, named)
    if me is None:
        raise NotFoundError(f"you are not a participant of {programme.name!r}")
    if named.strip() and fold_name(named) not in (fold_name(me.name), str(me.id)):
        raise ForbiddenError("participants post only as themselves")
    return me


def _visible_story(
    session: Session, scope: Scope, story_id: int
) -> tuple[t.Story, t.Participant | None]:
    story = find_story(session, story_id)
    try:
        _, me = visible_programme(session, scope, story.programme_id)
    except NotFoundError:
        raise NotFoundError(f"no story {story_id}") from None
    return story, me


def _answerable(session: Session, scope: Scope, question_id: int) -> None:
    """Only the story's teller (or a leader) answers its follow-up questions."""
    number = row_id(question_id)
    question = session.get(t.FollowUp, number) if number is not None else None
    if question is None:
        raise NotFoundError(f"no question {question_id}")
    story, me = _visible_story(session, scope, question.story_id)
    if not is_leader(scope) and (me is None or me.id != story.participant_id):
        raise ForbiddenError("only the story's teller answers its questions")


def _report(session: Session, scope: Scope, ident: int) -> ProgrammeReport:
    visible_programme(session, scope, ident)
    _lead(scope)
    return programme_report(session, ident)


def _json(value: Any) -> Any:
    # Amounts as text: jsonable_encoder would turn a Decimal into a float and round it.
    return jsonable_encoder(value, custom_encoder=EXACT)


# ---- pages ---------------------------------------------------------------------------------


@pages.get("/programmes")
def programmes_page(request: Request, who: Who, error: str | None = None) -> Response:
    with ledger_of(request).session() as session:
        found = (
            list_programmes(session)
            if is_leader(who.scope)
            else programmes_of_user(session, who.scope.user_id)
        )
    return render(
        request,
        who,
        "programmes.html",
        programmes=found,
        leader=is_leader(who.scope),
        error=None,
        form={},
    )


@pages.post("/programmes")
def programme_create(
    request: Request,
    who: Who,
    name: ShortField = "",
    ended_on: ShortField = "",
    started_on: ShortField = "",
    lessons: TextField = "",
    description: TextField = "",
) -> Response:
    _lead(who.scope)
    form = {
        "name": name,
        "ended_on": ended_on,
        "started_on": started_on,
        "lessons": lessons,
        "description": description,
    }
    try:
        with ledger_of(request).session() as session:
            row = add_programme(
                session,
                name,
                ended_on,
                started_on=started_on or None,
                description=description,
                lessons=[x for x in lessons.splitlines() if x.strip()],
            )
            ident = row.id
    except TrustworksError as exc:
        with ledger_of(request).session() as session:
            found = list_programmes(session)
        return render(
            request,
            who,
            "programmes.html",
            status_for(exc),
            programmes=found,
            leader=True,
            error=str(exc),
            form=form,
        )
    return RedirectResponse(f"/programmes/{ident}?saved=programme", status_code=303)


def _programme_page(
    request: Request,
    who: Caller,
    ident: int,
    *,
    status: int = 200,
    error: str | None = None,
    form: dict[str, str] | None = None,
    saved: str | None = None,
) -> Response:
    today = dt.date.today()
    with ledger_of(request).session() as session:
        programme, me = visible_programme(session, who.scope, ident)
        info = programme_info(session, programme.id)
        found = list_stories(session, programme.id)
        prompt = prompt_of_the_week(session, programme.id, today)
        mine = open_questions(session, programme.id, participant_id=me.id) if me else []
        # Moments of calls kept as teaching examples, those whose seller consents (snippets).
        examples = {x.id: lesson_snippets(session, x.id) for x in info.lessons}
        # The participant's own nudges: the same rules the leaders' view applies.
        mine_due = {
            kind: next((d for d in found_ if me and d.participant_id == me.id), None)
            for kind, found_ in (
                ("story", without_story(session, programme.id, today)),
                ("attribution", attribution_due(session, programme.id, today)),
            )
        }
    return render(
        request,
        who,
        "programme.html",
        status,
        programme=info,
        stories=found,
        prompt=prompt,
        me=me,
        my_questions=mine,
        my_nudges=mine_due,
        examples=examples,
        leader=is_leader(who.scope),
        error=error,
        form=form or {},
        saved=saved,
        today=today.isoformat(),
    )


@pages.get("/programmes/{ident}")
def programme_page(request: Request, who: Who, ident: int, saved: str | None = None) -> Response:
    return _programme_page(request, who, ident, saved=saved)


@pages.post("/programmes/{ident}/lessons")
def lesson_create(
    request: Request, who: Who, ident: int, title: ShortField = "", description: TextField = ""
) -> Response:
    try:
        with ledger_of(request).session() as session:
            visible_programme(session, who.scope, ident)
            _lead(who.scope)
            add_lesson(session, ident, title, description)
    except (NotFoundError, ForbiddenError):
        raise
    except TrustworksError as exc:
        return _programme_page(request, who, ident, status=status_for(exc), error=str(exc))
    return RedirectResponse(f"/programmes/{ident}?saved=lesson", status_code=303)


@pages.post("/programmes/{ident}/participants")
def participant_create(
    request: Request, who: Who, ident: int, name: ShortField = "", username: ShortField = ""
) -> Response:
    try:
        with ledger_of(request).session() as session:
            visible_programme(session, who.scope, ident)
            _lead(who.scope)
            enrol(session, ident, name, username=username.strip() or None)
    except ForbiddenError:
        raise
    except TrustworksError as exc:
        return _programme_page(request, who, ident, status=status_for(exc), error=str(exc))
    return RedirectResponse(f"/programmes/{ident}?saved=participant", status_code=303)


@pages.post("/programmes/{ident}/stories")
def story_create(
    request: Request,
    who: Who,
    ident: int,
    lesson: ShortField = "",
    situation: TextField = "",
    action: TextField = "",
    outcome: TextField = "",
    happened_on: ShortField = "",
    success: ShortField = "",
    participant: ShortField = "",
) -> Response:
    form = {
        "lesson": lesson,
        "situation": situation,
        "action": action,
        "outcome": outcome,
        "happened_on": happened_on,
        "success": success,
        "participant": participant,
    }
    try:
        if success not in ("yes", "no"):
            raise FieldError("success", "say whether it worked (yes or no)")
        with ledger_of(request).session() as session:
            programme, me = visible_programme(session, who.scope, ident)
            teller = _poster(session, who.scope, programme, me, participant)
            row = add_story(
                session,
                programme.id,
                teller.id,
                lesson,
                situation=situation,
                action=action,
                outcome=outcome,
                happened_on=happened_on,
                success=success == "yes",
            )
            story_id = row.id
    except ForbiddenError:
        raise
    except TrustworksError as exc:
        return _programme_page(
            request, who, ident, status=status_for(exc), error=str(exc), form=form
        )
    return RedirectResponse(f"/programmes/{ident}?saved=story#story-{story_id}", status_code=303)


@pages.post("/programmes/{ident}/attributions")
def attribution_create(
    request: Request,
    who: Who,
    ident: int,
    client: ShortField = "",
    amount: ShortField = "",
    sold_on: ShortField = "",
    share: ShortField = "",
    reason: TextField = "",
    participant: ShortField = "",
) -> Response:
    form = {
        "client": client,
        "amount": amount,
        "sold_on": sold_on,
        "share": share,
        "reason": reason,
        "participant": participant,
    }
    try:
        with ledger_of(request).session() as session:
            programme, me = visible_programme(session, who.scope, ident)
            seller = _poster(session, who.scope, programme, me, participant)
            attribute(
                session,
                programme.id,
                seller.id,
                client=client,
                amount=amount,
                sold_on=sold_on,
                share=share,
                reason=reason,
            )
    except ForbiddenError:
        raise
    except TrustworksError as exc:
        return _programme_page(
            request, who, ident, status=status_for(exc), error=str(exc), form=form
        )
    return RedirectResponse(f"/programmes/{ident}?saved=attribution", status_code=303)


@pages.post("/stories/{story_id}/comments")
def comment_create(request: Request, who: Who, story_id: int, body: TextField = "") -> Response:
    with ledger_of(request).session() as session:
        story, _ = _visible_story(session, who.scope, story_id)
        ident = story.programme_id
    try:
        with ledger_of(request).session() as session:
            add_comment(session, story_id, who.scope.seller, body)
    except TrustworksError as exc:
        return _programme_page(request, who, ident, status=status_for(exc), error=str(exc))
    return RedirectResponse(f"/programmes/{ident}#story-{story_id}", status_code=303)


@pages.post("/stories/{story_id}/questions")
def question_create(
    request: Request, who: Who, story_id: int, question: TextField = "", back: ShortField = ""
) -> Response:
    with ledger_of(request).session() as session:
        story, _ = _visible_story(session, who.scope, story_id)
        _lead(who.scope)
        ident = story.programme_id
    target = f"/programmes/{ident}/nudges" if back == "nudges" else f"/programmes/{ident}"
    try:
        with ledger_of(request).session() as session:
            ask_question(session, story_id, who.scope.seller, question)
    except TrustworksError as exc:
        return _programme_page(request, who, ident, status=status_for(exc), error=str(exc))
    return RedirectResponse(f"{target}?saved=question", status_code=303)


@pages.post("/questions/{question_id}/answer")
def question_answer(
    request: Request, who: Who, question_id: int, answer: TextField = ""
) -> Response:
    with ledger_of(request).session() as session:
        _answerable(session, who.scope, question_id)
        ident = session.get_one(
            t.Story, session.get_one(t.FollowUp, question_id).story_id
        ).programme_id
    try:
        with ledger_of(request).session() as session:
            answer_question(session, question_id, answer)
    except TrustworksError as exc:
        return _programme_page(request, who, ident, status=status_for(exc), error=str(exc))
    return RedirectResponse(f"/programmes/{ident}?saved=answer", status_code=303)


@pages.get("/programmes/{ident}/nudges")
def nudges_page(request: Request, who: Who, ident: int, saved: str | None = None) -> Response:
    today = dt.date.today()
    with ledger_of(request).session() as session:
        visible_programme(session, who.scope, ident)
        _lead(who.scope)
        found = nudges(session, ident, today)
        stories = list_stories(session, ident)
    return render(
        request,
        who,
        "programme_nudges.html",
        nudges=found,
        stories=stories,
        programme_id=ident,
        saved=saved,
    )


@pages.get("/programmes/{ident}/report")
def report_page(request: Request, who: Who, ident: int) -> Response:
    with ledger_of(request).session() as session:
        report = _report(session, who.scope, ident)
    lessons_chart = bar_chart(
        [(x.title, [float(x.stories), float(x.successes)]) for x in report.lessons],
        [("stories", "stories"), ("successes", "successes")],
        high=max([1.0, *(float(x.stories) for x in report.lessons)]),
        title="Stories and successes per lesson",
    )
    revenue_chart = line_chart(
        [
            Series(
                "attributed in the month", "revenue", [float(m.attributed) for m in report.by_month]
            ),
            Series("running total", "cumulative", [float(m.cumulative) for m in report.by_month]),
        ],
        [m.month for m in report.by_month],
        high=max([1.0, *(float(m.cumulative) for m in report.by_month)]),
        title="Revenue attributed over time",
        unit="month",
    )
    return render(
        request,
        who,
        "programme_report.html",
        report=report,
        lessons_chart=lessons_chart,
        revenue_chart=revenue_chart,
        charts=CHARTS,
    )


@pages.get("/programmes/{ident}/report.{fmt}")
def report_download(request: Request, who: Who, ident: int, fmt: str) -> Response:
    if fmt not in ("html", "pdf"):
        raise NotFoundError(f"no report as {fmt!r}: html or pdf")
    with ledger_of(request).session() as session:
        report = _report(session, who.scope, ident)
    data = report_html(report).encode() if fmt == "html" else report_pdf(report)
    media = "text/html; charset=utf-8" if fmt == "html" else MEDIA_TYPES["pdf"]
    return Response(data, media_type=media, headers=_attachment(f"programme-{ident}-report.{fmt}"))


@pages.get("/programmes/{ident}/charts/{chart}.{fmt}")
def chart_download(request: Request, who: Who, ident: int, chart: str, fmt: str) -> Response:
    if fmt not in MEDIA_TYPES or chart not in CHARTS:
        raise NotFoundError(f"no chart {chart}.{fmt}")
    with ledger_of(request).session() as session:
        report = _report(session, who.scope, ident)
    return Response(
        chart_bytes(report, chart, fmt),
        media_type=MEDIA_TYPES[fmt],
        headers=_attachment(f"programme-{ident}-{chart}.{fmt}"),
    )


def _attachment(name: str) -> dict[str, str]:
    return {"content-disposition": f'attachment; filename="{name}"'}


# ---- API -----------------------------------------------------------------------------------


class ProgrammeIn(BaseModel):
    """A new programme, perhaps with its lessons in order."""

    name: str = Field(min_length=1, max_length=200)
    ended_on: dt.date
    started_on: dt.date | None = None
    description: str | None = Field(None, max_length=5000)
    lessons: list[str] = Field(default_factory=list, max_length=200)


class LessonIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    description: str | None = Field(None, max_length=5000)


class ParticipantIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    username: str | None = Field(None, description="The web user who posts as them.")


class StoryIn(BaseModel):
    """A story of applying a lesson; `participant` only when a leader posts for someone."""

    lesson: str = Field(min_length=1, max_length=200, description="The lesson's id or title.")
    situation: str = Field(min_length=1, max_length=5000)
    action: str = Field(min_length=1, max_length=5000, description="What they did.")
    outcome: str = Field(min_length=1, max_length=5000, description="What happened.")
    happened_on: dt.date
    success: bool = False
    participant: str | None = Field(None, max_length=200)


class AttributionIn(BaseModel):
    """A sale and the share of it (0-100 %) owed to the training."""

    client: str = Field(min_length=1, max_length=200)
    amount: Amount = Field(description='Exact: send it as text ("1250.50") to keep every digit.')
    sold_on: dt.date
    share: float = Field(ge=0, le=100, allow_inf_nan=False, description="Percent, 0-100.")
    reason: str = Field(min_length=1, max_length=5000)
    participant: str | None = Field(None, max_length=200)


class TextIn(BaseModel):
    text: str = Field(min_length=1, max_length=5000)


class ProgrammeList(BaseModel):
    items: list[ProgrammeInfo]
    count: int


class StoryList(BaseModel):
    items: list[StoryRecord]
    count: int


class QuestionList(BaseModel):
    items: list[QuestionRecord]
    count: int


@api.get("/programmes", response_model=ProgrammeList)
def api_programmes(request: Request, who: CallerDep) -> Any:
    """The programmes you may see: every one for a leader, your own for a participant."""
    with ledger_of(request).session() as session:
        if is_leader(who.scope):
            found = list_programmes(session)
        else:
            found = programmes_of_user(session, who.scope.user_id)
    return _json({"items": found, "count": len(found)})


@api.post("/programmes", status_code=201, response_model=ProgrammeInfo)
def api_programme_create(body: ProgrammeIn, request: Request, who: CallerDep) -> Any:
    """Create a programme (leaders only)."""
    _lead(who.scope)
    with ledger_of(request).session() as session:
        row = add_programme(
            session,
            body.name,
            body.ended_on,
            started_on=body.started_on,
            description=body.description,
            lessons=body.lessons,
        )
        return _json(programme_info(session, row.id))


@api.get("/programmes/{ident}", response_model=ProgrammeInfo)
def api_programme(ident: int, request: Request, who: CallerDep) -> Any:
    """A programme with its lessons and participants."""
    with ledger_of(request).session() as session:
        visible_programme(session, who.scope, ident)
        return _json(programme_info(session, ident))


@api.post("/programmes/{ident}/lessons", status_code=201)
def api_lesson_create(ident: int, body: LessonIn, request: Request, who: CallerDep) -> Any:
    """Add a lesson at the end of the programme (leaders only)."""
    with ledger_of(request).session() as session:
        visible_programme(session, who.scope, ident)
        _lead(who.scope)
        row = add_lesson(session, ident, body.title, body.description)
        return _json({"id": row.id, "position": row.position, "title": row.title})


@api.post("/programmes/{ident}/participants", status_code=201)
def api_participant_create(
    ident: int, body: ParticipantIn, request: Request, who: CallerDep
) -> Any:
    """Enrol a participant (leaders only)."""
    with ledger_of(request).session() as session:
        visible_programme(session, who.scope, ident)
        _lead(who.scope)
        row = enrol(session, ident, body.name, username=body.username)
        return _json({"id": row.id, "name": row.name, "user_id": row.user_id})


@api.get("/programmes/{ident}/stories", response_model=StoryList)
def api_stories(
    ident: int,
    request: Request,
    who: CallerDep,
    lesson: str | None = None,
    participant: str | None = None,
) -> Any:
    """The programme's stories, newest first, with comments and follow-up questions."""
    with ledger_of(request).session() as session:
        visible_programme(session, who.scope, ident)
        found = list_stories(session, ident, lesson=lesson, participant=participant)
    return _json({"items": found, "count": len(found)})


@api.post("/programmes/{ident}/stories", status_code=201)
def api_story_create(ident: int, body: StoryIn, request: Request, who: CallerDep) -> Any:
    """Share a story (as yourself; a leader may name the participant)."""
    with ledger_of(request).session() as session:
        programme, me = visible_programme(session, who.scope, ident)
        teller = _poster(session, who.scope, programme, me, body.participant or "")
        row = add_story(
            session,
            ident,
            teller.id,
            body.lesson,
            situation=body.situation,
            action=body.action,
            outcome=body.outcome,
            happened_on=body.happened_on,
            success=body.success,
        )
        return _json({"id": row.id, "participant": teller.name})


@api.post("/stories/{story_id}/comments", status_code=201)
def api_comment_create(story_id: int, body: TextIn, request: Request, who: CallerDep) -> Any:
    """Comment on a story of a programme you take part in."""
    with ledger_of(request).session() as session:
        _visible_story(session, who.scope, story_id)
        row = add_comment(session, story_id, who.scope.seller, body.text)
        return _json({"id": row.id, "author": row.author, "body": row.body})


@api.post("/stories/{story_id}/questions", status_code=201)
def api_question_create(story_id: int, body: TextIn, request: Request, who: CallerDep) -> Any:
    """Ask the story's teller a follow-up question (leaders only)."""
    with ledger_of(request).session() as session:
        _visible_story(session, who.scope, story_id)
        _lead(who.scope)
        row = ask_question(session, story_id, who.scope.seller, body.text)
        return _json({"id": row.id, "story_id": story_id, "question": row.question})


@api.post("/questions/{question_id}/answer")
def api_question_answer(question_id: int, body: TextIn, request: Request, who: CallerDep) -> Any:
    """Answer a follow-up question on your story."""
    with ledger_of(request).session() as session:
        _answerable(session, who.scope, question_id)
        row = answer_question(session, question_id, body.text)
        return _json({"id": row.id, "answer": row.answer, "answered_on": row.answered_on})


@api.get("/programmes/{ident}/questions", response_model=QuestionList)
def api_open_questions(ident: int, request: Request, who: CallerDep) -> Any:
    """Open follow-up questions: all of them for a leader, those put to you otherwise."""
    with ledger_of(request).session() as session:
        _, me = visible_programme(session, who.scope, ident)
        mine = None if is_leader(who.scope) else (me.id if me else -1)
        found = open_questions(session, ident, participant_id=mine)
    return _json({"items": found, "count": len(found)})


@api.post("/programmes/{ident}/attributions", status_code=201)
def api_attribution_create(
    ident: int, body: AttributionIn, request: Request, who: CallerDep
) -> Any:
    """Attribute a share of a sale to the programme (as yourself; a leader may name who)."""
    with ledger_of(request).session() as session:
        programme, me = visible_programme(session, who.scope, ident)
        seller = _poster(session, who.scope, programme, me, body.participant or "")
        row = attribute(
            session,
            ident,
            seller.id,
            client=body.client,
            amount=body.amount,
            sold_on=body.sold_on,
            share=body.share,
            reason=body.reason,
        )
        return _json(
            {
                "id": row.id,
                "participant": seller.name,
                "attributed": credited(row.amount, row.share),
            }
        )


@api.get("/programmes/{ident}/attributions")
def api_attributions(ident: int, request: Request, who: CallerDep) -> Any:
    """Attributed sales: all of them for a leader, your own otherwise."""
    with ledger_of(request).session() as session:
        _, me = visible_programme(session, who.scope, ident)
        found = attributions(session, ident)
    if not is_leader(who.scope):
        found = [a for a in found if me is not None and a.participant == me.name]
    items = [{**jsonable_encoder(a), "attributed": round(a.attributed, 2)} for a in found]
    return {"items": items, "count": len(items)}


@api.get("/programmes/{ident}/nudges", response_model=Nudges)
def api_nudges(
    ident: int,
    request: Request,
    who: CallerDep,
    date: dt.date | None = None,
    after_days: int = 14,
    every_days: int = 30,
) -> Any:
    """Who to nudge (leaders only): no story yet, an attribution request due, open questions;
    and the prompt of the week."""
    with ledger_of(request).session() as session:
        visible_programme(session, who.scope, ident)
        _lead(who.scope)
        found = nudges(
            session,
            ident,
            date or dt.date.today(),
            after_days=max(0, after_days),
            every_days=max(1, every_days),
        )
    return _json(found)


@api.get("/programmes/{ident}/report")
def api_report(ident: int, request: Request, who: CallerDep) -> Any:
    """The programme report (leaders only): stories per lesson, what works and what does not,
    revenue attributed with the sales behind it, time to a first story."""
    with ledger_of(request).session() as session:
        report = _report(session, who.scope, ident)
    return _json(report.as_dict())
