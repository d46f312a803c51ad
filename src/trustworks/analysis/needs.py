"""A need said with the state behind it, in two sentences: "I have an unusually high
metabolism. I need the extra food.", "I really need the firewood. I have asthma."

The catalogue reads a need and its reason when one sentence holds both
(``states_what_seller_needs``: "I need the firewood because the nights get cold"). People as
often say them one after the other, and the reason is then no "because" but a plain state of
their own: what they have, are, get or lack. Said either way it is honest self-interest: the
other side learns what the speaker needs and why, and can deal with the real situation instead
of guessing. Only a need of something counts ("I need to go", "I need you to sign" and "I need
your address" ask something of the other side), and only the speaker's own state, not an offer
("I'll give you the water", "I'm happy with that").
"""

from __future__ import annotations

import re

from trustworks.analysis.context import Emission, TurnContext
from trustworks.conversation import Role
from trustworks.sentences import SENTENCE
from trustworks.signals.matcher import Gated

SIGNAL = "states_what_seller_needs"

_LEAD = (
    r"^\W*(?:(?:so|and|but|well|also|honestly|yeah|yes|no|nah|ok|okay|hmm|um|oh|plus|hi|hello|"
    r"hey)\W+)*"
)
# What is bargained for, named: the campsite's goods and the common words for a share of them.
_GOODS = r"(?:water|food|firewood|wood|supplies|packages?|medicine|medication|blankets?)"
# "I really need the firewood", "we need some extra water", "I prefer the firewood", "I'd
# love extra food".
_NEED = re.compile(
    _LEAD
    # "No, I think I need all the water", "I guess we really need the firewood".
    + r"(?:(?:i|we) (?:think|guess|believe|feel like|know)(?: that)?,? )?"
    r"(?:(?:i|we) (?:really |also |definitely |do |just |still |actually |truly )?"
    r"(?:need|prefer|want|could (?:really )?use)|"
    # "I will thus need the 3 firewood", "I'm actually very much in need of water".
    r"(?:i|we)(?:'ll| will)(?: (?:thus|therefore|definitely|really|also|probably|still|so))? "
    r"need|(?:i|we)(?:'m| am|'re| are) (?:(?:actually|really|very much|also|so|badly) )*in "
    r"(?:(?:real|dire|desperate|great|serious|urgent|much) )?need of|"
    # "I'd like", not "I like": a want, not a taste.
    r"(?:i|we)(?:'d| would) (?:really |also |definitely )?(?:like|love|prefer|want|need))"
    r"(?! (?:you|your|it|that|this|them|to|a minute|a second|some time|time|help|a break)\b)"
    r" (?:the |some |more |extra |a lot of |lots of |all |a little |at least |plenty of )?"
    r"[\w'-]+",
    re.IGNORECASE,
)
# Or the thing named as what matters to them: "water is really important to me", "the
# firewood is our top priority". Tried only on a sentence with such a word in it.
_MATTERS = re.compile(
    _LEAD + rf"(?:the |extra |more )?{_GOODS}(?: and (?:the |extra |more )?{_GOODS})? "
    r"(?:is|are) (?:(?:(?:super|very|really|extremely|so|most|the most) )?(?:important|crucial|"
    r"essential|vital) (?:to|for) (?:me|us|my|our)|(?:my|our) (?:top |main |first |highest |"
    r"biggest |number one )?priority)\b",
    re.IGNORECASE,
)
_MATTERS_WORDS = re.compile(r"importan|crucial|essential|vital|priorit", re.IGNORECASE)
# The speaker's own state, named: a condition or a body ("I have asthma", "I'm diabetic", "I
# get cold easily"), the people with them ("we have three kids"), what they lack ("we didn't
# bring enough", "we ran out"), or where they will be ("we'll be hiking all day"). "I'm not
# sure why", "I have no idea" and "I will be honest" say no state.
_STATE = re.compile(
    _LEAD + r"(?:(?:i|we)(?:"
    r"(?:'ve| have)(?: got)? (?:an? |some |(?:two|three|four|five|\d+) )?(?:[\w-]+ ){0,3}?"
    r"(?:condition|illness|disease|diabetes|asthma|allerg\w*|anemia|anaemia|metabolism|kids?|"
    r"children|family|baby|babies|group|party|people|guests|friends|dogs?|medical|health|back|"
    r"knee|injur\w*|arthritis|immune|medication|meds|pills|stomach|blood sugar|heart)\b"
    r"|(?:'m| am|'re| are) (?:\w+ )?(?:diabetic|anemic|anaemic|pregnant|sick|ill|cold|hungry|"
    r"thirsty|skinny|active|allergic|camping|hiking|going (?:camping|hiking|fishing|away|out|"
    r"somewhere|to the)|bringing|fasting|travell?ing|staying|"
    r"feeding|expecting|nursing|a (?:large|big|small|growing) (?:group|family|party|team|"
    r"household))\b"
    # A fear of their own: "I am really worried about getting lyme disease".
    r"|(?:'m| am|'re| are) (?:really |very |so |a (?:little|bit) )?(?:worried|scared|afraid|"
    r"nervous|terrified) (?:about|of)\b"
    r"|(?: always| usually| often)? get (?:\w+ )?(?:cold|hot|hungry|thirsty|dehydrated|tired|"
    r"sick|chilly|faint)\b"
    r"|(?: don'?t have| do not have| didn'?t (?:bring|pack|get|have)| did not (?:bring|pack|"
    r"get|have)| ran out| only have| lost| forgot)\b"
    r"|(?: can'?t| cannot) (?:eat|drink|sleep|stay|keep|find|get|handle)\b"
    r"|(?:'ll| will) be (?:hiking|camping|cooking|out|in|at|near|by|far|away)\b"
    # Where they are, when it is hard going: "I'm in the desert", "we are camping in a hot,
    # dry area" ("I'm in the office today" is no hardship).
    r"|(?:'m| am|'re| are|'ll be| will be) (?:going to be )?(?:\w+ )?(?:in|at|near|on) "
    r"(?:the |a |an )?"
    r"(?:(?:very |really |pretty |extremely )?(?:hot|dry|cold|wet|damp|humid|remote|arid|"
    r"freezing|rainy|snowy)(?:,? (?:and )?\w+)? (?:area|place|climate|region|spot|site|part)|"
    r"desert|mountains?|wilderness|jungle|heat|snow)\b)"
    # Or the place itself: "there's absolutely no water supply", "it gets freezing at night".
    r"|there(?:'s| is| are| will be| won'?t be) (?:absolutely |really |very |going to be )?"
    r"(?:no|little|not much|not enough|not any|hardly any|few) (?:\w+ )?(?:water|wood|firewood|"
    r"food|shade|stores?|shops?|supply|supplies|source|streams?|lakes?)\b"
    r"|it(?:'s| is| gets| will be| is going to be| can get| will get) (?:very |really |pretty |"
    r"extremely |so )?(?:cold|freezing|hot|dry|chilly)\b(?! (?:here|today|in (?:the|this) "
    r"(?:office|room)))\b)",
    re.IGNORECASE,
)
# The same state going on, in one sentence, to what it makes them want: "I'm very thirsty and
# would appreciate some more water", "I have a big group heading out and we could use some extra
# supplies", "I am camping in a damp jungle area, so I would like 3 firewood". Something wanted,
# counted or named as more of it: "and would like to know", "so I'd like you to call" ask
# nothing of the kind.
_GOES_ON_TO_WANT = re.compile(
    r"(?:,?\s*\band|,?\s*\bso|,|;)\s+(?:(?:i|we)\s+)?(?:(?:would|'d|could|really|also|"
    r"definitely|will|do)\s+){1,2}(?:like|love|appreciate|use|need|want)\s+(?:to (?:have|get|"
    r"take|keep|bring)\s+)?(?:some|more|extra|a little|a bit|a lot|plenty|all|\d+|one|two|three|"
    r"a couple)\b"
    # "I have diabetes, so water and food are super important to me".
    rf"|,?\s*\bso\s+(?:the |extra |more )?{_GOODS}(?: and (?:the |extra |more )?{_GOODS})? "
    r"(?:is|are) (?:(?:super|very|really|extremely|so) )?(?:important|crucial|essential|vital)\b",
    re.IGNORECASE,
)
# Where they are going or what they are doing, said bare ("I am going camping and would like
# some extra supplies"), is no reason for wanting more: a word more about it is ("I am camping
# in a damp jungle area, so...", "we're camping for two nights and...").
_BARE_ACTIVITY = re.compile(
    r"\b(?:camping|hiking|fishing|away|out|somewhere|travell?ing|staying|bringing|the)\W*$",
    re.IGNORECASE,
)


def _wants_for_its_state(sentence: str) -> bool:
    """Whether a sentence says the speaker's own state and goes on to what it makes them want."""
    state = _STATE.match(sentence)
    if state is None:
        return False
    want = _GOES_ON_TO_WANT.search(sentence, state.end())
    if want is None:
        return False
    return bool(sentence[state.end() : want.start()].strip()) or not _BARE_ACTIVITY.search(
        state.group()
    )


# Most turns say no need at all: RE2 tells them apart before the sentences are read.
_MAY_NEED = Gated(
    re.compile(
        r"\b(?:i|we)(?:'ll)? (?:\w+ ){0,2}(?:need|prefer|want)\b|\bin (?:\w+ )?need of\b|"
        r"\b(?:would|'d|could) (?:\w+ )?(?:like|love|appreciate|use|prefer|want)\b|"
        r"importan|crucial|essential|vital|priorit",
        re.IGNORECASE,
    )
)


class NeedsDetector:
    """Finds a need said next to the speaker's own state, once per turn."""

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Emit the need's sentence when the sentence before or after it says why."""
        if ctx.role is not Role.SELLER:
            return []
        text = ctx.turn.text
        if _MAY_NEED.search(text) is None:
            return []
        matters = _MATTERS_WORDS.search(text) is not None
        sentences = [m.span() for m in SENTENCE.finditer(text)]
        said = [text[a:b] for a, b in sentences]
        for k, sentence in enumerate(said):
            if "?" in sentence:
                continue
            if _wants_for_its_state(sentence):
                start, end = sentences[k]
                return [Emission(SIGNAL, start, end)]
            if _NEED.match(sentence) is None and not (matters and _MATTERS.match(sentence)):
                continue
            beside = [said[j] for j in (k - 1, k + 1) if 0 <= j < len(said)]
            if any("?" not in other and _STATE.match(other) for other in beside):
                start, end = sentences[k]
                return [Emission(SIGNAL, start, end)]
        return []
