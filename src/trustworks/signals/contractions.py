"""Catalogue patterns read a contraction and its full form alike: "I'm" is "I am".

People write and say both ("I am not sure", "do not worry", "what is making you hesitant?"),
and transcripts keep whichever was said; a pattern written with one form missed the other (on
the catalogue's own examples, 17 % of those with a contraction were no longer found with it
spelt out). Rather than ask every pattern to spell both, the loader widens each pattern's
plain contractions and full forms into an alternation of the two before compiling it.

Only plain text is widened: nothing inside a character class, and nothing inside a lookbehind,
whose width must stay fixed.
"""

from __future__ import annotations

import re

# Each contraction with its full forms, lower case, as patterns spell them.
PAIRS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("i'm", ("i am",)),
    ("you're", ("you are",)),
    ("we're", ("we are",)),
    ("they're", ("they are",)),
    ("it's", ("it is",)),
    ("that's", ("that is",)),
    ("there's", ("there is",)),
    ("what's", ("what is",)),
    ("here's", ("here is",)),
    ("let's", ("let us",)),
    ("i'll", ("i will",)),
    ("you'll", ("you will",)),
    ("we'll", ("we will",)),
    ("it'll", ("it will",)),
    ("i'd", ("i would",)),
    ("you'd", ("you would",)),
    ("we'd", ("we would",)),
    ("i've", ("i have",)),
    ("you've", ("you have",)),
    ("we've", ("we have",)),
    ("don't", ("do not",)),
    ("doesn't", ("does not",)),
    ("didn't", ("did not",)),
    ("isn't", ("is not",)),
    ("aren't", ("are not",)),
    ("wasn't", ("was not",)),
    ("weren't", ("were not",)),
    ("won't", ("will not",)),
    ("can't", ("cannot", "can not")),
    ("couldn't", ("could not",)),
    ("wouldn't", ("would not",)),
    ("shouldn't", ("should not",)),
    ("haven't", ("have not",)),
    ("hasn't", ("has not",)),
)


def _source(form: str) -> str:
    """How a pattern may spell ``form``: its apostrophe plain or optional ("don'?t")."""
    return re.escape(form).replace("'", r"'\??")


# Every spelling of every form, longest first, so "can not" is read before "can".
_FORMS: dict[str, tuple[str, ...]] = {}
for _short, _long in PAIRS:
    for _form in (_short, *_long):
        _FORMS[_form] = (_short, *_long)
_SPELLING = re.compile("|".join(_source(f) for f in sorted(_FORMS, key=len, reverse=True)))
_LETTER = re.compile(r"[a-z]")
_QUANTIFIER = frozenset("?*+{")


def _alternation(spelt: str) -> str:
    """The alternation a spelling in a pattern is widened to, keeping its own spelling."""
    forms = _FORMS[spelt.replace("'?", "'")]
    # The forms are letters, apostrophes and spaces: nothing in them needs escaping.
    others = [f for f in forms if f != spelt.replace("'?", "'")]
    return "(?:" + "|".join([spelt, *others]) + ")"


def _bounded(pattern: str, start: int, end: int) -> bool:
    """Whether the spelling at ``pattern[start:end]`` is a whole word of the pattern's text: no
    letter of the text right before or after it (an escape such as ``\\b`` is no letter), and
    no quantifier on its last character."""
    escaped = start > 1 and pattern[start - 2] == "\\"
    if start > 0 and _LETTER.match(pattern[start - 1]) and not escaped:
        return False
    return not (end < len(pattern) and (pattern[end] in _QUANTIFIER or _LETTER.match(pattern[end])))


def widen_contractions(pattern: str) -> str:
    """``pattern`` with each plain contraction or full form read as either.

    >>> widen_contractions(r"\\bi'm not sure\\b")
    "\\\\b(?:i'm|i am) not sure\\\\b"
    >>> widen_contractions(r"(?<!don't )worry")
    "(?<!don't )worry"
    """
    out: list[str] = []
    position = 0
    in_class = False
    behind: list[int] = []  # the group depth at which each open lookbehind started
    depth = 0
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
            index += 1
            continue
        if char == "[":
            in_class = True
            index += 1
            # "[]..." and "[^]...": a "]" first in the class is a member, not its end.
            if pattern[index : index + 1] == "^":
                index += 1
            if pattern[index : index + 1] == "]":
                index += 1
            continue
        if char == "(":
            depth += 1
            if pattern.startswith(("(?<=", "(?<!"), index):
                behind.append(depth)
            index += 1
            continue
        if char == ")":
            if behind and behind[-1] == depth:
                behind.pop()
            depth -= 1
            index += 1
            continue
        if not behind:
            found = _SPELLING.match(pattern, index)
            if found is not None and _bounded(pattern, index, found.end()):
                out.append(pattern[position:index])
                out.append(_alternation(found.group()))
                position = index = found.end()
                continue
        index += 1
    out.append(pattern[position:])
    return "".join(out)
