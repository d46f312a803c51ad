"""The trust audit as campaigns: run by a manager or admin, answered by invited users, each
answer readable by its author alone, reported only in aggregate. Both backends."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from argon2 import PasswordHasher
from sqlalchemy import create_engine, func, select, text
from sqlalchemy import inspect as sa_inspect

from tests.ledger.race import Racer
from trustworks.assess import audit_questionnaire
from trustworks.errors import (
    AnswersError,
    ConflictError,
    FieldError,
    FormatError,
    NotAllowedError,
    NotFoundError,
)
from trustworks.ledger import database, users
from trustworks.ledger import tables as t
from trustworks.ledger.access import Scope, scope_for
from trustworks.ledger.campaigns import (
    MIN_ANSWERS,
    answer_campaign,
    campaign_report,
    campaigns_for,
    create_campaign,
    invite,
    my_answers,
)
from trustworks.ledger.database import Ledger, open_ledger
from trustworks.ledger.export import backup, export_json, restore
from trustworks.ledger.users import add_user

OPENS = dt.date(2026, 3, 1)
CLOSES = dt.date(2026, 3, 14)
DURING = dt.date(2026, 3, 5)
AFTER = dt.date(2026, 3, 20)
PASSWORD = "a long enough password"
SELLERS = ("dana", "ryan", "lee", "kim", "sam", "ana")


def answers(position: int, **overrides: str) -> dict[str, object]:
    """Every item answered with its option at `position` (-1: the most trusting)."""
    given: dict[str, object] = {i.id: i.options[position].key for i in audit_questionnaire().items}
    given.update(overrides)
    return given


@pytest.fixture
def team(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> Ledger:
    """root (admin), maria (manager of every seller), other (a manager with no team), and
    six sellers."""
    monkeypatch.setattr(users, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    with ledger.session() as s:
        add_user(s, "root", "a long enough password", "admin", seller="Root Admin")
        add_user(s, "maria", "a long enough password", "manager", seller="Maria Gomez")
        add_user(s, "other", "a long enough password", "manager", seller="Otto Manager")
        for name in SELLERS:
            add_user(
                s, name, "a long enough password", "seller", seller=name.title(), manager="maria"
            )
    return ledger


def scope(session: object, username: str) -> Scope:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    user = session.scalars(select(t.User).where(t.User.username == username)).one()
    return scope_for(session, user)


def start(ledger: Ledger, invitees: tuple[str, ...] = SELLERS, by: str = "maria") -> int:
    with ledger.session() as s:
        row = create_campaign(
            s, scope(s, by), "Acme Freight", "sales team", OPENS, CLOSES, list(invitees)
        )
        return row.id


def answer(
    ledger: Ledger, username: str, campaign: int, given: dict[str, object], day: dt.date = DURING
) -> None:
    with ledger.session() as s:
        answer_campaign(s, scope(s, username), campaign, given, day)


def test_campaign_only_a_manager_or_admin_runs_one(team: Ledger) -> None:
    with team.session() as s, pytest.raises(NotAllowedError, match="manager or an admin"):
        create_campaign(s, scope(s, "dana"), "Acme", "all", OPENS, CLOSES, ["ryan"])
    assert start(team, by="root") > 0


@pytest.mark.parametrize(
    ("by", "invitees", "problem"),
    [
        ("other", ("dana",), "'dana' is not you or someone on your team"),
        ("maria", ("nobody",), "'nobody' is not you or someone on your team"),
        ("maria", (), "invite at least one respondent"),
    ],
)
def test_campaign_invites_only_the_team_of_who_runs_it(
    team: Ledger, by: str, invitees: tuple[str, ...], problem: str
) -> None:
    with team.session() as s, pytest.raises(FieldError, match=problem):
        create_campaign(s, scope(s, by), "Acme", "all", OPENS, CLOSES, list(invitees))


def test_campaign_closes_after_it_opens(team: Ledger) -> None:
    with team.session() as s, pytest.raises(FieldError, match="closes before it opens"):
        create_campaign(s, scope(s, "maria"), "Acme", "all", CLOSES, OPENS, ["dana"])


def test_campaign_answers_only_by_the_invited_while_open(team: Ledger) -> None:
    campaign = start(team, ("dana", "ryan"))
    with pytest.raises(NotFoundError):
        answer(team, "lee", campaign, answers(0))  # not invited: not even told it exists
    with pytest.raises(ConflictError, match="opens on 2026-03-01"):
        answer(team, "dana", campaign, answers(0), OPENS - dt.timedelta(days=1))
    with pytest.raises(ConflictError, match="closed on 2026-03-14"):
        answer(team, "dana", campaign, answers(0), AFTER)
    with pytest.raises(AnswersError):
        answer(team, "dana", campaign, {"ndas": "x"})
    answer(team, "dana", campaign, answers(0), CLOSES)  # the closing day still counts
    with team.session() as s:
        assert s.scalar(select(func.count()).select_from(t.AuditAnswer)) == 1


def test_campaign_answers_change_until_close_and_stay_one(team: Ledger) -> None:
    campaign = start(team)
    answer(team, "dana", campaign, answers(0))
    answer(team, "dana", campaign, answers(-1))
    with team.session() as s:
        assert my_answers(s, scope(s, "dana"), campaign) == answers(-1)
        assert s.scalar(select(func.count()).select_from(t.AuditAnswer)) == 1
        (view,) = campaigns_for(s, scope(s, "dana"), DURING)
        assert (view.answered, view.invited, view.answered_me, view.state) == (1, 6, True, "open")
    with pytest.raises(ConflictError, match="can no longer change"):
        answer(team, "dana", campaign, answers(0), AFTER)


@pytest.mark.parametrize("reader", ["maria", "root", "ryan", "other"])
def test_campaign_nobody_reads_anothers_answers(team: Ledger, reader: str) -> None:
    campaign = start(team)
    answer(team, "dana", campaign, answers(0))
    with team.session() as s:
        who = scope(s, reader)
        if reader == "other":  # neither runs it nor is invited: it does not exist for them
            with pytest.raises(NotFoundError):
                my_answers(s, who, campaign)
        else:
            assert my_answers(s, who, campaign) is None  # their own: none; never Dana's


def test_campaign_report_waits_for_the_close_and_five_answers(team: Ledger) -> None:
    campaign = start(team)
    for name in SELLERS[: MIN_ANSWERS - 1]:
        answer(team, name, campaign, answers(0))
    with team.session() as s:
        during = campaign_report(s, scope(s, "maria"), campaign, DURING)
        after = campaign_report(s, scope(s, "maria"), campaign, AFTER)
    assert during.report is None and "opens when the campaign closes" in (during.why_not or "")
    assert after.report is None and "fewer than 5" in (after.why_not or "")
    answer(team, SELLERS[MIN_ANSWERS - 1], campaign, answers(-1))
    with team.session() as s:
        assert campaign_report(s, scope(s, "maria"), campaign, DURING).report is None
        done = campaign_report(s, scope(s, "dana"), campaign, AFTER)
    assert done.report is not None
    latest = done.report.latest
    assert len(latest.respondents) == MIN_ANSWERS
    assert {r.name for r in latest.respondents} == {""}  # no names, even in the library
    assert latest.score.max == 100.0 and latest.score.min == 0.0


def test_campaign_rounds_are_campaigns_compared_with_the_previous_reported(team: Ledger) -> None:
    first = start(team)
    for name in SELLERS[:5]:
        answer(team, name, first, answers(0))
    with team.session() as s:
        second = create_campaign(
            s, scope(s, "maria"), "acme  freight", "sales team", AFTER, AFTER, list(SELLERS)
        ).id
    for name in SELLERS:
        answer(team, name, second, answers(-1), AFTER)
    with team.session() as s:
        found = campaign_report(s, scope(s, "maria"), second, AFTER + dt.timedelta(days=1))
    assert found.report is not None
    assert found.report.organisation == "Acme Freight"  # filed under the first spelling
    assert [len(r.respondents) for r in found.report.rounds] == [5, 6]
    assert found.report.comparison is not None and found.report.comparison.delta == 100.0


def test_campaign_invite_more_until_it_closes(team: Ledger) -> None:
    campaign = start(team, ("dana",))
    with team.session() as s:
        assert invite(s, scope(s, "maria"), campaign, ["dana", "ryan"], DURING) == 1
        with pytest.raises(NotAllowedError):
            invite(s, scope(s, "dana"), campaign, ["lee"], DURING)
        with pytest.raises(ConflictError, match="closed"):
            invite(s, scope(s, "maria"), campaign, ["lee"], AFTER)
    answer(team, "ryan", campaign, answers(0))


def test_campaign_export_and_backup_hold_no_author(
    team: Ledger, tmp_path: Path, db_url: str
) -> None:
    campaign = start(team)
    answer(team, "dana", campaign, answers(0))
    path = tmp_path / "b.json"
    export_json(team, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert "audit_authors" not in document["tables"]
    assert [set(r) for r in document["tables"]["audit_answers"]] == [
        {"id", "campaign_id", "questionnaire_version", "answers_json"}
    ]
    backup(team, path)
    restore(team, path, replace=True)
    with team.session() as s:
        assert my_answers(s, scope(s, "dana"), campaign) is None  # anonymous to all now
        assert s.scalar(select(func.count()).select_from(t.AuditAnswer)) == 1
    with pytest.raises(ConflictError, match="restored from a backup without their author"):
        answer(team, "dana", campaign, answers(-1))  # never counted twice


def test_campaign_migration_moves_named_responses_to_anonymous_campaigns(db_url: str) -> None:
    engine = create_engine(db_url)
    with engine.begin() as conn:
        cfg = database._config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0015")
    given = json.dumps({i.id: i.options[0].key for i in audit_questionnaire().items})
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (id, username, password_hash, role, seller, active) "
                "VALUES (1, 'dana', 'x', 'seller', 'Dana Whitfield', true)"
            )
        )
        for ident, org, who, day in (
            (1, "Acme", "dana whitfield", "2026-01-10"),
            (2, "Acme", "Someone Else", "2026-01-10"),
            (3, "Acme", "Dana Whitfield", "2026-02-10"),
            (4, "Globex", "Lee", "2026-01-10"),
        ):
            conn.execute(
                text(
                    "INSERT INTO audit_responses (id, organisation, respondent, taken_on, "
                    "questionnaire_version, answers_json) VALUES (:i, :o, :w, :d, 1, :a)"
                ),
                {"i": ident, "o": org, "w": who, "d": day, "a": given},
            )
    engine.dispose()
    ledger = open_ledger(db_url)  # upgrades to the head
    try:
        with ledger.session() as s:
            rows = s.execute(
                select(t.AuditCampaign.organisation, t.AuditCampaign.closes_on, func.count())
                .join(t.AuditAnswer, t.AuditAnswer.campaign_id == t.AuditCampaign.id)
                .group_by(t.AuditCampaign.id)
                .order_by(t.AuditCampaign.id)
            ).all()
            assert [(o, d.isoformat(), n) for o, d, n in rows] == [
                ("Acme", "2026-01-10", 2),
                ("Globex", "2026-01-10", 1),
                ("Acme", "2026-02-10", 1),
            ]
            dana = scope(s, "dana")
            mine = [c for c in campaigns_for(s, dana, AFTER)]
            assert [(c.organisation, c.answered_me, c.state) for c in mine] == [
                ("Acme", True, "closed"),
                ("Acme", True, "closed"),
            ]
            assert my_answers(s, dana, mine[0].id) is not None  # her own, still hers
            names = s.execute(text("SELECT * FROM audit_answers")).all()
            assert "Someone Else" not in str(names) and "Dana" not in str(names)
    finally:
        ledger.close()


def _old_backup(
    team: Ledger, tmp_path: Path, responses: list[dict[str, object]]
) -> tuple[Path, dict[str, Any]]:
    """A backup of ``team`` as schema 0015 wrote it (before campaigns), holding these named
    audit responses, each taken on 10 January for Acme on questionnaire version 1."""
    path = tmp_path / "old.json"
    export_json(team, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["schema_revision"] = "0015"
    document["tables"]["audit_responses"] = [
        {
            "organisation": "Acme",
            "taken_on": "2026-01-10",
            "questionnaire_version": 1,
            "recorded_at": "2026-01-10T09:00:00",
            **row,
        }
        for row in responses
    ]
    path.write_text(json.dumps(document), encoding="utf-8")
    return path, document


def test_campaign_restore_of_an_older_backup_moves_its_named_responses(
    team: Ledger, tmp_path: Path
) -> None:
    given = json.dumps(answers(0))
    path, document = _old_backup(
        team,
        tmp_path,
        [
            {"id": 1, "respondent": "DANA", "answers_json": given},
            {"id": 2, "respondent": "Former Rep", "answers_json": given},
        ],
    )
    restore(team, path, replace=True)
    with team.session() as s:
        (view,) = campaigns_for(s, scope(s, "root"), AFTER)
        assert (view.organisation, view.answered, view.closes_on) == (
            "Acme",
            2,
            dt.date(2026, 1, 10),
        )
        (mine,) = campaigns_for(s, scope(s, "dana"), AFTER)
        assert mine.answered_me and my_answers(s, scope(s, "dana"), mine.id) == answers(0)
        assert "Former Rep" not in str(s.execute(text("SELECT * FROM audit_answers")).all())
    document["tables"]["audit_responses"] = [{"organisation": "Acme"}]
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(FormatError, match="audit_responses row 1"):
        restore(team, path, replace=True)


def test_campaign_two_first_answers_at_once_make_one(team: Ledger, db_url: str) -> None:
    if db_url.startswith("sqlite"):
        pytest.skip("SQLite lets one writer at a time through: there is no race to lose")
    campaign = start(team)
    with team.session() as first:
        answer_campaign(first, scope(first, "dana"), campaign, answers(0), DURING)
        racer = Racer(lambda: answer(team, "dana", campaign, answers(-1)))
        assert racer.is_waiting()  # waits on the first answer's lock
    assert racer.result() == ["ok"]
    with team.session() as s:
        assert s.scalar(select(func.count()).select_from(t.AuditAnswer)) == 1
        assert my_answers(s, scope(s, "dana"), campaign) == answers(-1)


def test_campaign_stored_answers_that_no_longer_fit_are_named(team: Ledger, tmp_path: Path) -> None:
    from trustworks.assess import load_questionnaire

    path = tmp_path / "old.toml"
    path.write_text(
        '[questionnaire]\ntitle = "Old audit"\nversion = 7\n'
        '[[item]]\nid = "retired"\npractice = "P"\ntoward = "staff"\nquestion = "Q"\n'
        'change = "C"\noptions = [{ key = "a", label = "A", trust = 0 }, '
        '{ key = "b", label = "B", trust = 4 }]\n',
        encoding="utf-8",
    )
    old = load_questionnaire(path, "audit")
    campaign = start(team)
    for name in SELLERS[:MIN_ANSWERS]:
        with team.session() as s:
            answer_campaign(s, scope(s, name), campaign, {"retired": "b"}, DURING, old)
    with team.session() as s:
        found = campaign_report(s, scope(s, "maria"), campaign, AFTER, old)
        assert found.report is not None and found.report.latest.score.mean == 100.0
        expected = (
            rf"audit campaign {campaign}: stored answers \(questionnaire version 7\) do not fit "
            r"version 1: retired: not an item"
        )
        with pytest.raises(ConflictError, match=expected):
            campaign_report(s, scope(s, "maria"), campaign, AFTER)


def test_campaign_migration_downgrade_writes_the_answers_back_unnamed(
    team: Ledger, db_url: str
) -> None:
    campaign = start(team)
    answer(team, "dana", campaign, answers(0))
    answer(team, "lee", campaign, answers(-1))
    team.close()
    engine = create_engine(db_url)
    cfg = database._config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0015")
        with engine.begin() as conn:
            rows = conn.execute(
                text("SELECT organisation, respondent, taken_on FROM audit_responses ORDER BY id")
            ).all()
            tables_left = set(sa_inspect(conn).get_table_names())
    finally:  # back to the head: the next test's database has no table the code does not know
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        engine.dispose()
    assert [(o, r, str(d)) for o, r, d in rows] == [
        ("Acme Freight", "respondent 1", "2026-03-14"),
        ("Acme Freight", "respondent 2", "2026-03-14"),
    ]
    assert not {"audit_campaigns", "audit_answers", "audit_authors"} & tables_left


def test_campaign_moved_responses_cannot_be_told_apart_by_the_order_of_ids(
    team: Ledger, tmp_path: Path
) -> None:
    # A backup holds invitations (who) and answers (what), never which is whose: had the
    # invitations been written in the answers' order, their ids would pair them up again.
    order = ["ana", "lee", "dana", "sam", "ryan"]  # not the order the users were added in
    path, _ = _old_backup(
        team,
        tmp_path,
        [
            {"id": n, "respondent": name, "answers_json": json.dumps(answers(n % 2 - 1))}
            for n, name in enumerate(order, 1)
        ],
    )
    restore(team, path, replace=True)
    with team.session() as s:
        invited = s.scalars(select(t.AuditInvitation.user_id).order_by(t.AuditInvitation.id))
        assert list(invited) == sorted(s.scalars(select(t.AuditInvitation.user_id)))
