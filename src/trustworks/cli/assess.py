"""`trustworks audit ...` and `trustworks self-assess ...`: thin shells over trustworks.assess
and trustworks.ledger.assessments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trustworks.cli.app import app
from trustworks.cli.choices import AUDIT_CHARTS, RELATIONS, SELF_CHARTS
from trustworks.cli.common import parse_date, print_json
from trustworks.cli.db import DbOption, open_db
from trustworks.errors import FieldError
from trustworks.plural import counted

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from trustworks.assess import AuditItem, Questionnaire, SelfItem
    from trustworks.ledger.assessments import AuditReport, SelfReport
    from trustworks.ledger.ratings import OthersReport

# The ledger, the charts (matplotlib) and Rich are imported inside the commands: `--help`
# needs none of them.

audit_app = typer.Typer(
    help="The organisation trust audit: is the firm trustworthy but untrusting?",
    no_args_is_help=True,
)
self_app = typer.Typer(
    help="The personal trust self-assessment, beside the scores measured in conversations.",
    no_args_is_help=True,
)
app.add_typer(audit_app, name="audit")
app.add_typer(self_app, name="self-assess")

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
AnswersOption = Annotated[
    Path | None,
    typer.Option(
        "--answers",
        help="A TOML or JSON file of item id = option key; without it, asks item by item.",
        exists=True,
        dir_okay=False,
    ),
]
ChartOption = Annotated[
    Path | None,
    typer.Option(
        "--chart", help="Also write a chart to this .png, .svg or .pdf file.", dir_okay=False
    ),
]
OnOption = Annotated[
    str | None, typer.Option("--on", help="The date answered (YYYY-MM-DD); default today.")
]


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def _questions_table(q: Questionnaire) -> Table:
    from rich.markup import escape
    from rich.table import Table

    from trustworks.assess import AuditItem, SelfItem

    table = Table("item", "question", "options", title=q.title, title_justify="left")
    for item in q.items:
        if isinstance(item, AuditItem):
            options = "\n".join(f"{o.key} ({o.trust}): {o.label}" for o in item.options)
            question = f"[bold]{escape(item.practice)}[/bold] ({item.toward})\n"
        else:
            assert isinstance(item, SelfItem)
            options = ", ".join(o.key for o in item.options)
            question = f"[bold]{item.component}[/bold]\n"
        table.add_row(item.id, question + escape(item.question), escape(options))
    return table


def _ask(q: Questionnaire) -> dict[str, object]:
    """Prompt for each item in turn: an option's number or key."""
    answers: dict[str, object] = {}
    items: list[AuditItem | SelfItem] = list(q.items)
    for number, item in enumerate(items, start=1):
        typer.echo(f"\n{number}/{len(items)} {item.question}")
        for index, option in enumerate(item.options, start=1):
            typer.echo(f"  {index}. {option.label}")
        while True:
            reply = typer.prompt("answer").strip()
            keys = [o.key for o in item.options]
            if reply.isdigit() and 1 <= int(reply) <= len(keys):
                answers[item.id] = keys[int(reply) - 1]
                break
            if reply in keys:
                answers[item.id] = reply
                break
            typer.echo(f"  give a number from 1 to {len(keys)}")
    return answers


def _answers(q: Questionnaire, path: Path | None) -> tuple[dict[str, object], str]:
    from trustworks.assess import read_answers

    if path is None:
        return _ask(q), "answers"
    return dict(read_answers(path)), str(path)


@audit_app.command("questions")
def audit_questions_command(as_json: JsonOption = False) -> None:
    """List the audit's items, options (with their 0-4 trust) and what each measures."""
    from trustworks.assess import audit_questionnaire
    from trustworks.report.assessments import questions_document

    q = audit_questionnaire()
    if as_json:
        print_json(questions_document(q))
        return
    _console().print(_questions_table(q))


@audit_app.command("answer")
def audit_answer_command(
    org: Annotated[str, typer.Option("--org", help="The organisation audited.")],
    respondent: Annotated[str, typer.Option("--respondent", help="Who is answering.")],
    answers: AnswersOption = None,
    on: OnOption = None,
    db: DbOption = None,
) -> None:
    """Record one respondent's audit answers (every item) for an organisation and date."""
    from trustworks.assess import audit_questionnaire
    from trustworks.ledger.assessments import record_audit

    taken_on = parse_date(on, "--on") or dt.date.today()
    q = audit_questionnaire()
    given, source = _answers(q, answers)
    ledger = open_db(db)
    with ledger.session() as session:
        row = record_audit(session, org, respondent, given, taken_on, q, source)
        saved = (row.organisation, row.respondent)
    typer.echo(f"recorded {saved[1]}'s trust audit for {saved[0]} on {taken_on.isoformat()}")


def _spread(mean: float, low: float, high: float, stdev: float, people: int) -> str:
    if people == 1:
        return f"{mean:.0f}"
    return f"{mean:.0f} (min {low:.0f}, max {high:.0f}, sd {stdev:.1f})"


def _render_audit(report: AuditReport, top: int) -> None:
    from rich.markup import escape
    from rich.table import Table

    console = _console()
    latest = report.latest
    people = len(latest.respondents)
    score = latest.score
    console.print(
        f"[bold]{escape(report.organisation)}[/bold], {latest.taken_on.isoformat()}: "
        f"trusting score [bold]{_spread(score.mean, score.min, score.max, score.stdev, people)}"
        f"[/bold]/100 from {counted(people, 'respondent')}"
    )
    if report.comparison is not None:
        before = report.comparison.before
        console.print(
            f"  {report.comparison.delta:+.1f} since {before.taken_on.isoformat()} "
            f"({before.score.mean:.0f})"
        )
    costly = latest.costliest(top)
    if costly:
        table = Table(
            "item", "points lost", "item score", "what to change",
            title="What costs most", title_justify="left",
        )  # fmt: skip
        for item in costly:
            s = item.item_score
            table.add_row(
                f"{escape(item.practice)}\n[dim]{item.item}[/dim]",
                f"{item.cost:.1f}",
                _spread(s.mean, s.min, s.max, s.stdev, people),
                escape(item.change),
            )
        console.print(table)
    else:
        console.print("Nothing costs points: every answer extends full trust.")
    if report.comparison is not None and (report.comparison.improved or report.comparison.worsened):
        moved = Table("item", "before", "now", "change", title="Since last round")
        for change in (*report.comparison.improved, *report.comparison.worsened):
            moved.add_row(
                escape(change.practice),
                f"{change.before:.0f}",
                f"{change.after:.0f}",
                f"{change.delta:+.0f}",
            )
        console.print(moved)
    if len(report.rounds) > 1:
        history = Table("date", "respondents", "score", title="Rounds", title_justify="left")
        for r in report.rounds:
            n = len(r.respondents)
            history.add_row(
                r.taken_on.isoformat(),
                str(n),
                _spread(r.score.mean, r.score.min, r.score.max, r.score.stdev, n),
            )
        console.print(history)


@audit_app.command("report")
def audit_report_command(
    org: Annotated[str, typer.Option("--org", help="The organisation audited.")],
    top: Annotated[int, typer.Option(min=1, help="Show this many costliest items.")] = 5,
    chart: ChartOption = None,
    chart_kind: Annotated[
        str, typer.Option("--chart-kind", help=f"Which chart: {', '.join(AUDIT_CHARTS)}.")
    ] = "items",
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """The organisation's trusting score, what costs most, spread and change since last round."""
    from trustworks.ledger.assessments import audit_report
    from trustworks.report.assessment_charts import audit_figure
    from trustworks.report.assessments import audit_document
    from trustworks.report.figures import save_figure

    ledger = open_db(db)
    with ledger.session() as session:
        report = audit_report(session, org)
    if chart is not None:
        typer.echo(f"wrote {save_figure(audit_figure(report, chart_kind), chart)}", err=True)
    if as_json:
        print_json(audit_document(report, top))
        return
    _render_audit(report, top)


@self_app.command("questions")
def self_questions_command(as_json: JsonOption = False) -> None:
    """List the self-assessment's statements by Trust Equation component."""
    from trustworks.assess import self_questionnaire
    from trustworks.report.assessments import questions_document

    q = self_questionnaire()
    if as_json:
        print_json(questions_document(q))
        return
    _console().print(_questions_table(q))


@self_app.command("answer")
def self_answer_command(
    person: Annotated[str, typer.Option("--person", help="Whose self-assessment (seller name).")],
    answers: AnswersOption = None,
    on: OnOption = None,
    db: DbOption = None,
) -> None:
    """Record a self-assessment (every item) for a date."""
    from trustworks.assess import self_questionnaire
    from trustworks.ledger.assessments import record_self_assessment

    taken_on = parse_date(on, "--on") or dt.date.today()
    q = self_questionnaire()
    given, source = _answers(q, answers)
    ledger = open_db(db)
    with ledger.session() as session:
        row = record_self_assessment(session, person, given, taken_on, q, source)
        who = row.person
    typer.echo(f"recorded {who}'s self-assessment on {taken_on.isoformat()}")


def _measured(pairs: list[str] | None) -> dict[str, float] | None:
    if not pairs:
        return None
    values: dict[str, float] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        try:
            number = float(value)
        except ValueError:
            number = float("nan")
        if not sep or number != number:
            raise FieldError("--measured", f"{pair!r}: expected COMPONENT=NUMBER")
        values[name.strip()] = number
    return values


COMPONENT_NAMES = ("credibility", "reliability", "intimacy", "self_orientation", "trust")


def _render_self(report: SelfReport, given: bool) -> None:
    from rich.markup import escape
    from rich.table import Table

    console = _console()
    latest = report.latest
    analysed = counted(report.conversations, "analysed conversation")
    source = "as given" if given else f"mean of {analysed}"
    console.print(
        f"[bold]{escape(report.person)}[/bold], self-assessment of {latest.taken_on.isoformat()}"
    )
    table = Table("", "self", f"measured ({source})", "gap", title_justify="left")
    gaps = {g.component: g for g in report.comparison.gaps}
    for name in COMPONENT_NAMES:
        mine = getattr(latest.scores, name)
        gap = gaps.get(name)
        table.add_row(
            name,
            f"{mine:.1f}",
            f"{gap.measured:.1f}" if gap else "-",
            f"{gap.difference:+.1f}" if gap else "-",
        )
    console.print(table)
    largest = report.comparison.largest
    if largest is None:
        console.print(
            "No measured scores to compare with: log analysed conversations for this seller "
            "(trustworks log) or pass --measured COMPONENT=VALUE."
        )
    else:
        view = "better" if largest.flattering else "worse"
        console.print(
            f"Largest gap: [bold]{largest.component}[/bold], where you see yourself "
            f"{view} than measured ({largest.self_score:.1f} against {largest.measured:.1f})."
        )
    if len(report.records) > 1:
        history = Table("date", *COMPONENT_NAMES, title="Over time", title_justify="left")
        for record in report.records:
            history.add_row(
                record.taken_on.isoformat(),
                *(f"{getattr(record.scores, n):.1f}" for n in COMPONENT_NAMES),
            )
        console.print(history)


@self_app.command("report")
def self_report_command(
    person: Annotated[str, typer.Option("--person", help="Whose self-assessment (seller name).")],
    measured: Annotated[
        list[str] | None,
        typer.Option(
            "--measured",
            help="COMPONENT=VALUE to compare with (repeat); default: the means over the "
            "person's analysed conversations in the ledger.",
        ),
    ] = None,
    chart: ChartOption = None,
    chart_kind: Annotated[
        str, typer.Option("--chart-kind", help=f"Which chart: {', '.join(SELF_CHARTS)}.")
    ] = "compare",
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """The latest self-assessment beside measured scores and others' ratings, the largest gap,
    and the history."""
    from trustworks.ledger.assessments import self_report
    from trustworks.ledger.ratings import others_report
    from trustworks.ledger.trends import seller_trends
    from trustworks.report.assessment_charts import self_figure
    from trustworks.report.assessments import others_document, self_document
    from trustworks.report.figures import save_figure

    given = _measured(measured)
    ledger = open_db(db)
    with ledger.session() as session:
        report = self_report(session, person, given)
        others = others_report(session, person, dt.date.today())
        trend = next(iter(seller_trends(session, seller=report.person)), None)
    if chart is not None:
        fig = self_figure(chart_kind, report.person, report.records, report.measured, others, trend)
        typer.echo(f"wrote {save_figure(fig, chart)}", err=True)
    if as_json:
        print_json({**self_document(report), "rated_by_others": others_document(others)})
        return
    _render_self(report, given is not None)
    _render_others(others)


def _render_others(report: OthersReport) -> None:
    from rich.markup import escape
    from rich.table import Table

    console = _console()
    if not report.ratings:
        waiting = (
            f" ({counted(len(report.pending), 'link')} not answered yet)" if report.pending else ""
        )
        console.print(f"No ratings by others yet{waiting}: trustworks self-assess invite.")
        return
    table = Table("", "self", "others", "gap", title="Rated by others", title_justify="left")
    gaps = {g.component: g for g in report.comparison.gaps} if report.comparison else {}
    for name in COMPONENT_NAMES:
        gap = gaps.get(name)
        mine = getattr(report.latest_self.scores, name) if report.latest_self else None
        table.add_row(
            name,
            "-" if mine is None else f"{mine:.1f}",
            f"{report.others[name]:.1f}",
            f"{gap.difference:+.1f}" if gap else "-",
        )
    console.print(table)
    raters = ", ".join(f"{escape(r.rater)} ({r.relation})" for r in report.ratings)
    console.print(f"From {counted(len(report.ratings), 'rating')}: {raters}.")
    largest = report.comparison.largest if report.comparison else None
    if largest is not None:
        view = "better" if largest.flattering else "worse"
        console.print(
            f"Largest gap: [bold]{largest.component}[/bold], where you see yourself {view} "
            f"than others do ({largest.self_score:.1f} against {largest.measured:.1f})."
        )


@self_app.command("invite")
def self_invite_command(
    person: Annotated[str, typer.Option("--person", help="Who is to be rated (seller name).")],
    rater: Annotated[str, typer.Option("--rater", help="Whom you ask (a client or colleague).")],
    relation: Annotated[
        str, typer.Option("--relation", help=f"One of {', '.join(RELATIONS)}.")
    ] = "client",
    days: Annotated[int, typer.Option("--days", help="How long the link stays open.")] = 30,
    base_url: Annotated[
        str, typer.Option("--base-url", help="Where the web app is served.")
    ] = "http://127.0.0.1:8000",
    db: DbOption = None,
) -> None:
    """Make a share link through which a client or colleague rates the person (shown once)."""
    from trustworks.ledger.ratings import invite_rater

    ledger = open_db(db)
    with ledger.session() as session:
        invitation = invite_rater(session, person, rater, relation, dt.date.today(), days)
    typer.echo(f"{base_url.rstrip('/')}/rate/{invitation.token}")
    typer.echo(
        f"send this link to {invitation.rater}; it opens until "
        f"{invitation.expires_on.isoformat()} and can be answered once",
        err=True,
    )
