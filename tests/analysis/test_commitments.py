from __future__ import annotations

import re

import pytest

from tests.dialogue import run
from trustworks.analysis.commitments import _DUE, find_promises, is_concrete


@pytest.mark.parametrize(
    ("text", "what", "due"),
    [
        ("I'll send you two examples by Thursday.", "send you two examples", "Thursday"),
        (
            "I will check with our CFO and get back to you by Monday.",
            "check with our CFO and get back to you",
            "Monday",
        ),
        ("Let me find out and tell you by Friday.", "find out and tell you", "Friday"),
        # Having it done: "I'll have that sent over today", "I'll have it ready by Friday".
        ("I'll have that sent over today.", "have that sent over", "today"),
        ("I'll have it ready by Friday.", "have it ready", "Friday"),
        (
            "We'll have the pilot running within two weeks.",
            "have the pilot running",
            "within two weeks",
        ),
        ("I'm going to draft the summary tonight.", "draft the summary", "tonight"),
        ("We'll send the contract over.", "send the contract over", None),
        # A tag asking them to agree closes a statement: the promise stands.
        ("We'll see you in a couple weeks, okay?", "see you", "in a couple weeks"),
        ("I'll send it by Friday, right?", "send it", "Friday"),
        # A figure of days, a visit that names when, and seeing them back.
        (
            "I'll present the findings to you myself after 60 days.",
            "present the findings to you myself",
            "after 60 days",
        ),
        (
            "We'll see you back for your three-month follow-up.",
            "see you back for",
            "your three-month follow-up",
        ),
        ("I'll see you in 2 weeks.", "see you", "in 2 weeks"),
        ("I'll order the MRI today.", "order the MRI", "today"),
        ("I'll review the contract today.", "review the contract", "today"),
        ("I will talk to my manager today.", "talk to my manager", "today"),
        (
            "So let's set up another call in two weeks to see how it went.",
            "set up another call",
            "in two weeks",
        ),
        ("I'd like to see you back in about a month.", "see you back", "in about a month"),
        (
            "I'll be in touch with you in a couple of days about the scan.",
            "be in touch with you",
            "in a couple of days",
        ),
        (
            "We'll book a review for about a month from now.",
            "book a review for",
            "about a month from now",
        ),
    ],
)
def test_find_promises_extracts_what_and_due(text: str, what: str, due: str | None) -> None:
    promises = find_promises(text)
    assert [(p.what, p.due) for p in promises] == [(what, due)]


@pytest.mark.parametrize(
    "text",
    [
        "Would you like me to send it?",
        "If you want, I'll send the deck.",
        "Will you send it over?",
        "I'll send it by Friday, will you?",
        "Shall I send it tomorrow, okay?",
        "I will never forget that meeting.",
        "They said they'd call.",
        "Let's talk about pricing.",
        "Let's review what we did in the last two weeks.",
        "Let's talk about what happened two days ago.",
        "I will have some friends joining me in a few days.",
        "I'd like to talk about your goals first.",
        "I'll have that in mind.",
        # "Today" names the meeting itself: its agenda, not a promise.
        "Okay, let's review it today.",
        "I'm going to get a little background information from you today.",
        "Let me give you a run down of what we're dealing with today.",
        "We'll talk about your options today.",
        "I'll see what I can do tomorrow.",
        "I have been sick for 3 days.",
    ],
)
def test_find_promises_ignores_offers_questions_and_non_promises(text: str) -> None:
    assert find_promises(text) == []


def test_commitments_record_who_promised_whom() -> None:
    analysis = run(
        """
        Marcus: I'll check with our CFO and get back to you by Monday.
        Seller: Great. And I'll send you two examples by Thursday.
        """
    )
    pairs = [(c.by, c.to, c.due) for c in analysis.commitments]
    assert pairs == [("Marcus", "seller", "Monday"), ("Seller", "Marcus", "Thursday")]
    assert "makes_dated_commitment" in [f.signal for f in analysis.findings]


@pytest.mark.parametrize(
    "text",
    [
        "I'll send it over on Monday afternoon, or by the 3rd at the latest.",
        "We will have it ready within a couple of weeks from now.",
        "I'll call you at the end of the month, not last week, and not two days ago.",
        "Let's set up a review for the board meeting.",
        "I'll sort it out sometime.",
    ],
)
def test_commitments_due_date_search_skips_ahead_without_missing_any(text: str) -> None:
    # The due-date pattern leads with the letters a date can start with, so a search skips
    # to them; without that lead it must find the same dates.
    plain = re.compile(_DUE.pattern[_DUE.pattern.index("(?<!last ") :], re.IGNORECASE)
    assert _DUE.pattern != plain.pattern
    found = [(m.span(), m.group("due")) for m in _DUE.finditer(text)]
    assert found == [(m.span(), m.group("due")) for m in plain.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "I'll give you the two boxes so you can sleep well tonight.",
        "I'll give you one extra so you have enough, but it's going to be hot this week.",
        "I'll take 2/3 of the food and 1/3 of the water.",
    ],
)
def test_find_promises_a_date_of_another_clause_is_not_the_due_date(text: str) -> None:
    assert all(p.due is None for p in find_promises(text))


def test_find_promises_a_long_promise_cut_short_keeps_its_words_whole() -> None:
    # What is promised is cut at 160 characters: the cut must not make "this week" of "this
    # weekend".
    filler = ("give you the spare crate and the box " * 10)[:154] + " "
    assert [p.due for p in find_promises(f"I'll {filler}this weekend.")] == [None]


def test_find_promises_a_slash_date_after_by_is_a_due_date() -> None:
    assert [p.due for p in find_promises("I'll send it by 3/4 at the latest.")] == ["3/4"]


@pytest.mark.parametrize(
    "text",
    [
        "Yeah, I'm gonna send you the deck by Friday.",
        "okay well i'm gon na have the nurse call you tomorrow",
        "We're gonna book the install for next Tuesday.",
    ],
)
def test_gonna_is_going_to(text: str) -> None:
    # Transcripts write what people say: "gonna", or "gon na" once a tokenizer split it.
    (promise,) = find_promises(text)
    assert promise.due is not None


@pytest.mark.parametrize(
    ("sentence", "concrete"),
    [
        ("Yes, I'll email you the pricing sheet.", True),
        ("I'm going to refer you to physical therapy.", True),
        ("I'll call you back once I hear from legal.", True),
        ("I'll send you the two case studies.", True),
        ("Sure, I'll get the quote over to you.", True),
        ("I'll loop in our solutions engineer.", True),
        ("I'll put you in touch with our CFO.", True),
        ("I'll set that up for you.", True),
        ("I'll follow up with our legal team and get you an answer.", True),
        # Hedged, handed over as a share, a nickname, time bought, or nothing to deliver.
        ("I'll probably send you something.", False),
        ("I'll send you 3 firewood packages.", False),
        ("Then I shall call you sweaty from here out.", False),
        ("Let me check with my wife.", False),
        ("Let me look into it and get back to you.", False),
        ("I'll talk to you soon.", False),
        # The seller's own plans, whatever the verb, and a promise that waits on news.
        ("We're going to set up camp near a dry area.", False),
        ("I'm going to prepare meals for my three kids.", False),
        ("I'll update you when I know more.", False),
        ("I'll book the install for you.", True),
        ("If I get two I will share it with you, we can ration it.", False),
        ("I'll get back to you on that.", False),
        # Tests and treatment ordered for them, said plainly or as ongoing.
        ("I'll order an ultrasound of the knee.", True),
        ("I'm going to order some labs.", True),
        ("I will be ordering an x-ray of that wrist.", True),
        ("We'll be sending you the signed copy.", True),
        ("I'm going to order pizza for the team.", False),
        ("What we're going to be doing today is looking at your goals.", False),
        # Their request handed to the team is filed, not done for them.
        ("I'll definitely forward it to our team for consideration.", False),
        ("I'll pass that along to the developers.", False),
        ("I'll send the contract to your legal team.", True),
        # Looking into it names nothing they will see; a step after it may.
        ("I'll look into it.", False),
        ("That's something we'll look into.", False),
        ("I'll look into your refund and call you back.", True),
        ("I'll look into it, then we'll send you a new one.", True),
        ("I'll look into it and get back to you.", False),
    ],
)
def test_is_concrete(sentence: str, concrete: bool) -> None:
    promises = find_promises(sentence)
    assert any(is_concrete(p.what, sentence) for p in promises) is concrete


def test_find_promises_reads_a_long_unpunctuated_turn_in_bounded_steps() -> None:
    # A transcript with no punctuation: each promise reads a bounded stretch for its date,
    # not the rest of the turn (which made this quadratic), and still finds its date.
    text = "I'll send you the report by Friday " + "and I'll send you the notes " * 400
    promises = find_promises(text)
    assert promises[0].due == "Friday"
    assert all(p.due is None for p in promises[1:]) and len(promises) > 50


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("I'll call you back at 3 pm.", "3 pm"),
        ("We'll send the quote by 10:30am.", "10:30am"),
        ("I'll call you at 4 o'clock.", "4 o'clock"),
    ],
)
def test_find_promises_a_clock_time_is_a_due_time(text: str, due: str) -> None:
    promises = find_promises(text)
    assert [p.due for p in promises] == [due]


@pytest.mark.parametrize(
    ("said", "found", "not_found"),
    [
        # One reading of the words, never both: looking into it with nothing after is a
        # put-off...
        ("I'll look into it.", "get_back_without_date", "makes_concrete_commitment"),
        # ...and the first step of a promise that names what they will get.
        (
            "I'll look into it and send you a replacement.",
            "makes_concrete_commitment",
            "get_back_without_date",
        ),
        (
            "I'll look into it and give you a call.",
            "makes_concrete_commitment",
            "get_back_without_date",
        ),
        # A word sent inside the firm is nothing they will see.
        (
            "I'll look into it and send my manager a note.",
            "get_back_without_date",
            "makes_concrete_commitment",
        ),
    ],
)
def test_looking_into_it_is_read_once(said: str, found: str, not_found: str) -> None:
    signals = {f.signal for f in run(f"Client: My order never came.\nSeller: {said}").findings}
    assert found in signals
    assert not_found not in signals
