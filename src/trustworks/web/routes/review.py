"""The end-of-day review page: the servant-selling questions for each of the seller's
conversations still waiting for a reflection, sent as one form, and the streak.

A seller reviews only their own day; a manager looking at a team member's day is sent to
`/today`, which shows it read-only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from trustworks.errors import FieldError, TrustworksError
from trustworks.ledger.review import QUESTIONS, finish_review, to_review
from trustworks.ledger.today import InteractionItem, review_streak
from trustworks.web.auth import Caller, form_caller, in_ledger, ledger_of
from trustworks.web.errors import status_for
from trustworks.web.forms import parse_day
from trustworks.web.routes.pages import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Who = Annotated[Caller, Depends(form_caller)]
# Form fields are c<interaction id>.<question field>, e.g. c12.gave_value.
_FIELD = re.compile(r"^c(\d{1,12})\.([a-z_]{1,40})$")
NOTES_LIMIT = 10_000


@dataclass(frozen=True)
class _State:
    waiting: tuple[InteractionItem, ...]
    reviewed: bool
    streak: int


def _state(session: Session, seller: str, day: dt.date) -> _State:
    reviewed, streak = review_streak(session, seller, day)
    return _State(to_review(session, seller, day), reviewed, streak)


def _page(
    request: Request,
    who: Caller,
    day: dt.date,
    state: _State,
    *,
    status: int = 200,
    error: str | None = None,
    given: dict[int, dict[str, object]] | None = None,
    notes: str = "",
    done: str | None = None,
) -> Response:
    return render(
        request,
        who,
        "review.html",
        status,
        day=day,
        waiting=state.waiting,
        questions=QUESTIONS,
        reviewed=state.reviewed,
        streak=state.streak,
        error=error,
        given=given or {},
        notes=notes,
        done=done,
    )


@router.get("/review")
def review_page(
    request: Request, who: Who, date: str | None = None, reflected: int | None = None
) -> Response:
    day = parse_day(date)
    with ledger_of(request).session() as session:
        state = _state(session, who.scope.seller, day)
    # Only a count comes back in the address, so nobody can put words on the page through it.
    done = None if reflected is None else f"{reflected} reflection(s) recorded"
    return _page(request, who, day, state, done=done)


@router.post("/review")
async def review_submit(request: Request, who: Who) -> Response:
    form = await request.form()
    given: dict[int, dict[str, object]] = {}
    for key, value in form.multi_items():
        match = _FIELD.match(key)
        if match and isinstance(value, str):
            given.setdefault(int(match.group(1)), {})[match.group(2)] = value
    notes = form.get("notes")
    notes = notes[:NOTES_LIMIT] if isinstance(notes, str) else ""
    date = form.get("date")
    seller = who.scope.seller
    try:
        day = parse_day(date if isinstance(date, str) else None)
        result = await in_ledger(request, lambda s: finish_review(s, seller, day, given, notes))
    except TrustworksError as exc:
        shown = day if not isinstance(exc, FieldError) or exc.field != "date" else dt.date.today()
        state = await in_ledger(request, lambda s: _state(s, seller, shown))
        return _page(
            request, who, shown, state, status=status_for(exc), error=str(exc), given=given,
            notes=notes,
        )  # fmt: skip
    target = request.url_for("review_page").include_query_params(
        date=day.isoformat(), reflected=len(result.reflected)
    )
    return RedirectResponse(target, status_code=303)
