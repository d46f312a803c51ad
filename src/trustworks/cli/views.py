"""`trustworks client`, `trustworks today` and `trustworks alerts`: thin shells over the
ledger's client view, daily review and rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from trustworks.cli.app import app
from trustworks.cli.common import parse_date, plain, print_json
from trustworks.cli.db import DbOption, open_db
from trustworks.errors import FieldError
from trustworks.plural import counted

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text
    from sqlalchemy.orm import Session

    from trustworks.ledger.client_view import ClientView
    from trustworks.ledger.rules import Alert, SellerReliability
    from trustworks.ledger.today import DayReview, InteractionItem, ReviewMark

# The ledger and Rich are imported inside the commands: `--help` needs neither.

T = TypeVar("T")

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date", help="The day to look from, YYYY-MM-DD (default today).", show_default=False
    ),
]
SellerOption = Annotated[
    str | None,
    typer.Option("--seller", help="Only this seller's accounts, promises and conversations."),
]
SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}


@app.command("client")
def client_command(
    account: Annotated[str, typer.Argument(help="The account's id or name.")],
    date: DateOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """The account from the client's side: goals, value received, promises, risks, trust."""
    from trustworks.ledger.client_view import client_view

    day = parse_date(date, "--date") or dt.date.today()
    view = _in_session(db, lambda s: client_view(s, account, day))
    if as_json:
        print_json(view)
    else:
        _render_client(view)


@app.command("today")
def today_command(
    seller: SellerOption = None,
    date: DateOption = None,
    done: Annotated[bool, typer.Option("--done", help="Mark the day reviewed.")] = False,
    notes: Annotated[str | None, typer.Option(help="Notes on the day (with --done).")] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """The day's agenda and end-of-day review, with the streak of days reviewed."""
    from trustworks.ledger.today import daily_review, record_review

    day = parse_date(date, "--date") or dt.date.today()
    if done and not seller:
        raise FieldError("--seller", "needed with --done: whose day was reviewed?")
    if notes is not None and not done:
        raise FieldError("--notes", "only goes with --done")

    def run(session: Session) -> tuple[ReviewMark | None, DayReview]:
        mark = record_review(session, seller, day, notes) if done and seller else None
        return mark, daily_review(session, day, seller)

    mark, review = _in_session(db, run, write=done)
    if as_json:
        print_json({"marked": mark, **plain(review)})
    else:
        _render_today(review, mark)


@app.command("alerts")
def alerts_command(
    seller: SellerOption = None,
    date: DateOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Every alert the ledger's rules raise, most severe first, and each seller's reliability."""
    from trustworks.ledger.rules import alerts, reliability

    day = parse_date(date, "--date") or dt.date.today()
    found, record = _in_session(
        db, lambda s: (alerts(s, day, seller), reliability(s, day, seller=seller))
    )
    if as_json:
        print_json({"date": day, "seller": seller, "alerts": found, "reliability": record})
    else:
        _render_alerts(day, seller, found, record)


def _in_session(db: str | None, work: Callable[[Session], T], *, write: bool = False) -> T:
    with _ledger_session(db, write=write) as session:
        return work(session)


@contextmanager
def _ledger_session(db: str | None, *, write: bool) -> Iterator[Session]:
    # A read never waits for (or blocks) another process's write, and works read-only.
    ledger = open_db(db)
    try:
        with ledger.session() if write else ledger.reading() as session:
            yield session
    finally:
        ledger.close()


# Rendering ---------------------------------------------------------------------------------


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def _table(title: str, *columns: str) -> Table:
    from rich.table import Table

    return Table(*columns, title=title, title_justify="left", title_style="bold")


def _section(title: str, rows: Sequence[Sequence[Any]], *columns: str) -> RenderableType:
    from rich.text import Text

    if not rows:
        return Text(f"{title}: none", style="dim")
    table = _table(title, *columns)
    for row in rows:
        table.add_row(*(_cell(v) for v in row))
    return table


def _cell(value: Any) -> Text:
    from rich.text import Text

    if isinstance(value, Text):
        return value
    if value is None:
        return Text("")
    if isinstance(value, bool):
        return Text("yes" if value else "no")
    if isinstance(value, float):
        return Text(f"{value:.2f}")
    return Text(str(value))


ALERT_COLUMNS = ("severity", "account", "alert", "ref")


def _alert_rows(found: Sequence[Alert], *, with_seller: bool = False) -> list[list[Any]]:
    from rich.text import Text

    rows = []
    for a in found:
        what = Text.assemble((a.rule.replace("_", " "), "bold"), "\n", a.message)
        row = [Text(a.severity, style=SEVERITY_STYLE[a.severity]), a.account, what, a.ref]
        rows.append([*row, a.seller] if with_seller else row)
    return rows


def _render_alerts(
    day: dt.date, seller: str | None, found: list[Alert], record: list[SellerReliability]
) -> None:
    console = _console()
    if not found:
        console.print(f"No alerts on {day}.")
    else:
        title = f"{counted(len(found), 'alert')} on {day}"
        # Filtered by seller, the seller column would repeat one name.
        columns = ALERT_COLUMNS if seller else (*ALERT_COLUMNS, "seller")
        console.print(_section(title, _alert_rows(found, with_seller=not seller), *columns))
    rates = [
        [r.seller, r.kept, r.missed, r.overdue, "no record" if r.rate is None else f"{r.rate:.0%}"]
        for r in record
    ]
    console.print(
        _section(
            "Reliability (our promises)", rates, "seller", "kept", "missed", "overdue", "kept / due"
        )
    )


def _render_client(view: ClientView) -> None:
    from rich.console import Group
    from rich.markup import escape
    from rich.panel import Panel
    from rich.text import Text

    console = _console()
    owner = f", looked after by {escape(view.owner)}" if view.owner else ""
    console.print(
        Panel(
            f"[bold]{escape(view.account)}[/bold]{owner}\nAs of {view.today}; "
            + (
                "too few analysed conversations to tell how trust is moving."
                if view.trust_direction == "unknown"
                else f"trust is [bold]{view.trust_direction}[/bold] across analysed conversations."
            ),
            title="The empty chair",
            title_align="left",
        )
    )
    goals = [[g.description, g.status, g.noted_on] for g in view.goals]
    received = [[r.on, r.kind.replace("_", " "), r.what, r.ref] for r in view.received]
    promises = [
        [
            p.what,
            p.by,
            p.due or "no date",
            Text(f"{counted(p.days_overdue, 'day')} overdue", style="bold red")
            if p.overdue
            else "",
        ]
        for p in view.open_promises
    ]
    risks = [
        [r.kind.replace("_", " "), r.description, r.taken_on, counted(r.days_waiting, "day")]
        for r in view.risks_they_carry
    ]
    reflections = [
        [
            r.occurred_on,
            r.good_use_of_time,
            r.felt_respected,
            r.gave_value,
            r.world_better,
            r.learned_about_goals or r.notes,
        ]
        for r in view.reflections
    ]
    trend = [
        [p.on, p.trust, p.credibility, p.reliability, p.intimacy, p.self_orientation]
        for p in view.trust_trend
    ]
    console.print(
        Group(
            _section("Their goals", goals, "goal", "status", "noted"),
            _section("What they have received", received, "on", "kind", "what", "ref"),
            _section("Open promises to them", promises, "what", "by", "due", ""),
            _section("Risks they carry", risks, "kind", "what", "taken", "waiting"),
            _section(
                "Latest reflections",
                reflections,
                "conversation",
                "good use of time",
                "respected",
                "value",
                "world better",
                "learned",
            ),
            _section("Trust", trend, "on", "trust", "C", "R", "I", "S"),
        )
    )


def _render_today(review: DayReview, mark: ReviewMark | None) -> None:
    from rich.console import Group
    from rich.markup import escape
    from rich.text import Text

    console = _console()
    who = f" for {escape(review.seller)}" if review.seller else ""
    console.print(f"[bold]Daily review, {review.day}{who}[/bold]")
    if mark is not None:
        done = "marked reviewed" if mark.created else "was already marked reviewed"
        console.print(f"{mark.day} {done} for {escape(mark.seller)}.")
    screenings = [
        [
            s.id,
            s.account,
            "willing" if s.willing else "screened out",
            s.review_on,
            "today" if s.days_past == 0 else f"{counted(s.days_past, 'day')} ago",
        ]
        for s in review.screenings_due
    ]
    commitments = [
        [
            c.id,
            c.account,
            "ours" if c.side == "us" else "theirs",
            c.by,
            c.what,
            c.due,
            Text(f"{counted(c.days_overdue, 'day')} overdue", style="bold red")
            if c.overdue
            else "today",
        ]
        for c in review.commitments_due
    ]

    console.print(
        Group(
            _section(
                "Screening reviews due", screenings, "id", "account", "decision", "review", "due"
            ),
            _section("Dropped leads", _alert_rows(review.dropped_leads), *ALERT_COLUMNS),
            _section(
                "Commitments due", commitments, "id", "account", "side", "by", "what", "due", ""
            ),
            _section(
                "Today's conversations",
                [[*_conversation(i), i.reflected, i.trust] for i in review.interactions_today],
                *CONVERSATION_COLUMNS,
                "reflected",
                "trust",
            ),
            _section(
                "Without a reflection",
                [_conversation(i) for i in review.unreflected],
                *CONVERSATION_COLUMNS,
            ),
        )
    )
    if review.streak is not None:
        state = "reviewed" if review.reviewed else "not reviewed yet"
        plural = "s" if review.streak != 1 else ""
        console.print(f"{review.day} {state}; streak: {review.streak} day{plural}.")


# The id is what `trustworks reflect ID` and `ledger edit interaction ID` take.
CONVERSATION_COLUMNS = ("id", "on", "account", "conversation", "seller")


def _conversation(item: InteractionItem) -> list[Any]:
    what = f"{item.purpose.replace('_', ' ')} {item.channel}"
    return [item.id, item.occurred_on, item.account, what, item.seller]
