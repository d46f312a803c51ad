"""What does not work for them, passed over: the client says a time clashes, or what they can
and cannot have, and the seller's next words go on with the form as if unsaid.

"I wanted Tuesday at 6pm, but I just remembered I have a job interview then!" met with "Could
you give me your name, please?", or "I only eat halal food" met with "Great, your RSVP is all
done!", tells the client that what matters to them is noise to the seller's checklist. A reply
that names any of it, acknowledges it ("sorry", "no problem", "noted"), offers a way round it
or asks about it takes it up; only a reply that goes on with the form's next slot or entry, or
says the booking is done, passes it over (`feelings.goes_on_with_the_form`).
"""

from __future__ import annotations

import re

from trustworks.sentences import sentence_span
from trustworks.signals.matcher import Gated, fast_form

SIGNAL = "passes_over_their_constraint"
CONFIDENCE = 0.7  # a form's next question can be how a constraint is met ("which day, then?")

_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight)"
# A clash: "Tuesday won't work", "I have a job interview at that time", "I can't make it then".
_CLASH = (
    rf"\b(?:that|this|it|{_DAY}|the \w+ (?:time|date|slot|day))(?:'s| is)? "
    r"(?:doesn'?t|does not|won'?t|will not|wouldn'?t|would not|isn'?t going to|is not going to) "
    r"work\b|\bdoesn'?t work for (?:me|us)\b|"
    r"\b(?:i|we) (?:can'?t|cannot|can not|won'?t be able to) (?:make it|make (?:that|then)|"
    r"come (?:then|that day|at that time)|do (?:that|it) (?:day|time|then))\b|"
    r"\b(?:clash|conflict)(?:s|es)? with\b|"
    r"\b(?:i|we) (?:have|'ve got|got|already have) (?:a|an|my|our) (?:\w+ ){0,2}"
    r"(?:at that time|then|that (?:day|night|evening|morning|afternoon|time|week))\b|"
    r"\b(?:i|we)(?:'m| am|'re| are) (?:busy|away|out of town|working|not available|unavailable) "
    rf"(?:then|that day|at that time|on {_DAY})\b"
)
# What they can or cannot have: "I only eat halal food", "I'm allergic to nuts", "it has to be
# wheelchair accessible".
_CANNOT_HAVE = (
    r"\b(?:i|we) (?:only|just) (?:eat|drink) \w+|"
    r"\b(?:i|we)(?:'m| am|'re| are) (?:(?!not\b|never\b)\w+ )?(?:allergic|vegan|vegetarian|"
    r"lactose intolerant|gluten intolerant|celiac|coeliac|in a wheelchair)\b|"
    r"\b(?:i|we) (?:can'?t|cannot|don'?t|do not) (?:eat|drink) (?!much\b|a lot\b)\w+|"
    r"\b(?:has|have|needs?) to be (?:vegan|vegetarian|halal|kosher|gluten[- ]free|"
    r"(?:wheelchair )?accessible|pet[- ]friendly|non[- ]smoking|on the ground floor)\b|"
    r"\b(?:i|we) (?:will |would |'ll |'d )?(?:need|want|require|only have|can only have|"
    r"be requiring) (?:a |some |only )?(?:halal|kosher|vegan|gluten[- ]free) "
    r"(?:food|meals?|options?)\b|\b(?:halal|kosher|vegan|gluten[- ]free) (?:food )?only\b"
)
_TOLD = re.compile(fast_form(f"{_CLASH}|{_CANNOT_HAVE}"), re.IGNORECASE)
# Asked of every client turn (the feelings detector asks it with its own gate: `Gates`).
TOLD_GATED = Gated(_TOLD)
# Not theirs: "if it doesn't work for you", "I'm not allergic", "no, I don't eat meat? ...".
_NOT_THEIRS = re.compile(
    r"(?:\b(?:if|unless|not|never|no|no longer)|n'?t)\W+(?:\w+\W+){0,3}$", re.IGNORECASE
)
# "That price doesn't work for us" turns down the terms, not a time.
_TERMS = re.compile(
    r"\b(?:price|cost|budget|rate|fee|offer|deal|quote|amount)s?\W+(?:\w+\W+){0,2}$", re.I
)


def told_constraint(text: str) -> tuple[int, int] | None:
    """Where ``text`` (folded) says what does not work for its speaker or what they cannot
    have, unless it is conditional or denied, or a question of theirs follows it (the reply then
    answers the question): the span of that sentence."""
    if TOLD_GATED.search(text) is None:
        return None
    for match in _TOLD.finditer(text):
        before = max(0, match.start() - 30)
        if _NOT_THEIRS.search(text, before, match.start()):
            continue
        if _TERMS.search(text, before, match.start()) and "work" in match.group():
            continue
        left, right = sentence_span(text, match.start())
        if "?" in text[left:]:
            return None
        return left, right
    return None


# A clash met with another day or time is met: "booked for Monday at 6 pm", "how about 7?".
_ANOTHER_TIME = re.compile(
    rf"\b(?:{_DAY}|\d{{1,2}}(?::\d\d)? ?(?:am|pm|a\.m\.|p\.m\.|o'?clock)|noon|midnight|"
    r"(?:morning|afternoon|evening|week|day|time|date)s?\b(?! (?:is|are) (?:booked|confirmed)))",
    re.IGNORECASE,
)


def offers_another_time(reply: str) -> bool:
    """Whether ``reply`` names a day or a time, which meets a clash."""
    return _ANOTHER_TIME.search(reply) is not None
