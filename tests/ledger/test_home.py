"""What the home page adds to the daily review: undated promises and the first-run counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from trustworks.ledger import repository as repo
from trustworks.ledger.database import Ledger
from trustworks.ledger.home import first_run, undated_promises
from trustworks.ledger.users import add_user


def add(s: Session, kind_name: str, /, **values: Any) -> Any:
    return repo.add(s, kind_name, values)


def test_undated_promises_ours_first_open_only_and_the_sellers(ledger: Ledger) -> None:
    with ledger.session() as s:
        add(s, "account", name="Acme", owner="Dana")
        add(s, "account", name="Beta", owner="Sam")
        theirs = add(s, "commitment", account="Acme", side="client", by="Marcus", what="intro")
        ours = add(s, "commitment", account="Acme", side="us", by="Dana", what="send plan")
        add(s, "commitment", account="Acme", side="us", by="Dana", what="dated", due="2026-12-01")
        add(s, "commitment", account="Acme", side="us", by="Dana", what="done", status="kept")
        sams = add(s, "commitment", account="Beta", side="us", by="Sam", what="call back")
        found = undated_promises(s, "Dana", None)
        assert [p.id for p in found] == [ours.id, theirs.id]
        assert found[0].account == "Acme" and found[0].what == "send plan"
        everyone = undated_promises(s, None, None)
        assert {p.id for p in everyone} == {ours.id, theirs.id, sams.id}
        acme = everyone[0].account_id
        assert {p.id for p in undated_promises(s, None, {acme})} == {ours.id, theirs.id}
        assert undated_promises(s, None, set()) == ()


def test_first_run_counts_what_the_user_may_see(ledger: Ledger) -> None:
    with ledger.session() as s:
        assert first_run(s, None).empty
        add_user(s, "dana", "a long enough password", "seller", seller="Dana")
        acme = add(s, "account", name="Acme", owner="Dana").id
        beta = add(s, "account", name="Beta", owner="Sam").id
        start = first_run(s, {acme})
        assert (start.accounts, start.calls, start.commitments, start.users) == (1, 0, 0, 1)
        assert start.empty  # accounts alone give no agenda
        add(s, "interaction", account="Beta", occurred_on=dt.date(2026, 11, 9))
        assert first_run(s, {acme}).empty  # another's call does not count
        assert not first_run(s, {acme, beta}).empty
        assert not first_run(s, None).empty
