"""Benchmark the assessments: reports over many responses, and exporting their charts.

    .venv/bin/python bench/assess.py [--respondents 40] [--rounds 12] [--repeat 20]

An organisation with `--respondents` people answering the trust audit in each of `--rounds`
rounds, and one seller with a self-assessment per round, 200 analysed calls and 20 ratings by
others, in a fresh SQLite ledger. Prints the median time of building each report (reading and
scoring every stored answer), of drawing each page's inline SVG, and of exporting each chart
as PNG, SVG and PDF, with the files' sizes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from trustworks.assess import audit_questionnaire, self_questionnaire
from trustworks.ledger import repository, tables
from trustworks.ledger.access import Scope
from trustworks.ledger.assessments import record_self_assessment
from trustworks.ledger.assessments import self_report as build_self_report
from trustworks.ledger.campaigns import answer_campaign, campaign_report, create_campaign
from trustworks.ledger.database import open_ledger
from trustworks.ledger.ratings import invite_rater, others_report, record_rating
from trustworks.ledger.trends import seller_trends
from trustworks.report.assessment_charts import (
    audit_figure,
    audit_item_rows,
    self_compare_rows,
    self_compare_series,
    self_figure,
)
from trustworks.report.figures import FIGURE_FORMATS, figure_bytes
from trustworks.web.charts import bar_chart

SELLER = "Dana Whitfield"
START = dt.date(2025, 1, 6)


def _median_ms(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return 1000 * statistics.median(times)


def _fill(url: str, respondents: int, rounds: int, rng: random.Random) -> None:
    audit, mine = audit_questionnaire(), self_questionnaire()
    ledger = open_ledger(url)
    with ledger.session() as s:
        repository.add(s, "account", {"name": "Northwind", "owner": SELLER})
        people = [
            tables.User(username=f"p{p}", password_hash="-", role="seller", seller=f"Person {p}")
            for p in range(respondents)
        ]
        runner = tables.User(username="lead", password_hash="-", role="admin", seller="Lead")
        s.add_all([*people, runner])
        s.flush()
        lead = Scope(runner.id, "lead", "admin", "Lead", None, None)
        for r in range(rounds):
            day = START + dt.timedelta(weeks=4 * r)
            invited = [u.username for u in people]
            campaign = create_campaign(s, lead, "Acme Freight", "all", day, day, invited).id
            for user in people:
                answers = {i.id: rng.choice(i.options).key for i in audit.items}
                who = Scope(user.id, user.username, "seller", user.seller, None, None)
                answer_campaign(s, who, campaign, dict(answers), day)
            self_answers = {i.id: rng.choice(i.options).key for i in mine.items}
            record_self_assessment(s, SELLER, dict(self_answers), day)
        for n in range(200):
            row = repository.add(
                s,
                "interaction",
                {
                    "account": "Northwind",
                    "seller": SELLER,
                    "occurred_on": START + dt.timedelta(days=2 * n),
                },
            )
            scores = [rng.uniform(2, 9) for _ in range(4)]
            row.credibility, row.reliability, row.intimacy, row.self_orientation = scores  # type: ignore[attr-defined]
            row.trust = (scores[0] + scores[1] + scores[2]) / scores[3]  # type: ignore[attr-defined]
        for n in range(20):
            link = invite_rater(s, SELLER, f"Rater {n}", "client", START)
            answers = {i.id: rng.choice(i.options).key for i in mine.items}
            record_rating(s, link.token, dict(answers), START)
    ledger.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        began = time.perf_counter()
        _fill(url, args.respondents, args.rounds, random.Random(args.seed))
        responses = args.respondents * args.rounds
        print(f"filled {responses} audit responses, {args.rounds} self-assessments, "
              f"200 calls, 20 ratings in {time.perf_counter() - began:.1f} s")  # fmt: skip
        respondent_count = args.respondents
        ledger = open_ledger(url)
        today = START + dt.timedelta(weeks=4 * args.rounds)
        lead = Scope(respondent_count + 1, "lead", "admin", "Lead", None, None)
        with ledger.session() as s:
            last = args.rounds  # the newest campaign's id: one per round, in order
            found = campaign_report(s, lead, last, today)
            assert found.report is not None, found.why_not
            audit = found.report
            mine = build_self_report(s, SELLER)
            others = others_report(s, SELLER, today)
            trend = seller_trends(s, seller=SELLER)[0]

            def audit_work() -> object:
                return campaign_report(s, lead, last, today)

            def self_work() -> object:
                return (build_self_report(s, SELLER), others_report(s, SELLER, today))

            print(f"audit report ({args.rounds} campaigns, {responses} answers): "
                  f"{_median_ms(audit_work, args.repeat):.1f} ms")  # fmt: skip
            print(f"self report + others' ratings: {_median_ms(self_work, args.repeat):.1f} ms")
        ledger.close()
        series = self_compare_series(mine.measured, others)
        svg_pages = {
            "audit items (page SVG)": lambda: bar_chart(
                audit_item_rows(audit.latest), [("item score", "practice")], high=100.0
            ),
            "self vs measured (page SVG)": lambda: bar_chart(
                self_compare_rows(mine.latest, mine.measured, others),
                [(n, n) for n in series],
            ),
        }
        for name, work in svg_pages.items():
            print(f"{name}: {_median_ms(work, args.repeat):.2f} ms")
        figures: dict[str, Callable[[], object]] = {
            "audit items": lambda: audit_figure(audit, "items"),
            "audit rounds": lambda: audit_figure(audit, "rounds"),
            "self compare": lambda: self_figure(
                "compare", SELLER, mine.records, mine.measured, others, trend
            ),
            "self trend": lambda: self_figure(
                "trend", SELLER, mine.records, mine.measured, others, trend
            ),
        }
        for name, build in figures.items():
            cells = []
            for fmt in FIGURE_FORMATS:
                size = len(figure_bytes(build(), fmt))  # type: ignore[arg-type]
                ms = _median_ms(lambda: figure_bytes(build(), fmt), max(3, args.repeat // 4))  # type: ignore[arg-type]  # noqa: B023
                cells.append(f"{fmt} {ms:.0f} ms ({size // 1024} KB)")
            print(f"{name}: " + ", ".join(cells))


if __name__ == "__main__":
    main()
