"""The call library: who sees which calls, and every filter, sort and page, on both databases."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session

from trustworks.errors import FieldError
from trustworks.ledger import tables as t
from trustworks.ledger import users
from trustworks.ledger.access import scope_for
from trustworks.ledger.calls import CallFilter, compare, list_calls, team_of
from trustworks.ledger.database import Ledger

DAY = dt.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(users, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024))


def add_call(
    session: Session,
    account: t.Account,
    user: t.User,
    day: dt.date,
    trust: float,
    signals: tuple[tuple[str, str, int], ...] = (),
) -> int:
    """A stored analysed call with these scores and (signal, family, polarity) findings."""
    row = t.Interaction(
        account_id=account.id,
        seller=user.seller,
        seller_user_id=user.id,
        occurred_on=day,
        channel="call",
        purpose="discovery",
        credibility=5.5,
        reliability=5.5,
        intimacy=5.5,
        self_orientation=5.5,
        trust=trust,
    )
    row.findings = [
        t.StoredFinding(
            signal=s,
            family=f,
            component="credibility",
            polarity=p,
            turn=n,
            speaker=user.seller,
            evidence=f"words of {s}",
        )
        for n, (s, f, p) in enumerate(signals)
    ]
    session.add(row)
    session.flush()
    return row.id


@pytest.fixture
def world(ledger: Ledger) -> dict[str, int]:
    """maria manages dana and lee; ryan reports to nobody; root is an admin. Each seller has an
    account; dana has three calls, lee one, ryan one."""
    ids: dict[str, int] = {}
    with ledger.session() as s:
        people = {
            "root": users.add_user(s, "root", "a long enough password", "admin", seller="Root"),
            "maria": users.add_user(
                s, "maria", "a long enough password", "manager", seller="Maria"
            ),
        }
        for name, manager in (("dana", "maria"), ("lee", "maria"), ("ryan", None)):
            people[name] = users.add_user(
                s, name, "a long enough password", "seller", seller=name.title(), manager=manager
            )
        accounts = {}
        for name in ("dana", "lee", "ryan"):
            accounts[name] = t.Account(name=f"{name.title()} Co", owner=name.title())
            s.add(accounts[name])
        s.flush()
        dodge = ("dodges_price", "price", -1)
        pounce = ("pounces_on_need", "listening", -1)
        plain = ("answers_price_plainly", "price", 1)
        ids["d1"] = add_call(s, accounts["dana"], people["dana"], DAY, 1.2, (dodge, pounce))
        ids["d2"] = add_call(s, accounts["dana"], people["dana"], DAY - dt.timedelta(5), 3.0)
        ids["d3"] = add_call(
            s, accounts["dana"], people["dana"], DAY - dt.timedelta(40), 5.0, (plain,)
        )
        ids["l1"] = add_call(
            s, accounts["lee"], people["lee"], DAY - dt.timedelta(2), 4.0, (dodge,)
        )
        ids["r1"] = add_call(s, accounts["ryan"], people["ryan"], DAY, 2.0, (pounce,))
        ids.update({name: user.id for name, user in people.items()})
        ids.update({f"{name}_account": a.id for name, a in accounts.items()})
    return ids


def _ids(ledger: Ledger, who: str, wanted: CallFilter | None = None) -> list[int]:
    with ledger.session() as s:
        user = s.scalars(select(t.User).where(t.User.username == who)).one()
        return [r.id for r in list_calls(s, scope_for(s, user), wanted).rows]


def test_calls_seller_sees_only_own_manager_team_admin_all(
    ledger: Ledger, world: dict[str, int]
) -> None:
    assert set(_ids(ledger, "dana")) == {world["d1"], world["d2"], world["d3"]}
    assert set(_ids(ledger, "maria")) == {world["d1"], world["d2"], world["d3"], world["l1"]}
    assert set(_ids(ledger, "root")) == {world[k] for k in ("d1", "d2", "d3", "l1", "r1")}
    assert _ids(ledger, "ryan") == [world["r1"]]


def test_calls_filter_by_signal_family_and_polarity(ledger: Ledger, world: dict[str, int]) -> None:
    assert set(_ids(ledger, "maria", CallFilter(signal="dodges_price"))) == {
        world["d1"],
        world["l1"],
    }
    assert set(_ids(ledger, "maria", CallFilter(family="price"))) == {
        world["d1"],
        world["l1"],
        world["d3"],
    }
    assert _ids(ledger, "maria", CallFilter(family="price", polarity=1)) == [world["d3"]]
    assert _ids(ledger, "dana", CallFilter(signal="pounces_on_need")) == [world["d1"]]


def test_calls_filter_by_seller_account_dates_and_band(
    ledger: Ledger, world: dict[str, int]
) -> None:
    assert _ids(ledger, "maria", CallFilter(seller=world["lee"])) == [world["l1"]]
    assert _ids(ledger, "maria", CallFilter(account=world["lee_account"])) == [world["l1"]]
    # Another team's seller or account filters down to nothing, never to their calls.
    assert _ids(ledger, "maria", CallFilter(seller=world["ryan"])) == []
    assert _ids(ledger, "maria", CallFilter(account=world["ryan_account"])) == []
    recent = CallFilter(since=DAY - dt.timedelta(7), until=DAY)
    assert set(_ids(ledger, "dana", recent)) == {world["d1"], world["d2"]}
    assert _ids(ledger, "dana", CallFilter(band="spends")) == [world["d1"]]
    assert _ids(ledger, "dana", CallFilter(band="neutral")) == [world["d2"]]
    assert _ids(ledger, "dana", CallFilter(band="builds")) == [world["d3"]]


def test_calls_sort_page_and_count(ledger: Ledger, world: dict[str, int]) -> None:
    assert _ids(ledger, "dana") == [world["d1"], world["d2"], world["d3"]]  # newest first
    assert _ids(ledger, "dana", CallFilter(sort="trust")) == [world["d1"], world["d2"], world["d3"]]
    assert _ids(ledger, "dana", CallFilter(sort="-trust")) == [
        world["d3"],
        world["d2"],
        world["d1"],
    ]
    with ledger.session() as s:
        maria = s.get(t.User, world["maria"])
        assert maria is not None
        page = list_calls(s, scope_for(s, maria), CallFilter(per_page=3, page=2))
        assert (page.total, page.pages, len(page.rows)) == (4, 2, 1)
        first = list_calls(s, scope_for(s, maria), CallFilter(signal="dodges_price"))
        by_id = {r.id: r for r in first.rows}
        assert by_id[world["d1"]].matched == "words of dodges_price"
        assert (by_id[world["d1"]].spends, by_id[world["d1"]].builds) == (2, 0)
        assert by_id[world["d1"]].band == "spends"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"sort": "id"}, "sort"), ({"page": 0}, "page"), ({"per_page": 1000}, "per_page")],
)
def test_call_filter_refuses_bad_values(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(FieldError) as raised:
        CallFilter(**kwargs)  # type: ignore[arg-type]
    assert raised.value.field == field


def test_compare_own_last_30_days_and_team_median(ledger: Ledger, world: dict[str, int]) -> None:
    with ledger.session() as s:
        assert team_of(s, world["dana"]) == {world["maria"], world["dana"], world["lee"]}
        assert team_of(s, world["ryan"]) == {world["ryan"]}
        seen = compare(s, world["dana"], DAY, exclude=world["d1"])
        # dana's other call in the window is d2 (3.0); d3 is 40 days back. The team's calls
        # but the one compared: 3.0 (dana), 4.0 (lee); ryan's 2.0 is another team's.
        assert (seen.own_mean, seen.own_calls) == (3.0, 1)
        assert (seen.team_median, seen.team_calls) == (3.5, 2)
        assert compare(s, None, DAY).own_mean is None


def test_team_overview_scopes_trends_spending_and_calls_worth_a_look(
    ledger: Ledger, world: dict[str, int]
) -> None:
    from trustworks.ledger.team import team_overview

    with ledger.session() as s:
        maria = s.get(t.User, world["maria"])
        dana = s.get(t.User, world["dana"])
        assert maria is not None and dana is not None
        team = team_overview(s, scope_for(s, maria), DAY)
        assert [p.username for p in team.sellers] == ["dana", "lee"]  # ryan is not hers
        by_name = {p.username: p for p in team.sellers}
        assert by_name["dana"].calls == 3 and by_name["dana"].waiting == 2
        assert sum(w.calls for w in by_name["dana"].weeks) == 3
        # dodges_price in d1 and l1 (2 calls), pounce only in d1 among her team's calls.
        assert [(c.signal, c.calls) for c in team.spending] == [
            ("dodges_price", 2),
            ("pounces_on_need", 1),
        ]
        assert [c.id for c in team.lowest][:1] == [world["d1"]]
        # d1 (1.2) against dana's mean of the 30 days before the week (d3 is 40 days back: none)
        assert all(c.id != world["r1"] for c in team.lowest)
        own = team_overview(s, scope_for(s, dana), DAY)
        assert [p.username for p in own.sellers] == ["dana"]
        assert [c.signal for c in own.spending] == ["dodges_price", "pounces_on_need"]


def test_calls_count_stops_at_the_cap_and_pages_go_on(
    ledger: Ledger, world: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from trustworks.ledger import calls

    monkeypatch.setattr(calls, "COUNT_CAP", 2)
    with ledger.session() as s:
        root = s.get(t.User, world["root"])
        assert root is not None
        first = list_calls(s, scope_for(s, root), CallFilter(per_page=2))
        assert (first.total, first.more, first.pages, first.has_next) == (2, True, None, True)
        last = list_calls(s, scope_for(s, root), CallFilter(per_page=2, page=3))
        assert ([r.id for r in last.rows], last.has_next) == ([world["d3"]], False)
