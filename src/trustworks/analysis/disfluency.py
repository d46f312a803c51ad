"""Speech as transcribed, read past its fillers and false starts.

A call transcript says "we're, uh, kind of drowning in spreadsheets" and "so, um, pricing
really depends"; a counselling transcript says "the-the doctor" and "it-it's". The
catalogue's phrases are written as people mean them, so the engine matches a cleaned copy of
the turn (the marks a typist left out put back, ``marks``; fillers dropped, a stutter's first
try dropped) and maps every match back onto the words as they were said: the evidence shown
is always the transcript's own.

The same goes for what a speaker or a transcriber puts around the words without changing
them: a name said to open a sentence ("Sam, I'm so sorry"), "you know" or "I mean" said as an
aside, a transcriber's note ("[laughs]"), a dash said as a pause (read as its comma).

Each step is led by a cheap test (a filler's letters, a hyphen) and works on the few places it
finds, since the engine cleans every turn it matches. Words said twice ("it, it basically",
"let me, let me show you") are left as said: finding them cost some 10 us a turn, a tenth of
the whole analysis.
"""

from __future__ import annotations

import re
import tomllib
from collections import OrderedDict
from collections.abc import Callable
from functools import cache, lru_cache
from importlib import resources
from threading import Lock

from trustworks.analysis.marks import Typed, as_meant
from trustworks.errors import CatalogueError

# "uh", "um" and their spellings. "Er" and "ah" are left alone: "er" is also a suffix in bad
# transcripts, and "ah, I see" means something.
_FILLER = re.compile(r"(?<![\w'])(?:uh|um|uhm|umm|uhh|erm)(?![\w'])")
# A filler starts a turn or follows a space or a comma ("number" and "summer" hold none).
_FILLER_LETTERS = ("uh", "um", "erm")

_WORD_CHARS = re.compile(r"[\w']")
_QUESTION_AFTER = re.compile(
    r"[ \t]*(?:what|how|why|when|where|who|which|do|does|did|can|could|would|will|is|are)\b"
)
_WORD_AFTER = re.compile(r"[ \t]*([\w']+)(?![\w'])")
# A run of word characters, read in the reversed text: the word that ends at a place, found
# in one call instead of a call a character.
_WORD_RUN = re.compile(r"[\w']*")
# Every filler starts with one of these: the pattern is tried only where one does, instead
# of at every character of the turn (its lookbehind first), as a search would.
_FILLER_STARTS = ("uh", "um", "erm")


def _word_start(low: str, backwards: str, at: int) -> int:
    """Where the run of word characters ending at ``at`` starts (``at`` if none does);
    ``backwards`` is ``low`` reversed."""
    run = _WORD_RUN.match(backwards, len(low) - at)
    assert run is not None  # the run may be empty, never absent
    return at - (run.end() - run.start())


def _fillers(low: str) -> list[re.Match[str]]:
    """``_FILLER.finditer(low)``: tried at each place a filler's letters start, leftmost
    first, each from the end of the one before."""
    starts = []
    for letters in _FILLER_STARTS:
        at = low.find(letters)
        while at >= 0:
            starts.append(at)
            at = low.find(letters, at + 1)
    hits = []
    end = 0
    for at in sorted(starts):
        if at < end:
            continue
        hit = _FILLER.match(low, at)
        if hit is not None:
            hits.append(hit)
            end = hit.end()
    return hits


def _filler_spans(low: str) -> list[tuple[int, int]]:
    """Each filler with the comma before it and after it: "we're, uh, kind of" reads
    "we're kind of"."""
    spans = []
    backwards = low[::-1]
    for hit in _fillers(low):
        start, end = hit.span()
        if end < len(low) and low[end] not in ", \t\n.?!":
            continue
        while start > 0 and low[start - 1] in " \t":
            start -= 1
        if end < len(low) and low[end] == ",":
            end += 1
        # "Thank you, um, what happened?": a question starts after the filler, and the comma
        # before it keeps the two apart ("thank you, what happened?"); elsewhere the phrase
        # reads on across it ("we're, uh, kind of" is "we're kind of").
        if start > 0 and low[start - 1] == "," and _QUESTION_AFTER.match(low, end) is None:
            start -= 1
        if start == 0:
            # A turn that opens with a filler opens with the word after it: patterns that
            # start a turn ("^good for you") read "Um, good for you" as said.
            while end < len(low) and low[end] in " \t":
                end += 1
        # The word said again across the filler ("I'm not, uh, not really", "it's, uh, it's
        # about") is the false start: it goes with the filler, and so does the space after.
        left = start
        while left > 0 and low[left - 1] in " \t":
            left -= 1
        word_end = left
        left = _word_start(low, backwards, left)
        after = _WORD_AFTER.match(low, end)
        if left < word_end and after is not None and after.group(1) == low[left:word_end]:
            start, end = left, after.start(1)
        spans.append((start, end))
    return spans


# Words made by saying a word twice, which no speaker means as a false start: "a win-win",
# "split it fifty-fifty", "so-so", "a no-no".
_REDUPLICATED = frozenset(
    {"win", "fifty", "so", "no", "bye", "hush", "pooh", "tut", "goody", "night", "chop", "ha"}
)


def _stutter_spans(low: str) -> list[tuple[int, int]]:
    """A first try cut off by a hyphen and said again: "the-the", "i-i", "it-it's"."""
    spans = []
    backwards = low[::-1]
    at = low.find("-")
    while at >= 0:
        start = _word_start(low, backwards, at)
        word = low[start:at]
        after = at + 1 + len(word)
        if (
            word
            and word not in _REDUPLICATED
            and low.startswith(word, at + 1)
            and (after >= len(low) or low[after] == "'" or not _WORD_CHARS.match(low, after))
        ):
            spans.append((start, at + 1))
        at = low.find("-", at + 1)
    return spans


_ELLIPSIS_RESTART = re.compile(r"([\w']+)[ \t]*(?:\.\.\.|…)[ \t]*(?=([\w']+))")


def _restart_spans(low: str) -> list[tuple[int, int]]:
    """A word said again after a trailing-off: "i'll be in touch in ... in a day or so",
    "it's ... it's fine" read "in a day", "it's fine"; a pause between two words is kept."""
    spans = []
    for hit in _ELLIPSIS_RESTART.finditer(low):
        start = hit.start()
        if start > 0 and _WORD_CHARS.match(low, start - 1):
            continue
        after = hit.end() + len(hit.group(2))
        if hit.group(1) == hit.group(2) and not _WORD_CHARS.match(low, after):
            spans.append((start, hit.end()))
    return spans


# What the transcriber noted rather than what was said: "[laughs]", "[inaudible 00:03:18]",
# "(chuckles)", "<crosstalk>", and a chat's stage direction, "*pauses*". Brackets hold nothing
# else in a transcript; round ones also hold what was said ("(a 10% discount)"), so only the
# sounds a transcriber notes are read past there.
_NOTED = re.compile(
    r"[ \t]*(?:\[[^\[\]\n]{1,40}\]|<[a-z ]{3,20}>|"
    # A stage direction between asterisks, never an emphasised word ("*not*").
    r"\*(?:pauses?|laughs?|chuckles?|smiles?|grins?|sighs?|nods?|shrugs?|winks?|giggles?|"
    r"coughs?|clears (?:his |her |their )?throat|thinks?|waves?)[a-z ]{0,20}\*|"
    r"\((?:laugh|chuckl|sigh|pause|inaudible|"
    r"unintelligible|crosstalk|cough|silence|music|noise|applause|overlapping|background)"
    r"[^()\n]{0,30}\))",
    re.IGNORECASE,
)


def _noted_spans(text: str) -> list[tuple[int, int]]:
    """Each note of the transcriber's, with the space before it."""
    return [hit.span() for hit in _NOTED.finditer(text)]


# A dash said as a pause between words ("Okay - what brings you in?", "I hear you — and"):
# read as the comma it stands for. Not between figures ("5 - 10"), nor a list's dash at a
# line's start.
_DASH_PAUSE = re.compile(r"(?<=[^\d\s])[ \t]+[-–—]+(?=[ \t]+[^\d\s])")


def _dash_spans(text: str) -> list[tuple[int, int]]:
    """Each dash said as a pause, with the space before it (read as a comma)."""
    return [hit.span() for hit in _DASH_PAUSE.finditer(text)]


# "You know" and "I mean" said between commas, or with one to open a sentence, hold the floor
# and mean nothing: "what do you, you know, think of it?", "I mean, it works". ("Do you know,"
# and "as you know," still mean what they say.)
_ASIDE_WORDS = ("you know", "y'know", "ya know", "i mean")
_ASIDE_OPENS = re.compile(r"(?:^|[.!?])\W*$")


def _aside_spans(low: str) -> list[tuple[int, int]]:
    """Each "you know" or "I mean" said as an aside, with its commas: between two commas, or
    opening a sentence with one after it."""
    spans = []
    for words in _ASIDE_WORDS:
        at = low.find(words)
        while at >= 0:
            end = at + len(words)
            after = end
            while after < len(low) and low[after] in " \t":
                after += 1
            if after < len(low) and low[after] == "," and (at == 0 or not low[at - 1].isalnum()):
                left = at
                while left > 0 and low[left - 1] in " \t":
                    left -= 1
                if left > 0 and low[left - 1] == ",":
                    spans.append((left - 1, after + 1))  # ", you know," and both commas
                elif _ASIDE_OPENS.search(low, max(0, at - 8), at):
                    while after + 1 < len(low) and low[after + 1] in " \t":
                        after += 1
                    spans.append((at, after + 1))  # "You know, " opening a sentence
            at = low.find(words, end)
    return sorted(spans)


# "And" said to open a sentence carries the speaker on and says nothing itself: "And how is
# the team handling it?" reads "how is the team handling it?", as patterns that open a
# sentence expect. ("And yet", "and then", "And the cost?" and an "and" inside a sentence mean
# what they say.)
_AND_OPENS = re.compile(
    r"(?:^|(?<=[.!?])[ \t]+)(and,?[ \t]+)(?!(?:yet|then|so|also|now)\b)"
    # Only before a sentence of five words or more: "And the cost?", "And you?" ask by it.
    r"(?=(?:[\w'-]+[ \t,]+){4}[\w'-])"
)


def _and_spans(low: str) -> list[tuple[int, int]]:
    """Each "and" opening a sentence, with the space after it."""
    return [hit.span(1) for hit in _AND_OPENS.finditer(low)]


# A word said to open a sentence that only takes the floor: "Well, how did it go?", "Look,
# what matters most to you?", "Listen, we can do that" read as the sentence after it, as
# patterns that open a sentence expect. Not "so", "yeah", "okay", "alright" or "right", which
# answer or sum up and are read by the catalogue ("Alright, you get two food and I get..."
# reads the deal back), nor "actually", which corrects, nor "anyway", which turns away from what
# was said. "Honestly," and "Frankly," only say the sentence after them is candid ("Honestly,
# what matters most to you?"), unless it admits something, where they are part of the
# admission the catalogue reads ("Honestly, I'm not sure", "Frankly, we're not the best at
# that").
_MARKERS = (
    "look",
    "listen",
    "well",
    "honestly",
    "frankly",
    "actually",
    "basically",
    "now",
    "oh",
)
_MARKER_OPENS = re.compile(
    rf"(?:^|(?<=[.!?])\s+)((?:(?:{'|'.join(_MARKERS)})[ \t]*,[ \t]*)+)(?=[^\s,.!?])"
)
_CANDID = ("honestly", "frankly", "actually")
_ADMITS = re.compile(
    r"(?:i'?m|i am) not (?:entirely |totally |really |completely |a hundred percent )?sure\b|"
    r"i (?:honestly |really |just )?(?:don'?t|do not) (?:really )?(?:know|remember|have)\b|"
    r"(?:i|we) (?:can'?t|cannot|won'?t) (?:promise|guarantee)\b|"
    r"(?:we|i|it|this|that)(?:'re|'m|'s| are| am| is) not\b|(?:we|they) aren'?t\b|"
    r"(?:it|this|that) isn'?t\b|(?:i'?m |we'?re )?not (?:really |that )?interested\b|no\b"
)


def _marker_spans(low: str) -> list[tuple[int, int]]:
    """Each run of markers opening a sentence, with their commas and the space after; a run
    that says the sentence is candid stays before an admission."""
    return [
        hit.span(1)
        for hit in _MARKER_OPENS.finditer(low)
        if not (any(word in hit.group(1) for word in _CANDID) and _ADMITS.match(low, hit.end()))
    ]


# A name said to open a sentence: "Sam, I'm so sorry to hear that.", "Mrs. Patel, how have you
# been?", "Um, David, so how was it?". A given name (``first_names.toml``) or a titled one, its
# comma, then a clause that opens as sentences do (so "Sam, Mike and I will come" keeps its
# names). Looked for where a turn starts and after each stop, each a scan a charset leads, in
# C: one pattern for every place in the turn cost 3 us a turn.
_TITLED = r"(?:(?P<title>(?:Mr|Mrs|Ms|Miss|Dr|Doctor|Professor)\.? )?(?P<name>[A-Z][a-z]+)),"
_AT_START = re.compile(
    r"\W*(?:(?:[Uu]m|[Uu]h|[Ss]o|[Oo]kay|[Oo]h|[Ww]ell|[Yy]eah|[Aa]nd|[Hh]ey|[Hh]i|[Ll]ook|[Ll]isten)"
    r"\W+)*" + _TITLED
)
_AFTER_A_STOP = re.compile(r"[.!?][ \t]+" + _TITLED)
_NAME = re.compile(r"[A-Z][a-z]+")
_CLAUSE_OPENS = re.compile(
    r"[ \t]+(?:i|i'[a-z]+|we|we'[a-z]+|you|you'[a-z]+|your|it|it's|that|that's|this|there|"
    r"there's|what|how|why|when|where|who|which|do|does|did|can|could|would|will|is|are|have|"
    r"has|let|let's|thank|thanks|just|my|our|so|okay|ok|well|yeah|yes|no|right|oh|um|uh|now|"
    r"sure|great)\b",
    re.IGNORECASE,
)


@cache
def first_names() -> frozenset[str]:
    """The given names read as a vocative, from ``first_names.toml`` (checked on load)."""
    source = resources.files("trustworks.analysis") / "first_names.toml"
    names = tomllib.loads(source.read_text(encoding="utf-8"))["names"].split()
    for name in names:
        if not _NAME.fullmatch(name):
            raise CatalogueError("first_names.toml", f"not a capitalised name: {name!r}", "names")
    return frozenset(names)


def _vocative_spans(text: str) -> list[tuple[int, int]]:
    """A name said to open a sentence, with its comma: "Sam, I'm so sorry" reads "I'm so
    sorry"."""
    first = _AT_START.match(text)
    found = [first] if first is not None else []
    if "." in text or "!" in text or "?" in text:
        found.extend(_AFTER_A_STOP.finditer(text))
    spans = []
    for hit in found:
        if hit.group("title") is None and hit.group("name") not in first_names():
            continue
        start = hit.start("title") if hit.group("title") is not None else hit.start("name")
        opens = _CLAUSE_OPENS.match(text, hit.end())
        if opens is not None:
            spans.append((start, opens.end() - len(opens.group().lstrip())))
        elif _MARKER_BEFORE.search(text, 0, start) is not None:
            # After "Look," or "Listen," a name is said to, whatever follows: "Look, Sam, $350,
            # firm."
            end = hit.end()
            while end < len(text) and text[end] in " \t":
                end += 1
            spans.append((start, end))
    return spans


_MARKER_BEFORE = re.compile(rf"\b(?:{'|'.join(_MARKERS)})\W+$", re.IGNORECASE)


def _dropped(
    text: str, index: list[int] | None, spans: list[tuple[int, int]], mark: str = ""
) -> tuple[str, list[int]]:
    """``_drop`` of ``text``, with ``index`` (where its characters were, if it was changed
    before) carried through to the words as they first came."""
    text, kept = _drop(text, spans, mark)
    return text, kept if index is None else [index[i] for i in kept]


def _drop(text: str, spans: list[tuple[int, int]], mark: str = "") -> tuple[str, list[int]]:
    """``text`` without ``spans`` (each put as ``mark`` where it was, if one is given), and
    where each of the result's characters was in ``text``."""
    kept: list[int] = []
    pieces: list[str] = []
    at = 0
    for start, end in spans:
        if start < at:
            continue
        pieces.append(text[at:start])
        kept.extend(range(at, start))
        if mark:
            pieces.append(mark)
            kept.append(start)
        at = end
    pieces.append(text[at:])
    kept.extend(range(at, len(text)))
    return "".join(pieces), kept


def clean(text: str) -> tuple[str, list[int] | None]:
    """The text without fillers and stutters, with the apostrophes and the final question
    mark a typist left out put back (``apostrophes``, ``question_mark``), and where each of
    its characters was in ``text`` (None when nothing changed, so the two are the same)."""
    text, typed = as_meant(text)
    low = text.lower()
    if len(low) != len(text):
        # A few letters lower-case to two ("İ"): offsets in the lower case would not be the
        # text's, so such a turn is matched as it is.
        return text, None
    # Most turns hold neither "uh" nor "um": two searches rule out four (0.75 % of an analysis).
    fillers = (
        (
            ("uh" in low or "um" in low)
            and (" uh" in low or " um" in low or ",uh" in low or ",um" in low)
        )
        or " erm" in low
        or low.startswith(_FILLER_LETTERS)
    )
    hyphens = "-" in low
    restarts = "..." in low or "…" in low
    # A name or an aside needs a comma; a transcriber's note, a bracket.
    commas = "," in low
    vocatives = _vocative_spans(text) if commas and text != low else ()
    asides = commas and (", you know" in low or "you know," in low or "i mean," in low)
    ands = (low.startswith("and") or ". and" in low or "? and" in low or "! and" in low) and (
        _AND_OPENS.search(low) is not None
    )
    # Looked for after the fillers and names before it are gone ("Um, well, how...").
    markers = commas and any(word + "," in low for word in _MARKERS)
    noted = ("[" in low or "<" in low or "(" in low or "*" in low) and _NOTED.search(
        text
    ) is not None
    dashes = (" -" in low or "–" in low or "—" in low) and _DASH_PAUSE.search(text) is not None
    index: list[int] | None = None if typed is None else typed.index
    if not (
        fillers or hyphens or restarts or vocatives or asides or noted or dashes or ands or markers
    ):
        return text, index
    meant, meant_index = text, index
    if vocatives:
        # Found on the turn as it came (a name opens its sentence, after any "um"): dropped
        # first, so the steps after read the sentence from its first word.
        text, index = _dropped(text, index, list(vocatives))
        low = text.lower()
    steps: list[Callable[[str], list[tuple[int, int]]]] = []
    if noted:
        steps.append(_noted_spans)
    if dashes:
        steps.append(_dash_spans)
    if fillers:
        steps.append(_filler_spans)
    if hyphens:
        steps.append(_stutter_spans)
    if restarts:
        steps.append(_restart_spans)
    if asides:
        steps.append(_aside_spans)
    if ands:
        steps.append(_and_spans)
    if markers:
        steps.append(_marker_spans)
    for step in steps:
        spans = step(text if step in (_noted_spans, _dash_spans) else low)
        if spans:
            text, index = _dropped(text, index, spans, "," if step is _dash_spans else "")
            low = text.lower()
    if not any(c.isalnum() for c in text):
        return meant, meant_index  # "Um." or "[laughs]" alone: the turn is read as said
    return text, index


def as_read(text: str) -> tuple[str, Typed | None]:
    """The turn as the whole analysis reads it: as meant (``marks.as_meant``) and cleaned of
    fillers, stutters and restarts (``clean``), with the words as said when any of that
    changed it. Detectors that anchor on a sentence's first words ("Thank you!", "How did this
    happen?") then read "Um, thank you!" and "uh, how did this happen?" as said, as the
    catalogue's phrases already do. The result may be shared: never change it."""
    if len(text) > _REMEMBERED_CHARS:
        return _read(text)
    return _remembered(text)


def _read(text: str) -> tuple[str, Typed | None]:
    cleaned, index = clean(text)
    with _READ_LOCK:
        _READ[cleaned] = None
        if len(_READ) > _REMEMBERED_READINGS:
            _READ.popitem(last=False)
    if index is None:
        return cleaned, None
    return cleaned, Typed(text, index)


def cleaned(text: str) -> tuple[str, list[int] | None]:
    """``clean(text)``, skipped for a text that is itself a turn as read (``as_read``): the
    engine is handed the turns so, and cleaning them again would only read them again."""
    if text in _READ:
        return text, None
    return clean(text)


# The readings made lately: the engine matches each just after it is made.
_READ: OrderedDict[str, None] = OrderedDict()
_READ_LOCK = Lock()
_REMEMBERED_READINGS = 4_096


# Each turn is read by seller inference, the matching ahead, the semantic layer and the
# detectors: kept for short turns, as ``marks.as_meant`` keeps its reading.
_REMEMBERED_CHARS = 2_000
_remembered = lru_cache(maxsize=1_024)(_read)
