"""Coaching: the better thing to say, as a whole sentence a person would say.

A rewrite replaces the sentence that spent trust rather than patching words into it. Most
are plain sentences from the catalogue. A template may keep some of the speaker's own words
(``{before}``, ``{after}``, ``{match}``, ``{sentence}``) or quote the client (``{client}``);
those words are kept only when no habit from the catalogue is in them and the result still
reads as a sentence. Otherwise the signal's plain ``rewrite_fallback`` is said instead, so a
rewrite never hands back the habit it corrects.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from trustworks.analysis.engine import Engine, engine_for
from trustworks.sentences import sentence_span
from trustworks.signals.loader import default_catalogue
from trustworks.signals.schema import template_fields

_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.!?;:])")
# A comma or semicolon left in front of the sentence's end ("To be clear, ?") by a field
# that came out empty.
_DANGLING_PUNCT = re.compile(r"[,;:]+\s*([.!?])")
_DOUBLED_PUNCT = re.compile(r"([,.!?;:])\1+")
# Words no finished sentence ends on ("... and." is a clause that lost its other half).
_JOINERS = r"(?:and|but|or|because|the|a|an)"
# Words that only join a clause to what came before: kept words must not open with one.
_LEADING_CONNECTOR = re.compile(r"^(?:[,;:]\s*|(?:and|but|or|so|because)\b[,\s]*)+", re.I)
_TRAILING_CONNECTOR = re.compile(rf"(?:[\s,;:]+{_JOINERS})+\s*([.!?]?)$", re.IGNORECASE)
_DOUBLED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
_CLAUSE_CUT = re.compile(r"(?<=[,;:])\s+")
_TERMINAL = ".!?"
_CLOSERS = "\"')”’"

# What a client's quoted words start with that is not what they meant ("Honestly, ...").
_FILLER = re.compile(
    r"^(?:honestly|frankly|well|hmm+|um+|uh+|er+|so|yeah|yes|oh|look|okay|ok|right|and|but|"
    r"i mean|to be honest)\b[,.]?\s*",
    re.IGNORECASE,
)
# Words a turn cut off mid-clause ends on ("... a billing system, does"): a quote stops
# before them and trails off instead.
_UNFINISHED = (
    r"(?:and|but|or|so|because|that|which|who|if|when|then|the|a|an|to|of|with|for|like|just|"
    r"does|do|did|is|are|was|were|be|have|has|had|can|could|would|will|should|"
    r"i|we|they|our|my|your|their)"
)
_QUOTE_TAIL = re.compile(rf"(?:[\s,;:.!?…-]+|\s+{_UNFINISHED})+$", re.IGNORECASE)
# Spoken hesitations and restarts that a written sentence leaves out: "um", "uh", "you
# know", "that- that- that", "it's-it's", a restart marked "--".
_HESITATION = re.compile(r"(?:,\s*)?\b(?:um+|uh+|erm|er|hmm+)\b,?\s*", re.IGNORECASE)
_RESTART = re.compile(r"\b([\w']+)(?:(?:-+|,)?\s+\1\b|-+\1\b)+", re.IGNORECASE)
_BROKEN_OFF = re.compile(r"\w*--|\w+-(?=\s|$)")
# A tag at the end of a spoken sentence adds nothing written ("..., yeah.").
_TAG = re.compile(
    r",\s*(?:yeah|yes|right|you know|i guess|okay|ok|honestly)\s*(?=[.!?]*\s*$)", re.I
)
_QUOTE_WORDS = 15  # a rewrite names what they said; a longer sentence is not quoted at all
_KEPT_WORDS = 25  # kept words longer than this make a rewrite nobody would say
_MIN_WORDS = 3  # kept words shorter than this are not a sentence ("We.")


class _Fields(dict[str, str]):
    def __missing__(self, key: str) -> str:  # unknown names are rejected when the file loads
        return ""


@cache
def _habits() -> tuple[Engine, frozenset[str]]:
    """The packaged catalogue's engine and the trust-spending phrases a seller could say.

    The packaged catalogue is used whatever catalogue found the finding: its habits are
    still habits, and a rewrite must not hand one back. Its engine is the one the analysis
    already compiled, so checking a rewrite costs no second matcher.
    """
    catalogue = default_catalogue()
    habits = frozenset(
        s.id for s in catalogue if s.polarity < 0 and s.patterns and s.speaker != "client"
    )
    return engine_for(catalogue), habits


def spends_trust(text: str) -> bool:
    """Whether any trust-spending phrase of the catalogue is in ``text`` (as `check` reads it)."""
    if not text.strip():
        return False
    engine, habits = _habits()
    return any(hit.rule in habits for hit in engine.hits(text))


def _safe_clauses(fragment: str) -> str:
    """The fragment without the clauses that carry a habit ("..., I know you're busy")."""
    if not spends_trust(fragment):
        return fragment
    kept = [c for c in _CLAUSE_CUT.split(fragment) if not spends_trust(c)]
    return " ".join(kept)


def _written(speech: str) -> str:
    """Spoken words as they would be written: hesitations and restarts left out.

    Returns "" when the speaker broke off mid-word ("If you give me a little--"): such
    words are not a sentence to hand back.
    """
    text = _TAG.sub("", _RESTART.sub(r"\1", _HESITATION.sub(" ", speech)))
    if _BROKEN_OFF.search(text):
        return ""
    return _SPACES.sub(" ", text)


def quote_client(words: str) -> str:
    """The client's words, trimmed to quote inside a sentence: no filler, no end punctuation.

    ``"Honestly, churn has been creeping up all year."`` becomes ``churn has been creeping
    up all year``; the words of a cut-off turn ("our team is tiny and") trail off
    (``our team is tiny…``). Returns "" when there is nothing short and whole to quote.
    """
    text = words.strip().replace("\u201c", '"').replace("\u201d", '"').replace('"', "'")
    clipped = text.startswith(("…", "..."))
    text = text.lstrip(".… ")
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    if not sentences:
        return ""
    if len(sentences) > 1:  # the last thing they said is what the seller answered
        text, clipped = sentences[-1], False
    text = _written(text).strip()
    if spends_trust(text):  # trimming must not turn a habit into an innocent-looking quote
        return ""
    previous = None
    trails_off = False
    while previous != text:
        previous = text
        text = _FILLER.sub("", text).strip()
        stripped = _QUOTE_TAIL.sub("", text).strip()
        trails_off = trails_off or len(stripped.split()) < len(text.split())
        text = stripped
    if len(text.split()) > _QUOTE_WORDS or len(text.split()) < 2:
        return ""  # which part of a long sentence mattered is not known; say the plain line
    return ("…" if clipped else "") + text + ("…" if trails_off else "")


def sentence_problems(text: str) -> list[str]:
    """Why ``text`` does not read as a finished sentence (empty when it does)."""
    problems = []
    body = text.lstrip("\"'“‘")
    if not body or not body[0].isupper():
        problems.append("does not start with a capital letter")
    if not text.rstrip(_CLOSERS) or text.rstrip(_CLOSERS)[-1] not in _TERMINAL:
        problems.append("does not end with . ! or ?")
    if "{" in text or "}" in text:
        problems.append("has template braces left in it")
    if _DOUBLED_WORD.search(text):
        problems.append("repeats a word")
    if _DOUBLED_PUNCT.search(text) or _DANGLING_PUNCT.search(text):
        problems.append("has doubled or dangling punctuation")
    if _TRAILING_CONNECTOR.search(text):
        problems.append("ends on a connecting word")
    if len(text.split()) < _MIN_WORDS:
        problems.append("is too short to be a sentence")
    return problems


def _finish(text: str, *, kept_start: bool = False, kept_end: bool = False) -> str:
    """Tidy what filling a template left: spacing, empty clauses, a capital, an end.

    ``kept_start`` / ``kept_end``: the sentence opens / closes with the speaker's own words,
    which may bring a joining word ("but ...", "... and") that no longer joins anything.
    """
    out = _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", text)).strip()
    out = _DANGLING_PUNCT.sub(r"\1", out)
    if kept_start:
        out = _LEADING_CONNECTOR.sub("", out).strip()
    if kept_end:
        out = _TRAILING_CONNECTOR.sub(r"\1", out)
    out = out.strip(" ,;:")
    if not out:
        return out
    lead = len(out) - len(out.lstrip("\"'“‘"))
    out = out[:lead] + out[lead].upper() + out[lead + 1 :]
    return out if out.rstrip(_CLOSERS)[-1:] in tuple(_TERMINAL) else out + "."


def _kept_words(fields: _Fields, names: Sequence[str]) -> str:
    return " ".join(fields[name] for name in names)


def render_rewrite(
    template: str,
    text: str,
    start: int,
    end: int,
    client: str = "",
    fallback: str | None = None,
) -> str:
    """The better sentence for ``text[start:end]``: the template, or its plain fallback.

    Kept words (the sentence around the match, the client's quoted words) are used only when
    they carry no trust-spending habit and the result reads as a sentence.
    """
    names = _names(template)
    if not names:
        return _finish(template)
    left, right = sentence_span(text, start)
    right = max(right, min(end, len(text)))
    spans = {"sentence": (left, right), "before": (left, start), "after": (end, right)}
    # Only the fields the template uses are worked out: each check runs the matcher.
    fields = _Fields()
    for name in names:
        if name == "client":
            fields[name] = quote_client(client)
        elif name == "match":
            fields[name] = text[start:end]
        else:
            fields[name] = _written(text[slice(*spans[name])])
    out = _fill(template, fields)
    if spends_trust(out):  # drop the kept clauses that carry a habit, then look again
        for name in names:
            fields[name] = _safe_clauses(fields[name])
        out = _fill(template, fields)
        if spends_trust(out):
            out = ""
    kept = _kept_words(fields, names)
    if out and 2 <= len(kept.split()) <= _KEPT_WORDS and not sentence_problems(out):
        return out
    return _finish(fallback) if fallback else ""


def _fill(template: str, fields: _Fields) -> str:
    opens = template.lstrip().startswith("{")
    closes = template.rstrip(" " + _TERMINAL + _CLOSERS).endswith("}")
    return _finish(template.format_map(fields), kept_start=opens, kept_end=closes)


@lru_cache(maxsize=256)
def _names(template: str) -> tuple[str, ...]:
    """The placeholders of a template (parsed once: the catalogue has a few dozen)."""
    return tuple(sorted(template_fields(template)))
