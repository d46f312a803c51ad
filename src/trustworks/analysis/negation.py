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

from trustworks.signals.matcher import fold, lower_case_twin

# A clause ends at these: a negation before them does not reach past them.
_CLAUSE_WORDS = (
    "but|and|so|because|though|although|however|yet|whereas|while|which|who|unless|until|then"
)
_CLAUSE_BREAK = re.compile(
    rf"[,;:.!?\n()\"]|\s[-–—]\s|\b({_CLAUSE_WORDS})\b",
    re.IGNORECASE,
)
# The same breaks in text read backwards (the words spelt backwards), and the dashes that
# alone can make two breaks overlap ("a - - b").
_CLAUSE_BREAK_BACKWARDS = re.compile(
    rf"[,;:.!?\n()\"]|\s[-–—]\s|\b({'|'.join(w[::-1] for w in _CLAUSE_WORDS.split('|'))})\b",
    re.IGNORECASE,
)
_DASH = re.compile("[-–—]")
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
    r"\bno (one|other (company|vendor|provider|firm)) (else )?(can|does|offers)\b|"
    # A suggestion or a question, not a denial: "why don't we split the rest equally?",
    # "don't we both want this done by May?" ("don't we" is only ever asked).
    r"\b(don'?t|do not) we\b",
    re.IGNORECASE,
)


# "Oh no" is dismay, not a denial: "oh no I'm so sorry to hear that" is sympathy.
_DISMAY = re.compile(r"\b(?:oh+|uh|ah|aw+)\W*\s+no+\b", re.IGNORECASE)

# Every hit of every rule is asked whether it is denied (`is_denied`, a few times a turn):
# its words are searched in their lower case when ASCII (5.0 -> 3.7 us a hit).
_CLAUSE_BREAK_BACKWARDS_LOWER = lower_case_twin(_CLAUSE_BREAK_BACKWARDS)
_NEGATOR_LOWER = lower_case_twin(_NEGATOR)
_HYPOTHETICAL_LOWER = lower_case_twin(_HYPOTHETICAL)
_NOT_DENIAL_LOWER = lower_case_twin(_NOT_DENIAL)


def clause_before(text: str, start: int) -> str:
    """The words of the hit's clause that come before it."""
    left = max(0, start - _WINDOW)
    window = text[left:start]
    if _DASH.search(window) is None:
        # Without a dash no two breaks overlap, so the last one the scan below would find
        # is the one that ends last: the first found in the window read backwards, which is
        # most often a few characters away (5.5 -> 1 us a call). The character before the
        # window is read too, as the scan reads it for a word boundary; a break that takes
        # it is no break in the window.
        backwards = window[::-1] + text[left - 1 : left]
        if backwards.isascii():
            found = _CLAUSE_BREAK_BACKWARDS_LOWER.search(backwards.lower())
        else:
            found = _CLAUSE_BREAK_BACKWARDS.search(backwards)
        if found is not None and found.end() <= len(window):
            left = start - found.start()
        return fold(text[left:start])
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
    if before.isascii():  # the same offsets in the lower case
        hypothetical, negator, not_denial = _HYPOTHETICAL_LOWER, _NEGATOR_LOWER, _NOT_DENIAL_LOWER
        words = [word.lower() for word in words[-10:]]
        near = near.lower()
    else:
        hypothetical, negator, not_denial = _HYPOTHETICAL, _NEGATOR, _NOT_DENIAL
    if hypothetical.search(" ".join(words[-10:])):
        return True
    if " no" in near and _DISMAY.search(near):
        near = _DISMAY.sub(" ", near)
    negators = list(negator.finditer(near))
    if not negators:
        return False
    return not not_denial.search(near[negators[-1].start() :])


# How far back a report may open: a sentence or two of speech, never the whole turn (a long
# turn of many hits would otherwise be read again from its start for every hit).
_REPORT_WINDOW = 240
_SENTENCE_END = re.compile(r"[.!?]\s")
# The client's own words or thoughts, or those of someone in their life, put back to them:
# "you told me you need to quit", "your thought was, yeah, right", "your doctor keeps saying
# you have to stop". Only the client's side: "people tell me this is the best price" is the
# seller's own claim in borrowed mouths, and stays theirs. "As you said" and "like you said"
# agree with them before the seller's own point, so they report nothing.
_REPORTING = re.compile(
    r"(?<!as )(?<!like )\b(?:you|your (?:doctor|mom|mum|mother|dad|father|wife|husband|partner|"
    r"boss|friends?|parents?|teacher|kids?|family|manager|team))(?:'re| are| were| was| have| "
    r"had| keep| keeps| kept| 've)?"
    r"(?: (?:all|just|kind of|sort of|probably|always|maybe|really|even))*"
    r" (?:said|says|say|saying|told (?:you|me)|tell (?:you|me)|tells (?:you|me)|telling "
    r"(?:you|me)|thought|think|thinks|thinking|felt|feel|feels|feeling|was like|were like|are "
    r"like|goes|went|heard|hear|hearing|asked|asks|asking|wondered|wondering)\b,?|"
    r"\byour (?:thought|reaction|response|answer|feeling|worry|fear|concern|sense) (?:was|is)\b,?|"
    r"\b(?:you'?re|you are|you were) (?:telling|saying to|asking) yourself\b,?|"
    r"\bin your (?:head|mind)\b,?",
    re.IGNORECASE,
)
# A quotation is someone's words only when a report opens it ("saying, "...", "told me: "...")
# or it opens the sentence; scare quotes around the seller's own words ('our "end of quarter
# special" ends Friday') report nothing.
_OPENS_A_QUOTE = re.compile(
    r"(?:\b(?:said|says|say|saying|told (?:me|you|us)|tells? (?:me|you)|asked|asks|goes|went|"
    r"like|thinking|thought)\b,?\s*|:\s*|^\s*)[\"\u201c]$",
    re.IGNORECASE,
)
_QUOTE = re.compile(r'["\u201c\u201d]')
# The report ends where the seller's own clause starts: "you told me budget's tight, and you
# have to decide by Friday" reports the first half only. A filler after the frame ("your
# thought was, yeah, right, I hear that") is still the report.
_FILLERS = re.compile(
    r"(?:\s*(?:yeah|yes|well|okay|ok|right|like|um|uh|oh|no|sure)\b,?)*\s*", re.IGNORECASE
)
_SELLER_AGAIN = re.compile(
    r"[;:]|\s[-\u2013\u2014]\s|\b(?:but|however|though|still|anyway|so|and|which|then)\b|"
    r",\s+(?!(?:yeah|yes|well|okay|ok|right|like|um|uh|oh|no)\b)(?![\"\u201c])",
    re.IGNORECASE,
)


def _open_quote(text: str) -> int | None:
    """Where the quotation still open at the end of ``text`` opens, if one is."""
    if _QUOTE.search(text) is None:
        return None
    straight = [at.start() for at in re.finditer('"', text)]
    if len(straight) % 2:
        return straight[-1]
    quotes = _QUOTE.findall(text)
    if quotes.count("\u201c") > quotes.count("\u201d"):
        return text.rfind("\u201c")
    return None


def _stray_mark(text: str, opened: int, start: int) -> bool:
    """Whether the quote mark at ``opened`` opens the turn and never closes: a transcript's or
    an export's stray mark ('"Hi Emily, it's John from XYZ...'), not a quotation."""
    return not text[:opened].strip() and _QUOTE.search(text, start) is None


def is_reported(text: str, start: int) -> bool:
    """Whether ``text[start:]`` sits in words the seller reports rather than says: inside a
    quotation a report opens, or right after the client's "you said", "you think", "your
    thought was", before the seller's own next clause.

    >>> is_reported('Your doctor keeps saying, "You need to quit."', 27)
    True
    >>> is_reported("You told me budget's tight, and you have to decide by Friday.", 36)
    False
    """
    window = max(0, start - _REPORT_WINDOW)
    left = window
    for found in _SENTENCE_END.finditer(text, left, start):
        left = found.end()
    # A quotation a report opens may run over several sentences ('I won't say "It's a great
    # phone. Buy it today."'), so an open quote is looked for from the window's start too.
    if left > window:
        earlier = text[window:start]
        opened = _open_quote(earlier)
        if (
            opened is not None
            and _OPENS_A_QUOTE.search(earlier[: opened + 1]) is not None
            and not _stray_mark(text, window + opened, start)
        ):
            return True
    before = text[left:start]
    opened = _open_quote(before)
    if opened is not None:
        return _OPENS_A_QUOTE.search(before[: opened + 1]) is not None and not _stray_mark(
            text, left + opened, start
        )
    frames = list(_REPORTING.finditer(before))
    if not frames:
        return False
    speech = _FILLERS.match(before, frames[-1].end())
    return _SELLER_AGAIN.search(before, speech.end() if speech else frames[-1].end()) is None
