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
    from sqlalchemy.orm import Session

    from trustworks.assess import AuditItem, Questionnaire, SelfItem
    from trustworks.ledger.access import Scope
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
            if reply.isascii() and reply.isdigit() and 1 <= int(reply) <= len(keys):
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


CampaignOption = Annotated[int, typer.Option("--campaign", help="The campaign's id.")]
UserOption = Annotated[
    str,
    typer.Option(
        "--user",
        help="Your username; the password is asked for (or read from $TRUSTWORKS_PASSWORD).",
    ),
]
PASSWORD_ENV = "TRUSTWORKS_PASSWORD"


def _today() -> dt.date:
    return dt.date.today()


def _signed_in(session: Session, username: str) -> Scope:
    """The scope of the user whose password is given: at the command line as on the web,
    nobody acts (or reads their answers) as someone else without their password."""
    import os

    from trustworks.errors import NotAllowedError
    from trustworks.ledger.access import scope_for
    from trustworks.ledger.users import authenticate

    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        password = str(typer.prompt(f"Password for {username}", hide_input=True, err=True))
    user = authenticate(session, username, password)
    if user is None:
        raise NotAllowedError(f"wrong username or password for {username!r}")
    return scope_for(session, user)


def _everyone() -> Scope:
    """The command line reads every campaign's aggregate: it holds the whole database."""
    from trustworks.ledger.access import Scope

    return Scope(0, "command line", "admin", "", None, None)


@audit_app.command("start")
def audit_start_command(
    org: Annotated[str, typer.Option("--org", help="The organisation audited.")],
    audience: Annotated[str, typer.Option("--audience", help="Who is asked, in words.")],
    opens: Annotated[str, typer.Option("--opens", help="First day answers are taken.")],
    closes: Annotated[str, typer.Option("--closes", help="Last day answers are taken.")],
    invite: Annotated[
        list[str], typer.Option("--invite", help="A user to ask (username); repeat for each.")
    ],
    user: UserOption,
    db: DbOption = None,
) -> None:
    """Start a trust audit campaign (managers and admins) and invite who answers."""
    from trustworks.ledger.campaigns import create_campaign

    opens_on, closes_on = parse_date(opens, "--opens"), parse_date(closes, "--closes")
    assert opens_on is not None and closes_on is not None
    ledger = open_db(db)
    with ledger.session() as session:
        scope = _signed_in(session, user)
        row = create_campaign(session, scope, org, audience, opens_on, closes_on, invite)
        shown = (row.id, row.organisation)
    asked = counted(len(invite), "invitation")
    typer.echo(f"started trust audit campaign {shown[0]} for {shown[1]} ({asked})")


@audit_app.command("campaigns")
def audit_campaigns_command(as_json: JsonOption = False, db: DbOption = None) -> None:
    """List the campaigns: their terms and how many answered (never who answered what)."""
    from rich.table import Table

    from trustworks.ledger.campaigns import campaigns_for

    ledger = open_db(db)
    with ledger.session() as session:
        views = campaigns_for(session, _everyone(), _today())
    rows = [
        {
            "id": v.id,
            "organisation": v.organisation,
            "audience": v.audience,
            "opens_on": v.opens_on.isoformat(),
            "closes_on": v.closes_on.isoformat(),
            "state": v.state,
            "invited": v.invited,
            "answered": v.answered,
        }
        for v in views
    ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        typer.echo("no trust audit campaign yet: a manager or admin starts one (audit start)")
        return
    table = Table(
        "id", "organisation", "audience", "open", "answered", title="Trust audit campaigns"
    )
    for r in rows:
        table.add_row(
            str(r["id"]),
            str(r["organisation"]),
            str(r["audience"]),
            f"{r['opens_on']} to {r['closes_on']} ({r['state']})",
            f"{r['answered']} of {r['invited']}",
        )
    _console().print(table)


@audit_app.command("answer")
def audit_answer_command(
    campaign: CampaignOption,
    user: UserOption,
    answers: AnswersOption = None,
    db: DbOption = None,
) -> None:
    """Answer a campaign you are invited to (every item); again to change your answers until
    it closes. Only you can read them."""
    from trustworks.assess import audit_questionnaire
    from trustworks.ledger.campaigns import answer_campaign

    q = audit_questionnaire()
    ledger = open_db(db)
    with ledger.session() as session:
        scope = _signed_in(session, user)  # before the questions: a wrong password asks none
    given, source = _answers(q, answers)
    with ledger.session() as session:
        answer_campaign(session, scope, campaign, given, _today(), q, source)
    typer.echo(f"recorded your answers to trust audit campaign {campaign}; only you can read them")


@audit_app.command("my-answers")
def audit_my_answers_command(
    campaign: CampaignOption, user: UserOption, as_json: JsonOption = False, db: DbOption = None
) -> None:
    """Your own answers to a campaign (nobody can read anyone else's)."""
    from trustworks.ledger.campaigns import my_answers

    ledger = open_db(db)
    with ledger.session() as session:
        mine = my_answers(session, _signed_in(session, user), campaign)
    if as_json:
        print_json({"answers": mine})
        return
    if mine is None:
        typer.echo(f"you have not answered trust audit campaign {campaign}")
        return
    for item, option in mine.items():
        typer.echo(f"{item} = {option}")


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
        f"[/bold]/100 from {counted(people, 'anonymous answer')}"
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
        history = Table("closed", "answers", "score", title="Campaigns", title_justify="left")
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
    campaign: CampaignOption,
    top: Annotated[int, typer.Option(min=1, help="Show this many costliest items.")] = 5,
    chart: ChartOption = None,
    chart_kind: Annotated[
        str, typer.Option("--chart-kind", help=f"Which chart: {', '.join(AUDIT_CHARTS)}.")
    ] = "items",
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """A campaign's trusting score in aggregate (once it has closed with at least five
    answers), what costs most, spread and change since the previous campaign."""
    from trustworks.ledger.campaigns import campaign_report
    from trustworks.report.assessment_charts import audit_figure
    from trustworks.report.assessments import audit_document
    from trustworks.report.figures import save_figure

    ledger = open_db(db)
    with ledger.session() as session:
        found = campaign_report(session, _everyone(), campaign, _today())
    report = found.report
    if chart is not None and report is not None:
        typer.echo(f"wrote {save_figure(audit_figure(report, chart_kind), chart)}", err=True)
    if as_json:
        document = audit_document(report, top) if report is not None else None
        print_json({"campaign": campaign, "report": document, "why_not": found.why_not})
    elif report is None:
        typer.echo(f"no report of trust audit campaign {campaign} yet: {found.why_not}")
    else:
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
