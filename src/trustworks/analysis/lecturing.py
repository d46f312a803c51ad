"""Lecturing: the seller tells the client what harm their conduct does, unasked.

"Smoking really is bad for you, it causes lung cancer, emphysema", "if you keep skipping
payments your credit will be ruined", "did you know the recommended limit is seven drinks a
week?": information, warnings and consequences delivered at someone who neither asked for
them nor was asked first what they know or want. Motivational interviewing calls it the
righting reflex, and trust-based selling the seller's agenda: the other person hears a
verdict on them and digs in. In AnnoMI's expert-rated counselling sessions, therapists give
information or advice in about a third of their turns in poor sessions and under a tenth in
good ones; this detector finds 1.3 unasked warnings a session in the poor ones and 0.06 in
the good ones (2026-12-06: 30 and 7 findings, 35 of 37 right by reading).

The words of a warning are a cue (``warning`` in cues.toml: a verdict on a habit, a cause
of harm, a harm that could come to them, a risk they run, a consequence if they keep on, a
limit or a definition, the cost of waiting, side effects listed, a quiz); whether it was
asked for is read here, from the turns before.

The same facts are no lecture when the client asked ("is it that bad?"), when the seller
asked leave first ("would it be okay if I shared some information?") or asked what they know
("what have you heard about the risks?"), when the turn hands the facts over for their view
("...what do you make of that?"), or when the sentence gives back the client's own view ("you
said you're worried it could hurt your liver"). Words another trust-spending rule already
speaks for (a fear appeal, "you need to stop") are that finding, not a second one.
"""

from __future__ import annotations

import re
from collections import deque
from functools import lru_cache

from trustworks.analysis.context import Emission, TurnContext
from trustworks.analysis.directives import asks_for_advice
from trustworks.analysis.engine import Engine
from trustworks.conversation import Role
from trustworks.sentences import SENTENCE, sentence_span
from trustworks.signals.loader import Catalogue, default_catalogue, expand_fragments
from trustworks.signals.matcher import CaseFree, Match

SIGNAL = "lectures_unasked"
# The words of a warning, whoever asked for it (cues.toml): judged here against the turns
# before it.
CUE = "warning"
# How far before a quiz ("did you know that?") the harm it asks about may be named.
_QUIZ_REACH = 200
# A client turn this short ("Mm-hmm.", "Yeah, okay.") leaves the floor where it was: what
# they asked, or what the seller had leave to say, still stands after it.
_BACKCHANNEL_WORDS = 3
# How many seller turns leave to inform (permission, or their knowledge asked about) lasts:
# the information may come in pieces between their back-channels.
_LEAVE_TURNS = 3

# A quiz that is a warning: "did you know that?", "do you realise what it does to you?"
_QUIZ = re.compile(
    r"\b(?:did you know|do you (?:know|realize|realise|understand|appreciate) (?:that|how)|"
    r"don'?t you (?:know|realize|realise|understand)|are you aware that)\b",
    re.IGNORECASE,
)
# ...and what a quiz may be about ("did you know one of those has more caffeine than three
# coffees?"): a harm, in the catalogue's own words (its `harm` fragment, which the cue's
# patterns use too), or what a drink or a debt holds.
HARM_FRAGMENT = "harm"
_HARM_WORD = (
    r"\b(?:<<" + HARM_FRAGMENT + r">>|sugar|caffeine|salt|sodium|calories|nicotine|alcohol|"
    r"chemicals|carcinogens|toxins|interest|fees)\b"
)
# The sentence gives back their view or someone else's words, not the seller's warning:
# "you said it could hurt your liver", "your doctor told you you're at risk of a stroke".
_THEIR_VIEW = re.compile(
    r"\b(?:you(?: also| really| kind of| sort of| already| just)?(?:'ve| have)? (?:said|say|"
    r"saying|mentioned|told me|think|thought|feel|felt|believe|(?:already )?knew|"
    r"(?:already )?know (?:that|how|it)|realised|realized|"
    r"noticed|worry|worried|fear|feared|heard|read|seem|sound|were surprised|understand|"
    r"brought up|raised|talked about|were (?:saying|talking about)|want|wanted|'d like|"
    r"would like|hope|hoped|decided)|"
    r"(?:surprising|scary|frightening|worrying|hard|news|shocking|a shock) (?:to|for) you|"
    r"you(?:'re| are) (?:\w+ )?(?:worried|concerned|afraid|scared|aware|saying|thinking|"
    r"wondering|noticing)|(?:your|the|his|her) (?:doctor|gp|nurse|dentist|physician|specialist|"
    r"mom|mum|dad|wife|husband|partner|friends?|parents?|boss)(?: \w+)? (?:told|said|says|"
    r"thinks|mentioned|warned|talked to you)|on the (?:one|other) hand|"
    r"(?:we|i)(?:'re| am| are) (?:noticing|seeing)|(?:your|the) (?:results?|tests?|exam|x-rays?|"
    r"scans?|chart|labs?|bloods?|numbers) (?:show|shows|showed|says?)|sounds? like|it seems|"
    r"as you (?:said|know|mentioned|put it)|(?:what|something) i(?:'m| am) hearing|part of you|"
    r"(?:some|other|many|a lot of) (?:people|folks|patients|clients)(?: i(?:'ve| have)? "
    r"worked with)? (?:say|tell me|find|have told me|worry))\b",
    re.IGNORECASE,
)
# An open question that hands the facts to them: "what do you make of that?", "how does that
# fit for you?", "I was wondering if you'd thought about the connection".
_HANDS_BACK = re.compile(
    r"\bwhat (?:do|would|did) you (?:\w+ ){0,2}?(?:make of|think|reckon|feel)\b|"
    r"\bhow (?:does|do|did|would) (?:that|this|those|these|it|all (?:of )?(?:that|this)) "
    r"(?:sound|fit|seem|feel|land|sit|compare|match)\b|"
    r"\bhow do you (?:feel|see) (?:about )?(?:that|this|it|those|these)\b|"
    r"\bwhat(?:'s| is| are) your (?:thoughts?|take|reaction|view|sense)\b|"
    r"\b(?:any|your) thoughts\b|\bwhere does (?:that|this) leave you\b|"
    r"\bwhat (?:would|do) you (?:like|want) to do\b|"
    r"\b(?:i'?m |i was |just )?wonder(?:ing)? (?:if|whether|what|how) you\b|"
    r"\bdoes (?:that|this|any of (?:that|this)) (?:fit|match|ring true|make sense to you|"
    r"sound like you)\b",
    re.IGNORECASE,
)
# Leave asked to inform ("would it be okay if I shared...?")...
_ASKS_LEAVE = CaseFree(
    re.compile(
        # As a question ("would it be okay if I...?", "is it fine to share...?"), not a statement
        # ("a beer is fine to have now and then").
        r"(?:(?:^|[.!?,])\s*(?:(?:so|and|well|now|um|uh),? )*(?:would|will|is|would it be|is it) "
        r"(?:it |that |you be )?(?:ok(?:ay)?|alright|"
        r"all right|fine|helpful|useful)(?: with you)?(?: for me)?(?: if i| to)|"
        r"\b(?:may|can|could|might) i (?:share|offer|tell|give|explain|mention|suggest|talk|"
        r"go over)|"
        r"\b(?:do|would) you mind if i|\bwould you like (?:to (?:hear|know|learn)|me to|some|more)|"
        r"\b(?:are you|would you be) (?:open|interested) (?:to|in)|"
        r"\bdo you want (?:to (?:hear|know)|me to)|"
        r"\bwould it help if i)\b",
        re.IGNORECASE,
    )
)
# ...or what they know asked about first (elicit before you provide).
_ASKS_WHAT_THEY_KNOW = re.compile(
    r"\bwhat (?:do|did) you (?:already )?(?:know|understand|think you know)\b|"
    r"\bwhat have you (?:heard|read|been told|learned|learnt)\b|"
    r"\bhow much do you know\b|\bwhat(?:'s| is) your understanding\b|"
    r"\bare you (?:familiar|aware of)\b|\bhave you (?:heard|read) (?:about|of|anything)\b",
    re.IGNORECASE,
)
# What their condition or treatment can bring ("since you've had one melanoma, you're at a
# higher risk", "one of the medications that can cause liver toxicity") explains; it judges no
# choice of theirs.
_EXPLAINS = re.compile(
    r"\b(?:since|because|as) you(?:'ve| have)? (?:had|have|got)\b|\bis because you\b|"
    r"\bone of the (?:medications|medicines|drugs|side effects)\b|"
    r"\b(?:medications?|medicines?|drugs?|treatments?|surgery|procedures?|injections?|"
    r"condition|infection|diagnosis)(?: \w+)? (?:that|which) (?:can|could|may|might)\b",
    re.IGNORECASE,
)
# A story about someone else ("he was offered an injection, which causes his heart to race").
_SOMEONE_ELSE = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
# The seller says what they are about to ask: "I'd like to ask about habits that can raise
# blood pressure" is a question on its way, not a warning.
_ANNOUNCES = re.compile(
    r"\b(?:like|want|going|need|wanted|have) to (?:ask|talk|chat|hear|check|go over)\b",
    re.IGNORECASE,
)
_ASKS_THEM = re.compile(
    r"^\W*(?:(?:so|and|but|well|okay|ok|now|um|uh|mm-?hmm|alright),?\s+)*(?:are|is|do|does|"
    r"did|can|could|would|will|have|has|were|was|what|how|why)\b",
    re.IGNORECASE,
)
_TO_THEM = re.compile(r"\byou\b", re.IGNORECASE)
_DECLINES = CaseFree(
    re.compile(
        r"^\W*(?:no\b|nah\b|not really|i'?d rather not|i don'?t (?:want|need)|please don'?t|"
        r"not (?:now|today|right now))",
        re.IGNORECASE,
    )
)
# The client asks for it: a question, or words that ask to be told.
_ASKS = re.compile(
    # ("Don't tell me to quit" and "I can't explain it" ask for nothing.)
    r"\?|(?<!\bdon't )(?<!\bdo not )(?<!\bdont )(?<!\bcan't )(?<!\bcannot )\b(?:tell me|"
    r"explain)\b(?! to\b)|\b(?:i (?:was )?(?:just )?wonder(?:ing)?|i(?:'d| would) like to know|"
    r"i want(?:ed)? to know|what about|i have a question|i had a question|"
    r"i (?:just )?had a question|is it (?:bad|dangerous|safe|okay|ok)|how bad)\b",
    re.IGNORECASE,
)


class LecturingDetector:
    """Flags a seller turn that delivers an unasked warning, at most once a turn."""

    def __init__(self, engine: Engine | None = None) -> None:
        # The analyzer's compiled catalogue, to see which words another trust-spending rule
        # already speaks for (its hits on this turn are remembered: no second match).
        self._engine = engine
        self._harm_word = harm_word(engine.catalogue if engine is not None else None)
        # The client's last words that said anything, and the seller's last turns since they
        # last refused to hear more: read only when a warning comes (most turns have none).
        self._heard = ""
        self._said: deque[str] = deque(maxlen=_LEAVE_TURNS)

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Judge a seller turn; a client turn is kept to tell whether it was asked for."""
        text = ctx.turn.text
        if ctx.role is Role.CLIENT:
            # A no to the leave just asked takes it back; a no to what they know ("Have you
            # heard of the guidelines?" - "No.") is an answer, and the leave stands.
            if self._said and _DECLINES.search(text) and _ASKS_LEAVE.search(self._said[-1]):
                self._said.clear()
            if ctx.words > _BACKCHANNEL_WORDS or "?" in text:
                self._heard = text
            return []
        if ctx.role is not Role.SELLER:
            return []
        warnings = ctx.cues.get(CUE)
        found = (
            self._lecture(text, warnings)
            if warnings and not self._asked() and not self._has_leave()
            else []
        )
        self._said.append(text)
        return found

    def _asked(self) -> bool:
        """Whether the client's last words asked for it; a question to themselves mid-turn
        ("how do I put this?") asks nothing of the seller: only how their turn ends is read."""
        end = _last_sentences(self._heard)
        return _ASKS.search(end) is not None or asks_for_advice(end)

    def _has_leave(self) -> bool:
        """Whether one of the seller's last turns asked leave, or what they know, unrefused."""
        return any(
            _ASKS_LEAVE.search(said) or _ASKS_WHAT_THEY_KNOW.search(said) for said in self._said
        )

    def _lecture(self, text: str, warnings: list[Match]) -> list[Emission]:
        if _HANDS_BACK.search(text):
            return []
        judged: set[int] = set()
        for warning in sorted(warnings, key=lambda w: w.start):
            left, right = sentence_span(text, warning.start)
            if left in judged:
                continue
            judged.add(left)
            said, at = text[left:right], warning.start - left
            quiz = _QUIZ.match(text, warning.start) is not None
            # A quiz warns when harm is named in it or just before it ("Those are bad for
            # you. Did you know that?").
            if quiz and not self._harm_word.search(text, max(0, left - _QUIZ_REACH), right):
                continue
            before = said[:at]
            if (
                _ASKS_LEAVE.search(said)
                or _ASKS_WHAT_THEY_KNOW.search(said)
                or _EXPLAINS.search(said)
                or _SOMEONE_ELSE.search(before)
                or _THEIR_VIEW.search(before)
                or _ANNOUNCES.search(before)
            ):
                continue
            # A question that is not a quiz asks ("are we talking about the guidelines, or
            # a mug of margaritas?"); a tag ("it puts you at risk, okay?") does not.
            if _ASKS_THEM.match(said) and said.rstrip().endswith("?") and not _QUIZ.search(said):
                continue
            if self._spoken_for(text, left, right):
                continue
            return [Emission(SIGNAL, left, right)]
        return []

    def _spoken_for(self, text: str, start: int, end: int) -> bool:
        """Whether another trust-spending rule's hit lies in these words."""
        if self._engine is None:
            return False
        spending = self._engine.spending
        return any(
            h.rule in spending and h.start < end and start < h.end for h in self._engine.hits(text)
        )


def harm_word(catalogue: Catalogue | None = None) -> re.Pattern[str]:
    """What a quiz may be about, with the harms of ``catalogue`` (default: the packaged one;
    a catalogue without a `harm` fragment reads with the packaged one's)."""
    harm = dict(catalogue.fragments if catalogue is not None else ()).get(HARM_FRAGMENT)
    return _compiled(harm or dict(default_catalogue().fragments)[HARM_FRAGMENT])


@lru_cache(maxsize=8)
def _compiled(harm: str) -> re.Pattern[str]:
    return re.compile(expand_fragments(_HARM_WORD, {HARM_FRAGMENT: harm})[0], re.IGNORECASE)


def _last_sentences(text: str) -> str:
    """Where a question to the seller stands: the turn's last sentence, and the one before it
    when it speaks to them ("Is that bad for me, do you think? I only smoke at parties.")."""
    spans = [m.span() for m in SENTENCE.finditer(text)]
    if len(spans) < 2:
        return text
    before = text[spans[-2][0] : spans[-2][1]]
    return text[spans[-2][0] :] if _TO_THEM.search(before) else text[spans[-1][0] :]
