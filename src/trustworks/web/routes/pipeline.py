"""The pipeline over the web: the board and table at /pipeline, a deal's page at /deals/{id}
(its card, evidence, flags and stage history, with the form that moves it), and the JSON API
under /api/v1/pipeline. Each handler parses the input, calls trustworks.ledger.pipeline and
renders; who may see which deal is the ledger's access rule (ledger/access.py).

Moving a deal is one form, reachable without a script: the board's drag-and-drop only opens
it with the stage chosen, so a keyboard user and a mouse user record the same thing.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from trustworks.errors import FieldError, NotFoundError, TrustworksError
from trustworks.ledger import repository
from trustworks.ledger import tables as t
from trustworks.ledger.access import Scope
from trustworks.ledger.entities import STAGES, Stage
from trustworks.ledger.money import EXACT
from trustworks.ledger.pipeline import (
    DealCard,
    HistoryStep,
    deal_card,
    move_stage,
    pipeline,
    stage_history,
)
from trustworks.web.auth import Caller, caller, in_ledger, ledger_of
from trustworks.web.errors import status_for
from trustworks.web.forms import parse_day
from trustworks.web.routes.pages import Who, render

pages = APIRouter(include_in_schema=False)
api = APIRouter(tags=["pipeline"])
CallerDep = Annotated[Caller, Depends(caller)]
CONVERSATIONS_OFFERED = 50  # the newest of the account's, in the move form's choice


# ---- pages ---------------------------------------------------------------------------------


@pages.get("/pipeline")
def pipeline_page(
    request: Request,
    who: Who,
    view: str = "board",
    stage: str = "",
    seller: str = "",
    date: str | None = None,
    moved: str | None = None,
) -> Response:
    """The board (a column per stage) or the table of the deals the user may see; a manager
    may narrow it to one seller of the team."""
    if view not in ("board", "table"):
        raise FieldError("view", f"{view!r}: choose board or table")
    day = parse_day(date)
    with ledger_of(request).session() as session:
        board = pipeline(session, day, scope=who.scope, stage=stage or None, seller=seller or None)
        owners = session.scalars(select(t.Account.owner).where(t.Account.owner.is_not(None)))
        team = sorted({o for o in owners if o is not None and who.scope.sees(o)}, key=str.lower)
    return render(
        request,
        who,
        "pipeline.html",
        board=board,
        view=view,
        stage=stage,
        seller=seller,
        team=team,
        day=day,
        moved=moved,
        stages=STAGES,
    )


@pages.get("/deals/{ident}")
def deal_page(
    request: Request,
    who: Who,
    ident: int,
    stage: str = "",
    back: str = "",
    moved: str | None = None,
) -> Response:
    """A deal: its card, the evidence and flags, its stage history, and the move form (with
    `stage` chosen when the board's drag-and-drop sent the user here)."""
    form = {"stage": stage, "note": "", "interaction": "", "on": "", "back": back}
    return _deal_page(request, who, ident, form, moved=moved)


@pages.post("/deals/{ident}/stage")
async def deal_move(
    request: Request,
    who: Who,
    ident: int,
    stage: Annotated[str, Form(max_length=40)] = "",
    note: Annotated[str, Form(max_length=20_000)] = "",
    interaction: Annotated[str, Form(max_length=40)] = "",
    on: Annotated[str, Form(max_length=20)] = "",
    back: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """Move the deal with its evidence; the form again, with the reason, when refused."""
    form = {"stage": stage, "note": note, "interaction": interaction, "on": on, "back": back}

    def move(session: Session) -> None:
        if not stage:
            raise FieldError("stage", "choose the stage to move it to")
        move_stage(
            session,
            who.scope,
            ident,
            stage,
            note=note,
            interaction=interaction or None,
            on=parse_day(on, "on") if on else None,
        )

    try:
        await in_ledger(request, move)
    except NotFoundError:
        raise  # the deal is gone or not theirs: the not-found page
    except TrustworksError as exc:
        return _deal_page(request, who, ident, form, error=str(exc), status=status_for(exc))
    if back == "pipeline":
        return RedirectResponse(f"/pipeline?moved={ident}#deal-{ident}", status_code=303)
    return RedirectResponse(f"/deals/{ident}?moved=1", status_code=303)


def _deal_page(
    request: Request,
    who: Caller,
    ident: int,
    form: dict[str, str],
    *,
    moved: str | None = None,
    error: str | None = None,
    status: int = 200,
) -> Response:
    today = dt.date.today()
    with ledger_of(request).session() as session:
        card = deal_card(session, who.scope, ident, today)
        history = stage_history(session, who.scope, ident)
        conversations = _conversations(session, card.account_id)
    return render(
        request,
        who,
        "deal.html",
        status,
        card=card,
        history=history,
        conversations=conversations,
        stages=STAGES,
        form=form,
        error=error,
        moved=moved,
    )


def _conversations(session: Session, account_id: int) -> list[tuple[int, str]]:
    """The account's newest conversations, as the move form offers them for evidence."""
    i = t.Interaction
    query = (
        select(i.id, i.occurred_on, i.purpose, i.channel)
        .where(i.account_id == account_id)
        .order_by(i.occurred_on.desc(), i.id.desc())
        .limit(CONVERSATIONS_OFFERED)
    )
    return [
        (ident, f"{on.isoformat()} · {purpose.replace('_', ' ')} {channel}")
        for ident, on, purpose, channel in session.execute(query)
    ]


# ---- API -----------------------------------------------------------------------------------


class MoveIn(BaseModel):
    """A deal moved to a stage, with the evidence the new stage rests on (a note, a
    conversation on the deal's account, or both)."""

    stage: Stage
    note: str | None = Field(None, max_length=10_000)
    interaction: int | None = Field(None, ge=1, description="A conversation's id.")
    on: dt.date | None = Field(None, description="The day it entered the stage (default today).")


@api.get("/pipeline")
def pipeline_api(
    request: Request,
    who: CallerDep,
    date: dt.date | None = None,
    stage: Stage | None = None,
    seller: Annotated[str | None, Query(max_length=200)] = None,
    closed_days: Annotated[int | None, Query(ge=0, le=100_000)] = 90,
) -> dict[str, Any]:
    """The deals you may see by stage, each with value, stage age, trust, open promises both
    ways, the evidence its stage rests on and the rule flags; won and lost deals closed more
    than `closed_days` ago are left off."""
    day = date or dt.date.today()
    with ledger_of(request).session() as session:
        board = pipeline(
            session, day, scope=who.scope, seller=seller, stage=stage, closed_days=closed_days
        )
    return _json(
        {
            "date": board.today,
            "columns": [
                {"stage": c.stage, "value": c.value, "count": len(c.deals), "deals": c.deals}
                for c in board.columns
            ],
        }
    )


@api.get("/pipeline/deals/{ident}")
def deal_api(request: Request, who: CallerDep, ident: int) -> dict[str, Any]:
    """One deal's card and its stage history (who moved it, when, on what evidence)."""
    with ledger_of(request).session() as session:
        card, history = _card_and_history(session, who.scope, ident)
    return _json({"deal": card, "history": history})


@api.post("/pipeline/deals/{ident}/stage", status_code=201)
def move_api(request: Request, who: CallerDep, ident: int, body: MoveIn) -> dict[str, Any]:
    """Move a deal to a stage with its evidence; returns what was recorded and the card."""
    with ledger_of(request).session() as session:
        moved = move_stage(
            session,
            who.scope,
            ident,
            body.stage,
            note=body.note,
            interaction=body.interaction,
            on=body.on,
        )
        card, history = _card_and_history(session, who.scope, ident)
    return _json({"moved": moved, "deal": card, "history": history})


def _card_and_history(
    session: Session, scope: Scope, ident: int
) -> tuple[DealCard, tuple[HistoryStep, ...]]:
    if not 0 < ident <= repository.MAX_ID:
        raise NotFoundError(f"no deal with id {ident}")
    return deal_card(session, scope, ident, dt.date.today()), stage_history(session, scope, ident)


def _json(value: Any) -> dict[str, Any]:
    encoded: dict[str, Any] = jsonable_encoder(value, custom_encoder=EXACT)
    return encoded
