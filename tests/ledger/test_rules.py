from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy.orm import Session

from trustworks.ledger import repository as repo
from trustworks.ledger import rules
from trustworks.ledger.database import Ledger

TODAY = dt.date(2026, 12, 1)


def add(s: Session, kind_name: str, /, **values: Any) -> Any:
    return repo.add(s, kind_name, values)


def account(s: Session, name: str = "Acme", owner: str | None = "Dana") -> Any:
    return add(s, "account", name=name, owner=owner)


def names(found: list[rules.Alert]) -> list[tuple[str, str]]:
    return [(a.rule, a.account) for a in found]


# Dropped leads ---------------------------------------------------------------------------


def prospect(s: Session, **extra: Any) -> Any:
    account(s)
    add(s, "interaction", account="Acme", occurred_on="2026-10-05", purpose="discovery")
    values = {"decided_on": "2026-10-01", "willing": True, "review_on": "2026-11-20"} | extra
    return add(s, "screening", account="Acme", **values)


def test_dropped_lead_past_review_with_no_contact_since_alerts(ledger: Ledger) -> None:
    with ledger.session() as s:
        screening = prospect(s)
        found = rules.dropped_leads(s, TODAY)
    assert len(found) == 1
    alert = found[0]
    assert (alert.rule, alert.severity, alert.account, alert.seller) == (
        "dropped_lead",
        "high",
        "Acme",
        "Dana",
    )
    assert alert.ref == f"screening:{screening.id}"
    assert alert.on == dt.date(2026, 11, 20)
    assert "last contact 2026-10-05" in alert.message
    assert "11 days ago" in alert.message


@pytest.mark.parametrize(
    ("extra_interaction", "screening"),
    [
        ({"occurred_on": "2026-11-20"}, {}),  # contact on the review day
        ({"occurred_on": "2026-11-28"}, {}),  # contact after it
        ({"occurred_on": "2026-10-20", "purpose": "closing"}, {}),  # parted with a closing call
        (None, {"review_on": "2026-12-01"}),  # review is today, not past
        (None, {"review_on": None}),  # no review date was set
        (None, {"outcome": "can_help_agree"}),  # decided jointly
        (None, {"willing": False, "told_how": "call"}),  # a screen-out, not a prospect
    ],
)
def test_dropped_lead_near_misses_do_not_alert(
    ledger: Ledger, extra_interaction: dict[str, str] | None, screening: dict[str, Any]
) -> None:
    with ledger.session() as s:
        prospect(s, **screening)
        if extra_interaction:
            add(s, "interaction", account="Acme", **extra_interaction)
        assert rules.dropped_leads(s, TODAY) == []


def test_dropped_lead_contact_after_today_does_not_count(ledger: Ledger) -> None:
    with ledger.session() as s:
        prospect(s)
        add(s, "interaction", account="Acme", occurred_on="2026-12-05")
        assert len(rules.dropped_leads(s, TODAY)) == 1


def test_dropped_lead_uses_the_latest_screening(ledger: Ledger) -> None:
    with ledger.session() as s:
        prospect(s)
        add(
            s,
            "screening",
            account="Acme",
            decided_on="2026-11-25",
            willing=True,
            review_on="2027-01-15",
        )
        assert rules.dropped_leads(s, TODAY) == []


def test_dropped_lead_grace_days_and_seller_filter(ledger: Ledger) -> None:
    with ledger.session() as s:
        prospect(s)
        assert rules.dropped_leads(s, TODAY, grace_days=11) == []
        assert len(rules.dropped_leads(s, TODAY, grace_days=10)) == 1
        assert len(rules.dropped_leads(s, TODAY, seller="dana")) == 1
        assert rules.dropped_leads(s, TODAY, seller="Sam") == []


def test_dropped_lead_never_contacted_says_so(ledger: Ledger) -> None:
    with ledger.session() as s:
        account(s, "Beta")
        add(
            s,
            "screening",
            account="Beta",
            decided_on="2026-10-01",
            willing=True,
            review_on="2026-11-01",
        )
        (alert,) = rules.dropped_leads(s, TODAY)
    assert "never contacted" in alert.message


# Commitments ----------------------------------------------------------------------------


def promise(s: Session, side: str, by: str, due: str, status: str = "open", **extra: Any) -> Any:
    return add(
        s,
        "commitment",
        account=extra.pop("account", "Acme"),
        side=side,
        by=by,
        what=f"{by} item due {due}",
        due=due,
        status=status,
        **extra,
    )


def test_commitment_overdue_ours_before_theirs_proposed_never(ledger: Ledger) -> None:
    with ledger.session() as s:
        account(s)
        theirs = promise(s, "client", "Marcus", "2026-11-01")
        ours_late = promise(s, "us", "Dana", "2026-11-25", to="Marcus")
        ours_early = promise(s, "us", "Dana", "2026-11-10")
        promise(s, "us", "Dana", "2026-11-01", status="proposed")
        promise(s, "us", "Dana", "2026-12-01")  # due today: not yet overdue
        promise(s, "us", "Dana", "2026-11-01", status="kept", resolved_on="2026-11-01")
        promise(s, "us", "Dana", "2026-11-01", status="dismissed")
        found = rules.commitments_overdue(s, TODAY)
    assert [a.ref for a in found] == [
        f"commitment:{ours_early.id}",
        f"commitment:{ours_late.id}",
        f"commitment:{theirs.id}",
    ]
    assert [a.severity for a in found] == ["high", "high", "medium"]
    assert found[1].message.startswith("ours: Dana promised to Marcus")
    assert "6 days overdue" in found[1].message
    assert found[2].message.startswith("theirs: Marcus promised")
    assert found[2].seller == "Dana"  # theirs belong to the account's owner


def test_commitment_overdue_seller_filter(ledger: Ledger) -> None:
    with ledger.session() as s:
        account(s, "Acme", "Dana")
        account(s, "Beta", "Sam")
        promise(s, "us", "Dana", "2026-11-01", account="Beta")  # Dana's promise on Sam's account
        promise(s, "client", "Marcus", "2026-11-01", account="Acme")
        promise(s, "client", "Lee", "2026-11-01", account="Beta")
        dana = rules.commitments_overdue(s, TODAY, seller="Dana")
        sam = rules.commitments_overdue(s, TODAY, seller="sam")
    assert [(a.account, a.message.split(":")[0]) for a in dana] == [
        ("Beta", "ours"),
        ("Acme", "theirs"),
    ]
    assert [(a.account, a.message.split(":")[0]) for a in sam] == [("Beta", "theirs")]


def test_reliability_is_kept_over_due_and_none_without_a_record(ledger: Ledger) -> None:
    with ledger.session() as s:
        account(s)
        for status in ("kept", "kept", "missed"):
            promise(s, "us", "Dana", "2026-11-01", status=status, resolved_on="2026-11-02")
        promise(s, "us", "Dana", "2026-11-15")  # open and past due: counts against
        promise(s, "us", "Dana", "2026-12-15")  # open, not yet due: does not count
        promise(s, "us", "Dana", "2026-11-01", status="proposed")
        promise(s, "us", "Sam", "2026-12-20")
        promise(s, "client", "Marcus", "2026-11-01", status="missed", resolved_on="2026-11-02")
        record = {r.seller: r for r in rules.reliability(s, TODAY)}
    assert set(record) == {"Dana", "Sam"}
    assert record["Dana"] == rules.SellerReliability("Dana", 2, 1, 1, 4, 0.5)
    assert record["Sam"].due == 0
    assert record["Sam"].rate is None


def test_reliability_seller_filter(ledger: Ledger) -> None:
    with ledger.session() as s:
        account(s)
        promise(s, "us", "Dana", "2026-11-01", status="kept", resolved_on="2026-11-01")
        promise(s, "us", "Sam", "2026-11-01", status="kept", resolved_on="2026-11-01")
        assert [r.seller for r in rules.reliability(s, TODAY, seller="DANA")] == ["Dana"]


# Risk imbalance -------------------------------------------------------------------------


def risk(s: Session, by: str, on: str, kind: str = "free_sample_work", **extra: Any) -> Any:
    return add(s, "risk", account="Acme", taken_by=by, kind=kind, taken_on=on, **extra)


def test_risk_samples_never_reciprocated_alert(ledger: Ledger) -> None:
    with ledger.session() as s:
        account(s)
        risk(s, "us", "2026-09-01")
        risk(s, "us", "2026-10-01")
        risk(s, "us", "2026-10-15", kind="shared_cost_data")
        found = rules.risk_imbalance(s, TODAY)
    assert names(found) == [("samples_not_reciprocated", "Acme")]
    assert found[0].on == dt.date(2026, 10, 1)
    assert "2 pieces of free sample work" in found[0].message


@pytest.mark.parametrize(
    "setup",
    [
        [("us", "2026-09-01", {})],  # only one sample
        [("us", "2026-09-01", {}), ("us", "2026-10-01", {"reciprocated": True})],
        [("us", "2026-09-01", {}), ("us", "2026-10-01", {}), ("client", "2026-10-20", {})],
        [("us", "2026-09-01", {}), ("us", "2027-01-01", {})],  # the second is after today
    ],
)
def test_risk_samples_near_misses_do_not_alert(
    ledger: Ledger, setup: list[tuple[str, str, dict[str, Any]]]
) -> None:
    with ledger.session() as s:
        account(s)
        for by, on, extra in setup:
            kind = "first_move" if by == "client" else "free_sample_work"
            risk(s, by, on, kind=kind, **extra)
        assert rules.risk_imbalance(s, TODAY) == []


def test_risk_sample_threshold_is_a_keyword(ledger: Ledger) -> None:
    with ledger.session() as s:
        account(s)
        risk(s, "us", "2026-09-01")
        assert names(rules.risk_imbalance(s, TODAY, min_samples=1)) == [
            ("samples_not_reciprocated", "Acme")
        ]


@pytest.mark.parametrize(
    "setup",
    [
        [("client", "2026-09-01", {})],  # they took a risk, we took none
        [("client", "2026-09-01", {}), ("us", "2026-10-01", {})],  # ours only answered theirs
        [("client", "2026-09-01", {}), ("us", "2026-09-01", {})],  # same day is not first
    ],
)
def test_risk_seller_never_first_alerts(
    ledger: Ledger, setup: list[tuple[str, str, dict[str, Any]]]
) -> None:
    with ledger.session() as s:
        account(s)
        for by, on, extra in setup:
            risk(s, by, on, kind="first_move", **extra)
        found = rules.risk_imbalance(s, TODAY)
    assert names(found) == [("seller_never_first", "Acme")]
    assert found[0].severity == "low"
    assert found[0].on == dt.date(2026, 9, 1)


@pytest.mark.parametrize(
    "setup",
    [
        [("us", "2026-08-01", {}), ("client", "2026-09-01", {})],  # ours came first
        # ours came later but opened an exchange the client answered
        [("client", "2026-09-01", {}), ("us", "2026-10-01", {"reciprocated": True})],
        [("us", "2026-08-01", {})],  # the client has taken no risk: nothing to be first on
    ],
)
def test_risk_seller_first_near_misses_do_not_alert(
    ledger: Ledger, setup: list[tuple[str, str, dict[str, Any]]]
) -> None:
    with ledger.session() as s:
        account(s)
        for by, on, extra in setup:
            risk(s, by, on, kind="first_move", **extra)
        assert rules.risk_imbalance(s, TODAY) == []


# Stage without evidence -----------------------------------------------------------------


def deal(s: Session, stage: str, **extra: Any) -> Any:
    return add(
        s, "deal", account="Acme", name=f"{stage} deal", stage=stage, stage_on="2026-11-01", **extra
    )


@pytest.mark.parametrize(
    ("stage", "purposes", "missing"),
    [
        ("proposal", [], "no discovery conversation"),
        ("negotiation", ["discovery"], "no proposal"),
        ("won", [], "no discovery conversation and no proposal"),
        ("negotiation", ["proposal"], "no discovery conversation"),
    ],
)
def test_stage_without_evidence_names_what_is_missing(
    ledger: Ledger, stage: str, purposes: list[str], missing: str
) -> None:
    with ledger.session() as s:
        account(s)
        for purpose in purposes:
            add(s, "interaction", account="Acme", occurred_on="2026-10-01", purpose=purpose)
        d = deal(s, stage)
        (alert,) = rules.stage_without_evidence(s, TODAY)
    assert alert.message.endswith(f"is at {stage} with {missing}")
    assert (alert.ref, alert.on, alert.severity) == (f"deal:{d.id}", dt.date(2026, 11, 1), "medium")


@pytest.mark.parametrize(
    ("stage", "purposes", "evidence"),
    [
        ("discovery", [], []),  # not past discovery
        ("lost", [], []),
        ("proposal", ["discovery"], []),
        ("proposal", [], ["discovery"]),  # an evidence note instead of a conversation
        ("negotiation", ["discovery", "proposal"], []),
        ("won", ["discovery"], ["proposal"]),
    ],
)
def test_stage_with_evidence_does_not_alert(
    ledger: Ledger, stage: str, purposes: list[str], evidence: list[str]
) -> None:
    with ledger.session() as s:
        account(s)
        for purpose in purposes:
            add(s, "interaction", account="Acme", occurred_on="2026-10-01", purpose=purpose)
        d = deal(s, stage)
        for stage_ in evidence:
            add(s, "evidence", deal=str(d.id), stage=stage_, note="their CFO walked us through it")
        assert rules.stage_without_evidence(s, TODAY) == []


def test_stage_evidence_on_another_account_or_after_today_does_not_count(ledger: Ledger) -> None:
    with ledger.session() as s:
        account(s)
        account(s, "Beta")
        add(s, "interaction", account="Beta", occurred_on="2026-10-01", purpose="discovery")
        add(s, "interaction", account="Acme", occurred_on="2026-12-10", purpose="discovery")
        deal(s, "proposal", owner="Sam")
        (alert,) = rules.stage_without_evidence(s, TODAY)
        assert alert.seller == "Sam"  # the deal's owner before the account's
        assert rules.stage_without_evidence(s, TODAY, seller="Dana") == []


# Discount pull-forward ------------------------------------------------------------------


def won_deal(
    s: Session, closed: str, discount: str | None = "15", expected: str = "2027-01-20"
) -> Any:
    d = deal(s, "negotiation", expected_close=expected)
    repo.edit(
        s,
        "deal",
        d.id,
        {
            "stage": "won",
            "stage_on": closed,
            "closed_on": closed,
            "expected_close": closed,
            "discount_pct": discount,
        },
    )
    return d


def test_discount_pull_forward_near_quarter_end_alerts(ledger: Ledger) -> None:
    with ledger.session() as s:
        account(s)
        d = won_deal(s, "2026-12-21")  # 10 days before the quarter ends: inside the window
        (alert,) = rules.discount_pull_forward(s, dt.date(2027, 1, 5))
    assert alert.ref == f"deal:{d.id}"
    assert "15% discount" in alert.message
    assert "10 days before the period end 2026-12-31" in alert.message
    assert "expected to close 2027-01-20" in alert.message


@pytest.mark.parametrize(
    ("closed", "discount", "expected"),
    [
        ("2026-12-20", "15", "2027-01-20"),  # 11 days before the quarter end
        ("2026-12-24", None, "2027-01-20"),  # no discount
        ("2026-12-24", "0", "2027-01-20"),
        ("2026-12-24", "15", "2026-12-24"),  # closed when expected
        ("2026-12-24", "15", "2026-12-10"),  # closed late, not pulled forward
    ],
)
def test_discount_pull_forward_near_misses_do_not_alert(
    ledger: Ledger, closed: str, discount: str | None, expected: str
) -> None:
    with ledger.session() as s:
        account(s)
        won_deal(s, closed, discount, expected)
        assert rules.discount_pull_forward(s, dt.date(2027, 1, 5)) == []


def test_discount_pull_forward_uses_given_period_ends(ledger: Ledger) -> None:
    with ledger.session() as s:
        account(s)
        won_deal(s, "2026-11-25", expected="2026-12-15")
        later = dt.date(2027, 1, 5)
        assert rules.discount_pull_forward(s, later) == []  # 36 days before the quarter end
        ends = [dt.date(2026, 10, 31), dt.date(2026, 11, 30)]
        (alert,) = rules.discount_pull_forward(s, later, period_ends=ends)
        assert "period end 2026-11-30" in alert.message
        assert rules.discount_pull_forward(s, later, period_ends=ends, within_days=4) == []
        assert rules.discount_pull_forward(s, dt.date(2026, 11, 20)) == []  # not closed yet


@pytest.mark.parametrize(
    ("day", "end"),
    [
        (dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        (dt.date(2026, 6, 30), dt.date(2026, 6, 30)),
        (dt.date(2026, 8, 15), dt.date(2026, 9, 30)),
        (dt.date(2026, 12, 31), dt.date(2026, 12, 31)),
    ],
)
def test_quarter_end_is_the_last_day_of_the_calendar_quarter(day: dt.date, end: dt.date) -> None:
    assert rules.quarter_end(day) == end


# Churn ------------------------------------------------------------------------------------


def txn(s: Session, on: str, amount: str = "5000", outcome: str = "loss", acc: str = "Acme") -> Any:
    return add(s, "transaction", account=acc, occurred_on=on, amount=amount, client_outcome=outcome)


def test_churn_two_paid_losses_within_the_window_alert(ledger: Ledger) -> None:
    with ledger.session() as s:
        account(s)
        txn(s, "2026-06-01")
        txn(s, "2026-07-15", amount="2500")
        last = txn(s, "2026-08-30")
        txn(s, "2026-09-01", outcome="gain")
        (alert,) = rules.churn(s, TODAY)
    assert alert.ref == f"transaction:{last.id}"
    assert alert.severity == "high"
    assert "3 transactions earned us 12,500.00" in alert.message
    assert "2026-06-01 to 2026-08-30" in alert.message


@pytest.mark.parametrize(
    "setup",
    [
        [("2026-06-01", "5000", "loss", "Acme"), ("2026-08-31", "5000", "loss", "Acme")],  # 91 days
        [("2026-06-01", "5000", "loss", "Acme"), ("2026-06-10", "5000", "neutral", "Acme")],
        [("2026-06-01", "5000", "loss", "Acme"), ("2026-06-10", "0", "loss", "Acme")],
        [("2026-06-01", "5000", "loss", "Acme"), ("2026-06-10", "-500", "loss", "Acme")],
        [("2026-06-01", "5000", "loss", "Acme"), ("2026-06-10", "5000", "loss", "Beta")],
        [("2026-11-20", "5000", "loss", "Acme"), ("2026-12-10", "5000", "loss", "Acme")],
    ],
)
def test_churn_near_misses_do_not_alert(
    ledger: Ledger, setup: list[tuple[str, str, str, str]]
) -> None:
    with ledger.session() as s:
        account(s)
        account(s, "Beta")
        for on, amount, outcome, acc in setup:
            txn(s, on, amount, outcome, acc)
        assert rules.churn(s, TODAY) == []


def test_churn_separate_runs_alert_separately(ledger: Ledger) -> None:
    with ledger.session() as s:
        account(s)
        for on in ("2025-01-01", "2025-02-01", "2026-01-01", "2026-02-01"):
            txn(s, on)
        assert len(rules.churn(s, TODAY)) == 2
        assert len(rules.churn(s, TODAY, window_days=400)) == 1
        assert rules.churn(s, TODAY, min_count=3) == []


# Screen-outs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "rule", "severity"),
    [
        (
            {"willing": False, "outcome": "cannot_help_not_yet_agree"},
            "screen_out_unexplained",
            "high",
        ),
        ({"willing": False}, "screen_out_not_told", "medium"),
        ({"willing": True, "outcome": "cannot_help_agree"}, "screen_out_not_told", "medium"),
        (
            {"willing": True, "outcome": "cannot_help_not_yet_agree"},
            "screen_out_unexplained",
            "high",
        ),
    ],
)
def test_screen_out_without_how_they_were_told_alerts(
    ledger: Ledger, values: dict[str, Any], rule: str, severity: str
) -> None:
    with ledger.session() as s:
        account(s)
        screening = add(s, "screening", account="Acme", decided_on="2026-11-01", **values)
        (alert,) = rules.screen_outs_untold(s, TODAY)
    assert (alert.rule, alert.severity, alert.ref) == (rule, severity, f"screening:{screening.id}")


@pytest.mark.parametrize(
    "values",
    [
        {"willing": False, "outcome": "cannot_help_not_yet_agree", "told_how": "call, with why"},
        {"willing": False, "told_how": "e-mail"},
        {"willing": True},
        {"willing": True, "outcome": "can_help_disagree"},
        {"willing": False, "decided_on": "2026-12-02"},  # decided after today
    ],
)
def test_screen_out_near_misses_do_not_alert(ledger: Ledger, values: dict[str, Any]) -> None:
    with ledger.session() as s:
        account(s)
        add(s, "screening", account="Acme", **({"decided_on": "2026-11-01"} | values))
        assert rules.screen_outs_untold(s, TODAY) == []


def test_screen_out_superseded_by_a_later_screening_does_not_alert(ledger: Ledger) -> None:
    with ledger.session() as s:
        account(s)
        add(s, "screening", account="Acme", decided_on="2026-06-01", willing=False)
        add(s, "screening", account="Acme", decided_on="2026-09-01", willing=True)
        assert rules.screen_outs_untold(s, TODAY) == []


# Reflections ------------------------------------------------------------------------------


def test_missing_reflection_alerts_for_recent_unreflected_interactions(ledger: Ledger) -> None:
    with ledger.session() as s:
        account(s)
        done = add(s, "interaction", account="Acme", occurred_on="2026-11-30", seller="Dana")
        add(s, "reflection", interaction=str(done.id), gave_value=True, written_on="2026-11-30")
        todo = add(s, "interaction", account="Acme", occurred_on="2026-11-29", purpose="follow_up")
        add(s, "interaction", account="Acme", occurred_on="2026-10-31")  # 31 days ago: too old
        add(s, "interaction", account="Acme", occurred_on="2026-12-02")  # not happened yet
        found = rules.missing_reflections(s, TODAY)
        assert [a.ref for a in found] == [f"interaction:{todo.id}"]
        assert found[0].seller == "Dana"  # no seller on it: the account's owner
        assert "follow up call on 2026-11-29" in found[0].message
        assert len(rules.missing_reflections(s, TODAY, days=None)) == 2
        assert len(rules.missing_reflections(s, TODAY, seller="Dana")) == 1
        assert rules.missing_reflections(s, TODAY, seller="Sam") == []


def test_missing_reflection_seller_on_the_interaction_wins(ledger: Ledger) -> None:
    with ledger.session() as s:
        account(s)
        add(s, "interaction", account="Acme", occurred_on="2026-11-29", seller="Sam")
        assert rules.missing_reflections(s, TODAY, seller="Dana") == []
        assert len(rules.missing_reflections(s, TODAY, seller="Sam")) == 1


# All rules --------------------------------------------------------------------------------


def test_alerts_runs_every_rule_ordered_by_severity_then_date(ledger: Ledger) -> None:
    with ledger.session() as s:
        prospect(s)  # dropped lead, high, 2026-11-20; its discovery call lacks a reflection
        promise(s, "us", "Dana", "2026-11-25")  # high, 2026-11-25
        promise(s, "client", "Marcus", "2026-11-02")  # medium, 2026-11-02
        account(s, "Beta", "Sam")
        add(s, "screening", account="Beta", decided_on="2026-11-10", willing=False)  # medium
        add(s, "interaction", account="Beta", occurred_on="2026-11-30")  # low: no reflection
        found = rules.alerts(s, TODAY)
        sam = rules.alerts(s, TODAY, seller="Sam")
    assert [(a.severity, a.rule, a.on.isoformat()) for a in found] == [
        ("high", "dropped_lead", "2026-11-20"),
        ("high", "commitment_overdue", "2026-11-25"),
        ("medium", "commitment_overdue", "2026-11-02"),
        ("medium", "screen_out_not_told", "2026-11-10"),
        ("low", "missing_reflection", "2026-11-30"),
    ]
    assert [a.rule for a in sam] == ["screen_out_not_told", "missing_reflection"]


def test_alerts_on_an_empty_ledger_is_empty(ledger: Ledger) -> None:
    with ledger.session() as s:
        assert rules.alerts(s, TODAY) == []


def test_alerts_rule_names_are_listed(ledger: Ledger) -> None:
    with ledger.session() as s:
        prospect(s)
        found = rules.alerts(s, TODAY)
    assert {a.rule for a in found} <= set(rules.RULES)


def test_dropped_lead_a_day_past_review_says_one_day(ledger: Ledger) -> None:
    with ledger.session() as s:
        prospect(s, review_on="2026-11-30")
        found = rules.dropped_leads(s, TODAY)
    assert len(found) == 1
    assert "(1 day ago)" in found[0].message
    assert "1 days" not in found[0].message
