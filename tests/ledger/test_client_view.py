from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy.orm import Session

from trustworks.errors import NotFoundError
from trustworks.ledger import repository as repo
from trustworks.ledger.client_view import client_view, trust_direction
from trustworks.ledger.database import Ledger

TODAY = dt.date(2026, 12, 1)


def add(s: Session, kind_name: str, /, **values: Any) -> Any:
    return repo.add(s, kind_name, values)


def analysed(s: Session, on: str, trust: float, **extra: Any) -> Any:
    """An interaction with stored trust scores (the analysis writes these, not the schema)."""
    row = add(s, "interaction", account="Acme", occurred_on=on, **extra)
    row.trust, row.credibility, row.reliability = trust, 6.0, 5.5
    row.intimacy, row.self_orientation = 5.0, 5.5
    s.flush()
    return row


@pytest.fixture
def acme(ledger: Ledger) -> Ledger:
    with ledger.session() as s:
        add(s, "account", name="Acme Freight", owner="Dana")
    return ledger


def test_client_view_goals_open_first(acme: Ledger) -> None:
    with acme.session() as s:
        add(
            s,
            "goal",
            account="Acme",
            description="cut fuel cost",
            noted_on="2026-03-01",
            status="achieved",
        )
        add(s, "goal", account="Acme", description="fewer late loads", noted_on="2026-06-01")
        add(s, "goal", account="Acme", description="expand to rail", noted_on="2026-12-05")
        view = client_view(s, "Acme Freight", TODAY)
    assert [(g.description, g.status) for g in view.goals] == [
        ("fewer late loads", "open"),
        ("cut fuel cost", "achieved"),
    ]
    assert (view.account, view.owner, view.today) == ("Acme Freight", "Dana", TODAY)


def test_client_view_received_is_what_we_gave_newest_first(acme: Ledger) -> None:
    with acme.session() as s:
        sample = add(
            s,
            "risk",
            account="Acme",
            taken_by="us",
            kind="free_sample_work",
            description="route study",
            taken_on="2026-09-01",
        )
        intro = add(
            s,
            "introduction",
            account="Acme",
            introduced_to="Rail Co",
            purpose="rail capacity",
            made_on="2026-10-01",
        )
        kept = add(
            s,
            "commitment",
            account="Acme",
            side="us",
            by="Dana",
            what="benchmark",
            status="kept",
            resolved_on="2026-11-01",
        )
        add(s, "risk", account="Acme", taken_by="client", kind="shared_cost_data")
        add(
            s,
            "commitment",
            account="Acme",
            side="client",
            by="Marcus",
            what="their data",
            status="kept",
            resolved_on="2026-11-02",
        )
        add(s, "commitment", account="Acme", side="us", by="Dana", what="pricing")
        add(s, "introduction", account="Acme", introduced_to="Later Co", made_on="2026-12-02")
        view = client_view(s, "acme freight", TODAY)
    assert [(r.kind, r.ref, r.what) for r in view.received] == [
        ("kept_commitment", f"commitment:{kept.id}", "benchmark"),
        ("introduction", f"introduction:{intro.id}", "introduced to Rail Co (rail capacity)"),
        ("risk", f"risk:{sample.id}", "free sample work: route study"),
    ]


def test_client_view_open_promises_mark_overdue(acme: Ledger) -> None:
    with acme.session() as s:
        undated = add(s, "commitment", account="Acme", side="us", by="Dana", what="case study")
        later = add(
            s, "commitment", account="Acme", side="us", by="Dana", what="pricing", due="2026-12-10"
        )
        late = add(
            s,
            "commitment",
            account="Acme",
            side="us",
            by="Dana",
            to="Marcus",
            what="route plan",
            due="2026-11-20",
        )
        add(
            s,
            "commitment",
            account="Acme",
            side="us",
            by="Dana",
            what="maybe",
            status="proposed",
            due="2026-11-01",
        )
        add(
            s,
            "commitment",
            account="Acme",
            side="client",
            by="Marcus",
            what="data",
            due="2026-11-01",
        )
        view = client_view(s, "Acme", TODAY)
    assert [(p.id, p.overdue, p.days_overdue) for p in view.open_promises] == [
        (late.id, True, 11),
        (later.id, False, 0),
        (undated.id, False, 0),
    ]
    assert view.open_promises[0].to == "Marcus"


def test_client_view_risks_they_carry_are_the_unreciprocated_ones(acme: Ledger) -> None:
    with acme.session() as s:
        carried = add(
            s,
            "risk",
            account="Acme",
            taken_by="client",
            kind="trust_without_contract",
            taken_on="2026-10-01",
        )
        add(
            s,
            "risk",
            account="Acme",
            taken_by="client",
            kind="shared_cost_data",
            taken_on="2026-09-01",
            reciprocated=True,
            reciprocated_on="2026-09-10",
        )
        add(s, "risk", account="Acme", taken_by="us", kind="first_move", taken_on="2026-08-01")
        view = client_view(s, "Acme", TODAY)
    assert [(r.id, r.kind, r.days_waiting) for r in view.risks_they_carry] == [
        (carried.id, "trust_without_contract", 61)
    ]


def test_client_view_shows_the_three_latest_reflections_with_their_dates(acme: Ledger) -> None:
    with acme.session() as s:
        for day in ("2026-11-01", "2026-11-10", "2026-11-20", "2026-11-25", "2026-12-03"):
            i = add(s, "interaction", account="Acme", occurred_on=day)
            add(
                s,
                "reflection",
                interaction=str(i.id),
                gave_value=True,
                written_on=day,
                learned_about_goals=f"learned {day}",
            )
        add(s, "interaction", account="Acme", occurred_on="2026-11-30")  # not reflected on
        view = client_view(s, "Acme", TODAY)
    assert [r.occurred_on.isoformat() for r in view.reflections] == [
        "2026-11-25",
        "2026-11-20",
        "2026-11-10",
    ]
    assert view.reflections[0].learned_about_goals == "learned 2026-11-25"
    assert view.reflections[0].gave_value is True


def test_client_view_trust_trend_oldest_first_with_direction(acme: Ledger) -> None:
    with acme.session() as s:
        first = analysed(s, "2026-09-01", 2.5)
        analysed(s, "2026-10-01", 3.0)
        analysed(s, "2026-11-01", 3.6)
        add(s, "interaction", account="Acme", occurred_on="2026-11-15")  # not analysed
        analysed(s, "2026-12-05", 1.0)  # after today
        view = client_view(s, "Acme", TODAY)
    assert [(p.on.isoformat(), p.trust) for p in view.trust_trend] == [
        ("2026-09-01", 2.5),
        ("2026-10-01", 3.0),
        ("2026-11-01", 3.6),
    ]
    point = view.trust_trend[0]
    assert (point.interaction_id, point.credibility, point.self_orientation) == (first.id, 6.0, 5.5)
    assert view.trust_direction == "rising"


def test_client_view_of_an_account_with_nothing_recorded(acme: Ledger) -> None:
    with acme.session() as s:
        view = client_view(s, "Acme", TODAY)
    assert view.goals == view.received == view.open_promises == view.reflections == ()
    assert view.trust_trend == ()
    assert view.trust_direction == "unknown"


def test_client_view_unknown_account_is_not_found(acme: Ledger) -> None:
    with pytest.raises(NotFoundError, match="no account 'Nope'"), acme.session() as s:
        client_view(s, "Nope", TODAY)


@pytest.mark.parametrize(
    ("trust", "direction"),
    [
        ([], "unknown"),
        ([3.0], "unknown"),
        ([2.0, 3.0], "rising"),
        ([3.0, 2.0], "falling"),
        ([3.0, 3.2], "flat"),
        ([3.0, 3.6, 2.4, 3.6, 3.0], "flat"),  # noisy but level
        ([2.0, 2.5, 2.2, 2.9, 3.1], "rising"),
        ([1.0, 1.0, 1.0, 5.0, 4.0, 3.0, 2.0, 1.0], "falling"),  # only the last five count
    ],
)
def test_trust_direction_from_the_recent_scores(trust: list[float], direction: str) -> None:
    assert trust_direction(trust) == direction


def test_trust_direction_tolerance_and_window_are_keywords() -> None:
    assert trust_direction([3.0, 3.2], tolerance=0.1) == "rising"
    assert trust_direction([1.0, 5.0, 4.0], last=2) == "falling"
