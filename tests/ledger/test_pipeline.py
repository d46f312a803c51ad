"""The pipeline: cards with value, stage age, trust, promises, evidence and rule flags; moving a
deal with its evidence; the stage history; who sees which deals. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.ledger.race import Racer
from trustworks.errors import ConflictError, FieldError, NotFoundError
from trustworks.ledger import repository as repo
from trustworks.ledger import tables as t
from trustworks.ledger.access import Scope, scope_for
from trustworks.ledger.database import Ledger
from trustworks.ledger.pipeline import (
    deal_card,
    move_stage,
    pipeline,
    rests_on,
    stage_history,
)

TODAY = dt.date(2026, 6, 30)


def add(s: Session, kind_name: str, /, **values: Any) -> Any:
    return repo.add(s, kind_name, values)


def user(s: Session, username: str, role: str, seller: str) -> t.User:
    # No password: these tests never sign in, and hashing one costs 64 MiB and a moment.
    row = t.User(username=username, password_hash="-", role=role, seller=seller)
    s.add(row)
    s.flush()
    return row


@pytest.fixture
def team(ledger: Ledger) -> dict[str, int]:
    """Dana and Lee (sellers) under Maria (manager); each seller has an account with a deal."""
    ids: dict[str, int] = {}
    with ledger.session() as s:
        maria = user(s, "maria", "manager", "Maria Gomez")
        for name, seller in (("dana", "Dana Whitfield"), ("lee", "Lee Park")):
            user(s, name, "seller", seller).manager_id = maria.id
        user(s, "ash", "admin", "Ash Admin")
        add(s, "account", name="Northwind", owner="Dana Whitfield")
        add(s, "account", name="Contoso", owner="Lee Park")
        ids["north"] = add(
            s,
            "deal",
            account="Northwind",
            name="Fleet pilot",
            stage="discovery",
            amount="12000",
            currency="EUR",
            stage_on="2026-06-10",
        ).id
        ids["contoso"] = add(
            s, "deal", account="Contoso", name="Renewal", stage="prospect", stage_on="2026-06-01"
        ).id
    return ids


def scope(ledger: Ledger, username: str) -> Scope:
    with ledger.session() as s:
        user = s.scalars(select(t.User).where(t.User.username == username)).one()
        return scope_for(s, user)


def test_rests_on_names_the_stages_the_rule_asks_for() -> None:
    assert rests_on("prospect") == ()
    assert rests_on("discovery") == ("discovery",)
    assert rests_on("proposal") == ("discovery", "proposal")
    assert rests_on("won") == ("discovery", "proposal", "won")
    assert rests_on("lost") == ("lost",)


def test_pipeline_card_shows_value_stage_age_trust_promises_and_evidence(
    ledger: Ledger, team: dict[str, int]
) -> None:
    with ledger.session() as s:
        for day, trust in (("2026-06-01", 5.0), ("2026-06-15", 6.0), ("2026-06-20", 7.5)):
            call = add(s, "interaction", account="Northwind", occurred_on=day, purpose="discovery")
            call.trust = trust  # as a saved analysis sets it
        later = add(s, "interaction", account="Northwind", occurred_on="2026-07-05")
        later.trust = 1.0  # after today: left out
        add(s, "commitment", account="Northwind", side="us", by="Dana", what="send the case")
        add(
            s,
            "commitment",
            account="Northwind",
            side="client",
            by="Kim",
            what="share fleet data",
            due="2026-06-20",
        )
        add(s, "commitment", account="Northwind", side="us", by="Dana", what="x", status="kept")
        board = pipeline(s, TODAY)
    card = next(c for c in board.deals if c.id == team["north"])
    assert (card.account, card.stage, card.amount, card.currency) == (
        "Northwind",
        "discovery",
        Decimal("12000"),
        "EUR",
    )
    assert (card.stage_since, card.stage_age_days) == (dt.date(2026, 6, 10), 20)
    assert (card.trust, card.trust_on, card.trust_direction, card.conversations) == (
        7.5,
        dt.date(2026, 6, 20),
        "rising",
        3,
    )
    assert [p.what for p in card.ours] == ["send the case"]
    assert [(p.what, p.overdue) for p in card.theirs] == [("share fleet data", True)]
    assert [e.text for e in card.evidence] == [
        "discovery call on 2026-06-01",
        "discovery call on 2026-06-15",
        "discovery call on 2026-06-20",
    ]
    assert card.flags == ()
    column = next(c for c in board.columns if c.stage == "discovery")
    assert column.value == {"EUR": Decimal("12000")}
    assert [c.stage for c in board.columns][:3] == ["prospect", "qualified", "discovery"]


def test_pipeline_flags_a_stage_without_evidence_naming_the_rule(
    ledger: Ledger, team: dict[str, int]
) -> None:
    with ledger.session() as s:
        repo.edit(s, "deal", team["north"], {"stage": "proposal", "stage_on": "2026-06-20"})
        card = deal_card(s, None, team["north"], TODAY)
    assert [f.rule for f in card.flags] == ["stage_without_evidence"]
    assert "no discovery conversation and" not in card.flags[0].message
    assert "no discovery conversation" in card.flags[0].message
    assert card.evidence == ()


def test_pipeline_flags_a_deal_pulled_forward_by_a_period_end_discount(ledger: Ledger) -> None:
    with ledger.session() as s:
        add(s, "account", name="Acme", owner="Dana")
        add(s, "interaction", account="Acme", occurred_on="2026-05-01", purpose="discovery")
        add(s, "interaction", account="Acme", occurred_on="2026-05-20", purpose="proposal")
        deal = add(
            s,
            "deal",
            account="Acme",
            name="Big",
            stage="negotiation",
            expected_close="2026-08-15",
            stage_on="2026-06-01",
        )
        repo.edit(
            s,
            "deal",
            deal.id,
            {
                "stage": "won",
                "closed_on": "2026-06-25",
                "discount_pct": 15,
                "stage_on": "2026-06-25",
            },
        )
        card = deal_card(s, None, deal.id, TODAY)
    assert [f.rule for f in card.flags] == ["discount_pull_forward"]
    assert "15% discount" in card.flags[0].message


def test_pipeline_leaves_off_deals_closed_long_ago_unless_asked(ledger: Ledger) -> None:
    with ledger.session() as s:
        add(s, "account", name="Acme", owner="Dana")
        add(s, "deal", account="Acme", name="Old", stage="lost", closed_on="2026-01-02")
        add(s, "deal", account="Acme", name="Recent", stage="lost", closed_on="2026-06-02")
        default = [c.name for c in pipeline(s, TODAY).deals]
        everything = [c.name for c in pipeline(s, TODAY, closed_days=None).deals]
        lost = pipeline(s, TODAY, stage="lost", closed_days=None)
    assert default == ["Recent"]
    assert sorted(everything) == ["Old", "Recent"]
    assert [c.stage for c in lost.columns] == ["lost"]


@pytest.mark.parametrize(
    ("username", "seen"),
    [("dana", ["Fleet pilot"]), ("lee", ["Renewal"]), ("maria", ["Fleet pilot", "Renewal"])],
)
def test_pipeline_shows_each_user_the_deals_they_may_see(
    ledger: Ledger, team: dict[str, int], username: str, seen: list[str]
) -> None:
    who = scope(ledger, username)
    with ledger.session() as s:
        names = sorted(c.name for c in pipeline(s, TODAY, scope=who).deals)
    assert names == seen


def test_another_sellers_deal_is_not_found_for_card_history_or_move(
    ledger: Ledger, team: dict[str, int]
) -> None:
    lee = scope(ledger, "lee")
    with ledger.session() as s:
        with pytest.raises(NotFoundError):
            deal_card(s, lee, team["north"], TODAY)
        with pytest.raises(NotFoundError):
            stage_history(s, lee, team["north"])
        with pytest.raises(NotFoundError):
            move_stage(s, lee, team["north"], "proposal", note="sent it")
    with ledger.session() as s:
        assert s.get(t.Deal, team["north"]).stage == "discovery"  # type: ignore[union-attr]


def test_move_records_who_when_and_the_evidence(ledger: Ledger, team: dict[str, int]) -> None:
    dana = scope(ledger, "dana")
    with ledger.session() as s:
        call = add(s, "interaction", account="Northwind", occurred_on="2026-06-25")
        moved = move_stage(
            s,
            dana,
            team["north"],
            "proposal",
            note="sent the proposal after the call",
            interaction=call.id,
            on=dt.date(2026, 6, 26),
        )
    assert (moved.from_stage, moved.to_stage, moved.changed_by) == ("discovery", "proposal", "dana")
    with ledger.session() as s:
        steps = stage_history(s, dana, team["north"])
        card = deal_card(s, dana, team["north"], TODAY)
    assert [(h.stage, h.entered_on, h.changed_by) for h in steps] == [
        ("discovery", dt.date(2026, 6, 10), steps[0].changed_by),
        ("proposal", dt.date(2026, 6, 26), "dana"),
    ]
    assert steps[0].changed_by is not None and steps[0].changed_by.startswith("command line")
    assert steps[-1].changed_at is not None
    assert [e.text for e in steps[-1].evidence] == [
        "other call on 2026-06-25: sent the proposal after the call"
    ]
    assert card.stage == "proposal"
    assert card.stage_age_days == 4
    # The move's evidence is what the proposal rests on; discovery still has none.
    assert [e.stage for e in card.evidence] == ["proposal"]
    assert [f.rule for f in card.flags] == ["stage_without_evidence"]


def test_moving_to_won_closes_and_reopening_clears_the_close(
    ledger: Ledger, team: dict[str, int]
) -> None:
    with ledger.session() as s:
        move_stage(s, None, team["north"], "won", note="signed", on=dt.date(2026, 6, 28))
        assert s.get(t.Deal, team["north"]).closed_on == dt.date(2026, 6, 28)  # type: ignore[union-attr]
        move_stage(s, None, team["north"], "negotiation", note="legal reopened the terms")
        assert s.get(t.Deal, team["north"]).closed_on is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("stage", "extra", "error", "words"),
    [
        ("proposal", {}, FieldError, "rests on"),
        ("proposal", {"note": "   "}, FieldError, "rests on"),
        ("closing", {"note": "x"}, FieldError, "not a stage"),
        ("discovery", {"note": "x"}, ConflictError, "already at discovery"),
        ("proposal", {"interaction": "abc"}, FieldError, "a number"),
        ("proposal", {"interaction": "99999"}, FieldError, "no conversation 99999"),
        ("proposal", {"note": "x", "on": dt.date(2999, 1, 1)}, FieldError, "after today"),
        ("proposal", {"note": "x" * 10_001}, FieldError, "at most"),
    ],
)
def test_a_bad_move_is_refused_with_its_reason_and_writes_nothing(
    ledger: Ledger,
    team: dict[str, int],
    stage: str,
    extra: dict[str, Any],
    error: type[Exception],
    words: str,
) -> None:
    with ledger.session() as s, pytest.raises(error, match=words):
        move_stage(s, None, team["north"], stage, **extra)
    with ledger.session() as s:
        assert s.get(t.Deal, team["north"]).stage == "discovery"  # type: ignore[union-attr]
        assert s.scalar(select(func.count()).select_from(t.Evidence)) == 0


def test_move_refuses_a_conversation_on_another_account(
    ledger: Ledger, team: dict[str, int]
) -> None:
    with ledger.session() as s:
        other = add(s, "interaction", account="Contoso", occurred_on="2026-06-25")
    with ledger.session() as s, pytest.raises(FieldError, match="not on the account"):
        move_stage(s, None, team["north"], "proposal", interaction=other.id)
    lee_call = other.id
    dana = scope(ledger, "dana")
    with ledger.session() as s, pytest.raises(FieldError, match="that you may see"):
        move_stage(s, dana, team["north"], "proposal", interaction=lee_call)


def test_stage_history_of_older_changes_says_nothing_of_who(
    ledger: Ledger, team: dict[str, int]
) -> None:
    with ledger.session() as s:
        change = s.scalars(select(t.StageChange)).first()
        assert change is not None
        change.changed_by = change.changed_at = None  # as kept before migration 0011
    with ledger.session() as s:
        steps = stage_history(s, None, team["north"])
    assert (steps[0].changed_by, steps[0].changed_at) == (None, None)


# A downgrade prints no warning to whoever runs it (SQLite copies the table to drop columns).
@pytest.mark.filterwarnings("error::sqlalchemy.exc.SAWarning")
def test_stage_changes_survive_migration_0011_down_and_up_again(
    ledger: Ledger, team: dict[str, int], db_url: str
) -> None:
    from alembic import command
    from sqlalchemy import create_engine, text

    from trustworks.ledger import database

    with ledger.session() as s:
        move_stage(s, scope(ledger, "dana"), team["north"], "proposal", note="asked", on=TODAY)
    ledger.close()
    engine = create_engine(db_url)
    cfg = database._config()
    query = "SELECT deal_id, stage, entered_on FROM stage_changes ORDER BY id"
    try:
        with engine.begin() as conn:
            before = conn.execute(text(query)).all()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0010")
        with engine.begin() as conn:
            down = conn.execute(text(query)).all()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        with engine.begin() as conn:
            up = conn.execute(text(query)).all()
            who = conn.execute(text("SELECT changed_by FROM stage_changes ORDER BY id")).all()
    finally:
        engine.dispose()
    assert len(before) == 3 and before == down == up
    assert [w for (w,) in who] == [None, None, None]  # who moved it is gone with the columns


def test_two_moves_of_one_deal_at_once_record_one(
    ledger: Ledger, team: dict[str, int], db_url: str
) -> None:
    if db_url.startswith("sqlite"):
        pytest.skip("SQLite lets one writer at a time through: there is no race to lose")
    dana = scope(ledger, "dana")

    def second() -> None:
        with ledger.session() as s:
            move_stage(s, dana, team["north"], "proposal", note="asked", on=TODAY)

    with ledger.session() as first:
        move_stage(first, dana, team["north"], "proposal", note="asked", on=TODAY)
        racer = Racer(second)
        assert racer.is_waiting()  # waits on the first move's lock
    done = racer.result()
    assert len(done) == 1 and isinstance(done[0], ConflictError), done
    with ledger.session() as s:
        stages = s.scalars(
            select(t.StageChange.stage).where(t.StageChange.deal_id == team["north"])
        ).all()
        assert sorted(stages) == ["discovery", "proposal"]
