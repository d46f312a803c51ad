"""Lecturing: the seller tells the client what harm their conduct does, unasked.

"Smoking really is bad for you, it causes lung cancer, emphysema", "if you keep skipping
payments your credit will be ruined", "did you know the recommended limit is seven drinks a
week?": information, warnings and consequences delivered at someone who neither asked for
them nor was asked first what they know or want. Motivational interviewing calls it the
righting reflex, and trust-based selling the seller's agenda: the other person hears a
verdict on them and digs in. In AnnoMI's expert-rated counselling sessions, therapists give
unasked information or advice in about a third of their turns in poor sessions and under a
tenth in good ones.

The same facts are no lecture when the client asked ("is it that bad?"), when the seller
asked leave first ("would it be okay if I shared some information?") or asked what they know
("what have you heard about the risks?"), when the turn hands the facts over for their view
("...what do you make of that?"), or when the sentence gives back the client's own view ("you
said you're worried it could hurt your liver"). Words another trust-spending rule already
speaks for (a fear appeal, "you need to stop") are that finding, not a second one.
"""

from __future__ import annotations

import re

from trustworks.analysis.context import Emission, TurnContext
from trustworks.analysis.directives import asks_for_advice
from trustworks.analysis.engine import Engine
from trustworks.analysis.negation import is_denied
from trustworks.conversation import Role
from trustworks.sentences import SENTENCE

SIGNAL = "lectures_unasked"
# A client turn this short ("Mm-hmm.", "Yeah, okay.") leaves the floor where it was: what
# they asked, or what the seller had leave to say, still stands after it.
_BACKCHANNEL_WORDS = 3
# How many seller turns leave to inform (permission, or their knowledge asked about) lasts:
# the information may come in pieces between their back-channels.
_LEAVE_TURNS = 3

_HARM = (
    r"(?:(?:lung |liver |heart |kidney |brain |nerve |gum |tooth |oral |skin |breast |"
    r"throat |mouth |bowel )?(?:cancer|disease|damage|failure)s?|emphysema|cirrhosis|"
    r"heart attacks?|strokes?|blood pressure|hypertension|diabetes|overdos\w*|addict\w*|"
    r"dependen\w*|injur\w*|accidents?|crash\w*|death|die|dying|dead|kill\w*|harm\w*|damag\w*|"
    r"(?:health|medical|serious|major|big|real|long-term|legal|money|financial) "
    r"(?:problems?|issues?|consequences|risks?|trouble)|complications?|infections?|"
    r"blind\w*|amputat\w*|miscarriage|birth defects|paralysis|ruin\w*|destroy\w*|"
    r"arrest\w*|suspen\w*|expel\w*|jail|prison|fined|fines|citations?|penalt\w*|"
    r"risks?|danger\w*|worse|recession|cavities|decay|fractures?|osteoporosis|obesity|"
    r"weight gain|liver|lungs?|heart)"
)
_DEGREE = (
    r"(?:(?:really|very|so|extremely|seriously|actually|quite|incredibly|just|pretty|super|"
    r"definitely|also|awfully|terribly|truly|honestly|particularly|especially)\s+)*"
)
# What the seller tells them, whatever the subject: a verdict on a habit, a cause of harm, a
# harm that could come to them, a risk they are put at, a consequence if they keep on, a
# limit or definition, what something is full of, the cost of waiting.
_WARNS = re.compile(
    # "Smoking really is bad for you", "those are really bad for you", "not good for your liver".
    r"\b(?:is|are|'s|'re|was|were|be|can be|could be|gets?)\s+" + _DEGREE + r"(?:(?:bad|harmful|"
    r"dangerous|toxic|terrible|awful|unhealthy|addictive|deadly|poisonous|risky|"
    r"not (?:good|great|healthy|safe))\s+(?:for|to|on)\s+(?:you\b|your\b|the (?:body|heart|"
    r"liver|lungs|brain|teeth|kidneys|skin|baby|bones)\b|kids\b|children\b|babies\b|people\b|"
    r"anyone\b|everyone\b|health\b|somebody\b|someone\b))"
    # "It causes lung cancer", "could be contributing to your high blood pressure".
    r"|\b(?:(?:can|could|may|might|will|would|to|does|do|'ll|also|often|usually) cause|causes|"
    r"causing|lead(?:s|ing)? to|result(?:s|ing)? in|contribut(?:e|es|ing) to|"
    r"increas(?:e|es|ing) (?:your|the) (?:risk|chances?)|rais(?:e|es|ing) (?:your|the) "
    r"(?:risk|chances?)|(?:is|are) (?:linked|tied|associated) (?:to|with)|"
    r"creat(?:e|es|ing))\b[^.!?]{0,60}?\b" + _HARM + r"\b"
    # "It's going to ruin your life", "you're really damaging your mouth", "could get you
    # suspended", "could put your whole career in jeopardy".
    r"|\b(?:damag(?:e|es|ing)|destroy(?:s|ing)?|wreck(?:s|ing)?|ruin(?:s|ing)?) your\b"
    r"|\b(?:could|can|will|might|may|would|'ll|gonna|going to) get you (?:arrested|suspended|"
    r"expelled|fired|kicked out|killed|hurt|sick|in(?:to)? (?:\w+ )?trouble)\b"
    r"|\b(?:put(?:s|ting)?|plac(?:e|es|ing)) (?:you|your (?:\w+ ){0,2}\w+) (?:in jeopardy|in "
    r"danger|in harm's way)\b"
    # "You could get arrested", "you can lose your life", "you're likely to face citations".
    r"|\byou(?:'re| are)?\s+(?:could|can|might|may|will|'ll|are going to|'re going to|"
    r"'re gonna|are gonna|are likely to|'re likely to|risk|run the risk of|are at risk of|"
    r"'re at risk of)\s+(?:(?:actually|even|really|easily|possibly|very well|also|end up)\s+)*"
    r"(?:get (?:arrested|suspended|expelled|fired|kicked out|hurt|killed|sick|cancer|addicted|"
    r"a (?:DUI|DWI)|in(?:to)? (?:\w+ )?trouble)|lose (?:your|the|a) (?:\w+ )?(?:life|licen[cs]e|"
    r"job|house|home|kids|children|teeth|tooth|legs?|foot|feet|sight|scholarship|place|spot|"
    r"custody|eye|baby)|die|be (?:arrested|suspended|expelled|fired|kicked out|killed|hurt|"
    r"in (?:\w+ )?trouble)|end up (?:in (?:the )?(?:hospital|jail|prison|emergency room|"
    r"trouble)|dead|addicted)|(?:damage|ruin|wreck|destroy) (?:your|the)|hurt (?:yourself|"
    r"someone|somebody|your)|kill (?:yourself|someone|somebody)|(?:cause|have|get in(?:to)?) "
    r"(?:a |an )?(?:\w+ ){0,2}(?:accidents?|strokes?|heart attacks?|overdoses?|crash(?:es)?)|"
    r"face (?:\w+ ){0,3}(?:charges|citations|fines|penalties|jail|prison|consequences))\b"
    # "It puts you at risk", "you're in a high-risk group", "you're at a higher risk".
    r"|\b(?:put(?:s|ting)?|plac(?:e|es|ing)) (?:you|your \w+) (?:at|in) (?:a |an )?"
    r"(?:[\w-]+ ){0,2}risk\b"
    r"|\byou(?:'re| are|'d be| would be|'ll be| will be)\s+" + _DEGREE + r"(?:at|in) "
    r"(?:a |an )?(?:(?:a lot|much|far|way|lot) )?(?:higher|greater|increased|high|serious|real|"
    r"big|more)[- ]risk\b"
    r"|\bhigh[- ]risk (?:group|category|drinker|drinking|level|range)\b"
    # "If you keep partying like this, your problems will only get worse".
    r"|\bif you (?:keep(?: on)?|continue(?: to)?|carry on|go on|don'?t (?:stop|quit|cut|change|"
    r"take|pay|get)|do not (?:stop|quit|cut|change|take|pay|get)|stop taking|keep skipping|"
    r"miss|skip)\b[^.!?]{0,80}?\b(?:you|your \w+|it|that|things|they|this)(?:'ll| will| could|"
    r" might| are going to|'re going to|'s going to| is going to|'d| would| gonna)\b"
    r"[^.!?]{0,60}?\b(?:worse|lose|" + _HARM + r"|cost (?:you|more)|pay more)\b"
    # "The recommended limit for women is seven drinks", "more than what we would recommend",
    # "binge drinking is defined as...".
    r"|\b(?:the )?(?:recommended|safe|low[- ]risk|healthy) (?:\w+ )?(?:limits?|amounts?|"
    r"guidelines?|levels?|intake|dose|allowance)\b[^.!?]{0,40}?\b(?:is|are|say|says|for "
    r"(?:men|women|adults|a (?:man|woman)))\b"
    r"|\b(?:more|higher) than (?:what(?:'s| is| we| doctors| they)? |we |doctors |the "
    r"guidelines |is |are )?(?:would |actually |usually |normally )?recommend(?:ed)?\b"
    r"|\b(?:binge drinking|heavy drinking|a standard drink|high[- ]risk drinking|"
    r"risky drinking) (?:is|means|counts as)\b"
    # "Those energy drinks are full of sugar and caffeine".
    r"|\b(?:is|are|'s|'re|has|have|contains?)\s+" + _DEGREE + r"(?:full of|loaded with|"
    r"packed with|high in|(?:a (?:huge |large |ton of |lot of )?)(?:amount of )?)\s*(?:added )?"
    r"(?:sugar|caffeine|salt|sodium|fat|calories|chemicals|toxins|carcinogens|nicotine|tar)\b"
    # "Every year you wait costs you more", "the longer you wait, the worse it gets".
    r"|\bevery (?:day|week|month|year|minute) (?:that )?you (?:wait|delay|put (?:it|this) off|"
    r"hold off)\b[^.!?]{0,30}?\b(?:costs?|lose|losing|pay|paying)\b"
    r"|\bthe longer you (?:wait|leave it|put (?:it|this) off|delay)\b,? the (?:more|worse|higher|"
    r"harder)\b"
    # "There are so many consequences with drinking", "the side effects include...".
    r"|\b(?:so many|a lot of|lots of|all (?:the|sorts of|kinds of)|serious|terrible|negative|"
    r"harmful) (?:health )?(?:consequences|dangers|risks|things that (?:can|could) "
    r"happen)\b"
    r"|\b(?:the|other) (?:dangers|risks|consequences) of (?:drinking|smoking|vaping|"
    r"drugs|alcohol|\w+ing)\b"
    r"|\b(?:the|some (?:of the )?|common|possible|serious|severe) (?:common |possible |serious |"
    r"severe |main )?side[- ]effects (?:include|are|can include)\b",
    re.IGNORECASE,
)
# A quiz that is a warning: "did you know that?", "do you realise what it does to you?"
_QUIZ = re.compile(
    r"\b(?:did you know|do you (?:know|realize|realise|understand|appreciate) (?:that|how)|"
    r"don'?t you (?:know|realize|realise|understand)|are you aware that)\b",
    re.IGNORECASE,
)
_HARM_WORD = re.compile(r"\b" + _HARM + r"\b", re.IGNORECASE)
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
# Leave asked to inform, or what they know asked about first (elicit before you provide).
_ASKS_LEAVE = re.compile(
    r"\b(?:(?:would|will|is|would it be|is it) (?:it |that |you be )?(?:ok(?:ay)?|alright|"
    r"all right|fine|helpful|useful)(?: with you)?(?: for me)?(?: if i| to)|"
    r"(?:may|can|could|might) i (?:share|offer|tell|give|explain|mention|suggest|talk|go over)|"
    r"(?:do|would) you mind if i|would you like (?:to (?:hear|know|learn)|me to|some|more)|"
    r"(?:are you|would you be) (?:open|interested) (?:to|in)|"
    r"do you want (?:to (?:hear|know)|me to)|"
    r"would it help if i)\b|"
    r"\bwhat (?:do|did) you (?:already )?(?:know|understand|think you know)\b|"
    r"\bwhat have you (?:heard|read|been told|learned|learnt)\b|"
    r"\bhow much do you know\b|\bwhat(?:'s| is) your understanding\b|"
    r"\bare you (?:familiar|aware of)\b|\bhave you (?:heard|read) (?:about|of|anything)\b",
    re.IGNORECASE,
)
# The seller says what they are about to ask: "I'd like to ask about habits that can raise
# blood pressure" is a question on its way, not a warning.
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
_DECLINES = re.compile(
    r"^\W*(?:no\b|nah\b|not really|i'?d rather not|i don'?t (?:want|need)|please don'?t|"
    r"not (?:now|today|right now))",
    re.IGNORECASE,
)
# The client asks for it: a question, or words that ask to be told.
_ASKS = re.compile(
    r"\?|\b(?:tell me|i (?:was )?(?:just )?wonder(?:ing)?|i(?:'d| would) like to know|"
    r"i want(?:ed)? to know|explain|what about|i have a question|i had a question|"
    r"i (?:just )?had a question|is it (?:bad|dangerous|safe|okay|ok)|how bad)\b",
    re.IGNORECASE,
)


class LecturingDetector:
    """Flags a seller turn that delivers an unasked warning, at most once a turn."""

    def __init__(self, engine: Engine | None = None) -> None:
        # The analyzer's compiled catalogue, to see which words another trust-spending rule
        # already speaks for (its hits on this turn are remembered: no second match).
        self._engine = engine
        self._asked = False  # the client's last words that said anything asked for it
        self._leave = 0  # seller turns left in which the seller may inform

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Judge a seller turn; a client turn is kept to tell whether it was asked for."""
        text = ctx.turn.text
        if ctx.role is Role.CLIENT:
            if _DECLINES.search(text):
                self._leave = 0
            # A question to themselves mid-turn ("how do I put this?") asks nothing of the
            # seller: only how their turn ends is read.
            end = _last_sentences(text)
            asks = _ASKS.search(end) is not None or asks_for_advice(end)
            if ctx.words > _BACKCHANNEL_WORDS or asks:
                self._asked = asks
            return []
        if ctx.role is not Role.SELLER:
            return []
        found = [] if self._asked or self._leave else self._lecture(text)
        self._leave = max(0, self._leave - 1)
        if _ASKS_LEAVE.search(text):
            self._leave = _LEAVE_TURNS
        return found

    def _lecture(self, text: str) -> list[Emission]:
        if _HANDS_BACK.search(text):
            return []
        for sentence in SENTENCE.finditer(text):
            said = sentence.group()
            warning = _WARNS.search(said)
            if warning is None:
                # A quiz warns when harm is named in it or just before it ("Those are bad for
                # you. Did you know that?").
                quiz = _QUIZ.search(said)
                if quiz is None or not _HARM_WORD.search(
                    text, max(0, sentence.start() - 200), sentence.end()
                ):
                    continue
                warning = quiz
            before = said[: warning.start()]
            if (
                _ASKS_LEAVE.search(said)
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
            start = sentence.start()
            if is_denied(text, start + warning.start()):
                continue
            if self._spoken_for(text, start, sentence.end()):
                return []
            return [Emission(SIGNAL, start, sentence.end())]
        return []

    def _spoken_for(self, text: str, start: int, end: int) -> bool:
        """Whether another trust-spending rule's hit lies in these words."""
        if self._engine is None:
            return False
        spending = self._engine.spending
        return any(
            h.rule in spending and h.start < end and start < h.end for h in self._engine.hits(text)
        )


def _last_sentences(text: str) -> str:
    """Where a question to the seller stands: the turn's last sentence, and the one before it
    when it speaks to them ("Is that bad for me, do you think? I only smoke at parties.")."""
    spans = [m.span() for m in SENTENCE.finditer(text)]
    if len(spans) < 2:
        return text
    before = text[spans[-2][0] : spans[-2][1]]
    return text[spans[-2][0] :] if _TO_THEM.search(before) else text[spans[-1][0] :]
