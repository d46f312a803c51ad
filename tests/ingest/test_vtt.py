"""WebVTT: voice tags, Zoom-style labels, tags and entities, timings, broken and hostile input."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cpu import cpu_budget
from trustworks.conversation import Role
from trustworks.errors import FormatError, InputError
from trustworks.ingest import load, parse

from .helpers import dialogues, merged, pairs, soup


def _stamp(seconds: float) -> str:
    whole = int(seconds)
    millis = round((seconds - whole) * 1000)
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}.{millis:03d}"


def _vtt(cues: list[tuple[str, str]], *, zoom: bool = False) -> str:
    blocks = ["WEBVTT", ""]
    for i, (speaker, text) in enumerate(cues):
        body = f"{speaker}: {text}" if zoom else f"<v {speaker}>{text}</v>"
        blocks += [str(i + 1), f"{_stamp(i * 2)} --> {_stamp(i * 2 + 1.5)}", body, ""]
    return "\n".join(blocks)


def test_vtt_teams_voice_tags(data_dir: Path) -> None:
    conv = load(data_dir / "teams.vtt")
    assert conv.format == "vtt"
    assert conv.source.endswith("teams.vtt")
    assert pairs(conv) == [
        (
            "Priya Shah",
            "Thanks for making the time today, Tom. "
            "I'd love to hear how onboarding & billing work for you now.",
        ),
        ("Tom Becker", "Honestly, it's painful. We lose two days a month on invoices."),
        ("Priya Shah", "That's a lot. What happens when an invoice is wrong?"),
    ]
    assert [(t.start, t.end, t.line) for t in conv.turns] == [
        (1.52, 7.9, 5),
        (8.25, 12.04, 13),
        (12.5, 15.75, 17),
    ]
    assert all(t.role is Role.OTHER for t in conv.turns)


def test_vtt_zoom_name_prefixes(data_dir: Path) -> None:
    conv = load(data_dir / "zoom.vtt")
    assert pairs(conv) == [
        ("Maria Lopez", "Hi Ken, can you hear me okay?"),
        ("Ken Ito", "Loud and clear. Before we start, our budget is fixed until Q3."),
        ("Maria Lopez", "Understood. I won't push a bigger plan then."),
    ]
    assert [t.line for t in conv.turns] == [3, 7, 15]
    assert conv.turns[1].start == 3.45
    assert conv.turns[1].end == 9.8


def test_vtt_merge_can_be_turned_off(data_dir: Path) -> None:
    conv = load(data_dir / "zoom.vtt", merge_consecutive=False)
    assert [t.speaker for t in conv.turns] == ["Maria Lopez", "Ken Ito", "Ken Ito", "Maria Lopez"]
    assert [(t.start, t.end) for t in conv.turns[1:3]] == [(3.45, 5.1), (5.6, 9.8)]


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("<v Jane Doe>Hello</v>", [("Jane Doe", "Hello")]),
        ("<v.loud Jane Doe>Hello</v>", [("Jane Doe", "Hello")]),
        ("<v Jane>Hi <b>there</b> <c.yellow>friend</c></v>", [("Jane", "Hi there friend")]),
        ("<v Jane>A &amp; B &lt;ok&gt; &quot;yes&quot;</v>", [("Jane", 'A & B <ok> "yes"')]),
        ("<v Jane>one</v>\n<v Bob>two</v>", [("Jane", "one"), ("Bob", "two")]),
        ("<v Jane>on <00:00:01.500>time</v>", [("Jane", "on time")]),
        ("Jane Doe: Hello\nthere", [("Jane Doe", "Hello there")]),
        ("no speaker here", [("Unknown", "no speaker here")]),
        ("<i>just italics</i>", [("Unknown", "just italics")]),
        ("<v Jane>The key point: price</v>", [("Jane", "The key point: price")]),
        ("a < b", [("Unknown", "a < b")]),
    ],
)
def test_vtt_cue_text(payload: str, expected: list[tuple[str, str]]) -> None:
    conv = parse(f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n{payload}\n", fmt="vtt")
    assert pairs(conv) == expected


def test_vtt_ignores_note_style_region_and_header_metadata() -> None:
    text = (
        "WEBVTT - meeting\nKind: captions\nLanguage: en\n\n"
        "REGION\nid:fred width:40%\n\n"
        "STYLE\n::cue { color: red }\n\n"
        "NOTE a comment\nover two lines\n\n"
        "00:01.000 --> 00:02.500 align:start line:0\n<v Ann>Hi</v>\n"
    )
    conv = parse(text, fmt="vtt")
    assert pairs(conv) == [("Ann", "Hi")]
    assert (conv.turns[0].start, conv.turns[0].end, conv.turns[0].line) == (1.0, 2.5, 14)


def test_vtt_short_and_long_timestamps() -> None:
    text = "WEBVTT\n\n01:02.5 --> 1:01:02.25\n<v A>x</v>\n"
    turn = parse(text, fmt="vtt").turns[0]
    assert (turn.start, turn.end) == (62.5, 3662.25)


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("00:00:01.000 --> 00:00:02.000\nhi\n", 1, "missing WEBVTT header"),
        ("\n\nHello\n", 3, "missing WEBVTT header"),
        (
            "WEBVTT\n\n00:00:01.000 --> garbage\nhi\n",
            3,
            "malformed cue timing '00:00:01.000 --> garbage'",
        ),
        ("WEBVTT\n\n1\n00:00:01,000 --> 00:00:02,000\nhi\n", 4, "'.' before milliseconds"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:61.000\nhi\n", 3, "malformed cue timing"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:04.0001\nhi\n", 3, "malformed cue timing"),
        ("WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nhi\n", 3, "cue ends before it starts"),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n\nstray words\n", 6, "text outside a cue"),
        ("WEBVTT\n\nid\nmore\n00:01.000 --> 00:02.000\nhi\n", 3, "text outside a cue"),
        ("WEBVTT\n\nNOTE only a note\n", None, "no cues with text"),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\n<v A></v>\n", None, "no cues with text"),
    ],
)
def test_vtt_broken_input_names_the_line(text: str, line: int | None, problem: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse(text, "call.vtt", "vtt")
    assert caught.value.line == line
    assert problem in caught.value.problem
    assert caught.value.source == "call.vtt"


def test_vtt_error_excerpt_is_short_for_a_huge_line() -> None:
    text = "WEBVTT\n\n" + "1" * 5_000_000 + " --> x\n"
    with pytest.raises(FormatError) as caught:
        parse(text, fmt="vtt")
    assert caught.value.line == 3
    assert len(str(caught.value)) < 200


def test_vtt_huge_cue_count_is_linear() -> None:
    cues = [(f"Speaker {i % 3}", f"sentence number {i}") for i in range(10_000)]
    with cpu_budget(10):
        conv = parse(_vtt(cues), fmt="vtt")
    assert len(conv.turns) == 10_000
    assert conv.turns[-1].line == 4 + 4 * 9_999 - 1


def test_vtt_five_megabyte_line() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Jane>" + "word " * 1_000_000 + "</v>\n"
    conv = parse(text, fmt="vtt")
    assert conv.turns[0].speaker == "Jane"
    assert len(conv.turns[0].text) == len("word " * 1_000_000) - 1


def test_vtt_many_unclosed_tags_stay_fast() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\n" + "<b" * 500_000 + "\n"
    with cpu_budget(5):
        assert parse(text, fmt="vtt").turns[0].text.startswith("<b<b")


def test_vtt_control_characters_are_cleaned() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Jane>a\x07b\x1bc\u0085d</v>\n"
    assert pairs(parse(text, fmt="vtt")) == [("Jane", "a b c d")]


@given(dialogues)
@settings(max_examples=60, deadline=None)
def test_vtt_round_trips_voice_tags(cues: list[tuple[str, str]]) -> None:
    conv = parse(_vtt(cues), fmt="vtt", merge_consecutive=False)
    assert pairs(conv) == cues
    assert pairs(parse(_vtt(cues), fmt="vtt")) == merged(cues)


@given(dialogues)
@settings(max_examples=60, deadline=None)
def test_vtt_round_trips_zoom_labels(cues: list[tuple[str, str]]) -> None:
    conv = parse(_vtt(cues, zoom=True), fmt="vtt", merge_consecutive=False)
    assert pairs(conv) == cues
    assert [t.start for t in conv.turns] == [i * 2.0 for i in range(len(cues))]


@given(st.text() | soup)
@settings(max_examples=150, deadline=None)
def test_vtt_arbitrary_text_raises_only_input_errors(text: str) -> None:
    for candidate in (text, "WEBVTT\n\n" + text, "WEBVTT\n\n00:01.000 --> 00:02.000\n" + text):
        with contextlib.suppress(InputError):
            parse(candidate, fmt="vtt")


def test_vtt_header_lines_are_metadata() -> None:
    # A recorder's header ("Date: ...") says when the call was; the ledger logs it on that day.
    text = (
        "WEBVTT\nKind: captions\nDate: 2026-11-09\n\n"
        "00:00:01.000 --> 00:00:02.000\n<v Dana>Hello there.</v>\n"
    )
    conversation = parse(text, "call.vtt", "vtt")
    assert conversation.metadata == {"kind": "captions", "date": "2026-11-09"}
    assert [t.text for t in conversation.turns] == ["Hello there."]
