from __future__ import annotations

import pytest

from trustworks.analysis.questions import count_questions


@pytest.mark.parametrize(
    ("text", "open_", "closed"),
    [
        ("What is driving the churn?", 1, 0),
        ("So, how do you measure it today", 1, 0),
        ("Tell me more about the onboarding steps", 1, 0),
        ("Walk me through a typical week.", 1, 0),
        ("Do you have a budget for this?", 0, 1),
        ("We can do that. Is Tuesday okay?", 0, 1),
        ("Right? And what would success look like?", 1, 1),
        ("Our platform reduces churn.", 0, 0),
        ("Can do.", 0, 0),
        ("What.", 0, 0),
        ("", 0, 0),
    ],
)
def test_count_questions_open_and_closed(text: str, open_: int, closed: int) -> None:
    counted = count_questions(text)
    assert (counted.open, counted.closed) == (open_, closed)


def test_count_questions_first_at_points_into_the_question() -> None:
    text = "We can do that. Is Tuesday okay?"
    counted = count_questions(text)
    assert counted.first_at is not None
    assert text[counted.first_at :].strip().startswith("Is Tuesday")
