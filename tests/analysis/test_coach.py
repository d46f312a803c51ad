from __future__ import annotations

import pytest

from trustworks.analysis.coach import quote_client, render_rewrite, sentence_problems

FALLBACK = "Here is a plain sentence to say instead."


def _render(template: str, text: str, span: str, client: str = "") -> str:
    start = text.index(span)
    return render_rewrite(template, text, start, start + len(span), client, FALLBACK)


@pytest.mark.parametrize(
    ("template", "text", "span", "expected"),
    [
        # The hedge goes and the speaker's own claim stays, as a sentence of its own.
        (
            "{before}{after}",
            "So. I'm no expert, but your premiums look high for a firm your size. Anyway.",
            "I'm no expert, but ",
            "Your premiums look high for a firm your size.",
        ),
        (
            "{before}{after}",
            "Honestly, I think maybe it would make sense to phase the rollout",
            "I think maybe ",
            "Honestly, it would make sense to phase the rollout.",
        ),
        # A clause of the kept words that spends trust itself is dropped, not handed back.
        (
            "{before}{after}",
            "I think maybe we start small, I guarantee you'll see savings.",
            "I think maybe ",
            "We start small.",
        ),
        ("A plain sentence with no fields", "whatever works for you", "whatever", FALLBACK[:0]),
    ],
)
def test_render_rewrite_keeps_only_safe_words(
    template: str, text: str, span: str, expected: str
) -> None:
    out = _render(template, text, span)
    assert out == (expected or "A plain sentence with no fields.")


@pytest.mark.parametrize(
    ("template", "text", "span"),
    [
        # Too few words left once the hedge is gone: a fragment is not a rewrite.
        ("{before}{after}", "I might possibly maybe.", "might possibly maybe"),
        # The matched words are the habit: a template echoing them falls back.
        ("Replace it: {match}", "ok so whatever works for you", "whatever works for you"),
        # Every clause left over spends trust.
        ("{after}", "Maybe, I guarantee it, nothing can go wrong.", "Maybe, "),
    ],
)
def test_render_rewrite_falls_back_when_kept_words_are_unsafe_or_thin(
    template: str, text: str, span: str
) -> None:
    assert _render(template, text, span) == FALLBACK


def test_render_rewrite_without_a_fallback_says_nothing_rather_than_the_habit() -> None:
    text = "ok so whatever works for you"
    start = text.index("whatever")
    assert render_rewrite("Say: {match}", text, start, len(text)) == ""


@pytest.mark.parametrize(
    ("client", "template", "expected"),
    [
        (
            "Honestly, churn has been creeping up all year.",
            'You said "{client}". What is behind that?',
            'You said "churn has been creeping up all year". What is behind that?',
        ),
        (
            "The thing is that our onboarding team is tiny and",
            'You were saying "{client}"; please go on.',
            'You were saying "The thing is that our onboarding team is tiny…"; please go on.',
        ),
        (
            'Hmm. He said "too pricey", that sounds expensive?',
            'When you say "{client}", what are you comparing it with?',
            "When you say \"He said 'too pricey', that sounds expensive\", what are you "
            "comparing it with?",
        ),
        # The client's words would hand the seller a habit to say: the plain sentence instead.
        ("Whatever works for you, honestly.", 'You said "{client}". Go on.', FALLBACK),
        # Nothing usable to quote.
        ("Um.", 'You said "{client}". Go on.', FALLBACK),
    ],
)
def test_render_rewrite_quotes_the_client_safely(client: str, template: str, expected: str) -> None:
    text = "Our platform does that."
    assert _render(template, text, "Our platform", client) == expected


@pytest.mark.parametrize(
    ("words", "quoted"),
    [
        ("Honestly, churn has been creeping up all year.", "churn has been creeping up all year"),
        # A turn cut off mid-clause trails off rather than ending on "does".
        (
            "… some of our data is in a homegrown billing system, does",
            "…some of our data is in a homegrown billing system…",
        ),
        (
            "It's, um, it's-it's taking us like seventy days.",
            "It's taking us like seventy days",
        ),
        (
            "We looked at three. That- that- that was a mess, uh, honestly.",
            "That was a mess honestly",
        ),
        # Too long to know which part mattered, too short to mean anything, or broken off.
        (
            "We tried three vendors last year and every one of them promised the moon and then "
            "disappeared the minute the contract was signed.",
            "",
        ),
        ("Okay.", ""),
        ("If you give me a little timeframe of how long ago that-- well.", ""),
    ],
)
def test_quote_client_quotes_what_can_be_said_back(words: str, quoted: str) -> None:
    assert quote_client(words) == quoted


def test_render_rewrite_leaves_out_hesitations_and_rambling() -> None:
    text = "Uh, I think maybe we should, um, start with the the pilot."
    start = text.index("I think maybe ")
    out = render_rewrite("{before}{after}", text, start, start + 14, "", FALLBACK)
    assert out == "We should start with the pilot."
    rambling = "I think maybe " + " ".join(["we could look at it"] * 6) + "."
    out = render_rewrite("{before}{after}", rambling, 0, 14, "", FALLBACK)
    assert out == FALLBACK


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("I'm glad we both made the time for this, I know you're both super busy.", ""),
        ("to make sure I understand,?", "capital"),
        ("To make sure I understand,?", "dangling"),
        ("We will get back to you by {day}.", "braces"),
        ("We can can do that.", "repeats"),
        ("That works for us and.", "connecting word"),
        ("That works for us", "end with"),
        ("Fine.", "too short"),
        ('You said "churn is up". What is behind that?', ""),
    ],
)
def test_sentence_problems_names_what_is_wrong(text: str, problem: str) -> None:
    found = " ".join(sentence_problems(text))
    assert (problem in found) if problem else not found
