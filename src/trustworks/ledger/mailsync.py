"""Mail that logs itself: threads with people of the ledger become interactions, once each.

`sync_mail` reads a source (an IMAP folder or an .mbox file, `trustworks.mailbox`), skips
every message whose Message-ID the ledger already holds, groups the rest into threads, and
for each thread with someone the ledger knows by e-mail address writes, in one transaction,
the thread's interaction (analysed like any e-mail thread, promises proposed) and a row per
message. A thread that grows is analysed again whole and proposes only promises not heard
before. A sync stopped at any point has committed whole threads only: run again, it picks up
where it stopped and logs nothing twice.

Senders nobody in the ledger has are listed (`unknown_senders`) for the user to match to a
person (`match_sender`) or ignore (`ignore_sender`); nobody is created without being asked.
A message that cannot be read is quarantined with the reason; the others are synced.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, event, insert, select
from sqlalchemy.orm import Session

from trustworks.conversation import Conversation, fold_name
from trustworks.errors import ConflictError, FieldError, FormatError, NotFoundError
from trustworks.ledger import access, identities, repository, tables
from trustworks.ledger.database import Ledger
from trustworks.ledger.due_dates import named_days
from trustworks.ledger.log import log_conversation, propose_commitments
from trustworks.mailbox import (
    Envelope,
    MailSource,
    Thread,
    UnreadableMessage,
    as_mbox,
    group_threads,
    read_envelope,
    text_of,
)

MAX_REASON = 500


@dataclass
class SyncReport:
    """What one sync did."""

    source: str
    me: tuple[str, ...]
    me_inferred: bool = False
    messages: int = 0  # in the mailbox
    already: int = 0  # synced before (logged, quarantined or skipped)
    logged: int = 0  # messages logged now
    new_threads: int = 0
    grown_threads: int = 0
    proposed: int = 0  # promises proposed
    interactions: list[int] = field(default_factory=list)
    quarantined: list[tuple[str, str]] = field(default_factory=list)  # (Message-ID, reason)
    unknown: int = 0  # messages waiting because nobody in the ledger is on them
    unknown_senders: int = 0
    ignored: int = 0  # messages only from or to ignored addresses


@dataclass(frozen=True)
class _Known:
    """What the ledger holds for one mailbox when the sync starts."""

    messages: dict[str, int | None]  # Message-ID -> thread id
    people: dict[str, list[tuple[int, int]]]  # address -> (person id, account id)
    ignored: frozenset[str]
    scope: access.Scope | None
    username: str | None


def mailbox_of(username: str | None) -> str:
    """The key of a user's mailbox in the mail tables ("" for a ledger without users)."""
    return fold_name(username) if username else ""


def sync_mail(
    ledger: Ledger,
    source: MailSource,
    *,
    user: str | None = None,
    me: Iterable[str] = (),
    progress: Callable[[int, int], None] | None = None,
) -> SyncReport:
    """Sync `source` into the ledger as `user`'s mailbox (None: a ledger without users).

    `me` are the user's own addresses (when none are given, the address on most messages is
    taken). With a user, only people on accounts that user may see are matched, and the
    interactions are theirs. `progress(done, total)` is called after each thread.
    """
    from trustworks.ledger.users import find_user

    mailbox = mailbox_of(user)
    with ledger.reading() as session:
        scope = None
        username = None
        if user is not None:
            row = find_user(session, user)
            scope = access.scope_for(session, row)
            username = row.username
        known = _load(session, mailbox, scope, username)
    listed = source.headers()
    report = SyncReport(source=source.name, me=())
    report.messages = len(listed)
    wanted = [key for key, mid in listed if mid is None or mid not in known.messages]
    report.already = len(listed) - len(wanted)
    envelopes: list[Envelope] = []
    seen: set[str] = set()
    bad: list[tuple[str, str, bytes]] = []  # (key, reason, raw)
    for key, raw in source.fetch(wanted):
        try:
            env = read_envelope(raw)
        except UnreadableMessage as exc:
            bad.append((key, str(exc), raw))
            continue
        if env.message_id in known.messages:
            report.already += 1  # no Message-ID header: recognised by its bytes
        elif env.message_id not in seen:
            seen.add(env.message_id)
            envelopes.append(env)
    mine = {a.strip().lower() for a in me if a.strip()}
    if not mine:
        # Read from every message, synced or not, so each sync infers the same address.
        read = (_quiet(raw) for _, raw in source.fetch([key for key, _ in listed]))
        mine = _infer_me([found for found in read if found is not None])
        report.me_inferred = bool(mine)
    report.me = tuple(sorted(mine))
    if bad:
        _quarantine_unreadable(ledger, mailbox, source.name, bad, report)
    threads = group_threads(envelopes, {m: t for m, t in known.messages.items() if t is not None})
    unknown: dict[str, list[Envelope]] = {}
    with _unsynced_commits(ledger):
        for done, thread in enumerate(threads, 1):
            _sync_thread(ledger, mailbox, source.name, thread, known, mine, unknown, report)
            if progress is not None:
                progress(done, len(threads))
    if unknown:
        _list_unknown(ledger, mailbox, unknown)
    report.unknown_senders = len(unknown)
    return report


@contextmanager
def _unsynced_commits(ledger: Ledger) -> Iterator[None]:
    """On SQLite, commit each thread without waiting for the disk (synchronous=NORMAL in WAL
    mode: 5 ms a commit here, a third of a large sync), then wait again as before.

    A process killed mid-sync loses nothing committed (the WAL is in the system's cache). A
    power cut may lose the last threads' commits, their Message-IDs with them, so the next sync
    logs them, once: the mailbox, not the ledger, is where mail is kept.
    """
    if ledger.engine.dialect.name != "sqlite":
        yield
        return

    def relaxed(dbapi_connection: Any, *_: Any) -> None:
        dbapi_connection.execute("PRAGMA synchronous = NORMAL")

    def strict(dbapi_connection: Any, *_: Any) -> None:
        dbapi_connection.execute("PRAGMA synchronous = FULL")

    event.listen(ledger.engine, "checkout", relaxed)
    event.listen(ledger.engine, "checkin", strict)
    try:
        yield
    finally:
        event.remove(ledger.engine, "checkout", relaxed)
        event.remove(ledger.engine, "checkin", strict)


# --------------------------------------------------------------------------------- reading


def _load(
    session: Session, mailbox: str, scope: access.Scope | None, username: str | None
) -> _Known:
    messages = dict(
        session.execute(
            select(tables.MailMessage.message_id, tables.MailMessage.thread_id).where(
                tables.MailMessage.mailbox == mailbox
            )
        ).all()
    )
    visible = access.visible_account_ids(session, scope) if scope is not None else None
    people: dict[str, list[tuple[int, int]]] = {}
    rows = session.execute(
        select(tables.Person.id, tables.Person.account_id, tables.Person.email)
        .where(tables.Person.email.is_not(None))
        .order_by(tables.Person.account_id, tables.Person.id)
    ).all()
    for ident, account_id, email in rows:
        if visible is not None and account_id not in visible:
            continue
        for address in str(email).replace(";", ",").split(","):
            if address.strip():
                people.setdefault(address.strip().lower(), []).append((ident, account_id))
    ignored = frozenset(
        session.scalars(
            select(tables.MailSender.address).where(
                tables.MailSender.mailbox == mailbox, tables.MailSender.status == "ignored"
            )
        )
    )
    return _Known(messages, people, ignored, scope, username)


def _quiet(raw: bytes) -> Envelope | None:
    try:
        return read_envelope(raw)
    except UnreadableMessage:
        return None


def _infer_me(envelopes: Sequence[Envelope]) -> set[str]:
    """The address on the most messages: in one person's mailbox, that person's."""
    counts: Counter[str] = Counter()
    for env in envelopes:
        counts.update(set(env.addresses()))
    if not counts:
        return set()
    return {counts.most_common(1)[0][0]}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _naive(value: dt.datetime | None) -> dt.datetime | None:
    return value.astimezone(dt.UTC).replace(tzinfo=None) if value is not None else None


# --------------------------------------------------------------------------------- threads


def _sync_thread(
    ledger: Ledger,
    mailbox: str,
    source: str,
    thread: Thread,
    known: _Known,
    me: set[str],
    unknown: dict[str, list[Envelope]],
    report: SyncReport,
) -> None:
    others = [a for env in thread.messages for a in env.addresses() if a not in me]
    for env in thread.messages:
        # Who wrote to you, or whom you wrote to: either may be someone to add to the ledger.
        around = env.recipients if env.sender in me else (env.sender,)
        for address in around:
            known_to_us = address in me or address in known.people or address in known.ignored
            if not known_to_us:
                unknown.setdefault(address, []).append(env)
    existing: tuple[int, int | None, str | None] | None = None
    if thread.known is not None:
        with ledger.reading() as session:
            row = session.get(tables.MailThread, thread.known)
            if row is not None:
                interaction = (
                    session.get(tables.Interaction, row.interaction_id)
                    if row.interaction_id is not None
                    else None
                )
                transcript = interaction.transcript if interaction is not None else None
                existing = (row.account_id, row.interaction_id, transcript)
    matched = [known.people[a][0] for a in others if a in known.people]
    if existing is None and not matched:
        if all(a in known.ignored for a in others):
            report.ignored += len(thread.messages)
        else:
            report.unknown += len(thread.messages)
        return
    if existing is not None:
        account_id = existing[0]
        person_id = next((p for p, a in matched if a == account_id), None)
    else:
        votes = Counter(a for _, a in matched)
        best = max(votes.values())
        account_id = min(a for a, n in votes.items() if n == best)
        person_id = next(p for p, a in matched if a == account_id)
    texts = {env.message_id: text_of(env.raw) for env in thread.messages}
    previous = existing[2] if existing is not None else None
    good, rejected, conversation, transcript = _readable(thread.messages, texts, previous, source)
    if existing is not None and existing[1] is None:
        conversation = None  # the thread's interaction was removed by hand: not logged again
    with ledger.session() as session:
        if known.scope is not None:
            access.acting(session, known.scope)
        now = _now()
        if existing is None and not good:
            thread_row = None
        elif existing is None:
            thread_row = tables.MailThread(
                mailbox=mailbox,
                root=thread.root,
                account_id=account_id,
                subject=(good[0].subject or None) and good[0].subject[:500],
                updated_at=now,
            )
            session.add(thread_row)  # inserted by the interaction's first flush
        else:
            thread_row = session.get(tables.MailThread, thread.known)
            if thread_row is not None:
                thread_row.updated_at = now
        status = "logged"
        if thread_row is not None and conversation is not None:
            interaction_id = _log(
                session, thread_row, conversation, transcript, good, me, known, person_id, report
            )
            report.interactions.append(interaction_id)
        elif good:
            status = "skipped"  # the thread's interaction was removed by hand: keep it so
        if thread_row is not None and thread_row in session.new:
            session.flush()
        rows = [_message_row(mailbox, env, thread_row, status, source, now) for env in good]
        for env, reason in rejected:
            rows.append(_message_row(mailbox, env, None, "quarantined", source, now, reason))
            report.quarantined.append((env.message_id, reason))
        if rows:  # one executemany: nothing reads these rows back as objects
            session.execute(insert(tables.MailMessage), rows)
    for env in good:
        known.messages[env.message_id] = thread_row.id if thread_row is not None else None
    if status == "logged":
        report.logged += len(good)


def _readable(
    messages: Sequence[Envelope], texts: dict[str, str], previous: str | None, source: str
) -> tuple[list[Envelope], list[tuple[Envelope, str]], Conversation | None, str]:
    """The messages the e-mail reader can read, the others with the reason, and the thread
    (with the messages logged before) as a conversation and as its transcript."""
    transcript = _joined(previous, [texts[e.message_id] for e in messages])
    try:
        return list(messages), [], _parse(transcript, source), transcript
    except FormatError:
        pass  # find which message it was: each is read alone (rare, so the cost is fine)
    good: list[Envelope] = []
    rejected: list[tuple[Envelope, str]] = []
    for env in messages:
        try:
            _parse(as_mbox([texts[env.message_id]]), source)
            good.append(env)
        except FormatError as exc:
            rejected.append((env, exc.problem[:MAX_REASON]))
    if not good:
        return good, rejected, None, ""
    transcript = _joined(previous, [texts[e.message_id] for e in good])
    return good, rejected, _parse(transcript, source), transcript


def _joined(previous: str | None, texts: Sequence[str]) -> str:
    new = as_mbox(texts)
    return f"{previous.rstrip()}\n\n{new}" if previous else new


def _parse(transcript: str, source: str) -> Conversation:
    from trustworks.ingest.mail import parse_email

    return parse_email(transcript, source)


def _log(
    session: Session,
    thread_row: tables.MailThread,
    conversation: Conversation,
    transcript: str,
    good: Sequence[Envelope],
    me: set[str],
    known: _Known,
    person_id: int | None,
    report: SyncReport,
) -> int:
    """Write (or rewrite) the thread's interaction; its id."""
    from trustworks.analysis import WRITTEN_FORMATS, Settings, analyze

    sellers = {env.sender_name or env.sender for env in good if env.sender in me}
    interaction = (
        session.get(tables.Interaction, thread_row.interaction_id)
        if thread_row.interaction_id is not None
        else None
    )
    if interaction is not None:
        sellers.update(identities.speakers(interaction))
    # Nobody of ours wrote yet: every speaker is the client's (never guessed as our seller).
    names = sorted(sellers) or sorted(me) or ["(me)"]
    settings = Settings(written=conversation.format in WRITTEN_FORMATS)
    analysis = analyze(conversation, names, settings=settings)
    dates = [env.date for env in good if env.date is not None]
    day = max(dates).date() if dates else dt.date.today()
    if interaction is None:
        logged = log_conversation(
            session,
            analysis,
            account=str(thread_row.account_id),
            occurred_on=day,
            channel="email",
            person=str(person_id) if person_id is not None else None,
            notes=_notes(thread_row.subject),
            transcript=transcript,
            seller=known.username,
        )
        thread_row.interaction_id = logged.interaction.id
        report.new_threads += 1
        report.proposed += len(logged.proposed)
        return logged.interaction.id
    _rewrite(session, interaction, analysis, transcript, day, report)
    report.grown_threads += 1
    return interaction.id


def _rewrite(
    session: Session,
    interaction: tables.Interaction,
    analysis: object,
    transcript: str,
    day: dt.date,
    report: SyncReport,
) -> None:
    """The grown thread's analysis replaces the old one; only new promises are proposed."""
    from trustworks.analysis.result import Analysis
    from trustworks.report import to_document

    assert isinstance(analysis, Analysis)
    before = identities.snapshot(interaction)
    scores = analysis.trust
    interaction.occurred_on = max(day, interaction.occurred_on)
    interaction.transcript = transcript
    interaction.seller_speakers = json.dumps(list(analysis.conversation.seller))
    interaction.credibility = scores.credibility
    interaction.reliability = scores.reliability
    interaction.intimacy = scores.intimacy
    interaction.self_orientation = scores.self_orientation
    interaction.trust = scores.trust
    interaction.analysis_json = to_document(analysis).model_dump_json()
    interaction.findings = [
        tables.StoredFinding(
            signal=f.signal,
            family=f.family,
            component=f.component,
            polarity=f.polarity,
            turn=f.turn,
            speaker=f.speaker,
            evidence=f.evidence,
            learned=f.learned,
            confidence=f.confidence,
        )
        for f in analysis.findings
    ]
    session.flush()
    identities.record(session, "interaction", interaction, "edit", before)
    heard = frozenset(
        (side, fold_name(what))
        for side, what in session.execute(
            select(tables.Commitment.side, tables.Commitment.what).where(
                tables.Commitment.interaction_id == interaction.id
            )
        ).all()
    )
    text = " ".join(t.text for t in analysis.conversation.turns)
    named = named_days(text, interaction.occurred_on)
    proposed = propose_commitments(
        session, interaction, analysis, interaction.occurred_on, named, known=heard
    )
    report.proposed += len(proposed)


def _notes(subject: str | None) -> str:
    return f"E-mail thread: {subject}" if subject else "E-mail thread"


def _message_row(
    mailbox: str,
    env: Envelope,
    thread_row: tables.MailThread | None,
    status: str,
    source: str,
    now: dt.datetime,
    reason: str | None = None,
) -> dict[str, object]:
    return {
        "mailbox": mailbox,
        "message_id": env.message_id,
        "thread_id": thread_row.id if thread_row is not None else None,
        "status": status,
        "sender": env.sender[:320],
        "subject": env.subject[:500] or None,
        "sent_at": _naive(env.date),
        "reason": reason,
        "source": source[:500],
        "synced_at": now,
    }


def _quarantine_unreadable(
    ledger: Ledger,
    mailbox: str,
    source: str,
    bad: Sequence[tuple[str, str, bytes]],
    report: SyncReport,
) -> None:
    """Messages whose headers cannot be read: kept by a hash of their bytes, with the reason."""
    import hashlib

    now = _now()
    with ledger.session() as session:
        stored = set(
            session.scalars(
                select(tables.MailMessage.message_id).where(tables.MailMessage.mailbox == mailbox)
            )
        )
        for key, reason, raw in bad:
            ident = "sha256:" + hashlib.sha256(raw).hexdigest()
            if ident in stored:
                report.already += 1
                continue
            stored.add(ident)
            session.add(
                tables.MailMessage(
                    mailbox=mailbox,
                    message_id=ident,
                    status="quarantined",
                    reason=f"{reason} (message {key} of {source})"[:MAX_REASON],
                    source=source[:500],
                    synced_at=now,
                )
            )
            report.quarantined.append((ident, reason))


def _list_unknown(ledger: Ledger, mailbox: str, unknown: dict[str, list[Envelope]]) -> None:
    with ledger.session() as session:
        rows = {
            r.address: r
            for r in session.scalars(
                select(tables.MailSender).where(tables.MailSender.mailbox == mailbox)
            )
        }
        for address, envs in unknown.items():
            latest = max(envs, key=lambda e: e.date or dt.datetime.min.replace(tzinfo=dt.UTC))
            row = rows.get(address)
            if row is None:
                row = tables.MailSender(mailbox=mailbox, address=address[:320], status="unknown")
                session.add(row)
            if row.status == "ignored":
                continue
            if latest.sender == address:  # a recipient's name is not kept: theirs is unknown
                row.name = (latest.sender_name or None) and latest.sender_name[:200]
            row.messages = len(envs)
            row.subject = latest.subject[:500] or None
            row.last_seen = _naive(latest.date)


# ------------------------------------------------------------------ unknown senders


@dataclass(frozen=True)
class UnknownSender:
    """An address that wrote and is nobody in the ledger."""

    id: int
    address: str
    name: str | None
    messages: int
    subject: str | None
    last_seen: dt.datetime | None
    status: str


def unknown_senders(
    session: Session, user: str | None = None, *, ignored: bool = False
) -> list[UnknownSender]:
    """The senders waiting to be matched (or, with `ignored`, those ignored), latest first."""
    rows = session.scalars(
        select(tables.MailSender)
        .where(
            tables.MailSender.mailbox == mailbox_of(user),
            tables.MailSender.status == ("ignored" if ignored else "unknown"),
        )
        .order_by(tables.MailSender.last_seen.desc(), tables.MailSender.id)
    )
    return [
        UnknownSender(r.id, r.address, r.name, r.messages, r.subject, r.last_seen, r.status)
        for r in rows
    ]


def _sender(session: Session, user: str | None, ident: int | str) -> tables.MailSender:
    """An unknown sender of this user's mailbox, by id or address."""
    query = select(tables.MailSender).where(tables.MailSender.mailbox == mailbox_of(user))
    text = str(ident).strip()
    if text.isascii() and text.isdigit() and len(text) < 10:
        query = query.where(tables.MailSender.id == int(text))
    else:
        query = query.where(tables.MailSender.address == text.lower())
    row = session.scalars(query).first()
    if row is None:
        raise NotFoundError(f"no unknown sender {text}")
    return row


def ignore_sender(session: Session, ident: int | str, user: str | None = None) -> str:
    """Never list this address again, and log nothing only it wrote; its address."""
    row = _sender(session, user, ident)
    row.status = "ignored"
    return row.address


def match_sender(
    session: Session,
    ident: int | str,
    account: str,
    person: str | None = None,
    *,
    user: str | None = None,
    scope: access.Scope | None = None,
) -> tables.Person:
    """Give the sender's address to `person` of `account` (added when the account has nobody of
    that name; the sender's own name by default). The next sync logs their threads."""
    row = _sender(session, user, ident)
    if scope is not None:
        found = access.find_visible_account(session, scope, account)
    else:
        found = repository.find_account(session, account)
    name = (person or row.name or row.address).strip()
    if not name:
        raise FieldError("person", "give the person's name")
    existing = session.scalars(
        select(tables.Person).where(
            tables.Person.account_id == found.id,
            tables.Person.name.ilike(
                name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"), escape="\\"
            ),
        )
    ).first()
    if existing is not None:
        if existing.email and existing.email.strip().lower() != row.address:
            raise ConflictError(
                f"{existing.name} of {found.name} already has the address {existing.email}"
            )
        repository.edit(session, "person", existing.id, {"email": row.address})
        target = existing
    else:
        added = repository.add(
            session, "person", {"account": str(found.id), "name": name, "email": row.address}
        )
        assert isinstance(added, tables.Person)
        target = added
    session.execute(delete(tables.MailSender).where(tables.MailSender.id == row.id))
    return target


# ------------------------------------------------------------------------- quarantine


def quarantined(session: Session, user: str | None = None) -> list[tables.MailMessage]:
    """Messages a sync could not read, newest first, with the reason."""
    return list(
        session.scalars(
            select(tables.MailMessage)
            .where(
                tables.MailMessage.mailbox == mailbox_of(user),
                tables.MailMessage.status == "quarantined",
            )
            .order_by(tables.MailMessage.id.desc())
        )
    )


# -------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class SavedSettings:
    """Where a user's mailbox is. There is no password here: none is ever stored."""

    host: str
    login: str
    folder: str
    port: int | None
    security: str
    addresses: tuple[str, ...]


def settings_of(session: Session, user: str) -> SavedSettings | None:
    """A user's saved mailbox settings, or None."""
    from trustworks.ledger.users import find_user

    row = session.scalars(
        select(tables.MailSettings).where(
            tables.MailSettings.user_id == find_user(session, user).id
        )
    ).first()
    if row is None:
        return None
    addresses = tuple(a for a in (row.addresses or "").split() if a)
    return SavedSettings(row.host, row.login, row.folder, row.port, row.security, addresses)


def save_settings(
    session: Session,
    user_id: int,
    *,
    host: str,
    login: str,
    folder: str = "INBOX",
    port: int | None = None,
    security: str = "tls",
    addresses: Iterable[str] = (),
) -> tables.MailSettings:
    """Keep where a user's mailbox is (validated); replaces what they saved before."""
    from trustworks.mailbox import SECURITY, is_loopback

    host, login, folder = host.strip(), login.strip(), folder.strip() or "INBOX"
    if not host or any(c.isspace() for c in host) or len(host) > 255:
        raise FieldError("server", "a host name such as imap.example.com")
    if not login or len(login) > 320:
        raise FieldError("login", "give the IMAP login (often your address)")
    if len(folder) > 255:
        raise FieldError("folder", "at most 255 characters")
    if security not in SECURITY:
        raise FieldError("security", f"one of {', '.join(SECURITY)}")
    if security == "plain" and not is_loopback(host):
        raise FieldError("security", "plain IMAP is allowed only to a loopback address")
    if port is not None and not 0 < port < 65536:
        raise FieldError("port", "a port between 1 and 65535")
    mine = [a.strip().lower() for a in addresses if a.strip()]
    for address in mine:
        if "@" not in address or len(address) > 320:
            raise FieldError("addresses", f"{address!r} is not an e-mail address")
    row = session.scalars(
        select(tables.MailSettings).where(tables.MailSettings.user_id == user_id)
    ).first()
    if row is None:
        row = tables.MailSettings(user_id=user_id)
        session.add(row)
    row.host, row.login, row.folder, row.port, row.security = host, login, folder, port, security
    row.addresses = "\n".join(mine) or None
    row.updated_at = _now()
    session.flush()
    return row
