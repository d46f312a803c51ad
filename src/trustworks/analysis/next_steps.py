"""A next step the client said yes to, left without a day: "Would you like to join the beta?"
"Happy to." "Thank you!"

The seller offers a step forward (a call, a trial, a preview, a test group), the client agrees,
and the seller's reply closes on thanks or a goodbye, naming no day, no time and no way the
step will reach them. The yes was the client's part; making the step real was the seller's,
and a step nobody can put in a diary usually ends with the call. Asking when suits them, or
naming a day, keeps the yes.
"""

from __future__ import annotations

import re

from trustworks.analysis.commitments import names_a_time
from trustworks.analysis.context import Emission, TurnContext
from trustworks.conversation import Role
from trustworks.signals.matcher import CaseFree, fold

SIGNAL = "leaves_their_yes_undated"
# The reply is read alone: a day agreed later in the call, after more talk, is not seen here,
# so only a short reply (a close, not a new topic) is judged.
CONFIDENCE = 0.75
_CLOSE_WORDS = 25
# Steps taken after the call; "would you like to talk more about that?" is this call's.
_STEP = (
    r"(?:join|try|test|trial|pilot|preview|sit in|take part|participate|be part|be one|"
    r"hop on|jump on|meet|set up|schedule|book|arrange|give (?:it|them|this|that) a "
    r"(?:try|go|spin))"
)
_AGREEMENT_WORDS = 15  # "I'm on board, just let me know when."; a longer turn goes on talking
# The seller putting a step forward: "would you like to join the beta?", "shall I set up a
# call?", "we'd love for you to test them out soon", "how about a follow-up call?".
_PROPOSES = CaseFree(
    re.compile(
        r"\bwould you (?:like|want|be (?:open|interested|willing|up for|keen|happy)|care|mind)"
        rf" (?:to |in |for |me to |us to |to have me |to have us )?(?:\w+ ){{0,2}}?{_STEP}"
        r"(?:ing)?\b|"
        r"\b(?:shall|should|can|could|may) (?:i|we) (?:go ahead and )?(?:set up|schedule|book|"
        r"arrange|put (?:you|your name) down|add you|sign you up|"
        r"send you an? (?:invite|invitation))\b|"
        r"\b(?:(?:i|we)(?:'d| would)|would) love (?:for you |you )?to (?:join|try|test|preview|see|"
        r"take part|be part|have you|get you)\b|"
        r"\bhow about (?:we |i )?(?:set up|schedule|book|a (?:follow-?up|call|demo|meeting|chat|"
        r"trial|pilot))\b|"
        r"\blet'?s (?:set up|schedule|book|plan|arrange) (?:a|an|another|some|the)\b",
        re.IGNORECASE,
    )
)
# The client taking it up, in the turn's first words.
_AGREES = CaseFree(
    re.compile(
        r"^\W*(?:(?:oh|well|ok(?:ay)?|yeah|yes|sure|great|perfect)[,.!]*\s+)*"
        r"(?:yes|yeah|yep|yup|sure|absolutely|definitely|of course|certainly|sounds (?:good|great|"
        r"perfect|like a plan)|(?:that|it)(?:'d| would) be (?:great|good|helpful|perfect|awesome|"
        r"nice|wonderful|fantastic|useful)|(?:i|we)(?:'d| would) (?:love|like) (?:that|to)|"
        r"(?:i'?m|i am|we'?re|we are) (?:happy|glad) to|happy to|glad to|count me in|"
        r"(?:i'?m|i am|we'?re|we are) (?:in|on board|game|up for it)|let'?s do (?:it|that)|"
        r"works for me|please do|perfect|great)\b"
        r"(?![^.!?]{0,40}\b(?:but|not|no|don'?t|can'?t|won'?t|later|check with)\b)",
        re.IGNORECASE,
    )
)

# The step taken at once ("I'll send the invite right after this call") or done on the call
# ("your appointment is booked", "the booking failed"): nothing is left to date.
_AT_ONCE = re.compile(
    r"\b(?:right (?:now|away|after)|now|shortly|straight away|in a (?:minute|moment|bit|few "
    r"minutes)|after (?:this|the|our) call|as soon as we (?:hang up|finish))\b|"
    r"\b(?:is|are|'s|has been|have been|'ve|was|were) (?:now )?(?:all )?(?:booked|scheduled|"
    r"set up|arranged|confirmed|completed|done|sent|added|registered|reserved|cancell?ed)\b|"
    r"\b(?:successfully|failed|booking)\b",
    re.IGNORECASE,
)


class NextStepsDetector:
    """Remembers a step the seller put forward and whether the client said yes to it."""

    def __init__(self) -> None:
        self._proposed = False
        self._agreed = False

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Flag the seller's short reply to a yes that names no day for the step."""
        raw = ctx.turn.text
        if ctx.role is Role.CLIENT:
            # Most client turns follow no offered step: their words are read only after one.
            if (
                self._proposed
                and ctx.words <= _AGREEMENT_WORDS
                and "?" not in raw  # a yes with a new request: the reply answers that
                and _AGREES.search(fold(raw)) is not None
            ):
                self._agreed = True
            elif ctx.words > 3:
                self._agreed = False
            self._proposed = False
            return []
        if ctx.role is not Role.SELLER:
            return []
        agreed, self._agreed = self._agreed, False
        lowered = raw.lower()
        # Two substring tests spare the pattern in most seller turns: a step is offered in a
        # question, or as "we'd love for you to..." or "let's set up...".
        self._proposed = bool(ctx.cues.get("proposes_a_next_step")) or (
            ("?" in raw or "love" in lowered or "let" in lowered)
            and _PROPOSES.search(fold(raw)) is not None
        )
        if self._proposed and names_a_time(raw):
            self._proposed = False  # the step came with its day
        if not agreed or self._proposed or "?" in raw or ctx.words > _CLOSE_WORDS:
            return []
        if names_a_time(raw) or _AT_ONCE.search(raw) is not None:
            return []
        return [Emission(SIGNAL, 0, len(raw), confidence=CONFIDENCE)]
