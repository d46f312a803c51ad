"""Server-rendered pages: analyse, today's review, accounts and their client view, every ledger
entry's list and form, alerts, trends. Each handler parses the form, calls the library, renders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from trustworks.analysis import Analysis
from trustworks.analysis.limits import analysis_notes
from trustworks.errors import FieldError, NotFoundError, TrustworksError
from trustworks.ingest import FORMATS, decode_text
from trustworks.ledger import identities, repository
from trustworks.ledger.access import (
    account_of,
    check_visible,
    find_visible_account,
    prepare_values,
    visible_account_ids,
)
from trustworks.ledger.choices import label_of, labels_of
from trustworks.ledger.client_view import client_view
from trustworks.ledger.entities import KINDS, PURPOSES, Kind, kind
from trustworks.ledger.home import first_run, undated_promises
from trustworks.ledger.log import (
    confirm_commitment,
    dismiss_commitment,
    log_conversation,
    saved_analysis,
)
from trustworks.ledger.rules import SellerReliability, alerts, reliability
from trustworks.ledger.tables import Account, Commitment, DailyReview, Interaction
from trustworks.ledger.today import daily_review, record_review
from trustworks.ledger.trends import seller_trends
from trustworks.report.assessment_charts import component_series
from trustworks.report.figures import FIGURE_FORMATS, MEDIA_TYPES, figure_bytes, lines_figure
from trustworks.web.analysing import (
    MAX_ANALYSIS_CHARS,
    analyse_bytes,
    analyse_text,
    check_length,
    gate_of,
)
from trustworks.web.auth import Caller, form_caller, in_ledger, ledger_of
from trustworks.web.charts import Series, line_chart
from trustworks.web.errors import AnalysisBusyError, ForbiddenError, status_for
from trustworks.web.forms import FormField, field_label, form_fields, parse_day
from trustworks.web.present import highlighted_turns, timeline_chart
from trustworks.web.scoping import scoped_review
from trustworks.web.scores import score_context

router = APIRouter(include_in_schema=False)
Who = Annotated[Caller, Depends(form_caller)]
MAX_LISTED = 500


def render(
    request: Request, who: Caller | None, template: str, status: int = 200, **context: Any
) -> HTMLResponse:
    """A page, with the signed-in user and their CSRF token for its forms."""
    context.update(user=who, csrf_token=who.csrf_token if who else "", kinds=KINDS)
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, template, context, status_code=status
    )
    return response


def _accounts(request: Request, who: Caller) -> list[tuple[int, str]]:
    with ledger_of(request).session() as session:
        visible = visible_account_ids(session, who.scope)
        rows = repository.rows(session, "account", account_ids=visible)
        return [(r.id, r.name) for r in rows if isinstance(r, Account)]


@router.get("/")
def home(who: Who) -> Response:
    return RedirectResponse("/today", status_code=303)


# ---- analyse ------------------------------------------------------------------------------


@router.get("/analyse")
def analyse_page(request: Request, who: Who) -> Response:
    return _analyse_form(request, who, 200, None, {})


# The whole body is already capped (--max-request-bytes): a pasted text may take all of it, and
# is then refused by the analysis limit, said on the form with what was typed kept, rather
# than by the form parser's 1 MB default as a bare 400 page with the text lost.
BIG_FORM: Any = {"max_part_size": 1 << 31}  # fastapi names its type only privately


@router.post("/analyse", form_limits=BIG_FORM)
async def analyse_submit(
    request: Request,
    who: Who,
    text: Annotated[str, Form()] = "",
    seller: Annotated[str, Form(max_length=500)] = "",
    input_format: Annotated[str, Form(max_length=20)] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    sellers = [s.strip() for s in seller.split(",") if s.strip()]
    fmt = input_format or None
    form = {"text": text, "seller": seller, "input_format": input_format}
    gate = gate_of(request.app.state)
    try:
        if fmt is not None and fmt not in FORMATS:
            raise FieldError("input_format", f"choose one of {', '.join(FORMATS)}")
        if file is not None and file.filename:
            data, source = await file.read(), file.filename
            if len(data) > 4 * MAX_ANALYSIS_CHARS:  # refused before it is decoded
                analyse_bytes(data, source, fmt, sellers)
            chars = len(data)

            def analysed() -> tuple[str, Analysis]:
                decoded = decode_text(data, source)
                return decoded, analyse_text(decoded, source, fmt, sellers)

        elif text.strip():
            check_length(text, "pasted text")
            chars = len(text)

            def analysed() -> tuple[str, Analysis]:
                return text, analyse_text(text, "pasted text", fmt, sellers)

        else:
            raise FieldError("text", "paste a conversation or choose a file")
        accounts = await run_in_threadpool(_accounts, request, who)

        def page() -> Response:
            # The page of a long call takes as long to render as to analyse: both off the loop.
            shown, analysis = analysed()
            return _analysis_page(
                request,
                who,
                analysis,
                text=shown,
                seller=seller,
                input_format=input_format,
                accounts=accounts,
                purposes=PURPOSES,
                today=dt.date.today().isoformat(),
            )

        return await gate.run(who.username, chars, page)
    except (TrustworksError, AnalysisBusyError) as exc:
        status = exc.status if isinstance(exc, AnalysisBusyError) else status_for(exc)
        return _analyse_form(request, who, status, str(exc), form)


def _analyse_form(
    request: Request, who: Caller, status: int, error: str | None, form: dict[str, str]
) -> Response:
    return render(
        request,
        who,
        "analyse.html",
        status,
        formats=FORMATS,
        error=error,
        form=form,
        max_chars=MAX_ANALYSIS_CHARS,
        max_bytes=request.app.state.settings.max_request_bytes,
    )


@router.post("/analyse/save", form_limits=BIG_FORM)
def analyse_save(
    request: Request,
    who: Who,
    text: Annotated[str, Form()],
    account: Annotated[str, Form(max_length=200)] = "",
    account_words: Annotated[str, Form(alias="account__words", max_length=200)] = "",
    seller: Annotated[str, Form(max_length=500)] = "",
    input_format: Annotated[str, Form(max_length=20)] = "",
    occurred_on: Annotated[str, Form(max_length=20)] = "",
    purpose: Annotated[str, Form(max_length=40)] = "other",
    notes: Annotated[str, Form()] = "",
) -> Response:
    sellers = [s.strip() for s in seller.split(",") if s.strip()]
    analysis = gate_of(request.app.state).run_sync(
        who.username, partial(analyse_text, text, "pasted text", input_format or None, sellers)
    )
    with ledger_of(request).session() as session:
        # The picker's id, or the words typed where none was chosen (read as a name).
        chosen = account or account_words
        if not chosen.strip():
            raise FieldError("account", "choose the account to save the call to")
        target = find_visible_account(session, who.scope, chosen)
        logged = log_conversation(
            session,
            analysis,
            account=str(target.id),
            occurred_on=parse_day(occurred_on, "occurred_on"),
            purpose=purpose,
            notes=notes or None,
            transcript=text,
            seller=who.scope.username,  # the owner; the transcript's speakers are kept apart
        )
        account_id = target.id
        proposed = len(logged.proposed)
    flash = f"saved; {proposed} commitment(s) heard" if proposed else "saved"
    return RedirectResponse(f"/accounts/{account_id}?saved={flash}", status_code=303)


# ---- review -------------------------------------------------------------------------------


@router.get("/today")
def today_page(
    request: Request, who: Who, date: str | None = None, seller: str | None = None
) -> Response:
    day = parse_day(date)
    chosen = seller or who.scope.seller
    if not who.scope.sees(chosen):  # a manager may look at a team member's day
        raise ForbiddenError(f"you may not see {chosen}'s review")
    with ledger_of(request).session() as session:
        visible = visible_account_ids(session, who.scope)
        review = scoped_review(daily_review(session, day, chosen), visible)
        undated = undated_promises(session, chosen, visible)
        start = first_run(session, visible)
        owners = session.scalars(select(Account.owner).where(Account.owner.is_not(None)).distinct())
        team = sorted(o for o in owners if o is not None and who.scope.sees(o))
    return render(
        request, who, "today.html", review=review, team=team, undated=undated, start=start
    )


@router.post("/today/done")
def today_done(
    request: Request,
    who: Who,
    date: Annotated[str, Form(max_length=20)] = "",
    notes: Annotated[str, Form(max_length=10_000)] = "",
) -> Response:
    day = parse_day(date)
    with ledger_of(request).session() as session:
        record_review(session, who.scope.seller, day, notes or None)
    return RedirectResponse(f"/today?date={day.isoformat()}", status_code=303)


@router.get("/alerts")
def alerts_page(request: Request, who: Who, date: str | None = None) -> Response:
    day = parse_day(date)
    with ledger_of(request).session() as session:
        visible = visible_account_ids(session, who.scope)
        found = [a for a in alerts(session, day) if visible is None or a.account_id in visible]
        records = _reliability(session, who, day, visible)
    return render(request, who, "alerts.html", alerts=found, day=day, reliability=records)


def _reliability(
    session: Session, who: Caller, day: dt.date, visible: set[int] | None
) -> list[SellerReliability]:
    """Each visible user's record, and names that are no user's on the visible accounts."""
    records = reliability(session, day, account_ids=visible)
    return [r for r in records if r.user_id is None or who.scope.covers(r.user_id)]


@router.get("/trends")
def trends_page(request: Request, who: Who) -> Response:
    with ledger_of(request).session() as session:
        found = seller_trends(session, account_ids=visible_account_ids(session, who.scope))
    found = [t for t in found if t.user_id is None or who.scope.covers(t.user_id)]
    charts = []
    for trend in found:
        labels = [p.month for p in trend.points]
        series = [
            Series(name.replace("_", " "), name, [getattr(p, name) for p in trend.points])
            for name in ("credibility", "reliability", "intimacy", "self_orientation")
        ]
        charts.append(
            (
                trend,
                line_chart(
                    series, labels, title=f"Trust components of {trend.seller}", unit="month"
                ),
            )
        )
    return render(request, who, "trends.html", charts=charts, formats=FIGURE_FORMATS)


@router.get("/trends/chart.{fmt}")
def trends_chart(request: Request, who: Who, fmt: str, seller: str = "") -> Response:
    """One seller's trust components by month as a PNG, SVG or PDF file."""
    if fmt not in FIGURE_FORMATS:
        raise NotFoundError(f"charts come as {', '.join(FIGURE_FORMATS)}, not {fmt!r}")
    with ledger_of(request).session() as session:
        visible = visible_account_ids(session, who.scope)
        found = seller_trends(session, account_ids=visible, seller=seller)
    found = [t for t in found if t.user_id is None or who.scope.covers(t.user_id)]
    if not found:
        raise NotFoundError(f"no analysed conversations of {seller!r} that you may see")
    months, series = component_series(found[0])
    fig = lines_figure(
        months,
        series,
        title=f"{found[0].seller}: trust components by month",
        ylabel="score (1-10; lower self-orientation is better)",
    )
    return Response(
        figure_bytes(fig, fmt),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'inline; filename="trends.{fmt}"'},
    )


# ---- accounts -----------------------------------------------------------------------------


@router.get("/accounts")
def accounts_page(request: Request, who: Who) -> Response:
    with ledger_of(request).session() as session:
        visible = visible_account_ids(session, who.scope)
        rows = [
            repository.as_dict(session, "account", r)
            for r in repository.rows(session, "account", account_ids=visible, limit=MAX_LISTED)
        ]
    return render(request, who, "accounts.html", accounts=rows)


@router.get("/accounts/{ident}")
def account_page(request: Request, who: Who, ident: int, saved: str | None = None) -> Response:
    today = dt.date.today()
    with ledger_of(request).session() as session:
        account = find_visible_account(session, who.scope, str(ident))
        view = client_view(session, account.id, today)
        sections = {
            k: [
                repository.as_dict(session, k, r)
                for r in repository.rows(session, k, account=account.id, limit=MAX_LISTED)
            ]
            for k in ("person", "interaction", "commitment", "risk", "deal", "screening")
        }
    trend = view.trust_trend
    chart = line_chart(
        [Series("trust", "trust", [p.trust for p in trend])],
        [p.on.isoformat() for p in trend],
        title="Trust in analysed conversations",
        unit="analysed call",
    )
    return render(
        request,
        who,
        "account.html",
        view=view,
        sections=sections,
        chart=chart,
        saved=saved,
        column_labels={k: {c: field_label(k, c) for c in KINDS[k].columns} for k in sections},
        choice_columns={k: _choice_columns(KINDS[k]) for k in sections},
    )


@router.get("/interactions/{ident}")
def interaction_page(request: Request, who: Who, ident: int) -> Response:
    """A saved call read again: its transcript with the findings on their words, exactly as
    analysed when it was saved (the same scores as the account's table). A call saved before
    the analysis was kept whole is analysed again with the speakers who sold in it, never with
    the signed-in user as the seller. An interaction without a transcript opens its form.
    """
    with ledger_of(request).session() as session:
        row = repository.get(session, "interaction", ident)
        check_visible(session, who.scope, row, f"interaction with id {ident}")
        assert isinstance(row, Interaction)
        saved = repository.as_dict(session, "interaction", row)
        transcript = row.transcript
        stored = saved_analysis(row)
        speakers = identities.speakers(row)
    if stored is not None:
        return _analysis_page(request, who, stored.analysis, notes=stored.notes, saved_call=saved)
    if not transcript:
        return RedirectResponse(f"/entries/interaction/{ident}", status_code=303)
    fmt = saved.get("transcript_format") or None
    source = saved.get("transcript_source") or f"interaction {ident}"
    fmt = fmt if fmt in FORMATS else None
    analysis = gate_of(request.app.state).run_sync(
        who.username, partial(analyse_text, transcript, source, fmt, speakers)
    )
    return _analysis_page(request, who, analysis, saved_call=saved)


def _analysis_page(
    request: Request,
    who: Caller,
    analysis: Analysis,
    notes: Sequence[str] | None = None,
    **extra: Any,
) -> Response:
    """The analysis page: scores, the timeline chart and the transcript with its findings."""
    return render(
        request,
        who,
        "analysis.html",
        analysis=analysis,
        turns=highlighted_turns(analysis),
        chart=timeline_chart(analysis),
        notes=analysis_notes(analysis) if notes is None else list(notes),
        **score_context(request, who, analysis, extra.get("saved_call")),
        **extra,
    )


@router.get("/history")
def history_page(
    request: Request, who: Who, kind: str | None = None, record: int | None = None
) -> Response:
    """The audit trail of commitments and interactions on the team's accounts (managers)."""
    if who.scope.role == "seller":
        raise ForbiddenError("the history of changes is for managers and admins")
    if kind is not None and kind not in identities.AUDITED:
        raise NotFoundError(f"no history of {kind!r}: only of {', '.join(identities.AUDITED)}")
    if record is not None and not 0 < record <= repository.MAX_ID:
        raise NotFoundError(f"no record {record}")
    with ledger_of(request).session() as session:
        visible = visible_account_ids(session, who.scope)
        items, total = identities.history(
            session, kind, record, account_ids=visible, owners=who.scope.sellers
        )
        subjects = _record_words(session, items)
    shown = identities.shown(len(items), total)
    return render(
        request,
        who,
        "history.html",
        items=items,
        kind=kind,
        record=record,
        shown=shown,
        subjects=subjects,
        fields={(e.kind, e.field): field_label(e.kind, e.field) for e in items if e.field},
    )


def _record_words(session: Session, items: Sequence[Any]) -> dict[tuple[str, int], str]:
    """The records a history names, in words (a commitment by what was promised, a call by its
    account and date); a removed record has none and is said to be removed."""
    wanted: dict[str, set[int]] = {}
    for e in items:
        wanted.setdefault(e.kind, set()).add(e.record_id)
    words: dict[tuple[str, int], str] = {}
    if ids := wanted.get("commitment"):
        found = session.execute(
            select(Commitment.id, Commitment.what).where(Commitment.id.in_(ids))
        )
        words.update({("commitment", i): _short(what, 60) for i, what in found})
    if ids := wanted.get("interaction"):
        calls = labels_of(session, "interaction", ids)
        words.update({("interaction", i): label for i, label in calls.items()})
    return words


@router.post("/commitments/{ident}/{decision}")
def decide_commitment(request: Request, who: Who, ident: int, decision: str) -> Response:
    """Confirm or dismiss a commitment the analyzer proposed, from the account page."""
    actions = {"confirm": confirm_commitment, "dismiss": dismiss_commitment}
    if decision not in actions:
        raise NotFoundError(f"no such decision {decision!r}: confirm or dismiss")
    with ledger_of(request).session() as session:
        row = repository.get(session, "commitment", ident)
        check_visible(session, who.scope, row, f"commitment with id {ident}")
        actions[decision](session, ident)
        account_id = row.account_id  # type: ignore[attr-defined]
    return RedirectResponse(f"/accounts/{account_id}", status_code=303)


# ---- any ledger entry ---------------------------------------------------------------------


@router.get("/entries/{kind_name}")
def entries_page(
    request: Request, who: Who, kind_name: str, account: str | None = None
) -> Response:
    kind_ = kind(kind_name)
    with ledger_of(request).session() as session:
        visible = visible_account_ids(session, who.scope)
        if account:
            visible = {find_visible_account(session, who.scope, account).id}
        found = repository.rows(session, kind_.name, account_ids=visible, limit=MAX_LISTED)
        if kind_.table is DailyReview:
            found = [r for r in found if who.scope.sees(r.seller)]  # type: ignore[attr-defined]
        rows = [repository.as_dict(session, kind_.name, r) for r in found]
        # Calls and deals a row points at, in words (a table shows no bare ids).
        for field, target in kind_.refs:
            if field in kind_.columns and field not in ("account", "person"):
                ids = {r[f"{field}_id"] for r in rows if r.get(f"{field}_id")}
                words = labels_of(session, target, ids)
                for r in rows:
                    r[field] = words.get(r.get(f"{field}_id") or 0, "")
    columns = [c for c in kind_.columns if c != "id"]
    return render(
        request,
        who,
        "entries.html",
        kind=kind_,
        rows=rows,
        account=account,
        columns=columns,
        labels={c: field_label(kind_.name, c) for c in columns},
        choice_columns=_choice_columns(kind_),
    )


def _choice_columns(kind_: Kind) -> set[str]:
    """The columns holding a fixed choice, shown in words (`follow_up` as "follow up")."""
    return {f.name for f in form_fields(kind_) if f.widget == "select"}


@router.get("/entries/{kind_name}/new")
def new_entry_page(request: Request, who: Who, kind_name: str) -> Response:
    kind_ = kind(kind_name)
    # Links such as today's "reflect" pass the fields they know: ?interaction=3, ?account=1.
    given = {k: v for k, v in request.query_params.items() if k in kind_.fields()}
    fields = _fields(request, who, kind_, given)
    return render(
        request, who, "entry_form.html", kind=kind_, fields=fields, ident=None, error=None
    )


@router.post("/entries/{kind_name}/new")
async def new_entry_submit(request: Request, who: Who, kind_name: str) -> Response:
    kind_ = kind(kind_name)
    values = await _form_values(request, kind_name)

    def add(session: Session) -> int:
        prepared = prepare_values(session, who.scope, kind_.name, values, creating=True)
        return repository.add(session, kind_.name, prepared).id  # type: ignore[attr-defined, no-any-return]

    try:
        ident = await in_ledger(request, add)
    except TrustworksError as exc:
        return await _form_again(request, who, kind_, values, None, exc)
    if kind_.name == "account":
        return RedirectResponse(f"/accounts/{ident}", status_code=303)
    return RedirectResponse(f"/entries/{kind_.name}/{ident}?saved=1", status_code=303)


@router.get("/entries/{kind_name}/{ident}")
def entry_page(
    request: Request, who: Who, kind_name: str, ident: int, saved: str | None = None
) -> Response:
    kind_ = kind(kind_name)
    with ledger_of(request).session() as session:
        row = repository.get(session, kind_.name, ident)
        check_visible(session, who.scope, row, f"{kind_.name} with id {ident}")
        values = repository.current_values(session, kind_, row)
        title = _entry_title(session, kind_, row)
    fields = _fields(request, who, kind_, values)
    return render(
        request,
        who,
        "entry_form.html",
        kind=kind_,
        fields=fields,
        ident=ident,
        error=None,
        saved=saved,
        title=title,
    )


@router.post("/entries/{kind_name}/{ident}")
async def entry_submit(request: Request, who: Who, kind_name: str, ident: int) -> Response:
    kind_ = kind(kind_name)
    values = await _form_values(request, kind_name)

    def edit(session: Session) -> None:
        row = repository.get(session, kind_.name, ident)
        check_visible(session, who.scope, row, f"{kind_.name} with id {ident}")
        prepared = prepare_values(session, who.scope, kind_.name, values, creating=False, row=row)
        repository.edit(session, kind_.name, ident, prepared)

    try:
        await in_ledger(request, edit)
    except NotFoundError:
        raise  # the entry is gone or not theirs: the not-found page, not the form again
    except TrustworksError as exc:
        return await _form_again(request, who, kind_, values, ident, exc)
    return RedirectResponse(f"/entries/{kind_.name}/{ident}?saved=1", status_code=303)


@router.post("/entries/{kind_name}/{ident}/delete")
def entry_delete(request: Request, who: Who, kind_name: str, ident: int) -> Response:
    kind_ = kind(kind_name)
    with ledger_of(request).session() as session:
        row = repository.get(session, kind_.name, ident)
        check_visible(session, who.scope, row, f"{kind_.name} with id {ident}")
        repository.remove(session, kind_.name, ident)
    return RedirectResponse(f"/entries/{kind_.name}", status_code=303)


async def _form_again(
    request: Request,
    who: Caller,
    kind_: Kind,
    values: dict[str, Any],
    ident: int | None,
    exc: TrustworksError,
) -> Response:
    """The form once more, with what was typed and what was wrong with it."""
    fields = await run_in_threadpool(_fields, request, who, kind_, values)
    return render(
        request,
        who,
        "entry_form.html",
        status_for(exc),
        kind=kind_,
        fields=fields,
        ident=ident,
        error=str(exc),
    )


async def _form_values(request: Request, kind_name: str) -> dict[str, Any]:
    form = await request.form()
    fields = kind(kind_name).fields()
    values = {k: v for k, v in form.items() if k in fields and isinstance(v, str)}
    # A picker sends the chosen entry's id; where none was chosen (JavaScript off, or words
    # typed and no choice made) the words typed are the reference, resolved as a name.
    for name in fields:
        typed = form.get(f"{name}{PICKED_WORDS}")
        if not values.get(name) and isinstance(typed, str) and typed.strip():
            values[name] = typed
    return values


PICKED_WORDS = "__words"  # the suffix of a picker's visible text box


def _fields(request: Request, who: Caller, kind_: Kind, values: dict[str, Any]) -> list[FormField]:
    """The form's fields, each picker showing its entry in words (only entries the user may
    see: another's id shows as an empty picker)."""
    with ledger_of(request).reading() as session:
        visible = visible_account_ids(session, who.scope)
        return form_fields(
            kind_, values, describe=lambda what, ident: label_of(session, what, ident, visible)
        )


def _entry_title(session: Session, kind_: Kind, row: Any) -> str:
    """An entry named in words for its page's heading (never by its id)."""
    for column in ("name", "what", "description", "introduced_to", "referred", "note"):
        words = getattr(row, column, None)
        if isinstance(words, str) and words.strip():
            return _short(words)
    if kind_.name == "reflection":
        call = label_of(session, "interaction", row.interaction_id, None)
        return f"on {call}" if call else ""
    day = next(
        (
            getattr(row, c)
            for c in ("occurred_on", "decided_on", "taken_on", "reviewed_on")
            if getattr(row, c, None)
        ),
        None,
    )
    account = account_of(session, row)
    parts = [account.name if account else "", day.isoformat() if day else ""]
    return " on ".join(p for p in parts if p)


def _short(words: str, most: int = 80) -> str:
    words = " ".join(words.split())
    return words if len(words) <= most else words[: most - 1].rstrip() + "…"
