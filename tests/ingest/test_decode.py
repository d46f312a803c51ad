"""Decoding bytes: BOMs, UTF-16 without BOM, UTF-8, Windows-1252, binary, explicit encodings."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustworks.errors import EncodingError, InputError
from trustworks.ingest import decode_text, parse

TEXT = "Jane: Le café coûte 10 € — d'accord?\nBob: Oui.\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),  # no BOM: told apart by where the NUL bytes fall
        TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
        codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"),
        TEXT.encode("cp1252"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r").encode("utf-16"),
    ],
)
def test_decode_text_encodings(data: bytes) -> None:
    assert decode_text(data, "x") == TEXT


def test_decode_text_latin1_and_windows_1252() -> None:
    assert decode_text("Müller: naïve".encode("latin-1"), "x") == "Müller: naïve"
    assert decode_text(b"Jane: \x93quoted\x94 \x80", "x") == "Jane: \u201cquoted\u201d \u20ac"


def test_decode_text_mixed_encodings_line_by_line() -> None:
    data = "Jane: café\n".encode() + "Bob: café\n".encode("cp1252")
    assert decode_text(data, "x") == "Jane: café\nBob: café\n"


@pytest.mark.parametrize(
    ("data", "line", "problem"),
    [
        (
            b"Jane: hi\nBob: \x00\x01\x02\x03binary",
            2,
            "binary data, not text (first NUL byte at line 2)",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "binary data, not text"),
        (b"old\rmac\rfile\x00", 3, "first NUL byte at line 3"),
        (bytes(range(256)) * 4, 1, "binary data, not text"),
        (b"a\x01b\x02c\x03d\x04e\x05", 1, "binary data, not text (5 control characters"),
        (b"ok\nline two \x81\x01 bad", 2, "not valid utf-8 at line 2, column 10 (byte 0x81)"),
        (codecs.BOM_UTF8 + b"ok\n\xff", 2, "not valid utf-8 at line 2, column 1 (byte 0xff)"),
        (codecs.BOM_UTF16_LE + b"a\x00\n\x00\x00\xdc", 2, "not valid utf-16-le at line 2"),
        (codecs.BOM_UTF8 + b"ok\n\x00", 2, "first NUL byte at line 2"),
    ],
)
def test_decode_text_rejects_binary(data: bytes, line: int, problem: str) -> None:
    with pytest.raises(EncodingError) as caught:
        decode_text(data, "in.txt")
    assert caught.value.line == line
    assert problem in caught.value.problem
    assert caught.value.source == "in.txt"


def test_decode_text_few_control_characters_are_fine() -> None:
    text = "Jane: a bell \x07 and an escape \x1b in a long enough line of text" * 3
    assert decode_text(text.encode(), "x") == text


@pytest.mark.parametrize(
    "data",
    [b"", b"   ", b"\n\r\n\t", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")],
)
def test_decode_text_empty_input(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        decode_text(data, "x")
    assert caught.value.problem == "empty input: no text to analyse"
    assert type(caught.value) is InputError


@pytest.mark.parametrize(
    ("encoding", "data", "expected"),
    [
        ("latin-1", "café".encode("latin-1"), "café"),
        ("utf-8", codecs.BOM_UTF8 + b"caf\xc3\xa9", "café"),
        ("UTF16", "café".encode("utf-16-be"), "café"),  # no BOM: the NUL bytes give the order
        ("utf-16", "café".encode("utf-16-le"), "café"),
        ("utf-16", codecs.BOM_UTF16_BE + "café".encode("utf-16-be"), "café"),
        ("cp1252", b"\x80", "€"),
    ],
)
def test_decode_text_explicit_encoding(encoding: str, data: bytes, expected: str) -> None:
    assert decode_text(data, "x", encoding) == expected


@pytest.mark.parametrize(
    ("encoding", "data", "line", "problem"),
    [
        (
            "utf-8",
            b"one\ntwo\nthe price is caf\xe9 10",
            3,
            "not valid utf-8 at line 3, column 17 (byte 0xe9)",
        ),
        ("ascii", b"ok\r\n\xe9", 2, "not valid ascii at line 2, column 1 (byte 0xe9)"),
        ("utf-16-le", b"a\x00b", 1, "not valid utf-16-le at line 1, column 2"),
        ("klingon", b"hi", None, "unknown encoding 'klingon'"),
        ("base64", b"aGk=", None, "cannot decode with 'base64'"),
    ],
)
def test_decode_text_explicit_encoding_errors(
    encoding: str, data: bytes, line: int | None, problem: str
) -> None:
    with pytest.raises(EncodingError) as caught:
        decode_text(data, "x", encoding)
    assert caught.value.line == line
    assert problem in caught.value.problem


def test_decode_text_utf16_without_bom_feeds_the_parser() -> None:
    conv = parse(
        decode_text(
            "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Zoë>Hallo</v>\n".encode("utf-16-le"), "x"
        )
    )
    assert [(t.speaker, t.text) for t in conv.turns] == [("Zoë", "Hallo")]


@given(st.binary())
@settings(max_examples=300, deadline=None)
def test_decode_text_arbitrary_bytes_give_text_or_input_error(data: bytes) -> None:
    try:
        text = decode_text(data, "x")
    except InputError:
        return
    assert "\r" not in text
    assert not text.startswith("\ufeff")
    assert "\x00" not in text


_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff")
).filter(str.strip)


@given(_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32"]))
@settings(max_examples=200, deadline=None)
def test_decode_text_round_trips_text(text: str, encoding: str) -> None:
    try:
        decoded = decode_text(text.encode(encoding), "x")
    except EncodingError:
        # Only UTF-16 without BOM can fail, when its bytes do not show the NUL pattern.
        assert encoding == "utf-16-le"
        return
    assert decoded == text or encoding == "utf-16-le"


def test_decode_a_lone_surrogate_in_json_turns_becomes_a_replacement_mark() -> None:
    from trustworks.analysis import analyze
    from trustworks.ingest import parse

    text = (
        '{"turns": [{"speaker": "Client", "text": "bad \\ud800 x"}, '
        '{"speaker": "Seller", "text": "so you \\udfff mean it?"}]}'
    )
    conversation = parse(text, source="<t>")
    assert all("\ufffd" in turn.text for turn in conversation.turns)
    assert len(analyze(conversation, ["Seller"]).conversation.turns) == 2
