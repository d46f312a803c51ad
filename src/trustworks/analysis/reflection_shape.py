"""Whether a sentence has the shape of a reflection, before a model may call it one.

The reflection head reads meaning, and meaning alone confuses giving the client's world back
to them with other talk about "you": thanks ("that's kind of you"), offers ("you get two,
I keep one"), advice ("you really have to trust your gut") and the seller's own needs. A
reflection is about the client, in their terms: it is not led by the seller's "I" or "we"
(unless the seller is saying what they hear or sense), it tells them nothing to do, it thanks
nobody, it brings in no figure, stake ("important to me") or danger ("you're putting yourself
at risk") of the seller's own, and it speaks of "you" or carries back words the client used.

It is not a list of terms ("you get two waters", "you can have the rest"), a wish, greeting,
praise or verdict said to them ("hope you understand", "that was smart of you", "you're being
unreasonable"), or the seller's own case inside it ("...so I'm gonna need more"). Without a
"you", it opens as a reflection does ("so...", "sounds like...", "that's a lot...") or gives
their words back whole: "food is the bigger priority", in a negotiation, is the seller's view.

Checked on data the head never chose its threshold on. CaSiNo negotiations have almost no
reflections: on its train split, each side taken as the seller, the head's findings fell
from 116 to 36 with these rules (2026-12-05; earlier rules had taken 45 to 18 on 300
dialogues). On AnnoMI (outside-set transcripts left out), findings that are labelled
reflections went from 155 to 145 and the others from 32 to 27.
"""

from __future__ import annotations

import re

from trustworks.analysis.proposals import PROPOSES
from trustworks.sentences import content_words

# At most six fillers lead a clause: unbounded, a search from every comma of a long turn of
# fillers ran over all the fillers after it (quadratic: minutes on a 100,000-character turn).
_FILLERS = r"and|but|well|okay|ok|yeah|um|uh|oh|also|again|now|having said that|mm+|hmm+"
_LEAD = rf"^\W{{0,20}}(?:(?:so|{_FILLERS})\b[,\s-]{{0,20}}){{0,6}}"
# The same lead without "so": a reflection's own opening word, looked for after the fillers.
_LEAD_BEFORE_SO = rf"^\W{{0,20}}(?:(?:{_FILLERS})\b[,\s-]{{0,20}}){{0,6}}"
_APOSTROPHE = "['\u2019]"
_SELF_LED = re.compile(
    _LEAD + rf"(?:i|we|my|our|me|us)(?:{_APOSTROPHE}(?:m|d|ll|ve|re))?\b", re.IGNORECASE
)
# "I hear...", "I get the sense that you..." lead with the seller but report the client.
_PERCEIVING = re.compile(
    _LEAD + rf"(?:i|we)(?:{_APOSTROPHE}m| am)?\s+(?:(?:kind of|sort of|just|really|can|could|do)"
    r"\s+)*(?:hear|hearing|sense|sensing|see|seeing|get(?:ting)? (?:the|a) "
    r"(?:sense|feeling|impression)|understand|imagine|guess|wonder|notice|noticing)\b",
    re.IGNORECASE,
)
# "I understand", "I see", "I hear you" say the seller took it in; only what follows, when it
# carries the client's words back, makes the sentence a reflection: "I understand and
# appreciate the difficult situation you find yourself in" restates nothing of theirs.
_UNDERSTANDS = re.compile(
    _LEAD + r"(?:i|we)\s+(?:(?:totally|completely|fully|really|can|could|do|just|definitely)\s+)*"
    r"(?:understand|see|hear|get(?! (?:the|a) (?:sense|feeling|impression)))\b",
    re.IGNORECASE,
)
# "You have to..." at the head of a clause tells; "when you have to...", "something you have
# to do" describe.
_TELLS_THEM = re.compile(
    _LEAD.replace("^", "(?:^|[,;:]\\s*)")
    + r"you(?:-\s*you)?\s+(?:really\s+|just\s+|definitely\s+|probably\s+|still\s+)?"
    r"(?:need to|have to|must|should|ought to|had better|might want to)\b|"
    rf"\byou{_APOSTROPHE}(?:ll|d) (?:need|have|better|want) to\b|\byou (?:will|{_APOSTROPHE}ll) "
    r"let\b|\bmake sure (?:that )?you\b",
    re.IGNORECASE | re.MULTILINE,
)
# "Just let your doctor know" tells them what to do as surely as "you need to".
_INSTRUCTS = re.compile(
    r"(?:^|[,;:.]\s*)(?:just|please|so) (?:let|make|go|call|take|try|tell|ask|keep|stop|"
    r"give|come)\b|\blet (?:your|the|their) (?:\w+ )?know\b",
    re.IGNORECASE | re.MULTILINE,
)
# The seller's own stake ("it's very important to me", "wood is crucial for us") anywhere in
# the sentence makes it the seller's need, not the client's world given back.
_OWN_STAKE = re.compile(
    r"(?<!said )(?<!mentioned )(?<!explained )(?<!described )(?<!admitted )(?<!said it )"
    r"\b(?:to|for) (?:me|us)\b|\b(?:my|mine|myself|ours)\b",
    re.IGNORECASE,
)
# A danger the client never named is the seller's warning ("you're putting yourself in a lot
# of danger"), not their words coming back. A danger they did name, in any of its words, may
# come back in another: "risky" for their "hazardous", "bad for you" for their "harmful",
# "it puts you at risk of infections" for their "I worry about getting infections" (on
# AnnoMI, 4 of the 5 reflections turned away by stem alone were of this kind).
_PERIL = re.compile(
    r"\b(?:risk\w*|danger\w*|harm\w*|hazard\w*|unsafe|bad for (?:you|him|her|them|your))\b",
    re.IGNORECASE,
)
# A danger put as their own view ("so you saw yourself putting it at risk", "it surprised
# you that it's bad for you") gives back how they see it, not the seller's warning.
_THEIR_VIEW = re.compile(
    r"\byou(?: also| really| kind of| sort of)? (?:saw|feel|felt|think|thought|said|"
    r"mentioned|realised|realized|noticed|worry|worried|were surprised|fear)\b|"
    r"\b(?:surprising|scary|frightening|worrying) (?:to|for) you\b",
    re.IGNORECASE,
)
_RUIN = re.compile(r"\b(?:damag\w*|deadly|fatal|kill\w*|ruin\w*)\b", re.IGNORECASE)
# What a client says when they name a danger in their own terms.
_WORRY = re.compile(
    r"\b(?:worr\w*|afraid|scared|scary|fear\w*|accident\w*|infect\w*|overdos\w*)\b",
    re.IGNORECASE,
)
_THANKS = re.compile(
    r"\b(?:thanks?|thank you|kind of you|nice of you|pleasure|considerate|"
    r"generous)\b",
    re.IGNORECASE,
)
_FIGURE = re.compile(r"\d+(?:[.,]\d+)?")
# Terms, not their world: "you get two waters", "you can have the rest", "you're already
# getting more", "two food and one water for you". "You have a son" or "you get along with
# her" is their world; only a share of something (a figure, "the rest", "all of") is terms.
_SHARE = r"(?:\d+|one|two|three|four|five|six|all|both|most|the rest|(?:an )?extra|more|less)"
_TERMS = re.compile(
    rf"\byou(?:{_APOSTROPHE}ll|{_APOSTROPHE}d| will| would| can| could| may| still| also| "
    rf"already)* (?:get|have|take|keep|receive)(?: the| a| an)? {_SHARE}\b|"
    rf"\byou(?:{_APOSTROPHE}re| are)(?: already| still| also)? (?:getting|geting|taking|"
    rf"receiving)(?: the| a| an| way)? {_SHARE}\b|\bleaving you\b",
    re.IGNORECASE,
)
_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six")
_QUANTITY = re.compile(rf"\b(?:\d+|{'|'.join(_NUMBERS)})\b", re.IGNORECASE)
# A quantity and what it counts: "three sites", "2 packages of food".
_COUNTED = re.compile(
    rf"\b(\d+|{'|'.join(_NUMBERS)})\s+(?:(?:extra|more|packages?|packs?|of|the|bottles?|"
    r"bundles?|units?)\s+)*([a-z][a-z'-]+)",
    re.IGNORECASE,
)
# Three figures in a sentence are a list of terms ("0 food, 1 water, 3 firewood"); two may be
# their habit given back ("two to three days a week"). Three that count what the client
# counted in their own turn ("so it's three sites, two teams and one budget" after "we have
# three sites and two teams on one budget") are their situation summed up, unless what they
# counted was a proposal.
_TERMS_QUANTITIES = 3
# Wishes, greetings, praise and verdicts on them are said to them, not their words given
# back: "hope you understand", "nice to meet you", "that was smart of you", "you're being
# unreasonable".
_SAID_TO_THEM = re.compile(
    r"^\W*(?:i )?hope (?:you|that you)\b|\b(?:good|best of) luck\b|\bhappy birthday\b|"
    r"\b(?:nice|good|great|lovely) to (?:meet|talk|chat|hear from|see)\b|"
    r"\bhello to you\b|\b(?:i'?m|i am|we'?re|we are) (?:really |so )?looking forward\b|"
    r"\b(?:smart|thoughtful|sweet|clever|wise|good|great|considerate|brave|honest) of you\b|"
    rf"\byou(?:{_APOSTROPHE}re| are)(?: also| just)? being (?:really |so |very |a bit |too )?"
    r"(?:unreasonable|selfish|greedy|difficult|rude|silly|ridiculous|stubborn|unfair|"
    r"understanding|generous|kind|nice|helpful|reasonable|sweet|dramatic)\b|"
    # Praise or a prediction about them: "you have such a bright future ahead of you",
    # "you're a great mom".
    rf"\byou(?:{_APOSTROPHE}ve got| have| got)(?: such| so much of| a really)? (?:a |an )?"
    r"(?:bright|great|wonderful|lovely|promising|amazing|good|beautiful|fantastic) "
    r"(?:future|life|family|career|kids?|heart|attitude|mind)\b(?![^.!?]*(?:,\s*(?:and|but)\b|"
    r"\byou'?re saying\b))|"
    rf"\byou(?:{_APOSTROPHE}re| are) (?:such |a really |really )?(?:a |an )?(?:good|great|"
    r"wonderful|smart|bright|strong|brave|amazing|lovely|fantastic|natural) (?:person|mom|"
    r"mother|dad|father|parent|kid|student|girl|boy|man|woman|guy|worker|leader|negotiator)\b"
    r"(?![^.!?]*(?:,\s*(?:and|but)\b|\byou'?re saying\b))|"
    # A charge, not their words: "you're the one insisting you need more", or said in anger.
    rf"\byou(?:{_APOSTROPHE}re| are) the one\b|[\U0001F620\U0001F621\U0001F92C]|"
    # Advice or an argument about what is good for them ("it would be smart to keep water on
    # hand", "you might need more firewood", "remember you have the basic supplies", "it's
    # going to cost you"), approval ("sounds good on the food"), an apology or a farewell.
    rf"\b(?:it|that)(?:{_APOSTROPHE}d| would|{_APOSTROPHE}ll| will)? (?:be|seems?) (?:\w+ )?"
    r"(?:smart|best|wise|beneficial|a good idea)\b|"
    r"\byou (?:might|may|could|would|will) (?:probably |definitely |also )?(?:need|want|"
    r"benefit)\b|^\W*(?:\w+,? )?remember\b|\bgoing to cost you\b|"
    r"\bsounds? (?:good|great|fine|fair|perfect|okay|ok)\b|\bsorry (?:for|about)\b|"
    # Handing them the decision ("it's kind of up to you", "your call") gives nothing back.
    r"\b(?:it'?s|it is|that'?s|that is) (?:\w+ ){0,2}up to you\b|^\W*(?:\w+ )?(?:your|ur) "
    r"(?:call|choice|decision)\W*$|"
    r"^\W*(?:(?:i|we)(?:'m|'re| am| are) )?(?:really |so )?looking forward\b",
    re.IGNORECASE,
)
# An examination's instructions ("bend the tip of this finger", "take a deep breath for me")
# and a history's questions ("are you having any belly pain?", "is it constant or does it come
# and go?") ask something of them; they give nothing of theirs back.
_EXAMINES = re.compile(
    _LEAD_BEFORE_SO
    + r"(?:(?:now|then|just|please|go ahead and)\s+)*(?:bend|push|squeeze|lift|raise|straighten|"
    r"breathe|relax|lie|sit|stand|turn|follow|open|close|hold|point|press|wiggle|grip|"
    r"flex|extend|stick out|cough|swallow|take a (?:deep )?breath|look (?:up|down|at|straight))\b",
    re.IGNORECASE,
)
# ...but a phrase that only holds the floor or grants a point, before what they said, gives
# it back all the same: "Hold on, so you feel invisible at home.", "Point taken, so...",
# "Stand back a moment: you've been burned twice", "Close to two days a week go on reporting".
_HOLDS_THE_FLOOR = re.compile(
    _LEAD_BEFORE_SO
    + r"(?:(?:now|then|just)\s+)*(?:(?:hold|hang) (?:on|up)(?:\s*[,.;:!\u2013\u2014-]| a "
    r"(?:second|sec|moment|minute)\b)|stand back(?:\s*[,.;:!\u2013\u2014-]| a (?:second|sec|"
    r"moment|minute)\b)|point (?:taken|is|being)\b|close to\b)",
    re.IGNORECASE,
)
_ASKS_HISTORY = re.compile(
    r"\b(?:are|were|do|does|did|have|has) you (?:\w+ ){0,2}?(?:any|ever)\b|"
    r"\bor (?:does|do|is|are|did) (?:it|they|that)\b",
    re.IGNORECASE,
)
# A question put to them ("okay, are you a big gardener or...?", "do you drink every day?")
# asks for their world; it gives none of it back. "Are you saying...?" checks a reading.
_ASKS_THEM = re.compile(
    _LEAD + r"(?:are|were|do|does|did|have|has|can|could|would|will) (?:you|ya|u)\b"
    r"(?! (?:saying|telling me|mean)\b)",
    re.IGNORECASE,
)
# Naming the term for what they describe ("the discomfort with bright lights is also called
# photophobia") teaches them a word; it does not give theirs back.
_NAMES_THE_TERM = re.compile(
    r"\b(?:is|are)? ?(?:also |sometimes |often )?(?:called|known as|referred to as|termed)\b",
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(
    rf"\b(?:you|your|yours|yourself|y{_APOSTROPHE}all)(?:{_APOSTROPHE}(?:re|ve|d|ll))?\b",
    re.IGNORECASE,
)


# The seller speaking of themselves inside the sentence ("food matters most so I'm gonna need
# more", "I feel like it'll be best for you") puts their own case, not the client's.
_SELF_SUBJECT = re.compile(
    # ", I think," set off by commas is a hedge on the reflection, not the seller's own case.
    rf"(?<!, )\b(?:i|we)(?:{_APOSTROPHE}m|{_APOSTROPHE}re| am| are)?(?: \w+)?? (?:need|want|lack|"
    r"prefer|worried|worry|concerned|feel like|think|believe|understand|gonna|going to|have to|"
    r"would like|grew|also)\b",
    re.IGNORECASE,
)
# Without a "you", only a sentence that opens as a reflection does ("so...", "sounds like...",
# "that must be..."): "food is the bigger priority" or "camping is super enjoyable" is the
# seller's own view.
_REFLECTIVE_OPENING = re.compile(
    _LEAD_BEFORE_SO
    + r"(?:so\b|(?:it|that|this)? ?(?:sounds|seems|looks|must|feels)\b|(?:it|that)(?:'s| is| "
    r"has been| was| can be)(?: been)? (?:a |an )?(?:really |quite |pretty |so |very |kind of |"
    r"sort of |just |not )?(?:long|big|hard|tough|difficult|a lot|lot|scary|frightening|"
    r"frustrating|stressful|exhausting|lonely|painful|confusing|overwhelming|important|easy|"
    r"fair|unfair|heavy|upsetting|worrying|tricky|struggle|challenge|challenging|huge|"
    r"serious|tiring|annoying)\b|(?:lots|a lot) of\b)",
    re.IGNORECASE,
)


_WHOLE_ECHO_WORDS = 3


def reads_as_reflection(sentence: str, theirs: str) -> bool:
    """True when ``sentence`` could give back what the client said in ``theirs``."""
    if _SELF_LED.match(sentence) and not _PERCEIVING.match(sentence):
        return False
    understood = _UNDERSTANDS.match(sentence)
    if understood and not content_words(sentence[understood.end() :]) & content_words(theirs):
        return False
    if _TELLS_THEM.search(sentence) or _INSTRUCTS.search(sentence) or _THANKS.search(sentence):
        return False
    if _OWN_STAKE.search(sentence) and not _PERCEIVING.match(sentence):
        return False
    if _warnings(sentence) - _warnings(theirs, said_by_them=True) and not _THEIR_VIEW.search(
        sentence
    ):
        return False
    if _TERMS.search(sentence) or _SAID_TO_THEM.search(sentence):
        return False
    if (_EXAMINES.match(sentence) and not _HOLDS_THE_FLOOR.match(sentence)) or _ASKS_HISTORY.search(
        sentence
    ):
        return False
    if _ASKS_THEM.match(sentence) or _NAMES_THE_TERM.search(sentence):
        return False
    if _SELF_SUBJECT.search(sentence) and not _PERCEIVING.match(sentence):
        return False
    if len(_QUANTITY.findall(sentence)) >= _TERMS_QUANTITIES and not _counts_theirs(
        sentence, theirs
    ):
        return False
    their_figures = set(_FIGURE.findall(theirs))
    if any(figure not in their_figures for figure in _FIGURE.findall(sentence)):
        return False
    if _SECOND_PERSON.search(sentence):
        return True
    mine, said = content_words(sentence), content_words(theirs)
    if _REFLECTIVE_OPENING.match(sentence) or _PERCEIVING.match(sentence):
        return bool(mine & said)
    # Or their own words given back whole ("the rota is killing the team").
    return len(mine) >= _WHOLE_ECHO_WORDS and mine <= said


def _counted(text: str) -> set[tuple[str, str]]:
    """Each quantity in ``text`` with the word it counts, in one spelling: ("3", "site")."""
    out = set()
    for number, word in _COUNTED.findall(text):
        number = number.lower()
        number = str(_NUMBERS.index(number)) if number in _NUMBERS else number
        word = word.lower()
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.add((number, word))
    return out


def _counts_theirs(sentence: str, theirs: str) -> bool:
    """Whether every quantity in ``sentence`` counts what the client counted in ``theirs``,
    about their situation: terms they proposed ("I get 3 firewood and 1 food") read back are
    still terms."""
    mine = _counted(sentence)
    return (
        len(mine) == len(_QUANTITY.findall(sentence))
        and mine <= _counted(theirs)
        and not PROPOSES.search(theirs)
    )


def _warnings(text: str, *, said_by_them: bool = False) -> set[str]:
    """The kinds of danger a text names: a peril ("risk", "danger", "harm"), ruin ("kill",
    "damage"); from the client, a worry or an accident names a peril too."""
    kinds = set()
    if _PERIL.search(text) or (said_by_them and _WORRY.search(text)):
        kinds.add("peril")
    if _RUIN.search(text):
        kinds.add("ruin")
    return kinds
