"""Asking for more once they have said yes to an amount.

"I'll give a dollar." - "Thank you! Could you make it two?" The client decided; the seller's
next turn reopens the decision to make it bigger. Persuaders call it an upsell and buyers feel
it as being worked: the yes they gave was not enough. Only money is judged here, since a larger
sum is plain to compare: the client's yes names an amount (or agrees to the one the seller put
to them), and the seller's next turn asks for a larger one, in a question or an ask ("how
about", "make it", "bump it up to"). A yes to give or buy with no sum in it ("Okay, I'll
donate.") is grown just as plainly by asking for more in words ("Could you go a bit
higher?", "any chance you could give a little more?") or by naming any sum ("make it $5").
"""

from __future__ import annotations

import re

from trustworks.analysis.context import Emission, TurnContext
from trustworks.analysis.negation import is_denied
from trustworks.conversation import Role
from trustworks.sentences import SENTENCE
from trustworks.signals.matcher import CaseFree

SIGNAL = "asks_for_more_after_a_yes"

_WORD_NUMBERS = {
    "a": 1.0,
    "an": 1.0,
    "one": 1.0,
    "two": 2.0,
    "three": 3.0,
    "four": 4.0,
    "five": 5.0,
    "ten": 10.0,
    "twenty": 20.0,
    "fifty": 50.0,
    "a hundred": 100.0,
    "one hundred": 100.0,
}
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?"  # "1,000" is a thousand
_NUMBER = rf"({_DIGITS}|a hundred|one hundred|an?|one|two|three|four|five|ten|twenty|fifty)"
_WHOLE_UNITS = ("dollar", "buck", "usd", "pound", "quid", "euro")
_SMALL_UNITS = ("cent", "pence")
# A sum of money, in figures or in the words people use for small ones.
_MONEY = re.compile(
    rf"([$£€])\s?({_DIGITS})\b|"
    rf"\b{_NUMBER} ?((?:{'|'.join(_WHOLE_UNITS)})s?)\b|"
    rf"\b{_NUMBER} ?((?:{'|'.join(_SMALL_UNITS)})s?)\b|"
    r"\b(half a dollar)\b",
    re.IGNORECASE,
)
# Every sum names one of these: most turns hold none of their letters, which a few substring
# tests tell (a regex search costs 7 us a turn); the rest are read word by word.
_MONEY_LETTERS = ("$", "£", "€", *_WHOLE_UNITS, *_SMALL_UNITS)
_NAMES_MONEY = re.compile(rf"[$£€]|\b(?:{'|'.join(_MONEY_LETTERS[3:])})s?\b")
# What the client says when they take the amount on themselves.
_TAKES_IT = re.compile(
    r"\b(?:i|we)(?:'ll|'d| will| would| can| could| shall)? (?:\w+ )?(?:donate|give|pay|do|"
    r"offer|put in|chip in|spare|contribute|go (?:with|for)|take it for)\b|"
    r"^\W*(?:ok(?:ay)?|sure|fine|deal|alright|all right|yes|yeah|yep|great)\b",
    re.IGNORECASE,
)
# A yes to giving or buying without a sum: "okay, I'll donate", "count me in", "I'll take it".
_GIVES_OR_BUYS = CaseFree(
    re.compile(
        r"\b(?:i|we)(?:'ll|'d| will| would| can| could)? (?:\w+ )?(?:donate|give|contribute|"
        r"chip in|pay|buy|take (?:it|the|one|that))\b|\bcount (?:me|us) in\b|\b(?:i'?m|"
        r"we'?re) in\b",
        re.IGNORECASE,
    )
)
# More of it, in words: "go a bit higher", "give a little more", "bump it up", "double it".
_MORE = re.compile(
    r"\b(?:go|give|donate|do|spare|contribute|put in|chip in|stretch(?: to)?|offer|pay)"
    r" (?:a (?:little|bit|tad) |just a (?:little|bit) |a little bit |some(?:thing)? |any )?"
    # More of the sum, not more of something else ("do a bit more research").
    r"(?:more|higher|extra)\b(?=\s*(?:[?.!,;]|$| (?:than|today|this|if|to|for|on top|"
    r"instead|now|please|maybe|perhaps)\b))|"
    r"\b(?:bump|round|top) (?:it|that) up\b|\bdouble (?:it|that|your (?:gift|donation|amount|"
    r"offer))\b|\bincrease (?:it|that|your (?:gift|donation|amount|offer))\b",
    re.IGNORECASE,
)
_NO_SUM = 0.0  # a yes that named no sum: a sum asked for next is more only if it grows it...
# ...in the words of a bigger ask; a bare sum after "I'll take it" is its price ("That's $40
# then, is card okay?").
_GROWS_IT = re.compile(
    r"\b(?:instead|make it|how about|what about|bump|up to|go(?:ing)? (?:up|higher|to)|"
    r"at least|round (?:it|that) up|double)\b",
    re.IGNORECASE,
)
_SHORT_TURN = 12
# The seller asking: a question, or the words of an ask.
_ASKS = re.compile(
    r"\?|\b(?:how about|what about|could you|can you|would you|will you|make it|bump|raise|"
    r"up (?:it|that)|round (?:it|that) up|go (?:up )?to|double|instead|any chance)\b",
    re.IGNORECASE,
)


def _stated(pattern: re.Pattern[str] | CaseFree, text: str) -> bool:
    """Whether a sentence of ``text`` that asks nothing says ``pattern``, and does not deny it:
    a client who asks about an amount ("could I pay $100?") bargains, and one who says "I don't
    think I can donate" or "we cannot give" turns it down; neither takes it on."""
    for sentence in SENTENCE.finditer(text):
        said = sentence.group()
        if "?" in said:
            continue
        found = pattern.search(said)
        while found is not None:
            # The clause before the verb (the match's last word) holds any "not" or "if".
            verb = said.rfind(" ", found.start(), found.end()) + 1 or found.start()
            if not is_denied(said, verb):
                return True
            found = pattern.search(said, found.end())
    return False


def _takes_it(text: str) -> bool:
    """Whether the client takes an amount on themselves."""
    return _stated(_TAKES_IT, text)


# Every yes to give or buy holds one of these (in any case): most short turns hold none, which
# a few substring tests tell, where the search, sentence by sentence, costs 3-5 us a turn.
_GIVING_WORDS = (
    "donate",
    "give",
    "contribute",
    "chip in",
    "pay",
    "buy",
    "take ",
    "count ",
    "i'm in",
    "im in",
    "we're in",
    "were in",
)


def _gives_or_buys(text: str) -> bool:
    """Whether the client says yes to giving or buying, not asks about it."""
    if text.isascii():  # for ASCII, lower case reads as the search's IGNORECASE does
        lowered = text.lower()
        if not any(words in lowered for words in _GIVING_WORDS):
            return False
    return _stated(_GIVES_OR_BUYS, text)


def _value(match: re.Match[str]) -> float:
    """The sum one ``_MONEY`` match names, in the currency's whole units."""
    symbol, digits, amount, unit, small, _small_unit, phrase = match.groups()
    if symbol:
        return float(digits.replace(",", ""))
    if phrase:  # "half a dollar"
        return 0.5
    number, cents = (amount, False) if unit else (small, True)
    text = number.lower()
    value = _WORD_NUMBERS.get(text)
    if value is None:
        value = float(text.replace(",", ""))
    return value / 100 if cents else value


def amounts(text: str) -> list[float]:
    """The sums of money ``text`` names ("$2", "fifty cents", "a dollar")."""
    lowered = text.lower()
    if not any(letters in lowered for letters in _MONEY_LETTERS):
        return []
    if _NAMES_MONEY.search(lowered) is None:  # "recent", "percent"
        return []
    return [_value(m) for m in _MONEY.finditer(text)]


class MoreAfterYesDetector:
    """Remembers the amount the client agreed to until the seller's next reply."""

    def __init__(self) -> None:
        # The seller's last turn: the one sum it put to them is read only if a yes follows.
        self._offered = ""
        self._agreed: float | None = None

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Note a yes to an amount; flag the seller's next turn if it asks for more."""
        text = ctx.turn.text
        if ctx.role is Role.CLIENT:
            # A yes to a sum says yes ("okay, sure, fine"), takes it on ("I'll give $1") or
            # is short; only such turns are read for money.
            agreeing = (
                ctx.words <= _SHORT_TURN
                or ctx.cue("says_yes") is not None
                or ctx.cue("agrees_to_it") is not None
            )
            named = amounts(text) if agreeing else []
            if named and len(set(named)) == 1 and _takes_it(text):
                self._agreed = named[0]
            elif not named and self._offered and ctx.cue("says_yes") is not None:
                offered = amounts(self._offered)
                self._agreed = offered[0] if len(set(offered)) == 1 else None
                if self._agreed is None and _gives_or_buys(text):
                    self._agreed = _NO_SUM
            elif not named and agreeing and _gives_or_buys(text):
                self._agreed = _NO_SUM
            elif ctx.words > 3:
                self._agreed = None  # they said something else: no yes stands
            return []
        if ctx.role is not Role.SELLER:
            return []
        agreed, self._agreed = self._agreed, None
        self._offered = text
        if agreed is None:
            return []
        named = amounts(text)
        if not named and _MORE.search(text) is None:
            return []
        for sentence in SENTENCE.finditer(text):
            body = sentence.group()
            larger = any(value > agreed for value in amounts(body))
            if agreed == _NO_SUM and larger:
                larger = _GROWS_IT.search(body) is not None
            if _ASKS.search(body) and (larger or _MORE.search(body)):
                return [Emission(SIGNAL, sentence.start(), sentence.end())]
        return []
