"""SRT: speakers from "Name:" prefixes and dialogue dashes, timings, broken and hostile input."""

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


def _stamp(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d},250"


def _srt(cues: list[tuple[str, str]]) -> str:
    return "".join(
        f"{i + 1}\n{_stamp(i * 3)} --> {_stamp(i * 3 + 2)}\n{speaker}: {text}\n\n"
        for i, (speaker, text) in enumerate(cues)
    )


def test_srt_sample_file(data_dir: Path) -> None:
    conv = load(data_dir / "demo.srt")
    assert conv.format == "srt"
    assert pairs(conv) == [
        ("Alex Kim", "So what made you look for a new CRM now?"),
        (
            "Dana Cole",
            "Our reps spend hours copying notes by hand. And the forecasts are always late.",
        ),
        ("Alex Kim", "How late?"),
        ("Dana Cole", "A week, sometimes two."),
    ]
    assert [(t.start, t.end, t.line) for t in conv.turns] == [
        (1.0, 3.5, 1),
        (3.6, 8.0, 6),
        (8.4, 10.9, 15),
        (8.4, 10.9, 15),
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Jane: Hello", [("Bob", "Hi"), ("Jane", "Hello")]),
        ("and more", [("Bob", "Hi and more")]),
        ("- Jane: Yes?\n- Bob: No.", [("Bob", "Hi"), ("Jane", "Yes?"), ("Bob", "No.")]),
        ("- Really?\n- Yes.", [("Bob", "Hi Really?"), ("Unknown", "Yes.")]),
        ("<i>whispered</i>", [("Bob", "Hi whispered")]),
        ('{\\an8}<font color="#fff">top</font>', [("Bob", "Hi top")]),
        ("-5 degrees outside", [("Bob", "Hi -5 degrees outside")]),
        ("The key point: price", [("Bob", "Hi The key point: price")]),
    ],
)
def test_srt_speakers_in_the_second_cue(content: str, expected: list[tuple[str, str]]) -> None:
    first = "1\n00:00:01,000 --> 00:00:02,000\nBob: Hi\n\n"
    text = f"{first}2\n00:00:03,000 --> 00:00:04,000\n{content}\n"
    assert pairs(parse(text, fmt="srt")) == expected


def test_srt_without_speakers_is_unknown() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nHello there\n"
    assert pairs(parse(text, fmt="srt")) == [("Unknown", "Hello there")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # No cue numbers at all.
        ("00:00:01,000 --> 00:00:02,000\nA: x\n\n00:00:03,000 --> 00:00:04,000\nB: y\n", 2),
        # The blank line between cues is missing: the number still opens the next cue.
        ("1\n00:00:01,000 --> 00:00:02,000\nA: x\n2\n00:00:03,000 --> 00:00:04,000\nB: y\n", 2),
        # Dots instead of commas, and a blank line inside a cue.
        (
            "1\n00:00:01.000 --> 00:00:02.000\nA: x\n\ncontinued\n\n"
            "2\n00:00:03.000 --> 00:00:04.000\nB: y\n",
            2,
        ),
        # Position metadata after the times.
        ("1\n00:00:01,000 --> 00:00:02,000 X1:10 X2:20 Y1:30 Y2:40\nA: x\n", 1),
    ],
)
def test_srt_tolerated_variants(text: str, expected: int) -> None:
    assert len(parse(text, fmt="srt").turns) == expected


def test_srt_blank_line_inside_a_cue_keeps_the_text() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nA: x\n\ncontinued\n"
    assert pairs(parse(text, fmt="srt")) == [("A", "x continued")]


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("Hello\n", 1, "expected a cue number or a timing line"),
        ("1\nHello\n", 2, "after cue number 1"),
        ("1\n", 1, "cue number 1 has no timing line"),
        (
            "1\n00:00:01,000 --> garbage\nA: x\n",
            2,
            "malformed cue timing '00:00:01,000 --> garbage'",
        ),
        ("1\n00:00:01,000 --> 00:00:0x,000\nA: x\n", 2, "malformed cue timing"),
        ("1\n00:00:05,000 --> 00:00:01,000\nA: x\n", 2, "cue ends before it starts"),
        (
            "1\n00:00:01,000 --> 00:00:02,000\nA: x\n\n2\nB: y\n",
            5,
            "cue number 2 has no timing line",
        ),
        ("1\n00:00:01,000 --> 00:00:02,000\n\n", None, "no cues with text"),
        ("1\n" + "1" * 300 + ",1 --> 2\n", 2, "malformed cue timing"),
    ],
)
def test_srt_broken_input_names_the_line(text: str, line: int | None, problem: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse(text, "call.srt", "srt")
    assert caught.value.line == line
    assert problem in caught.value.problem


@pytest.mark.parametrize(
    "text",
    [
        "1" * 5_000_000,  # the srt library's regex is cubic on long digit runs
        "1\n00:00:01,000 --> 00:00:02,000\nA: x\n\n" + "1" * 5_000_000,
        "1\n00:00:01,000 --> 00:00:02,000\n" + "9" * 5_000_000 + "\n",
        " " * 5_000_000 + "1",
        "1\n00:00:01,000 --> 00:00:02,000\nA: x\n" + "\n" * 1_000_000 + "more",
    ],
)
def test_srt_hostile_input_is_fast(text: str) -> None:
    with cpu_budget(3), contextlib.suppress(InputError):
        parse(text, fmt="srt")


def test_srt_huge_cue_count() -> None:
    cues = [(f"Speaker {i % 2}", f"line {i}") for i in range(20_000)]
    conv = parse(_srt(cues), fmt="srt")
    assert len(conv.turns) == 20_000
    assert conv.turns[-1].line == 4 * 19_999 + 1
    assert conv.turns[-1].start == 19_999 * 3 + 0.25


@given(dialogues)
@settings(max_examples=60, deadline=None)
def test_srt_round_trips_speakers_and_texts(cues: list[tuple[str, str]]) -> None:
    conv = parse(_srt(cues), fmt="srt", merge_consecutive=False)
    assert pairs(conv) == cues
    assert [t.start for t in conv.turns] == [i * 3 + 0.25 for i in range(len(cues))]
    assert pairs(parse(_srt(cues), fmt="srt")) == merged(cues)


@given(st.text() | soup)
@settings(max_examples=150, deadline=None)
def test_srt_arbitrary_text_raises_only_input_errors(text: str) -> None:
    for candidate in (text, "1\n00:00:01,000 --> 00:00:02,000\n" + text):
        with contextlib.suppress(InputError):
            parse(candidate, fmt="srt")


@pytest.mark.parametrize(("failing_cue", "line"), [(1, 2), (2, 6), (3, 9)])
def test_srt_library_parse_errors_map_to_lines(
    monkeypatch: pytest.MonkeyPatch, failing_cue: int, line: int
) -> None:
    import srt as srtlib

    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nA: x\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\nB: y\n\n"
        "00:00:05,000 --> 00:00:06,000\nA: z\n"
    )

    def failing_parse(chunk: str, ignore_errors: bool = False) -> object:
        # Fail at the start of the given cue, as srt does when a block does not match.
        offset = 0
        for _ in range(failing_cue - 1):
            offset = chunk.index("\n\n", offset) + 2
        raise srtlib.SRTParseError(offset, offset + 5, chunk[offset : offset + 5])

    monkeypatch.setattr(srtlib, "parse", failing_parse)
    with pytest.raises(FormatError) as caught:
        parse(text, fmt="srt")
    assert caught.value.line == line
    assert "malformed cue timing" in caught.value.problem
