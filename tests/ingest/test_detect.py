"""Format detection: content first, the file extension as a tie-breaker."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustworks.errors import FormatError, InputError
from trustworks.ingest import detect_format
from trustworks.ingest.detect import EXTENSIONS, UNKNOWN_FORMAT

SRT = "1\n00:00:01,000 --> 00:00:02,000\nJane: hi\n"
VTT = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Jane>hi</v>\n"


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        (VTT, "<stdin>", "vtt"),
        ("\n\nWEBVTT - Zoom\n", "call.txt", "vtt"),
        (SRT, "<stdin>", "srt"),
        ("\n" + SRT, "talk.vtt", "srt"),  # content beats a misleading extension
        ('[{"speaker": "A", "text": "hi"}]', "<stdin>", "json"),
        ('  {"turns": []}', "x.txt", "json"),
        ("[\n  {", "<stdin>", "json"),  # broken JSON is still JSON: its parser says where
        ("[]", "<stdin>", "json"),
        ("[00:00:01] Jane: hi", "<stdin>", "plain"),
        ("[Music]\nJane: hi", "<stdin>", "plain"),
        ("Jane Doe: Thanks for joining.\nBob: Sure.", "<stdin>", "plain"),
        ("Call notes\nJane: hi\nBob: hello", "<stdin>", "plain"),
        ("From: Jane <j@x.example>\nTo: b@x.example\nSubject: Hi\n\nBody", "<stdin>", "email"),
        (
            "Received: from mx\nFrom: Jane <j@x.example>\nDate: Mon, 2 Mar 2026\n\nBody",
            "x",
            "email",
        ),
        ("From: Jane <j@x.example>\n\nBody", "<stdin>", "email"),
        ("From jane@x.example Mon Mar  2 09:00:00 2026\nFrom: Jane\n\nhi", "<stdin>", "email"),
        ("00:00:01,000 --> 00:00:02,000\nhi", "<stdin>", "srt"),
        ("00:00:01.000 --> 00:00:02.000\nhi", "<stdin>", "vtt"),
        ("00:00:01.000 --> 00:00:02.000\nhi", "broken.srt", "srt"),
        # Unreadable content: the extension names the format, so its parser can explain.
        ("just some words", "notes.vtt", "vtt"),
        ("just some words", "notes.srt", "srt"),
        ("just some words", "notes.json", "json"),
        ("just some words", "notes.EML", "email"),
        ("just some words", "notes.mbox", "email"),
        ("just some words", "notes.txt", "plain"),
        # A speaker line further down loses to the extension; a first-line one does not.
        ("1\nJane: hi", "a.srt", "srt"),
        ("Jane: hi", "a.srt", "plain"),
    ],
)
def test_detect_format_table(text: str, source: str, expected: str) -> None:
    assert detect_format(text, source) == expected


@pytest.mark.parametrize(
    "text",
    [
        "just some words",
        "Note: the price is ten dollars.",
        "https://example.com",
        "[1, 2, 3]",
        "   \n\n  ",
        "10:30",
    ],
)
def test_detect_unknown_format(text: str) -> None:
    with pytest.raises(FormatError) as caught:
        detect_format(text, "<stdin>")
    assert caught.value.problem == UNKNOWN_FORMAT
    assert caught.value.source == "<stdin>"


def test_detect_extension_table_matches_the_documented_one() -> None:
    assert EXTENSIONS == {
        ".vtt": "vtt", ".srt": "srt", ".txt": "plain", ".json": "json", ".eml": "email",
        ".mbox": "email",
    }  # fmt: skip


def test_detect_every_sample_file(data_dir: Path) -> None:
    expected = {".vtt": "vtt", ".srt": "srt", ".txt": "plain", ".json": "json", ".eml": "email",
                ".mbox": "email"}  # fmt: skip
    for path in sorted(data_dir.iterdir()):
        # The name is hidden so only the content decides.
        assert detect_format(path.read_text(encoding="utf-8"), "<stdin>") == expected[path.suffix]


def test_detect_only_reads_the_head_of_huge_input() -> None:
    assert detect_format("Jane: hi\n" + "x" * 20_000_000, "<stdin>") == "plain"
    with pytest.raises(FormatError):
        detect_format("x" * 20_000_000, "<stdin>")


@given(st.text(), st.sampled_from(["<stdin>", "a.vtt", "a.srt", "a.txt", "a.json", "a.eml", "a"]))
@settings(max_examples=200, deadline=None)
def test_detect_arbitrary_text_gives_a_format_or_format_error(text: str, source: str) -> None:
    try:
        assert detect_format(text, source) in ("vtt", "srt", "plain", "json", "email")
    except InputError as exc:
        assert exc.problem == UNKNOWN_FORMAT
