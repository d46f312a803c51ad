"""Count questions in an utterance and tell open ones from closed ones.

Transcripts often drop question marks, so a sentence also counts as a question when it
opens like one ("do you", "what is"), after skipping fillers such as "so," or "okay,". Speech
recognisers often drop full stops as well, so in an unmarked run of words a question word
followed by an inverted verb and its subject ("... so how long has it been hurting") is a
question wherever it stands: "how long has it", unlike "how long it has", only asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from trustworks.sentences import SENTENCE
from trustworks.signals.matcher import CaseFree, ascii_lower, fast_form

# What the speaker wants to hear from them, told: "I wanted to ask how...", "I'd like to hear
# your thoughts on...", "I'm curious to hear about your experience...". Said so, it asks as a
# question does (`_OPEN`, and `about_them` after a first sentence).
TOLD = (
    r"(?:i['\u2019]?d|i would) (?:really )?(?:love|like) to (?:hear|know|understand|learn)|"
    r"i (?:just )?(?:wanted|want|was hoping|would like) to (?:hear|ask|know|learn|understand|"
    r"check in on|follow up on|discuss|talk about|get your (?:thoughts|take|feedback|"
    r"impressions?|view))|"
    r"i['\u2019]?m (?:really |very |genuinely )?curious (?:to (?:hear|know|learn)|about)"
)
# The patterns tried at a sentence's start are led by the letters they can start with
# (fast_form): most sentences start with none of them, and then fail at once (a third faster).
_FILLER = CaseFree(
    re.compile(
        fast_form(
            r"^(?:(?:so|and|but|okay|ok|well|right|now|alright|all right|then|um|uh|mm+|hmm+|oh|"
            r"ah|yeah|great|sure|"
            r"also|just curious|"
            r"out of curiosity|i'?m curious(?! (?:to|about)\b)|honestly|and then|"
            # "I wonder what you make of it", "I'm wondering where you are with it": what
            # follows is the question, asked in so many words.
            r"i (?:just )?wonder|i'?m (?:just )?wondering|i was (?:just )?wondering)\b[,\s]*)+"
        ),
        re.IGNORECASE,
    )
)
_NAMED_FIRST = CaseFree(
    re.compile(
        # "Hi, how you doing?" is still a greeting, and a word that calls for their attention or
        # sets a tone is no name: "Listen, why don't you just sign today?", "look, how about we
        # close this today?" put the seller's course to them as before.
        r"^(?!(?:hi|hiya|hello|hey|howdy|yo|greetings|good|thanks|thank|listen|look|see|say|"
        r"wait|actually|come|really|"
        r"seriously|frankly|basically|obviously|clearly|literally|truly|personally|ideally|"
        r"realistically|hopefully|genuinely|ultimately|surely)\b)[a-z]+\s*,\s*"
        r"(?:(?:so|and|okay|ok|well|now)\b[,\s]*)?"
        r"(?=(?:what|how|why|where|when|who|which|tell (?:me|us))\b)",
        re.IGNORECASE,
    )
)
_LEADING_MARKS = re.compile(r"^[\W_]+")  # spaces, emoji and dashes before the first word
_OPEN = CaseFree(
    re.compile(
        fast_form(
            r"^(?:what|how|why|where|when|who|whom|whose|which|"
            r"tell (?:me|us)|describe|walk (?:me|us) through|help (?:me|us) understand|"
            r"talk (?:me|us) through|in what way|i'?d love to (?:hear|know|understand)|"
            # What the speaker wants to hear from them, told (`TOLD`), when what follows is
            # theirs to tell: "I'd like to hear your thoughts on the rollout", "I wanted to ask
            # how the dashboard is working for you".
            rf"(?:{TOLD}) (?=(?:about |on |with )?(?:how|what|why|whether|if|your|more)\b)|"
            # A request to explain invites an answer in their words, as "tell me" does: "can you
            # (please) explain why?", "could you walk me through it?", "would you say more?".
            # "Could you tell me your card number?" or "...if the box is unopened?" asks for a
            # fact: told what to tell, not invited to tell it.
            r"(?:can|could|would|will) you (?:please |kindly |maybe |perhaps )?(?:tell (?:me|us)"
            r"(?= (?:more|about|a (?:bit|little)|something|anything|everything|what|how|why|when|"
            r"where|who|which|in your own)\b|\W*$)|"
            r"explain|describe|walk (?:me|us) through|talk (?:me|us) through|"
            r"help (?:me|us) understand|say (?:a (?:bit|little) )?more|elaborate|expand))\b"
        ),
        re.IGNORECASE,
    )
)
# "How long have you lived there?" and "how often do you drink?" ask about their life and
# habits; "how many" asks for a count, as "when", "where" and "which" ask for a time, a place
# or a choice ("when you think about it, ..." opens a clause, not a question for a time).
_ASKS_A_SLOT = re.compile(
    r"(?:when|where)(?:'s| (?:is|are|was|were|do|does|did|will|would|can|could|should|shall|"
    r"have|has|had)\b)|(?:what time|what day|which|how many)\b",
    re.IGNORECASE,
)
# The last clause of an asked sentence opens with a question word: "she's 41, and what brings
# you in today?", "I see, so how did that go?" ("If it rains, what then?" is open too).
_OPENS_LAST_CLAUSE = re.compile(
    r",\s*(?:(?:and|so|but|then|now|okay|ok|well)\b[,\s]*)?"
    r"(?:what|how(?! (?:many|much|long|often|old|far)\b)|why)\b[^,]*\?\s*$",
    re.IGNORECASE,
)
# ...unless it asks for their view or their feelings: "Where do you see the bakery in five
# years?", "When do you feel most stressed?", "Which of your products matters most to you?".
_ASKS_THEIR_VIEW = re.compile(
    # ("Which venue would you like?" still asks for a choice: a slot.)
    r"\byou (?:\w+ )?(?:feel|felt|think|see|enjoy|hope|worry|wish|mind)\b|"
    r"\b(?:matters?|most|important|happ(?:y|iest)|stressed|worried|head at|mind)\b",
    re.IGNORECASE,
)
# A question word that opens a clause told as the sentence's subject: "what I'm seeing here is
# a fracture", "what we'll do is book you in", "how it works is...". The subject comes
# straight after the question word, in the order of a statement, and a verb "to be" follows:
# unmarked, it tells.
_PSEUDO_CLEFT = re.compile(
    # ...unless what it tells is what the speaker wants to know: "what I'd like to know is how
    # you got started", "what I'm wondering is whether it helps" ask, in so many words.
    r"(?!\w+\s+(?:i|we)(?:'d|'m)?(?:\s+(?:really|just|would|want to|wanna|am|was|were|like to|"
    r"trying to))*\s+(?:know|understand|ask|hear|find out|learn|wondering|curious|asking|"
    r"figure out|get at)\b)"
    r"(?:what|how|why|where|when|who)\s+(?:i|we|you|they|he|she|it|this|that|"
    r"(?:the(?! (?:hell|heck)\b)|my|our|your|his|her|their) \w+)(?:'m|'re|'s|'ve|'d|'ll)?\s+"
    # "When you get a chance, what is your budget" opens a clause, then asks.
    r"(?:(?!(?:what|how|why|where|when|who|which)\b)"
    r"[\w']+,?\s+){0,8}?(?:is|was|are|were)\b"
    # "...when you mention eating is do you feel like it gets stuck": a question after all.
    r"(?!\s+(?:do|does|did|can|could|would|will|are|is|have|has)\s+(?:you|they|it)\b)",
    re.IGNORECASE,
)
_CLAUSE_WORDS = 3  # "Hey, how you doing?" is a greeting's question, not a clause's


def _opens_last_clause(body: str) -> bool:
    """Whether an asked sentence's last clause, after one of three words or more, is open."""
    found = _OPENS_LAST_CLAUSE.search(body)
    return found is not None and len(body[: found.start()].split()) >= _CLAUSE_WORDS


_INVERTED_WH = CaseFree(
    re.compile(
        # "who" after a noun or a comma opens a relative clause ("the guy who does the books"),
        # "what it is" and "the reason why is" are statements. Every question word starts with
        # "w" or "h": said first, it lets the search skip to those letters (2 us a turn, not 7).
        r"(?=[wh])(?<!the reason )(?<!reason )\b(?:what(?! it is)(?: \w+)?|how(?: \w+)?|why|when|"
        r"where|which \w+|(?<![a-z] )(?<!, )who)(?:'s|'re|\s+(?:is|are|was|were|do|does|did|has|"
        r"have|had|can|could|would|will|should))\s+(?:you|your|it|that|this|the|they|he|she|we|"
        r"things|"
        r"everything)\b",
        re.IGNORECASE,
    )
)
_CLOSED = CaseFree(
    re.compile(
        fast_form(
            r"^(?:is|are|am|was|were|do|does|did|can|could|will|would|should|shall|have|has|had|"
            r"may|might|isn'?t|aren'?t|don'?t|doesn'?t|didn'?t|won'?t|wouldn'?t|can'?t|couldn'?t|"
            r"haven'?t|hasn'?t|any chance|right|correct|ok|okay)\b"
        ),
        re.IGNORECASE,
    )
)


@dataclass(frozen=True, slots=True)
class QuestionCount:
    """Open and closed questions in one utterance, and where the first one starts."""

    open: int
    closed: int
    first_at: int | None
    # Open questions that ask for a slot: a time, a place, a choice among options or a count
    # ("When are you arriving?", "Which venue?", "How many guests?"). Open in form, they ask
    # for a fact, not for the person's own words, and earn no credit as curiosity.
    slots: int = 0

    @property
    def total(self) -> int:
        """All questions."""
        return self.open + self.closed


NO_QUESTIONS = QuestionCount(0, 0, None)
# The tags that turn a statement into a check of agreement with the speaker ("It's not
# permanent, okay?", "we'll sort it out, yeah?"): asked for a yes, not for their view.
AGREEMENT_TAGS = r"ok(?:ay)?|alright|all right|right|yeah|yes|got it|understood|fair|you know"
# A question about the offer in particular, asked for its facts: "Is it difficult for the reps
# to use?", "How do you ensure accuracy?", "What about the learning curve?". The product
# described in reply answers it (no pounce), and a plain description is a plain answer.
_ABOUT_THE_OFFER = re.compile(
    r"\b(?:do|does|can|could|will|would|is|are) (?:you|your \w+|it|this|that|the \w+) "
    r"(?:\w+ )?(?:ensure|make sure|prevent|avoid|handle|work|integrate|support|cost|take|need|"
    r"require|protect|keep|deal|compare|manage|guarantee|secure|store|train|install|connect|"
    r"scale|address)\b|"
    r"\bhow (?:you|your \w+|it|this|they) (?:\w+ )?(?:ensure|make sure|prevent|handle|work|"
    r"integrate|support|protect|keep|deal|manage|guarantee|secure|store|scale|address)\b|"
    r"\bhow (?:difficult|hard|easy|long|secure|safe|accurate|reliable|scalable|complicated|"
    r"complex|much|soon|quickly)\b|"
    r"\b(?:is|are) (?:it|this|that|they|your \w+|the \w+) (?:\w+ )?(?:difficult|hard|easy|"
    r"secure|safe|accurate|reliable|scalable|compatible|expensive|complicated|complex)\b|"
    r"\bwhat about (?:the |your )?(?:\w+ )?(?:security|privacy|support|training|installation|"
    r"setup|integration|migration|accuracy|cost|price|maintenance|warranty|learning curve|"
    r"onboarding|implementation|rollout|process|timeline)\b",
    re.IGNORECASE,
)


def about_the_offer(question: str) -> bool:
    """Whether ``question`` asks for a fact about what the seller offers."""
    return _ABOUT_THE_OFFER.search(question) is not None


# An exclamation that opens like a question: "how" before a word that says how much ("How nice
# for you!", "how lovely that you can go!"), or "what a...".
_EXCLAIMS = re.compile(
    r"(?:how (?!(?:is|are|was|were|do|does|did|can|could|would|will|should|have|has|had|about|"
    r"come|long|much|many|often|far|soon|old)\b)[a-z]+\b(?! (?:is|are|was|were|do|does|did|can|"
    r"could|would|will|should|have|has|had|you|i|we|they)\b)|what an? )",
    re.IGNORECASE,
)


def count_questions(text: str) -> QuestionCount:
    """Count open and closed questions in ``text`` (a question mark or a question opening)."""
    wh = _may_ask_wh(text)
    if "?" not in text and not _maybe_question(text, wh):
        return NO_QUESTIONS
    open_count = closed_count = slot_count = 0
    first_at: int | None = None
    for sentence in SENTENCE.finditer(text):
        said = sentence.group()
        body = _without_opening(said)
        if not body:
            continue
        ending = said.rstrip()
        marked = ending.endswith("?")
        if not marked and ending.endswith("!") and _EXCLAIMS.match(body):
            continue  # "How nice for you!", "What a great trip!" exclaim
        if (
            not marked
            and _PSEUDO_CLEFT.match(body)
            # "I'm wondering where you are with it": the clause the speaker wonders about asks.
            and "wonder" not in said[: len(said) - len(body)].lower()
        ):
            continue  # "what I'm seeing here is a fracture" tells, it does not ask
        # "And at the moment, how does the budget work for you?" is open after its preamble,
        # and so is "She's 41, and what brings you in today?" after its clause.
        if (
            _OPEN.match(body)
            or (marked and wh and _INVERTED_WH.search(body))
            or (marked and wh and _opens_last_clause(body))
        ):
            if not marked and len(body.split()) < 3:
                continue  # "What." or "How so" without a mark is too short to call
            open_count += 1
            if _ASKS_A_SLOT.match(body) and not _ASKS_THEIR_VIEW.search(body):
                slot_count += 1
        elif marked or (_CLOSED.match(body) and _looks_addressed(body)):
            closed_count += 1
        elif wh and not ending.endswith((".", "!")) and (inside := _INVERTED_WH.search(said)):
            # Only in a run with no full stop: a punctuated statement is what it says.
            open_count += 1
            if first_at is None:
                first_at = sentence.start() + inside.start()
            continue
        else:
            continue
        if first_at is None:
            first_at = sentence.start()
    return QuestionCount(open_count, closed_count, first_at, slot_count)


def _without_opening(sentence: str) -> str:
    """The sentence from its first word that is no filler ("So, okay, what..." -> "what...").

    Both patterns are anchored at the start, so cutting after their match is what removing
    it with ``sub`` gives, without ``sub`` trying them again at every later character.
    """
    marks = _LEADING_MARKS.match(sentence)
    if marks is not None:
        sentence = sentence[marks.end() :]
    filler = _FILLER.match(sentence)
    if filler is not None:
        sentence = sentence[filler.end() :]
    # A name said first ("Andrew, what's going on with your knee?") leaves the question open.
    named = _NAMED_FIRST.match(sentence)
    return sentence if named is None else sentence[named.end() :]


_QUESTION_OPENING = (
    # Any run of fillers may come first ("okay and then tell me...", "alright okay well do you").
    r"(?:(?:so|and|okay|ok|alright|all right|well|then|now|right|um|uh|"
    r"yeah),?\s+)*(?:i (?:just )?wonder\w*\s+|i'?m (?:just )?wondering\s+|i was (?:just )?"
    r"wondering\s+)?(?:what|how|why|where|when|who|which|do|does|"
    r"did|is|are|can|could|would|will|tell|walk|talk|describe|help|"
    # What the speaker wants to hear from them, told (`_OPEN`).
    r"i['\u2019]?d (?:really )?(?:love|like)|i would (?:really )?(?:love|like)|"
    r"i (?:just )?(?:wanted|want|was hoping)|i['\u2019]?m (?:really |very |genuinely )?curious)\b"
)
# A question's opening at the start or after a sentence's end: two patterns, because one
# that opens on "^ or punctuation" is tried at every character (2.3 us a turn, 1.5 so).
_QUESTION_FIRST = CaseFree(re.compile(_QUESTION_OPENING, re.IGNORECASE))
_QUESTION_NEXT = CaseFree(re.compile(rf"[.!?]\s+{_QUESTION_OPENING}", re.IGNORECASE))
_ADDRESSED = re.compile(r"\b(?:you|your|we|our|they|it|this|that|there)\b", re.IGNORECASE)


def _may_ask_wh(text: str) -> bool:
    """Whether ``_INVERTED_WH`` could match anywhere in ``text``: not without "wh" or "how".

    Its search is the dearest step here (7 us a turn) and most turns hold no question word.
    Only ASCII text is judged by its lower case, to be safe: elsewhere Unicode case rules
    match some letters to others without case ("ı" to "i").
    """
    lowered = ascii_lower(text)  # kept for the twins' searches of the same turn
    if lowered is None:
        return True
    return "wh" in lowered or "how" in lowered


def _maybe_question(text: str, wh: bool = True) -> bool:
    if _QUESTION_FIRST.match(text) is not None or _QUESTION_NEXT.search(text) is not None:
        return True
    return wh and _INVERTED_WH.search(text) is not None


def _looks_addressed(body: str) -> bool:
    # "Can do." or "Will send it." start like questions but are statements.
    return _ADDRESSED.search(body, 0, 40) is not None
