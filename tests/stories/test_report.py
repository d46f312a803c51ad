from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from trustworks.errors import FieldError
from trustworks.ledger.database import Ledger, open_ledger
from trustworks.stories import (
    ProgrammeReport,
    add_programme,
    add_story,
    attribute,
    chart_bytes,
    enrol,
    programme_report,
    report_html,
    report_pdf,
    save_chart,
    write_html,
    write_pdf,
)

from .conftest import END, LESSONS, PEOPLE, story


def _fill(ledger: Ledger, programme: int) -> ProgrammeReport:
    """Dana: two stories on lesson 1 (one success); Lee: one failed story on lesson 2;
    Kim: none. Three sales in April and May."""
    with ledger.session() as session:
        add_story(
            session,
            programme,
            "Dana Whitfield",
            LESSONS[0],
            **story(happened_on=END + dt.timedelta(days=4)),
        )
        add_story(
            session,
            programme,
            "Dana Whitfield",
            LESSONS[0],
            **story(outcome="No change.", success=False, happened_on=END + dt.timedelta(days=20)),
        )
        add_story(
            session,
            programme,
            "Lee Park",
            LESSONS[1],
            **story(success=False, happened_on=END + dt.timedelta(days=11)),
        )
        for who, amount, share, day in [
            ("Dana Whitfield", 40_000, 25, dt.date(2026, 4, 20)),
            ("Lee Park", 1_000, 50, dt.date(2026, 4, 25)),
            ("Dana Whitfield", 8_000, 100, dt.date(2026, 5, 3)),
        ]:
            attribute(
                session,
                programme,
                who,
                client=f"Client {amount}",
                amount=amount,
                share=share,
                sold_on=day,
                reason="because",
                today=dt.date(2026, 6, 1),
            )
        return programme_report(session, programme)


@pytest.fixture
def report(ledger: Ledger, programme: int) -> ProgrammeReport:
    """The report on each backend."""
    return _fill(ledger, programme)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> ProgrammeReport:
    """The same report built once on SQLite, for the tests of charts and files."""
    ledger = open_ledger(f"sqlite:///{tmp_path_factory.mktemp('report') / 'r.sqlite3'}")
    with ledger.session() as session:
        row = add_programme(session, "Trusted Advisor 2026", END, lessons=LESSONS)
        for name in PEOPLE:
            enrol(session, row.id, name)
        ident = row.id
    try:
        return _fill(ledger, ident)
    finally:
        ledger.close()


def test_report_counts_stories_and_successes_per_lesson(report: ProgrammeReport) -> None:
    assert [(x.title, x.stories, x.successes, x.tellers) for x in report.lessons] == [
        (LESSONS[0], 2, 1, 1),
        (LESSONS[1], 1, 0, 1),
        (LESSONS[2], 0, 0, 0),
    ]
    assert (report.participants, report.stories, report.successes) == (3, 3, 1)


def test_report_separates_lessons_that_produce_successes_from_those_that_do_not(
    report: ProgrammeReport,
) -> None:
    assert [x.title for x in report.working] == [LESSONS[0]]
    assert [x.title for x in report.not_working] == [LESSONS[1], LESSONS[2]]


def test_report_sums_amount_times_share_with_the_sales_behind_it(report: ProgrammeReport) -> None:
    assert report.revenue == 10_000 + 500 + 8_000
    assert report.sales == 49_000
    assert [a.attributed for a in report.attributions] == [10_000, 500, 8_000]
    assert [(m.month, m.attributed, m.cumulative) for m in report.by_month] == [
        ("2026-04", 10_500, 10_500),
        ("2026-05", 8_000, 18_500),
    ]


def test_report_times_each_first_story_and_names_who_has_none(report: ProgrammeReport) -> None:
    assert [(f.participant, f.days) for f in report.first_stories] == [
        ("Dana Whitfield", 4),
        ("Lee Park", 11),
    ]
    assert report.median_days_to_first == 7.5
    assert report.without_story == ("Kim Osei",)


def test_report_of_a_programme_without_stories_or_sales(ledger: Ledger, programme: int) -> None:
    with ledger.session() as session:
        empty = programme_report(session, programme)
    assert (empty.stories, empty.revenue, empty.median_days_to_first) == (0, 0, None)
    assert len(empty.not_working) == 3 and empty.working == ()
    assert chart_bytes(empty, "revenue", "svg").count(b"<svg") == 1
    assert "No story yet from" in report_html(empty)


@pytest.mark.parametrize(
    ("fmt", "magic"), [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")]
)
@pytest.mark.parametrize("chart", ["lessons", "revenue"])
def test_chart_bytes_come_in_each_format(
    built: ProgrammeReport, chart: str, fmt: str, magic: bytes
) -> None:
    assert chart_bytes(built, chart, fmt).startswith(magic)


def test_chart_svg_is_the_same_for_the_same_report(built: ProgrammeReport) -> None:
    assert chart_bytes(built, "lessons", "svg") == chart_bytes(built, "lessons", "svg")
    assert b"Listen before pitching" in chart_bytes(built, "lessons", "svg")


def test_save_chart_takes_the_format_from_the_suffix(
    built: ProgrammeReport, tmp_path: Path
) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    assert save_chart(built, "revenue", tmp_path / "r.png").read_bytes().startswith(b"\x89PNG")
    with pytest.raises(FieldError, match="suffix"):
        save_chart(built, "revenue", tmp_path / "r.gif")
    with pytest.raises(FieldError, match="chart"):
        save_chart(built, "pie", tmp_path / "r.png")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.png"]


def test_html_report_is_self_contained_with_inline_charts(built: ProgrammeReport) -> None:
    html = report_html(built)
    assert html.count("<svg") == 2
    assert "<?xml" not in html and "<script" not in html
    # Nothing fetched: no sources, and links only to the charts' own definitions.
    assert "src=" not in html and 'href="http' not in html and "url(http" not in html
    assert "18,500.00" in html and "Kim Osei" in html and "no success yet" in html


def test_html_report_escapes_what_participants_wrote(ledger: Ledger, programme: int) -> None:
    with ledger.session() as session:
        attribute(
            session,
            programme,
            "Lee Park",
            client="<b>Evil</b>",
            amount=1,
            share=1,
            sold_on=END,
            reason="<script>x</script>",
            today=END,
        )
        html = report_html(programme_report(session, programme))
    assert "<script>x" not in html and "&lt;script&gt;x" in html


def test_pdf_report_has_summary_charts_and_sales_pages(built: ProgrammeReport) -> None:
    pdf = report_pdf(built)
    assert pdf.startswith(b"%PDF")
    # Summary, the two charts, the sales, the time to a first story.
    assert len(re.findall(rb"/Type /Page\b(?!s)", pdf)) == 5
    assert b"/Count 5" in pdf


def test_report_files_are_written_whole_and_replace_the_old_one(
    built: ProgrammeReport, tmp_path: Path
) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "report.html"
    target.write_text("old")
    write_html(built, target)
    assert target.read_text().startswith("<!doctype html>")
    write_pdf(built, tmp_path / "report.pdf")
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report.pdf"]
    assert oct(target.stat().st_mode & 0o777) == "0o644"


def test_report_counts_a_story_from_before_the_end_as_negative_days(
    ledger: Ledger, programme: int
) -> None:
    with ledger.session() as session:
        for who, days in (("Kim Osei", -3), ("Lee Park", 9), ("Dana Whitfield", 30)):
            add_story(
                session,
                programme,
                who,
                LESSONS[2],
                **story(happened_on=END + dt.timedelta(days=days)),
            )
        found = programme_report(session, programme)
    assert [(f.participant, f.days) for f in found.first_stories] == [
        ("Kim Osei", -3),
        ("Lee Park", 9),
        ("Dana Whitfield", 30),
    ]
    assert found.median_days_to_first == 9 and found.without_story == ()
    assert [x.title for x in found.working] == [LESSONS[2]]
