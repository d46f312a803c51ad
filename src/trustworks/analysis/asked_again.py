"""Asking for what they have just told you.

"I'm Ben and I'd like to RSVP to Angela's party at 5 PM." - "When are you planning to arrive?"
The client gave the time a sentence ago; the question shows it went unheard, and the client has
to say it again. Service scripts do it when the next field of a form is asked whatever was said,
and so do sellers working down a list. Only what can be told for sure is read: a name (asked
after "my name is Alexis"), a time of day (asked with "what time" or "when" after "at 8 pm"),
and a head count (asked "how many people" after "for 20 people"). A question that checks it ("Is
that 5 PM, then?", "Just to confirm, was that 20 guests?") heard it, and a time asked for
something else ("When will it end?") or after the client took theirs back ("5 pm won't work")
is a new question.

The same question or offer said again, word for word, after the client has answered or said
something new ("Could you provide me with the name of the host, please?" - "Ben" - "Could you
provide me with the name of the host, please?"), is a script running past them: what they said
changed nothing. The same news given again to a new request is the answer; a repeat they asked
for ("sorry?", "can you repeat that?") is no script, and neither is a short courtesy ("Thank
you.") that any turn may end with.
"""

from __future__ import annotations

import re
from collections import deque

from trustworks.analysis.context import Emission, TurnContext
from trustworks.conversation import Role
from trustworks.sentences import SENTENCE, content_words

SIGNAL = "asks_what_they_just_said"
REPEATS = "repeats_the_same_words"
# Only the seller's last turn is compared (a game asks "continue playing?" after every round),
# and a sentence needs these words to be more than a courtesy ("You can have the rest.").
_REPEAT_WORDS = 6
_ASKS_AGAIN = re.compile(
    r"\b(?:sorry|pardon|what|huh|come again|say (?:that|it) again|repeat|didn'?t (?:catch|hear|"
    r"get|understand)|don'?t understand|what do you mean)\b\W*$|^\W*(?:sorry|pardon|what|huh)\W*$",
    re.IGNORECASE,
)
_NOT_A_WORD = re.compile(r"[^\w\s]+")
# Client turns whose words a question is read against: a name given two turns back is still
# fresh; one given at the start of a long call may be asked again to check the spelling.
_HEARD_TURNS = 2

_NAME_GIVEN = re.compile(
    # "my name is brian"; not "my doctor's name is Dr. Johnson", nor "my name is not important".
    r"\b(?:[Mm]y name is|[Mm]y name's|[Tt]he name is|[Tt]he name's) "
    r"(?!(?:not|none|no|unimportant|private|irrelevant)\b)[A-Za-z]|"
    # "I'm Ben", "This is Alexis": a capital after it, and a name, not "I'm Sorry", "I'm
    # English", or someone else's ("This is Angela's party", "I'm Angela's brother").
    r"\b(?:I'm|I am|[Tt]his is) (?!(?:Sorry|Good|Fine|Okay|Ok|OK|Not|So|Just|Here|Looking|"
    r"Calling|Trying|Going|Having|Still|Glad|Happy|Sure|Afraid|Interested|Done|Ready|Great|"
    r"Well|In|On|At|The|A|An|It|That|This|Very|Really|Also|Actually|Only|All|Back|Wondering|"
    r"Thinking|Hoping|Planning|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"English|American|British|Canadian|Australian|Irish|Scottish|Welsh|French|German|Spanish|"
    r"Italian|Chinese|Japanese|Indian|Mexican|Brazilian|Christian|Jewish|Muslim|Catholic)\b)"
    r"[A-Z][a-z]+\b(?!['’]s\b)"
)
_ASKED_WORDS = ("name", "who ", "how many", "when", "what time")
_ASKS_NAME = re.compile(
    r"\b(?:what(?:'s| is) your (?:full |first |last )?name|(?:could|can|may) i (?:get|have|ask|"
    r"take|please have|please get) (?:your|for your) (?:full |first |last )?name|"
    r"your (?:full )?name,? please|who (?:am i|do i have the pleasure of) (?:speaking|talking) "
    r"(?:to|with))\b",
    re.IGNORECASE,
)
# A time of day as a client gives it: "at 5PM", "8:30", "noon".
_CLOCK = re.compile(
    r"\b(?:\d{1,2}(?::\d\d)?\s?(?:a\.?m\b\.?|p\.?m\b\.?)|\d{1,2}:\d\d\b|noon\b|midday\b)",
    re.IGNORECASE,
)
_ASKS_TIME = re.compile(
    # (The look ahead stops at the question's end, and 200 characters at most, so a long turn
    # of "when"s costs what its length does.)
    r"\b(?:what time|when|at what time)\b(?![^?]{0,200}?\b(?:end|ends|finish|finishes|wrap|over|"
    r"leave|leaving|until|till|last|close|closes|back|return|returning|departs?|done|born|"
    r"happen(?:ed)?|start(?:ed)? (?:noticing|feeling|having)|first|last time|was|were|did)\b)",
    re.IGNORECASE,
)
_HEADS = (
    r"people|guests|persons|adults|kids|children|friends|attendees|colleagues|"
    r"tickets|seats|of us|in (?:my|our) (?:party|group)"
)
_NUMBER = (
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|a hundred)"
)
# A head count for what is being booked: "a dinner for 12 people", "a party of six", "I expect
# 76 people at the party". "There are 20 people on my team" counts something else.
_COUNT_GIVEN = re.compile(
    rf"\bfor (?:about |around |roughly )?{_NUMBER} (?:{_HEADS})\b|"
    rf"\b(?:party|group|table) of {_NUMBER}\b|\b{_NUMBER} (?:guests|attendees)\b|"
    rf"\b(?:expect|expecting|inviting|invite|bringing|bring|booking|book) (?:about |around )?"
    rf"{_NUMBER} (?:{_HEADS})\b|\b{_NUMBER} (?:{_HEADS}) (?:are |will be )?(?:coming|attending|"
    r"joining|invited)\b",
    re.IGNORECASE,
)
# What a count or a time is said with when it is not given: taken back, a condition, a choice
# between two, or a question ("It won't be ten people", "If the party is at 5 pm I might come",
# "either two people or three", "Is the party at 5 pm?").
_NOT_GIVEN = re.compile(
    r"\b(?:not|no longer|instead of|rather than|except|anymore|change|move|different|"
    r"other than|busy|taken|unavailable|if|once|unless|either|whether|maybe|might|could also)\b|"
    r"n't\b|\?",
    re.IGNORECASE,
)
_ASKS_COUNT = re.compile(
    rf"\bhow many (?:{_HEADS}|will (?:there be|be (?:coming|attending|joining)))\b",
    re.IGNORECASE,
)
# A question that checks what it heard ("is that 5 pm?", "just to confirm", "did you say")
# heard it, and one for another ("what time would suit you instead?") asks something new.
_CHECKS_IT = re.compile(
    r"\b(?:confirm|again|still|did you say|you said|you mentioned|was (?:it|that)|is (?:it|that)|"
    r"right|correct|spell|spelling|surname|last name|family name|exactly|then|instead|else|"
    r"other|another|different|better|earlier|later)\b",
    re.IGNORECASE,
)


def _given(pattern: re.Pattern[str], heard: str, question: str | None = None) -> str | None:
    """The client's sentence that gives what ``pattern`` reads, plainly and only once, if one
    does; with ``question``, only one that shares a word with it ("RSVP to the party at 5PM"
    and "when will you arrive at the party?": "I have a date by 8pm" does not time a viewing)."""
    asked = None if question is None else content_words(question)
    for sentence in SENTENCE.finditer(heard):
        body = sentence.group()
        if (
            len(pattern.findall(body)) == 1
            and _NOT_GIVEN.search(body) is None
            and (asked is None or not asked.isdisjoint(content_words(body)))
        ):
            return body.strip()
    return None


class AskedAgainDetector:
    """Keeps the client's last turns and reads the seller's questions against them."""

    def __init__(self) -> None:
        self._heard: deque[str] = deque(maxlen=_HEARD_TURNS)
        self._said = ""  # the seller's last turn, read again only when this one may repeat it
        self._answered = ""  # what the client said since the seller last spoke

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Flag a question in a seller turn that asks for what the client just said."""
        if ctx.role is Role.CLIENT:
            self._heard.append(ctx.turn.text)
            self._answered = ctx.turn.text
            return []
        if ctx.role is not Role.SELLER:
            return []
        text = ctx.turn.text
        repeated = self._repeated(text)
        if repeated:
            return repeated
        if not self._heard or "?" not in text:
            return []
        heard = "\n".join(self._heard)  # each turn its own sentences
        last = self._heard[-1]
        for sentence in SENTENCE.finditer(text):
            body = sentence.group()
            if not body.rstrip().endswith("?"):
                continue
            # Every question read here holds one of these words: most hold none, which a few
            # substring tests tell before the searches.
            lowered = body.lower()
            if not any(word in lowered for word in _ASKED_WORDS) or _CHECKS_IT.search(body):
                continue
            told = None
            if _ASKS_NAME.search(body) is not None:
                told = _given(_NAME_GIVEN, heard)
            elif _ASKS_COUNT.search(body) is not None:
                told = _given(_COUNT_GIVEN, last)
            elif _ASKS_TIME.search(body) is not None:
                told = _given(_CLOCK, last, body)
            if told is not None:
                # The rewrite gives back what they said: the sentence that told it.
                return [Emission(SIGNAL, sentence.start(), sentence.end(), client=told)]
        return []

    def _repeated(self, text: str) -> list[Emission]:
        """This turn said again, word for word, as the seller's last one said it, with the
        client's new words between: nothing in it is new. A turn that brings something new
        and ends on the same check ("Go left on Forbes. Can I proceed?") is a step on."""
        said, answered = self._said, self._answered
        self._said, self._answered = text, ""
        # Most turns are no repeat: their opening words are not in the last turn (a cheap
        # test, before any sentence is read). An empty client turn (a silence in a transcript)
        # is no answer, and "sorry?" asks to hear it again.
        # (The case of the opening is compared as written: a repeat is a copy, and lower-casing
        # the last turn for every turn cost more than the rest of the reading.)
        opening = text.lstrip()[:_OPENING]
        if (
            # A question or an offer put again is the script; the same news given again to a
            # new request ("all venues are booked out then") is the answer.
            "?" not in text
            or not opening
            or opening not in said
            or not answered.strip()
            or _ASKS_AGAIN.search(answered)
        ):
            return []
        sentences = [(m, _words(m.group())) for m in SENTENCE.finditer(text)]
        these = {words for _, words in sentences if words}
        if not these or not these <= {_words(m.group()) for m in SENTENCE.finditer(said)}:
            return []
        if not any(len(words.split()) >= _REPEAT_WORDS for words in these):
            return []
        start, end = sentences[0][0].start(), sentences[-1][0].end()
        return [Emission(REPEATS, start, end, " ".join(self._heard))]


_OPENING = 20  # characters of a turn looked for in the last one


def _words(sentence: str) -> str:
    """A sentence as compared for a repeat: lower case, its words only."""
    return " ".join(_NOT_A_WORD.sub("", sentence.lower()).split())
