"""The training story exchange: programmes and lessons, participants' stories of applying them,
comments and follow-up questions, sales attributed to the training, nudges and the report.

from trustworks.stories import add_programme, enrol, add_story, programme_report
with ledger.session() as session:
    p = add_programme(session, "Trusted Advisor 2026", "2026-03-31", lessons=["Listen first"])
    enrol(session, p.id, "Dana Whitfield")
    add_story(session, p.id, "Dana Whitfield", "Listen first", situation="...", action="...",
              outcome="...", happened_on="2026-04-10", success=True)
    report = programme_report(session, p.id)

Storing and reading programmes, stories and attributions is `trustworks.ledger.programmes`,
`trustworks.ledger.stories` and `trustworks.ledger.attributions`, re-exported here so one import
serves; a bad value, unknown name or duplicate raises FieldError, NotFoundError or ConflictError
before anything is kept. This package computes from what is stored: the report, nudges and
prompt of the week, charts, HTML/PDF export and who may see what.
"""

from __future__ import annotations

from trustworks.ledger.attributions import AttributionRecord, attribute, attributions
from trustworks.ledger.programmes import (
    LessonInfo,
    ParticipantInfo,
    ProgrammeInfo,
    add_lesson,
    add_programme,
    enrol,
    find_programme,
    list_programmes,
    participant_for_user,
    programme_info,
    programmes_of_user,
)
from trustworks.ledger.stories import (
    CommentRecord,
    QuestionRecord,
    StoryRecord,
    add_comment,
    add_story,
    answer_question,
    ask_question,
    find_story,
    list_stories,
    open_questions,
    story_record,
)
from trustworks.stories.charts import CHARTS, chart_bytes, save_chart
from trustworks.stories.export import report_html, report_pdf, write_html, write_pdf
from trustworks.stories.nudges import (
    ATTRIBUTION_EVERY_DAYS,
    SILENT_AFTER_DAYS,
    Due,
    Nudges,
    Prompt,
    attribution_due,
    nudges,
    prompt_of_the_week,
    without_story,
)
from trustworks.stories.report import (
    FirstStory,
    LessonLine,
    MonthRevenue,
    ProgrammeReport,
    programme_report,
)

__all__ = [
    "ATTRIBUTION_EVERY_DAYS",
    "CHARTS",
    "SILENT_AFTER_DAYS",
    "AttributionRecord",
    "CommentRecord",
    "Due",
    "FirstStory",
    "LessonInfo",
    "LessonLine",
    "MonthRevenue",
    "Nudges",
    "ParticipantInfo",
    "ProgrammeInfo",
    "ProgrammeReport",
    "Prompt",
    "QuestionRecord",
    "StoryRecord",
    "add_comment",
    "add_lesson",
    "add_programme",
    "add_story",
    "answer_question",
    "ask_question",
    "attribute",
    "attribution_due",
    "attributions",
    "chart_bytes",
    "enrol",
    "find_programme",
    "find_story",
    "list_programmes",
    "list_stories",
    "nudges",
    "open_questions",
    "participant_for_user",
    "programme_info",
    "programme_report",
    "programmes_of_user",
    "prompt_of_the_week",
    "report_html",
    "report_pdf",
    "save_chart",
    "story_record",
    "without_story",
    "write_html",
    "write_pdf",
]
