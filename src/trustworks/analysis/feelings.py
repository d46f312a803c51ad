"""A feeling passed over: the client says they are worried or struggling, and the seller's next
turn goes on as if they had not.

"I'm just worried that something happened" answered with "Okay. And what have you taken for
the pain?" is what clinicians call a missed empathic opportunity (Levinson, Gorawara-Bhat and
Lamb 2000 found most of them missed in primary care and surgery). In a sale or a negotiation
it is the same act: "I'm afraid my kids will be cold" met with "What if you get 2 and I get 1?"
tells them the worry was heard as noise. A reply that says anything about it counts: sympathy,
a word of theirs given back, a question or a remark that points at it ("when did that start?",
"we can look into that"). Only the next turn is judged, and only when it says something: a
back-channel leaves the floor to them.

The other way round, a reply that opens with a bare "I'm so sorry." after their news ("My
sister died during heart surgery") is sympathy, which no phrase can tell from an apology
without the turn before it.
"""

from __future__ import annotations

import re

from trustworks.analysis.context import Emission, TurnContext
from trustworks.conversation import Role
from trustworks.sentences import content_words, sentence_span
from trustworks.signals.matcher import fast_form, fold

SIGNAL = "passes_over_their_feeling"
# A phrase signal, also given by this detector when only the turn before shows that "I'm so
# sorry." is sympathy and not an apology.
SYMPATHY = "shows_sympathy"
# How often a finding of this detector was a feeling passed over, judged by reading every one
# it made on ACI-BENCH's and MTS-Dialog's training splits, the first 600 CaSiNo train
# dialogues (each side judged) and all of AnnoMI (2026-12-05: 17 of 22; the misses were
# replies that took it up in other words, "I'm set for firewood if you need the extra", or a
# reflection with none of their words). Its findings carry it as their confidence, so they
# weigh less than a rule that is all but always right.
CONFIDENCE = 0.75
# "Really", "so", "a bit", "getting"...: the words that may stand between "I'm" and the feeling.
_DEGREE = (
    r"(?:(?:really|so|very|a little|a bit|a little bit|kind of|kinda|pretty|quite|just|"
    r"getting|feeling|been|still|a lot|extremely|super|too|more and more)\s+)*"
)
# The client saying how they feel now, in the first person. Past narrative ("I got nervous and
# called 911") tells a story rather than asks to be heard, and "hard to swallow" is a symptom.
_FEELING = re.compile(
    fast_form(
        r"\b(?:i'?m|i am|i've been|i have been|i feel|i'm feeling|makes me|leaves me)\s+"
        + _DEGREE
        + r"(?:worried|concerned|scared|afraid|anxious|nervous|stressed|frustrated|upset|"
        r"overwhelmed|lost|sad|depressed|lonely|angry|exhausted|terrified|frightened|"
        r"embarrassed|ashamed|devastated|heartbroken|desperate|panick\w*|freak(?:ed|ing) out|"
        r"worn out|at (?:a|my) loss|at my wits'? end|fed up|struggling|miserable)\b"
        r"(?! (?:to|for me to)\b)"
        r"|\bi (?:really |just |kind of )?(?:worry|panic)\b"
        r"|\b(?:it|this|that) (?:really |kind of )?"
        r"(?:worries|scares|frightens|upsets|stresses) me\b"
        r"|\bkeeps? me (?:up|awake)\b|\bkept me (?:up|awake)\b"
        r"|\bi don'?t know what (?:to do|i'?m going to do)\b"
        r"|\b(?:it|this|that)(?:'s| has) been (?:really |so |very |pretty )?"
        r"(?:hard|tough|difficult|rough|a struggle|awful|terrible)\b"
        r"(?! (?:to|for (?:me|us|him|her|them) to)\b)"
    ),
    re.IGNORECASE,
)
# Denied, or a condition rather than a state: "I'm not worried", "whenever I'm stressed".
_NOT_NOW = re.compile(
    r"\b(?:not|n't|never|no longer|when|whenever|if|unless)\W+(?:\w+\W+){0,2}$", re.IGNORECASE
)
# "I'm afraid that's not possible" is a polite no; "afraid of germs" or "afraid it might
# get cold" is a fear.
_POLITE_AFRAID = re.compile(
    r"afraid(?! of| (?:that )?(?:i|we|my|our|it|they|he|she|the)\b[^.?!]{0,30}?"
    r"\b(?:might|may|will|won'?t|would|could|'ll|(?:is|isn'?t|is not|not) going)\b)",
    re.IGNORECASE,
)
# Hard news about their life or body: a loss, an illness, pain, the worst of something.
_HARDSHIP = re.compile(
    fast_form(
        r"\b(?:passed (?:away|on)|died|death|funeral|lost (?:my|our|her|his|the baby)|cancer|"
        r"tumou?rs?|diagnos\w+|divorc\w+|laid off|got fired|pain|hurts?|hurting|worst|"
        r"terrible|awful|accident|injur\w+|sick|broke (?:my|his|her)|broken|hospital\w*|"
        r"surgery|emergency|miscarr\w+|bad news|rough (?:day|week|time|year)|hard time)\b"
    ),
    re.IGNORECASE,
)
# The whole first sentence of the reply is sympathy: "I'm so sorry.", "Oh no.", "That is
# unfortunate." ("I'm sorry, could you repeat that?" and "Sorry for the wait." are not.)
_BARE_SYMPATHY = re.compile(
    r"(?:oh,? |aw+,? |oh dear,? |gosh,? |wow,? |ugh,? )?(?:(?:i'?m|i am) (?:so |very |really |"
    r"truly |terribly |awfully )?sorry|(?:so |very |really )?sorry(?: to hear(?: (?:that|this|"
    r"it))?)?|(?:that|this|it)(?:'s| is| was| sounds| must be| must have been) (?:so |really |"
    r"very |just )?(?:unfortunate|awful|terrible|horrible|rough|tough|hard|sad|scary|"
    r"frightening|no fun|not fun|the worst)|oh no|oh dear|i hear you|poor (?:you|thing))[.!]*",
    re.IGNORECASE,
)
# Words that answer a feeling: sympathy, understanding, a word of comfort, the feeling named,
# or sharing it ("me too").
_ANSWERS_IT = re.compile(
    r"\b(?:sorry|understand\w*|imagine|sounds?|must (?:be|have)|hear(?:ing)? (?:that|you)|"
    r"worr\w*|concern\w*|scar\w*|fears?|tough|hard|difficult|frustrat\w*|normal|natural|"
    r"makes sense|of course|i see|i know|poor|oh no|unfortunate\w*|awful|terrible|rough|"
    r"glad|relax|calm|safe|reassur\w*|help\w*|feel\w*|afraid|nervous|anxious|"
    r"me too|me neither|same here|me 2)\b",
    re.IGNORECASE,
)
_BACKCHANNEL = re.compile(
    r"^(?:\W*(?:okay|ok|all right|alright|mm-?hmm|uh-?huh|yeah|yes|right|so|and|um|uh|"
    r"well|hmm+)\b)*\W*",
    re.IGNORECASE,
)
# The reply's first sentence points at what they said: "That's all you can do.", "We can look
# into that.", "When did it start?"
_POINTS_AT_IT = re.compile(
    r"^(?:that|this|it)\b|\b(?:that|this|it)(?:\s+\w+){0,2}\W*$", re.IGNORECASE
)
_POINTING_WORDS = 8  # a first sentence longer than this has moved on, whatever its last word
# A reply this short says nothing yet: the floor is still theirs.
_MIN_WORDS = 4
_STEM = 5  # "worried" and "worry", "cold" and "colder": the same word for this purpose


def _said_from(reply: str) -> int:
    """Where the reply starts to say something, after "Okay. All right. Um,"."""
    opening = _BACKCHANNEL.match(reply)
    return opening.end() if opening else 0


def voiced_feeling(text: str) -> re.Match[str] | None:
    """The first place ``text`` says how its speaker feels now, if it does."""
    for match in _FEELING.finditer(text):
        if _NOT_NOW.search(text, max(0, match.start() - 24), match.start()):
            continue
        said = match.group().lower()
        if said.endswith("afraid") and _POLITE_AFRAID.match(text, match.end() - len("afraid")):
            continue
        return match
    return None


def answers_it(feeling: str, reply: str) -> bool:
    """Whether ``reply`` says anything about the ``feeling`` sentence, or too little to judge."""
    if len(reply.split()) < _MIN_WORDS or _ANSWERS_IT.search(reply, 0, 200):
        return True
    theirs = {w[:_STEM] for w in content_words(feeling)}
    if theirs & {w[:_STEM] for w in content_words(reply)}:
        return True
    lead = reply[_said_from(reply) :]
    if not lead.strip():
        return True
    first = lead[: sentence_span(lead, 0)[1]]
    return re.match(r"(?:that|this|it)\b", first, re.IGNORECASE) is not None or (
        len(first.split()) <= _POINTING_WORDS and _POINTS_AT_IT.search(first) is not None
    )


class FeelingsDetector:
    """Remembers a feeling the client voiced until the seller's next turn, and judges that."""

    def __init__(self) -> None:
        self._feeling: str | None = None
        self._hard_news = False  # a feeling or hardship in the client's last turn

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """A seller turn that meets the client's feeling or news with sympathy, or goes on past
        the feeling as if unsaid."""
        if ctx.role is Role.CLIENT:
            text = fold(ctx.turn.text)
            found = voiced_feeling(text)
            self._hard_news = found is not None or _HARDSHIP.search(text) is not None
            # A worry about the price has its own detector (meeting it with curiosity or with
            # a defence of the price).
            self._feeling = (
                None
                if found is None or ctx.cue("price_concern") is not None
                else text[slice(*sentence_span(text, found.start()))]
            )
            return []
        if ctx.role is not Role.SELLER:
            return []
        feeling, self._feeling = self._feeling, None
        hard_news, self._hard_news = self._hard_news, False
        if not hard_news:
            return []
        reply = fold(ctx.turn.text)
        start, end = sentence_span(reply, _said_from(reply))
        if _BARE_SYMPATHY.fullmatch(reply[start:end].strip()):
            return [Emission(SYMPATHY, start, end)]
        if feeling is None or answers_it(feeling, reply):
            return []
        return [Emission(SIGNAL, start, end, feeling.strip(), CONFIDENCE)]
