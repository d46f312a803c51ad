"""`trustworks programme|story|attribute|nudges|report ...`: thin shells over trustworks.stories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from trustworks.cli.app import app
from trustworks.cli.choices import ATTRIBUTION_EVERY_DAYS, SILENT_AFTER_DAYS, STORY_CHARTS
from trustworks.cli.common import parse_date, print_json
from trustworks.cli.db import DbOption, open_db
from trustworks.errors import FieldError
from trustworks.plural import counted

if TYPE_CHECKING:
    from rich.console import Console

    from trustworks.stories import ProgrammeInfo, ProgrammeReport, StoryRecord

# trustworks.stories (the ledger, matplotlib, the PDF writer) and Rich are imported inside the
# commands: `--help` needs none of them.

programme_app = typer.Typer(
    help="Training programmes: their lessons and participants.", no_args_is_help=True
)
story_app = typer.Typer(
    help="Participants' stories of applying a lesson, comments and follow-up questions.",
    no_args_is_help=True,
)
report_app = typer.Typer(help="Shareable reports.", no_args_is_help=True)
app.add_typer(programme_app, name="programme")
app.add_typer(story_app, name="story")
app.add_typer(report_app, name="report")

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
ProgrammeArg = Annotated[str, typer.Argument(help="The programme's id or name.")]
TodayOption = Annotated[
    str | None, typer.Option("--today", help="The day to reckon from (YYYY-MM-DD); default today.")
]


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def _date(value: str | None, option: str) -> dt.date:
    return parse_date(value, option) or dt.date.today()


def _show_programme(info: ProgrammeInfo) -> None:
    from rich.markup import escape
    from rich.table import Table

    console = _console()
    start = f"{info.started_on.isoformat()} to " if info.started_on else "ended "
    console.print(
        f"[bold]{escape(info.name)}[/bold] (id {info.id}), {start}{info.ended_on.isoformat()}"
    )
    if info.description:
        console.print(escape(info.description))
    lessons = Table("#", "id", "lesson", title="Lessons", title_justify="left")
    for x in info.lessons:
        lessons.add_row(str(x.position), str(x.id), escape(x.title))
    console.print(lessons)
    people = Table(
        "id", "participant", "web user", "enrolled", title="Participants", title_justify="left"
    )
    for p in info.participants:
        people.add_row(
            str(p.id), escape(p.name), escape(p.username or ""), p.enrolled_on.isoformat()
        )
    console.print(people)


@programme_app.command("add")
def programme_add_command(
    name: Annotated[str, typer.Argument(help="The programme's name (unique).")],
    ends: Annotated[str, typer.Option("--ends", help="The day it ended (YYYY-MM-DD).")],
    starts: Annotated[str | None, typer.Option("--starts", help="The day it started.")] = None,
    description: Annotated[str | None, typer.Option("--description")] = None,
    lesson: Annotated[
        list[str] | None, typer.Option("--lesson", help="A lesson, in order (repeat).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Add a programme, perhaps with its lessons."""
    from trustworks.stories import add_programme

    ended = parse_date(ends, "--ends")
    assert ended is not None
    with open_db(db).session() as session:
        row = add_programme(
            session,
            name,
            ended,
            started_on=parse_date(starts, "--starts"),
            description=description,
            lessons=lesson or [],
        )
        saved = (row.id, row.name, len(lesson or []))
    typer.echo(f"added programme {saved[0]} {saved[1]!r} with {counted(saved[2], 'lesson')}")


@programme_app.command("lesson")
def programme_lesson_command(
    programme: ProgrammeArg,
    title: Annotated[str, typer.Argument(help="The lesson's title.")],
    description: Annotated[str | None, typer.Option("--description")] = None,
    db: DbOption = None,
) -> None:
    """Add a lesson at the end of a programme."""
    from trustworks.stories import add_lesson

    with open_db(db).session() as session:
        row = add_lesson(session, programme, title, description)
        saved = (row.id, row.position)
    typer.echo(f"added lesson {saved[0]} (number {saved[1]})")


@programme_app.command("enrol")
def programme_enrol_command(
    programme: ProgrammeArg,
    names: Annotated[list[str], typer.Argument(help="Participants' names.")],
    user: Annotated[
        str | None, typer.Option("--user", help="The web user who posts as the (one) participant.")
    ] = None,
    on: Annotated[str | None, typer.Option("--on", help="Enrolled on (YYYY-MM-DD).")] = None,
    db: DbOption = None,
) -> None:
    """Enrol participants (all or none); each is linked to the web user with their name."""
    from trustworks.stories import enrol

    if user is not None and len(names) != 1:
        raise FieldError("--user", "links one participant: give exactly one name")
    day = _date(on, "--on")
    with open_db(db).session() as session:
        rows = [enrol(session, programme, n, username=user, on=day) for n in names]
        saved = [(r.id, r.name) for r in rows]
    for number, name in saved:
        typer.echo(f"enrolled {name} (participant {number})")


@programme_app.command("list")
def programme_list_command(as_json: JsonOption = False, db: DbOption = None) -> None:
    """Every programme, newest first."""
    from rich.markup import escape
    from rich.table import Table

    from trustworks.stories import list_programmes

    with open_db(db).session() as session:
        found = list_programmes(session)
    if as_json:
        print_json(found)
        return
    table = Table("id", "programme", "ended", "lessons", "participants")
    for p in found:
        table.add_row(
            str(p.id),
            escape(p.name),
            p.ended_on.isoformat(),
            str(len(p.lessons)),
            str(len(p.participants)),
        )
    _console().print(table)


@programme_app.command("show")
def programme_show_command(
    programme: ProgrammeArg, as_json: JsonOption = False, db: DbOption = None
) -> None:
    """A programme's lessons and participants."""
    from trustworks.stories import programme_info

    with open_db(db).session() as session:
        info = programme_info(session, programme)
    if as_json:
        print_json(info)
    else:
        _show_programme(info)


@story_app.command("add")
def story_add_command(
    programme: ProgrammeArg,
    participant: Annotated[str, typer.Option("--participant", help="Who tells it.")],
    lesson: Annotated[str, typer.Option("--lesson", help="The lesson applied (id or title).")],
    situation: Annotated[str, typer.Option("--situation", help="The situation.")],
    did: Annotated[str, typer.Option("--did", help="What they did.")],
    happened: Annotated[str, typer.Option("--happened", help="What happened.")],
    on: Annotated[str, typer.Option("--on", help="When (YYYY-MM-DD).")],
    success: Annotated[
        bool, typer.Option("--success/--no-success", help="Did it work? (a success story)")
    ] = False,
    db: DbOption = None,
) -> None:
    """Share a story of applying a lesson."""
    from trustworks.stories import add_story

    with open_db(db).session() as session:
        row = add_story(
            session,
            programme,
            participant,
            lesson,
            situation=situation,
            action=did,
            outcome=happened,
            happened_on=parse_date(on, "--on"),
            success=success,
        )
        saved = row.id
    typer.echo(f"recorded story {saved}")


def _story_json(s: StoryRecord) -> dict[str, Any]:
    return {
        "id": s.id,
        "programme": s.programme,
        "lesson": s.lesson,
        "participant": s.participant,
        "situation": s.situation,
        "action": s.action,
        "outcome": s.outcome,
        "success": s.success,
        "happened_on": s.happened_on,
        "comments": s.comments,
        "questions": s.questions,
    }


@story_app.command("list")
def story_list_command(
    programme: ProgrammeArg,
    lesson: Annotated[str | None, typer.Option("--lesson")] = None,
    participant: Annotated[str | None, typer.Option("--participant")] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """A programme's stories, newest first."""
    from rich.markup import escape

    from trustworks.stories import list_stories

    with open_db(db).session() as session:
        found = list_stories(session, programme, lesson=lesson, participant=participant)
    if as_json:
        print_json([_story_json(s) for s in found])
        return
    console = _console()
    if not found:
        console.print("No stories yet.")
    for s in found:
        mark = "[green]success[/green]" if s.success else "[dim]no success[/dim]"
        console.print(
            f"\n[bold]#{s.id}[/bold] {s.happened_on.isoformat()} {escape(s.participant)}, "
            f"[italic]{escape(s.lesson)}[/italic] ({mark})"
        )
        console.print(
            f"  situation: {escape(s.situation)}\n  did: {escape(s.action)}\n"
            f"  happened: {escape(s.outcome)}"
        )
        for c in s.comments:
            console.print(f"  [dim]{escape(c.author)}:[/dim] {escape(c.body)}")
        for q in s.questions:
            console.print(
                f"  [dim]Q{q.id} {escape(q.asked_by)}:[/dim] {escape(q.question)}"
                f" -> {escape(q.answer) if q.answer else '[yellow]open[/yellow]'}"
            )


@story_app.command("comment")
def story_comment_command(
    story: Annotated[int, typer.Argument(help="The story's id.")],
    text: Annotated[str, typer.Argument(help="The comment.")],
    author: Annotated[str, typer.Option("--author", help="Who comments.")],
    db: DbOption = None,
) -> None:
    """Comment on a story."""
    from trustworks.stories import add_comment

    with open_db(db).session() as session:
        row = add_comment(session, story, author, text)
        saved = row.id
    typer.echo(f"added comment {saved}")


@story_app.command("ask")
def story_ask_command(
    story: Annotated[int, typer.Argument(help="The story's id.")],
    question: Annotated[str, typer.Argument(help="The follow-up question.")],
    by: Annotated[str, typer.Option("--by", help="Who asks.")],
    db: DbOption = None,
) -> None:
    """Ask a story's teller a follow-up question, to tease more of it out."""
    from trustworks.stories import ask_question

    with open_db(db).session() as session:
        row = ask_question(session, story, by, question)
        saved = row.id
    typer.echo(f"asked question {saved}")


@story_app.command("answer")
def story_answer_command(
    question: Annotated[int, typer.Argument(help="The question's id.")],
    text: Annotated[str, typer.Argument(help="The answer.")],
    db: DbOption = None,
) -> None:
    """Answer a follow-up question on your story."""
    from trustworks.stories import answer_question

    with open_db(db).session() as session:
        answer_question(session, question, text)
    typer.echo(f"answered question {question}")


@story_app.command("questions")
def story_questions_command(
    programme: ProgrammeArg, as_json: JsonOption = False, db: DbOption = None
) -> None:
    """A programme's open follow-up questions, oldest first."""
    from rich.markup import escape
    from rich.table import Table

    from trustworks.stories import open_questions

    with open_db(db).session() as session:
        found = open_questions(session, programme)
    if as_json:
        print_json(found)
        return
    table = Table("id", "story", "participant", "asked", "by", "question")
    for q in found:
        table.add_row(
            str(q.id),
            str(q.story_id),
            escape(q.participant),
            q.asked_on.isoformat(),
            escape(q.asked_by),
            escape(q.question),
        )
    _console().print(table if found else "No open questions.")


@app.command("attribute")
def attribute_command(
    programme: ProgrammeArg,
    participant: Annotated[str, typer.Option("--participant", help="Who made the sale.")],
    client: Annotated[str, typer.Option("--client", help="Who bought.")],
    amount: Annotated[str, typer.Option("--amount", help="The sale's amount (0 or more).")],
    share: Annotated[str, typer.Option("--share", help="Percent owed to the training, 0-100.")],
    sold_on: Annotated[str, typer.Option("--sold-on", help="The sale's date (YYYY-MM-DD).")],
    reason: Annotated[str, typer.Option("--reason", help="Why that share, in a sentence.")],
    db: DbOption = None,
) -> None:
    """Attribute a share of a sale to a training programme."""
    from trustworks.ledger.attributions import credited
    from trustworks.stories import attribute

    with open_db(db).session() as session:
        row = attribute(
            session,
            programme,
            participant,
            client=client,
            amount=amount,
            share=share,
            sold_on=sold_on,
            reason=reason,
        )
        saved = (row.id, credited(row.amount, row.share))
    typer.echo(f"recorded attribution {saved[0]}: {saved[1]:,.2f} attributed to the training")


@app.command("nudges")
def nudges_command(
    programme: ProgrammeArg,
    today: TodayOption = None,
    after_days: Annotated[
        int, typer.Option("--after-days", min=0, help="Days after the end before nudging.")
    ] = SILENT_AFTER_DAYS,
    every_days: Annotated[
        int, typer.Option("--every-days", min=1, help="Days between attribution requests.")
    ] = ATTRIBUTION_EVERY_DAYS,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Who to nudge: no story yet, an attribution due, open questions; and the week's prompt."""
    from rich.markup import escape

    from trustworks.stories import nudges

    day = _date(today, "--today")
    with open_db(db).session() as session:
        found = nudges(session, programme, day, after_days=after_days, every_days=every_days)
    if as_json:
        print_json(found)
        return
    console = _console()
    console.print(f"[bold]{escape(found.programme)}[/bold], {day.isoformat()}")
    if found.prompt:
        console.print(f"Prompt of week {found.prompt.iso_week}: {escape(found.prompt.text)}")
    console.print(
        "No story yet: "
        + (
            ", ".join(f"{escape(d.participant)} ({d.days} d)" for d in found.without_story)
            or "nobody"
        )
    )
    console.print(
        "Ask for an attribution: "
        + (
            ", ".join(f"{escape(d.participant)} ({d.days} d)" for d in found.attribution_due)
            or "nobody"
        )
    )
    console.print(f"Open questions: {len(found.open_questions)}")
    for q in found.open_questions:
        console.print(
            f"  Q{q.id} to {escape(q.participant)} on story {q.story_id}: {escape(q.question)}"
        )


def _render_report(report: ProgrammeReport) -> None:
    from rich.markup import escape
    from rich.table import Table

    from trustworks.stories.export import report_lines

    console = _console()
    console.print(f"[bold]{escape(report.programme)}[/bold] (ended {report.ended_on.isoformat()})")
    table = Table(
        "#",
        "lesson",
        "stories",
        "successes",
        "participants",
        "next design",
        title="Stories per lesson",
        title_justify="left",
    )
    for x in report.lessons:
        table.add_row(
            str(x.position),
            escape(x.title),
            str(x.stories),
            str(x.successes),
            str(x.tellers),
            "keep" if x.successes else "[red]rethink[/red]",
        )
    console.print(table)
    if report.attributions:
        sales = Table(
            "sold on",
            "participant",
            "client",
            "amount",
            "share",
            "attributed",
            title="Revenue attributed",
            title_justify="left",
        )
        for a in report.attributions:
            sales.add_row(
                a.sold_on.isoformat(),
                escape(a.participant),
                escape(a.client),
                f"{a.amount:,.2f}",
                f"{a.share:g} %",
                f"{a.attributed:,.2f}",
            )
        console.print(sales)
    for line in report_lines(report):
        console.print(escape(line))


@report_app.command("programme")
def report_programme_command(
    programme: ProgrammeArg,
    html: Annotated[
        Path | None, typer.Option("--html", help="Write a self-contained HTML report here.")
    ] = None,
    pdf: Annotated[Path | None, typer.Option("--pdf", help="Write a PDF report here.")] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """A programme's report: stories per lesson, what works, revenue attributed, timeliness."""
    from trustworks.stories import programme_report, write_html, write_pdf

    with open_db(db).session() as session:
        report = programme_report(session, programme)
    if html is not None:
        write_html(report, html)
        typer.echo(f"wrote {html}", err=as_json)
    if pdf is not None:
        write_pdf(report, pdf)
        typer.echo(f"wrote {pdf}", err=as_json)
    if as_json:
        print_json(report.as_dict())
    elif html is None and pdf is None:
        _render_report(report)


@report_app.command("chart")
def report_chart_command(
    programme: ProgrammeArg,
    chart: Annotated[str, typer.Argument(help=f"Which chart: {', '.join(STORY_CHARTS)}.")],
    output: Annotated[Path, typer.Argument(help="The file to write: .png, .svg or .pdf.")],
    db: DbOption = None,
) -> None:
    """Export one of a programme's charts as PNG, SVG or PDF."""
    from trustworks.stories import programme_report, save_chart

    with open_db(db).session() as session:
        report = programme_report(session, programme)
    save_chart(report, chart, output)
    typer.echo(f"wrote {output}")
