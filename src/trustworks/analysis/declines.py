"""Taking no for an answer: what the seller does right after the client declines.

A "no" reached with clarity is a good outcome; pressing on after it spends trust. When the
client hesitates or turns the offer down, the seller's next real reply either accepts it
("That's fine, I respect that") or pushes past it (a "but", the pitch again, a smaller ask,
"are you sure?"). Either way the seller's reply is the finding.
"""

from __future__ import annotations

import re

from trustworks.analysis.context import Emission, TurnContext, sentence_at
from trustworks.analysis.listening import gives_their_words_back
from trustworks.conversation import Role
from trustworks.sentences import sentence_span
from trustworks.signals.matcher import CaseFree, fold

PUSHES = "pushes_past_a_no"
RESPECTS = "respects_their_no"
# Parting words ("no hard feelings", "the door's always open") are taking a no well only
# after a no: said after a thank-you or a deal, they part from nothing.
PARTS_WELL = "parts_well_after_a_no"
_BACKCHANNEL_WORDS = 3
_SUMMARY_SENTENCES = 4  # a summary, not a reflection and a "but"
# Seller cues that put the offer back on the table.
_PUSH_CUES = ("pitch", "asks_to_commit", "proposes_terms", "price_figure", "cause_description")
_ACCEPTS = re.compile(
    # A bare "okay" or "sure" starts all kinds of replies; acceptance says more than that.
    r"^\W*(?:(?:oh|well|ah|yeah|yes|ok(?:ay)?|sure|alright)[,.!]?\s+)*(?:no problem|no worries|"
    r"that'?s (?:(?:completely|totally|perfectly|absolutely) )?(?:fine|ok(?:ay)?|fair|alright|"
    r"understandable|no problem)|fair enough|(?:i )?(?:completely |totally |fully )?"
    r"(?:understand|respect that|get (?:it|that))|of course|absolutely|no pressure|"
    r"there'?s no (?:rush|hurry|pressure)|no rush|take (?:your|all the) time|"
    r"you don'?t (?:have|need) to decide|"
    r"thanks? (?:you )?for (?:being (?:honest|straight|clear|upfront)|letting me know|"
    r"telling me)|"
    # As people say it in a chat: "Understood.", "Totally fair", "all good", "ok np, thanks
    # anyway", "got it, makes sense".
    r"understood|(?:(?:totally|completely|perfectly|absolutely|very) )?fair(?: enough)?|"
    r"(?:it'?s |that'?s )?all good|no prob(?:lem|s)?|np|nw|"
    r"(?:thanks?|thank you|thx|ty) (?:anyway|anyways)|got it|gotcha|"
    r"(?:that )?makes (?:total |complete |perfect )?sense|i hear you|say no more)\b",
    re.IGNORECASE,
)
_NUMBER = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|a hundred)"
)
# Pressing on, whatever came first: asking again, a smaller ask, telling them what to do.
_PUSH_WORDS = re.compile(
    r"\b(?:(?:are|r) (?:you|u|ya) (?:really |absolutely |completely |totally )?"
    r"(?:sure|certain|positive)|(?<![\w'] )(?:you|u|ya)(?:'?re| are)? sure\b(?! (?:to|that)\b)|"
    r"why not|reconsider|"
    r"change your mind|give it a (?:try|chance|go|shot)|"
    rf"even (?:just )?(?:a|one|a little|a small|a few|\$?\d[\d.,]*|{_NUMBER} "
    r"(?:cents|pence|dollars|bucks|pounds|euros))|just (?:a|one) (?:dollar|penny|"
    r"cent|buck|pound|euro|little|small)|only (?:a|one) (?:dollar|penny|cent|buck|little|small)|"
    # A smaller sum named after the no: "it's only a few cents", "just a couple of dollars".
    rf"(?:just|only) (?:a few|a couple(?: of)?|\$?\d[\d.,]*|{_NUMBER}) "
    r"(?:cents|pennies|pence|dollars|bucks|pounds|euros)|"
    r"it would (?:really )?(?:help|mean)|you (?:really |honestly |seriously |definitely |"
    r"totally )?(?:should|must|need to|have to|'ve got to))\b",
    re.IGNORECASE,
)
# Pressing on in a statement: what others do, a need made their burden, the cost made small,
# their own words held against them. "A lot of people are in the same boat" gives no push.
_PEOPLE = (
    r"(?:every(?:one|body)(?: else)?|most (?:people|folks|of (?:them|the \w+|your \w+))|"
    r"(?:lots|a lot|plenty|loads|tons|hundreds|thousands|millions|so many|many) of (?:people|folks|"
    r"\w+s)|(?:the )?other (?:people|participants|workers|folks|customers|companies|teams)|"
    r"(?:all |most |half )?(?:of )?your (?:neighbou?rs|friends|colleagues|co-?workers|peers|"
    r"competitors))"
)
_GIVING = (
    r"(?:donat(?:ing|ed|es?)|giv(?:ing|es?)|gave|given|chipp(?:ing|ed) in|contribut(?:ing|ed|es?)|"
    r"sign(?:ing|ed) up|bought|buy(?:ing|s)?|switch(?:ing|ed|es)?|join(?:ing|ed)|"
    r"upgrad(?:ing|ed)|pledg(?:ing|ed)|doing it|done it|on board)"
)
_SUFFERING = (
    r"(?:die|dies|died|dying|starv(?:e|es|ing)|suffer(?:s|ing)?|go(?:es|ing)? (?:hungry|without|"
    r"to bed hungry)|(?:are|is) (?:hungry|homeless|sick|in need|out in the cold)|"
    r"(?:are |is )?sleep(?:s|ing)? (?:outside|rough|on the streets?)|"
    r"need(?:s)? (?:your|our) help|(?:could|will|would|might) (?:die|starve|suffer|go hungry)|"
    r"(?:are|is) counting on (?:you|u))"
)
_PRESSES = re.compile(
    # "lots of people prefer giving close to home" agrees with their choice.
    rf"\b{_PEOPLE}\b(?:(?!\b(?:prefer|rather|choose|like)\b)[^.!?]){{0,40}}?\b{_GIVING}\b|"
    r"\b(?:can|could|would|will) (?:you|u|anyone) (?:really |honestly |seriously |just )?"
    r"(?:say no|refuse|turn (?:it |this |that |them )?(?:down|away)|walk away|ignore (?:that|this|"
    r"them|it))\b|\bhow (?:can|could) (?:you|u|anyone) (?:say no|refuse|turn|ignore|walk away)\b|"
    r"\bdon'?t be the (?:only|one)\b|(?<!\bi )\b(?:just )?imagine (?:if|how|what|being|a|their|"
    r"those)\b|"
    r"\byou (?:won'?t|wouldn'?t|will not|would not) (?:even )?(?:notice|miss) "
    r"(?:it|the|a|one|that|\$?\d)|"
    r"\bless than (?:a|one|the (?:price|cost) of (?:a|one)) (?:coffee|cup|sandwich|soda|"
    r"candy bar|snack|bus ticket)|"
    # "You said you care about kids though" holds their words against them; "..., so if that
    # changes just call" leaves the door open.
    r"\byou (?:said|told me|just said)\b[^.!?]{0,60}\b(?:though|tho)\b(?![^.!?]{0,40}\bif "
    r"(?:that|anything|it) changes?\b)|\bhard to square\b|"
    # Pleading or guilt after the no: "can you please?", "you can still consider it", "I'd
    # hate to see you...", "I just wish you'd listen", "you know where I stand".
    r"\b(?:can|could|would|will|won'?t) (?:you|u) (?:please|pls|plz)(?:\s*[?!]|"
    r" (?:just |still |at least )?(?:re)?consider\b)|"
    r"\b(?:please|pls|plz),? (?:just |at least )?(?:re)?consider\b|"
    r"\byou (?:can|could) still (?:re)?consider\b|"
    r"\bi(?:'d| would) hate (?:to see|for) (?:you|u)\b|"
    r"\bi (?:just |really )?wish (?:you|u)(?:'d| would)\b|"
    r"\byou know where i stand\b",
    re.IGNORECASE,
)
_COME_ON = re.compile(r"\bc'?mon\b|\bcome on\b", re.IGNORECASE)
# The need made their burden: "thousands of children die every day". Asked what the charity
# does, the same words answer them.
_BURDEN = re.compile(
    r"\b(?:children|kids|babies|people|families|animals|dogs|cats|puppies|refugees|orphans|"
    rf"patients|a child|someone|millions|thousands|hundreds)\b[^.!?]{{0,40}}?\b{_SUFFERING}",
    re.IGNORECASE,
)
# Weaker signs of pressing on that also begin polite acceptances ("No worries, but do reach
# out whenever you're ready"): they count only when the reply did not accept the no first.
_PUSH_UNLESS_ACCEPTED = re.compile(
    # "However long it takes is fine", "sleep on it, but do call me if questions come up"
    # leave the door open.
    r"\b(?:but(?!,? (?:do |please |feel free to )?(?:call|reach out|let me know|get in touch|"
    r"drop me|ask|ring))|however(?! long| you (?:like|want|prefer))|what if|how about|come on|"
    r"think (?:about|it over)|at least)\b",
    re.IGNORECASE,
)


# A no that comes with the client's own offer ("No, I can't do that. How about I take two and
# you take the rest?") is a counter in a bargain, not a refusal: answering it with another
# offer presses nothing. A refusal that offers nothing ("I can't give you all three") stays one.
_COUNTER_OFFER = re.compile(
    r"\b(?:how about|what about|what if)\s+(?:if\s+)?(?:i|you|we)\b|"
    r"\bwould you (?:take|accept|settle for|be (?:ok|okay|fine|willing|happy) (?:with|to))\b|"
    # "I'll take it home and think about it", "I'll give it some thought" defer; they offer
    # nothing.
    r"\b(?:i|we)(?:'ll| will| can| could|'d| would) "
    r"(?:give|offer|take|trade|let you (?:have|take))\b"
    r"(?! (?:it|this|that|them|the \w+|a \w+|some|one) (?:home|away|back|with me)\b)"
    r"(?! (?:(?:it|this|that|them) )?(?:a|some|another|more|the) (?:look|thought|time|moment|"
    r"minute|second|day|week|few days|break|think|while|night)\b)|"
    r"\b(?:you (?:can|could)|if you) (?:have|take|get|keep|give me)\b",
    re.IGNORECASE,
)
# "I don't think I'll give today" offers nothing: the offer is what they deny.
_DENIED = re.compile(r"\b(?:don'?t|do not|doubt|not sure|no way)\b[^.!?,]{0,20}$", re.IGNORECASE)


def _counter_offer(folded: str) -> bool:
    """Whether the client offers something of their own, not in a denial."""
    return any(
        _DENIED.search(folded, max(0, m.start() - 30), m.start()) is None
        for m in _COUNTER_OFFER.finditer(folded)
    )


# What a client does when they take the matter up again after a no.
# The first three reopen the matter even in the turn of the no itself.
_REOPENS = ("asks_about_offer", "price_question", "buyer_offer", "client_need")
# A reply that plays their words back ("So you enjoy it, but the cost worries you") holds a
# "but" of theirs, not a push of the seller's.
_REFLECTS = re.compile(
    r"\W*(?:(?:okay|ok|mm+|hmm+|yeah|right|well|and|so)\b[,.]?\s+)*"
    r"(?:(?:it )?(?:sounds|seems) like|"
    r"so\b[,]?\s+(?!(?:i|we|how|what|just|even|why|are|maybe|perhaps|please)\b)|"
    r"you(?:'re| are| feel| felt| think| want| see| said|'ve| have| don't| do not)?\b|"
    r"i (?:get|have) (?:the|a) (?:impression|sense|feeling)|what i(?:'m| am) hearing)",
    re.IGNORECASE,
)


# An acceptance taken back by a "but", unless what follows only leaves the door open.
_DAY = r"(?:today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_TAKES_IT_BACK = re.compile(
    r"\b(?:but|however|though|although|still,|as long as|provided)\b(?! long\b)"
    r"(?![^.!?]*\b(?:reach out|let me know|get in touch|whenever you|"
    r"if you ever|if anything changes|no pressure|call me|drop me a line)\b)|"
    # A deadline or a demand in the next breath: "No pressure. I just need a yes by Friday."
    r"\bi (?:just |do |really |still )?need (?:your|an?|the|a yes|an answer|it|this)\b|"
    r"\b(?:expires?|ends|goes up|disappears|runs out)\b|"
    r"\bonly \w+ (?:seats?|spots?|places?) left\b|"
    rf"\b(?:by|until|before) (?:{_DAY}|the end of|end of (?:day|the)|close of|eod|midnight|noon)\b|"
    r"\bsign here\b|\blet'?s get you\b",
    re.IGNORECASE,
)


def _gives_back(push: str, declined: str) -> bool:
    """Whether "you need to" plays back their own "I don't feel that I need to"."""
    said = push.lower()
    if not said.startswith("you "):
        return False
    modal = re.escape(said[4:])
    return (
        re.search(rf"\b(?:i|we)\b[^.!?]{{0,30}}?\b{modal}\b", declined, re.IGNORECASE) is not None
    )


# A blunt no: the whole turn is a refusal word and filler ("no.", "nope", "nah", "still no",
# "whatever. no."). It is a refusal only when the seller's turn before it asked them to give,
# buy or agree: after "Have you heard of them?" the same "No." answers the question.
_FILLER = (
    r"(?:uh+|um+|er+|hm+|mm+|well|ok(?:ay)?|k|whatever|still|sorry|honestly|again|lol|haha|ugh|"
    r"so|i said|thanks?|thank you|thx|ty|really|man|mate|dude|then|seriously|the answer is|"
    r"my answer is|i'?m afraid)"
)
_BLUNT_WORDS = 8  # "ok well honestly still no, sorry man": longer turns say more than no
_BLUNT_NO = CaseFree(
    re.compile(
        rf"\W*(?:{_FILLER}\W+)*"
        r"(?:no+|nope|nah+|no way|not really|no thanks?|no thank you|i don'?t think so|"
        r"(?:definitely|absolutely|certainly) not|not a chance|(?:hard )?pass|i'?ll pass|"
        r"not interested|i'?m (?:good|ok(?:ay)?|fine|all set))"
        rf"(?:\W+(?:{_FILLER}|no+|nope|nah+|not really|not interested|i'?m good))*\W*",
        re.IGNORECASE,
    )
)
# What asks them to give, buy or agree, in a question: "would you chip in?", "can I put you
# down?", "how about five?", "are you sure?". "Do you give to charity?" asks about them.
_GAP = (
    r"(?:(?:really|maybe|perhaps|possibly|please|still|at least|just|even|consider(?:ing)?|be|"
    r"willing|able|happy|interested|ready|open|up|in|to|for|like|love|want|wanna|care|afford|"
    r"manage|go ahead and|think about)\s+){0,5}"
)
_COMMIT = (
    r"(?:donat(?:e|ing)|giv(?:e|ing)|chip(?:ping)? in|contribut(?:e|ing)|spar(?:e|ing)|"
    r"pledg(?:e|ing)|sponsor(?:ing)?|buy(?:ing)?|purchas(?:e|ing)|order(?:ing)?|sign(?:ing)?|"
    r"subscrib(?:e|ing)|join(?:ing)?|upgrad(?:e|ing)|switch(?:ing)?|go(?:ing)? ahead|"
    r"mov(?:e|ing) forward|commit(?:ting)?|agree(?:ing)?|try(?:ing)?|tak(?:e|ing)|"
    r"get(?:ting)? started|help(?:ing)? out|support(?:ing)?|say(?:ing)? (?:yes|no)|"
    r"mak(?:e|ing) a (?:donation|gift|pledge|contribution|purchase)|put(?:ting)? in|"
    r"do(?:ing)? (?:it|that|this|one|some|a|half|\$?\d))"
)
_ASKS = re.compile(
    rf"\b(?:would|will|could|can|won'?t|wouldn'?t|might)\s+(?:you|u|ya|y'?all)\s+{_GAP}{_COMMIT}\b|"
    rf"\b(?:do|did)\s+(?:you|u|ya)\s+(?:want|wanna|feel like|fancy)\s+(?:to\s+)?{_GAP}{_COMMIT}\b|"
    # Without the "do you": "wanna chip in?", "up for giving a bit?"
    rf"^\W*(?:wanna|want to|care to|fancy|up for|willing to)\s+{_GAP}{_COMMIT}\b|"
    # "How about five?", "what about the monthly plan?"; "what about at these parties...?"
    # asks about them.
    r"\b(?:how|what) about (?:just |only |maybe )?(?:a|an|one|half|\$?\d[\d.,]*|two|three|five|ten|"
    r"twenty|fifty|a few|a couple|something (?:smaller|less|else|cheaper)|trying|giving|donating|"
    r"buying|signing|starting|the \w+ (?:plan|option|package|version|tier|deal|offer|one))\b|"
    r"\bhow much (?:would|could|can|will|do) (?:you|u)\b|"
    r"\b(?:are|r)\s+(?:you|u|ya)\s+(?:in|interested|up for (?:it|that)|game|sure|certain)\b|"
    r"\b(?:can|could|shall|may) (?:i|we) (?:count on you|put you down|sign you up|get you)\b|"
    # "Would Tuesday at 10 work?" asks for a time: another one after a no to the first is no
    # push ("what about Wednesday, would that work?").
    r"\bwould\b(?![^.!?]{0,40}\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"tomorrow|morning|afternoon|evening|next week|am|pm|o'?clock)\b)[^.!?]{0,40}\bwork\b|"
    r"\binterested\b|\bdeal\s*\?|\b(?:you|u) in\s*\?",
    re.IGNORECASE,
)
_ASK_CUES = ("asks_to_commit", "proposes_terms")
# The pushes that ask for less or say what it would do; the rest ("are you sure?", "you
# should", guilt) press whatever follows them.
_SOFT_ASK = re.compile(r"(?:even|just|only|it would)\b", re.IGNORECASE)
# Handing the choice back after asking: "no worries if not", "if it's not the right time,
# that's fine too", "I'd understand a no", "no pressure either way".
_HANDS_BACK = re.compile(
    r"\b(?:(?:totally|completely|perfectly|absolutely|also|still|really) )?"
    r"(?:fine|ok(?:ay)?|alright|all right|cool|no problem|no worries|all good|understandable|"
    r"no pressure|no hard feelings)(?: too| as well| either way)?,? if (?:not|you(?: can'?t|"
    r" don'?t| do not| would rather not|'?d rather not| prefer not| decide not| pass| say no)|"
    r"(?:it|now|this|that)(?:'s| is)? (?:not|isn'?t) (?:(?:the|a)(?: right| good| great)? "
    r"time|possible|doable|for you|right for you|something you))\b|"
    r"\bif (?:not|you can'?t|you'?d rather not|you would rather not|you don'?t want to|"
    r"(?:it|now|this|that)(?:'s| is)? (?:not|isn'?t) (?:(?:the|a)(?: right| good| great)? time|"
    r"possible|doable|for you|right for you)|it doesn'?t (?:work|fit)(?: for you)?)\b,?"
    r"[^.!?]{0,30}?"
    r"\b(?:that'?s|it'?s|that is|it is|totally|completely|no worries|no problem|all good|"
    r"i (?:totally |completely )?understand)\b|"
    r"\b(?:i'?d|i would|i'?ll|i will)(?: totally| completely| fully| absolutely| really)? "
    r"understand (?:a no|if (?:not|you))\b|"
    r"\b(?:no pressure(?: at all| either way| whatsoever)?|(?:(?:it'?s|that'?s) )?(?:totally |"
    r"completely |entirely |all )?(?:up to you|(?:your|ur) (?:call|choice|decision))"
    r"(?: either way)?)\W*$",
    re.IGNORECASE,
)


def _questions(text: str) -> list[tuple[int, int]]:
    """The spans of the sentences that ask something."""
    spans: list[tuple[int, int]] = []
    at = text.find("?")
    while at >= 0:
        left, right = sentence_span(text, at)
        if not spans or spans[-1] != (left, right):
            spans.append((left, right))
        at = text.find("?", max(right, at + 1))
    return spans


def _asks_to_commit(ctx: TurnContext) -> bool:
    """Whether the seller's turn ends on asking them to give, buy or agree: the question it
    ends on is such an ask, or, asking nothing, it asks in a statement ("every bit helps")."""
    text = fold(ctx.turn.text)
    mark = text.rfind("?")
    if mark < 0:
        return any(ctx.cues.get(cue) for cue in _ASK_CUES)
    left, right = sentence_span(text, mark)
    if any(left <= m.start < right for cue in _ASK_CUES for m in ctx.cues.get(cue, ())):
        return True
    return _ASKS.search(text, left, right) is not None


# A no that could answer a question about them: "No, not really", "Not this time", "I'm not
# sure about that", "no thank you", "I don't have the money". Asked "Any plans for the
# weekend?" or "Did the dizziness come back?", such words answer; they turn nothing down.
# "Not interested", "I'll pass", "let me think about it" turn something down whatever came
# before them.
_ANSWER_SHAPED = re.compile(
    r"^\W*(?:no|nope|nah)\b|\bno,? thanks?\b|\bnot (?:right )?now\b|\bnot today\b|"
    r"\bnot this \w+|\bmaybe (?:later|another time|next time|some other time)\b|"
    r"\bnot (?:really |that |very |quite |so )?(?:ready|sure|convinced)\b|"
    r"\b(?:don'?t|do not) (?:really |actually )?have\b|\btight\b|\bto pay$|"
    r"\b(?:don'?t|do not) (?:really )?(?:want|need) (?:it|that|this|one|any|anything)\b|"
    r"\b(?:can'?t|cannot) (?:do|give|commit)\b|\b(?:don'?t|do not) think (?:i|we) (?:can|could)\b",
    re.IGNORECASE,
)
# What in a question puts something before them to accept or refuse: an offer ("would you
# like...", "want me to send it?"), a suggestion ("why don't you...", "have you thought about
# trying...", "I'm wondering if it might help"), an ask ("can you do two?", "are you willing
# to...?") or the seller's proposal put to them ("does that work for you?", "what do you
# think?"). "Can you go up and down stairs?" and "How about your siblings?" ask about them.
_PUTS_BEFORE_THEM = re.compile(
    r"\b(?:would|do|did|will) (?:you|u|ya) (?:like|want|wanna|care|fancy|prefer|mind)\b|"
    r"\bwant me to\b|\b(?:shall|should|can|could|may|might) (?:i|we)\b|"
    r"\b(?:how|what) about (?:if |we |i |you )|\bwhy (?:don'?t|not) (?:you|we)\b|"
    r"\b(?:would|could|will|can|might) (?:you|u) (?:be )?(?:willing|open|able to commit|consider|"
    r"agree|try|commit|promise|think about|do|give|spare|manage|make|meet|accept|take)\b|"
    r"\b(?:are|r) (?:you|u) (?:willing|open|ready|interested|up for|game|in)\b|"
    r"\b(?:have you|did you ever) (?:thought|considered|think) (?:about|of)\b|"
    r"\b(?:does|would|will|could) (?:that|this|it) (?:work|sound|suit|help)\b|"
    r"\bhow (?:does|would) (?:that|this) sound\b|\bwhat do you (?:think|say)\b|"
    r"\b(?:is|would) (?:that|this) (?:ok|okay|alright|all right|fine|acceptable)\b|"
    r"\bdeal\b|\bsounds? good\b|\bwhat would it take\b|\bi'?m wondering if\b|"
    r"\b(?:we|i) (?:can|could) help\b|\bhelpful\b",
    re.IGNORECASE,
)
_OFFER_CUES = ("pitch", "asks_to_commit", "proposes_terms", "price_figure", "proposes_a_next_step")


def _asks_about_them(ctx: TurnContext) -> bool:
    """Whether the seller's turn asks a question and puts nothing before them in it: what
    they say no to there answers the question."""
    if not ctx.questions.total:
        return False
    text = fold(ctx.turn.text)
    if _PUTS_BEFORE_THEM.search(text) is not None or _ASKS.search(text) is not None:
        return False
    return not any(ctx.cues.get(cue) for cue in _OFFER_CUES)


_ASKS_FOR_TRUST = re.compile(r"how (?:do|can|would|will) (?:i|we) know\b", re.IGNORECASE)


# A request of their own after the no, in the same turn: "Not right now. Anyway, tell me how
# the onboarding works." The reply answers it, as it would a question.
_ASKS_AFTER_THE_NO = re.compile(
    r"\b(?:tell|show|explain to|walk|talk) me\b|"
    r"\b(?:i'd|i would) (?:like|love) to (?:know|hear|see)\b"
)


class DeclinesDetector:
    """Remembers the client's latest no until the seller's next real reply."""

    def __init__(self) -> None:
        self._declined: str | None = None
        self._asked = False  # they asked something after the no: the reply answers it
        # The client's no stands, for every seller turn after it, until they reopen the matter:
        # explaining it ("mostly the timing") or thanking the seller leaves it standing.
        self.no_stands = False
        self.client_spoke = False
        # The seller's last real turn, and whether it pressed past a no: a bare "no" after
        # it refuses only if it asked them to give, buy or agree (read only then: most
        # client turns are no bare "no").
        self._last_seller: TurnContext | None = None
        self._pressed = False
        # A short "No worries!" took the no well; the reply after it may still push past it.
        self._credited = False
        # The seller's latest turn that asked or said something (any length but "Mm."): a no
        # after a question about them answers it.
        self._last_asked: TurnContext | None = None
        # The client has bargained (an offer of their own: "I'll take two and you keep the
        # rest"): offers go both ways, and a new offer after their no is the next move in the
        # bargain, not pressing past it. After "would you donate?" asking again presses.
        self._bargain = False
        # Client turns not yet searched for an offer of theirs: searched only when a reply to
        # a no is judged (the search costs 5-8 us a turn; most turns follow no no).
        self._unread: list[str] = []

    @property
    def may_part(self) -> bool:
        """Whether parting words may be taking a no well: the client's no stands, or nothing
        of theirs has been seen (a draft answers words the analyzer is not shown)."""
        return self.no_stands or not self.client_spoke

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Judge the seller's reply to a no the client has just given."""
        if ctx.role is Role.CLIENT:
            self.client_spoke = True
            if not self._bargain:
                if ctx.cues.get("buyer_offer"):
                    self._bargain, self._unread = True, []
                else:
                    self._unread.append(ctx.turn.text)
            at = self._no_at(ctx)
            if (
                at is not None
                and self._refuses(ctx.turn.text, at)
                and not self._reopens_after(ctx, at)
            ):
                self._declined = sentence_at(ctx.turn.text, at)
                self._credited = False
                after = fold(ctx.turn.text)[sentence_span(ctx.turn.text, at)[1] :]
                self._asked = "?" in after or _ASKS_AFTER_THE_NO.search(after) is not None
                self.no_stands = True
            else:
                if ctx.words > _BACKCHANNEL_WORDS:
                    self._declined = None  # they moved on
                    self._credited = False
                # Only a standing no can be reopened: most client turns follow none, and the
                # counter-offer search costs 5-8 us a turn.
                if self.no_stands and self._reopens(ctx):
                    self.no_stands = False
            return []
        if ctx.role is not Role.SELLER:
            return []
        found = self._reply(ctx)
        if ctx.words > _BACKCHANNEL_WORDS or ctx.questions.total:
            self._last_asked = ctx
        if ctx.words > _BACKCHANNEL_WORDS or found:
            self._last_seller = ctx
            self._pressed = any(e.signal == PUSHES for e in found)
        return found

    def _no_at(self, ctx: TurnContext) -> int | None:
        """Where the client's turn says no, if it does: a hesitation anywhere, or a blunt
        no ("nope", "still no") when the seller had just asked for a yes."""
        no = ctx.cue("hesitates")
        if no is not None:
            return None if self._answers_their_question(ctx) else no.start
        if self._last_seller is None or ctx.words > _BLUNT_WORDS:
            return None
        text = fold(ctx.turn.text)
        if _BLUNT_NO.fullmatch(text) is None:
            return None
        if self._pressed or _asks_to_commit(self._last_seller):
            return len(text) - len(text.lstrip())
        return None

    def _answers_their_question(self, ctx: TurnContext) -> bool:
        """Whether the client's hesitation only answers the seller's question about them: the
        seller's last turn asked and put nothing before them, and every no of the client's
        could be an answer ("No, not really", "not this time")."""
        last = self._last_asked
        if last is None or self._pressed or not _asks_about_them(last):
            return False
        return all(_ANSWER_SHAPED.search(fold(no.text)) is not None for no in ctx.cues["hesitates"])

    def _reply(self, ctx: TurnContext) -> list[Emission]:
        """The seller's reply to the client's latest no, if one is waiting for it."""
        if self._declined is None:
            return []
        if ctx.words <= _BACKCHANNEL_WORDS:
            return self._short_reply(ctx)
        declined, self._declined = self._declined, None
        credited, self._credited = self._credited, False
        text = ctx.turn.text
        folded = fold(text)
        accepted = _ACCEPTS.match(folded)
        if accepted is not None and _TAKES_IT_BACK.search(folded, accepted.end()):
            accepted = None  # "I understand, but this offer ends Friday" accepts nothing
        # After "I'm not sure I can spare any. How many are you?" the reply answers their
        # question: its "but" or its figures are the answer; only a plain push ("even a
        # dollar would help", "are you sure?") presses past the no.
        # In a bargain a fresh offer after their no is the next move ("How about one firewood
        # then?"): only a plain push ("are you sure?", guilt) presses past it.
        if not self._bargain and self._unread:
            self._bargain = any(_counter_offer(fold(said)) for said in self._unread)
            self._unread = []
        moves = not self._asked and not self._bargain
        push = self._push_at(ctx, declined, weak=accepted is None and moves, cues=moves)
        if push is not None:
            start, end = sentence_span(text, push)
            return [Emission(PUSHES, start, end, declined)]
        if accepted is not None and not credited:
            start, end = sentence_span(text, accepted.start())
            return [Emission(RESPECTS, start, end, declined)]
        return []

    def _short_reply(self, ctx: TurnContext) -> list[Emission]:
        """A reply of a few words: "Mm.", "Okay." wait for the real one; "Are you sure?" is
        it; "Understood." or "No worries!" accept, though the next turn may still push."""
        assert self._declined is not None
        text = fold(ctx.turn.text)
        found = _PUSH_WORDS.search(text) or _COME_ON.search(text)
        if found is not None:
            declined, self._declined = self._declined, None
            self._credited = False
            if _gives_back(found.group(), declined):
                return []
            return [Emission(PUSHES, *sentence_span(ctx.turn.text, found.start()), declined)]
        accepted = _ACCEPTS.match(text)
        if accepted is None or self._credited or text[accepted.end() :].strip(" .!,:)(-"):
            return []
        self._credited = True
        return [Emission(RESPECTS, 0, len(text), self._declined)]

    @staticmethod
    def _reopens(ctx: TurnContext) -> bool:
        """Whether the client takes the matter up again: asks about the offer or its price,
        bargains, or states a need."""
        if any(ctx.cues.get(cue) for cue in _REOPENS):
            return True
        return _counter_offer(fold(ctx.turn.text))

    @staticmethod
    def _reopens_after(ctx: TurnContext, at: int) -> bool:
        """Whether the client takes the matter up again later in the turn of their no: "We
        went another way internally; what would it cost to add your analytics module?". A
        need said with the no ("we need to hire first") is its reason, so only a question
        about the offer or a bargain counts here."""
        return any(m.start > at for cue in _REOPENS[:3] for m in ctx.cues.get(cue, ()))

    @staticmethod
    def _refuses(text: str, at: int) -> bool:
        """Whether the client's no at ``at`` still stands at the end of their turn: not a
        counter-offer and not a request for a reason to trust."""
        folded = fold(text)
        if _counter_offer(folded):
            return False
        # "How do I know the money reaches the kids?" asks for a reason to trust, not for
        # the seller to drop it: an honest answer ("I can't guarantee it, but you can check
        # their reports") presses nothing. Any other no stands, asked or not ("I'm not
        # interested, why do you keep calling me?").
        return _ASKS_FOR_TRUST.match(folded, at) is None

    @staticmethod
    def _push_at(ctx: TurnContext, declined: str, *, weak: bool, cues: bool = True) -> int | None:
        """Where the reply presses past the no, if it does. A soft ask (a smaller sum, "would
        10 cents work?", a "but") followed by handing the choice back ("but if it's not the
        right time, that's fine too") presses nothing; "are you sure?" or guilt does."""
        text = fold(ctx.turn.text)
        soft = [m.start for cue in _PUSH_CUES for m in ctx.cues.get(cue, ())] if cues else []
        strong = [m.start() for m in _PRESSES.finditer(text)]
        if cues:
            strong += [m.start() for m in _BURDEN.finditer(text)]
        for found in _PUSH_WORDS.finditer(text):
            if not _gives_back(found.group(), declined):
                (soft if _SOFT_ASK.match(found.group()) else strong).append(found.start())
        if cues:
            # Asking again, after an acceptance or not: "No worries! Would 10 cents work?"
            soft += [left for left, right in _questions(text) if _ASKS.search(text, left, right)]
        # A "but" inside a long summary of their own words ("You told me... you feel...
        # But that's what we're here for") contrasts what it gives back; it presses nothing.
        if weak and not gives_their_words_back(text, _SUMMARY_SENTENCES):
            for found in _PUSH_UNLESS_ACCEPTED.finditer(text):
                left, _ = sentence_span(text, found.start())
                if _REFLECTS.match(text, left) is None:
                    soft.append(found.start())
        back = _HANDS_BACK.search(text)
        if back is not None:
            soft = [at for at in soft if at > back.start()]
        starts = soft + strong
        return min(starts) if starts else None
