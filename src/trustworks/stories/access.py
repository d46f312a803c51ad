"""Who may do what in the story exchange.

Admins and managers (leaders) run programmes: they create them, enrol participants, tease
stories out and read the reports. Anyone enrolled may read their programme's stories, post
their own stories and attributions, comment, and answer the questions put to them. A programme
a user may not see is reported as not found, so its existence does not leak.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from trustworks.errors import NotFoundError
from trustworks.ledger import tables as t
from trustworks.ledger.access import Scope
from trustworks.ledger.programmes import find_programme, participant_for_user

__all__ = ["LEADERS", "is_leader", "visible_programme"]

LEADERS = frozenset({"admin", "manager"})


def is_leader(scope: Scope) -> bool:
    """May this user run programmes (create, enrol, tease out, read reports)?"""
    return scope.role in LEADERS


def visible_programme(
    session: Session, scope: Scope, ref: int | str
) -> tuple[t.Programme, t.Participant | None]:
    """The programme and the user's own participant in it (None for a leader not enrolled)."""
    programme = find_programme(session, ref)
    me = participant_for_user(session, programme, scope.user_id)
    if me is None and not is_leader(scope):
        raise NotFoundError(f"no programme {ref!r}")
    return programme, me
