"""What the seller's own terms look like, so a question about them is not taken for curiosity.

"What do you think?" after "I'd take two waters and you the food" asks for a verdict on the
seller's proposal; "how does that sound?" and "does that work for you?" do the same. Such a
question neither asks about the client's world (listening) nor explores a need they stated.
"""

from __future__ import annotations

import re

from trustworks.signals.matcher import CaseFree, Gated, fast_form

# A quantity, "how much", how terms "sound" or what "would be fair": the deal, not the person.
# On AnnoMI and CaSiNo (train and valid), follow-up questions with these were 8 of 23
# follow-up credits, all wrong; "how many fish can one person eat?" is a jibe.
PUTS_TERMS = re.compile(
    r"\d|\b(one|two|three|four|five|six|half|all|both|how much)\b|\bsound\w*\b|"
    r"\bwhat(?:'s| is| would be| will be) (?:a )?fair\b",
    re.IGNORECASE,
)
# A share proposed in the question itself: "why don't you take two and I get the rest?", "can
# we split the water?". A share is a quantity ("two", "all", "the rest", "extra"): "can you
# give me an example?", "how do you deal with it today?" and "what would you propose?" are
# discovery, not terms.
_SHARE = (
    r"(?:\d+|one|two|three|four|five|six|all|both|the rest|some|more|extra|half|a few|"
    r"(?:a|one|two|three) (?:package|pack|unit|bottle|bundle)s?)"
)
PROPOSES = re.compile(
    rf"\b(?:i|we)(?: could| can| would| will|'ll|'d)? (?:take|get|keep|give you|offer(?: you)?) "
    rf"(?:the )?{_SHARE}\b|"
    r"\byou(?: could| can| would| will|'ll|'d)? (?:take|get|keep|have) (?:the|all|both|one|two|"
    r"three|\d)\b|"
    r"\b(?:split (?:it|the|them|everything|the difference)|compromise (?:on|with|at)|in exchange|"
    r"meet (?:you )?(?:in the middle|halfway)|middle ground|i propose|"
    r"(?:this|that|the|a) deal (?:ok|okay|work|for you|sound))\b|\btrade (?:you|me|for|with)\b|"
    rf"\bhow about (?:i|we|you)\b|\b(?:give|let) (?:me|us) (?:have )?{_SHARE}\b|"
    rf"\bleav(?:e|es|ing) you (?:with )?{_SHARE}\b|"
    rf"\bcan (?:you|i|we) (?:give|have|get)(?: me| you| us)? {_SHARE}\b",
    re.IGNORECASE,
)
# A bare request for their verdict: "what do you think?", "what are your thoughts?".
ASKS_VERDICT = re.compile(
    r"^\W*(?:\w+\W+)?(?:what do you think|what are your thoughts|how do you feel about (?:that|"
    r"this|it))\W*$",
    re.IGNORECASE,
)
# "How's that?", "what about that?", "how does that sound?", "does that work for you?", "is
# that alright?": checking the seller's proposal, whatever came before.
CHECKS_PROPOSAL = re.compile(
    r"^\W*(?:\w+\W+)?(?:(?:how(?:'?s| is| does| would)|what about|how about) (?:that|this)"
    r"(?: (?:sound|work|look|seem)s?)?|(?:does|would|will|can) (?:that|this|it) (?:work|suit|be "
    r"(?:ok|okay|alright|all right|fair|good|acceptable))(?: (?:for|with) you)?(?: as well| too)?|"
    r"(?:is|would) (?:that|this|it) (?:be )?(?:ok|okay|alright|all right|fair|good|acceptable)"
    r"(?: (?:for|with) you)?|sound (?:good|fair|ok|okay)|(?:do we have a )?deal)\W*$",
    re.IGNORECASE,
)


# A share set against a side: "2 food for you, 1 for me", "3 packages each".
_SHARE_FOR = re.compile(
    rf"\b{_SHARE}(?: \w+){{0,2}} (?:for (?:me|you|us|each)|each|to you|to me|apiece)\b",
    re.IGNORECASE,
)


# A share the seller wants or proposes for themselves or for them: "I would prefer 3
# firewood", "I was hoping for 2", "would you be okay with 2 food?".
_WANTS_SHARE = re.compile(
    rf"\b(?:(?:i|we)(?:'d| would| really| should| could| was| were| am|'m)?(?: (?:like|prefer|"
    rf"want|need|take|use|get|have|hoping for|going to need))(?: to (?:have|get|take|keep))?|"
    rf"(?:okay|ok|fine|happy|good) with)(?: at least| only| just| all)?(?: of)? {_SHARE}\b",
    re.IGNORECASE,
)
_QUANTITIES = re.compile(r"\b(?:\d+|one|two|three|four|five|six)\b", re.IGNORECASE)
# A share claimed for the speaker's own side: "and I get 3 firewood?", "2 waters for me", "I
# would prefer all the food". (Offered to them, "you take two", it is no claim.)
_COUNTED = r"(?:\d+|one|two|three|four|five|six|all(?: (?:of )?the)?|both|the rest|half)"
_CLAIMS = re.compile(
    rf"\b(?:i|we)(?:'ll|'d| could| can| would| will| really| just)? (?:take|get|keep|have|need|"
    rf"prefer|want|like|would like|'d like) (?:the )?{_COUNTED}\b(?! of\b)"
    # "We'll get two quotes", "I'll take one of the brochures" gather; they claim nothing.
    r"(?! (?:\w+ )?(?:quotes?|estimates?|bids?|opinions?|references?|brochures?|copies|samples?|"
    r"demos?|calls?|meetings?|questions?|minutes?|days?|weeks?|kids?|children)\b)|"
    rf"\b(?:could|can|may) (?:i|we) (?:have|get|take|keep) (?:the )?{_COUNTED}\b|"
    rf"\b{_COUNTED}(?: \w+){{0,2}} (?:for (?:me|us|myself|ourselves)|to me|to us)\b",
    re.IGNORECASE,
)


def names_terms(text: str) -> bool:
    """Whether ``text`` puts terms on the table: a share proposed or wanted ("I'd take two of
    the water", "I would prefer 3 firewood") or set against a side ("2 food for you, 1 for
    me"), or a list of quantities. One figure alone is not terms: "we've been around 20
    years" or "oh, two kids" names none."""
    return bool(
        _PROPOSES_FAST.search(text)
        or _SHARE_FOR.search(text)
        or _WANTS_SHARE.search(text)
        or len(_QUANTITIES.findall(text)) >= 2
    )


# A move in a bargain, whoever it favours: "I could give you 2 waters if I get 3 firewood", "2
# food for you" ("we have servers in Frankfurt and the rest in Dublin" makes none).
_A_MOVE = re.compile(
    rf"\b(?:i|we)(?:'d|'ll| could| can| would| will)? (?:give you|offer you|trade you|take|keep) "
    rf"{_COUNTED}\b|\bif (?:i|we) (?:can )?(?:get|have|take|keep|give(?: you)?) {_COUNTED}\b|"
    rf"\b{_COUNTED}(?: \w+){{0,2}} (?:for (?:you|me|us)|each)\b",
    re.IGNORECASE,
)


def makes_a_move(text: str) -> bool:
    """Whether ``text`` gives, takes or sets counted shares, as a bargain's move does."""
    return _A_MOVE.search(text) is not None


def claims_a_share(text: str) -> bool:
    """Whether ``text`` claims a counted share for the speaker's side, as each side of a split
    does: "And I get 3 firewood?", "I'll take 2 waters", "I would prefer 3 firewood", "could I
    have 2 waters?", "2 waters for me" ("I have some questions", "we need more time", "we'll
    get two quotes" claim nothing)."""
    return _CLAIMS.search(text) is not None


# A check on a proposal, closing the question: "..., is that good?", "Is that reasonable?",
# "Does this offer work for you?", "Would you be okay with that?", "What do you think?".
_THAT = r"(?:that|this|it)(?: (?:deal|offer|split|proposal|trade|arrangement|plan))?"
_FINE = (
    r"(?:ok|okay|alright|all right|fair|good|acceptable|reasonable|fine|agreeable|doable|"
    r"better)"
)
# Every check starts with a letter. A check after a run like ", , , " is sought from the run's
# last comma, and the run is taken whole (possessive): read from every comma, with
# backtracking, a long run took quadratic time.
_CHECK_TAIL = re.compile(
    r"(?:^\W*+|[,;:][^\w,;:]*+|\b(?:so|and|then|but)\s\W*+)"
    r"(?:(?:how|what) (?:about|do you think of) "
    rf"{_THAT}|how(?:'?s| is| does| do| would) {_THAT}(?: (?:sound|work|look|seem)s?)?"
    rf"(?: (?:to|for) you)?|(?:does|would|will|can|could) {_THAT} (?:work|suit you|"
    rf"(?:sound|seem) {_FINE})(?: (?:for|with|to) you)?(?: as well| too)?|"
    rf"(?:is|would|will) {_THAT} (?:be )?(?:(?:more|a bit more|a little more) )?{_FINE}"
    rf"(?: (?:for|with|to) (?:you|your (?:side|end|team|group|family)))?|"
    r"(?:are|would) you (?:be )?(?:ok|okay|alright|all right|fine|"
    r"happy|good|comfortable) with (?:that|this|it)|what do you think|what are your thoughts|"
    # "Can you live with that?", "Is that something you could work with?", "Fair enough?",
    # "..., if that works on your end?"
    r"(?:can|could|would) you (?:live with|work with|accept|agree to|go for) (?:that|this|it)|"
    r"is (?:that|this|it) something (?:you|your (?:side|team)) (?:could|can|would) "
    r"(?:live with|work with|agree to|accept)|fair enough|"
    r"if (?:that|this|it) works(?: for you| on your end| for your side)?|"
    r"(?:do we have a )?deal|sounds? (?:good|fair|ok|okay))\W*$",
    re.IGNORECASE,
)
# Asked of every question a seller puts, matched by one in twenty: RE2 says "no" to the
# others first (5 -> 1 us a question). RE2 rejects possessive quantifiers; made greedy, the
# pattern matches wherever the possessive one does (and where it would backtrack, more).
_CHECK_TAIL_GATED = Gated(_CHECK_TAIL, gate=_CHECK_TAIL.pattern.replace("*+", "*"))
# The seller's terms, led by the letters they can start with: a search skips to them.
_PROPOSES_FAST = CaseFree(re.compile(fast_form(PROPOSES.pattern), PROPOSES.flags))


# A price: "we can do it for $40k".
_PRICE = re.compile(r"[$£€]\s?\d|\b\d[\d,.]*\s?(?:k|dollars|bucks|pounds|euros)\b", re.I)


_HAS = re.compile(r"(?:i|we) have\b", re.IGNORECASE)
# Someone the figures are for: a person named ("me 2 food, you 1", "I'd like 3 water", "we
# could split it") or a price set on a quantity ("12 months at $40k", "$40 a seat"). "We have
# 12 engineers" and "I have two kids" say what is.
_SIDE = re.compile(
    r"\b(?:me|myself|mine|you|your|yours|yourself|us|ill|i'?ll|i'?d|i'?m)\b|"
    r"\b(?:i|we) (?!have\b)[\w']+|"
    r"\bat [$£€]\s?\d|[$£€]\s?\d[\d,.]*k? (?:a|per) (?:seat|user|month|year|licen[cs]e|head)\b",
    re.IGNORECASE,
)


def checks_view_of_terms(question: str, before: str) -> bool:
    """Terms put on the table by the seller, then their view of them asked: "If I take 2
    firewood, you take 1. Is that reasonable?", "i propose 2 water and 1 food to you, is that
    good?". In negotiation coaching this is the honest move: say what you want, and ask
    whether it works for them. A check with no terms before it ("Does Tuesday work for
    you?") asks about a time, not a proposal."""
    tail = _CHECK_TAIL_GATED.search(question)
    if tail is None:
        return False
    terms = f"{before} {question[: tail.start()]}"
    wants = _WANTS_SHARE.search(terms)
    if wants is not None and _HAS.match(wants.group()):
        wants = None  # "we have 12 engineers" says what is, not what they want
    if _PROPOSES_FAST.search(terms) or _SHARE_FOR.search(terms) or wants is not None:
        return True
    # Figures alone are terms only when they are put to a side or a price is set on them:
    # "we can do $40k", "12 months at $40k", "3 water and 2 food, you get the firewood"; not
    # "we have 12 engineers and 3 designers" or "our last client paid $40k".
    figures = len(_QUANTITIES.findall(terms)) >= 2 or _PRICE.search(terms) is not None
    return figures and _SIDE.search(terms) is not None


def asks_verdict_on_terms(question: str, before: str) -> bool:
    """A check on the seller's proposal: put in the question, or asked right after terms."""
    if CHECKS_PROPOSAL.match(question) or _PROPOSES_FAST.search(question):
        return True
    return bool(ASKS_VERDICT.match(question) and names_terms(before))
