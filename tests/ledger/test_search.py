"""Search over accounts, people, calls, promises and stories, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from argon2 import PasswordHasher
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from tests.databases import empty_postgres
from trustworks.analysis import analyze
from trustworks.conversation import Conversation, Turn
from trustworks.errors import FieldError
from trustworks.ledger import repository, search, users
from trustworks.ledger import tables as t
from trustworks.ledger.access import Scope, scope_of
from trustworks.ledger.database import Ledger, _config, open_ledger
from trustworks.ledger.export import export_json, restore
from trustworks.ledger.log import log_conversation
from trustworks.ledger.programmes import add_programme, enrol
from trustworks.ledger.stories import add_story
from trustworks.ledger.users import add_user

ADDED = dt.datetime(2026, 1, 1, 9, 0)

LONG_FILLER = 17_000  # words: past the positions PostgreSQL keeps (16,383)


@pytest.fixture(autouse=True, scope="module")
def quick_hashes() -> Iterator[None]:
    """Real argon2 with the cheapest parameters: four users are made for every corpus."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(users, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
        yield


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def corpus(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Ledger]:
    """The corpus on each backend, built once for the tests that only read it (a database of
    its own on the PostgreSQL server, apart from the one the other tests empty)."""
    if request.param == "sqlite":
        ledger = open_ledger(f"sqlite:///{tmp_path_factory.mktemp('search') / 'l.sqlite3'}")
        build_corpus(ledger)
        yield ledger
        ledger.close()
        return
    base = make_url(request.getfixturevalue("postgres_url"))
    own = base.set(database=f"{base.database}_search")
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{own.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{own.database}"'))
    ledger = open_ledger(own.render_as_string(hide_password=False))
    try:
        build_corpus(ledger)
        yield ledger
    finally:
        ledger.close()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{own.database}" WITH (FORCE)'))
        admin.dispose()


def _call(s: Session, account: int, day: str, purpose: str, transcript: str) -> int:
    row = repository.add(
        s, "interaction", {"account": str(account), "occurred_on": day, "purpose": purpose}
    )
    assert isinstance(row, t.Interaction)
    row.transcript = transcript  # as `log` stores it; the analysis is not what is searched
    s.flush()
    return row.id


def build_corpus(ledger: Ledger, *, long_call: bool = False) -> dict[str, int]:
    """Two sellers' accounts with people, calls, promises and a story; ids by short name."""
    ids: dict[str, int] = {}
    with ledger.session() as s:
        add_user(s, "root", "a long enough password", "admin", seller="Root Admin")
        add_user(s, "maria", "a long enough password", "manager", seller="Maria Gomez")
        add_user(
            s, "dana", "a long enough password", "seller", seller="Dana Whitfield", manager="maria"
        )
        add_user(s, "ryan", "a long enough password", "seller", seller="Ryan Cole")
        for key, values in {
            "northwind": {
                "name": "Northwind Logistics",
                "owner": "Dana Whitfield",
                "industry": "Freight",
                "notes": "Zoë Brandt asked about the follow-up pricing",
            },
            "contoso": {
                "name": "Contoso",
                "owner": "Ryan Cole",
                "notes": "Wind farm operator in Østfold",
            },
        }.items():
            row = repository.add(s, "account", values)
            assert isinstance(row, t.Account)
            row.created_at = ADDED
            ids[key] = row.id
        north, contoso = ids["northwind"], ids["contoso"]
        for key, account, name, title, email in (
            ("marcus", north, "Marcus Lee", "COO", "marcus.lee@northwind.example"),
            ("zoe", north, "Zoë Brandt", "Head of Operations", None),
            ("priya", contoso, "Priya Shah", "CFO", None),
        ):
            values = {"account": str(account), "name": name, "title": title, "email": email}
            ids[key] = repository.add(s, "person", values).id  # type: ignore[attr-defined]
        ids["c1"] = _call(
            s,
            north,
            "2026-11-09",
            "discovery",
            "Dana: Thanks for taking the time today.\n"
            "Marcus: Our drivers keep leaving; churn is the real problem.\n"
            "Dana: What happens when a driver leaves mid-route?\n"
            "Marcus: We lose the load. Can you send the proposal by Friday?",
        )
        ids["c2"] = _call(
            s,
            north,
            "2026-11-20",
            "proposal",
            "Dana: Here is the proposal we discussed.\n"
            "Zoë: The price is higher than we hoped.\n"
            "Dana: The price is 40,000 a year; here is what it covers.",
        )
        ids["c3"] = _call(
            s,
            contoso,
            "2026-11-15",
            "discovery",
            "Ryan: What do you sell? Let me start with our product tour.\n"
            "Priya: We run a wind farm in Østfold and need predictable maintenance.",
        )
        if long_call:
            filler = " ".join(f"w{n}" for n in range(LONG_FILLER))
            ids["c4"] = _call(
                s,
                contoso,
                "2026-11-16",
                "other",
                "Ryan: " + "the " * 300 + "price list.\n" + filler + "\nPriya: final offer?",
            )
        for key, account, values in (
            (
                "k1",
                north,
                {"side": "us", "by": "dana", "what": "Send the proposal by Friday"},
            ),
            (
                "k2",
                contoso,
                {"side": "client", "by": "Priya Shah", "what": "Share the maintenance logs"},
            ),
        ):
            due = "2026-11-14" if key == "k1" else "2026-11-30"
            row = repository.add(s, "commitment", {"account": str(account), "due": due, **values})
            ids[key] = row.id  # type: ignore[attr-defined]
        programme = add_programme(
            s, "Trusted Advisor", dt.date(2026, 3, 31), lessons=["Listen before pitching"]
        )
        ids["programme"] = programme.id
        enrol(s, programme.id, "Dana Whitfield", username="dana")
        story = add_story(
            s,
            programme.id,
            "Dana Whitfield",
            "Listen before pitching",
            situation="A COO asked for a demo in the first call.",
            action="I asked what they were trying to fix.",
            outcome="We found driver churn was the real problem.",
            happened_on=dt.date(2026, 4, 10),
            today=dt.date(2026, 6, 1),
        )
        ids["story"] = story.id
    return ids


def found(ledger: Ledger, query: str, who: str | None = None, **options: object) -> list[str]:
    """What a search shows, as "kind title" lines, best first."""
    with ledger.reading() as s:
        page = search.find(s, query, _scope(s, who), **options)  # type: ignore[arg-type]
    return [f"{hit.kind} {hit.title}" for hit in page.hits]


def _scope(s: Session, username: str | None) -> Scope | None:
    if username is None:
        return None
    user = s.scalars(select(t.User).where(t.User.username == username)).one()
    return scope_of(s, user.id, user.username, user.role, user.seller)


NORTHWIND = "account Northwind Logistics"
CONTOSO = "account Contoso"
C1 = "call Discovery call with Northwind Logistics"
C2 = "call Proposal call with Northwind Logistics"
C3 = "call Discovery call with Contoso"
K1 = "commitment Send the proposal by Friday"
STORY = "story Dana Whitfield · Listen before pitching"

CASES = [
    # a name holding the word before the rest; a person's e-mail holds it too
    ("northwind", [NORTHWIND, "person Marcus Lee"]),
    ("Northwind Logistics", [NORTHWIND]),
    ("north*", [NORTHWIND, "person Marcus Lee"]),
    ("NORTHWIND", [NORTHWIND, "person Marcus Lee"]),
    # accents fold on both databases: Zoë is found as zoe; then by day, newest first
    ("zoe", ["person Zoë Brandt", C2, NORTHWIND]),
    ('"send the proposal"', [K1, C1]),
    ('"the proposal"', [K1, C2, C1]),
    ("proposal friday", [K1, C1]),
    ("price", [C2]),
    ("pric*", [C2, NORTHWIND]),
    ("follow-up", [NORTHWIND]),  # punctuation splits words as in the records: "follow up"
    ('"follow pricing"', []),
    ("marcus.lee@northwind.example", ["person Marcus Lee"]),
    ("østfold", [C3, CONTOSO]),
    ("driver churn", [C1, STORY]),
    ("drivers", [C1]),  # whole words: "driver" is another word
    ("churn -drivers", [STORY]),
    ('"wind farm" -contoso', [C3]),
    ("40 000", [C2]),
    ("priya", ["person Priya Shah", C3]),
    ('"logistics freight"', []),  # a phrase never runs from a name into the notes
    ("logistics freight", [NORTHWIND]),  # words may be in different fields
    ("nothing-like-this", []),
    # what other search engines read as operators is only text here
    ("NOT", []),
    ("price AND OR", []),
    ("NEAR(price list)", []),
    ("title:price", []),
    ("'; DROP TABLE accounts; --", []),
    ("^price", [C2]),
    ("price:*", [C2]),
]


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_find_ranks_names_first_then_newest(
    corpus: Ledger, query: str, expected: list[str]
) -> None:
    assert found(corpus, query) == expected


def test_find_gives_the_same_answers_on_sqlite_and_postgresql(
    tmp_path: Path, postgres_url: str
) -> None:
    lite = open_ledger(f"sqlite:///{tmp_path / 'search.sqlite3'}")
    empty_postgres(postgres_url)
    pg = open_ledger(postgres_url)
    try:
        for each in (lite, pg):
            build_corpus(each, long_call=True)
        queries = [q for q, _ in CASES] + [
            '"the price"',  # past PostgreSQL's 256 positions of "the" in the long call
            '"final offer"',  # past its position 16,383
            '"the price" -"final offer"',
            "w16999",
            "w1699*",
            '"w100 w101"',
            '"w101 w100"',
        ]
        for query in queries:
            for who in (None, "dana", "maria", "ryan"):
                on_sqlite = found(lite, query, who, limit=50)
                assert on_sqlite == found(pg, query, who, limit=50), (query, who)
        long = "call Other call with Contoso"
        assert found(pg, '"the price"') == [C2, long]
        assert found(pg, '"final offer"') == [long]
        assert found(pg, '"the price" -"final offer"') == [C2]
        assert found(pg, '"w101 w100"') == []
    finally:
        lite.close()
        pg.close()


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (None, [C1, STORY]),
        ("root", [C1, STORY]),
        ("maria", [C1, STORY]),  # her team's calls; leaders read every programme's stories
        ("dana", [C1, STORY]),  # her own call, her programme's story
        ("ryan", []),  # neither is his
    ],
)
def test_find_shows_only_what_the_user_may_see(
    corpus: Ledger, who: str | None, expected: list[str]
) -> None:
    assert found(corpus, '"the real problem"', who) == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [("dana", []), ("ryan", ["person Priya Shah", C3]), ("maria", [])],
)
def test_find_hides_other_teams_accounts(corpus: Ledger, who: str, expected: list[str]) -> None:
    assert found(corpus, "priya", who) == expected


def test_find_narrows_to_kinds_and_pages(corpus: Ledger) -> None:
    assert found(corpus, "proposal", kinds=["commitment"]) == [K1]
    assert found(corpus, "proposal", kinds=["call", "commitment"]) == [K1, C2, C1]
    with corpus.reading() as s:
        page = search.find(s, '"the proposal"', limit=1, offset=1)
        last = search.find(s, '"the proposal"', limit=1, offset=2)
    assert [h.title for h in page.hits] == ["Proposal call with Northwind Logistics"]
    assert page.more and not last.more


def test_find_shows_the_words_around_the_match(corpus: Ledger) -> None:
    with corpus.reading() as s:
        (hit,) = search.find(s, '"send the proposal"', kinds=["call"]).hits
    assert hit.title == C1.removeprefix("call ")
    shown = "".join(piece for piece, _ in hit.snippet)
    assert shown.startswith("… ") and shown.endswith("send the proposal by Friday?")
    assert [piece for piece, marked in hit.snippet if marked] == ["send the proposal"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", 'q: type a word, a name or a "phrase" to look for'),
        ('"send the', "q: a quotation mark is not closed"),
        ("-demo", "q: say what to look for as well as what to leave out"),
        ("!!! ...", "q: nothing to look for: give letters or digits"),
        ("a*", "q: a* is too short to look for by its beginning"),
        ("x" * 501, "q: a search is at most 500 characters"),
        (" ".join(f"w{n}" for n in range(13)), "q: at most 12 words or phrases"),
    ],
)
def test_find_refuses_what_it_cannot_search_in_plain_words(
    corpus: Ledger, query: str, message: str
) -> None:
    with corpus.reading() as s, pytest.raises(FieldError) as caught:
        search.find(s, query)
    assert str(caught.value).startswith(message)


def test_find_refuses_an_unknown_kind_and_a_bad_page(corpus: Ledger) -> None:
    with corpus.reading() as s:
        with pytest.raises(FieldError, match="kind: 'deal' is not one of"):
            search.find(s, "x", kinds=["deal"])
        with pytest.raises(FieldError, match="limit"):
            search.find(s, "x", limit=0)


def test_index_follows_edits_and_removals(ledger: Ledger) -> None:
    ids = build_corpus(ledger)
    with ledger.session() as s:
        repository.edit(s, "account", ids["northwind"], {"name": "Northwind Freight"})
        repository.edit(s, "commitment", ids["k1"], {"what": "Send the revised quote"})
        # notes change; the transcript, never loaded, stays searchable
        repository.edit(s, "interaction", ids["c1"], {"notes": "asked about dispatch software"})
    assert found(ledger, "logistics") == []
    assert found(ledger, "northwind freight") == ["account Northwind Freight"]
    assert found(ledger, "revised quote") == ["commitment Send the revised quote"]
    assert found(ledger, "dispatch") == found(ledger, '"send the proposal"')
    assert found(ledger, "dispatch") == ["call Discovery call with Northwind Freight"]
    with ledger.session() as s:
        repository.remove(s, "interaction", ids["c1"])
    assert found(ledger, "dispatch") == []
    with ledger.session() as s:
        repository.remove(s, "account", ids["contoso"])  # its people, calls, promises go too
    assert found(ledger, "priya") == found(ledger, "maintenance") == []
    with ledger.reading() as s:
        left = s.scalars(select(search.documents.c.kind).order_by("kind")).all()
    assert sorted(left) == ["account", "call", "commitment", "person", "person", "story"]


def test_a_logged_conversation_is_found_by_its_words(ledger: Ledger) -> None:
    build_corpus(ledger)
    seller, client = "Dana Whitfield", "Marcus Lee"
    conversation = Conversation(
        (
            Turn(seller, "Before I show anything, what would make this worth your hour?"),
            Turn(client, "Honestly, a dispatch board my drivers would actually use."),
        )
    )
    with ledger.session() as s:
        log_conversation(
            s,
            analyze(conversation, seller=["Dana Whitfield"]),
            account="Northwind Logistics",
            occurred_on=dt.date(2026, 11, 25),
            transcript="Dana Whitfield: Before I show anything...\n"
            "Marcus Lee: Honestly, a dispatch board my drivers would actually use.",
        )
    assert found(ledger, '"dispatch board"', "dana") == ["call Other call with Northwind Logistics"]


def test_restore_builds_the_index_again(ledger: Ledger, tmp_path: Path) -> None:
    build_corpus(ledger)
    before = found(ledger, "proposal")
    backup = tmp_path / "backup.json"
    export_json(ledger, backup)
    report = restore(ledger, backup, replace=True)
    assert "search_documents" not in report.rows
    assert found(ledger, "proposal") == before != []


def test_the_migration_indexes_the_records_already_there(db_url: str) -> None:
    script = ScriptDirectory.from_config(_config())
    mine = next(r for r in script.walk_revisions() if r.path.endswith("_search_index.py"))
    engine = create_engine(db_url)
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, str(mine.down_revision))
        conn.execute(
            text("INSERT INTO accounts (id, name, owner, notes) VALUES (7, 'Fabrikam', 'Lee', :n)"),
            {"n": "Asked for a pilot on their own data"},
        )
        conn.execute(
            text(
                "INSERT INTO interactions (account_id, occurred_on, channel, purpose, transcript)"
                " VALUES (7, '2026-10-01', 'call', 'discovery', :x)"
            ),
            {"x": "Lee: Could we run the pilot on our own data first?"},
        )
    engine.dispose()
    ledger = open_ledger(db_url)  # upgrades to the head
    try:
        # the account was added today (the column's default), after the call's day
        assert found(ledger, '"own data"') == [
            "account Fabrikam",
            "call Discovery call with Fabrikam",
        ]
        with ledger.reading() as s:
            assert s.scalar(select(func.count()).select_from(search.documents)) == 2
    finally:
        ledger.close()


def test_tokens_fold_case_accents_and_punctuation() -> None:
    assert search.tokens("Zoë's FOLLOW-UP, naïve café ǅ 40,000") == [
        "zoe",
        "s",
        "follow",
        "up",
        "naive",
        "cafe",
        "dz",
        "40",
        "000",
    ]
    assert search.normalise("a " + "b" * 300) == "a " + "b" * search.MAX_TOKEN_CHARS


def test_many_matches_read_in_index_order_give_the_same_answers(
    corpus: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite reads a common word's matches in the index's order: same answers, same order."""
    sorted_all = {(q, who): found(corpus, q, who, limit=50) for q, _ in CASES for who in WHO}
    monkeypatch.setattr(search, "SORTED_AT_MOST", 0)
    for query, _ in CASES:
        for who in WHO:
            assert found(corpus, query, who, limit=50) == sorted_all[(query, who)], query


WHO = (None, "dana", "ryan")
