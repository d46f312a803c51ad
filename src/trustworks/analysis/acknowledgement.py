"""Whether an acknowledgement stands, or only runs up to the seller's own case.

"I understand. I need the water too." is "I understand, but I need the water" without the
"but": the acknowledgement is the preface to a claim on the very thing the client asked for.
An acknowledgement stands when what comes straight after it stays with them (a question, a
concession, nothing at all) or names a need of the seller's that does not compete with
theirs: "I hear you. I need a lot of firewood. How about your 3 waters for my 3 firewood?",
after they asked for water, proposes a trade rather than rebutting them.

A claim is a clause of the seller's own (I, we, my, our) that says what they need, want,
would take or put first. It competes when it says so of the same thing ("too", "as well") or
names what the client claimed in their last turn (or, when they claimed nothing in so many
words, what they talked about). A need the client never put in words ("I am always hungry"
after "we need the food") is not recognised.

A bare "I understand." or "I hear you." acknowledges only when there was something to
acknowledge: a feeling, a worry, a difficulty, a doubt or an objection of theirs. After a fact
or a wish ("we'd love tighter CRM integration"), it is a receipt on the way to whatever the
seller says next ("I completely understand. Have you considered other tools?"), which is what
coaches call the formula. Named, the same understanding stands after anything: "I understand
why you need the firewood".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from trustworks.analysis.negation import is_denied
from trustworks.sentences import content_words, sentence_span
from trustworks.signals.matcher import CaseFree, Match

SIGNAL = "acknowledges_their_position"

# A claim: the speaker needs, wants or would take something, or puts it first for
# themselves. Its subject is the speaker ("I really need", "we'd like", "can I have", "give
# me"); "you need it" and "we all want to be safe" claim nothing for them, and wanting
# something for the other side ("I want you to stay warm", "I want to find something that
# works for you") is not a claim either. What follows the claim's verb is what it claims.
# The subject may be their party ("my wife and baby will need"), with nobody else made the
# subject on the way ("I hope you need" claims nothing).
_SUBJECT = (
    r"\b(?:i|we|my|our)\b(?![,\s]+(?:all|both)\b)"
    r"(?:(?!\b(?:you|your|they|he|she|it|if|but|whether)\b)[^.!?\n]){0,60}?"
)
_FOR_THEM = (
    r"(?!\s+(?:you\b|to (?:help|give you|offer you|find something|meet you|share|work (?:with|"
    r"for) you|hear|know|understand|be fair|see|make (?:it|this|that) work)\b))"
)
_CLAIM = CaseFree(
    re.compile(
        rf"{_SUBJECT}\b(?P<verb>need(?:s|ed|ing)?|want(?:s|ed)?|prefer(?:red)?|requires?|"
        rf"hop(?:e|ed|ing) (?:to (?:get|have|keep|take)|for)|"
        rf"(?:(?<=could )|(?<=also )|(?<=really ))use|(?:(?<=would )|(?<='d ))(?:like|love)|"
        rf"(?:have|has) to have|must have|can'?t (?:do|go|manage|survive|live) without){_FOR_THEM}|"
        # "making the food a necessity", "food is my top priority": what it claims comes before.
        rf"(?P<noun>{_SUBJECT}\b(?:a |the )?(?P<thing>necessity|priority|must-have)\b)|"
        rf"\b(?:i|we)(?:'d| would)(?: really| also| much)? (?:like|love){_FOR_THEM}|"
        r"\b(?:i|we)(?:'ll|'d| will| would| should| could| can) (?:\w+ )?(?:take|keep|get|have)"
        r"(?! by\b| along\b| through\b| away\b)|"
        r"\b(?:can|could|may|might) (?:i|we) (?:please )?(?:have|take|get|keep)\b|"
        r"\b(?:give|let) (?:me|us) (?:have |take |keep )?|"
        r"(?P<ours>\b(?:my|our) (?:\w+ )?(?:priority|need|necessity)\b)|"
        # "Food matters most to us": what it claims comes before.
        r"(?P<stake>\b(?:a |the |my |our )?(?:necessity|priority|essential|crucial|vital|important|"
        r"high need|must|matters?(?: (?:most|more|a lot))?)(?: one)? (?:to|for) (?:me|us)\b)",
        re.IGNORECASE,
    )
)
# "I don't need firewood" gives it up.
_NEGATED = re.compile(r"(?:\bnot|n't|\bnever|\bno)\s+(?:\w+\s+)?$", re.IGNORECASE)
# The seller's need said to be the same as theirs.
_SAME = re.compile(r"\b(?:too|as well|also|either)\b", re.IGNORECASE)
# A claim on "it", "them" or everything covers whatever they asked for.
_ALL_OF_IT = re.compile(
    r"^\W*(?:\w+\s+){0,2}?(?:it|them|that|those|everything|all|the (?:extra )?(?:supplies|items))"
    r"\b(?!\s+(?:of|the)\b)",
    re.IGNORECASE,
)
# Something given to them in the same breath: then the claim is half of a trade ("I
# understand. You can have 2 firewood if I can have 2 food"), not a rebuttal. Not when the
# giving is denied ("I won't give you any", "I'd rather not part with it").
_NOT = r"(?<!n't )(?<!not )(?<!never )(?<!cannot )"
_GIVES = CaseFree(
    re.compile(
        rf"{_NOT}\b(?:give|offer|let|leave|send|provide|hand) you\b|"
        r"\byou (?:can|could|may|should|will|'ll|would) (?:\w+ )?(?:have|take|keep|get)\b|"
        rf"\b(?:spare|get by|yours|you take|you get)\b|{_NOT}\b(?:part with|forgo|do without)\b",
        re.IGNORECASE,
    )
)
# What is claimed ends with its clause.
_CLAUSE_END = re.compile(r"[.!?;,]|\b(?:but|so|if|because|since|how about)\b", re.IGNORECASE)
_OBJECT_WORDS = 8
# Amounts and fillers in what is claimed: "a lot more of the water" claims water.
_AMOUNT_WORDS = frozenset(
    [
        "more",
        "some",
        "extra",
        "lot",
        "lots",
        "alot",
        "much",
        "many",
        "bit",
        "little",
        "least",
        "enough",
        "plenty",
        "additional",
        "package",
        "packages",
        "also",
        "well",
        "either",
    ]
)


# A sentence of nothing but a bare acknowledgement's words: "Yeah, I totally get that, sir."
_BARE = re.compile(
    r"(?:\W*\b(?:oh|well|yeah|yes|yep|okay|ok|no|so|right|sure|i|i'm|you|totally|completely|"
    r"fully|really|do|definitely|absolutely|can|understand|get|it|that|that's|hear|see|makes?|"
    r"sense|an?|good|fair|valid|great|points?|sir|ma'am|friend)\b)+\W*",
    re.IGNORECASE,
)
# Something of theirs to acknowledge: how they feel, what is hard for them, a doubt, money
# worries, or an objection ("I'm not here to talk about my drinking").
_TO_ACKNOWLEDGE = re.compile(
    r"\b(?:worr\w*|concern(?:s|ed|ing)?|afraid|scar(?:ed|y)|fear\w*|nervous|anxi\w*|stress\w*|"
    r"frustrat\w*|upset\w*|annoy\w*|angry|mad|disappoint\w*|sad|hurt\w*|pain\w*|bother\w*|"
    r"overwhelm\w*|struggl\w*|hard|difficult\w*|tough|rough|tight|tricky|sceptic\w*|skeptic\w*|"
    r"cautious|hesita\w*|unsure|not (?:so |really |too |that )?sure|doubt\w*|confus\w*|tired|"
    r"exhaust\w*|busy|swamped|expensive|steep|pricey|afford\w*|too (?:much|expensive|high|many|"
    r"soon|fast|long)|(?:can'?t|cannot|won'?t|don'?t|do not|didn'?t|not) (?:really |just |even )?"
    r"(?:want|like|think|get|see|agree|accept|do|go|give|trust|believe|afford|here|interested|"
    r"ready|happy|comfortable|convinced|fair)|unfair|no way|not fair)\b",
    re.IGNORECASE,
)


def is_bare(text: str, start: int, end: int) -> bool:
    """Whether the acknowledgement at ``text[start:end]`` is a sentence on its own with no
    object: "I understand.", "Yeah, I totally get that.", "That makes sense."

    >>> is_bare("I completely understand. Have you considered other tools?", 2, 23)
    True
    >>> is_bare("I understand why you need the firewood.", 0, 12)
    False
    """
    left, right = sentence_span(text, start, end)
    return _BARE.fullmatch(text[left:right].replace("’", "'")) is not None


# Agreeing to what they asked: "I do understand. That will work for me."
_AGREES = re.compile(
    r"\b(?:(?:that|this|it) (?:will |would |should )?works?|(?:it'?s|that'?s) a deal|deal\W*$|"
    r"(?:sounds|seems) (?:good|fair|great|fine)|i (?:can|could) (?:do|manage|live with) that|"
    r"i agree|i'?m (?:ok|okay|fine|happy) with (?:that|this|it))\b",
    re.IGNORECASE,
)


def bare_receipt(text: str, start: int, end: int, theirs: str) -> bool:
    """Whether the acknowledgement at ``text[start:end]`` is only a receipt of ``theirs``, the
    client's last turn: bare, after nothing to acknowledge, and with nothing given or agreed
    after it ("I understand. You can have all three firewood" acknowledges by giving) and no
    question about what they said.

    >>> bare_receipt("I understand. Have you considered other tools?", 0, 12, "We'd love CRM sync.")
    True
    >>> bare_receipt("I understand. You can have the water.", 0, 12, "We need water for the kids.")
    False
    """
    if not is_bare(text, start, end) or something_to_acknowledge(theirs):
        return False
    after = text[end : _straight_after(text, end)]
    if _gives(after) or _AGREES.search(after):
        return False
    # Or it goes on to ask about what they said: "I understand. How far are you hiking?"
    return not ("?" in after and _stems(after) & _stems(theirs))


def something_to_acknowledge(theirs: str) -> bool:
    """Whether the client's turn says how they feel, what is hard, a doubt or an objection.

    >>> something_to_acknowledge("I'm worried we won't have enough water.")
    True
    >>> something_to_acknowledge("I'd love to see more integration with our CRM.")
    False
    """
    return _TO_ACKNOWLEDGE.search(theirs) is not None


def _stems(text: str) -> set[str]:
    """Content words without a plural or possessive ending: "waters" is "water"."""
    out = set()
    for word in content_words(text):
        word = word.removesuffix("'s")
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        if word not in _AMOUNT_WORDS:
            out.add(word)
    return out


def _claimed(text: str) -> list[tuple[str, str]]:
    """Each claim the speaker makes for themselves in ``text``: its sentence up to the end of
    what it claims, and the words it claims (after the verb, to the end of the clause)."""
    out = []
    for claim in _CLAIM.finditer(text):
        at = claim.start("verb") if claim.group("verb") else claim.start()
        if _NEGATED.search(text, max(0, at - 12), at):
            continue
        left = max(text.rfind(mark, 0, claim.start()) for mark in ".!?\n") + 1
        rest = text[claim.end() :]
        cut = _CLAUSE_END.search(rest)
        words = (rest[: cut.start()] if cut else rest).split()[:_OBJECT_WORDS]
        if claim.group("stake") or claim.group("ours") or claim.group("noun"):
            # What is claimed came first: "food is my top priority".
            start = claim.start("thing") if claim.group("noun") else claim.start()
            before = text[left:start]
            clause = max(before.rfind(mark) for mark in ",;") + 1
            words = before[clause:].split()[-_OBJECT_WORDS:] + (
                [] if claim.group("stake") else words
            )
        said = text[left : claim.end()] + " " + " ".join(words)
        out.append((said, " ".join(words)))
    return out


def _claimed_by_them(theirs: str, earlier: Sequence[str]) -> set[str]:
    """What the client asked for: the words of their claims in their last turn; failing
    those, the words of that turn and of their latest claim before it ("I need the food" and
    then "but these are only extra packages")."""
    claims = [words for _, words in _claimed(theirs)]
    if claims:
        return set().union(*map(_stems, claims))
    for turn in reversed(earlier):
        claims = [words for _, words in _claimed(turn)]
        if claims:
            return _stems(theirs).union(*map(_stems, claims))
    return _stems(theirs)


def runs_up_to_own_case(text: str, end: int, theirs: str, earlier: Sequence[str] = ()) -> bool:
    """Whether the acknowledgement ending at ``end`` leads straight into the seller's claim
    on what the client asked for in ``theirs`` (their last turn) or, when that turn claims
    nothing, in the latest of their ``earlier`` turns (oldest first) that does.

    >>> runs_up_to_own_case("I understand. I have kids too so I need the food.", 12, "")
    True
    >>> runs_up_to_own_case("I understand. What matters most to you?", 12, "I need food.")
    False
    """
    after = text[end : _straight_after(text, end)]
    if _gives(after):
        return False
    wanted: set[str] | None = None
    for said, words in _claimed(after):
        if _SAME.search(said) or _ALL_OF_IT.match(words):
            return True
        if wanted is None:
            wanted = _claimed_by_them(theirs, earlier)
        if _stems(words) & wanted:
            return True
    return False


def leads_into(text: str, end: int, hits: Sequence[Match]) -> bool:
    """Whether one of ``hits`` (the pitch, say) starts straight after the acknowledgement
    ending at ``end``: in the rest of its sentence or the one after, with no question to them
    in between. "I understand. At Acme we've built a tool for that" acknowledges nothing;
    "I understand. What worries you most? Our tool may help" asks first.
    """
    right = _straight_after(text, end)
    return any(end <= hit.start < right and "?" not in text[end : hit.start] for hit in hits)


def _straight_after(text: str, end: int) -> int:
    """Where what comes straight after the acknowledgement ending at ``end`` stops: the rest
    of its sentence and the sentence after that."""
    _, right = sentence_span(text, max(end - 1, 0))
    if right < len(text):
        _, right = sentence_span(text, min(right + 1, len(text) - 1))
    return right


# A turn that opens by turning them down: "No,", "Not this time", "Sorry, I can't".
_REFUSES = re.compile(
    r"^\W*(?:(?:well|oh|hmm+|um+|uh+|ok(?:ay)?)[,.]?\s+)*(?:no\b(?!\W*(?:problem|worries|worry|"
    r"doubt|issue|trouble)\b)|nope\b|nah\b|not (?:this time|"
    r"really|possible|a chance)\b|(?:i'?m )?sorry,? (?:but )?(?:i|we) (?:can'?t|cannot|won'?t)\b|"
    r"(?:i|we) (?:can'?t|cannot|won'?t) (?:do|give|let|agree|accept|spare|part)\b|"
    r"unfortunately\b)",
    re.IGNORECASE,
)
# The client asking to be given something: "Will you please give me one firewood?", "can I
# have the water?", "could you spare one?", "you can't let up one firewood for me?"
_ASKS_FOR_IT = CaseFree(
    re.compile(
        r"\b(?:can|could|may|might) (?:i|we) (?:please )?(?:have|take|get|keep)\b|"
        r"\b(?:give|let|spare|pass) (?:me|us)\b|"
        r"\b(?:let|give|spare) (?:\w+ ){1,3}(?:for|to) (?:me|us)\b|"
        r"\b(?:would|will|can|could) you (?:please |be (?:willing|able|ok|okay|happy) to )?"
        r"(?:give|let|spare|part with|trade|let go of)\b|"
        r"\b(?:can'?t|won'?t) you (?:give|let|spare)\b",
        re.IGNORECASE,
    )
)


# A request about the price or terms ("can we get a 20% discount?") is answered by the
# seller's reasons, which are theirs to give: owning one's commercial interest, not holding out.
_ABOUT_PRICE = re.compile(
    r"\b(?:discount|price|pricing|fee|fees|cheaper|percent)\b|\d ?%|[$£€]",
    re.IGNORECASE,
)


def _gives(text: str) -> bool:
    """Whether something is given to them in ``text``, and not denied ("I can't really give
    you any", "I'm not going to give you the water")."""
    return any(not is_denied(text, found.start()) for found in _GIVES.finditer(text))


def holds_out_against(text: str, theirs: str) -> bool:
    """Whether the seller's turn argues their own need against what the client just asked to
    be given, giving nothing back: it turns them down, or claims the same thing (or all).

    Saying what one needs is honest self-interest; saying it to refuse a request ("Will you
    please give me one firewood?" - "I think I will need all the firewood") is holding out.
    Claiming what the client only said they need ("I need firewood" - "I need some too,
    I'm anemic") is not: both needs are on the table.

    >>> holds_out_against("I need all the firewood to cook.", "Can I have one firewood?")
    True
    >>> holds_out_against("Not this time, I really need it.", "Could you spare one water?")
    True
    >>> holds_out_against("I need firewood too, so you can have 2 water.", "Can I have firewood?")
    False
    >>> holds_out_against("I need firewood too, I get cold easily.", "I need firewood.")
    False
    >>> holds_out_against("No, never. I need water because I hike.", "Have you been here before?")
    False
    """
    if _gives(text) or not _ASKS_FOR_IT.search(theirs) or _ABOUT_PRICE.search(theirs):
        return False
    if _REFUSES.match(text):
        return True
    asked = _stems(theirs)
    return any(_ALL_OF_IT.match(words) or _stems(words) & asked for _, words in _claimed(text))
