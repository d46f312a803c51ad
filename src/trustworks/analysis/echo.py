"""A reflection recognised by what it restates: the seller gives the client's words back.

"So the buddy system worked when people had time for it, and time is the real constraint.
Is that right?" says no catalogue phrase, yet it is a reflective summary: it opens on the
client ("so you...", "it sounds like...") and carries their own content words back to them.
"""

from __future__ import annotations

import re
from collections import deque

from trustworks.analysis.context import Emission, TurnContext
from trustworks.analysis.proposals import asks_verdict_on_terms
from trustworks.analysis.records import reads_a_record
from trustworks.conversation import Role
from trustworks.sentences import SENTENCE, content_stems
from trustworks.signals.matcher import CaseFree, fast_form, fold

SIGNAL = "restates_their_words"
_OPENER = CaseFree(
    re.compile(
        r"^\W*(?:so\b|(?:(?:okay|ok|right|yeah|and|well|mm-?hmm|um|uh),?\s+)*(?:so\b|"
        r"you(?:'re| are|'ve| have|'d| feel| felt| think| want| said| mentioned| told me| "
        r"seem| sound| were| wanna)|it sounds like|sounds like|it seems like|seems like|"
        r"what i(?:'m| am) hearing|if i(?:'ve| have)? (?:heard|understood|got)|"
        r"(?:the|your) (?:main|biggest|real) (?:thing|issue|problem|worry|concern|constraint)))",
        re.IGNORECASE,
    )
)
# "So our platform replaces buddy systems" carries their words back to pitch: not a reflection.
# Led by its first letters (fast_form): a search skips to them, twice as fast.
_SELLER_SIDE = CaseFree(
    re.compile(fast_form(r"\b(?:we|our|us|i|i'll|i'd|i'm|we'll|my)\b"), re.IGNORECASE)
)
# The seller's reading of what they need most, said back to them: "I think you need the food
# the most, then", "I take it you guys need the water more". What they need said of them
# with a word of priority, not what they should do or buy ("I think you need to upgrade").
_INFERS_THEIR_NEED = CaseFree(
    re.compile(
        r"^\W*(?:(?:okay|ok|right|yeah|well|oh|so|then|alright),?\s+)*(?:i|we) (?:think|guess|"
        r"assume|assumed|gather|take it|bet|figured?) (?:that )?you(?: guys)?(?: (?:probably|"
        r"really|must|will|'ll|would|'d|do|might))? (?:need|needed|want|wanted|value|prefer)\b"
        r"(?! to\b)(?=[^.!?]*\b(?:most|more|priority|first)\b)",
        re.IGNORECASE,
    )
)
# ...read from what they said they need: "we will need a bit of firewood and a lot of food".
_THEY_SAID_A_NEED = re.compile(
    r"\b(?:need|needs|needed|want|priority|important|essential|crucial|most)\b", re.IGNORECASE
)
_MIN_SHARED = 2  # content words of theirs the sentence must carry back
# Their words recalled as theirs, anywhere in a sentence: "you said that's been going on for
# months", "just a couple of questions, you did say the pain comes at night". Naming them as
# what they said, one content word of theirs is enough, from any of their last few turns.
# ("What you said", "if you said" point at words without giving them back.)
_RECALLS = CaseFree(
    re.compile(
        r"(?<!\bwhat )(?<!\bif )(?<!\bunless )\byou(?: said|'ve said| have said| mentioned| told "
        r"me| did say| did mention| were saying| just said)\b",
        re.IGNORECASE,
    )
)
_RECALLED_TURNS = 6
# Their words recalled to argue with them or for the speaker's own share: "I thought you said
# you only needed one", "you said you didn't need them!", "you said you would give me 2
# waters", "you said you don't need water, so let's agree on me having 3".
_RECALLED_AGAINST = re.compile(
    r"\b(?:but|thought|though|yet|however|because|cause|since)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
# A charge, not their words: "you told me nothing about the budget".
_CHARGE = re.compile(
    r"\s*(?:nothing(?= about\b| at all\b| of\b| regarding\b|\s*[.,!?]|\s*$)|never (?:once )?"
    r"(?:told|said|mentioned|asked)\b)",
    re.IGNORECASE,
)
# Said with a sneer: "Oh sure, you said you're fine with the delay. Sure you are."
_SNEERS = re.compile(r"\b(?:oh sure|yeah,? right|sure you (?:are|do|did|will|can|were))\b", re.I)
_USED_AGAINST = re.compile(
    r"!|\b(?:but|yet|though|however|instead|anyway|so (?:let'?s|i|we|can|could|you can)|"
    r"give me|for me|to me|me having|i (?:get|take|keep|have))\b",
    re.IGNORECASE,
)
# Their words, but not given back to them. Checked only for a sentence that already carries
# their words back (a few a call), so one search each costs little.
# Setting them right: "a lot of people think drinking helps them sleep, and in reality...".
_CORRECTS = re.compile(
    r"\bin reality\b|\bthe truth is\b|\b(?:a lot of|lots of|many|most) (?:people|folks|patients|"
    r"clients|customers) (?:think|believe|assume|feel)\b|"
    r"^\W*(?:well,? )?you(?:'re| are) not alone\b",
    re.IGNORECASE,
)
# Their words held against them: "You said you only needed one... You're the one insisting
# you need more now."
# "So now you want to stop drinking" or "your boss contradicts you" gives their story back:
# only the charge itself counts, said of what they said in this talk.
_HOLDS_AGAINST = re.compile(
    r"\byou(?:'re| are) the one\b|\b(?:but|yet) now (?:you|u)\b|\bnow (?:you|u)(?:'re| are)? "
    r"(?:say|saying|ask|asking|claim|claiming|insist|insisting)\b|"
    r"\bwhich is it\b|\bmake up your mind\b|\bnot what you said\b|\bbacktrack\w*|"
    r"\b(?:contradict\w* (?:yourself|what you (?:just )?said)|you(?:'re| are)? contradicting)\b|"
    r"\bgo(?:ing)? back on (?:your word|what you said|the deal|our deal|your offer)\b",
    re.IGNORECASE,
)
# Their offer taken up as the seller's counter: "I'd like one firewood and 2 food. You are
# free to take water." hands them a share; it restates nothing.
_OWN_TERMS = re.compile(
    r"\b(?:i|we)(?:'d| would| will|'ll)? (?:like|want|need|take|get|keep)\b[^.!?]{0,40}"
    r"\b(?:\d+|one|two|three|four|all|both|the rest|some|half)\b",
    re.IGNORECASE,
)
_HANDS_SHARE = re.compile(
    r"\byou(?:'re| are)? (?:free to |welcome to )?(?:can |could |may )?(?:take|have|keep|get)\b",
    re.IGNORECASE,
)


# Their offer accepted in their words: "Sounds like a good deal.", "Sounds like everything will
# work out great."
_ACCEPTS = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|great|yes|yeah),?\s+)?(?:that |it |this )?sounds? (?:like )?"
    r"(?:a |an )?(?:good|great|fair|nice|solid|reasonable|perfect|deal|plan|everything)\b",
    re.IGNORECASE,
)


# A new question or the speaker's own case, led like a reflection: "So, is your weakness
# overall in your legs or at a single point?", "so where are you eating those chips?" (an open
# question, credited as one), "So if you're planning a ton of hiking, then you'll need more
# food", "well you are absolutely correct, stress can be a trigger".
_ASKS_OR_ARGUES = re.compile(
    r"^\W*(?:(?:okay|ok|right|yeah|and|well|so|um|uh|mm-?hmm),?\s+)*(?:"
    r"(?:where|when|how|what|which|who|why)\b|"
    r"(?:is|are|was|were|do|does|did|can|could|would|will|have|has)\b[^?]*\bor\b[^?]*\?|"
    r"if\b[^.!?]*\byou(?:'ll| will| would|'d)? (?:need|have to|should|must|ought)\b|"
    r"you(?:'re| are) (?:absolutely |completely |quite |so )?(?:right|correct)\b)",
    re.IGNORECASE,
)


def _recalled_against(body: str, recall: re.Match[str]) -> bool:
    """Whether words recalled as theirs are turned against them or to the speaker's share."""
    return bool(
        _RECALLED_AGAINST.search(body, 0, recall.start())
        or _USED_AGAINST.search(body, recall.end())
        or _CHARGE.match(body, recall.end())
    )


def _not_given_back(body: str, turn: str) -> bool:
    """Whether a sentence carrying their words sets them right, reads out a record, holds the
    words against them, accepts their offer, hands them a share of the seller's counter-offer,
    asks something new or argues its own case."""
    return _HOLDS_AGAINST.search(turn) is not None or _not_given_back_here(
        body, _OWN_TERMS.search(turn) is not None
    )


def _not_given_back_here(body: str, own_terms: bool) -> bool:
    """``_not_given_back`` with what the turn says worked out once (``own_terms``: the turn puts
    the seller's own terms), for a caller that reads many sentences of one turn."""
    if _CORRECTS.search(body) or reads_a_record(body):
        return True
    if _ASKS_OR_ARGUES.match(body):
        return True
    if _ACCEPTS.match(body):
        return True
    return own_terms and _HANDS_SHARE.search(body) is not None


class EchoDetector:
    """Credits the seller sentence that restates the client's last turn in their words."""

    def __init__(self) -> None:
        self._their_turn = ""  # the client's last turn...
        # ...and its content words, read only when a seller sentence opens like a reflection
        # (most never do: reading every client turn's words cost 2 us a turn).
        self._theirs: set[str] | None = set()
        self._their_turns: deque[str] = deque(maxlen=_RECALLED_TURNS)

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """A reflection of the client's last turn, at most one per seller turn."""
        if ctx.role is Role.CLIENT:
            self._their_turn, self._theirs = ctx.turn.text, None
            self._their_turns.append(ctx.turn.text)
            return []
        if ctx.role is not Role.SELLER:
            return []
        text = fold(ctx.turn.text)
        if self._their_turns and _RECALLS.search(text) is not None:
            recalled = self._recalled(text)
            if recalled is not None:
                return [recalled]
        if self._theirs is not None and len(self._theirs) < _MIN_SHARED:
            return []
        for sentence in SENTENCE.finditer(text):
            body = sentence.group()
            if _OPENER.match(body):
                if _SELLER_SIDE.search(body):
                    continue
                recall = _RECALLS.search(body)
                if recall is not None and (_recalled_against(body, recall) or _SNEERS.search(text)):
                    continue
            else:
                # "I think you need the food the most, then": their need named back to them.
                inferred = _INFERS_THEIR_NEED.match(body)
                if (
                    inferred is None
                    or _SELLER_SIDE.search(body, inferred.end())
                    or not _THEY_SAID_A_NEED.search(self._their_turn)
                ):
                    continue
            # "So how about two foods for you and the rest for me?" gives their words back as
            # the seller's terms: a proposal, not a reflection.
            # (That check searches for the seller's terms: searched once, not twice.)
            if asks_verdict_on_terms(body, ""):
                continue
            if self._theirs is None:
                self._theirs = content_stems(fold(self._their_turn))
            if len(self._theirs) < _MIN_SHARED:
                return []
            if len(content_stems(body) & self._theirs) >= _MIN_SHARED:
                if _not_given_back(body, text):
                    continue
                self._theirs = set()  # one reflection of the same words is enough
                return [Emission(SIGNAL, sentence.start(), sentence.end())]
        return []

    def _recalled(self, text: str) -> Emission | None:
        """The first sentence that recalls words of theirs as theirs, if any."""
        theirs: set[str] | None = None  # their words, read once, and only when needed
        # What the whole turn says (a charge, a sneer, the seller's own terms), read once.
        held_against: bool | None = None
        own_terms = False
        for sentence in SENTENCE.finditer(text):
            body = sentence.group()
            recall = _RECALLS.search(body)
            if recall is None:
                continue
            given = body[recall.end() :]
            if _recalled_against(body, recall) or _SELLER_SIDE.search(given):
                continue
            if theirs is None:
                theirs = set().union(*(content_stems(fold(t)) for t in self._their_turns))
            if not content_stems(given) & theirs:
                continue
            if held_against is None:
                held_against = bool(_HOLDS_AGAINST.search(text) or _SNEERS.search(text))
                own_terms = _OWN_TERMS.search(text) is not None
            if held_against or _not_given_back_here(body, own_terms):
                continue
            self._theirs = set()
            return Emission(SIGNAL, sentence.start(), sentence.end())
        return None
