"""parse and load end to end, the public API and its __all__."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trustworks.ingest as ingest
from trustworks.errors import EncodingError, FormatError, InputError, InputTooLargeError
from trustworks.ingest import FORMATS, load, parse

from .helpers import pairs, soup


def test_loader_all_is_complete() -> None:
    public = {name for name in vars(ingest) if not name.startswith("_")} - {"annotations"}
    modules = {"decode", "detect", "jsonturns", "loader", "mail", "plain", "read", "srt", "vtt"}
    assert set(ingest.__all__) == public - modules
    assert set(ingest.__all__) == {
        "DEFAULT_MAX_BYTES", "FORMATS", "decode_text", "detect_format", "load", "parse",
        "read_source",
    }  # fmt: skip


def test_loader_formats() -> None:
    assert FORMATS == ("vtt", "srt", "plain", "json", "email")


@pytest.mark.parametrize(
    ("name", "fmt", "speakers"),
    [
        ("teams.vtt", "vtt", ["Priya Shah", "Tom Becker"]),
        ("zoom.vtt", "vtt", ["Maria Lopez", "Ken Ito"]),
        ("demo.srt", "srt", ["Alex Kim", "Dana Cole"]),
        ("discovery.txt", "plain", ["Sam Rivera", "Lena Park"]),
        ("call.json", "json", ["Olivia Grant", "Raj Patel"]),
        ("gmail_reply.eml", "email", ["Jane Doe", "Bob Stone"]),
        ("outlook.eml", "email", ["Sara Malik", "Chen, Wei"]),
        ("thread.mbox", "email", ["Lee Brooks", "Ana Silva"]),
    ],
)
def test_loader_load_every_sample(data_dir: Path, name: str, fmt: str, speakers: list[str]) -> None:
    conv = load(data_dir / name)
    assert (conv.format, conv.source, conv.speakers()) == (fmt, str(data_dir / name), speakers)
    assert conv.seller == ()
    assert all(t.line is not None and t.line >= 1 for t in conv.turns)


def test_loader_load_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "Jane: Grüß dich\nBob: Hallo\n".encode("utf-16")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    conv = load("-")
    assert (conv.source, conv.format, pairs(conv)) == (
        "<stdin>",
        "plain",
        [("Jane", "Grüß dich"), ("Bob", "Hallo")],
    )


def test_loader_load_latin1_file_with_forced_format(tmp_path: Path) -> None:
    path = tmp_path / "notes.data"
    path.write_bytes("Zoë: Prix à négocier\r\n".encode("latin-1"))
    assert pairs(load(path, fmt="plain")) == [("Zoë", "Prix à négocier")]


@pytest.mark.parametrize(
    ("content", "kwargs", "error", "problem"),
    [
        (b"", {}, InputError, "empty input"),
        (b"\x00\x01\x02\x03\x04", {}, EncodingError, "binary data"),
        (b"caf\xe9: x", {"encoding": "utf-8"}, EncodingError, "not valid utf-8 at line 1"),
        (b"hello", {"max_bytes": 3}, InputTooLargeError, "the limit is 3 bytes"),
        (b"Jane: hi", {"fmt": "docx"}, FormatError, "unknown format 'docx'"),
        (b"nothing to see", {}, FormatError, "unknown format"),
    ],
)
def test_loader_load_errors(
    tmp_path: Path,
    content: bytes,
    kwargs: dict[str, object],
    error: type[InputError],
    problem: str,
) -> None:
    path = tmp_path / "in.dat"
    path.write_bytes(content)
    with pytest.raises(error) as caught:
        load(path, **kwargs)  # type: ignore[arg-type]
    assert problem in str(caught.value)
    assert caught.value.source == str(path)


def test_loader_unknown_format_lists_the_valid_ones() -> None:
    with pytest.raises(FormatError) as caught:
        parse("Jane: hi", "x", "docx")
    assert (
        caught.value.problem
        == "unknown format 'docx': expected one of vtt, srt, plain, json, email"
    )


def test_loader_parse_normalises_newlines_and_bom() -> None:
    conv = parse("\ufeffJane: one\r\ntwo\rBob: three\r\n")
    assert pairs(conv) == [("Jane", "one two"), ("Bob", "three")]
    assert [t.line for t in conv.turns] == [1, 3]


def test_loader_parse_defaults() -> None:
    conv = parse("Jane: hi")
    assert (conv.source, conv.format) == ("<memory>", "plain")


@pytest.mark.parametrize("fmt", [None, *FORMATS])
def test_loader_parse_empty_text(fmt: str | None) -> None:
    with pytest.raises(FormatError, match="empty input"):
        parse(" \n\t", fmt=fmt)


@given(st.binary(max_size=2000), st.sampled_from([None, *FORMATS]))
@settings(max_examples=300, deadline=None)
def test_loader_arbitrary_bytes_raise_only_input_errors(data: bytes, fmt: str | None) -> None:
    try:
        text = ingest.decode_text(data, "x")
        conv = parse(text, "x", fmt)
    except InputError:
        return
    assert conv.turns
    assert all(t.text and t.speaker for t in conv.turns)


@given(st.text() | soup, st.sampled_from([None, *FORMATS]))
@settings(max_examples=300, deadline=None)
def test_loader_arbitrary_text_raises_only_input_errors(text: str, fmt: str | None) -> None:
    try:
        conv = parse(text, "x", fmt)
    except InputError:
        return
    assert all(t.text.strip() == t.text and t.text for t in conv.turns)
