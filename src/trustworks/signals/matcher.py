"""Find catalogue phrases in text, fast.

Running some five hundred regular expressions over every utterance would cost far more than
the speed budget allows, so the matcher first asks which patterns can match at all:

- For text RE2 reads as Python does (``re2_reads_alike``: ASCII, or with emoji, dashes and
  typographic quotes besides), one pass of an RE2 set (Google's linear-time engine, all
  patterns compiled into one automaton) names the patterns that match somewhere;
  lookarounds, which RE2 lacks, are dropped there, which only widens the net.
- For other text (accented letters, unusual spaces), each pattern is analysed once for the
  literals it cannot match without (``\\bthanks? for your time`` needs "thank for your
  time" or "thanks for your time"), an Aho-Corasick scan finds which are present and where,
  and substring tests check the rest.

Python's ``re`` then runs only those patterns, sentence by sentence, for the exact words,
exclusions and lookarounds. Either way a pattern matches within one sentence.

On text it has not seen, RE2's lazily built automaton spends most of its time building new
states (about 50 us an utterance over the whole catalogue), while the literal scan costs a
fifth of that. So once the literal index exists, such text takes both: the literal scan for
every pattern with a selective literal, and one small RE2 set for the rest (patterns with no
usable literal, or whose literal is a digit or a currency sign that most texts hold). Both
only ever widen the net, so the matches are the same whichever path names the candidates.

Building all of this for the whole catalogue takes about a second, more than a one-line
`trustworks check` should wait, so only the RE2 sets are built up front: a pattern is compiled
the first time it is a candidate, and the literal analysis waits for the first text RE2 cannot
take or the first few thousand texts. ``compile_all`` does everything at once (a server or a
batch worker at start).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from re import _compiler as sre_compile  # type: ignore[attr-defined]
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from threading import Lock
from typing import Any

import ahocorasick_rs
import re2

from trustworks.sentences import INNER_CUT, sentence_span
from trustworks.signals.schema import Cue, Signal

# Typographic quotes in transcripts are folded to ASCII so patterns can be written plainly;
# the mapping keeps string length, so offsets into the original text stay valid.
_FOLDED = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("‐", "-"), ("‑", "-"))
_MIN_LITERAL = 3
_MAX_REQUIREMENTS = 4  # checking more literals per pattern filters little and costs a lookup
_MAX_SECONDARY = 6
_END = 2**63 - 1  # ``endpos`` for "to the end", as the re module takes it


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
    source: str
    regex: re.Pattern[str]  # case-sensitive, run on lower-cased text (faster than IGNORECASE)
    regex_any_case: re.Pattern[str]  # for the rare text whose lower-casing changes its length
    exclude: re.Pattern[str] | None
    exclude_any_case: re.Pattern[str] | None


_MAX_EXPANSIONS = 512  # literal variants tracked per run before it is cut into pieces


def _char_set(items: Any) -> frozenset[str] | None:
    """The characters a class like ``[$€£]`` or ``\\d`` can match, if few and listable."""
    chars: set[str] = set()
    for op, arg in items:
        if op is sre_c.LITERAL:
            chars.add(chr(arg).lower())
        elif op is sre_c.CATEGORY and arg is sre_c.CATEGORY_DIGIT:
            chars.update("0123456789")
        elif op is sre_c.RANGE and arg[1] - arg[0] < 10:
            chars.update(chr(c).lower() for c in range(arg[0], arg[1] + 1))
        else:
            return None
    return frozenset(chars) or None


def _product(left: set[str], right: set[str]) -> set[str] | None:
    if len(left) * len(right) > _MAX_EXPANSIONS:
        return None
    return {a + b for a in left for b in right}


def _fewest(literals: frozenset[str]) -> frozenset[str]:
    """``literals`` without those that hold another of them: the same texts hold one."""
    if len(literals) < 2 or "" in literals:  # "" is in every text: no requirement at all
        return literals
    shortest = min(map(len, literals))
    if all(len(literal) == shortest for literal in literals):
        return literals
    ordered = sorted(literals)
    automaton = ahocorasick_rs.AhoCorasick(ordered)
    kept = frozenset(
        literal
        for number, literal in enumerate(ordered)
        if len(literal) == shortest
        or all(
            hit[0] == number for hit in automaton.find_matches_as_indexes(literal, overlapping=True)
        )
    )
    return literals if len(kept) == len(literals) else kept


def _expand(op: Any, arg: Any) -> set[str] | None:
    """Every string one parsed item can match, when it is a short list of literals.

    The parser factors common prefixes out of alternations (``yeah|yes`` becomes ``ye`` then
    ``ah|s``), so literal runs are rebuilt across groups, branches and optional parts here.
    """
    if op is sre_c.LITERAL:
        return {chr(arg).lower()}
    if op is sre_c.AT:
        return {""}
    if op is sre_c.IN:
        chars = _char_set(arg)
        return set(chars) if chars is not None and len(chars) <= 10 else None
    if op is sre_c.SUBPATTERN:
        return _expand_sequence(arg[-1])
    if op is sre_c.BRANCH:
        out: set[str] = set()
        for branch in arg[1]:
            found = _expand_sequence(branch)
            if found is None:
                return None
            out |= found
        return out if len(out) <= _MAX_EXPANSIONS else None
    if op is sre_c.MAX_REPEAT and arg[0] == 0 and arg[1] == 1:
        found = _expand_sequence(arg[2])
        return None if found is None else found | {""}
    return None


def _expand_sequence(items: Any) -> set[str] | None:
    out = {""}
    for op, arg in items:
        found = _expand(op, arg)
        if found is None:
            return None
        joined = _product(out, found)
        if joined is None:
            return None
        out = joined
    return out


def _lookbehind(op: Any, arg: Any) -> set[str] | None:
    """Every string a positive lookbehind, or a group of alternative ones, requires to end
    just here, when it is a short list of literals."""
    if op is sre_c.ASSERT and arg[0] == -1:
        return _expand_sequence(arg[1])
    if op is sre_c.SUBPATTERN and len(arg[-1]) == 1:
        return _lookbehind(*arg[-1][0])
    if op is sre_c.BRANCH:
        out: set[str] = set()
        for branch in arg[1]:
            found = _lookbehind(*branch[0]) if len(branch) == 1 else None
            if found is None:
                return None
            out |= found
        return out if len(out) <= _MAX_EXPANSIONS else None
    return None


def _requirements(items: Any) -> list[frozenset[str]]:
    """Sets of literals, one of which every match must contain, found in a parsed pattern."""
    found: list[frozenset[str]] = []
    run = {""}

    def flush() -> None:
        nonlocal run
        if run != {""}:
            found.append(frozenset(run))
        run = {""}

    for op, arg in items:
        behind = _lookbehind(op, arg)
        if behind is not None:
            # The text just before this place: what follows carries on from it ("cash now"
            # from "(?<=cash )now", not "now", which "know" holds). What came before overlaps
            # it, so that run ends here.
            flush()
            run = behind
            continue
        expanded = _expand(op, arg)
        if expanded is not None:
            # After an optional opening ("(?:and |but )?max"), what follows is in the text
            # whether the opening is or not: the variants with it would add nothing.
            joined = expanded if "" in run else _product(run, expanded)
            if joined is None:
                flush()
                joined = expanded
            run = joined
            continue
        flush()
        if op is sre_c.SUBPATTERN:
            found.extend(_requirements(arg[-1]))
        elif op is sre_c.ATOMIC_GROUP:
            found.extend(_requirements(arg))
        elif op is sre_c.ASSERT:  # what a lookahead or lookbehind needs is in the text too
            found.extend(_requirements(arg[1]))
        elif op is sre_c.IN:
            chars = _char_set(arg)
            if chars is not None:
                found.append(chars)
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


def _first_chars(items: Any) -> tuple[set[str], bool] | None:
    """Characters a match of this sequence can start with, and whether it can be empty."""
    firsts: set[str] = set()
    for op, arg in items:
        if op is sre_c.AT or op is sre_c.ASSERT or op is sre_c.ASSERT_NOT:
            continue  # zero-width: a lookbehind ("(?<!do )") says nothing of the first character
        if op is sre_c.LITERAL:
            return firsts | {chr(arg)}, False
        if op is sre_c.IN:
            chars = _char_set(arg)
            return None if chars is None else (firsts | set(chars), False)
        if op is sre_c.SUBPATTERN:
            inner = _first_chars(arg[-1])
        elif op is sre_c.BRANCH:
            inner = None
            branches = [_first_chars(b) for b in arg[1]]
            if all(b is not None for b in branches):
                inner = (
                    set().union(*(b[0] for b in branches if b)),
                    any(b[1] for b in branches if b),
                )
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
            inner = _first_chars(arg[2])
            if inner is not None and arg[0] == 0:
                inner = (inner[0], True)
        else:
            return None
        if inner is None:
            return None
        firsts |= inner[0]
        if not inner[1]:
            return firsts, False
    return firsts, True


def fast_form(pattern: str) -> str:
    """``pattern`` behind a lookahead on its possible first characters.

    Python's regex engine skips ahead quickly when it knows which characters a match can
    start with, but cannot work that out through a leading ``\\b`` and optional groups;
    spelling it out halves the time of a typical catalogue pattern.
    """
    if pattern.startswith("(?") and pattern[2:3].isalpha():
        return pattern  # global inline flags must stay first
    ahead = starts_with(pattern)
    return f"{ahead}(?:{pattern})" if ahead else pattern


_WORD_CHARACTER = re.compile(r"\w")
_ANY_WORD_CHARACTER = (sre_c.IN, [(sre_c.CATEGORY, sre_c.CATEGORY_WORD)])
_ANY_CHARACTER = (
    sre_c.IN,
    [(sre_c.CATEGORY, sre_c.CATEGORY_SPACE), (sre_c.CATEGORY, sre_c.CATEGORY_NOT_SPACE)],
)


def literal_led(pattern: str) -> re.Pattern[str] | None:
    """``pattern`` compiled (without flags, as ``re.compile(pattern)``) to open on its first
    characters, with the word boundary and the lookbehinds it opens on checked just after
    them; None when it opens otherwise.

    Python's engine skips straight to where a pattern's first characters are (a fast scan
    in C) only when the pattern opens on them: one that opens on ``\\b``, on ``^`` or on a
    lookbehind is tried at every place in the text instead, some 20 ns each. Most catalogue
    patterns open so (``\\b(?:i|we) need``). The same pattern led by its characters, each
    assertion moved past them and widened by them (``\\b`` before "i" is "no letter before
    'i'", read after the "i"; ``(?<!\\bif )`` before "we need" is ``(?<!\\bif we need)`` after
    it), matches the same text at the same places and tries its alternatives in the same
    order, so it finds the same matches.
    """
    parsed = sre_parse.parse(pattern)
    if parsed.state.flags & ~sre_c.SRE_FLAG_UNICODE:
        return None  # "^" reads otherwise under MULTILINE, letters under IGNORECASE
    items = list(parsed.data)
    led = _led(items, parsed.state)
    if led is None or led == items:
        return None
    parsed.data = led
    compiled: re.Pattern[str] = sre_compile.compile(parsed, 0)
    return compiled


def lower_case_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` (IGNORECASE, with no capital letter to match) for ASCII text's lower case,
    which has the same offsets: the same matches at the same places, found sooner (led by
    its first characters where it can be, no letter compared in both cases)."""
    return literal_led(pattern.pattern) or re.compile(fast_form(pattern.pattern))


# A text and its lower case, kept for the next pattern asked about the same text: detectors
# ask several in a row of one turn or sentence. One tuple, read and replaced whole (a thread
# that reads another thread's text only misses the cache).
_LOWERED: tuple[str, str] = ("", "")
_ESCAPE = re.compile(r"\\.|\(\?P[<=]", re.DOTALL)  # escapes and named groups: no letters to match
_CAPITAL = re.compile(r"[A-Z]")


def ascii_lower(text: str) -> str | None:
    """``text.lower()`` for ASCII text (the same length, the same offsets); None for other
    text, whose lower case may differ in length ("İ")."""
    global _LOWERED
    last = _LOWERED
    if last[0] is text:
        return last[1]
    if not text.isascii():
        return None
    lowered = text.lower()
    _LOWERED = (text, lowered)
    return lowered


class CaseFree:
    """An IGNORECASE pattern, searched in ASCII text by its `lower_case_twin` in the text's
    lower case, and in other text as it is.

    Python's engine compares every letter in both cases under IGNORECASE and cannot skip
    ahead to a pattern's first letters: a detector's long alternation takes 3-5 times as long
    as its twin over the lower case (``GIVES_A_REASON``: 9.7 -> 2.5 us a turn). The twin
    matches the same text at the same places. A match from ASCII text is a match in its lower
    case: its places (``start``, ``end``, ``span``) are the text's; its ``group()`` is the
    lower case of the text's words, so a caller that needs them as said slices the text.
    """

    __slots__ = ("regex", "twin")

    def __init__(self, regex: re.Pattern[str]) -> None:
        if regex.flags & ~re.UNICODE != re.IGNORECASE or _CAPITAL.search(
            _ESCAPE.sub("", regex.pattern)
        ):
            raise ValueError(f"not an IGNORECASE pattern without capitals: {regex.pattern!r}")
        self.regex = regex
        self.twin = lower_case_twin(regex)

    def search(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        """``regex.search(text, pos, endpos)``, its match in the lower case for ASCII text."""
        lowered = ascii_lower(text)
        if lowered is None:
            return self.regex.search(text, pos, endpos)
        return self.twin.search(lowered, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        """``regex.match(text, pos, endpos)``, its match in the lower case for ASCII text."""
        lowered = ascii_lower(text)
        if lowered is None:
            return self.regex.match(text, pos, endpos)
        return self.twin.match(lowered, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        """``regex.fullmatch(text, pos, endpos)``, in the lower case for ASCII text."""
        lowered = ascii_lower(text)
        if lowered is None:
            return self.regex.fullmatch(text, pos, endpos)
        return self.twin.fullmatch(lowered, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = _END) -> Iterator[re.Match[str]]:
        """``regex.finditer(text, pos, endpos)``, its matches in the lower case for ASCII."""
        lowered = ascii_lower(text)
        if lowered is None:
            return self.regex.finditer(text, pos, endpos)
        return self.twin.finditer(lowered, pos, endpos)


def _led(items: list[Any], state: Any) -> list[Any] | None:
    lead = 0
    while lead < len(items) and _opens_on(*items[lead]):
        lead += 1
    if lead == len(items):
        return None
    if lead:
        return _moved_past(items[lead:], items[:lead], state)
    if items[0][0] is sre_c.LITERAL:
        return items  # led by its characters already
    if items[0][0] is sre_c.BRANCH and len(items) == 1:  # "\blet's\b|\blet us\b": each alone
        branches = [list(branch.data) for branch in items[0][1][1]]
        return _branch(branches, state, lambda branch: _led(branch, state))
    if _optional(items[0]) and _groupless(items[1:]):  # "(?:and )?so": "and so" or "so"
        branches = [[*items[0][1][2].data, *items[1:]], items[1:]]
        return _branch(branches, state, lambda branch: _led(branch, state))
    return None


def _opens_on(op: Any, arg: Any) -> bool:
    """Whether an item is an assertion `literal_led` can move: a word boundary, "^", a
    lookbehind, or alternatives of them ("(?:^|(?<=[.!?]\\s))")."""
    if op is sre_c.AT:
        return arg is sre_c.AT_BOUNDARY or arg is sre_c.AT_BEGINNING
    if op is sre_c.ASSERT or op is sre_c.ASSERT_NOT:
        return bool(arg[0] == -1)
    if op is sre_c.BRANCH:
        return all(all(_opens_on(*item) for item in branch) for branch in arg[1])
    return False


def _optional(item: Any) -> bool:
    """Whether an item is "X?", greedy: tried with X first, then without."""
    op, arg = item
    return op is sre_c.MAX_REPEAT and arg[0] == 0 and arg[1] == 1


def _groupless(items: Any) -> bool:
    """Whether ``items`` hold no capturing group nor reference to one (so that they can be
    written twice: a group in two alternatives would be one group written twice)."""
    for op, arg in items:
        if op is sre_c.SUBPATTERN:
            if arg[0] is not None or not _groupless(arg[3]):
                return False
        elif op is sre_c.BRANCH:
            if not all(_groupless(branch) for branch in arg[1]):
                return False
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            if not _groupless(arg[2]):
                return False
        elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            if not _groupless(arg[1]):
                return False
        elif op is sre_c.ATOMIC_GROUP:
            if not _groupless(arg):
                return False
        elif op in (sre_c.GROUPREF, sre_c.GROUPREF_EXISTS):
            return False
    return True


def _word_class(item: Any) -> bool | None:
    """Whether every character a class takes is a letter, digit or "_" (True), none is
    (False), or some are (None)."""
    op, arg = item
    if op is sre_c.LITERAL:
        return _WORD_CHARACTER.match(chr(arg)) is not None
    if op is not sre_c.IN:
        return None
    kinds = set()
    for kind, value in arg:
        if kind is sre_c.LITERAL:
            kinds.add(_WORD_CHARACTER.match(chr(value)) is not None)
        elif kind is sre_c.RANGE and value[1] - value[0] < 128:
            kinds.update(
                _WORD_CHARACTER.match(chr(c)) is not None for c in range(value[0], value[1] + 1)
            )
        elif kind is sre_c.CATEGORY and value in (sre_c.CATEGORY_DIGIT, sre_c.CATEGORY_WORD):
            kinds.add(True)
        elif kind is sre_c.CATEGORY and value in (sre_c.CATEGORY_SPACE, sre_c.CATEGORY_NOT_WORD):
            kinds.add(False)
        else:
            return None  # a negated class, or one too wide to read
    return kinds.pop() if len(kinds) == 1 else None


def _first_apart(items: list[Any]) -> list[Any]:
    """``items`` with a first repeated part taken apart ("\\d+" as "\\d\\d*", "(?:so ){1,2}" as
    "so (?:so )?"): the same tries, in the same order, with the part first."""
    op, arg = items[0]
    if op not in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) or arg[0] < 1:
        return items
    # Written twice, a part must hold no group, and match something each time (the engine
    # stops repeating a part that matched nothing).
    if not _groupless(arg[2]) or arg[2].getwidth()[0] < 1:
        return items
    rest = arg[1] if arg[1] is sre_c.MAXREPEAT else arg[1] - 1
    return [*arg[2].data, (op, (arg[0] - 1, rest, arg[2])), *items[1:]]


def _moved_past(items: list[Any], lead: list[Any], state: Any) -> list[Any] | None:
    """``items`` with the assertions of ``lead`` moved past their first characters: a run of
    literal ones, or one class of them whose every character is a letter or none is."""
    items = _first_apart(items)
    count = 0
    while count < len(items) and items[count][0] is sre_c.LITERAL:
        count += 1
    if not count and items[0][0] is sre_c.IN and _word_class(items[0]) is not None:
        count = 1
    if count:
        word = _word_class(items[0])
        assert word is not None
        moved = [_widened(item, items[:count], word, state) for item in lead]
        return items[:count] + moved + items[count:]
    op, arg = items[0]
    if op is sre_c.BRANCH or (op is sre_c.IN and all(o is sre_c.LITERAL for o, _ in arg)):
        alternatives = (
            [list(branch.data) for branch in arg[1]]
            if op is sre_c.BRANCH
            else [[(sre_c.LITERAL, char)] for _, char in arg]  # "[$€]": "$" or "€"
        )
        branches = _branch(alternatives, state, lambda branch: _moved_past(branch, lead, state))
        return None if branches is None else branches + items[1:]
    if _optional(items[0]) and _groupless(items[1:]):
        branches = [[*arg[2].data, *items[1:]], items[1:]]
        return _branch(branches, state, lambda branch: _moved_past(branch, lead, state))
    if op is sre_c.SUBPATTERN and not arg[1] and not arg[2]:  # a group without flags
        inner = _moved_past(list(arg[3].data), lead, state)
        if inner is None:
            return None
        group = (sre_c.SUBPATTERN, (arg[0], 0, 0, sre_parse.SubPattern(state, inner)))
        return [group, *items[1:]]
    return None


def _branch(branches: list[list[Any]], state: Any, lead: Any) -> list[Any] | None:
    """Alternatives each led by its characters (``lead`` of each), or None. The engine skips
    to their first characters when each opens on a character; one opening on a class is
    still tried at every place, but its class is asked first, before any lookbehind."""
    out = []
    for branch in _flat(branches):
        led = lead(branch) if branch else None
        if led is None or led[0][0] not in (sre_c.LITERAL, sre_c.IN):
            return None
        out.append(sre_parse.SubPattern(state, led))
    return [(sre_c.BRANCH, (None, out))]


_MAX_BRANCHES = 32


def _flat(branches: list[list[Any]]) -> list[list[Any]]:
    """The alternatives, with those that open on alternatives of their own ("(?:is|are) so"),
    on a class of characters ("[$€] 5") or on an optional part ("(?:nearly )?all") spelt out
    one by one, in the order the engine tries them ("is so", "are so"; "nearly all", "all"):
    each then opens on a character."""
    out: list[list[Any]] = []
    for items in branches:
        if not items:
            out.append(items)
            continue
        op, arg = items[0]
        if op is sre_c.BRANCH:
            out.extend(_flat([[*inner.data, *items[1:]] for inner in arg[1]]))
        elif op is sre_c.IN and all(o is sre_c.LITERAL for o, _ in arg):
            out.extend([(sre_c.LITERAL, char), *items[1:]] for _, char in arg)
        elif _optional(items[0]) and _groupless(items[1:]):
            out.extend(_flat([[*arg[2].data, *items[1:]], items[1:]]))
        elif (apart := _first_apart(items)) is not items:
            out.extend(_flat([apart]))
        else:
            out.append(items)
        if len(out) > _MAX_BRANCHES:
            return branches
    return out


def _widened(item: Any, chars: list[Any], word: bool, state: Any) -> Any:
    """An assertion at a place, as read just after ``chars`` (items: literal characters or
    one class), which the text has there; ``word``: whether they open on a letter."""
    op, arg = item
    if op is sre_c.AT and arg is sre_c.AT_BOUNDARY:
        # Before a letter, a boundary is "no letter just before"; before a mark, "a letter".
        before = sre_c.ASSERT_NOT if word else sre_c.ASSERT
        return (before, (-1, sre_parse.SubPattern(state, [_ANY_WORD_CHARACTER, *chars])))
    if op is sre_c.AT:  # "^": nothing at all before
        return (sre_c.ASSERT_NOT, (-1, sre_parse.SubPattern(state, [_ANY_CHARACTER, *chars])))
    if op is sre_c.BRANCH:
        branches = [
            sre_parse.SubPattern(
                state, [_widened(part, chars, word, state) for part in branch.data]
            )
            for branch in arg[1]
        ]
        return (sre_c.BRANCH, (None, branches))
    return (op, (-1, sre_parse.SubPattern(state, [*arg[1].data, *chars])))


def starts_with(pattern: str) -> str:
    """A lookahead on the characters a match of ``pattern`` can start with ("" if unknown).

    Put first, before any lookbehind, it lets a search skip to those characters.
    """
    found = _first_chars(sre_parse.parse(pattern))
    if found is None or found[1] or not found[0] or len(found[0]) > 30:
        return ""
    chars = "".join(re.escape(c) for c in sorted(found[0]))
    return f"(?=[{chars}])"


# Words so common in speech that a literal made only of them filters almost nothing.
_COMMON_WORDS = (
    "a about all an and are as at be but by can do for from get go have how i if in is it "
    "just let me my no not of on or our so that the this to us we what will with you your"
)
_COMMON = frozenset(_COMMON_WORDS.split(" "))
_RARE_CHARACTERS = frozenset("0123456789$€£¥%#@&+=")  # rare in talk, unlike spaces or hyphens
_WORD = re.compile(r"[a-z']+")
_MIN_SELECTIVITY = 2.5


@lru_cache(maxsize=1 << 17)  # literals repeat across patterns: the index builds a third faster
def _selectivity(literal: str) -> float:
    """A rough guess at how rarely ``literal`` occurs in speech: higher filters more."""
    if len(literal) == 1:
        return 4.0 if literal in _RARE_CHARACTERS else 0.0
    # A short uncommon word ("hq", "vp") still filters about as well as a longer one.
    rare = sum(max(len(w), 3) for w in _WORD.findall(literal) if w not in _COMMON)
    return rare + 0.25 * max(0, len(literal) - rare)


def _score(requirement: frozenset[str]) -> float:
    # More alternatives means more chances to fire; count it, but gently.
    return min(map(_selectivity, requirement)) - 0.1 * math.log2(len(requirement))


def _best(candidates: Sequence[frozenset[str]]) -> frozenset[str] | None:
    ranked = _ranked(candidates)
    return ranked[0] if ranked else None


def _ranked(candidates: Sequence[frozenset[str]]) -> list[frozenset[str]]:
    scores = {c: _score(c) for c in map(_fewest, candidates) if c}
    usable = [c for c, score in scores.items() if score >= _MIN_SELECTIVITY]
    return sorted(usable, key=lambda c: (-scores[c], sorted(c)))


def required_literals(pattern: str) -> frozenset[str] | None:
    """The most selective set of literals of which every match of ``pattern`` contains one."""
    return _best(_requirements(sre_parse.parse(pattern, re.IGNORECASE)))


def requirement_sets(pattern: str) -> list[frozenset[str]]:
    """Usable requirements of ``pattern``, most selective first: a match has one of each."""
    return _ranked(_requirements(sre_parse.parse(pattern, re.IGNORECASE)))[:_MAX_REQUIREMENTS]


def weak_requirement(pattern: str) -> frozenset[str] | None:
    """The best set of literals every match of ``pattern`` holds one of, however common
    ("let me", " to "), when it has any: too common to name the pattern, but their absence
    still rules it out."""
    found = [
        _fewest(r) for r in _requirements(sre_parse.parse(pattern, re.IGNORECASE)) if "" not in r
    ]
    return min(found, key=lambda r: (-_score(r), sorted(r))) if found else None


def fold(text: str) -> str:
    """Fold typographic quotes and dashes to ASCII without changing the length."""
    if text.isascii():
        return text
    # As str.translate would fold them (each character to one other, none folded again), six
    # times sooner: translate looks up every character of the text in a dict.
    for typographic, plain in _FOLDED:
        if typographic in text:
            text = text.replace(typographic, plain)
    return text


@dataclass(frozen=True, slots=True)
class _Source:
    rule: str
    pattern: str
    exclude: str | None  # the rule's exclusions as one alternation


@dataclass(frozen=True, slots=True)
class _Literals:
    """What the Aho-Corasick path needs: patterns by literal, and the rest of each's literals."""

    automaton: ahocorasick_rs.AhoCorasick | None
    triggered: tuple[tuple[int, ...], ...]  # the patterns each literal of the automaton may start
    always: tuple[int, ...]  # patterns with no literal at all: run on every text
    secondary: tuple[tuple[tuple[str, ...], ...], ...]
    # Patterns whose literal is in most texts (a digit, "$"): the ASCII path leaves them, and
    # the patterns in `always`, to a small RE2 set, which tells far better whether they match.
    common: frozenset[int]

    def triggered_in(self, lowered: str) -> set[int]:
        """The patterns one of whose literals occurs in ``lowered`` (UTF-8: no lone surrogate)."""
        found: set[int] = set()
        if self.automaton is not None:
            triggered = self.triggered
            for hit in self.automaton.find_matches_as_indexes(lowered, overlapping=True):
                found.update(triggered[hit[0]])
        return found


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (from a bad byte or a JSON escape) made U+FFFD.

    The literal scan reads UTF-8, which has no surrogates; no literal holds either character,
    so the literals found are the same, at the same offsets.
    """
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


class Matcher:
    """Matches a set of signals and cues against one utterance at a time."""

    def __init__(self, rules: Iterable[Signal | Cue], *, use_re2: bool = True) -> None:
        self._sources: list[_Source] = []
        for rule in rules:
            exclude = "|".join(f"(?:{p})" for p in rule.exclude) if rule.exclude else None
            self._sources.extend(_Source(rule.id, pattern, exclude) for pattern in rule.patterns)
        # Compiled on first use; a race compiles one twice, which is harmless.
        self._patterns: list[_Pattern | None] = [None] * len(self._sources)
        self._use_re2 = use_re2
        self._re2 = _re2_set([s.pattern for s in self._sources]) if use_re2 else None
        self._literals: _Literals | None = None
        self._literals_lock = Lock()
        # Once the literal index exists: the RE2 set over the patterns the literals leave.
        self._common_re2: _Re2Prefilter | None = None
        self._texts = 0  # ASCII texts matched with RE2 alone, until the literal index pays

    def compile_all(self) -> None:
        """Compile every pattern and build the literal index now rather than on first use."""
        for index in range(len(self._sources)):
            self._pattern(index)
        self.index_literals()

    def index_literals(self) -> None:
        """Build the literal index now (about a second), as a server does before it serves."""
        self._literal_index()

    def _pattern(self, index: int) -> _Pattern:
        found = self._patterns[index]
        if found is None:
            source = self._sources[index]
            exclude = source.exclude
            found = _Pattern(
                source.rule,
                source.pattern,
                literal_led(source.pattern) or re.compile(fast_form(source.pattern)),
                re.compile(source.pattern, re.IGNORECASE),
                re.compile(exclude) if exclude else None,
                re.compile(exclude, re.IGNORECASE) if exclude else None,
            )
            self._patterns[index] = found
        return found

    def _literal_index(self) -> _Literals:
        """The literals each pattern cannot match without, analysed once, on first need."""
        if self._literals is not None:
            return self._literals
        with self._literals_lock:
            if self._literals is None:
                literals = _index_literals(self._sources)
                if self._use_re2:
                    common = sorted(literals.common)
                    patterns = [self._sources[i].pattern for i in common]
                    self._common_re2 = _re2_set(patterns, common) or _Re2Prefilter([], [])
                self._literals = literals
            return self._literals

    def candidates(self, folded: str) -> list[int]:
        """Indexes of the patterns that could match this (already folded) text."""
        return self._candidates(folded.lower())

    def _candidates(self, lowered: str) -> list[int]:
        if self._re2 is not None and re2_reads_alike(lowered):
            common = self._common_re2
            if common is None:
                self._texts += 1  # a race miscounts by one, which is harmless
                if self._texts <= _RE2_ALONE_TEXTS:
                    return self._re2.candidates(lowered)
                self._literal_index()
                common = self._common_re2
                assert common is not None
            return self._literal_candidates(lowered, common)
        return self._aho_corasick_candidates(lowered)

    def _literal_candidates(self, lowered: str, common: _Re2Prefilter) -> list[int]:
        """The literal scan for patterns with a selective literal, RE2 for the others."""
        literals = self._literal_index()
        # RE2 names only patterns of the common set, none of which can match without one of
        # its literals here (a digit, " to ", "let me"...) unless it has none: a third of the
        # texts skip its pass (4.6 us within an analysis).
        kept, ask_re2 = self._without_common(literals, literals.triggered_in(lowered), lowered)
        if ask_re2:
            kept.extend(common.candidates(lowered))
        return sorted(kept)

    def _aho_corasick_candidates(self, lowered: str) -> list[int]:
        """Patterns whose most selective literal is present and whose other literals are too."""
        literals = self._literal_index()
        found = literals.triggered_in(_without_surrogates(lowered))
        found.update(literals.always)
        secondary = literals.secondary
        return sorted(
            i for i in found if all(any(lit in lowered for lit in req) for req in secondary[i])
        )

    def find(self, text: str) -> list[Match]:
        """Every rule match in ``text``, in text order; overlapping hits of one rule collapse.

        A match never spans two sentences: a hit that would is skipped and the search goes on
        from the next character.
        """
        folded = fold(text)
        lowered = folded.lower()
        if len(lowered) != len(folded):  # e.g. "İ": offsets would drift, so match any case
            return self._find_any_case(text, folded)
        return self._search(text, lowered, self._candidates(lowered))

    def find_many(self, texts: Sequence[str]) -> list[list[Match]]:
        """What `find` gives for each of ``texts``, found a step at a time for all of them.

        The literal scans of all the texts come first, then RE2's passes, then the regex
        searches, so that each step's tables and automata are used for every text before
        the next step's push them out of the processor's cache: 1-3 % of a whole analysis
        for the turns of a conversation. (The scan still costs a few times more within an
        analysis than in a loop of its own: its automaton is larger than the cache.)
        """
        out: list[list[Match]] = [[] for _ in texts]
        literal: list[tuple[int, str]] = []
        for number, text in enumerate(texts):
            folded = fold(text)
            lowered = folded.lower()
            if len(lowered) != len(folded):
                out[number] = self._find_any_case(text, folded)
            elif (
                self._re2 is not None and self._common_re2 is not None and re2_reads_alike(lowered)
            ):
                literal.append((number, lowered))
            else:
                out[number] = self._search(text, lowered, self._candidates(lowered))
        if literal:
            literals = self._literal_index()
            common = self._common_re2
            assert common is not None
            scans = [literals.triggered_in(lowered) for _, lowered in literal]
            asked = [
                self._without_common(literals, found, lowered)
                for found, (_, lowered) in zip(scans, literal, strict=True)
            ]
            for (kept, ask), (_, lowered) in zip(asked, literal, strict=True):
                if ask:
                    kept.extend(common.candidates(lowered))
            for (kept, _), (number, lowered) in zip(asked, literal, strict=True):
                out[number] = self._search(texts[number], lowered, sorted(kept))
        return out

    @staticmethod
    def _without_common(
        literals: _Literals, found: set[int], lowered: str
    ) -> tuple[list[int], bool]:
        """The scan's candidates whose other literals are present, and whether RE2 must be
        asked about the common patterns (see `_literal_candidates`)."""
        ask_re2 = bool(literals.always) or not found.isdisjoint(literals.common)
        if found:
            found -= literals.common
        secondary = literals.secondary
        # Most patterns have no further literals; the others are looked for with ``map``,
        # which leaves the generators' frames out (1.2 -> 0.9 us a seller's turn).
        holds = lowered.__contains__
        kept = [
            i
            for i in found
            if not (required := secondary[i]) or all(any(map(holds, r)) for r in required)
        ]
        return kept, ask_re2

    def _search(self, text: str, lowered: str, found: list[int]) -> list[Match]:
        """The matches in ``text`` (``lowered`` its folded lower case) of the patterns found."""
        if not found:
            return []
        matches: list[Match] = []
        for index in found:
            pattern = self._pattern(index)
            regex, exclude = pattern.regex, pattern.exclude
            position = 0
            while (hit := regex.search(lowered, position)) is not None:
                start, end = hit.span()
                cut = INNER_CUT.search(lowered, start, end) if start != end else None
                if cut is not None:
                    # The hit ran on into the next sentence ("£85,000. 1,200 of it..."): the
                    # pattern may still match inside this one, ending at its punctuation.
                    hit = regex.search(lowered, start, cut.end() - 1)
                    if hit is not None:
                        start, end = hit.span()
                if hit is None or start == end:
                    position = start + 1
                    continue
                position = end
                if exclude is not None:
                    s_left, s_right = sentence_span(lowered, start, end)
                    if exclude.search(lowered, s_left, s_right):
                        continue
                end = _number_end(lowered, end)
                matches.append(Match(pattern.rule, start, end, text[start:end]))
        return _dedupe(matches) if len(matches) > 1 else matches

    def _find_any_case(self, text: str, folded: str) -> list[Match]:
        matches: list[Match] = []
        for pattern in map(self._pattern, range(len(self._sources))):
            for hit in pattern.regex_any_case.finditer(folded):
                start, end = hit.span()
                if start == end:
                    continue
                if pattern.exclude_any_case is not None:
                    s_left, s_right = sentence_span(folded, start, end)
                    if pattern.exclude_any_case.search(folded, s_left, s_right):
                        continue
                end = _number_end(folded, end)
                matches.append(Match(pattern.rule, start, end, text[start:end]))
        return _dedupe(matches)


_NUMBER_TAIL = re.compile(r"(?:[.,]?\d)+")


def _number_end(text: str, end: int) -> int:
    """Where a match that stops inside a number should stop: a pattern that asks for one digit
    ("above $1" of "above $120") would quote a figure the speaker never said."""
    if 0 < end < len(text) and text[end - 1].isdigit():
        tail = _NUMBER_TAIL.match(text, end)
        if tail is not None:
            return tail.end()
    return end


def _index_literals(sources: Sequence[_Source]) -> _Literals:
    always: list[int] = []
    common: set[int] = set()
    secondary: list[tuple[tuple[str, ...], ...]] = []
    triggers: dict[str, list[int]] = {}
    for index, source in enumerate(sources):
        requirements = requirement_sets(source.pattern)
        if not requirements:
            # No literal selective enough to name the pattern: RE2 does. Its commonest
            # literals, scanned for with the others, still tell when it cannot match.
            common.add(index)
            secondary.append(())
            weak = weak_requirement(source.pattern)
            if weak is None:
                always.append(index)
            else:
                for literal in weak:
                    triggers.setdefault(literal, []).append(index)
            continue
        if any(len(literal) <= _COMMON_LITERAL for literal in requirements[0]):
            common.add(index)
        for literal in requirements[0]:
            triggers.setdefault(literal, []).append(index)
        # Further literals are checked by substring; large sets would cost more than the
        # regex they are meant to save.
        secondary.append(
            tuple(tuple(sorted(r)) for r in requirements[1:] if len(r) <= _MAX_SECONDARY)
        )
    # A contiguous NFA: some 87,000 literals (each pattern's variants) in far less memory
    # than a trie of nodes, so more of it stays in the cache between texts (13 -> 11 us a
    # text within an analysis, measured side by side on the same texts).
    automaton = (
        ahocorasick_rs.AhoCorasick(
            list(triggers), implementation=ahocorasick_rs.Implementation.ContiguousNFA
        )
        if triggers
        else None
    )
    triggered = tuple(tuple(indexes) for indexes in triggers.values())
    # The guesses are needed only while an index is built. Kept, their 131,072 entries would be
    # walked by every full pass of Python's garbage collector: 10 of its 28 ms, about once in
    # 5,000 utterances analysed (see docs/performance.md, twentieth session).
    _selectivity.cache_clear()
    return _Literals(automaton, triggered, tuple(always), tuple(secondary), frozenset(common))


_RE2_MEMORY = 256 << 20  # each set's lazily built DFA needs room to stay fast
# One set over every pattern builds a DFA whose states multiply with the patterns: on text it
# has not seen, building states dominates (about 110 us an utterance at 800 patterns). Sets of
# about a hundred patterns stay small and warm: measured on 10,000 distinct utterances after a
# warm-up, one set of 800 patterns 13,400 utterances/s, sets of 128 26,000, of 32 16,700.
_RE2_PATTERNS_PER_SET = 128
# Characters RE2 reads otherwise than Python's re: whitespace only Python's \s takes (a
# vertical tab, the ASCII separators; a form feed too, to be safe), and lone surrogates, which
# are no UTF-8 at all.
_RE2_BLIND = re.compile(r"[\x0b\x0c\x1c-\x1f\ud800-\udfff]")
# ... and, beyond ASCII, letters, digits and spaces: RE2's \w, \d, \s and \b know ASCII only.
# One character, told by a class first and then looked back at: a pattern that opens on a
# class is skipped through in C to where it may match, where one that opens on a lookahead
# or a choice is tried at every character (2.2 -> 0.4 us a text beyond ASCII). The same
# characters as ``[\x0b\x0c\x1c-\x1f\ud800-\udfff]|(?=[^\x00-\x7f])[\w\s]``, every code point
# checked.
_RE2_UNLIKE = re.compile(
    r"[\x0b\x0c\x1c-\x1f\x80-\U0010ffff](?<=[\x0b\x0c\x1c-\x1f\ud800-\udfff\w\s])"
)
# With the literal index, RE2 takes only the patterns whose best literal is this short or
# absent (23 of 845 in the catalogue of 2026-12-05): one set, far fewer states to build.
# Measured on 4,000 distinct utterances after a warm-up, candidates and their searches: 51 us
# an utterance with RE2 alone, 14 us this way (16 us leaving only the digits and "$" to RE2).
_COMMON_LITERAL = 2
# Building the literal index costs about a second, which RE2 alone would spend on some
# 20,000 new utterances: a one-shot command never builds it, a long batch soon does.
_RE2_ALONE_TEXTS = 5_000


def re2_reads_alike(text: str) -> bool:
    """Whether RE2 reads ``text`` as Python's re does: every class and word boundary alike.

    True for ASCII text and for text whose other characters are neither letters, digits nor
    spaces (emoji, dashes, typographic quotes), which both engines take as punctuation.
    """
    if text.isascii():  # a printable text holds none of the characters sought
        return text.isprintable() or _RE2_BLIND.search(text) is None
    return _RE2_UNLIKE.search(text) is None


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


class _Re2Prefilter:
    """The patterns in a few RE2 sets: which of them match somewhere in a text."""

    def __init__(self, engines: list[tuple[Any, list[int]]], always: list[int]) -> None:
        # (the set's match on UTF-8 bytes, set position -> pattern index)
        self._engines = [(set_match(engine), indexes) for engine, indexes in engines]
        self._always = always  # patterns RE2 cannot take, run every time

    def candidates(self, lowered: str) -> list[int]:
        """Indexes of the patterns that may match ``lowered`` (an ASCII, lower-case text)."""
        found = set(self._always)
        encoded = lowered.encode()  # once for all the sets
        for match, indexes in self._engines:
            found.update(indexes[h] for h in match(encoded))
        return sorted(found)


def set_match(engine: Any) -> Callable[[bytes], list[int]]:
    """The ``Match`` of a compiled ``re2.Set``, asked about UTF-8 bytes: the positions of the
    patterns found, empty for none.

    The wrapper's own ``Match`` encodes a ``str`` and turns an empty answer into None in
    Python on every call: a fifth of a gate's 0.7 us a sentence, asked some 30,000 times in
    10,000 utterances. Its compiled set (``_set``) answers the same; a wrapper without one is
    asked as it is.
    """
    compiled = getattr(engine, "_set", None)
    if compiled is not None:
        match: Callable[[bytes], list[int]] = compiled.Match
        return match
    return lambda text: engine.Match(text) or []


# An escape (or a trailing backslash), a lookaround's opening, a bracket or parenthesis, or a
# run of anything else: the units `without_lookarounds` reads a pattern in.
_PATTERN_PIECE = re.compile(r"\\.?|\(\?<?[=!]|[\[\]()]|[^\\\[\]()]+", re.DOTALL)


def without_lookarounds(pattern: str) -> str:
    """``pattern`` without its lookahead and lookbehind groups: it matches more, never less."""
    # Read piece by piece, not character by character: building the RE2 sets strips every
    # catalogue pattern when a command starts (0.017 s character by character).
    out: list[str] = []
    depth_skip, depth, in_class = -1, 0, False
    for piece in _PATTERN_PIECE.findall(pattern):
        if piece[0] == "\\":
            pass
        elif in_class:
            in_class = piece != "]"
        elif piece == "[":
            in_class = True
        elif piece[0] == "(":
            if len(piece) > 1 and depth_skip < 0:
                depth_skip = depth
            depth += 1
        elif piece == ")":
            depth -= 1
            if depth == depth_skip:
                depth_skip = -1
                continue
        if depth_skip < 0:
            out.append(piece)
    return "".join(out)


def _re2_set(patterns: list[str], numbers: Sequence[int] | None = None) -> _Re2Prefilter | None:
    """RE2 sets over ``patterns``, naming them by position or by ``numbers`` when given."""
    if not patterns:
        return None
    always: list[int] = []
    engines: list[tuple[Any, list[int]]] = []
    engine: Any = None
    indexes: list[int] = []
    for position, pattern in enumerate(patterns):
        index = position if numbers is None else numbers[position]
        if engine is None:
            engine, indexes = _new_re2_set(), []
        try:
            engine.Add(without_lookarounds(pattern))
        except Exception:  # RE2 rejects some Python syntax; such patterns run every time
            always.append(index)
            continue
        indexes.append(index)
        if len(indexes) == _RE2_PATTERNS_PER_SET:
            engine.Compile()
            engines.append((engine, indexes))
            engine = None
    if engine is not None and indexes:
        engine.Compile()
        engines.append((engine, indexes))
    return _Re2Prefilter(engines, always)


def _new_re2_set() -> Any:
    options = re2.Options()
    options.log_errors = False
    options.max_mem = _RE2_MEMORY
    return re2.Set.SearchSet(options)


# Syntax RE2 takes but reads otherwise than Python: a POSIX class ("[[:alpha:]]" is a set of
# characters to Python), "{,3}" (a literal to RE2) and "[\b]" (a backspace to Python).
_READ_OTHERWISE = ("[:", "{,", "[\\b")


class Gated:
    """A regex searched only in text where RE2 says it may match at all.

    For a detector's larger patterns, which most turns do not match, and which Python's
    engine tries at every letter they may start with: one pass of RE2's automaton over the
    pattern without its lookarounds (which matches more, never less) says "no" for most
    turns in a fraction of the time (a seller's question: 8.7 -> 1.7 us for
    asks_about_their_world's ask for the sale). Only where RE2 reads the text as Python does
    (`re2_reads_alike`), and for a pattern with ``$`` only in text without a newline (before
    a final one, Python's ``$`` matches too); a pattern with syntax RE2 rejects or reads
    otherwise is always searched. ``search`` gives what ``regex.search`` gives.

    ``gate``, when given, is the pattern RE2 runs instead: one that matches wherever
    ``regex`` does (``regex`` with possessive quantifiers made greedy, which RE2 rejects).
    """

    __slots__ = ("_dollar", "_gate", "_source", "regex")

    def __init__(self, regex: re.Pattern[str], gate: str | None = None) -> None:
        self.regex = regex
        self._gate: Callable[[bytes], list[int]] | None = None
        self._source: str | None = None  # what RE2 was given, for `Gates` to share
        source = regex.pattern
        self._dollar = "$" in source
        if regex.flags & ~(re.IGNORECASE | re.UNICODE) or any(
            form in source for form in _READ_OTHERWISE
        ):
            return
        if gate is not None:
            if any(form in gate for form in _READ_OTHERWISE):
                return
            source = gate
        options = re2.Options()
        options.log_errors = False
        options.case_sensitive = not regex.flags & re.IGNORECASE
        engine = re2.Set.SearchSet(options)
        try:
            engine.Add(without_lookarounds(source))
        except Exception:  # Python-only syntax: searched every time
            return
        engine.Compile()
        self._gate = set_match(engine)
        self._source = without_lookarounds(source)

    def may_match(self, text: str) -> bool:
        """False only where ``regex`` cannot match ``text`` anywhere."""
        if self._gate is None or (self._dollar and "\n" in text):
            return True
        # Printable ASCII, nearly every turn, reads alike: told without the call.
        if not (text.isascii() and text.isprintable()) and not re2_reads_alike(text):
            return True
        return bool(self._gate(text.encode()))

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """``regex.search(text, pos)``."""
        # A match from ``pos`` on is a match in the whole text, which RE2 is asked about.
        return self.regex.search(text, pos) if self.may_match(text) else None


class Gates:
    """Several `Gated` patterns asked about the same text in one RE2 pass: what each one's
    `Gated.may_match` says.

    For a detector that asks two gates of every turn: one pass of a set of both costs about
    what one of them costs alone. Patterns that differ in case sensitivity, or one without a
    gate of its own, are asked one by one.
    """

    __slots__ = ("_each", "_together")

    def __init__(self, *each: Gated) -> None:
        self._each = each
        self._together: Callable[[bytes], list[int]] | None = None
        sources = [gated._source for gated in each]
        ignore = {bool(gated.regex.flags & re.IGNORECASE) for gated in each}
        if any(source is None for source in sources) or len(ignore) != 1:
            return
        options = re2.Options()
        options.log_errors = False
        options.case_sensitive = not ignore.pop()
        engine = re2.Set.SearchSet(options)
        try:
            for source in sources:
                engine.Add(source)
        except Exception:  # each took its own, so this is not expected: asked one by one
            return
        engine.Compile()
        self._together = set_match(engine)

    def may_match(self, text: str) -> tuple[bool, ...]:
        """Each gate's `Gated.may_match` of ``text``, in order."""
        together = self._together
        if together is None or (
            not (text.isascii() and text.isprintable()) and not re2_reads_alike(text)
        ):
            return tuple(gated.may_match(text) for gated in self._each)
        found = together(text.encode())
        newline = "\n" in text
        return tuple(
            k in found or (gated._dollar and newline) for k, gated in enumerate(self._each)
        )
