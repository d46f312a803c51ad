"""Helpers shared by the ingest tests."""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import strategies as st

from trustworks.conversation import Conversation
from trustworks.errors import InputError
from trustworks.ingest import parse
from trustworks.ingest._speaker import NOT_SPEAKERS

DATA = Path(__file__).parent / "data"


def pairs(conv: Conversation) -> list[tuple[str, str]]:
    """(speaker, text) of each turn, the shape most assertions want."""
    return [(t.speaker, t.text) for t in conv.turns]


def parse_or_error(
    text: str, fmt: str | None = None, source: str = "<memory>"
) -> Conversation | InputError:
    """Parse, returning the InputError instead of raising it; anything else propagates."""
    try:
        return parse(text, source, fmt)
    except InputError as exc:
        return exc


def merged(turns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """What merging consecutive same-speaker turns should give, computed independently."""
    out: list[tuple[str, str]] = []
    for speaker, text in turns:
        if out and out[-1][0] == speaker:
            out[-1] = (speaker, out[-1][1] + " " + text)
        else:
            out.append((speaker, text))
    return out


# Name-like speakers ("Jane", "Ana Silva") and plain sentences that cannot be read as labels.
names = st.from_regex(r"[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?", fullmatch=True).filter(
    lambda name: name.casefold() not in NOT_SPEAKERS  # "Re", "Fw", "Note" introduce, not speak
)
words = st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=8)
sentences = st.lists(words, min_size=1, max_size=8).map(" ".join)
dialogues = st.lists(st.tuples(names, sentences), min_size=1, max_size=12)

# Pieces of every format, shuffled into near-miss input that plain st.text() rarely reaches.
FRAGMENTS = [
    "WEBVTT", "WEBVTT\n", "\n", "\n\n", "-->", " --> ", "00:00:01.000", "00:00:02,000", "00:01.5",
    "1:02:03", "<v Jane>", "</v>", "<v>", "<b>", "<", ">", "&amp;", "&", "&#", "Jane: ",
    "Bob Doe: ", "jdoe: ", ":", " ", "1\n", "12", "- ", "-", "NOTE", "STYLE", "REGION", "[", "]",
    "{", "}",
    '"speaker"', '"text"', ",", '"', "null", "[00:00:01] ", "(00:01:02)", "From: ",
    "From x@y Mon Mar  2 09:00:00 2026\n", "To: ", "Subject: ", "Date: Mon, 2 Mar 2026 09:00 +0000",
    "Content-Type: text/html\n", 'Content-Type: multipart/mixed; boundary="B"\n', "--B\n",
    "--B--\n", "Content-Transfer-Encoding: base64\n", "=C3=A9", "=\n",
    "On Mon, 2 Mar 2026 at 09:00, Bob <b@x.example> wrote:\n", "> ", ">", "-- \n",
    "-----Original Message-----\n", "Sent: Monday, March 2, 2026 9:00 AM\n", "<blockquote>",
    "</blockquote>", "<br>", "<script>", "<!--", "\x00", "\x0c", "\u2028", "\x85", "\ufeff", "\r",
    "é", "€", "\t",
]  # fmt: skip
soup = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=60).map("".join)
