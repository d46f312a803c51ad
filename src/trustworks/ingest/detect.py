"""Guess a transcript's format from its content, with the file extension as a tie-breaker."""

from __future__ import annotations

import re
from pathlib import PurePath

from trustworks.errors import FormatError
from trustworks.ingest import plain

EXTENSIONS = {
    ".vtt": "vtt",
    ".srt": "srt",
    ".txt": "plain",
    ".json": "json",
    ".eml": "email",
    ".mbox": "email",
}

UNKNOWN_FORMAT = "unknown format: expected WebVTT, SRT, JSON turns, e-mail or 'Name: text' lines"

# Detection only looks at the head of the input: formats announce themselves early.
_HEAD_CHARS = 64 * 1024
_HEAD_LINES = 200
_PLAIN_LINES = 20

_SRT_INDEX = re.compile(r"\s*\d{1,9}\s*")
_HEADER_FIELD = re.compile(r"([!-9;-~]+):")
_MBOX_FROM = re.compile(r"From \S+\s+\S.*\d")

_MAIL_HEADERS = frozenset(
    {
        "from", "to", "cc", "bcc", "subject", "date", "message-id", "received",
        "return-path", "mime-version", "content-type", "content-transfer-encoding",
        "reply-to", "sender", "delivered-to", "in-reply-to", "references", "x-mailer",
        "thread-topic", "thread-index", "user-agent", "dkim-signature",
        "authentication-results", "x-originating-ip",
    }
)  # fmt: skip
# At least one of these: the others also start HTTP dumps and other header-like files.
_CORE_MAIL_HEADERS = frozenset({"from", "subject", "date", "message-id", "received"})


def detect_format(text: str, source: str) -> str:
    """Return the format name of `text`: "vtt", "srt", "json", "email" or "plain".

    Content decides; the extension of `source` breaks ties and names the format of
    input that matches nothing, so its own parser can say what is wrong with it.
    """
    hint = EXTENSIONS.get(PurePath(source).suffix.lower()) if source else None
    lines = text[:_HEAD_CHARS].lstrip("\ufeff").split("\n", _HEAD_LINES)[:_HEAD_LINES]
    nonblank = [line for line in lines if line.strip()]
    if not nonblank:
        raise FormatError(source, UNKNOWN_FORMAT)
    first = nonblank[0]
    if first.startswith("WEBVTT"):
        return "vtt"
    if _looks_srt(nonblank):
        return "srt"
    if _looks_json(text):
        return "json"
    if _looks_email(lines):
        return "email"
    if "-->" in first and hint in (None, "vtt", "srt"):
        # A timing line without a WEBVTT header or cue number: SRT if its times use commas.
        return hint or ("srt" if "," in first else "vtt")
    # A speaker line first is strong evidence; one further down loses to the extension.
    if plain.is_speaker_line(first):
        return "plain"
    if hint is not None and hint != "plain":
        return hint
    if plain.looks_like_plain(nonblank[:_PLAIN_LINES]):
        return "plain"
    if hint is not None:
        return hint
    raise FormatError(source, UNKNOWN_FORMAT)


def _looks_srt(nonblank: list[str]) -> bool:
    if len(nonblank) < 2:
        return False
    return bool(_SRT_INDEX.fullmatch(nonblank[0])) and "-->" in nonblank[1]


def _looks_json(text: str) -> bool:
    body = text.lstrip(" \t\n\ufeff")
    if body.startswith("{"):
        return True
    if not body.startswith("["):
        return False
    # "[00:01:23] Jane: ..." starts plain transcripts too: JSON turns open with [{, [[, [" or [].
    after = body[1:64].lstrip()
    return after == "" or after[0] in '{["]'


def _looks_email(lines: list[str]) -> bool:
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start == len(lines):
        return False
    if _MBOX_FROM.match(lines[start]):
        return True
    names: set[str] = set()
    ended = False  # whether a blank line closes the header block, as before a body
    for line in lines[start:]:
        if not line.strip():
            ended = True
            break
        if line[0] in " \t":  # a folded header continues on indented lines
            continue
        match = _HEADER_FIELD.match(line)
        if match is None:
            return False
        names.add(match.group(1).lower())
    known = names & _MAIL_HEADERS
    # "From:" alone is no speaker label, so a closed block holding it is a (minimal) e-mail.
    return (len(known) >= 2 and bool(known & _CORE_MAIL_HEADERS)) or (ended and "from" in names)
