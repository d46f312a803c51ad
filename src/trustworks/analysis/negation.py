"""Words that deny what follows them: "we never do quarter-end discounts" is not a discount.

Words reported, not said: "you told me 'you need to quit'" gives back what the client heard;
it is not the seller telling them (``is_reported``).

A phrase rule sees "quarter-end discount" and fires; a reader sees that the speaker is ruling
it out. A hit is *denied* when, in the same clause and shortly before it, the speaker negates
it ("never", "don't", "no", "won't pretend"), or sets it up as a hypothetical they distance
themselves from ("if I told you", "imagine I said"). Negation inside the hit itself is the
pattern's own business ("I don't know" is how admitting ignorance sounds), so only words
before the hit count.
"""

from __future__ import annotations

import re

from trustworks.signals.matcher import fold

# A clause ends at these: a negation before them does not reach past them.
_CLAUSE_BREAK = re.compile(
    r"[,;:.!?\n()\"]|\s[-–—]\s|\b(but|and|so|because|though|although|however|yet|whereas|while|"
    r"which|who|unless|until|then)\b",
    re.IGNORECASE,
)
# Negators that deny the words right after them.
_NEGATOR = re.compile(
    r"\b(not|never|no|none|nobody|nothing|neither|nor|without|hardly|barely|cannot|"
    r"(do|does|did|ca|wo|would|could|should|is|are|was|were|have|has|had|must|need|ai)n'?t|"
    r"refuse to|refusing to|stopped|avoid|avoids|avoiding|instead of|rather than|far from|"
    r"the last thing)\b",
    re.IGNORECASE,
)
# Hypotheticals the speaker distances themselves from ("if I said it expires on Friday").
_HYPOTHETICAL = re.compile(
    r"\b(if (i|we) (said|told|were to|was to|claimed|pretended|promised)|imagine (if )?(i|we)|"
    r"suppose (i|we)|supposing|pretend(ing)?( that)?|as if|like (some|a) (salesm[ae]n|"
    r"sales ?(rep|person|people)|vendors?))\b",
    re.IGNORECASE,
)
_REACH_WORDS = 6  # how many words back a negator still governs the hit
_WINDOW = 200  # characters looked back: only the last few words of the clause matter
# "No, ..." answering a question and "not only ... but" do not deny what follows.
# Emphatic idioms that affirm what follows: "you don't want to miss this offer", "nothing
# beats our platform", "I can't recommend it enough", "you won't find a better price".
_NOT_DENIAL = re.compile(
    r"\bnot (only|just)\b|\bno doubt\b|\bno matter\b|\bdon'?t want to miss\b|"
    r"\b(nothing|no one|nobody|none) (else )?(beats|comes close|compares|matches|can match)\b|"
    r"\bcan'?t (recommend|stress|say|thank)\b|\bwon'?t (find|get|see) (a |any )?(better|cheaper)\b|"
    r"\bno (one|other (company|vendor|provider|firm)) (else )?(can|does|offers)\b",
    re.IGNORECASE,
)


def clause_before(text: str, start: int) -> str:
    """The words of the hit's clause that come before it."""
    left = max(0, start - _WINDOW)
    for found in _CLAUSE_BREAK.finditer(text, left, start):
        left = found.end()
    return fold(text[left:start])


def is_denied(text: str, start: int) -> bool:
    """Whether the words before ``text[start:]`` in its clause negate it or make it hypothetical.

    >>> is_denied("We never do quarter-end discounts.", 12)
    True
    >>> is_denied("Our quarter-end discount ends Friday.", 4)
    False
    """
    before = clause_before(text, start)
    if not before.strip():
        return False
    words = before.split()
    near = " ".join(words[-_REACH_WORDS:])
    if _HYPOTHETICAL.search(" ".join(words[-10:])):
        return True
    negators = list(_NEGATOR.finditer(near))
    if not negators:
        return False
    return not _NOT_DENIAL.search(near[negators[-1].start() :])


# Straight and curly double quotes: words inside them are someone's words, reported.
_QUOTE = re.compile(r'["\u201c\u201d]')
_SENTENCE_END = re.compile(r"[.!?]\s")
# The client's own words or thoughts, or those of someone in their life, put back to them:
# "you told me you need to quit", "your thought was, yeah, right", "your doctor keeps saying
# you have to stop". Only the client's side: "people tell me this is the best price" is the
# seller's own claim in borrowed mouths, and stays theirs.
_REPORTING = re.compile(
    r"\b(?:you|your (?:doctor|mom|mum|mother|dad|father|wife|husband|partner|boss|friends?|"
    r"parents?|teacher|kids?|family|manager|team))(?:'re| are| were| was| have| had| keep| kept|"
    r" 've)?(?: (?:all|just|kind of|sort of|probably|always|maybe|really|even))* (?:said|says|"
    r"say|saying|told (?:you|me)|tell (?:you|me)|tells (?:you|me)|telling (?:you|me)|thought|"
    r"think|thinks|thinking|felt|feel|feels|feeling|was like|were like|are like|goes|went|"
    r"heard|hear|hearing|asked|asks|asking|wondered|wondering|worried|worry|worries)\b|"
    r"\byour (?:thought|reaction|response|answer|feeling|worry|fear|concern|sense) (?:was|is)\b|"
    r"\b(?:you'?re|you are|you were) (?:telling|saying to|asking) yourself\b|"
    r"\bin your (?:head|mind)\b",
    re.IGNORECASE,
)
# After these the seller speaks again in their own voice: "you said you're busy, but this
# offer ends Friday" is the seller's deadline.
_OWN_VOICE_AGAIN = re.compile(r"\b(?:but|however|though|still|anyway|so)\b", re.IGNORECASE)


def is_reported(text: str, start: int) -> bool:
    """Whether ``text[start:]`` sits in words the seller reports rather than says: inside
    quotation marks, or after the client's "you said", "you think", "your thought was" in the
    same sentence with no "but" between.

    >>> is_reported('Your doctor keeps saying, "You need to quit."', 27)
    True
    >>> is_reported("You said you're busy, but you need to decide today.", 26)
    False
    """
    begin = 0
    for found in _SENTENCE_END.finditer(text, 0, start):
        begin = found.end()
    before = text[begin:start]
    quotes = _QUOTE.findall(before)
    straight = sum(1 for q in quotes if q == '"')
    opened = sum(1 for q in quotes if q == "\u201c") - sum(1 for q in quotes if q == "\u201d")
    if straight % 2 or opened > 0:
        return True
    frames = list(_REPORTING.finditer(before))
    return bool(frames) and not _OWN_VOICE_AGAIN.search(before, frames[-1].end())
