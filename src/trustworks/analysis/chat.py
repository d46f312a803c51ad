"""Chat as typed: "u" for "you", "thx", "idk", "lol" after a sentence, "??", and a stop with
no space after it ("Great.What do you need?").

Sellers talk to clients by text message and chat, and people typing fast write so. The
catalogue's phrases are written as the words are said, so the analysis reads a copy of the
turn with each of these written out (``marks.as_meant`` starts here) and maps every finding
onto the words as typed. Over the read sets and sales sets 1, 3 and 4
(``scripts/style_robustness.py``), "u" for "you" lost 45 % of the findings read as written,
"lol" after the first sentence 12 %, doubled marks 7 % and no space after a stop 9 %.

Only spellings that are never another word are written out wherever they stand ("thx",
"idk", "pls"). "u", "ur" and "r" are letters too: "u" is read as "you" only standing alone
(not "U.S." or "U-turn"), "r" only beside a pronoun or a question word ("how r u",
"u r", "r you"), and "ur" as "you're" where what follows is what follows "you're" ("ur
welcome", "ur going", "ur right"), "your" elsewhere.
"""

from __future__ import annotations

import re

from trustworks.analysis import synonyms

# Each shorthand written out, by its lower-case spelling.
_WORDS: dict[str, str] = {
    "u": "you",
    "urs": "yours",
    "thx": "thanks",
    "thnx": "thanks",
    "thanx": "thanks",
    "tnx": "thanks",
    "ty": "thank you",
    "tysm": "thank you so much",
    "tyvm": "thank you very much",
    "pls": "please",
    "plz": "please",
    "idk": "I don't know",
    "dunno": "don't know",
    "bc": "because",
    "b/c": "because",
    "cuz": "because",
    "coz": "because",
    "bcuz": "because",
    "becuz": "because",
    "tho": "though",
    "altho": "although",
    "thru": "through",
    "rly": "really",
    "abt": "about",
    "b4": "before",
    "w/": "with",
    "w/o": "without",
    "ppl": "people",
    "np": "no problem",
    "yw": "you're welcome",
    "nvm": "never mind",
    "btw": "by the way",
    "imo": "in my opinion",
    "imho": "in my opinion",
    "tbh": "to be honest",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tmw": "tomorrow",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "tonite": "tonight",
    "2nite": "tonight",
    "wk": "week",
    "wks": "weeks",
}
# Written in capitals, these are names: "BC" (British Columbia), "NP" (a nurse practitioner).
_LOWER_ONLY = frozenset({"bc", "np", "ty", "tho"})


def _grouped(words: list[str]) -> str:
    """An alternation of ``words`` grouped by first letter, longest first in each group: the
    engine tries one group at a place instead of every word."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in groups.items())


# Every turn is tested for shorthand: a space then a word, or a word opening the turn, a
# search led by the literal space (0.6 us a turn, where one pattern for every place cost 6).
_SHORT_HINT = f"(?:{_grouped([*_WORDS, 'ur', 'r'])})(?![a-z])"
_SHORT_AFTER_SPACE = re.compile(" " + _SHORT_HINT)
_SHORT_FIRST = re.compile(_SHORT_HINT)
# Shorthand, a near-synonym or a laugh, as a word after a space or opening the turn: one
# search led by the literal space for all three (where three tests cost 1.6 us a turn, 0.9).
_WORDS_HINT = (
    f"(?:{_SHORT_HINT}|(?:{_grouped(list(synonyms.WORDS))})(?![a-z])|lol|haha|hehe|lmao|rofl|ha ha)"
)
_WORDS_AFTER_SPACE = re.compile(" " + _WORDS_HINT)
_WORDS_FIRST = re.compile(_WORDS_HINT)
_SHORT = re.compile(rf"(?<![\w'/.-])(?:{_grouped([*_WORDS, 'ur', 'r'])})(?![\w/]|-\w)(?!\.\w)")
# What follows "you're" and never "your": "ur welcome", "ur right", "ur going to love it".
_AFTER_YOURE = re.compile(
    r"[ \t]+(?:a|an|the|not|so|very|really|welcome|right|correct|wrong|going|gonna|sure|free|"
    r"able|in|on|at|here|there|all|just|too|also|still|new|good|great|ok|okay|fine|happy|busy|"
    r"kind|sort|pretty|halfway|most|more|probably|definitely|absolutely|totally|both|"
    r"interested|\w+ly[ \t]+\w+(?:ing|ed)|"
    # "ur worried about", "ur frustrated.", not "ur preferred option".
    r"\w{3,}ed(?=\W*$|[ \t]*[.,;!?]|[ \t]+(?:about|with|by|to|that|in|of|and|because|so|"
    r"now|too|already)\b))\b"
)
# "r" is "are" beside a pronoun or a question word: "how r u", "u r right", "r you free".
_BESIDE_ARE = re.compile(r"(?:u|you|we|they|how|what|where|who|why|when|there|these|those)")
_THANKS_AFTER = re.compile(r"\W*$|[ \t]*(?:[!.,]|for|so|very)")

# Laughter typed after a sentence or for one: "Sure. lol", "haha that's fair", "fair lol".
_LAUGH = re.compile(
    r"(?<![\w'])(?:lol+|lmao|rofl|(?:ha){2,}h?|(?:he){2,}|(?:ha )+ha)(?![\w'])", re.IGNORECASE
)
# A mark with no space after it: doubled, or a stop with a word after it.
_MARKS_HINT = re.compile(r"[.?!,][A-Za-z!?]")
# Marks typed twice or more: "??", "!!!", "?!".
_MARKS_RUN = re.compile(r"[!?]{2,}")
# A stop with no space after it, between words: "Great.What", "Sure!What", "Okay,so". A full
# stop only between a lower-case word and a capital ("e.g.", "3.5", "U.S." and domain names
# keep theirs), and no change at all in a turn holding an address.
_NO_SPACE = re.compile(r"(?<=[a-z]{2})\.(?=[A-Z][a-z]|I[ '])|(?<=[a-z])[?!,](?=[A-Za-z])")
_ADDRESS = re.compile(r"://|www\.|@\w|\.(?:com|org|net|io)\b")


def _last_mark(low: str, at: int) -> str | None:
    """The character before ``at`` past spaces and tabs; None at the turn's start."""
    while at > 0 and low[at - 1] in " \t":
        at -= 1
    return low[at - 1] if at > 0 else None


# "So ur wanting to feel stronger", "ur putting yourself at risk": a verb in -ing after "ur"
# opening a clause is "you're"; after a verb or a preposition it is "your" ("check ur
# billing", "in ur building").
_ING_AFTER = re.compile(r"[ \t]+\w+ing\b")
_CLAUSE_WORDS = frozenset(
    re.findall(
        r"\w+",
        "so and but if because cause bc since when that as while then maybe think guess hope "
        "like sounds seems oh okay ok yeah yes no well now know see hear feel glad sure",
    )
)


def _opens_a_clause(low: str, at: int) -> bool:
    """Whether a word at ``at`` opens the turn or a clause: after a mark, or after a word that
    opens one ("so", "and", "if", "think"...)."""
    before = _last_mark(low, at)
    if before is None or not before.isalnum():
        return True
    word_start = at
    while word_start > 0 and low[word_start - 1] in " \t":
        word_start -= 1
    end = word_start
    while word_start > 0 and (low[word_start - 1].isalnum() or low[word_start - 1] == "'"):
        word_start -= 1
    return low[word_start:end] in _CLAUSE_WORDS


def _opens_a_sentence(low: str, at: int) -> bool:
    """Whether a word at ``at`` opens the turn or follows a stop."""
    before = _last_mark(low, at)
    return before is None or before in ".!?"


def _after_a_stop(low: str, at: int) -> bool:
    """Whether ``at`` opens the turn or follows a mark (a stop, a comma, an emoji...)."""
    before = _last_mark(low, at)
    return before is None or before in ".!?,;:" or not (before.isalnum() or before.isspace())


def _case_of(said: str, written: str) -> str:
    """``written`` with the case of ``said``'s first letter ("Thx" is "Thanks")."""
    if said[0].isupper() and not written[0].isupper():
        return written[0].upper() + written[1:]
    return written


def _word_edits(text: str, low: str) -> list[tuple[int, int, str]]:
    """Each shorthand word in the turn (``low`` its lower case), with what it is written out
    as."""
    edits = []
    for hit in _SHORT.finditer(low):
        start, end = hit.span()
        word = hit.group()
        said = text[start:end]
        if word == "r":
            before = low[max(0, start - 6) : start].split()
            after = low[end : end + 6].split()
            if not (
                (before and _BESIDE_ARE.fullmatch(before[-1]))
                or (after and after[0].rstrip("?!.,") in ("u", "you", "we", "they"))
            ):
                continue
            edits.append((start, end, _case_of(said, "are")))
        elif word == "ur":
            youre = _AFTER_YOURE.match(low, end) is not None or (
                _ING_AFTER.match(low, end) is not None and _opens_a_clause(low, start)
            )
            edits.append((start, end, _case_of(said, "you're" if youre else "your")))
        elif (
            word in _LOWER_ONLY
            and said != word
            and (said != word.capitalize() or not _opens_a_sentence(low, start))
        ):
            continue  # "BC", or "Ty" inside a sentence: a name
        elif word == "ty" and said == "Ty" and not _THANKS_AFTER.match(low, end):
            continue  # "Ty said so"
        else:
            edits.append((start, end, _case_of(said, _WORDS[word])))
    return edits


def _laugh_edits(low: str) -> list[tuple[int, int, str]]:
    """Each laugh read past with the space before it; one between two words with no stop
    before it ends the sentence it follows ("fair lol what" reads "fair. what")."""
    edits = []
    for hit in _LAUGH.finditer(low):
        start, end = hit.span()
        while start > 0 and low[start - 1] in " \t":
            start -= 1
        if start == 0:
            while end < len(low) and low[end] in " \t,":
                end += 1
            edits.append((start, end, ""))
            continue
        rest = low[end:].lstrip(" \t")
        if rest and rest[0].isalnum() and not _after_a_stop(low, start):
            edits.append((start, end, "."))
        else:
            edits.append((start, end, ""))
    return edits


def typed_out(text: str, low: str | None = None) -> tuple[str, list[int] | None]:
    """The text with chat shorthand written out, near-synonyms read as the catalogue's words
    (``synonyms``), laughs read past, doubled marks made one and a missing space after a stop
    put back; and where each of its characters was in ``text`` (None when nothing changed).
    ``low`` is its lower case, as long as it, when the caller has it."""
    if low is None:
        low = text.lower()
    edits: list[tuple[int, int, str]] = []
    if _WORDS_AFTER_SPACE.search(low) or _WORDS_FIRST.match(low):
        if _SHORT_AFTER_SPACE.search(low) or _SHORT_FIRST.match(low):
            edits.extend(_word_edits(text, low))
        edits.extend(synonyms.synonym_edits(text, low))
        if _LAUGH.search(low):
            edits.extend(_laugh_edits(low))
    if _MARKS_HINT.search(text):
        if "!!" in low or "??" in low or "?!" in low or "!?" in low:
            edits.extend(
                (hit.start(), hit.end(), "?" if "?" in hit.group() else "!")
                for hit in _MARKS_RUN.finditer(low)
            )
        if _NO_SPACE.search(text) and not _ADDRESS.search(low):
            edits.extend((hit.end(), hit.end(), " ") for hit in _NO_SPACE.finditer(text))
    if not edits:
        return text, None
    written, index = _edited(text, sorted(edits, key=lambda e: (e[0], e[1])))
    if not any(c.isalnum() for c in written):
        return text, None  # "lol" alone, or "LOL!!": the turn is read as typed
    return written, index


def _edited(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """``text`` with each of ``edits`` (start, end, written) made, in order, an edit that
    overlaps the one before it left out; and where each of the result's characters was in
    ``text`` (what is written stands where what it replaces is, a space put in where the stop
    before it is)."""
    pieces: list[str] = []
    index: list[int] = []
    at = 0
    for start, end, written in edits:
        if start < at:
            continue
        pieces.append(text[at:start])
        index.extend(range(at, start))
        pieces.append(written)
        if not written:
            pass
        elif end > start:
            # The last character written stands where the last replaced one was, so a
            # phrase ending on it ends where the shorthand did ("How about you??").
            index.extend(min(start + k, end - 1) for k in range(len(written) - 1))
            index.append(end - 1)
        else:
            index.extend([max(start - 1, 0)] * len(written))
        at = end
    pieces.append(text[at:])
    index.extend(range(at, len(text)))
    return "".join(pieces), index
