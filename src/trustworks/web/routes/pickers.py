"""The small JSON endpoint behind the forms' type-ahead pickers: accounts, people, calls and
deals the caller may see, found by a few letters, each with its words and its id."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from trustworks.ledger.access import visible_account_ids
from trustworks.ledger.choices import MAX_CHOICES, find_choices
from trustworks.web.auth import Caller, caller, ledger_of

router = APIRouter()
CallerDep = Annotated[Caller, Depends(caller)]


class ChoiceOut(BaseModel):
    id: int
    label: str
    hint: str


@router.get("/choices/{what}", response_model=list[ChoiceOut], tags=["forms"])
def choices(
    request: Request,
    who: CallerDep,
    what: Literal["account", "person", "interaction", "deal"],
    q: Annotated[str, Query(max_length=200)] = "",
    account: Annotated[int | None, Query(gt=0, le=2**31 - 1)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_CHOICES)] = 20,
) -> list[ChoiceOut]:
    """Entries of a kind whose words contain `q` (any case), only on accounts the caller may
    see; `account` narrows people, calls and deals to one account."""
    with ledger_of(request).reading() as session:
        visible = visible_account_ids(session, who.scope)
        found = find_choices(session, what, q, visible, account=account, limit=limit)
    return [ChoiceOut(id=c.id, label=c.label, hint=c.hint) for c in found]
