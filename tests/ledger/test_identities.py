"""Records bound to identities: links to users and people, per-user figures, the audit trail,
account names per owner, and the migration that carries older ledgers over."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from trustworks.errors import ConflictError, NotAllowedError
from trustworks.ledger import database, identities, repository
from trustworks.ledger import tables as t
from trustworks.ledger.database import Ledger, open_ledger
from trustworks.ledger.rules import reliability
from trustworks.ledger.trends import seller_trends
from trustworks.ledger.users import add_user

PASSWORD = "a long enough password"
DAY = dt.date(2026, 12, 1)


@pytest.fixture
def people(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Alice and Bob (sellers) with an account each; ids by name."""
    from argon2 import PasswordHasher

    from trustworks.ledger import users

    monkeypatch.setattr(users, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    ids = {}
    with ledger.session() as s:
        ids["alice"] = add_user(s, "alice", PASSWORD, "seller", seller="Alice Adams").id
        ids["bob"] = add_user(s, "bob", PASSWORD, "seller", seller="Bob Baker").id
        for name, owner in (("Alpha", "Alice Adams"), ("Bravo Inc", "Bob Baker")):
            ids[name] = repository.add(s, "account", {"name": name, "owner": owner}).id  # type: ignore[attr-defined]
    return ids


def _promise(by: str, account: str, status: str = "missed", side: str = "us") -> dict[str, str]:
    return {
        "account": account,
        "side": side,
        "by": by,
        "what": "send the plan",
        "status": status,
        "resolved_on": "2026-11-20" if status in ("kept", "missed") else "",
    }


def test_identities_our_promises_bind_to_users_and_theirs_to_people(
    ledger: Ledger, people: dict[str, int]
) -> None:
    with ledger.session() as s:
        ours = repository.add(s, "commitment", _promise("bob", "Bravo Inc"))
        theirs = repository.add(s, "commitment", _promise("Sam Okafor", "Alpha", side="client"))
        nobody = repository.add(s, "commitment", _promise("A. Nobody", "Alpha"))
        assert isinstance(ours, t.Commitment) and isinstance(theirs, t.Commitment)
        assert (ours.by, ours.by_user_id) == ("Bob Baker", people["bob"])
        person = s.get(t.Person, theirs.by_person_id)
        assert person is not None and (person.name, person.account_id) == (
            "Sam Okafor",
            people["Alpha"],
        )
        assert isinstance(nobody, t.Commitment) and nobody.by_user_id is None


def test_identities_reliability_is_per_user_never_by_name_across_accounts(
    ledger: Ledger, people: dict[str, int]
) -> None:
    with ledger.session() as s:
        repository.add(s, "commitment", _promise("Bob Baker", "Bravo Inc", "kept"))
        repository.add(s, "commitment", _promise("Zed", "Alpha"))
        repository.add(s, "commitment", _promise("Zed", "Bravo Inc", "kept"))
    with ledger.session() as s:
        records = {(r.seller, r.user_id): r for r in reliability(s, DAY)}
        assert records[("Bob Baker", people["bob"])].kept == 1
        alpha_only = reliability(s, DAY, account_ids={people["Alpha"]})
        assert [(r.seller, r.user_id, r.kept, r.missed) for r in alpha_only] == [
            ("Bob Baker", people["bob"], 1, 0),
            ("Zed", None, 0, 1),
        ]


def test_identities_a_user_acting_for_their_team_cannot_bind_someone_else(
    ledger: Ledger, people: dict[str, int]
) -> None:
    with ledger.session() as s:
        mine = repository.add(s, "commitment", _promise("alice", "Alpha", "open"))
        bobs = repository.add(s, "commitment", _promise("bob", "Alpha", "open"))
        ident, bob_ident = mine.id, bobs.id  # type: ignore[attr-defined]
    with pytest.raises(NotAllowedError, match="Bob Baker's promise"), ledger.session() as s:
        identities.act_as(s, people["alice"], "alice", frozenset({people["alice"]}))
        repository.add(s, "commitment", _promise("bob", "Alpha"))
    with pytest.raises(NotAllowedError), ledger.session() as s:
        identities.act_as(s, people["alice"], "alice", frozenset({people["alice"]}))
        repository.edit(s, "commitment", bob_ident, {"status": "missed"})
    with pytest.raises(NotAllowedError), ledger.session() as s:
        identities.act_as(s, people["alice"], "alice", frozenset({people["alice"]}))
        repository.edit(s, "commitment", ident, {"by": "bob"})
    with ledger.session() as s:
        identities.act_as(s, people["alice"], "alice", frozenset({people["alice"]}))
        repository.edit(s, "commitment", ident, {"status": "kept"})
    with ledger.session() as s:
        row = s.get(t.Commitment, bob_ident)
        assert row is not None and row.status == "open"


def test_identities_every_change_is_kept_in_the_audit_trail(
    ledger: Ledger, people: dict[str, int]
) -> None:
    with ledger.session() as s:
        ident = repository.add(s, "commitment", _promise("alice", "Alpha", "open")).id  # type: ignore[attr-defined]
    with ledger.session() as s:
        identities.act_as(s, people["alice"], "alice", None)
        repository.edit(s, "commitment", ident, {"status": "kept", "resolved_on": "2026-11-30"})
    with ledger.session() as s:
        repository.remove(s, "commitment", ident)
    with ledger.session() as s:
        trail = [identities.entry_dict(e) for e in identities.history(s, "commitment", ident)[0]]
    added = [e for e in trail if e["action"] == "add"]
    assert {e["field"] for e in added} >= {"by", "by_user_id", "status", "what"}
    assert all(e["actor"].startswith("command line") and e["user_id"] is None for e in added)
    edits = {
        (e["field"], e["before"], e["after"], e["actor"]) for e in trail if e["action"] == "edit"
    }
    assert edits == {
        ("status", "open", "kept", "alice"),
        ("resolved_on", None, "2026-11-30", "alice"),
    }
    removed = [e for e in trail if e["action"] == "remove"]
    assert removed and all(e["after"] is None for e in removed)
    assert {e["account_id"] for e in trail} == {people["Alpha"]}


def test_identities_removing_an_account_keeps_its_records_removal_and_their_rule(
    ledger: Ledger, people: dict[str, int]
) -> None:
    with ledger.session() as s:  # the command line may bind anyone: Bob's promise on Alpha
        bobs = repository.add(s, "commitment", _promise("bob", "Alpha", "kept")).id  # type: ignore[attr-defined]
        call = repository.add(s, "interaction", {"account": "Alpha", "seller": "alice"}).id  # type: ignore[attr-defined]
    with ledger.session() as s:
        identities.act_as(s, people["alice"], "alice", frozenset({people["alice"]}))
        with pytest.raises(NotAllowedError, match=f"commitment {bobs} is Bob Baker's promise"):
            repository.remove(s, "account", people["Alpha"])
    with ledger.session() as s:
        assert s.get(t.Commitment, bobs) is not None
        identities.act_as(s, people["bob"], "bob", None)  # an admin may
        repository.remove(s, "account", people["Alpha"])
    with ledger.session() as s:
        assert s.get(t.Commitment, bobs) is None
        trail, _ = identities.history(s)
        removed = {(e.kind, e.record_id) for e in trail if e.action == "remove"}
        assert removed == {("commitment", bobs), ("interaction", call)}
        assert all(e.actor == "bob" for e in trail if e.action == "remove")
        # The account is gone; its trail still shows to the team it was, and to nobody else.
        alices, _ = identities.history(s, account_ids=set(), owners=frozenset({"alice adams"}))
        assert {e.record_id for e in alices} == {bobs, call}
        bobs_team, _ = identities.history(s, account_ids=set(), owners=frozenset({"bob baker"}))
        assert bobs_team == []


def test_identities_removing_a_call_unlinks_its_promises_in_the_trail(
    ledger: Ledger, people: dict[str, int]
) -> None:
    with ledger.session() as s:
        call = repository.add(s, "interaction", {"account": "Alpha", "seller": "alice"}).id  # type: ignore[attr-defined]
        ident = repository.add(
            s, "commitment", {**_promise("alice", "Alpha"), "interaction": call}
        ).id  # type: ignore[attr-defined]
    with ledger.session() as s:
        repository.remove(s, "interaction", call)
    with ledger.session() as s:
        trail, _ = identities.history(s, "commitment", ident)
        assert ("edit", "interaction_id", str(call), None) in {
            (e.action, e.field, e.before, e.after) for e in trail
        }


def test_identities_history_is_the_newest_changes_and_says_when_cut(
    ledger: Ledger, people: dict[str, int]
) -> None:
    with ledger.session() as s:
        ident = repository.add(s, "commitment", _promise("alice", "Alpha", "open")).id  # type: ignore[attr-defined]
        for n in range(5):
            repository.edit(s, "commitment", ident, {"what": f"plan {n}"})
    with ledger.session() as s:
        trail, total = identities.history(s, "commitment", ident, limit=3)
        assert [e.after for e in trail] == ["plan 2", "plan 3", "plan 4"]
        assert total > 3
        assert identities.shown(3, total) == f"showing the newest 3 of {total} changes"
        assert identities.shown(1, 1) == "1 change"


def test_identities_account_names_are_unique_per_owner(
    ledger: Ledger, people: dict[str, int]
) -> None:
    with ledger.session() as s:
        repository.add(s, "account", {"name": "bravo inc", "owner": "Alice Adams"})
    with pytest.raises(ConflictError) as refused, ledger.session() as s:
        repository.add(s, "account", {"name": "BRAVO INC", "owner": "alice adams"})
    assert "Bob" not in str(refused.value)
    with pytest.raises(ConflictError, match="ambiguous"), ledger.session() as s:
        repository.find_account(s, "Bravo Inc")  # two owners have one: the id decides


def test_identities_trends_are_per_user(ledger: Ledger, people: dict[str, int]) -> None:
    with ledger.session() as s:
        for seller, trust in (("Bob Baker", 2.0), ("bob", 4.0), ("Nobody", 1.0)):
            row = repository.add(
                s, "interaction", {"account": "Bravo Inc", "seller": seller, "occurred_on": DAY}
            )
            assert isinstance(row, t.Interaction)
            row.credibility = row.reliability = row.intimacy = row.self_orientation = 5.0
            row.trust = trust
    with ledger.session() as s:
        found = {(tr.seller, tr.user_id): tr.points[0] for tr in seller_trends(s)}
    assert found[("Bob Baker", people["bob"])].trust == 3.0
    assert found[("Bob Baker", people["bob"])].conversations == 2
    assert found[("Nobody", None)].conversations == 1


def test_identities_migration_links_older_records(db_url: str) -> None:
    engine = create_engine(db_url)
    with engine.begin() as conn:
        cfg = database._config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0007")
    analysis = json.dumps({"sellers": ["Dana W"], "trust": {}})
    with engine.begin() as conn:
        for ident, name, role, seller, manager in (
            (1, "maria", "manager", "Maria Gomez", None),
            (2, "dana", "seller", "Dana Whitfield", 1),
            (3, "ryan", "seller", "Ryan Cole", None),
        ):
            conn.execute(
                text(
                    "INSERT INTO users (id, username, password_hash, role, seller, manager_id, "
                    "active) VALUES (:i, :n, 'x', :r, :s, :m, true)"
                ),
                {"i": ident, "n": name, "r": role, "s": seller, "m": manager},
            )
        conn.execute(
            text("INSERT INTO accounts (id, name, owner) VALUES (1, 'Acme', 'Dana Whitfield')")
        )
        conn.execute(text("INSERT INTO people (account_id, name) VALUES (1, 'Sam Okafor')"))
        conn.execute(
            text(
                "INSERT INTO interactions (id, account_id, seller, occurred_on, channel, purpose, "
                "analysis_json) VALUES (1, 1, 'Dana Whitfield', '2026-11-02', 'call', 'other', :a)"
            ),
            {"a": analysis},
        )
        conn.execute(
            text(
                "INSERT INTO findings (interaction_id, signal, family, component, polarity, turn, "
                "speaker, evidence, learned, confidence) "
                "VALUES (1, 's', 'f', 'credibility', 1, 0, 'Dana W', 'e', false, 1)"
            )
        )
        for ident, side, by in (
            (1, "us", "dana whitfield"),
            (2, "us", "Somebody Else"),
            (3, "client", "sam okafor"),
            (4, "client", "Lee Park"),
            (5, "us", "Ryan Cole"),  # typed on Dana's account: the forgery, left unlinked
            (6, "us", "maria"),  # Dana's manager may keep promises on her accounts
        ):
            conn.execute(
                text(
                    "INSERT INTO commitments (id, account_id, side, by, what, status, source) "
                    "VALUES (:i, 1, :s, :b, 'x', 'open', 'manual')"
                ),
                {"i": ident, "s": side, "b": by},
            )
    engine.dispose()
    ledger = open_ledger(db_url)
    try:
        with ledger.session() as s:
            links = {
                c.id: (c.by_user_id, c.by_person_id)
                for c in s.query(t.Commitment).order_by(t.Commitment.id)
            }
            lee = s.query(t.Person).filter_by(name="Lee Park").one()
            sam = s.query(t.Person).filter_by(name="Sam Okafor").one()
            assert links == {
                1: (2, None),
                2: (None, None),
                3: (None, sam.id),
                4: (None, lee.id),
                5: (None, None),
                6: (1, None),
            }
            interaction = s.get(t.Interaction, 1)
            assert interaction is not None
            assert (interaction.seller_user_id, identities.speakers(interaction)) == (2, ["Dana W"])
            assert len(interaction.findings) == 1  # copying tables cascaded into nothing
            # Names are now per owner: Acme again, for another owner, is fine.
            s.execute(text("INSERT INTO accounts (id, name, owner) VALUES (2, 'acme', 'Lee')"))
    finally:
        ledger.close()


def test_identities_copying_tables_in_migrations_deletes_nothing(tmp_path: object) -> None:
    # 0007 copies `deals` on SQLite; with foreign keys on, dropping the old copy used to
    # cascade into every stage change and evidence row and unlink transactions from deals.
    url = f"sqlite:///{tmp_path}/old.sqlite3"
    engine = database._engine(url)  # as the ledger opens it: foreign keys on
    with engine.begin() as conn:
        cfg = database._config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO accounts (id, name) VALUES (1, 'Acme')"))
        conn.execute(
            text("INSERT INTO deals (id, account_id, name, stage) VALUES (1, 1, 'D', 'prospect')")
        )
        conn.execute(
            text(
                "INSERT INTO stage_changes (deal_id, stage, entered_on) "
                "VALUES (1, 'prospect', '2026-01-01')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO transactions (account_id, deal_id, occurred_on, amount, "
                "client_outcome) VALUES (1, 1, '2026-01-01', 3.0, 'gain')"
            )
        )
    database.upgrade_schema(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM stage_changes")).scalar() == 1
        assert conn.execute(text("SELECT deal_id FROM transactions")).scalar() == 1
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_identities_an_import_keeps_account_names_per_owner(
    ledger: Ledger, people: dict[str, int]
) -> None:
    from trustworks.errors import ImportFileError
    from trustworks.ledger.imports import import_text

    rows = "name,owner\nAlpha,Bob Baker\nAlpha,Alice Adams\n"
    report = import_text(ledger, "accounts", rows, "a.csv", "trustworks")
    assert (report.created, report.updated) == (1, 1)  # Bob's is new; Alice's is hers
    with ledger.session() as s:
        owners = sorted(str(a.owner) for a in repository.rows(s, "account") if a.name == "Alpha")  # type: ignore[attr-defined]
    assert owners == ["Alice Adams", "Bob Baker"]
    with pytest.raises(ImportFileError, match="ambiguous"):
        import_text(ledger, "people", "account,name\nAlpha,Sam\n", "p.csv", "trustworks")
    # A name several owners have, and no owner or external id: no lowest-id owner's account
    # is updated; the row is refused with the candidates.
    with pytest.raises(ImportFileError, match="ambiguous") as info:
        import_text(ledger, "accounts", "name,industry\nAlpha,Mining\n", "b.csv", "trustworks")
    assert f"{people['Alpha']} (Alice Adams)" in str(info.value)
    assert "(Bob Baker)" in str(info.value)
    with ledger.session() as s:
        assert all(a.industry is None for a in repository.rows(s, "account"))  # type: ignore[attr-defined]


def test_identities_a_promise_follows_its_user_when_their_name_changes(
    ledger: Ledger, people: dict[str, int]
) -> None:
    from trustworks.ledger.rules import open_commitments

    promise = {**_promise("bob", "Bravo Inc", "open"), "due": "2026-11-20"}
    with ledger.session() as s:
        repository.add(s, "commitment", promise)
        user = s.get(t.User, people["bob"])
        assert user is not None
        user.seller = "Robert Baker"  # the name he goes by now
    with ledger.session() as s:
        due = open_commitments(s, due_before=DAY, seller="Robert Baker")
        assert [c.what for c, _ in due] == ["send the plan"]
        assert open_commitments(s, due_before=DAY, seller="Bob Baker") == []
        [record] = reliability(s, DAY, seller="robert baker")
        assert (record.user_id, record.overdue) == (people["bob"], 1)


def test_identities_migration_goes_back_and_forth_keeping_the_rows(db_url: str) -> None:
    engine = database._engine(db_url)  # as the ledger opens it: foreign keys on
    database.upgrade_schema(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO accounts (name, owner) VALUES ('Acme', 'Dana')"))
        conn.execute(
            text(
                "INSERT INTO interactions (account_id, occurred_on, channel, purpose) "
                "SELECT id, '2026-01-01', 'call', 'other' FROM accounts"
            )
        )
        conn.execute(
            text(
                "INSERT INTO findings (interaction_id, signal, family, component, polarity, turn, "
                "speaker, evidence, learned, confidence) SELECT id, 's', 'f', 'credibility', 1, "
                "0, 'x', 'e', false, 1 FROM interactions"
            )
        )
    for target in ("0007", "head"):
        with engine.begin() as conn:
            cfg = database._config()
            cfg.attributes["connection"] = conn
            if target == "head":
                command.upgrade(cfg, target)
            else:
                command.downgrade(cfg, target)
        engine.dispose()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM findings")).scalar() == 1
    engine.dispose()


def test_identities_an_unlinked_promise_stays_unlinked_until_by_is_given_again(
    ledger: Ledger, people: dict[str, int]
) -> None:
    with ledger.session() as s:
        row = repository.add(s, "commitment", _promise("bob", "Alpha", "open"))
        assert isinstance(row, t.Commitment)
        row.by_user_id = None  # as migration 0008 leaves a name typed on someone else's account
        ident = row.id
    with ledger.session() as s:
        edited = repository.edit(s, "commitment", ident, {"status": "kept"})
        assert isinstance(edited, t.Commitment) and edited.by_user_id is None
        edited = repository.edit(s, "commitment", ident, {"by": "alice"})
        assert isinstance(edited, t.Commitment) and edited.by_user_id == people["alice"]


def test_identities_an_upgraded_sqlite_ledger_never_reuses_an_id(tmp_path: Path) -> None:
    # PostgreSQL's sequences never hand out an id twice; SQLite did before migration 0010.
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        cfg = database._config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0009")
    with engine.begin() as conn:
        for ident, name in ((1, "Alpha"), (2, "Bravo")):
            conn.execute(
                text("INSERT INTO accounts (id, name) VALUES (:i, :n)"), {"i": ident, "n": name}
            )
        # Commitment 7 of account 3 was removed before the upgrade: its trail remains.
        conn.execute(
            text(
                "INSERT INTO audit_trail (at, actor, kind, record_id, account_id, action, field) "
                "VALUES ('2026-12-01', 'x', 'commitment', 7, 3, 'remove', 'what')"
            )
        )
    engine.dispose()
    opened = open_ledger(url)  # upgrades to the newest revision
    with opened.session() as s:
        repository.remove(s, "account", 2)
        account = repository.add(s, "account", {"name": "Charlie"})
        commitment = repository.add(s, "commitment", _promise("Zed", "Alpha"))
        assert account.id > 3  # type: ignore[attr-defined]
        assert commitment.id > 7  # type: ignore[attr-defined]
        assert repository.get(s, "account", "Alpha").id == 1  # type: ignore[attr-defined]
    opened.close()
