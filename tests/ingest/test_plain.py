"""Plain "Name: text" transcripts: labels, timestamps, continuation lines, what is not a speaker."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cpu import cpu_budget
from trustworks.errors import FormatError, InputError
from trustworks.ingest import load, parse

from .helpers import dialogues, merged, pairs, soup


def test_plain_sample_file(data_dir: Path) -> None:
    conv = load(data_dir / "discovery.txt")
    assert conv.format == "plain"
    assert pairs(conv) == [
        ("Sam Rivera", "Thanks for joining, Lena. How is the quarter going?"),
        ("Lena Park", "Busy. We closed two pilots but renewals are slipping."),
        ("Sam Rivera", "Which renewals worry you most?"),
        (
            "Lena Park",
            "The enterprise ones. The key point: we need a clear ROI story before June. "
            "Procurement will ask for it. And legal wants the DPA early.",
        ),
        ("Sam Rivera", "I can send our standard DPA today."),
    ]
    assert [(t.start, t.end, t.line) for t in conv.turns] == [
        (2.0, 7.0, 1),
        (7.0, 15.0, 2),
        (15.0, 19.0, 3),
        (19.0, 47.0, 4),
        (47.0, None, 8),
    ]


@pytest.mark.parametrize(
    ("line", "speaker", "text", "start"),
    [
        ("Jane Doe: Hello", "Jane Doe", "Hello", None),
        ("[00:01:23] Jane Doe: Hello", "Jane Doe", "Hello", 83.0),
        ("[1:23] Jane: Hello", "Jane", "Hello", 83.0),
        ("(01:02:03.5) Jane: Hello", "Jane", "Hello", 3723.5),
        ("00:01:23 Jane Doe: Hello", "Jane Doe", "Hello", 83.0),
        ("00:01:23 - Jane Doe: Hello", "Jane Doe", "Hello", 83.0),
        ("Jane Doe (00:01:23): Hello", "Jane Doe", "Hello", 83.0),
        ("Jane Doe [1:23]: Hello", "Jane Doe", "Hello", 83.0),
        ("Dr. Jane O'Neil-Smith: Hello", "Dr. Jane O'Neil-Smith", "Hello", None),
        ("Ludwig van Beethoven: Hello", "Ludwig van Beethoven", "Hello", None),
        ("Speaker 2: Hello", "Speaker 2", "Hello", None),
        ("Priya (Acme Corp): Hello", "Priya (Acme Corp)", "Hello", None),
        ("张伟: 你好", "张伟", "你好", None),
        ("  Jane:   Hello   world  ", "Jane", "Hello world", None),
    ],
)
def test_plain_speaker_line_forms(line: str, speaker: str, text: str, start: float | None) -> None:
    conv = parse(line, fmt="plain")
    assert pairs(conv) == [(speaker, text)]
    assert conv.turns[0].start == start


def test_plain_otter_style_header_lines() -> None:
    text = "Jane Doe  0:03\nThanks for the time.\n\nBob Li  0:09\nSure thing.\n"
    conv = parse(text, fmt="plain")
    assert pairs(conv) == [("Jane Doe", "Thanks for the time."), ("Bob Li", "Sure thing.")]
    assert [(t.start, t.end, t.line) for t in conv.turns] == [(3.0, 9.0, 1), (9.0, None, 4)]


def test_plain_name_and_time_inside_a_turn_is_text() -> None:
    text = "Jane Doe  0:03\nWe could meet on\nMonday  10:30\n\nBob Li  0:09\nSure.\n"
    conv = parse(text, fmt="plain")
    assert pairs(conv) == [("Jane Doe", "We could meet on Monday 10:30"), ("Bob Li", "Sure.")]


def test_plain_timestamp_alone_on_a_line_times_the_next_speaker() -> None:
    conv = parse("[00:00:05]\nJane: Hi\n[00:00:09]\nBob: Hello\n", fmt="plain")
    assert [(t.speaker, t.start, t.end) for t in conv.turns] == [
        ("Jane", 5.0, 9.0),
        ("Bob", 9.0, None),
    ]


@pytest.mark.parametrize(
    "continuation",
    [
        "The key point: we need X",
        "the price: 40 dollars",
        "See https://example.com/pricing",
        "https://example.com: the docs",
        "Meet at 10:30 tomorrow",
        "10:30 works for me",
        "Note: legal must review.",
        "Re: the contract",
        "So, to be clear: no",
        "What about this: maybe?",
        "One two three four five six: too many words",
    ],
)
def test_plain_lines_that_are_not_speakers_continue_the_turn(continuation: str) -> None:
    conv = parse(f"Jane: First.\n{continuation}\nBob: Ok.", fmt="plain")
    assert pairs(conv) == [("Jane", f"First. {continuation}"), ("Bob", "Ok.")]


def test_plain_stamped_line_without_speaker_drops_the_stamp() -> None:
    conv = parse("Jane: First.\n[00:05:00] (inaudible)\n", fmt="plain")
    assert pairs(conv) == [("Jane", "First. (inaudible)")]


def test_plain_lowercase_handles_that_recur_are_speakers() -> None:
    text = "jdoe: hi\nbsmith: hello\njdoe: so\nbsmith: yes\njdoe: ok\nbsmith: fine\n"
    assert [t.speaker for t in parse(text, fmt="plain").turns] == ["jdoe", "bsmith"] * 3


def test_plain_known_speaker_is_matched_case_insensitively() -> None:
    conv = parse("Jane: one\nBob: two\nJANE: three\n", fmt="plain")
    assert [t.speaker for t in conv.turns] == ["Jane", "Bob", "JANE"]


def test_plain_merges_consecutive_lines_of_one_speaker() -> None:
    text = "[00:00:01] Jane: one\n[00:00:04] Jane: two\n[00:00:09] Bob: three\n"
    merged_conv = parse(text, fmt="plain")
    assert [(t.speaker, t.text, t.start, t.end) for t in merged_conv.turns] == [
        ("Jane", "one two", 1.0, 9.0),
        ("Bob", "three", 9.0, None),
    ]
    split = parse(text, fmt="plain", merge_consecutive=False)
    assert [(t.text, t.start, t.end) for t in split.turns][:2] == [
        ("one", 1.0, 4.0),
        ("two", 4.0, 9.0),
    ]


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("Note: the price is fixed.\nJane: ok", 1, "text before the first speaker"),
        ("\n\nWelcome to the call\nJane: hi", 3, "text before the first speaker"),
        ("https://x.example\nJane: hi", 1, "text before the first speaker"),
        ("10:30: call starts\nJane: hi", 1, "text before the first speaker"),
        ("[00:00:01]\n", None, "no speaker lines with text"),
        ("Jane:\nBob:   \n", None, "no speaker lines with text"),
    ],
)
def test_plain_broken_input_names_the_line(text: str, line: int | None, problem: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse(text, "notes.txt", "plain")
    assert caught.value.line == line
    assert problem in caught.value.problem


def test_plain_error_quotes_the_offending_line() -> None:
    with pytest.raises(FormatError) as caught:
        parse("Welcome to the call\nJane: hi", "notes.txt", "plain")
    assert str(caught.value) == (
        "notes.txt:1: text before the first speaker: expected 'Name: text', "
        "got 'Welcome to the call'"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Jane: " + "x" * 5_000_000,
        "Jane: hi\n" + "1" * 5_000_000,
        "Jane: hi\n" + ":" * 5_000_000,
        "Jane: hi\n" + "[" * 5_000_000,
        "Jane: hi\n" + "A " * 2_500_000 + ": x",
        "Jane: hi\n" + "(0:00 " * 800_000,
    ],
)
def test_plain_hostile_lines_are_fast(text: str) -> None:
    with cpu_budget(3):
        conv = parse(text, fmt="plain")
    assert conv.turns[0].speaker == "Jane"


def test_plain_huge_line_count() -> None:
    text = "".join(
        f"[{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}] Speaker {i % 2}: line {i}\n"
        for i in range(30_000)
    )
    conv = parse(text, fmt="plain")
    assert len(conv.turns) == 30_000
    assert (conv.turns[-1].line, conv.turns[-1].start) == (30_000, 29_999.0)


@given(dialogues, st.booleans())
@settings(max_examples=80, deadline=None)
def test_plain_round_trips_speakers_and_texts(lines: list[tuple[str, str]], stamped: bool) -> None:
    prefix = "[00:00:{:02d}] " if stamped else ""
    text = "\n".join(
        prefix.format(i) + f"{speaker}: {words}" for i, (speaker, words) in enumerate(lines)
    )
    conv = parse(text, fmt="plain", merge_consecutive=False)
    assert pairs(conv) == lines
    assert [t.line for t in conv.turns] == list(range(1, len(lines) + 1))
    assert pairs(parse(text, fmt="plain")) == merged(lines)


@given(st.text() | soup)
@settings(max_examples=200, deadline=None)
def test_plain_arbitrary_text_raises_only_input_errors(text: str) -> None:
    for candidate in (text, "Jane: hi\n" + text):
        with contextlib.suppress(InputError):
            parse(candidate, fmt="plain")


def test_plain_text_with_no_speaker_at_all_is_called_a_draft() -> None:
    # examples/draft-email.txt: a greeting, paragraphs and a signature, nobody's name first.
    text = "Hi Priya,\n\nThanks so much for your time on Tuesday.\n\nBest,\nRyan\n"
    with pytest.raises(FormatError) as caught:
        parse(text, "draft.txt", "plain")
    assert caught.value.line is None
    assert "one written message (a draft?), not a conversation" in caught.value.problem
    assert "trustworks check --file draft.txt" in caught.value.problem
