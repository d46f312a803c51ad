"""E-mail: one message (.eml) with its quoted history rebuilt as earlier turns, or an mbox.

A message's own words are its text/plain part (or its text/html part as text) without
quoted lines, signature, or the history below an attribution line ("On ..., Jane Doe
<jane@x.com> wrote:") or an Outlook header block ("From: ... Sent: ... To: ...").
A single message's history becomes earlier turns, oldest first; an mbox gives one turn
per message in date order.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_string, policy
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from typing import Any

from trustworks.conversation import Conversation
from trustworks.errors import FormatError
from trustworks.ingest._text import Segment, make_conversation

# RFC 5322 caps a header line at 998 characters; the policy.default header parser is
# superlinear in the value (a 1 MB From: takes half a minute), so values are cut first.
_MAX_HEADER_CHARS = 8 * 1024
# How many quoted messages one e-mail may unfold into; each level rescans the history.
_MAX_HISTORY = 25
_MAX_ATTRIBUTION_CHARS = 400


class _BoundedHeaders(HeaderRegistry):
    """The default header registry, reading at most _MAX_HEADER_CHARS of each value."""

    def __call__(self, name: str, value: Any) -> BaseHeader:
        if isinstance(value, str) and len(value) > _MAX_HEADER_CHARS:
            value = value[:_MAX_HEADER_CHARS]
        return super().__call__(name, value)


_POLICY = policy.default.clone(header_factory=_BoundedHeaders())

_MBOX_FROM = re.compile(r"From \S+\s+\S.*[0-9]")
_MBOX_ESCAPED = re.compile(r">+From ")
_ORIGINAL = re.compile(r"-{2,}\s*(?:original message|forwarded message)\s*-{2,}", re.IGNORECASE)
_UNDERSCORES = re.compile(r"_{10,}")
_HEADER_LINE = re.compile(r"\*?([A-Za-z][A-Za-z -]{0,20}?)\*?:[ \t]*(.*)")
_OPENERS = ("On ", "Le ", "Am ", "El ", "Il ", "Op ", "Em ")
_VERBS = ("wrote:", "a écrit :", "a écrit:", "schrieb:", "escribió:", "ha scritto:",
          "schreef:", "escreveu:")  # fmt: skip
_TIME = re.compile(r"[0-9]{1,2}[:.][0-9]{2}(?::[0-9]{2})?(?:\s*[AaPp]\.?[Mm]\.?)?")
_MAILTO = re.compile(r"\[mailto:([^\]\s]*)\]")
_ANGLE_ADDRESS = re.compile(r"<([^<>\s]+@[^<>\s]+)>\s*$")
_BARE_ADDRESS = re.compile(r"([^\s<>()\[\],;:\"]+@[^\s<>()\[\],;:\"]+)\s*$")
_MOBILE_SIGNATURE = re.compile(
    r"(?:sent from my \w[\w ]{0,30}|get outlook for \w+|sent from (?:outlook|mail) for \w+)\.?",
    re.IGNORECASE,
)
_DATE_FORMATS = (
    "%a, %d %b %Y %H:%M", "%a, %b %d, %Y %I:%M %p", "%a, %b %d, %Y %H:%M", "%d %b %Y %H:%M",
    "%A, %B %d, %Y %I:%M %p", "%A, %B %d, %Y %H:%M", "%A, %d %B %Y %H:%M", "%d %B %Y %H:%M",
    "%a, %d %b %Y %H:%M:%S", "%Y-%m-%d %H:%M", "%m/%d/%Y %I:%M %p", "%d/%m/%Y %H:%M",
)  # fmt: skip


@dataclass(slots=True)
class _Author:
    name: str
    address: str = ""
    date: datetime | None = None


@dataclass(slots=True)
class _Message:
    author: _Author
    line: int  # where the message starts in the source
    body: list[str]
    body_lines: list[int | None]  # the source line of each body line, when known
    msg: Message
    subject: str = ""


@dataclass(slots=True)
class _Piece:
    """One message's own words, found in a body or rebuilt from its quoted history."""

    author: _Author
    text: str
    line: int | None


# ---------------------------------------------------------------------------- headers


def _header(msg: Message, name: str) -> str:
    """A header as text; the raw value when the stdlib parser cannot read it."""
    try:
        value = msg.get(name)
    except Exception:  # the stdlib header parser raises many kinds of error on hostile input
        value = None
        for key, raw in msg.raw_items():
            if key.lower() == name.lower():
                value = raw[:_MAX_HEADER_CHARS]
                break
    return " ".join(str(value).split()) if value is not None else ""


def _parse_date(text: str) -> datetime | None:
    """RFC 5322 dates, and the few human formats mail clients write in attributions."""
    text = " ".join(text.replace(" at ", " ").split())
    if not text:
        return None
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        parsed = None
        for fmt in _DATE_FORMATS:
            try:
                parsed = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _author_from_header(value: str) -> _Author | None:
    value = _MAILTO.sub(lambda m: f"<{m.group(1)}>", value)
    try:
        pairs = getaddresses([value])
    except (TypeError, ValueError, IndexError, RecursionError):
        pairs = [parseaddr(value)]
    for name, address in pairs:
        name = " ".join(name.split()).strip("'\" ")
        if name or address:
            return _Author(name or address, address.lower())
    text = " ".join(value.split())
    return _Author(text) if text else None


# ------------------------------------------------------------------------------- body


_BLOCK_TAGS = frozenset(
    {"address", "article", "blockquote", "br", "div", "dl", "dt", "dd", "footer", "h1", "h2",
     "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "section", "table",
     "tr", "ul"}
)  # fmt: skip
_SKIP_TAGS = frozenset({"head", "script", "style", "title"})
_TAG_NAME = re.compile(r"(/?)([A-Za-z][A-Za-z0-9]*)")


def html_to_text(markup: str) -> str:
    """Text of an HTML body: tags dropped, blocks on their own lines, <blockquote> as "> ".

    A small linear scanner rather than html.parser: on Python 3.11 HTMLParser is
    quadratic on unclosed tags and raises AssertionError on some declarations.
    """
    lines: list[str] = []
    current: list[str] = []
    depth = 0  # <blockquote> nesting
    line_depth = 0
    skipping: str | None = None

    def flush() -> None:
        nonlocal current, line_depth
        text = html.unescape("".join(current))
        lines.append("> " * line_depth + " ".join(text.split()))
        current = []
        line_depth = depth

    pos = 0
    length = len(markup)
    while pos < length:
        opening = markup.find("<", pos)
        if opening < 0:
            opening = length
        if skipping is None and opening > pos:
            current.append(markup[pos:opening])
        if opening >= length:
            break
        if markup.startswith("<!--", opening):
            end = markup.find("-->", opening + 4)
            pos = length if end < 0 else end + 3
            continue
        closing = markup.find(">", opening + 1)
        if closing < 0:  # no ">" after this "<", so none after any later one: the rest is text
            if skipping is None:
                current.append(markup[opening:])
            break
        match = _TAG_NAME.match(markup, opening + 1)
        if match is None and markup[opening + 1 : opening + 2] != "!":
            if skipping is None:  # "a < b" is text
                current.append("<")
            pos = opening + 1
            continue
        pos = closing + 1
        if match is None:
            continue  # <!DOCTYPE ...> and other declarations
        is_end, name = match.group(1) == "/", match.group(2).lower()
        if skipping is not None:
            if is_end and name == skipping:
                skipping = None
            continue
        if name in _SKIP_TAGS and not is_end:
            skipping = name
            continue
        if name in _BLOCK_TAGS:
            flush()
            if name == "blockquote":
                depth = max(0, depth - 1) if is_end else depth + 1
                line_depth = depth
    flush()
    return "\n".join(lines)


def _text_of(part: EmailMessage) -> str:
    """The decoded text of a text/* part, whatever its charset and transfer encoding."""
    cte = part.get("content-transfer-encoding")
    encoding = str(cte).strip().lower() if cte is not None else ""
    payload = part.get_payload()
    if encoding in ("", "7bit", "8bit", "binary") and isinstance(payload, str):
        return payload  # the input was decoded to text already; decoding again would garble it
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError, AssertionError):
        raw = part.get_payload(decode=True)
        content = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else ""
    return content if isinstance(content, str) else ""


def _body(msg: EmailMessage, body_start: int) -> tuple[list[str], list[int | None]] | None:
    """Body lines and their source lines (known only for a plain, unencoded body)."""
    part = msg.get_body(preferencelist=("plain", "html"))
    if not isinstance(part, EmailMessage):
        return None
    text = _text_of(part).replace("\r\n", "\n").replace("\r", "\n")
    if part.get_content_subtype() == "html":
        lines = html_to_text(text).split("\n")
        return lines, [body_start] + [None] * (len(lines) - 1)
    lines = text.split("\n")
    if part is msg and not msg.is_multipart() and text == msg.get_payload():
        return lines, list(range(body_start, body_start + len(lines)))
    return lines, [body_start] + [None] * (len(lines) - 1)


# ------------------------------------------------------------------- quotes & history


@dataclass(slots=True)
class _Reply:
    own: list[int]  # indexes of the lines that are this message's own words
    author: _Author | None = None  # the author of the quoted message, when there is one
    at: int = 0  # index of the attribution line or header block
    quoted: list[int] = field(default_factory=list)  # indexes of the quoted message's lines
    unquote: bool = False  # whether the quoted lines carry one level of ">"


def _attribution(lines: Sequence[str], i: int) -> tuple[_Author, int] | None:
    """The author named by an "On ... wrote:" line at `i` (maybe wrapped), and its length."""
    first = lines[i].strip()
    if not first.startswith(_OPENERS) or len(first) > _MAX_ATTRIBUTION_CHARS:
        return None
    joined = first
    for extra in range(3):
        if _is_attribution(joined):
            return _author_from_attribution(joined), extra + 1
        following = i + extra + 1
        if following >= len(lines) or not lines[following].strip():
            return None
        if lines[following].startswith(">"):
            return None
        joined = f"{joined} {lines[following].strip()}"
        if len(joined) > _MAX_ATTRIBUTION_CHARS:
            return None
    return None


def _is_attribution(text: str) -> bool:
    # German puts the verb before the name: "Am 02.03.2026 um 09:00 schrieb Bob <b@x>:".
    return text.endswith(_VERBS) or (
        text.startswith("Am ") and " schrieb " in text and text.endswith(":")
    )


def _author_from_attribution(text: str) -> _Author:
    # Wrapped lines can split "<bob@x.example>" after the "<".
    body = re.sub(r"<\s+", "<", re.sub(r"\s+>", ">", text[3:]))
    date_first = ""
    if text.startswith("Am ") and " schrieb " in body:
        date_first, body = body.split(" schrieb ", 1)
        body = body.rstrip(":").rstrip()
    for verb in _VERBS:
        if body.endswith(verb):
            body = body[: -len(verb)].rstrip()
            break
    address = ""
    match = _ANGLE_ADDRESS.search(body) or _BARE_ADDRESS.search(body)
    if match is not None:
        address = match.group(1).lower()
        body = body[: match.start()].rstrip()
    name = ""
    date_text = body
    if body.endswith('"') and body.count('"') >= 2:
        opening = body.rindex('"', 0, len(body) - 1)
        name, date_text = body[opening + 1 : -1], body[:opening]
    else:
        times = list(_TIME.finditer(body))
        if times:
            cut = times[-1].end()
            name, date_text = body[cut:], body[:cut]
        elif "," in body:
            date_text, name = body.rsplit(",", 1)
    if date_first:
        name, date_text = body, date_first
    name = " ".join(name.split()).strip(",'\" ")
    date = _parse_date(date_text.strip(" ,"))
    return _Author(name or address or "Unknown", address, date)


def _header_block(lines: Sequence[str], i: int) -> tuple[_Author, int] | None:
    """An Outlook/forward header block at `i`: its author and how many lines it spans."""
    start = i
    if _ORIGINAL.fullmatch(lines[i].strip()) or _UNDERSCORES.fullmatch(lines[i].strip()):
        start = i + 1
        while start < len(lines) and not lines[start].strip() and start < i + 3:
            start += 1
    if start >= len(lines) or not lines[start].lstrip(" *").lower().startswith("from"):
        return None
    fields: dict[str, str] = {}
    end = start
    while end < len(lines) and end < start + 12 and lines[end].strip():
        match = _HEADER_LINE.fullmatch(lines[end].strip())
        if match is None:
            break
        name = match.group(1).strip().lower()
        if name in fields:  # a header block names each field once
            break
        fields[name] = match.group(2).strip()
        end += 1
    if "from" not in fields:
        return None
    has_when = "sent" in fields or "date" in fields
    complete = has_when and ("to" in fields or "subject" in fields)
    if not complete and start == i:  # without a separator line, demand a full header block
        return None
    author = _author_from_header(fields["from"])
    if author is None:
        return None
    author.date = _parse_date(fields.get("sent") or fields.get("date") or "")
    return author, end - i


def _split_reply(lines: Sequence[str]) -> _Reply:
    """Find where a body's own words end and the quoted history begins."""
    for i, line in enumerate(lines):
        if line.startswith(">") or not line.strip():
            continue
        found = _attribution(lines, i)
        if found is not None:
            author, span = found
            own = [j for j in range(i) if not lines[j].startswith(">")]
            quoted: list[int] = []
            after = i + span
            j = after
            while j < len(lines) and (lines[j].startswith(">") or not lines[j].strip()):
                if lines[j].startswith(">"):
                    quoted.append(j)
                j += 1
            if not any(lines[k].strip() for k in own):  # bottom-posted: the reply follows
                own = [k for k in range(j, len(lines)) if not lines[k].startswith(">")]
            return _Reply(own, author, i, quoted, unquote=True)
        block = _header_block(lines, i)
        if block is not None:
            author, span = block
            own = [j for j in range(i) if not lines[j].startswith(">")]
            return _Reply(own, author, i, list(range(i + span, len(lines))))
    return _Reply([j for j, line in enumerate(lines) if not line.startswith(">")])


def _own_text(lines: Sequence[str], indexes: list[int]) -> tuple[str, int | None]:
    """Join a message's own lines, cutting the signature; also the index of the first one."""
    kept: list[str] = []
    first: int | None = None
    for j in indexes:
        line = lines[j]
        if line.rstrip() == "--":  # the "-- " signature separator
            break
        if _MOBILE_SIGNATURE.fullmatch(line.strip()):
            continue
        if first is None and line.strip():
            first = j
        kept.append(line)
    return "\n".join(kept).strip(), first


def _unquoted(line: str) -> str:
    line = line[1:]
    return line[1:] if line.startswith(" ") else line


def _history(message: _Message, *, rebuild: bool) -> list[_Piece]:
    """The message's own words, then (if `rebuild`) each quoted message, newest first."""
    pieces: list[_Piece] = []
    lines: list[str] = message.body
    numbers: list[int | None] = message.body_lines
    author = message.author
    fallback = numbers[0] if numbers and numbers[0] is not None else message.line
    for _ in range(_MAX_HISTORY):
        reply = _split_reply(lines)
        text, first = _own_text(lines, reply.own)
        line = numbers[first] if first is not None else None
        pieces.append(_Piece(author, text, line if line is not None else fallback))
        if not rebuild or reply.author is None or not reply.quoted:
            break
        fallback = numbers[reply.at] or fallback
        author = reply.author
        if reply.unquote:
            lines = [_unquoted(lines[j]) for j in reply.quoted]
        else:
            lines = [lines[j] for j in reply.quoted]
        numbers = [numbers[j] for j in reply.quoted]
    return pieces


# ----------------------------------------------------------------------------- messages


def _split_mbox(lines: list[str], start: int) -> list[tuple[int, str]]:
    """(line where the headers begin, message text) for each message of an mbox."""
    starts = [
        i
        for i in range(start, len(lines))
        if (i == start or not lines[i - 1].strip()) and _MBOX_FROM.match(lines[i])
    ]
    messages: list[tuple[int, str]] = []
    for k, first in enumerate(starts):
        last = starts[k + 1] if k + 1 < len(starts) else len(lines)
        body = [line[1:] if _MBOX_ESCAPED.match(line) else line for line in lines[first + 1 : last]]
        messages.append((first + 2, "\n".join(body)))
    return messages


def _read_message(text: str, line: int, source: str) -> _Message:
    # The stdlib mail parser raises assorted errors on hostile input (ValueError,
    # IndexError, AssertionError, RecursionError...): all of them mean "unreadable".
    try:
        msg = message_from_string(text, policy=_POLICY)
    except Exception as exc:
        raise FormatError(source, f"cannot read the e-mail message: {exc}", line) from None
    if not isinstance(msg, EmailMessage):
        raise FormatError(source, "cannot read the e-mail message", line)
    header_lines = 0
    for header_line in io.StringIO(text):  # lazily: the body can be 50 MB
        if not header_line.strip():
            break
        header_lines += 1
    body_start = line + header_lines + 1
    author = _author_from_header(_header(msg, "from"))
    if author is None:
        raise FormatError(source, "message has no From header", line)
    author.date = _parse_date(_header(msg, "date"))
    try:
        body = _body(msg, body_start)
    except Exception as exc:
        raise FormatError(source, f"cannot read the message body: {exc}", body_start) from None
    if body is None:
        raise FormatError(source, "message has no text/plain or text/html body", line)
    if not any(b.strip() for b in body[0]):
        raise FormatError(source, "message has an empty body", line)
    return _Message(author, line, body[0], body[1], msg, subject=_header(msg, "subject"))


def _metadata(msg: Message) -> dict[str, str]:
    """The headers worth keeping about a single message (not read for mbox: it is slow)."""
    names = {"from": "from", "to": "to", "cc": "cc", "date": "date", "message_id": "message-id"}
    values = {key: _header(msg, name) for key, name in names.items()}
    return {key: value for key, value in values.items() if value}


def _canonical_names(pieces: list[_Piece]) -> None:
    """Use one name per address: "jane@x.com wrote:" and "From: Jane Doe" are one speaker."""
    names: dict[str, str] = {}
    for piece in pieces:
        author = piece.author
        if author.address and author.name and author.name.lower() != author.address:
            names.setdefault(author.address, author.name)
    for piece in pieces:
        author = piece.author
        if author.address in names:
            author.name = names[author.address]


def parse_email(text: str, source: str, *, merge_consecutive: bool = True) -> Conversation:
    """Parse one e-mail (its quoted history becomes earlier turns) or an mbox thread."""
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and _MBOX_FROM.match(lines[start]):
        raw_messages = _split_mbox(lines, start)
    else:
        raw_messages = [(start + 1, "\n".join(lines[start:]))]
    messages = [_read_message(body, line, source) for line, body in raw_messages]
    if len(messages) == 1:
        pieces = list(reversed(_history(messages[0], rebuild=True)))
    else:
        if all(m.author.date is not None for m in messages):
            messages.sort(key=lambda m: m.author.date or datetime.min.replace(tzinfo=UTC))
        pieces = [_history(m, rebuild=False)[0] for m in messages]
    _canonical_names(pieces)
    dates = [p.author.date for p in pieces if p.author.date is not None]
    origin = min(dates) if dates else None
    segments = [
        Segment(
            piece.author.name,
            piece.text,
            piece.line,
            (piece.author.date - origin).total_seconds()
            if origin is not None and piece.author.date is not None
            else None,
        )
        for piece in pieces
    ]
    metadata = _metadata(messages[0].msg) if len(messages) == 1 else {}
    metadata["messages"] = str(len(pieces))
    subject = messages[0].subject
    return make_conversation(
        segments,
        source=source,
        fmt="email",
        merge=merge_consecutive,
        what="messages",
        subject=subject,
        metadata=metadata,
    )
