"""A typed turn read with the marks its typist left out: "dont" as "don't", a bare question
with its "?".

The whole analysis reads the turn so, not only the catalogue's phrases: a detector that
counts questions, reads a split ("Ill take 2 food") or judges a sentence's meaning would
otherwise miss what a typist meant. Over CaSiNo's typed chats (train and valid) and AnnoMI
(``scripts/typed_marks.py``), leaving every apostrophe out lost 187 of 5,219 findings when
only the phrases read the turn so, and 25 of 5,306 now. Chat shorthand is written out first
(``chat``: "u", "thx", "lol", "??"). Only marks are put back here, never words taken out, and
every finding is mapped onto the words as typed: the evidence shown is always the typist's
own.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from trustworks.analysis import chat, question_mark
from trustworks.analysis.apostrophes import missing

# Turns whose reading is kept: a conversation's turns are read by seller inference, the
# matching ahead, the semantic layer and the detectors, each of which asks again. Only short
# ones, so the memory stays small (under 1,024 x 2,000 characters and their maps) whatever
# size of text a caller sends.
_REMEMBERED = 1_024
_REMEMBERED_CHARS = 2_000


@dataclass(frozen=True, slots=True)
class Typed:
    """A turn's words as typed, and where each character of its marked copy was in them."""

    text: str
    index: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Where the marked copy's ``start:end`` lies in the words as typed."""
        return original_span(self.index, start, end)

    def marked_span(self, start: int, end: int) -> tuple[int, int]:
        """Where the words as typed ``start:end`` lie in the marked copy (a mark put back at
        either edge is left out)."""
        return bisect_left(self.index, start), bisect_left(self.index, end)


def as_meant(text: str) -> tuple[str, Typed | None]:
    """The text with the apostrophes and the final question mark a typist left out put back
    (``apostrophes``, ``question_mark``), and the words as typed when any was (None when
    nothing changed, so the two are the same). The result may be shared: never change it."""
    if len(text) > _REMEMBERED_CHARS:
        return _read(text)
    return _remembered(text)


def _read(text: str) -> tuple[str, Typed | None]:
    low = text.lower()
    if len(low) != len(text):
        # A few letters lower-case to two ("İ"): offsets in the lower case would not be the
        # text's, so such a turn is read as it is.
        return text, None
    typed = text
    if _CURLY in text:
        # "I’m", as word processors and many exports write it, is "I'm" to every reader: one
        # character for one, so the offsets stay the typed text's.
        text, low = text.replace(_CURLY, "'"), low.replace(_CURLY, "'")
    # Shorthand written out next ("how r u" is "how are you"), so the marks below are put
    # where the words written out need them.
    text, written = chat.typed_out(text, low)
    if written is not None:
        low = text.lower()
    capitals = question_mark.capital_breaks(text)
    broken = sorted(
        set(question_mark.breaks(low)) | set(capitals) | set(question_mark.emoji_breaks(text))
    )
    # Where the capitals that open sentences were kept, a sentence ends where the next one
    # starts, so a long one is still one sentence, and a question however long.
    most = (
        question_mark.MOST_WORDS_CAPITALISED
        if capitals or (text[-1:].isalnum() and question_mark.last_sentence_capitalised(text))
        else question_mark.MOST_WORDS_OPENED
        if text[-1:].isalnum() and question_mark.one_sentence_capitalised(text)
        else question_mark.MOST_WORDS
    )
    first: list[int] | None = None
    if broken:
        # A turn with no sentence marks: its sentences' ends put back first, so its last
        # sentence is the one a question mark may be missing from.
        ends = question_mark.break_marks(low, broken, most)
        marks = [(at, end, at - 1) for at, end in zip(broken, ends, strict=True)]
        text, first = put_marks(text, marks)
        low = text.lower()
    places = missing(low)
    asked = question_mark.missing(low, most)
    if not (places or asked):  # most turns
        if first is not None:
            return text, _typed(typed, written, first)
        if text is typed:
            return text, None
        return text, _typed(typed, written, list(range(len(text))))
    marked, index = put_back(text, places, asked)
    if first is not None:
        index = [first[i] for i in index]
    return marked, _typed(typed, written, index)


def _typed(typed: str, written: list[int] | None, index: list[int]) -> Typed:
    """The words as typed, given where each character of the marked copy was in the copy
    with shorthand written out (``index``) and where that copy's were in them (``written``,
    None when none was)."""
    return Typed(typed, index if written is None else [written[i] for i in index])


_CURLY = "\u2019"  # the right single quotation mark, written for an apostrophe


_remembered = lru_cache(maxsize=_REMEMBERED)(_read)


def put_back(text: str, places: list[int], asked: int | None) -> tuple[str, list[int]]:
    """``text`` with an apostrophe before each of ``places`` and a question mark at ``asked``,
    and where each of its characters was in ``text``: an apostrophe put back stands where the
    letter after it is, a question mark where the letter before it is."""
    marks = [(place, "'", place) for place in places]
    if asked is not None:
        marks.append((asked, "?", asked - 1))
    return put_marks(text, marks)


def put_marks(text: str, marks: list[tuple[int, str, int]]) -> tuple[str, list[int]]:
    """``text`` with each mark put in before its place, in order of place, and where each of
    the result's characters was in ``text`` (a mark stands where its ``origin`` is)."""
    pieces: list[str] = []
    index: list[int] = []
    at = 0
    for place, mark, origin in marks:
        pieces.append(text[at:place])
        index.extend(range(at, place))
        pieces.append(mark)
        index.append(origin)
        at = place
    pieces.append(text[at:])
    index.extend(range(at, len(text)))
    return "".join(pieces), index


def original_span(index: list[int], start: int, end: int) -> tuple[int, int]:
    """Where a changed copy's ``start:end`` lies in the original, given where each of the
    copy's characters was (``index``)."""
    if not index:  # a copy with nothing left in it
        return 0, 0
    if end <= start:
        start = min(start, len(index) - 1)
        return index[start], index[start]
    return index[start], index[end - 1] + 1
