"""The end-of-day review page: the servant-selling questions for each of the seller's
conversations still waiting for a reflection, sent as one form, and the streak.

A seller reviews only their own day; a manager looking at a team member's day is sent to
`/today`, which shows it read-only.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from trustworks.errors import FieldError, TrustworksError
from trustworks.ledger.review import QUESTIONS, finish_review, to_review
from trustworks.ledger.today import review_streak
from trustworks.web.auth import Caller, form_caller, ledger_of
from trustworks.web.errors import status_for
from trustworks.web.forms import parse_day
from trustworks.web.routes.pages import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Who = Annotated[Caller, Depends(form_caller)]
# Form fields are c<interaction id>.<question field>, e.g. c12.gave_value.
_FIELD = re.compile(r"^c(\d{1,12})\.([a-z_]{1,40})$")
NOTES_LIMIT = 10_000


def _page(
    request: Request,
    who: Caller,
    day: dt.date,
    *,
    status: int = 200,
    error: str | None = None,
    given: dict[int, dict[str, object]] | None = None,
    notes: str = "",
    done: str | None = None,
) -> Response:
    seller = who.scope.seller
    with ledger_of(request).session() as session:
        waiting = to_review(session, seller, day)
        reviewed, streak = review_streak(session, seller, day)
    return render(
        request,
        who,
        "review.html",
        status,
        day=day,
        waiting=waiting,
        questions=QUESTIONS,
        reviewed=reviewed,
        streak=streak,
        error=error,
        given=given or {},
        notes=notes,
        done=done,
    )


@router.get("/review")
def review_page(request: Request, who: Who, date: str | None = None, done: str = "") -> Response:
    return _page(request, who, parse_day(date), done=done or None)


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
    try:
        day = parse_day(date if isinstance(date, str) else None)
    except FieldError as exc:
        return _page(request, who, dt.date.today(), status=422, error=str(exc), given=given)
    try:
        with ledger_of(request).session() as session:
            result = finish_review(session, who.scope.seller, day, given, notes)
    except TrustworksError as exc:
        return _page(
            request, who, day, status=status_for(exc), error=str(exc), given=given, notes=notes
        )
    message = f"{len(result.reflected)} reflection(s) recorded; the day is marked reviewed"
    target = request.url_for("review_page").include_query_params(date=day.isoformat(), done=message)
    return RedirectResponse(target, status_code=303)
