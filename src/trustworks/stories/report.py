"""The report on a programme: stories per lesson, which lessons produce successes and which
none, the revenue attributed (with the sales behind it) and how soon participants shared."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trustworks.ledger import tables as t
from trustworks.ledger.attributions import AttributionRecord, attributions
from trustworks.ledger.programmes import find_programme, lessons_of, participants_of

__all__ = ["FirstStory", "LessonLine", "MonthRevenue", "ProgrammeReport", "programme_report"]


@dataclass(frozen=True)
class LessonLine:
    """One lesson's stories: how many, how many were successes, from how many participants."""

    lesson_id: int
    position: int
    title: str
    stories: int
    successes: int
    tellers: int


@dataclass(frozen=True)
class MonthRevenue:
    """Revenue attributed in one month of sales (YYYY-MM), and the running total."""

    month: str
    attributed: Decimal
    cumulative: Decimal


@dataclass(frozen=True)
class FirstStory:
    """How many days after the programme ended a participant's first story happened."""

    participant: str
    first_on: dt.date
    days: int


@dataclass(frozen=True)
class ProgrammeReport:
    """Everything the programme report says, computed from the ledger."""

    programme_id: int
    programme: str
    started_on: dt.date | None
    ended_on: dt.date
    participants: int
    stories: int
    successes: int
    lessons: tuple[LessonLine, ...]  # in the programme's order
    attributions: tuple[AttributionRecord, ...]  # oldest sale first
    revenue: Decimal  # the sum of amount x share, to the cent
    sales: Decimal  # the sum of the amounts
    by_month: tuple[MonthRevenue, ...]
    first_stories: tuple[FirstStory, ...]  # quickest first
    median_days_to_first: float | None
    without_story: tuple[str, ...]

    @property
    def working(self) -> tuple[LessonLine, ...]:
        """Lessons with at least one success story: what to keep in the next design."""
        return tuple(x for x in self.lessons if x.successes > 0)

    @property
    def not_working(self) -> tuple[LessonLine, ...]:
        """Lessons with no success story (perhaps no story at all): what to rethink."""
        return tuple(x for x in self.lessons if x.successes == 0)

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready values (dates left as dates), with the derived lists."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["lessons"] = [asdict(x) for x in self.lessons]
        data["attributions"] = [
            {**asdict(a), "attributed": a.attributed} for a in self.attributions
        ]
        data["by_month"] = [asdict(m) for m in self.by_month]
        data["first_stories"] = [asdict(f) for f in self.first_stories]
        data["without_story"] = list(self.without_story)
        data["working"] = [x.title for x in self.working]
        data["not_working"] = [x.title for x in self.not_working]
        return data


def _months(records: list[AttributionRecord]) -> tuple[MonthRevenue, ...]:
    totals: dict[str, Decimal] = {}
    for r in records:  # oldest first, so months come in order
        key = r.sold_on.strftime("%Y-%m")
        totals[key] = totals.get(key, Decimal(0)) + r.attributed
    running, months = Decimal(0), []
    for month, value in totals.items():
        running += value
        months.append(MonthRevenue(month, value, running))
    return tuple(months)


def programme_report(session: Session, programme: int | str) -> ProgrammeReport:
    """The report on one programme."""
    owner = find_programme(session, programme)
    stories = session.execute(
        select(t.Story.lesson_id, t.Story.participant_id, t.Story.success, t.Story.happened_on)
        .where(t.Story.programme_id == owner.id)
        .order_by(t.Story.happened_on, t.Story.id)
    ).all()
    counts = Counter(s.lesson_id for s in stories)
    wins = Counter(s.lesson_id for s in stories if s.success)
    tellers: dict[int, set[int]] = {}
    for s in stories:
        tellers.setdefault(s.lesson_id, set()).add(s.participant_id)
    lessons = tuple(
        LessonLine(x.id, x.position, x.title, counts[x.id], wins[x.id], len(tellers.get(x.id, ())))
        for x in lessons_of(session, owner)
    )
    first: dict[int, dt.date] = {}
    for s in stories:
        first.setdefault(s.participant_id, s.happened_on)
    people = participants_of(session, owner)
    firsts = sorted(
        (
            FirstStory(p.name, first[p.id], (first[p.id] - owner.ended_on).days)
            for p in people
            if p.id in first
        ),
        key=lambda f: (f.days, f.participant.casefold()),
    )
    records = attributions(session, owner.id)
    return ProgrammeReport(
        programme_id=owner.id,
        programme=owner.name,
        started_on=owner.started_on,
        ended_on=owner.ended_on,
        participants=len(people),
        stories=len(stories),
        successes=sum(wins.values()),
        lessons=lessons,
        attributions=tuple(records),
        revenue=sum((r.attributed for r in records), Decimal("0.00")),
        sales=sum((r.amount for r in records), Decimal("0.00")),
        by_month=_months(records),
        first_stories=tuple(firsts),
        median_days_to_first=float(statistics.median(f.days for f in firsts)) if firsts else None,
        without_story=tuple(p.name for p in people if p.id not in first),
    )
