"""Snippets: a moment of a call kept as a teaching example, and used in a programme's lessons.

A manager (or an admin) saves a turn of a call they may see, or one finding in it, with a
note on what it teaches. The call's seller decides whether it may be used: a snippet goes
into a lesson only with their consent, and withdrawing consent takes it out of every lesson
it was in (the rows stay, so consenting again restores them). Everyone who may see the call
sees its snippets; nobody else learns they exist.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from trustworks.errors import ConflictError, FieldError, NotAllowedError, NotFoundError
from trustworks.ledger import tables as t
from trustworks.ledger.access import Scope, check_visible, visible_account_ids
from trustworks.ledger.repository import MAX_ID

MAX_NOTE = 2_000


@dataclass(frozen=True)
class SnippetInfo:
    """A snippet as pages and the API show it."""

    id: int
    interaction_id: int
    account: str
    occurred_on: dt.date
    turn: int
    signal: str | None
    speaker: str
    quote: str
    note: str | None
    saved_by: str
    seller: str | None
    seller_user_id: int | None
    consent: bool
    consent_on: dt.date | None
    saved_on: dt.date
    lessons: tuple[str, ...] = ()  # "programme: lesson" it is used in


def _known(ident: int) -> bool:
    """Could a row have this id? Beyond it PostgreSQL's integer refuses the very question."""
    return 0 < ident <= MAX_ID


def _call(session: Session, scope: Scope, interaction_id: int) -> t.Interaction:
    row = session.get(t.Interaction, interaction_id) if _known(interaction_id) else None
    if row is None:
        raise NotFoundError(f"no call with id {interaction_id}")
    check_visible(session, scope, row, f"call with id {interaction_id}")
    return row


def _turns(row: t.Interaction) -> list[tuple[str, str]]:
    """(speaker, text) of each turn of the call's stored analysis."""
    if not row.analysis_json:
        return []
    try:
        doc = json.loads(row.analysis_json)
        turns = doc["turns"]
        return [(str(turn["speaker"]), str(turn["text"])) for turn in turns]
    except (ValueError, KeyError, TypeError):
        return []


def save_snippet(
    session: Session,
    scope: Scope,
    interaction_id: int,
    *,
    turn: int,
    finding: int | None = None,
    note: str | None = None,
    today: dt.date | None = None,
) -> SnippetInfo:
    """Keep turn `turn` of a call (or finding number `finding` of its analysis) as an example.

    Only managers and admins save snippets; the call must be one they may see.
    """
    if scope.role not in ("manager", "admin"):
        raise NotAllowedError("only managers and admins keep teaching examples")
    row = _call(session, scope, interaction_id)
    if note is not None and len(note) > MAX_NOTE:
        raise FieldError("note", f"keep it under {MAX_NOTE} characters")
    turns = _turns(row)
    signal = None
    if finding is not None:
        stored = sorted(row.findings, key=lambda f: f.id)
        if not 0 <= finding < len(stored):
            raise FieldError("finding", f"the call has {len(stored)} findings")
        chosen = stored[finding]
        turn, signal, speaker, quote = chosen.turn, chosen.signal, chosen.speaker, chosen.evidence
    elif not 0 <= turn < len(turns):
        raise FieldError("turn", f"the call has {len(turns)} turns")
    else:
        speaker, quote = turns[turn]
    if turns and 0 <= turn < len(turns) and finding is not None:
        quote = turns[turn][1]  # the whole turn, so the example reads in its context
    snippet = t.Snippet(
        interaction_id=row.id,
        turn=turn,
        signal=signal,
        speaker=speaker,
        quote=quote,
        note=(note or "").strip() or None,
        saved_by_user_id=scope.user_id,
        saved_by=scope.username,
        seller_user_id=row.seller_user_id,
        consent=False,
        saved_on=today or dt.date.today(),
    )
    session.add(snippet)
    session.flush()
    return _info(session, snippet)


def _info(session: Session, s: t.Snippet) -> SnippetInfo:
    call = session.get(t.Interaction, s.interaction_id)
    assert call is not None
    account = session.get(t.Account, call.account_id)
    seller = session.get(t.User, s.seller_user_id) if s.seller_user_id is not None else None
    lessons = session.execute(
        select(t.Programme.name, t.Lesson.title)
        .join(t.Lesson, t.Lesson.programme_id == t.Programme.id)
        .join(t.LessonSnippet, t.LessonSnippet.lesson_id == t.Lesson.id)
        .where(t.LessonSnippet.snippet_id == s.id)
        .order_by(t.Programme.name, t.Lesson.position)
    ).all()
    return SnippetInfo(
        s.id,
        s.interaction_id,
        account.name if account else "",
        call.occurred_on,
        s.turn,
        s.signal,
        s.speaker,
        s.quote,
        s.note,
        s.saved_by,
        seller.seller if seller else call.seller,
        s.seller_user_id,
        s.consent,
        s.consent_on,
        s.saved_on,
        tuple(f"{p}: {lesson}" for p, lesson in lessons),
    )


def list_snippets(
    session: Session, scope: Scope, *, interaction_id: int | None = None
) -> list[SnippetInfo]:
    """The snippets of calls the scope may see (of one call when given), newest first."""
    query = select(t.Snippet).join(t.Interaction, t.Interaction.id == t.Snippet.interaction_id)
    visible = visible_account_ids(session, scope)
    if visible is not None:
        query = query.where(t.Interaction.account_id.in_(sorted(visible)))
    if interaction_id is not None:
        if not _known(interaction_id):
            return []
        query = query.where(t.Snippet.interaction_id == interaction_id)
    found = session.scalars(query.order_by(t.Snippet.saved_on.desc(), t.Snippet.id.desc()))
    return [_info(session, s) for s in found]


def get_snippet(session: Session, scope: Scope, ident: int) -> t.Snippet:
    """A snippet of a call the scope may see (others are not found)."""
    snippet = session.get(t.Snippet, ident) if _known(ident) else None
    if snippet is None:
        raise NotFoundError(f"no snippet with id {ident}")
    _call(session, scope, snippet.interaction_id)  # not found unless the call is visible
    return snippet


def set_consent(
    session: Session, scope: Scope, ident: int, consent: bool, *, today: dt.date | None = None
) -> SnippetInfo:
    """The call's seller gives (or withdraws) consent to use the snippet in lessons."""
    snippet = get_snippet(session, scope, ident)
    if snippet.seller_user_id != scope.user_id:
        raise NotAllowedError("only the seller of the call can consent to its use")
    snippet.consent = consent
    snippet.consent_on = (today or dt.date.today()) if consent else None
    session.flush()
    return _info(session, snippet)


def use_in_lesson(
    session: Session, scope: Scope, ident: int, lesson_id: int, *, today: dt.date | None = None
) -> SnippetInfo:
    """Put a consented snippet into a lesson (managers and admins)."""
    if scope.role not in ("manager", "admin"):
        raise NotAllowedError("only managers and admins put examples into lessons")
    snippet = get_snippet(session, scope, ident)
    if not snippet.consent:
        raise ConflictError(
            "the seller has not consented to this example's use yet: it cannot go into a lesson"
        )
    if not _known(lesson_id) or session.get(t.Lesson, lesson_id) is None:
        raise NotFoundError(f"no lesson with id {lesson_id}")
    exists = session.scalar(
        select(t.LessonSnippet.id).where(
            t.LessonSnippet.lesson_id == lesson_id, t.LessonSnippet.snippet_id == ident
        )
    )
    if exists is None:
        session.add(
            t.LessonSnippet(
                lesson_id=lesson_id, snippet_id=ident, added_on=today or dt.date.today()
            )
        )
        session.flush()
    return _info(session, snippet)


def lesson_snippets(session: Session, lesson_id: int) -> list[t.Snippet]:
    """The examples a lesson uses that may be used now (their seller still consents)."""
    return list(
        session.scalars(
            select(t.Snippet)
            .join(t.LessonSnippet, t.LessonSnippet.snippet_id == t.Snippet.id)
            .where(t.LessonSnippet.lesson_id == lesson_id, t.Snippet.consent.is_(True))
            .order_by(t.LessonSnippet.id)
        )
    )


def lesson_choices(session: Session) -> list[tuple[int, str]]:
    """Every lesson as (id, "programme: lesson"), for the form that uses a snippet."""
    rows = session.execute(
        select(t.Lesson.id, t.Programme.name, t.Lesson.title)
        .join(t.Programme, t.Programme.id == t.Lesson.programme_id)
        .order_by(t.Programme.name, t.Lesson.position)
    )
    return [(ident, f"{p}: {title}") for ident, p, title in rows]
