"""An assurance of fit given blind: "it integrates seamlessly with your current setup" before
the seller has asked what the setup is.

Whether a product fits the client's tools, systems or workflows depends on what those are. A
seller who vouches for the fit without having asked ("Absolutely, it'll fit right into your
existing workflows") promises what they cannot know; a careful client hears a reflex, and
weighs every later claim by it. Asked first ("which tools are you on today?"), the same words
are an answer. "It should work with your setup" is a guess, which `bluffs_an_answer` reads.
"""

from __future__ import annotations

import re

from trustworks.analysis.context import Emission, TurnContext
from trustworks.conversation import Role
from trustworks.sentences import sentence_span
from trustworks.signals.matcher import CaseFree, fold

SIGNAL = "vouches_for_fit_unasked"
# Read on the sales calls it was written from (docs/accuracy.md, "A fourth sales set"): the
# words are plain, but whether the seller knew the setup from elsewhere (an earlier call, the
# client's own words) is not always in the transcript.
CONFIDENCE = 0.8
_THEIRS = (
    r"(?:your|all your|all of your|most of your|any of your|whatever) (?:current |existing |"
    r"present )?(?:[\w/-]+ )?(?:setup|set-up|systems?|tools?|stack|tech stack|pipelines?|"
    r"workflows?|processes|infrastructure|environments?|software|platforms?)"
)
_VOUCHES = CaseFree(
    re.compile(
        r"(?<!should )(?<!might )(?<!may )(?<!could )"
        r"\b(?:integrates?|integrating|works?|fits?|plugs?|plays?|syncs?|connects?|"
        # "It should work with your setup" guesses: `bluffs_an_answer` reads it.
        r"(?:will|would|'ll|can) (?:\w+ )?(?:integrate|work|fit|plug|play|sync|connect))"
        r"(?: (?:right|straight))? (?:(?:really|pretty|very|super|totally|just) )?"
        rf"(?:seamlessly|smoothly|perfectly|easily|well|nicely|fine) (?:with|into) {_THEIRS}\b|"
        r"(?<!should )(?<!might )(?<!may )(?<!could )"
        r"\b(?:integrates?|works?|fits?|will (?:integrate|work|fit)|"
        r"'ll (?:integrate|work|fit))(?: (?:right|straight))? (?:with|into|in with) "
        rf"{_THEIRS}\b|"
        # "It works smoothly", not "that works perfectly!" (a time or a split accepted).
        r"\bit(?:'ll| will)? (?:integrates?|works?|fits?) (?:in )?"
        r"(?:really |pretty |super |totally )?(?:seamlessly|smoothly|perfectly)\b",
        re.IGNORECASE,
    )
)
# The seller asking what their setup is: "which tools do you use?", "what's your current
# stack?", "what CI/CD are you running?".
_ASKS_THE_SETUP = CaseFree(
    re.compile(
        r"\b(?:what|which)(?: kind of| sort of)? (?:tools?|systems?|stack|setup|platforms?|"
        r"software|ci/?cd|pipelines?|environment|integrations?)\b[^?]*\?|"
        r"\byour (?:current |existing )?(?:setup|set-up|stack|tech stack|systems?|tools?|"
        r"pipelines?|workflows?|environment)\b[^.!?]*\?",
        re.IGNORECASE,
    )
)


# "to see how it works with your setup", "if it fits your workflow", "whether it integrates with
# your stack": the fit is asked about or to be tried, not vouched for ("the best part is how
# it fits into your workflows" vouches).
_ONLY_ASKED = re.compile(
    r"(?:\b(?:see|check|test|find out|figure out|learn|know|wonder(?:ing)?|show you|tell you) "
    r"how(?: well)?|\b(?:if|whether)) "
    r"(?:it|this|that|they|the [\w-]+)(?:'ll|'d| will| would| can| could| really| actually)? ?$",
    re.IGNORECASE,
)

_MAY_VOUCH = re.compile(r"your|whatever|seamless|smooth|perfect")
_FIT_WORD = re.compile(r"integrat|fit|plug|sync|connect|work|play")


class AssurancesDetector:
    """Remembers whether the seller has asked about the client's setup; flags fit vouched for
    before."""

    def __init__(self) -> None:
        self._asked = False

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Flag the seller's first assurance of fit made before asking about the setup."""
        if ctx.role is not Role.SELLER or self._asked:
            return []
        text = fold(ctx.turn.text)
        # Most turns name neither their setup nor a smooth fit: two substring tests spare the
        # patterns (each some microseconds a turn).
        lowered = text.lower()
        vouched = (
            next(
                (
                    v
                    for v in _VOUCHES.finditer(text)
                    if not _ONLY_ASKED.search(text, max(0, v.start() - 40), v.start())
                ),
                None,
            )
            if _FIT_WORD.search(lowered) and _MAY_VOUCH.search(lowered)
            else None
        )
        asked = _ASKS_THE_SETUP.search(text) if "?" in text else None
        if asked is not None and (vouched is None or asked.start() < vouched.start()):
            self._asked = True
            return []
        if vouched is None:
            return []
        start, end = sentence_span(text, vouched.start())
        return [Emission(SIGNAL, start, end, confidence=CONFIDENCE)]
