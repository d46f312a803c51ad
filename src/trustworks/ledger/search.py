"""One search box over accounts, people, calls, promises and stories, with the same answers on
SQLite (FTS5) and PostgreSQL (full-text search: a tsvector column with a GIN index).

The two engines split and fold words differently (PostgreSQL keeps `dana@northwind.com` as one
word and `Zoë` with its accent; FTS5 splits the first and folds the second), so neither is
given the user's text. Each record's words are normalised here, in Python, into
`search_documents` (case folded, accents and other marks dropped, anything that is not a letter
or digit a space), and both engines only split that on spaces. The query is normalised the
same way and turned into each engine's own syntax by this module, so no user input reaches a
MATCH or tsquery parser: bad syntax is a plain `FieldError`, never a database error.

Ranking is the same on both, and computed in SQL rather than by either engine's relevance
score (FTS5's bm25 and PostgreSQL's ts_rank differ): a record whose name is exactly the
query first, then one whose name or promise holds every word, then everything else; within
each, the most recent first (a call's day, a promise's due date, a story's day, when an
account was added), then by kind and id. The first two tiers are found apart (names are few);
the rest is read in the order of ix_search_documents_order, so a common word stops after a
page instead of sorting every call that holds it.

The index follows every write through the ORM (mapper events below, in the same transaction);
removals follow by the foreign keys' ON DELETE CASCADE, whoever removes the row. A write that
bypasses the ORM (a restore) calls `rebuild`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    bindparam,
    delete,
    event,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.orm import Mapper, Session

from trustworks.errors import FieldError
from trustworks.ledger import tables as t

if TYPE_CHECKING:
    from trustworks.ledger.access import Scope

__all__ = [
    "KINDS",
    "MAX_QUERY_CHARS",
    "SearchHit",
    "SearchPage",
    "find",
    "normalise",
    "parse_query",
    "rebuild",
    "reindex",
    "tokens",
]

KINDS = ("account", "person", "call", "commitment", "story")
"""What the box finds."""
LABELS = {
    "account": "Account",
    "person": "Person",
    "call": "Call",
    "commitment": "Promise",
    "story": "Story",
}
MAX_QUERY_CHARS = 500
MAX_ITEMS = 12
MAX_PAGE = 100
# Caps that keep a document within what PostgreSQL indexes (a lexeme of at most 2,047 bytes,
# a tsvector of at most 1 MB), applied on both databases so both find the same.
MAX_TOKEN_CHARS = 100
MAX_TITLE_CHARS = 2_000
MAX_BODY_CHARS = 250_000
# PostgreSQL keeps at most 256 positions of one word and none past 16,383 (it clamps them), so
# a phrase in a longer text cannot be found by position there: such documents are marked not
# `exact` and their phrases are checked on the stored words instead (see `_pg_condition`).
PG_MAX_POSITION = 16_383
PG_MAX_POSITIONS_PER_WORD = 256

documents = Table(
    "search_documents",
    t.Base.metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("record_id", Integer, nullable=False),
    # Each record's own foreign key, so removing it (or its account) removes its document in
    # the database itself, however it was removed.
    Column("account_id", ForeignKey("accounts.id", ondelete="CASCADE"), nullable=True, index=True),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), nullable=True, index=True),
    Column(
        "interaction_id",
        ForeignKey("interactions.id", ondelete="CASCADE"),
        nullable=True,
        index=True,
    ),
    Column(
        "commitment_id",
        ForeignKey("commitments.id", ondelete="CASCADE"),
        nullable=True,
        index=True,
    ),
    Column("story_id", ForeignKey("stories.id", ondelete="CASCADE"), nullable=True, index=True),
    Column("programme_id", Integer, nullable=True, index=True),  # a story's, for who may see it
    # The day ranked by (NO_DAY when the record has none): never NULL, so one index orders all.
    Column("day", Date, nullable=False),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("exact", Boolean, nullable=False),
)
Index("uq_search_documents_record", documents.c.kind, documents.c.record_id, unique=True)
# Read backwards for the newest first; covering what scoping asks (account, programme), so a
# seller's search checks who may see a document without reading its row.
Index(
    "ix_search_documents_order",
    documents.c.day,
    documents.c.kind,
    documents.c.record_id,
    documents.c.account_id,
    documents.c.programme_id,
)
NO_DAY = dt.date(1, 1, 1)

FTS_TABLE = "search_fts"
PG_VECTOR = "tsv"
PG_VECTOR_INDEX = "ix_search_documents_tsv"
PG_TITLE_VECTOR = "title_tsv"
PG_TITLE_INDEX = "ix_search_documents_title_tsv"
PG_TITLE_SQL = "to_tsvector('simple'::regconfig, title)"
# Each pair of neighbouring words as one lexeme ("send the proposal": sendxthe, thexproposal),
# without positions: the GIN index then finds the few calls that may hold a phrase of common
# words, instead of every call holding the words, whose vectors would all have to be read.
# Built in SQL from the stored words (pairs from the first word, then from the second); a
# pair that happens to equal a real word only lets a call through to the exact check.
PG_PAIRS = "pairs_tsv"
PG_PAIRS_INDEX = "ix_search_documents_pairs_tsv"
_WORDS = "btrim(title || ' ' || body)"
PG_PAIRS_SQL = (
    "strip(to_tsvector('simple'::regconfig, "
    f"regexp_replace({_WORDS}, '(\\S+) (\\S+)', '\\1x\\2', 'g') || ' ' || "
    f"regexp_replace(regexp_replace({_WORDS}, '^\\S+ ?', ''), '(\\S+) (\\S+)', '\\1x\\2', 'g')))"
)
PG_VECTOR_SQL = (
    "setweight(to_tsvector('simple'::regconfig, title), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body), 'B')"
)


# ---- words --------------------------------------------------------------------------------

_ALNUM = re.compile(r"[^\W_]+")


def tokens(value: str | None) -> list[str]:
    """The words of a text as both databases index them: folded, unaccented, split on every
    character that is not a letter or a digit. `tokens("Zoë's follow-up")` is
    `['zoe', 's', 'follow', 'up']`."""
    if not value:
        return []
    if value.isascii():
        words = _ALNUM.findall(value.lower())
    else:
        folded = unicodedata.normalize("NFKD", value.casefold())
        bare = "".join(c for c in folded if not unicodedata.category(c).startswith("M"))
        words = _ALNUM.findall(bare)
    return [w[:MAX_TOKEN_CHARS] for w in words]


def normalise(value: str | None, limit: int = MAX_BODY_CHARS) -> str:
    """The words of a text joined by single spaces, at most `limit` characters of them."""
    joined = " ".join(tokens(value))
    if len(joined) <= limit:
        return joined
    return joined[:limit].rsplit(" ", 1)[0]


# ---- documents ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    table: Table
    link: str  # the document's foreign-key column for this record
    fields: tuple[str, ...]  # the record's columns a document is made of
    title: tuple[str, ...]
    body: tuple[str, ...]
    day: str | None


_SOURCES: dict[str, _Source] = {
    "account": _Source(
        t.Account.__table__,  # type: ignore[arg-type]
        "account_id",
        ("name", "industry", "website", "notes", "created_at"),
        ("name",),
        ("industry", "website", "notes"),
        "created_at",
    ),
    "person": _Source(
        t.Person.__table__,  # type: ignore[arg-type]
        "person_id",
        ("account_id", "name", "title", "email", "notes"),
        ("name",),
        ("title", "email", "notes"),
        None,
    ),
    "call": _Source(
        t.Interaction.__table__,  # type: ignore[arg-type]
        "interaction_id",
        ("account_id", "occurred_on", "notes", "transcript"),
        (),
        ("notes", "transcript"),
        "occurred_on",
    ),
    "commitment": _Source(
        t.Commitment.__table__,  # type: ignore[arg-type]
        "commitment_id",
        ("account_id", "what", "evidence", "due"),
        ("what",),
        ("evidence",),
        "due",
    ),
    "story": _Source(
        t.Story.__table__,  # type: ignore[arg-type]
        "story_id",
        ("programme_id", "situation", "action", "outcome", "happened_on"),
        (),
        ("situation", "action", "outcome"),
        "happened_on",
    ),
}
_KIND_OF_CLASS: dict[type[t.Base], str] = {
    t.Account: "account",
    t.Person: "person",
    t.Interaction: "call",
    t.Commitment: "commitment",
    t.Story: "story",
}


def _document(kind: str, row: Mapping[str, Any]) -> dict[str, Any]:
    source = _SOURCES[kind]
    title = normalise(" ".join(str(row[f] or "") for f in source.title), MAX_TITLE_CHARS)
    # Fields are joined by a line break: words never run across two of them.
    body = normalise("\n".join(str(row[f] or "") for f in source.body))
    words = title.split() + body.split()
    most = max(Counter(words).values(), default=0)
    day = row[source.day] if source.day else None
    if isinstance(day, dt.datetime):
        day = day.date()
    if day is None:
        day = NO_DAY
    ident = int(row["id"])
    doc: dict[str, Any] = {
        "kind": kind,
        "record_id": ident,
        "account_id": ident if kind == "account" else row.get("account_id"),
        "person_id": None,
        "interaction_id": None,
        "commitment_id": None,
        "story_id": None,
        "programme_id": row.get("programme_id"),
        "day": day,
        "title": title,
        "body": body,
        "exact": len(words) <= PG_MAX_POSITION and most < PG_MAX_POSITIONS_PER_WORD,
    }
    if source.link != "account_id":
        doc[source.link] = ident
    return doc


def _source_rows(conn: Connection, kind: str, ids: Sequence[int] | None) -> Iterable[Any]:
    source = _SOURCES[kind]
    columns = [source.table.c.id, *(source.table.c[f] for f in source.fields)]
    query = select(*columns).order_by(source.table.c.id)
    if ids is not None:
        query = query.where(source.table.c.id.in_(ids))
    return conn.execute(query).mappings()


def reindex(conn: Connection, kind: str, ids: Sequence[int]) -> None:
    """Write the documents of these records again, from what the database now holds."""
    conn.execute(delete(documents).where(documents.c.kind == kind, documents.c.record_id.in_(ids)))
    docs = [_document(kind, row) for row in _source_rows(conn, kind, ids)]
    if docs:
        conn.execute(insert(documents), docs)


def rebuild(conn: Connection, *, batch: int = 2_000) -> int:
    """Make every document again from the records (after a restore or a bulk load); returns
    how many there are."""
    conn.execute(delete(documents))
    written = 0
    for kind in KINDS:
        pending: list[dict[str, Any]] = []
        for row in _source_rows(conn, kind, None):
            pending.append(_document(kind, row))
            if len(pending) >= batch:
                conn.execute(insert(documents), pending)
                written += len(pending)
                pending = []
        if pending:
            conn.execute(insert(documents), pending)
            written += len(pending)
    return written


def _after_insert(_mapper: Mapper[Any], conn: Connection, target: t.Base) -> None:
    reindex(conn, _KIND_OF_CLASS[type(target)], [target.id])  # type: ignore[attr-defined]


def _after_update(_mapper: Mapper[Any], conn: Connection, target: t.Base) -> None:
    kind = _KIND_OF_CLASS[type(target)]
    state = inspect(target)
    # A deferred transcript that was never loaded has no history: it did not change.
    if any(state.attrs[f].history.has_changes() for f in _SOURCES[kind].fields):
        reindex(conn, kind, [target.id])  # type: ignore[attr-defined]


for _class in _KIND_OF_CLASS:
    event.listen(_class, "after_insert", _after_insert)
    event.listen(_class, "after_update", _after_update)


# ---- queries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One part of a query: a word, or a "phrase" of several; `prefix`: the last word is a
    beginning (`north*`); `negated`: records holding it are left out (`-demo`)."""

    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False


@dataclass(frozen=True)
class Query:
    """A parsed query: what must be there, and what must not."""

    text: str
    include: tuple[Item, ...]
    exclude: tuple[Item, ...]

    @property
    def words(self) -> tuple[str, ...]:
        """Every word looked for, in order (for marking them in a snippet)."""
        return tuple(w for item in self.include for w in item.words)


_PART = re.compile(r'(-?)(?:"([^"]*)"|([^\s"]+))(\*?)')


def parse_query(raw: str) -> Query:
    """Read what a person typed: words (all must be there), "a phrase", `north*` (a word that
    begins so), `-word` or `-"a phrase"` (leave those out). Punctuation splits words as it
    does in the records (`follow-up` is the phrase "follow up"). Anything else is a
    FieldError on `q` that says what to change."""
    value = raw.strip()
    if not value:
        raise FieldError("q", 'type a word, a name or a "phrase" to look for')
    if len(value) > MAX_QUERY_CHARS:
        raise FieldError("q", f"a search is at most {MAX_QUERY_CHARS} characters")
    if value.count('"') % 2:
        raise FieldError(
            "q", 'a quotation mark is not closed: close the "phrase" or remove the quotation mark'
        )
    include: list[Item] = []
    exclude: list[Item] = []
    for match in _PART.finditer(value):
        minus, quoted, bare, star = match.groups()
        part = quoted if quoted is not None else bare
        if bare is not None and bare.endswith("*"):
            part, star = bare.rstrip("*"), "*"
        words = tuple(tokens(part))
        if not words:
            continue
        if star and len(words[-1]) < 2:
            raise FieldError(
                "q",
                f"{words[-1]}* is too short to look for by its beginning: give 2 letters or more",
            )
        item = Item(words, prefix=bool(star), negated=bool(minus))
        (exclude if minus else include).append(item)
    if not include and not exclude:
        raise FieldError("q", "nothing to look for: give letters or digits")
    if not include:
        raise FieldError("q", "say what to look for as well as what to leave out")
    if len(include) + len(exclude) > MAX_ITEMS:
        raise FieldError("q", f"at most {MAX_ITEMS} words or phrases in one search")
    return Query(value, tuple(include), tuple(exclude))


# FTS5 syntax: every word is quoted (they hold only letters and digits), so nothing the user
# typed is read as an operator.
def _fts_item(item: Item, column: str | None = None) -> str:
    phrase = '"' + " ".join(item.words) + '"' + ("*" if item.prefix else "")
    return f"{column} : {phrase}" if column else phrase


def _fts_expression(query: Query) -> str:
    expression = "(" + " AND ".join(_fts_item(i) for i in query.include) + ")"
    for item in query.exclude:
        expression += " NOT " + _fts_item(item)
    return expression


# PostgreSQL tsquery syntax. A phrase must stay within one field, as in FTS5: the title's
# words are weighted A and the body's B, and a phrase is looked for in each weight apart.
def _pg_word(word: str, weight: str, prefix: bool) -> str:
    return f"'{word}':{'*' if prefix else ''}{weight}"


def _pg_item(item: Item) -> str:
    if len(item.words) == 1:
        return _pg_word(item.words[0], "", item.prefix)
    sides = []
    for weight in "AB":
        last = len(item.words) - 1
        parts = [_pg_word(w, weight, item.prefix and n == last) for n, w in enumerate(item.words)]
        sides.append("(" + " <-> ".join(parts) + ")")
    return "(" + " | ".join(sides) + ")"


def _pg_all_words(item: Item, weight: str = "") -> str:
    last = len(item.words) - 1
    return " & ".join(
        _pg_word(w, weight, item.prefix and n == last) for n, w in enumerate(item.words)
    )


def _like(item: Item) -> str:
    """A LIKE pattern for the item in ' ' || field || ' ' (the fields are normalised words)."""
    return "% " + " ".join(item.words) + ("%" if item.prefix else " %")


def _pg_condition(query: Query, params: dict[str, Any]) -> str:
    """Matching on PostgreSQL: positions where they are exact, the stored words elsewhere."""
    precise = " & ".join(f"({_pg_item(i)})" for i in query.include)
    loose = " & ".join(f"({_pg_all_words(i)})" for i in query.include)
    for item in query.exclude:
        precise += f" & !({_pg_item(item)})"
        if len(item.words) == 1:
            loose += f" & !({_pg_all_words(item)})"
    params["pg_loose"] = loose
    if all(len(item.words) == 1 for item in (*query.include, *query.exclude)):
        # No phrase: whether each word is there is all there is to know, and the GIN index
        # knows it without reading any row's vector.
        return "d.tsv @@ to_tsquery('simple', :pg_loose)"
    params["pg_precise"] = precise
    pairs = [
        f"'{a}x{b}'"
        for item in query.include
        for n, (a, b) in enumerate(zip(item.words, item.words[1:], strict=False))
        if not (item.prefix and n == len(item.words) - 2)
    ]
    narrowed = ""
    if pairs:
        params["pg_pairs"] = " & ".join(pairs)
        narrowed = f" AND d.{PG_PAIRS} @@ to_tsquery('simple', :pg_pairs)"
    checks = []
    for n, item in enumerate((*query.include, *query.exclude)):
        if len(item.words) == 1:
            continue  # a word needs no position: the loose query decides it
        params[f"like{n}"] = _like(item)
        found = f"((' ' || d.title || ' ') LIKE :like{n} OR (' ' || d.body || ' ') LIKE :like{n})"
        checks.append(f"NOT {found}" if item.negated else found)
    exact = "(d.exact AND d.tsv @@ to_tsquery('simple', :pg_precise))"
    inexact = " AND ".join(["NOT d.exact", *checks])
    # Every word's presence first (what the GIN index answers), then positions or LIKE.
    return f"d.tsv @@ to_tsquery('simple', :pg_loose){narrowed} AND ({exact} OR ({inexact}))"


# ---- results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    """One record found: what it is, how to show it, and the words around the match.

    `snippet` is a list of (text, matched) pieces, so a page can mark the matched words
    without trusting any text as markup.
    """

    kind: str
    id: int
    title: str
    detail: str
    day: dt.date | None
    account_id: int | None
    programme_id: int | None
    snippet: tuple[tuple[str, bool], ...]

    @property
    def label(self) -> str:
        """The kind in words ("Promise")."""
        return LABELS[self.kind]


@dataclass(frozen=True)
class SearchPage:
    """One page of results, best first; `more` says whether a next page has any."""

    query: str
    kinds: tuple[str, ...]
    hits: tuple[SearchHit, ...]
    offset: int
    limit: int
    more: bool


MAX_OFFSET = 10_000
MAX_TITLE_MATCHES = 1_000
SORTED_AT_MOST = 2_000
ORDER = "d.day DESC, d.kind DESC, d.record_id DESC"
"""Within a tier: newest first, then by kind and id, so every tie is broken the same way."""


def find(
    session: Session,
    raw: str,
    scope: Scope | None = None,
    *,
    kinds: Collection[str] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchPage:
    """The records matching `raw` that `scope` may see (everything for None), best first.

    `kinds` narrows to some of KINDS. Raises FieldError (field "q", "kind", "limit" or
    "offset") for a query or option that cannot be searched, saying what to change.
    """
    query = parse_query(raw)
    chosen = _kinds(kinds)
    if not 1 <= limit <= MAX_PAGE:
        raise FieldError("limit", f"give a number from 1 to {MAX_PAGE}")
    if not 0 <= offset <= MAX_OFFSET:
        raise FieldError("offset", f"give a number from 0 to {MAX_OFFSET}")
    conn = session.connection()
    params: dict[str, Any] = {"kinds": list(chosen)}
    where = ["d.kind IN :kinds"]
    ordered = "search_documents d"
    if conn.dialect.name == "postgresql":
        where.append(_pg_condition(query, params))
        # The names' own small index (no weights to check on each row), then LIKE decides.
        titled = [f"d.{PG_TITLE_VECTOR} @@ to_tsquery('simple', :pg_title)"]
        params["pg_title"] = " & ".join(f"({_pg_all_words(i)})" for i in query.include)
    else:
        # The index first, then the documents in the order shown: for a common word SQLite
        # walks ix_search_documents_order and stops after a page, instead of sorting them all.
        params["fts"] = _fts_expression(query)
        in_title = " AND ".join(_fts_item(i, "title") for i in query.include)
        params["fts_title"] = f"({params['fts']}) AND ({in_title})"
        match = f"d.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :%s)"
        where.append(match % "fts")
        titled = [match % "fts_title"]
        # SQLite cannot know how many documents a word is in: it sorts every match, which for
        # a word in 20,000 calls costs a page many times over. Counted (up to a bound) first,
        # many matches are read in the index's order instead, which stops after a page.
        many = conn.execute(
            text(
                f"SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH :fts LIMIT {SORTED_AT_MOST + 1})"
            ),
            {"fts": params["fts"]},
        ).scalar_one()
        if many > SORTED_AT_MOST:
            ordered = "search_documents d INDEXED BY ix_search_documents_order"
    scoped = _scope_condition(session, scope, params)
    if scoped is not None:
        where.append(scoped)
    for n, item in enumerate(query.include):
        params[f"title{n}"] = _like(item)
        titled.append(f"(' ' || d.title || ' ') LIKE :title{n}")
    params["whole"] = " ".join(query.words)
    whole = "d.title = :whole" if not query.include[-1].prefix else "1 = 0"
    # Tiers 0 and 1 (the name is the query, or holds all of it) are few: found apart, first.
    where_titled = [w for w in where if w != match % "fts"] if "fts" in params else where
    first = _run(
        conn,
        f"SELECT d.kind, d.record_id FROM search_documents d "
        f"WHERE {' AND '.join(where_titled + titled)} "
        f"ORDER BY CASE WHEN {whole} THEN 0 ELSE 1 END, {ORDER} LIMIT {MAX_TITLE_MATCHES}",
        params,
    )
    wanted = offset + limit + 1
    rest: list[tuple[str, int]] = []
    if len(first) < wanted:
        seen = set(first)
        sql = (
            f"SELECT d.kind, d.record_id FROM {ordered} WHERE {' AND '.join(where)}%s "
            f"ORDER BY {ORDER} LIMIT {wanted + len(first)}"
        )
        if conn.dialect.name == "postgresql":
            rest = _newest_on_postgresql(conn, sql, params, wanted + len(first))
        else:
            rest = _run(conn, sql % "", params)
        rest = [key for key in rest if key not in seen]
    found = (first + rest)[offset:wanted]
    more = len(found) > limit
    hits = _describe(session, found[:limit], query)
    return SearchPage(query.text, chosen, tuple(hits), offset, limit, more)


# Days back the newest matches are first looked for on PostgreSQL (None: all of them).
PG_WINDOWS: tuple[int | None, ...] = (31, None)


def _newest_on_postgresql(
    conn: Connection, sql: str, params: dict[str, Any], needed: int
) -> list[tuple[str, int]]:
    """The newest `needed` matches, reading as few rows as it can.

    A vector is stored apart from its row (TOAST) and expensive to read; the GIN index says
    which rows hold the words without reading any. So only bitmap scans are allowed here (a
    sequential or ordered scan would read the vector of every row it passes, seconds for a
    word in every call), and the matches of the last month are taken first, then all: a
    common word fills a page from the newest few, a rare one costs little however far back
    it looks. Every window is "day >= some day", so the newest `needed` of a window that
    has that many are the newest of all.
    """
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
    conn.exec_driver_sql("SET LOCAL enable_indexscan = off")
    try:
        today = dt.date.today()
        for days in PG_WINDOWS:
            if days is None:
                return _run(conn, sql % "", params)
            found = _run(
                conn,
                sql % " AND d.day >= :since",
                {**params, "since": today - dt.timedelta(days=days)},
            )
            if len(found) >= needed:
                return found
        return []
    finally:
        conn.exec_driver_sql("RESET enable_seqscan")
        conn.exec_driver_sql("RESET enable_indexscan")


def _run(conn: Connection, sql: str, params: dict[str, Any]) -> list[tuple[str, int]]:
    statement = text(sql)
    for name in ("kinds", "visible", "programmes"):
        if name in params:
            statement = statement.bindparams(bindparam(name, expanding=True))
    return [(str(k), int(i)) for k, i in conn.execute(statement, params)]


def _kinds(kinds: Collection[str] | None) -> tuple[str, ...]:
    if not kinds:
        return KINDS
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise FieldError("kind", f"{unknown[0]!r} is not one of {', '.join(KINDS)}")
    return tuple(k for k in KINDS if k in kinds)


def _scope_condition(session: Session, scope: Scope | None, params: dict[str, Any]) -> str | None:
    """Who may see what, as ledger/access.py and stories/access.py decide it."""
    if scope is None or scope.sellers is None:
        return None  # everything; admins also read every programme's stories
    from trustworks.ledger.access import visible_account_ids

    visible = visible_account_ids(session, scope) or set()
    params["visible"] = sorted(visible) or [0]
    if scope.role in ("admin", "manager"):  # leaders read every programme (stories/access.py)
        return "(d.account_id IN :visible OR d.kind = 'story')"
    enrolled = session.scalars(
        select(t.Participant.programme_id).where(t.Participant.user_id == scope.user_id)
    ).all()
    params["programmes"] = sorted(set(enrolled)) or [0]
    return "(d.account_id IN :visible OR (d.kind = 'story' AND d.programme_id IN :programmes))"


def _describe(session: Session, found: list[tuple[str, int]], query: Query) -> list[SearchHit]:
    """Each found record as a person reads it, in the order found."""
    by_kind: dict[str, list[int]] = {}
    for kind, ident in found:
        by_kind.setdefault(kind, []).append(ident)
    made: dict[tuple[str, int], SearchHit] = {}
    for kind, ids in by_kind.items():
        for hit in _DESCRIBERS[kind](session, ids, query):
            made[(kind, hit.id)] = hit
    return [made[key] for key in found if key in made]


def _account_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(select(t.Account.id, t.Account.name).where(t.Account.id.in_(wanted)))
    return {int(i): str(n) for i, n in rows}


def _describe_accounts(session: Session, ids: list[int], query: Query) -> list[SearchHit]:
    rows = session.scalars(select(t.Account).where(t.Account.id.in_(ids))).all()
    return [
        SearchHit(
            "account",
            a.id,
            a.name,
            " · ".join(x for x in (a.industry, f"owner {a.owner}" if a.owner else None) if x),
            a.created_at.date() if a.created_at else None,
            a.id,
            None,
            snippet(query, a.notes, a.industry, a.website),
        )
        for a in rows
    ]


def _describe_people(session: Session, ids: list[int], query: Query) -> list[SearchHit]:
    rows = session.scalars(select(t.Person).where(t.Person.id.in_(ids))).all()
    names = _account_names(session, (p.account_id for p in rows))
    return [
        SearchHit(
            "person",
            p.id,
            p.name,
            " · ".join(x for x in (p.title, names.get(p.account_id)) if x),
            None,
            p.account_id,
            None,
            snippet(query, p.notes, p.title, p.email),
        )
        for p in rows
    ]


def _describe_calls(session: Session, ids: list[int], query: Query) -> list[SearchHit]:
    source = t.Interaction.__table__
    rows = session.execute(
        select(
            source.c.id,
            source.c.account_id,
            source.c.occurred_on,
            source.c.channel,
            source.c.purpose,
            source.c.seller,
            source.c.notes,
            source.c.transcript,
        ).where(source.c.id.in_(ids))
    ).all()
    names = _account_names(session, (r.account_id for r in rows))
    hits = []
    for r in rows:
        account = names.get(r.account_id, "")
        title = f"{r.purpose.replace('_', ' ').capitalize()} {r.channel} with {account}".strip()
        detail = " · ".join(x for x in (r.occurred_on.isoformat(), r.seller) if x)
        hits.append(
            SearchHit(
                "call",
                r.id,
                title,
                detail,
                r.occurred_on,
                r.account_id,
                None,
                snippet(query, r.transcript, r.notes),
            )
        )
    return hits


def _describe_commitments(session: Session, ids: list[int], query: Query) -> list[SearchHit]:
    rows = session.scalars(select(t.Commitment).where(t.Commitment.id.in_(ids))).all()
    names = _account_names(session, (c.account_id for c in rows))
    hits = []
    for c in rows:
        due = f"due {c.due.isoformat()}" if c.due else "no due date"
        who = "we promised" if c.side == "us" else "they promised"
        detail = " · ".join((f"{c.by} ({who})", due, c.status, names.get(c.account_id, "")))
        hits.append(
            SearchHit(
                "commitment",
                c.id,
                c.what,
                detail,
                c.due,
                c.account_id,
                None,
                snippet(query, c.evidence),
            )
        )
    return hits


def _describe_stories(session: Session, ids: list[int], query: Query) -> list[SearchHit]:
    rows = session.execute(
        select(t.Story, t.Programme.name, t.Participant.name, t.Lesson.title)
        .join(t.Programme, t.Programme.id == t.Story.programme_id)
        .join(t.Participant, t.Participant.id == t.Story.participant_id)
        .join(t.Lesson, t.Lesson.id == t.Story.lesson_id)
        .where(t.Story.id.in_(ids))
    ).all()
    return [
        SearchHit(
            "story",
            s.id,
            f"{participant} · {lesson}",
            f"{programme} · {s.happened_on.isoformat()}",
            s.happened_on,
            None,
            s.programme_id,
            snippet(query, s.situation, s.action, s.outcome),
        )
        for s, programme, participant, lesson in rows
    ]


_DESCRIBERS = {
    "account": _describe_accounts,
    "person": _describe_people,
    "call": _describe_calls,
    "commitment": _describe_commitments,
    "story": _describe_stories,
}


# ---- snippets -----------------------------------------------------------------------------

SNIPPET_WORDS = 14  # words shown either side of the match


def snippet(query: Query, *fields: str | None) -> tuple[tuple[str, bool], ...]:
    """The words around the first place a field holds the query's first part (or any of its
    words), as (text, matched) pieces; empty when no field shows it (a name match)."""
    for item in query.include:
        for value in fields:
            found = _window(value, item, query.include)
            if found:
                return found
    return ()


_WORD_SPAN = re.compile(r"[^\W_]+")


def _window(value: str | None, item: Item, marked: Sequence[Item]) -> tuple[tuple[str, bool], ...]:
    if not value:
        return ()
    # One raw run may fold to several words (rare: "ǆ"); matching works on the folded words.
    flat = [(m.start(), m.end(), w) for m in _WORD_SPAN.finditer(value) for w in tokens(m.group())]
    words = [w for _, _, w in flat]
    at = next(_starts(words, item), None)
    if at is None:
        return ()
    first = max(0, at - SNIPPET_WORDS)
    last = min(len(flat) - 1, at + len(item.words) - 1 + SNIPPET_WORDS)
    # Every part of the query is marked where it occurs whole: a phrase's words only where
    # the phrase is, not each "the" of the text.
    lit: set[int] = set()
    for part in marked:
        for n in _starts(words[first : last + 1], part):
            lit.update(range(first + n, first + n + len(part.words)))
    pieces: list[tuple[str, bool]] = [("… ", False)] if first > 0 else []
    cursor = flat[first][0]
    for n in range(first, last + 1):
        s, e, _ = flat[n]
        if s > cursor:
            pieces.append((_SPACES.sub(" ", value[cursor:s]), False))
        pieces.append((value[s:e], n in lit))
        cursor = e
    if last < len(flat) - 1:
        pieces.append((" …", False))
    elif value[cursor:].strip():  # the text's closing punctuation
        pieces.append((_SPACES.sub(" ", value[cursor:].rstrip())[:20], False))
    return tuple(_merge(pieces))


_SPACES = re.compile(r"\s+")


def _starts(words: Sequence[str], item: Item) -> Iterator[int]:
    """Where in `words` the item occurs, in order."""
    size = len(item.words)
    head, tail = list(item.words[:-1]), item.words[-1]
    for n in range(size - 1, len(words)):
        word = words[n]
        if (word.startswith(tail) if item.prefix else word == tail) and (
            not head or list(words[n - size + 1 : n]) == head
        ):
            yield n - size + 1


def _merge(pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Neighbouring pieces of the same kind as one; a phrase's words and the spaces between
    them as one marked piece."""
    merged: list[tuple[str, bool]] = []
    for n, (piece, hit) in enumerate(pieces):
        between = (
            not hit
            and not piece.strip()
            and 0 < n < len(pieces) - 1
            and pieces[n - 1][1]
            and pieces[n + 1][1]
        )
        hit = hit or between
        if merged and merged[-1][1] == hit:
            merged[-1] = (merged[-1][0] + piece, hit)
        else:
            merged.append((piece, hit))
    return merged
