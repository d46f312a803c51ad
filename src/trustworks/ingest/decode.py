"""Turn input bytes into text: byte-order marks, UTF-16 without BOM, UTF-8, Windows-1252."""

from __future__ import annotations

import codecs
import re

from trustworks.errors import EncodingError, InputError

# Longest BOMs first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# How much of the input the UTF-16 sniffing looks at: enough to see a pattern, cheap on 50 MB.
_SNIFF_BYTES = 4096

# C0 controls other than tab, LF, FF and CR, DEL and the C1 range: never in real text.
_BAD_CODES = (*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0))
_DELETE_BAD: dict[int, None] = dict.fromkeys(_BAD_CODES)
_BAD_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

# Decoded text with more than this share of control characters is binary, not a transcript.
_MAX_CONTROL_SHARE = 0.05
_MIN_CONTROLS_FOR_BINARY = 4


def decode_text(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode `data` to text with "\\n" newlines and no BOM.

    Without `encoding`, reads BOMs, UTF-16 without BOM, UTF-8, then plausible Windows-1252.
    """
    if not data.strip():
        raise InputError(source, "empty input: no text to analyse")
    if encoding is not None:
        text = _decode_named(data, source, encoding)
    else:
        text = _decode_sniffed(data, source)
    text = _normalise(text)
    _check_not_binary(text, source)
    if not text.strip():
        raise InputError(source, "empty input: no text to analyse")
    return text


def _normalise(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _decode_named(data: bytes, source: str, encoding: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise EncodingError(source, f"unknown encoding {encoding!r}") from None
    # A BOM in the data wins over the codec's default byte order, as in every editor.
    if name in ("utf-16", "utf-32"):
        for bom, bom_codec in _BOMS:
            if data.startswith(bom) and bom_codec.startswith(name):
                return _decode_strict(data[len(bom) :], source, bom_codec)
        if name == "utf-16":  # no BOM: the NUL bytes tell the byte order better than a default
            return _decode_strict(data, source, _utf16_without_bom(data) or "utf-16-le")
    return _decode_strict(data, source, name)


def _decode_strict(data: bytes, source: str, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        problem, line = _bad_byte(data, codec, exc)
        raise EncodingError(source, problem, line) from None
    except (LookupError, ValueError) as exc:  # non-text codecs such as "base64" or "zip"
        raise EncodingError(source, f"cannot decode with {codec!r}: {exc}") from None


def _bad_byte(data: bytes, codec: str, exc: UnicodeDecodeError) -> tuple[str, int]:
    """Describe the first undecodable byte by line and column, counted in decoded characters."""
    prefix = _normalise(data[: exc.start].decode(codec, errors="replace"))
    line = prefix.count("\n") + 1
    column = len(prefix) - (prefix.rfind("\n") + 1) + 1
    byte = data[exc.start] if exc.start < len(data) else 0
    return f"not valid {codec} at line {line}, column {column} (byte 0x{byte:02x})", line


def _decode_sniffed(data: bytes, source: str) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data[len(bom) :], source, codec)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            try:
                return data.decode(utf16)
            except UnicodeDecodeError:
                pass  # the NUL pattern was a coincidence: binary after all
        line = _byte_line(data, data.index(b"\x00"))
        raise EncodingError(source, f"binary data, not text (first NUL byte at line {line})", line)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _decode_legacy(data, source, exc)


def _byte_line(data: bytes, offset: int) -> int:
    """The 1-based line of byte `offset`, counting CRLF, CR and LF as line ends."""
    prefix = data[:offset]
    return prefix.count(b"\n") + prefix.count(b"\r") - prefix.count(b"\r\n") + 1


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 byte order from where the NUL bytes fall in the first few kilobytes."""
    sample = data[:_SNIFF_BYTES]
    sample = sample[: len(sample) - len(sample) % 2]
    pairs = len(sample) // 2
    if pairs == 0:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    # ASCII-heavy UTF-16 has a NUL in nearly every pair, always on the same side.
    if odd_nuls >= 0.3 * pairs and even_nuls <= 0.05 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.3 * pairs and odd_nuls <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes, source: str, utf8_error: UnicodeDecodeError) -> str:
    """Decode line by line: UTF-8 where a line is valid UTF-8, Windows-1252 or Latin-1 elsewhere.

    Going line by line keeps files that mix encodings (pasted text) readable.
    """
    lines = data.split(b"\n")
    out: list[str] = []
    for raw in lines:
        try:
            out.append(raw.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d are unassigned in cp1252
            text = raw.decode("latin-1")
        if len(text.translate(_DELETE_BAD)) != len(text):
            problem, line = _bad_byte(data, "utf-8", utf8_error)
            raise EncodingError(
                source, f"{problem}, and not plausible Windows-1252 text either", line
            )
        out.append(text)
    return "\n".join(out)


def _check_not_binary(text: str, source: str) -> None:
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise EncodingError(source, f"binary data, not text (first NUL byte at line {line})", line)
    controls = len(text) - len(text.translate(_DELETE_BAD))
    if controls >= _MIN_CONTROLS_FOR_BINARY and controls > _MAX_CONTROL_SHARE * len(text):
        first = _BAD_RE.search(text)
        line = text.count("\n", 0, first.start() if first else 0) + 1
        raise EncodingError(
            source,
            f"binary data, not text ({controls:,} control characters, the first at line {line})",
            line,
        )
