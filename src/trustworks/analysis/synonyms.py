"""Near-synonyms read as the word the catalogue's phrases are written with: "how can I assist
you" as "help", "I'm truly sorry" as "really", "glad to hear it" as "happy", "concerned about
the cost" as "worried", "our staff will call" as "team", "we require a deposit" as "need".

The catalogue writes each phrase in the everyday word, and a speaker who says the same thing
in a near-synonym means the same. Swapping each of these words for its near-synonym over the
read sets and sales sets 1, 3 and 4 (``scripts/style_robustness.py``, "near-synonyms") lost
6.4 % of the findings read as written. Each is read as the catalogue's word only where the
two mean the same: "assist" as a verb,
"concerned" said of a person ("I'm concerned about", not "as far as I'm concerned"), "staff"
as the people who work for someone ("our staff", not "a staff meeting"), "require" in its
base form ("we require", "do you require"). Every finding still
quotes the words as said (``chat.typed_out`` gathers these with its own changes).
"""

from __future__ import annotations

import re

# Each word read as the catalogue's, where it stands alone.
_READ_AS: dict[str, str] = {
    "assist": "help",
    "assists": "helps",
    "assisting": "helping",
    "assistance": "help",
    "truly": "really",
    "genuinely": "really",
    "glad": "happy",
    "pleased": "happy",
    "concerned": "worried",
    "staff": "team",
    # The verb as said ("we require a deposit", "do you require parking"); "a condition that
    # requires me to eat" and "you are required to sign" are left as said: the meaning model
    # reads them as they are, and read as "needs" it took them for a need less often.
    "require": "need",
}
# The near-synonyms, for a caller's quick test of a turn before reading it for them.
WORDS = tuple(_READ_AS)
_WORDS = re.compile(
    r"(?<![\w'-])(?:" + "|".join(sorted(_READ_AS, key=len, reverse=True)) + r")(?![\w'-])"
)
# "Concerned" said of a person: after a verb of being or feeling, or a degree ("I'm a bit
# concerned", "we were concerned that"), and not "as far as I'm concerned".
_CONCERNED_AFTER = re.compile(
    r"(?:\b(?:am|'m|im|is|'s|are|'re|youre|theyre|ur|was|were|be|been|being|feel|feels|felt|get|"
    r"gets|got|getting|"
    r"bit|little|very|really|so|too|quite|pretty|also|still|deeply|more|most|less|slightly|"
    r"somewhat|kind of|kinda|not|just)|^|[.!?,]) $"
)
_AS_FAR_AS = re.compile(r"\bas far as\b[^.!?]*$")
# "Staff" as the people someone has: "our staff", "the support staff".
_STAFF_AFTER = re.compile(
    r"\b(?:our|my|your|their|his|her|the|support|sales|service|office|front desk|clinic|"
    r"store|shop|medical|nursing|technical|customer service) $"
)


def _reads_as(low: str, start: int, end: int, word: str) -> bool:
    """Whether ``word`` at ``start:end`` of ``low`` means what the catalogue's word does."""
    before = low[max(0, start - 40) : start]
    if word == "concerned":
        return _CONCERNED_AFTER.search(before) is not None and not _AS_FAR_AS.search(
            low, max(0, start - 60), start
        )
    if word == "staff":
        return _STAFF_AFTER.search(before) is not None and not low.startswith(
            (" meeting", " room", " only", " party"), end
        )
    return True


def synonym_edits(text: str, low: str) -> list[tuple[int, int, str]]:
    """Each near-synonym in the turn (``low`` its lower case) with the catalogue's word, in the
    case it was said in."""
    edits = []
    for hit in _WORDS.finditer(low):
        start, end = hit.span()
        word = hit.group()
        if not _reads_as(low, start, end, word):
            continue
        written = _READ_AS[word]
        if text[start].isupper():
            written = written[0].upper() + written[1:]
        edits.append((start, end, written))
    return edits
