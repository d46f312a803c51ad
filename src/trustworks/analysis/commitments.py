"""Pull first-person promises ("I'll send the two case studies by Thursday") out of a turn."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from trustworks.analysis.disfluency import clean
from trustworks.analysis.marks import original_span
from trustworks.analysis.proposals import names_terms
from trustworks.analysis.questions import AGREEMENT_TAGS
from trustworks.signals.matcher import fast_form, fold, starts_with

_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WHEN = (
    rf"(?:(?:next|this|on|coming) )?{_WEEKDAY}(?: (?:morning|afternoon|evening|eod))?"
    r"|tomorrow(?: (?:morning|afternoon))?|today|tonight|this (?:afternoon|evening|week|month)"
    r"|(?:the )?end of (?:the )?(?:day|week|month|quarter|year)|eod|eow|cob"
    r"|next (?:week|month|quarter)|(?:the )?\d{1,2}(?:st|nd|rd|th)(?: of \w+)?"
    rf"|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}} {_MONTH}|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?"
    r"|\d{4}-\d{2}-\d{2}|within (?:\w+ ){1,2}(?:hours|days|weeks)"
    r"|(?:in )?(?:a|one|two|three) (?:days|weeks)"
    r"|(?:in|within|after) (?:about |around |roughly |another |the next )?(?:a|an|one|two|three|"
    r"four|five|six|a few|a couple of|a couple|couple of) (?:days?|weeks?|months?)"
    r"|(?:about |around |roughly )?(?:a|an|one|two|three|four|five|six|a few|a couple of) "
    r"(?:days?|weeks?|months?) (?:from now|from today|'s time)"
    r"|(?:in|within|after) (?:about |around |roughly |another |the next )?\d{1,3} "
    r"(?:hours?|days?|weeks?|months?)"
    # "your three-month follow-up", "a two week check-up": a visit that names when.
    r"|(?:a|the|your|our|his|her) (?:one|two|three|four|six|twelve|\d{1,2})[- ](?:week|month)"
    r"[- ](?:follow[- ]?up|check[- ]?up|check[- ]in|visit|review|appointment)"
    r"|the (?:board|next) meeting|our next (?:call|meeting)|noon|midday"
    # A clock time: "at 3 pm", "by 10:30 a.m.", "at 4 o'clock".
    r"|\d{1,2}(?::\d\d)? ?(?:am|pm|a\.m|p\.m)|\d{1,2} o'?clock"
)
_DUE_WORDS = (
    rf"\b(?:(?:by|before|on|until|no later than|first thing)\s+)?(?P<due>{_WHEN})\b(?! ago\b)"
)
_DUE = re.compile(
    # "what we did in the last two weeks" and "two days ago" look back, not ahead. The letters
    # a due date can start with come first, so the search skips to them (2.4 times faster).
    rf"{starts_with(_DUE_WORDS)}(?<!last )(?<!past )(?<!previous ){_DUE_WORDS}",
    re.IGNORECASE,
)
_VERBS = (
    r"send|get|share|follow up|call|e-?mail|check|confirm|review|prepare|put together|write|"
    r"draft|book|schedule|set up|introduce|loop|connect|find out|come back|circle back|"
    r"deliver|update|talk|speak|ask|run|look into|bring|forward|reach out|let you know|sign|"
    # "I'll have the proposal ready", "I'll have that sent over today".
    r"pay|decide|give|ping|intro|walk|build|do|finish|have (?=(?:(?:it|them|that|this|those|"
    r"these)|(?:the|a|an|your|my|our) \w+) (?:ready|done|sent|over|back|fixed|set up|running|live|"
    r"in place|finished|signed))|"
    r"have (?=(?:you|them|someone|somebody|the \w+) (?:come|call|see|book|schedule|send|check))|"
    r"take|work out|dig|pull|make|"
    r"order|arrange|file|submit|process|refund|ship|issue|cancel|fix|test|reschedule|"
    r"visit|text|invoice|escalate|return|put in|write up|go over|check in|catch up|"
    r"touch base|be in touch|refer|put you in touch|set (?:it|that|this|them|you) up|"
    r"present|see you(?: back)?"
)
_PROMISE = re.compile(
    # "Gonna" is how "going to" is said, and how transcripts write it ("gon na" once split).
    r"\b(?P<subject>i|we)(?:'ll| will| shall|(?:'m| am|'re| are) (?:going to|gonna|gon na)|"
    r" promise to| commit to)\s+"
    r"(?:(?:definitely|also|just|personally|then|first|absolutely|make sure to|make sure i|"
    r"try to|get back to you and)\s+)*"
    # "I'll be ordering an MRI", "we'll be sending the report": the same promise, said ongoing.
    rf"(?P<what>(?:{_VERBS})\b[^.!?\n]{{0,160}}|"
    rf"be (?!(?:do|hav|tak|mak|talk|ask|gett)ing\b)(?:{_VERBS})ing\b[^.!?\n]{{0,160}})"
    r"|\blet me (?P<what2>(?:" + _VERBS + r")\b[^.!?\n]{0,160})"
    r"|\byou'?ll have (?P<what3>(?:it|them|the \w+|my \w+|our \w+)[^.!?\n]{0,120})"
    # A proposed next step ("let's set up a call in two weeks", "I'd like to see you back in
    # a week") is a commitment only when it names when.
    r"|\b(?:let'?s|let us|i'?d like to|i would like to) (?P<step>(?:schedule|set up|book|meet|"
    r"talk|speak|check in|catch up|plan|get together|follow up|touch base|review|reconvene|"
    r"regroup|see you)\b[^.!?\n]{0,160})",
    re.IGNORECASE,
)
# A new clause with someone else doing something ("...so you can sleep under the stars
# tonight", "...but it's going to be hot this weekend") says nothing about when the promise
# is due: a date after it belongs to that clause.
_CLAUSE_BREAK = re.compile(
    r"\s(?:so (?:that )?(?:you|they|he|she|it|we)|but|because|since|though|although|"
    r"as (?:you|they|it|we))\b|,\s*(?:and\s+)?(?:it'?s|you'?re|they'?re|you|they)\s",
    re.IGNORECASE,
)
# What is done in the meeting itself: "let's review it today", "I'm going to get some
# background from you today", "let me give you a run down of what we're dealing with today".
# "Today" there names the meeting, so it is its agenda, not a promise; "I'll review the
# contract today" or "I'll send it today" still is one.
_IN_MEETING = re.compile(
    r"(?:(?:talk|speak|chat) (?:with you|to you|about)|ask you|go over|walk (?:you|through)|"
    r"run (?:through|down|over)|look at (?:you|your)|check (?:you|your)|examine|discuss|cover|"
    r"take a (?:look|listen)|focus on|start (?:with|by)|begin (?:with|by)|"
    r"get (?:[\w' ]{0,50} )?(?:from|out of) you|give you a (?:run ?down|quick|brief|summary|"
    r"overview|sense)|hear (?:from you|about|more))\b",
    re.IGNORECASE,
)
# "2/3 of the food" is a share; a day and month with no year is a date only after "by", "on".
_BARE_SLASH_DATE = re.compile(r"\d{1,2}/\d{1,2}")
_DATE_PREPOSITION = re.compile(r"\b(?:by|on|before|until|due)\s+$", re.IGNORECASE)
# A tag asking them to agree ends a statement, not a question.
_TAGGED = re.compile(rf",?\s*\b(?:{AGREEMENT_TAGS})\s*\?\s*$", re.IGNORECASE)
# Offers and conditionals are not promises yet.
_NOT_A_PROMISE = re.compile(
    r"\b(?:if (?:you|we|that|it)|would you like|do you want|should i|shall i|unless)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Promise:
    """What a speaker said they would do, and by when if they said."""

    what: str
    due: str | None
    start: int
    end: int


def _hits(text: str, starts: Iterable[int] | None) -> Iterator[re.Match[str]]:
    """Promise matches, tried only where a promise can start (a full scan costs far more)."""
    if starts is None:
        lowered = text.lower()
        if len(lowered) != len(text):
            yield from _PROMISE.finditer(text)
            return
        starts = [m.start() for m in _START.finditer(lowered)]
    resume = 0
    for start in starts:
        if start < resume:
            continue
        hit = _PROMISE.match(text, start)
        if hit is not None:
            resume = hit.end()
            yield hit


def names_a_time(text: str) -> bool:
    """Whether ``text`` says when something will happen: a day, a date, a time or a span ahead."""
    return _DUE.search(text) is not None


def find_promises(text: str, starts: Iterable[int] | None = None) -> list[Promise]:
    """First-person commitments in an utterance, with their due phrase when one is given.

    ``starts`` are the offsets where a promise may begin (the ``promise`` cue's matches),
    when the caller already knows them; otherwise they are found here.
    """
    cleaned, index = clean(text)
    if index is not None:  # "I'll, uh, send it by Friday": read as meant, quoted as said
        return [
            Promise(p.what, p.due, *original_span(index, p.start, p.end))
            for p in find_promises(cleaned)
        ]
    text = fold(text)
    found = []
    for hit in _hits(text, starts):
        sentence_start = max(text.rfind(".", 0, hit.start()), text.rfind("?", 0, hit.start())) + 1
        tail_end = _sentence_end(text, hit.end())
        if _TAGGED.sub("", text[hit.start() : tail_end]).rstrip().endswith("?"):
            continue  # asked, not promised; "we'll see you in two weeks, okay?" still promises
        if _NOT_A_PROMISE.search(text, sentence_start, hit.start()):
            continue
        step = hit.group("step")
        what = hit.group("what") or hit.group("what2") or hit.group("what3") or step or ""
        what_start = hit.start("what") if hit.group("what") else hit.start()
        # Read the date from the whole clause, not from ``what`` cut at 160 characters ("this
        # week" in a cut "this weekend"), and only up to the next clause.
        clause = text[what_start:tail_end] if hit.group("what") else what
        broken = _CLAUSE_BREAK.search(clause)
        if broken is not None:
            clause = clause[: broken.start()]
        due_match = _DUE.search(clause)
        if due_match is not None and _bare_share(clause, due_match):
            due_match = None
        due = due_match.group("due") if due_match else None
        if step and due is None:
            continue  # "let's talk about pricing" is not a next step
        if due is not None and due.lower() == "today" and _agenda(hit, what):
            continue
        if due_match and due_match.start() < len(what):
            what = what[: due_match.start()]
        what = _tidy(what)
        if len(what.split()) < 1:
            continue
        found.append(Promise(what, due, hit.start(), max(hit.end(), what_start)))
    return found


def _agenda(hit: re.Match[str], what: str) -> bool:
    """Whether a promise due "today" is the meeting's own agenda: something done with the
    other person now ("let's review it", "I'll ask you a few questions"), not for later."""
    if hit.group("step") and hit.group("step").lower().startswith("review"):
        return True
    return _IN_MEETING.match(what) is not None


def _bare_share(clause: str, due: re.Match[str]) -> bool:
    """Whether the due date found is a bare "2/3" with no "by" or "on" before it."""
    return _BARE_SLASH_DATE.fullmatch(due.group("due")) is not None and (
        _DATE_PREPOSITION.search(clause, 0, due.start("due")) is None
    )


# Where a promise can begin; the full pattern is then tried only there.
_START = re.compile(
    r"(?=[iwly])(?:\b(?:i|we)(?:'ll| will| shall|(?:'m| am|'re| are) (?:going to|gonna|gon na)|"
    r" promise to| commit to)\b|\blet me\b|\byou'?ll have\b|\blet'?s\b|\blet us\b|"
    r"\bi(?:'d| would) like to\b)"
)


# How far on a promise's sentence is read for its date: a transcript without punctuation
# would otherwise be scanned to its end once for every promise in it.
_SENTENCE_READ = 400


def _sentence_end(text: str, index: int) -> int:
    limit = min(len(text), index + _SENTENCE_READ)
    ends = [p for p in (text.find(c, index, limit) for c in ".!?\n") if p >= 0]
    return min(ends) + 1 if ends else limit


_SPACES = re.compile(r"\s+")
# Said with its first letters first, so the search skips to them (it is tried at every one).
_TRAILING_LINK = re.compile(fast_form(r"\b(?:and|so|but|then|or|as well|too|, and)$"), re.I)


# "be ordering an MRI" is read as "order an MRI" (the pattern took the verb's own stem).
_ONGOING = re.compile(r"^be (\w+?)ing\b", re.IGNORECASE)


def _tidy(what: str) -> str:
    what = _SPACES.sub(" ", what).strip(" ,;:-")
    what = _ONGOING.sub(r"\1", what)
    what = _TRAILING_LINK.sub("", what).strip(" ,")
    words = what.split()
    return " ".join(words[:18])


# Something to be done for the client that they will see done: a message sent, a call made,
# a booking, an order, a referral, an answer found. Giving or taking shares in a negotiation
# ("I'll give you 2 waters") is terms, and "I'll get back to you" with no date is the
# commonest forgotten promise (``get_back_without_date``), so neither is here; nor is "I'll
# look into it", which names nothing they will see (the catalogue reads it as getting back
# without a date).
_DELIVERABLE = re.compile(
    # Sending a number of things ("I'll send you 3 firewood packages") is handing over a
    # share; "I'll call you sweaty" is a nickname; "let me check with my wife" buys time.
    r"(?:(?:send|e-?mail|forward|text|mail)"
    r"(?! (?:(?:you|over) )?(?:\d|one|two|three|all|the rest)\b)|"
    # "I'll get the quote over to you", "I'll loop in our engineer", "I'll put you in touch
    # with our CFO", "I'll set that up for you". ("I'll share it with you" in a negotiation
    # hands over goods, so sharing is not here.)
    r"get (?:you (?:the|a|an|your|those|that|our)\b|(?:it|them|that|this|the \w+|a \w+)"
    r"(?: \w+)? (?:over|across) to you\b)|loop (?:in|(?:you|them|him|her) in)\b|"
    r"put you in touch\b|set (?:it|that|this|them|you) up\b|follow up with (?:our|the|my) \w+|"
    r"give you a (?:call|ring|buzz)\b|"
    r"(?:call|ring|phone)(?: (?:back|them|him|her|the|your|my|our)\b| you(?= (?:back|again|"
    r"later|tomorrow|today|tonight|at|on|after|when|once|about|with|this|to|in)\b|\W*$))|"
    r"book|schedule|set up|arrange|order|refer|introduce|connect|write up|put together|"
    r"prepare|draft|escalate|process|refund|ship|issue|fix|update|find out|cancel|"
    r"reschedule|invoice|check (?:on|for|into|whether|if)|have (?:the |a |my |our )?\w+ "
    r"(?:call|check|send|come|contact|see))\b",
    re.IGNORECASE,
)
_HEDGED = re.compile(
    r"\b(?:or something|or whatever|at some point|some ?time|when (?:i|we) get|try (?:to|and)|"
    r"probably|maybe|might|if (?:i|we) can|see (?:what|if|whether)|get back|come back|"
    r"circle back|revert|let you know|when (?:i|we) (?:know|hear|find out|have) (?:more|something|"
    r"anything))\b",
    re.IGNORECASE,
)


# Verbs as much for the seller's own plans as for the client ("we're going to set up camp",
# "I'm going to prepare meals for my kids"): a promise to the client says whom it is for.
_GENERAL = re.compile(
    r"(?:book|schedule|set up|arrange|order|prepare|draft|fix|update|cancel|put together)\b",
    re.IGNORECASE,
)
_FOR_THEM = re.compile(
    r"\b(?:you|your|yours)\b|\b(?:the|a|an) (?:call|meeting|demo|visit|appointment|install|"
    r"installation|delivery|quote|proposal|contract|order|refund|replacement|session|"
    r"follow-?up|review|walkthrough|pilot|trial|paperwork|summary|recap|report|"
    # Tests and treatment ordered for them: "I'll order an MRI", "I'm going to order labs".
    r"mri|ct|ct scan|scan|x-?ray|ultrasound|ekg|ecg|echocardiogram|test|tests|labs?|"
    r"blood (?:work|test)s?|panel|referral|prescription|refill|consult|biopsy)\b|"
    r"\b(?:some )?(?:labs|blood work|x-?rays|tests)\b",
    re.IGNORECASE,
)


# Their request handed to the team ("I'll forward it to our team for consideration", "I'll pass
# that along to the developers") is nothing the client will see done: it is filed
# (`hands_it_to_the_team`).
_HANDED_OFF = re.compile(
    r"(?:pass|forward|relay|share|send|feed|bring|take|flag|raise)\b[^.!?]{0,40}?\b(?:to|with) "
    r"(?:the|our|my) (?:[\w-]+ )?(?:team|teams|developers|devs|engineers|engineering|product|"
    r"people|folks|department)\b|"
    # "send my manager a note": a word inside, not something they will see.
    r"(?:send|e-?mail|text|ping|message) (?:the|our|my) (?:manager|boss|supervisor|team|"
    r"colleagues?|engineers?|developers?|lead)\b",
    re.IGNORECASE,
)


def is_concrete(what: str, sentence: str) -> bool:
    """Whether a promise of ``what`` names something the client will see done ("I'll email
    you the pricing sheet", "I'm going to refer you to physical therapy"), plainly, with no
    hedge anywhere in its ``sentence``. What is done first may name nothing ("I'll look into
    your refund and call you back"): any of the promise's steps may."""
    if _HEDGED.search(sentence) is not None or names_terms(what):
        return False
    return any(_delivers(step) for step in _STEPS.split(what))


# "look into it and call you back", "check the stock, then email you".
_STEPS = re.compile(r",? (?:and(?: then)?|then) (?:i'll |we'll |i will |we will )?", re.IGNORECASE)


def _delivers(step: str) -> bool:
    """Whether one step of a promise is something the client will see done."""
    if _DELIVERABLE.match(step) is None or _HANDED_OFF.match(step) is not None:
        return False
    return not (_GENERAL.match(step) and _FOR_THEM.search(step) is None)
