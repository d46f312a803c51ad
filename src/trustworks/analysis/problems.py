"""A problem passed over: the client tells what goes wrong for them, and the seller notes it and
moves to the next item on their own list.

"It's been great for real-time editing, but larger documents can lag or freeze." answered with
"Performance optimization for large documents, noted. Any other suggestions?" is the checklist
running past the one thing the client brought. The problem was written down as a feature
request; nothing was asked about it: how often it happens, what it costs them, what they do
meanwhile. A coach flags it as listening spent, however polite the note. Discovery calls,
account reviews and service calls turn on it: the problem a client volunteers is the opening
to understand them, and "noted, what about exporting?" closes it.

Only the seller's next turn is judged, and only when it ends on a question that turns to another
topic ("any other feedback?", "what about exporting?", "how does this compare to X?", "and for
timesheet entries?", a bare "Ticket escalation?") with no question about the problem in it.
Asking about it ("how often does it stall?", "what happens when it freezes?", "tell me more")
takes it up; asking for the details to fix it ("what's your account number?") is no new topic.
"""

from __future__ import annotations

import re

from trustworks.analysis.context import Emission, TurnContext
from trustworks.conversation import Role
from trustworks.sentences import sentence_span
from trustworks.signals.matcher import CaseFree, fold

SIGNAL = "passes_over_their_problem"
# Read on the calls it was written from (a sales set of account check-ins, docs/accuracy.md)
# and on the read sets' service and clinic visits; a reading that takes a problem up in words
# no rule reads ("that's concerning" and a promise) is passed over here too, so its findings
# weigh as a detector's doubt, not a rule's certainty.
CONFIDENCE = 0.75
# Something going wrong for them: errors, delays, manual work, a limit, a thing that lags,
# freezes, stalls, gets missed or is hard to do.
_PROBLEM = CaseFree(
    re.compile(
        # "No problems at all", "we haven't had any issues", "without trouble" tell of none.
        r"(?<!\bno )(?<!\bany )(?<!\bwithout )(?<!\bzero )(?<!\bnot a )(?<!\bnot many )"
        r"\b(?:issues?|problems?|trouble|difficult(?:y|ies)?|struggl\w*|frustrat\w*|"
        r"errors?|bugs?|glitch(?:es|y)?|crash(?:es|ed|ing)?|freez(?:e|es|ing)|lag(?:s|gy|ging)?|"
        r"stall(?:s|ed|ing)?|delay(?:s|ed)?|inaccura\w+|inconsisten\w+|duplicat\w+|"
        r"cumbersome|clunky|confusing|buried|manual(?:ly)?|by hand|workarounds?|"
        r"(?:hard|difficult|tricky|painful) to|takes? (?:significantly |much |a lot |way )?"
        r"(?:longer|too long|forever|ages|time)|steeper|"
        r"(?:not|isn'?t|aren'?t|doesn'?t|don'?t|never) (?:always |very |quite )?"
        r"(?:accurate|consistent|reliable|flexible|work|sync|load|save|fit|align|match|"
        r"account for)|"
        r"(?:get|gets|got|are|is) (?:sometimes |often )?(?:missed|lost|dropped|stuck)|"
        r"lacks?|limited|slow(?:er|s)?)\b",
        re.IGNORECASE,
    )
)
# A question that turns to another topic of the seller's list.
_NEXT_TOPIC = CaseFree(
    re.compile(
        r"\b(?:any ?(?:thing|one)? (?:else|other)|any (?:other|more) (?:\w+ )?(?:feedback|"
        r"suggestions?|challenges?|issues?|features?|thoughts|areas?|questions?)|"
        # "How about I take two?" is the next offer in a bargain, not another topic.
        r"(?:what|how) about(?! (?:if|i|you|we|me|us|\d|one|two|three|all|the rest|half|that|"
        r"it|this|those|them)\b)|"
        r"and (?:for|what about|how about)|regarding|as for|moving on|"
        r"how do you feel about|how (?:does|do) (?:this|it|that|they) compare|"
        r"how(?:'s| is| are) (?:the|your|our) [\w -]{1,40}?(?:going|working|coming along)|"
        r"(?:have|had) you (?:considered|tried|used|looked at) (?:any )?other)\b",
        re.IGNORECASE,
    )
)
# A bare topic asked about: "Ticket escalation?", "Exporting?" (not "Why?", "Sorry?",
# "Right?", "Sounds fair?").
_BARE_TOPIC = re.compile(
    r"^\W*(?:and\s+)?(?!(?:why|what|how|who|when|where|which|is|are|was|were|do|does|did|can|"
    r"could|would|will|should|sorry|right|really|sounds?|so|that|it|this|you|yes|no|ok|okay|"
    r"huh|pardon|kind|sort|deal|fair)\b)[A-Za-z][\w-]*(?:\s+[\w-]+){0,2}\s*\?\s*$",
    re.IGNORECASE,
)
# The seller noting the problem as an item for their list: "noted", "got it", "makes sense",
# "understood", "I understand", "that's concerning", "great point", "something we'll look
# into", "is definitely needed". Without such a note, a question after a symptom is a visit's
# history going on ("any other symptoms?"), which the feelings detector judges.
_NOTES_IT = CaseFree(
    re.compile(
        r"\b(?:noted|got it|understood|makes (?:total |perfect )?sense|i (?:completely |totally "
        r")?(?:understand|see)|thanks? (?:you )?for (?:sharing|that|the feedback|letting me know|"
        r"flagging)|that'?s (?:concerning|good to know|helpful|useful|(?:a )?(?:great|good|fair|"
        r"valid) (?:point|suggestion|idea|feedback))|(?:great|good|fair|valid) (?:point|"
        r"suggestion|idea|feedback)|(?:something|one) (?:we(?:'ll| will| can| could)?|i(?:'ll| "
        r"will)?) (?:look into|work on|consider)|we(?:'ll| will) (?:look into|work on|consider)|"
        r"(?:i|we)(?:'ll| will) (?:pass|forward|share) (?:that|it|this)|(?:is|are) (?:definitely |"
        r"certainly |clearly )?(?:needed|key|important|a priority)|(?:will|'ll) keep (?:that|it) "
        r"in mind)\b",
        re.IGNORECASE,
    )
)
# Asking about the problem itself takes it up.
_EXPLORES = CaseFree(
    re.compile(
        r"\b(?:how often|how much (?:time|of)|how long|how many|what happens|when (?:does|did) "
        r"(?:it|that|this)|what (?:impact|effect|does that mean|kind of)|which (?:ones?|part)|"
        r"can you (?:tell|walk|show|give) me|tell me more|could you (?:tell|walk|show|give)|"
        r"say more|more about|an example|what do you do (?:when|then|now)|how (?:are|is) (?:you|"
        r"your team) (?:handling|dealing|managing|working around)|how (?:does|has) (?:that|this|"
        r"it) (?:affect|impact|hit))\b",
        re.IGNORECASE,
    )
)


def _last_question(text: str) -> tuple[int, int] | None:
    """The span of the sentence the turn's last question mark ends, if the turn ends on one."""
    mark = text.rstrip().rfind("?")
    if mark < 0 or text[mark + 1 :].strip().strip("\"'"):
        return None
    return sentence_span(text, mark)


class ProblemsDetector:
    """Remembers the client's last turn; judges the seller's reply when it told of a problem."""

    def __init__(self) -> None:
        # The client's last turn, read for a problem only when a reply might pass over one:
        # most seller turns end on no new topic, and most client turns tell of none.
        self._heard: str | None = None

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Flag the seller's question that turns to another topic after a problem of theirs."""
        if ctx.role is Role.CLIENT:
            self._heard = ctx.turn.text
            return []
        if ctx.role is not Role.SELLER or self._heard is None:
            return []
        heard, self._heard = self._heard, None
        text = fold(ctx.turn.text)
        span = _last_question(text)
        if span is None:
            return []
        start, end = span
        asked = text[start:end]
        if _NEXT_TOPIC.search(asked) is None and _BARE_TOPIC.match(asked) is None:
            return []
        if _NOTES_IT.search(text, 0, start) is None or _EXPLORES.search(text) is not None:
            return []
        if "?" in heard or _PROBLEM.search(heard) is None:
            return []
        return [Emission(SIGNAL, start, end, heard, CONFIDENCE)]
