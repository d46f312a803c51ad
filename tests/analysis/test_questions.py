from __future__ import annotations

import pytest

from trustworks.analysis import questions
from trustworks.analysis.questions import count_questions


@pytest.mark.parametrize(
    ("text", "open_", "closed"),
    [
        ("What is driving the churn?", 1, 0),
        ("So, how do you measure it today", 1, 0),
        ("Tell me more about the onboarding steps", 1, 0),
        ("Walk me through a typical week.", 1, 0),
        ("Can you please explain why?", 1, 0),
        ("Could you walk me through how returns work today?", 1, 0),
        ("Would you say a bit more about that?", 1, 0),
        ("Can you send me the file?", 0, 1),
        ("Could you share your screen?", 0, 1),
        # Told what to tell is a request for a fact, not an invitation to tell it.
        ("Could you tell me if the box is unopened?", 0, 1),
        ("Could you tell me your card number?", 0, 1),
        ("Could you tell me what happened after the launch?", 1, 0),
        ("Can you tell me a bit about your team?", 1, 0),
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


@pytest.mark.parametrize(
    "text",
    [
        "okay and do you remember what you were doing when the pain started",
        "alright okay well do you have any other questions for me",
        "okay and then tell me what you have taken for the pain",
    ],
)
def test_questions_after_a_run_of_fillers_count_without_a_mark(text: str) -> None:
    assert count_questions(text).total == 1


@pytest.mark.parametrize(
    ("text", "open_questions"),
    [
        ("yeah that sounds rough so how long has it been going on", 1),
        ("okay that makes sense and how are things at home", 1),
        ("I know what you are doing there", 0),
        ("the thing is how long it has taken", 0),
        ("we looked at what the team does", 0),
        ("We work with people who have the same problem.", 0),
        ("Our account manager, who is the main contact, will call.", 0),
        ("The reason why is that we ship from Ohio.", 0),
        ("Mm, what's that like for you?", 1),
        ("On a scale of 1 to 10, how confident are you that you'll do it?", 1),
    ],
)
def test_questions_unpunctuated_inverted_question_counts_anywhere(
    text: str, open_questions: int
) -> None:
    assert count_questions(text).open == open_questions


@pytest.mark.parametrize(
    ("text", "open_questions"),
    [
        ("I NEED TO KNOW SO HOW LONG HAS IT BEEN HURTING", 1),
        ("i need to know so wh\u0131ch one have you tried", 1),  # a dotless i, as "which"
        ("i need to know so which one have you tried", 1),
        ("We shipped it on Monday and the team liked it", 0),
        ("", 0),
    ],
)
def test_questions_skipping_texts_without_a_question_word_counts_the_same(
    text: str, open_questions: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = count_questions(text)
    assert counted.open == open_questions
    monkeypatch.setattr(questions, "_may_ask_wh", lambda _text: True)
    assert count_questions(text) == counted


@pytest.mark.parametrize(
    ("text", "open_count", "closed_count"),
    [
        # A name said first leaves the question open.
        ("Maria, what's going on with your shoulder?", 1, 0),
        ("so dev , what's been happening with the rollout ?", 1, 0),
        ("Priya, could you send the file?", 0, 1),
        # A greeting first stays a greeting's question: "how you doing?" is not opened up.
        ("Hey, how you doing today?", 0, 1),
        # A word calling for attention is no name: the seller's course put to them stays closed.
        ("Listen, why don't you just sign today?", 0, 1),
        ("Look, how about we close this today?", 0, 1),
    ],
)
def test_questions_a_name_said_first_leaves_the_question_open(
    text: str, open_count: int, closed_count: int
) -> None:
    counted = count_questions(text)
    assert (counted.open, counted.closed) == (open_count, closed_count)


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("When are you arriving?", 1),
        ("Okay, which venue would you like?", 1),
        ("How many guests will there be?", 1),
        ("What time works? Where do you live?", 2),
        ("How long have you lived there?", 0),  # their life, not a slot
        ("How often do you drink?", 0),
        ("When you think about it, what matters most?", 0),  # a clause, not a time asked
        ("What matters most to you?", 0),
    ],
)
def test_open_questions_for_a_slot_are_counted_apart(text: str, slots: int) -> None:
    counted = count_questions(text)
    assert counted.slots == slots
    assert counted.open >= slots


@pytest.mark.parametrize(
    ("text", "open_count"),
    [
        ("She's a 41-year-old female, and what brings you in today?", 1),
        ("You said nothing major, so, what was there?", 1),
        ("Hey, how you doing today?", 0),  # a greeting's question
        ("Do you drink, and if so, how many drinks a week?", 0),  # a count, asked closed
    ],
)
def test_an_asked_sentence_whose_last_clause_is_open_is_open(text: str, open_count: int) -> None:
    assert count_questions(text).open == open_count


@pytest.mark.parametrize(
    "text",
    [
        "Which of your products matters most to you?",
        "Where do you see the bakery in five years?",
        "When do you feel most stressed?",
        "When was the last time you felt really happy?",
        "Where is your head at with this?",
    ],
)
def test_a_question_for_their_view_is_no_slot(text: str) -> None:
    counted = count_questions(text)
    assert (counted.open, counted.slots) == (1, 0)


@pytest.mark.parametrize(
    "text",
    [
        "So what I'm seeing here is on the tip of this finger, you actually have a fracture.",
        "What we'll do is book you in for next week.",
        "what you're telling me is that you want to cut back",
        "How it works is the team gets a summary every Monday.",
    ],
)
def test_a_question_word_opening_a_told_clause_asks_nothing(text: str) -> None:
    assert count_questions(text).total == 0


@pytest.mark.parametrize(
    "text",
    [
        "what is your biggest worry right now",
        "what do you think is best",
        "okay and when you mention eating is do you feel like anything gets stuck there",
        "What we found is a small crack?",
        # What the speaker wants to know, told: an indirect question.
        "What I'd like to know is how you got started.",
        "what i'm wondering is whether it helps you",
        "when you get a chance, what is your budget for this",
    ],
)
def test_a_question_whose_clause_looks_told_still_asks(text: str) -> None:
    assert count_questions(text).total == 1


@pytest.mark.parametrize(
    "text",
    [
        "So I wonder what you think about that, just in terms of how it fits into your life.",
        "I'm wondering where you are around your writing and your reading?",
        "I was just wondering how the first week went for you",
    ],
)
def test_a_question_asked_as_what_the_speaker_wonders_is_open(text: str) -> None:
    counted = count_questions(text)
    assert (counted.open, counted.closed) == (1, 0)


@pytest.mark.parametrize(
    "text",
    [
        "I wonder if it will rain.",
        "I was wondering about that too.",
    ],
)
def test_wondering_aloud_without_a_question_word_asks_nothing(text: str) -> None:
    assert count_questions(text).total == 0


def test_what_the_speaker_wonders_asks_even_in_a_statement_s_order() -> None:
    counted = count_questions("I'm wondering where you are with the writing these days.")
    assert (counted.open, counted.closed) == (1, 0)


@pytest.mark.parametrize(
    "said", ["How nice for you!", "how lovely that you can go!", "What a trip!"]
)
def test_an_exclamation_that_opens_like_a_question_asks_nothing(said: str) -> None:
    assert count_questions(said).total == 0


@pytest.mark.parametrize("said", ["how did it go!", "How long have you been there!"])
def test_a_question_typed_with_an_exclamation_mark_still_asks(said: str) -> None:
    assert count_questions(said).open == 1
