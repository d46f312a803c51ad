"""Find catalogue phrases in text, fast.

Running a few hundred regular expressions over every utterance would cost far more than the
speed budget allows, so each pattern is analysed once for a literal it cannot match without
(for example ``"for your time"``), and one Aho-Corasick scan of the lower-cased utterance
picks the few patterns worth running. Patterns with no usable literal always run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import ahocorasick

from trustworks.signals.schema import Cue, Signal

# Typographic quotes in transcripts are folded to ASCII so patterns can be written plainly;
# the mapping keeps string length, so offsets into the original text stay valid.
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "‐": "-", "‑": "-"})
_MIN_LITERAL = 3
_SENTENCE_END = re.compile(r"[.!?;\n]")


@dataclass(frozen=True, slots=True)
class Match:
    """A rule's pattern matched these characters of the text."""

    rule: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Pattern:
    rule: str
    regex: re.Pattern[str]
    exclude: re.Pattern[str] | None


def _requirements(items: Any) -> list[frozenset[str]]:
    """Sets of literals, one of which every match must contain, found in a parsed pattern."""
    found: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            found.append(frozenset({"".join(run).lower()}))
            run.clear()

    for op, arg in items:
        if op is sre_c.LITERAL:
            run.append(chr(arg))
            continue
        if op is sre_c.AT:  # \b, ^, $ consume nothing, so the literal run goes on
            continue
        flush()
        if op is sre_c.SUBPATTERN:
            found.extend(_requirements(arg[-1]))
        elif op is sre_c.ATOMIC_GROUP:
            found.extend(_requirements(arg))
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            low, _high, item = arg
            if low >= 1:
                found.extend(_requirements(item))
        elif op is sre_c.BRANCH:
            alternatives = [_best(_requirements(branch)) for branch in arg[1]]
            if all(alt is not None for alt in alternatives):
                found.append(frozenset().union(*(a for a in alternatives if a is not None)))
    flush()
    return found


def _best(candidates: Sequence[frozenset[str]]) -> frozenset[str] | None:
    usable = [c for c in candidates if c and min(map(len, c)) >= _MIN_LITERAL]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(map(len, c)), -len(c)))


def required_literals(pattern: str) -> frozenset[str] | None:
    """Lower-cased literals of which every match of ``pattern`` contains one, if any."""
    return _best(_requirements(sre_parse.parse(pattern, re.IGNORECASE)))


def fold(text: str) -> str:
    """Fold typographic quotes and dashes to ASCII without changing the length."""
    return text if text.isascii() else text.translate(_FOLD)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right_match = _SENTENCE_END.search(text, end)
    return left, right_match.end() if right_match else len(text)


class Matcher:
    """Matches a set of signals and cues against one utterance at a time."""

    def __init__(self, rules: Iterable[Signal | Cue]) -> None:
        self._patterns: list[_Pattern] = []
        self._always: list[int] = []
        triggers: dict[str, list[int]] = {}
        for rule in rules:
            exclude = (
                re.compile("|".join(f"(?:{p})" for p in rule.exclude), re.IGNORECASE)
                if rule.exclude
                else None
            )
            for pattern in rule.patterns:
                index = len(self._patterns)
                self._patterns.append(
                    _Pattern(rule.id, re.compile(pattern, re.IGNORECASE), exclude)
                )
                literals = required_literals(pattern)
                if literals is None:
                    self._always.append(index)
                else:
                    for literal in literals:
                        triggers.setdefault(literal, []).append(index)
        self._automaton: Any = None
        if triggers:
            automaton = ahocorasick.Automaton()
            for literal, indexes in triggers.items():
                automaton.add_word(literal, tuple(indexes))
            automaton.make_automaton()
            self._automaton = automaton

    @property
    def pattern_count(self) -> int:
        """How many patterns this matcher holds."""
        return len(self._patterns)

    def candidates(self, folded: str) -> list[int]:
        """Indexes of the patterns that could match this (already folded) text."""
        chosen = set(self._always)
        if self._automaton is not None:
            for _end, indexes in self._automaton.iter(folded.lower()):
                chosen.update(indexes)
        return sorted(chosen)

    def find(self, text: str) -> list[Match]:
        """Every rule match in ``text``, in text order; overlapping hits of one rule collapse."""
        folded = fold(text)
        matches: list[Match] = []
        for index in self.candidates(folded):
            pattern = self._patterns[index]
            for hit in pattern.regex.finditer(folded):
                start, end = hit.span()
                if start == end:
                    continue
                if pattern.exclude is not None:
                    left, right = _sentence_bounds(folded, start, end)
                    if pattern.exclude.search(folded, left, right):
                        continue
                matches.append(Match(pattern.rule, start, end, text[start:end]))
        return _dedupe(matches)


def _dedupe(matches: list[Match]) -> list[Match]:
    matches.sort(key=lambda m: (m.start, -(m.end - m.start), m.rule))
    kept: list[Match] = []
    last_end: dict[str, int] = {}
    for match in matches:
        if match.start < last_end.get(match.rule, -1):
            continue
        kept.append(match)
        last_end[match.rule] = match.end
    return kept
