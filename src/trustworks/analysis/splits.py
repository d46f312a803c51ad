"""Who gets what: the split a proposal names, and whether it takes the lion's share.

When two sides divide things between them ("I'll take 3 firewood and 2 food, you can have all
the water"), a proposal that keeps far more than it leaves, or that takes the very thing the
other side said they need, puts the proposer's interest first however it is worded. No
phrase shows it: it is in the counts, and in what the other side said before.

The reader finds each allocation in a turn (a count and an item, given to the speaker or to
the other side), remembers how many of each item there are (the most anyone has named), which
items the client said they need and the client's last proposal, and judges each proposal of
the seller's that names both sides' shares. Restating or checking a split agreed ("so to be
clear, I get 3 water and you get 3 firewood?") claims nothing: it is a recap of the terms,
which keeps the deal reliable.

A claim needs no split to spend trust: asking for most or all of the very item the client
has just said they need ("Water is what we need most." - "I'd like all the water."), with no
word for that need, tells them their need does not count, even when the totals come out even.
A word for it takes that away: an acknowledgement, a reason of the seller's own (honest
self-interest said plainly), a share that gives them at least as much of something they said
they need, or taking only what they themselves offered.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache

from trustworks.analysis.context import Emission, TurnContext
from trustworks.conversation import Role
from trustworks.sentences import LONGEST_SENTENCE, SENTENCE, sentence_span
from trustworks.signals.matcher import CaseFree, Gated, fold, lower_case_twin

SIGNAL = "claims_the_lions_share"
RECAP_SIGNAL = "recaps_who_gets_what"
NEED_SIGNAL = "claims_what_they_need"
AGAIN_SIGNAL = "pushes_the_same_terms_again"
MORE_SIGNAL = "asks_for_more_after_a_yes"
# Judged by reading findings on CaSiNo negotiations in no evaluation set (the first 600 of its
# train split, each side judged in turn). Claims: right 29 times in 36 (the rest were splits
# misread: a trade from what one holds, a size guessed low). Recaps: about 25 in 30 once
# counter-offers and offers checked with them were told apart. Crediting a split that gives
# the client most of what they said they need was right 53 times in 62, but it turned the
# trust score's order of CaSiNo's 1,800 train negotiators by their partner's liking from 0.19
# to 0.14 (`trustworks eval liking`), so it is not a finding.
CONFIDENCE = 0.8
RECAP_CONFIDENCE = 0.8
# Claims on what they need, on the same talk: right about 40 times in 44 (the rest: a need of
# theirs met that was not read as one, a trade they had hinted at). It raised the trust score's
# order of CaSiNo's negotiators by their partner's liking (`trustworks eval liking`) from 0.21
# to 0.23 on the train split and from 0.20 to 0.25 on the others.
NEED_CONFIDENCE = 0.8
AGAIN_CONFIDENCE = 0.8
# A need is the client's if said in their last three turns: long enough to span a deal agreed
# and then reopened, short enough that a need met or traded since is forgotten.
NEED_REACH = 3
# "Most" of an item is at least two of it: one of an item whose size is unknown may be a third.
MOST_AT_LEAST = 2
# Claims that keep at least twice what they leave, and three more than it.
LOPSIDED_RATIO = 2.0
LOPSIDED_MARGIN = 3

_NUMBERS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "both": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_NUMBER = r"\d{1,2}|zero|one|two|three|four|five|six|seven|eight|nine|ten"
_FILLER = (
    r"(?:(?:extra|more|additional|packages?|packs?|packets?|units?|bundles?|bottles?|rations?|"
    r"pieces?|cases?|bags?|boxes?|of|the|your|my|those|these|our)\s+)*"
)
# "all", "all the", "all 3 of the", "the rest of the": the whole item, counted once its size
# is known.
_ALL = rf"all(?: of)?(?: the| my| your| those| these)?(?: (?:{_NUMBER}))?(?: of(?: the)?)?"
_ALLOCATION = re.compile(
    rf"\b(?P<count>{_NUMBER}|{_ALL}|the rest(?: of(?: the)?)?|"
    r"(?<=\bfor )the)\s+"
    rf"{_FILLER}(?P<item>fire wood|[a-z][a-z-]+)\b"
    # "2 older people": the count is of people, not of an item.
    r"(?!\s+(?:people|persons?|kids?|children|adults?|folks|guys|members|ones|days?|nights?|"
    r"hours?|weeks?|times?)\b)",
    re.IGNORECASE,
)
# Words a count may come before that are not what is being divided: people, time, money
# (the currency of a deal, not a share of it), and words that only carry the sentence.
_NOT_ITEMS = frozenset(
    re.findall(
        r"\S+",
        """people person persons kid kids children child adult adults family families friend
    friends day days night nights hour hours minute minutes week weeks month months year
    years time times dollar dollars buck bucks cent cents percent pound pounds euro euros
    item items thing things lot bit way deal deals offer offers trade idea ideas point points
    problem problems worries worry reason reasons more other others each one ones of and or
    for to in on at with you me i we it that this is are be so but if as then too also
    really just very good great big little few couple half whole rest same other kind sort
    chance moment second question questions way ways everything anything something them
    those these it myself yourself ourselves himself herself themselves third thirds quarter
    quarters halves""",
    )
)
# Words between an owner and its verb ("I'll", "we would really like to"). The spaces before
# them are said once, not once a word: the same matches (no word starts with a space, so a
# word's spaces were always all of them), and the owner search 4.4 -> 2.5 us a window: Python's
# engine read the spaces again for each of 25 words, after every "i", "we" and "you".
_MODAL = (
    r"(?:'ll|'d|'m|\s+(?:will|would|could|can|should|shall|might|may|must|am|do|really|just|"
    r"then|also|still|definitely|only|gladly|happily|actually|rather|be|(?:like|love|want|need|"
    r"prefer|hope|hoping|willing|able|going|have) to|get to))"
)
# Each a choice of phrases, every one starting a word: ``_OWNER`` says "\b" once for all.
_MINE = (
    rf"(?:i|we){_MODAL}{{0,4}}\s+(?:get|take|keep|receive|want|need|like|prefer|require|grab|"
    r"claim|getting|taking|keeping|receiving)\b|"
    rf"(?:i|we){_MODAL}{{1,4}}\s+have\b|"
    # "I am happy with the 2 firewood": the share they take.
    r"(?:i'?m|i am|we'?re|we are) (?:\w+ )?(?:happy|fine|good|ok|okay|content) with\b|"
    r"(?:can|could|may|might) (?:i|we) (?:please )?(?:get|have|take|keep|grab)\b|"
    r"(?:give|let|leave|leaves|send|allow) (?:me|us)(?: (?:have|keep|take|get|with))?\b|"
    r"me (?:getting|having|taking|keeping|receiving|with)\b|"
    r"for (?:me|us|myself|ourselves|my (?:family|group|side|team|kids|crew))\b"
)
_THEIRS = (
    rf"you(?: guys| both| two)?{_MODAL}{{0,4}}\s+(?:get|take|keep|receive|have|having|"
    r"getting|taking|keeping|receiving)\b|"
    r"(?:give|giving|offer|offering|let|leave|leaving|send|trade|allow|allot|allotting) "
    r"(?:you|your side)(?: (?:have|keep|take|get))?\b|"
    rf"(?:i|we){_MODAL}{{0,4}}\s+(?:give|offer|trade|spare|part with|give up|let go of|"
    r"share|do without)\b|"
    r"for (?:you|yourself|your (?:family|group|side|team|kids|crew))\b|yours\b"
)
# Between two counts of one list: "3 food, 2 water and 1 firewood", "2 food packs & 1 water".
_LIST = re.compile(
    r"(?:\s+(?:packages?|packs?|packets?|units?|bundles?|bottles?|rations?|extras?))?"
    # "2 packages of food 2 packages water for you": a list said with no word between.
    r"\s*(?:,|,?\s*and|&|\+|plus|,\s*plus)?\s*",
    re.IGNORECASE,
)
_OWNER_AFTER = re.compile(
    r"\s*(?:(?P<mine>for (?:me|us|myself|ourselves)|to (?:me|us))|for (?:you|yourself)|to you)\b",
    re.IGNORECASE,
)
# Either owner, in one pass: the last hit before a count names it. With "\b" said once
# before them, Python's engine tries the alternatives only where a word starts, not at every
# letter (a quarter of the search's time).
_OWNER = re.compile(rf"\b(?:(?P<mine>{_MINE})|(?P<theirs>{_THEIRS}))", re.IGNORECASE)
# "three food for two water", "in exchange for": what follows goes to the side opposite the
# one named before it.
_FLIP = re.compile(r"\b(?:in exchange for|in return for|for)\s*$", re.IGNORECASE)
# A count the sentence denies ("I don't need 3 water") is no claim.
_DENIED = re.compile(
    r"\b(?:don'?t|do not|doesn'?t|won'?t|wouldn'?t|can'?t|cannot|not|never|no longer)\b[^,]*$",
    re.IGNORECASE,
)
_NEED = CaseFree(
    re.compile(
        r"\b(?:need|needs|needed|really (?:want|like|use)|could (?:really )?use|important|crucial|"
        r"essential|priority|most|low on|short on|run out|running (?:low|out))\b",
        re.IGNORECASE,
    )
)
# A need, or something they would like: what a trade may give them ("we would love extra food").
_WANT = CaseFree(
    re.compile(
        rf"{_NEED.regex.pattern}|"
        r"\b(?:(?:would|'d) (?:like|love)|want|wanted|prefer|hoping for|looking for)\b",
        re.IGNORECASE,
    )
)
_FIRST_PERSON = re.compile(r"\b(?:i|we|my|our|me|us|i'm|we're|i've|we've)\b", re.IGNORECASE)
_NO_NEED = CaseFree(
    re.compile(
        r"\b(?:don'?t|do not|doesn'?t|won'?t|not|never|no)\b(?:\s+\w+){0,2}\s+(?:need|needs|want|"
        r"use|important|crucial|priority)\b|\b(?:least|lowest)\b|"
        # "I have all the water I need": they have enough of it.
        r"(?<!n't )(?<!not )(?<!never )\b(?:have|got) (?:all |enough |plenty of )?(?:the |my )?\w+ "
        r"(?:i|we) need\b",
        re.IGNORECASE,
    )
)
# A need for one ("I need at least one water", "we just need one firewood") is met by any share
# left to them: taking the rest of it claims nothing they said they need. "Some" is not so
# modest: a coach read taking two of three firewood after "I need some firewood" as a claim.
_SOME_OF_IT = re.compile(r"\bneeds? (?:at least |just |only )?(?:one|1|a single)\b", re.IGNORECASE)
# "I don't need much, but firewood I really need" names a need next to the denial.
_NEED_IT = re.compile(
    r"\b(?:really|most|badly|definitely|do) need\b|\bneed (?:it|them|more)\b", re.I
)
# Agreeing to a split or checking one is neither claiming nor offering it: "sounds good, so
# I get...", "to be clear, you would get...?", "you're okay with me getting...?".
_RECAPS = re.compile(
    # "Does that sound good?" after an offer checks the offer: a proposal, not a recap.
    r"\b(?:(?:sounds|(?<!\bthat )(?<!\bthis )(?<!\bit )(?<!^)(?<![.!?] )sound) "
    r"(?:very |really |pretty )?(?:good|great|fair|fine|perfect)|"
    r"let me get (?:this|that) (?:right|straight)|to be sure|(?:have|got) (?:that|this|it) right|"
    # "Do we have a deal?" asks them to take an offer, and "here's the deal..." announces one.
    r"(?:it'?s a|that'?s a|(?<!\bdo )we have a|then) deal|"
    r"(?<!\bhere is the )(?<!\bhere's the )(?<!\bheres the )(?<!\bhere's my )"
    r"(?<!\bthis is the )(?<!\bthis is my )deal[.!]|agreed|"
    r"(?<!\bcan )(?<!\bcould )(?:we|so we) agree|same page|(?<!\bif )(?<!\bwhether )that works|"
    r"works for me|(?:that is|that's) fair(?![^.!?]*\?)|to be clear|to confirm|"
    r"just (?:to )?(?:check|make sure)|(?:are you|you'?re|you are) (?:okay|ok|fine|good|happy) "
    r"with|correct\?|right\?|is that (?:right|correct|what you))",
    re.IGNORECASE,
)
# "That sounds good, but how about...": a counter-offer, not a recap.
_COUNTERS = re.compile(
    r"\b(?:how about|what about|what if|as long as|but|tell you what|instead|prefer|rather|"
    r"hoping|(?:can|could|may) i|would you|will you|absolutely not|if (?:i|we|you))\b",
    re.IGNORECASE,
)
# Words about the client's terms, not the seller's: "you said...", "your offer gives you...",
# "if you get 2 firewood, I'll need...", "that would be unfair for you to get...".
_THEIR_TERMS = re.compile(
    r"\b(?:you mean|you said|you offered|your (?:offer|deal|proposal)|the deal you|(?:un)?fair "
    r"for you|if you (?:get|take|have|keep|only)|only take|can'?t have (?:it )?all)",
    re.IGNORECASE,
)
# Terms said as a read-back, not put: marked as one, by a "so" at the start ("yup, so the
# agreement is...", "Okay, so you will get..."), by its name ("just to recap", "the final
# agreement") or as a question ("...and you get 3 water?"). A plain yes at the start ("That is
# fine, I'll take...") reads them back only with both sides' shares: "Ok, I will agree to me
# getting 3 food" takes them, one side said. "I will let you have 2 firewood" offers them.
_YES = (
    r"yes|yeah|yup|yep|ok|okay|alright|all right|sure|great|perfect|cool|fine|deal|"
    r"(?:that|this|it)(?:'?s| is) (?:fine|good|great|perfect|ok|okay)|sounds? (?:good|great|fine|"
    r"perfect)"
)
_SAYS_IT_BACK = re.compile(
    rf"^\W*(?:(?:{_YES})\W+)*so\b|\b(?:recap|sum up|summari[sz]e|final (?:deal|agreement|offer)|"
    r"the agreement|the deal is|to confirm|to be clear|just to)\b|\?\s*$",
    re.IGNORECASE,
)
_TAKES_IT_BACK = re.compile(rf"^\W*(?:{_YES})\b", re.IGNORECASE)
# A question of why ("why would I only get one firewood?") disputes the terms it names.
_DISPUTES = re.compile(r"\bwhy\b", re.IGNORECASE)
# Taking the client's terms as the seller's turn opens: "I am happy with the 2 firewood and 1
# water", "Ok, deal", "I can do that".
_TAKES_THEIRS = CaseFree(
    re.compile(
        r"^\W*(?:(?:well|oh|ok(?:ay)?|yes|yeah|yep|sure|great|perfect|alright)\W+)*(?:"
        r"(?:i'?m|i am|we'?re|we are|i'?d be|we'?d be) (?:\w+ )?(?:happy|fine|good|ok(?:ay)?|"
        r"content|glad) (?:with|to (?:take|accept|agree|do))|(?:ok(?:ay)?|yes|yeah|yep|sure|deal|"
        r"agreed|great|perfect|sounds (?:good|great|fair|fine))\b|(?:it'?s|that'?s) (?:a )?deal\b|"
        r"(?:i|we) (?:can|could) (?:do|live with|accept|agree to) (?:that|this)\b|"
        r"(?:i|we) accept\b)",
        re.IGNORECASE,
    )
)
# Something offered back in the same turn, counted or not: "if I give you another food", "in
# exchange", "you can have the rest".
_GIVES_BACK = CaseFree(
    re.compile(
        r"\b(?:(?:give|giving|offer|offering|let|leave|leaving|trade|send) you|"
        r"you (?:can|could|may) "
        r"(?:have|take|keep)|in (?:exchange|return)|trade)\b",
        re.IGNORECASE,
    )
)
# More on top of what was taken: "but would then prefer 2 food also", "how about 2 extra
# firewood?".
_ON_TOP = CaseFree(
    re.compile(
        r"\b(?:also|too|as well|in addition|on top|extra|another|one more|plus)\b", re.IGNORECASE
    )
)
# A split said inside an "if" is weighed, not proposed or agreed.
_CONDITIONAL = re.compile(r"\b(?:if|unless|suppose|supposing|were i to|were we to)\b", re.I)
# A need given up in the words that name it: "I need firewood too but I am ready to give you
# that", "we could use water, but you can have it".
_WAIVED = CaseFree(
    re.compile(
        # The thing needed, given by a word that stands for it: "but I'll give you the water" after
        # "I need food" gives something else.
        r"\bbut\b[^.!?]*\b(?:(?:give|offer|leave) (?:you )?(?:it|that|them|those)|"
        r"(?:let you|you can) (?:have|take|keep) (?:it|that|them|those)|"
        r"(?:it'?s|that'?s) (?:yours|fine))\b",
        re.IGNORECASE,
    )
)
# A question about the other side's need ("could you tell me why you need more firewood?")
# names none of the asker's.
_ASKS_THEIRS = CaseFree(
    re.compile(
        r"\byou(?: really| most| guys)? (?:need|want|use)|\b(?:important|crucial) (?:to|for) you\b|"
        r"\byour (?:priority|priorities|needs?|top|biggest|most)\b",
        re.IGNORECASE,
    )
)
# Where a clause of need ends: at a comma or "but" that starts a new clause ("I do not eat
# much food, water is important to me": the need is the water's, not the food's).
_CLAUSE_END = CaseFree(
    re.compile(
        r"[,;:]\s*(?=(?:i|we|you|he|she|they|it|that|this|my|our|[a-z]+ (?:is|are|was|were))\b)|"
        r"\b(?:but|so|although|though|while|whereas|because)\b",
        re.IGNORECASE,
    )
)
# A reason for a claim: "because", "so that", "for my kids", "we're a big group", "I get
# cold at night", "my friend is gluten free" (`early_ask` reads a bargain's opening claim with
# it too). "Could I have" asks; "I have" tells.
GIVES_A_REASON = CaseFree(
    re.compile(
        r"\b(?:because|cause|since|as (?:i|we|my|our|it)|so (?:that|i|we)|for (?:my|our|the) \w+|"
        r"due to|i'?m|i am|we'?re|we are|(?<!can )(?<!could )(?<!may )(?<!might )(?:i|we) have|"
        r"i get|we get|i'?ve|we'?ve|"
        r"my \w+ (?:is|are|has|have|gets?|needs?)|our \w+ (?:is|are|has|have|gets?|needs?)|"
        r"(?:i|we) (?:will|'ll) be|(?:i|we) had|my (?:kids?|children|family|son|daughter|wife|"
        r"husband|partner|friends?|group|dog|baby)|(?:need|use) (?:it|them|the \w+|\w+) (?:to|for)|"
        # Their circumstances said in their own words: "I just didn't bring enough", "I really
        # like water and don't drink soda", "the forecast says it will be cold".
        r"(?:i|we) (?:just |really |also |only |usually |always |never |tend to )?(?:didn'?t|"
        r"did not|don'?t|do not|can'?t|cannot|couldn'?t|forgot|left|lost|ran (?:out|low)|drink|eat|"
        r"like|love|hate|burn|sweat|brought|live|get (?:cold|hot|hungry|thirsty|sick))|"
        r"forecast|the weather)\b",
        re.IGNORECASE,
    )
)
# A word for their side in the seller's turn: their need or plight acknowledged ("I
# understand", "sorry to hear that"), spoken to ("you'll need some to cook"), or met ("that way
# you stay warm", "so we both have some"). A claim said with one answers them, however it is
# split.
_HEARS_THEM = CaseFree(
    re.compile(
        r"\b(?:i (?:\w+ )?(?:understand|know|see|hear|get (?:it|that)|realize|appreciate|agree|"
        r"respect|feel (?:for|bad))|sorry|we both|both of us|that way|(?:that|it) (?:sounds|"
        r"must be|makes sense)|makes sense|understandabl[ey]|"
        r"fair enough|too bad|of course|you(?: guys)?(?: (?:will|'ll|might|may|must|would|do|"
        r"really|also))? (?:need|needs|want|could use|said|mentioned)|your (?:need|needs|kids|"
        r"children|family|group|condition|health|situation|trip)|so (?:that )?you (?:can|could|"
        r"will|have|get)|helps? you)\b",
        re.IGNORECASE,
    )
)
# A claim made only if they can do without: "if you don't need the water, could I take it?"
_IF_THEY_CAN_SPARE = CaseFree(
    re.compile(
        r"\b(?:if|unless) (?:you|u)(?: guys)? (?:(?:do not|don'?t|won'?t|will not|really) (?:need|"
        r"want|use)|need|(?:can|could) spare|have (?:enough|plenty|extra)|(?:are|'re) (?:ok|okay|"
        r"fine|good) (?:without|on))\b",
        re.IGNORECASE,
    )
)
# A claim that meets them some other way: the seller's own case put beside theirs ("I also have
# children with me", "I needed food the most"), their own proposal taken up ("I think that is
# what you proposed before", "in that case..."), or their view asked of it ("is it ok?").
_MEETS_THEM = CaseFree(
    re.compile(
        r"\b(?:i|we) (?:also|too|still) (?:have|need|needed|am|are)\b|\b(?:i|we) needed\b|"
        r"\bme too\b|\bsame (?:here|for me|with me)\b|"
        r"\b(?:what|as) you (?:proposed|suggested|offered|said)\b|"
        r"\byour (?:own )?(?:proposal|suggestion|idea)\b|\bin that case\b|"
        r"\b(?:is (?:it|that|this) ok(?:ay)?|is (?:that|this|it) fair|how does (?:that|this) sound|"
        r"what do you think|would (?:that|this) work|does (?:that|this) work)\b",
        re.IGNORECASE,
    )
)
# What their last turn put on the table: "I could give you more firewood if...", "you can have
# the water".
_OFFERS_IT = re.compile(
    r"\b(?:give|giving|offer|offering|spare|sparing|let you have|you can have|you could have|"
    r"you can take|you could take)\b"
    r"(?:(?!\b(?:if|but|for|in exchange|while|and (?:i|we)|so (?:i|we)|which)\b)[^,;:.!?])*",
    re.IGNORECASE,
)
# The client asking what the seller wants ("how many food do you need?", "which do you
# want most?"): the claim that follows answers them.
_ASKS_WHAT_THEY_WANT = CaseFree(
    re.compile(
        r"\b(?:you(?: guys)?(?: (?:really|still|also|most|would|'d|do))? (?:want|need|like|prefer)|"
        r"how (?:many|much))\b[^.!?]*\?",
        re.IGNORECASE,
    )
)
# What a client's last turn puts on the table: an item the seller may have "if you want 2
# waters", one they take only a little of "if I only get 1 water", or "get by with".
_CONCEDES = re.compile(
    r"\bif you(?: guys)?(?: (?:really|still|also|do|would|'d|can|could|will))* (?:want|need|"
    r"take|get|have|keep|prefer)\b[^,;:.!?]*|\bif (?:i|we) (?:only|just)\b[^,;:.!?]*|"
    r"\b(?:get by|make do|do) with\b[^,;:.!?]*",
    re.IGNORECASE,
)
# Words in a client's sentence of need that name no need of theirs: a need denied ("I don't
# think I will need much water"), someone else's ("I know you need the food"), and an item a
# need serves ("I need it to cook our food").
_NOT_THEIR_NEED = re.compile(
    r"\b(?:don'?t|do not|doesn'?t|won'?t|will not|not|never|no)(?: (?:think|believe|really|"
    r"actually|even|i|we|will|would|'ll|really|that|so|much))* need\b[^,;:.!?]*|"
    r"\byou(?: guys)?(?: (?:will|'ll|would|'d|might|may|must|really|also|do))* (?:need|want)\b"
    r"[^,;:.!?]*|\bto (?!(?:get|have|take|keep|receive|buy|bring)\b)[a-z]+ "
    r"(?:(?:our|my|the|some|your|their|all|more) )?[a-z-]+",
    re.IGNORECASE,
)
# The client turning the seller's terms down: "I can't give all three", "no way", "I don't
# consider that fair", "sorry, water is my priority". Read only when the seller puts the same
# terms again.
_TURNS_DOWN = CaseFree(
    re.compile(
        r"^\W*but\b|\b(?:no|nope|nah|can'?t|cannot|won'?t|wouldn'?t|not (?:fair|possible|okay|ok|"
        r"going to|willing|able)|unfair|don'?t (?:think|consider|agree|want)|sorry|too (?:much|"
        r"many)|not enough|(?:rather|prefer) (?:not|keep|walk)|walk away)\b",
        re.IGNORECASE,
    )
)
# Taking the seller's terms: then saying them again confirms them.
_TAKES_THEM = CaseFree(
    re.compile(
        r"^\W*(?:ok(?:ay)?\W+)?deal\b|\b(?:(?:it'?s|that'?s|we have|you have|you'?ve got) a deal|"
        r"agreed?|sounds? (?:good|great|fair|fine)|that works|works for me|"
        r"(?:that'?s|that is) (?:fine|fair|good|great|ok(?:ay)?)|i accept|let'?s do (?:it|that)|"
        r"(?:like|take|accept) (?:your|that|this) (?:\w+ )?(?:deal|offer)|"
        r"(?:could|would|will|should) work|acceptable|fairest)\b",
        re.IGNORECASE,
    )
)
# The seller refusing the client's counter as they open: "No I can't accept this!",
# "Definitely not.", "Sorry, I can't do that".
_REFUSES_THEIRS = CaseFree(
    re.compile(
        r"\W*(?:(?:well|oh|hmm+|um+|ok(?:ay)?|sorry)\W+)?(?:no\b(?! (?:problem|worries|doubt)\b)|"
        r"nope|nah|(?:definitely|absolutely) not|(?:i'?m )?sorry,? (?:but )?i (?:can'?t|cannot|"
        r"won'?t)|i (?:can'?t|cannot|won'?t) (?:accept|agree|do (?:that|this)|give))",
        re.IGNORECASE,
    )
)
# Terms put again with a word for how they meet the client's need: "That way you have enough
# food and water for your diabetic concerns." The same terms, argued for them, are not pressed.
_FOR_THEIR_NEED = CaseFree(
    re.compile(
        r"\bthat way you\b|\bso that you\b|\byour (?:\w+ )?"
        r"(?:needs?|concerns?|condition|health|kids|children|family|priority)\b",
        re.IGNORECASE,
    )
)
# The seller saying they put the same terms again: "I am again offering you...", "the same
# deal", "I'll stick with my offer".
_SAYS_AGAIN = CaseFree(
    re.compile(
        r"\b(?:again|(?:the )?same (?:deal|offer|decision|terms|split|proposal|as before)|"
        r"(?:stand|stick|go) (?:by|with) (?:my|the|that) (?:offer|deal|proposal)|"
        r"my (?:original|previous|last|earlier) (?:offer|deal|proposal))\b",
        re.IGNORECASE,
    )
)
# An objection to the terms: "But in the end you have 7 items and I have 2."
_OBJECTS = CaseFree(re.compile(r"\W*but\b", re.IGNORECASE))
# Something new said with terms put again: a question about them or their reasons ("why do
# you need the water?", "what do you need most?", "which would you rather give up?").
_ASKS_THEM = CaseFree(
    re.compile(
        r"\b(?:why|which|what (?:do|would|will|is|are|else)|how (?:many|much) (?:do|would|will)|"
        r"how (?:should|shall|can|could|do) we|what'?s your)\b[^.!?]*\?",
        re.IGNORECASE,
    )
)
# The client calling the seller's terms unfair ("3 - 6? I don't consider that fair", "that's
# not fair to me"), and the seller answering that they are fair: "It is very fair", "the deal I
# gave you is more fair for both of us". Asked ("is that fair?") it is a question, not an
# insistence.
_CALLS_IT_UNFAIR = CaseFree(
    re.compile(
        r"\b(?:(?:not|n'?t|hardly|never)(?: \w+){0,3} (?:very |really |quite |that |a )?fair|"
        r"unfair|(?:don'?t|do not) (?:think|consider|find|feel)(?: \w+){0,4} fair)\b",
        re.IGNORECASE,
    )
)
_FAIRLY = (
    r"(?: (?:very|really|completely|totally|perfectly|quite|pretty|more|most|definitely|"
    r"absolutely|already|actually))"
)
_INSISTS_FAIR = CaseFree(
    re.compile(
        # A bare "that's fair" grants their point ("That's fair, I'll give you one more").
        rf"\b(?:(?:it|this|mine|my (?:offer|deal|proposal)|(?:the|this|that|my) "
        rf"(?:deal|offer|split|trade|proposal)(?: [\w ]{{0,30}}?)?)"
        rf"(?:'s| is| was| would be| will be)(?! not)(?: a)?{_FAIRLY}*|"
        rf"that(?:'s| is| was| would be)(?! not)(?: a)?{_FAIRLY}+) (?:fair|fairer)\b"
        r"(?![^.!?]*\?)",
        re.IGNORECASE,
    )
)
_OWNER_REACH = 80  # characters before a count where its owner is looked for
# A count said by a word that is mostly something else: "for the record".
_BY_WORD = frozenset({"the"})
# Most turns name no split: one pass of RE2 says whether a turn names two counts at least,
# the second before what it counts (a split has two sides, or two items; a turn with one
# count proposes nothing to judge). As a catalogue cue it cost a fifth of the analysis: no
# literal leads it, so every turn was searched with it, and each of its many hits checked
# for a denial.
_COUNT = r"\d{1,2}|zero|one|two|three|four|five|six|seven|eight|nine|ten|all|both"
_COUNTED = (
    rf"(?:{_COUNT})\s+(?:(?:of|the|extra|more|additional|packages?|packs?|packets?|units?)\s+)*"
    r"(?!(?:people|persons?|kids?|children|adults?|days?|nights?|hours?|minutes?|weeks?|"
    r"months?|years?|times?)\b)[a-z]"
)
_NAMES_A_SPLIT = Gated(
    re.compile(rf"\b(?:{_COUNT}|rest)\b[\s\S]*?\b(?:{_COUNTED}|the rest\b)", re.IGNORECASE)
)
# One count is enough to claim what they said they need ("can I have all the water?"); it is
# looked for only when they have said one.
_NAMES_A_COUNT = Gated(re.compile(rf"\b{_COUNTED}", re.IGNORECASE))


@dataclass(frozen=True, slots=True)
class Allocation:
    """A count of an item given to the speaker (``mine``) or to the other side.

    ``count`` is None for "all of it"."""

    item: str
    count: int | None
    mine: bool
    start: int
    end: int
    whole: int | None = None  # the item's size, when the count says so ("all 3 firewood")


@functools.lru_cache(maxsize=4_096)  # a few words, counted again and again: food, water...
def item_key(word: str) -> str:
    """One spelling per item: "waters" and "water", "firewoods" and "firewood"."""
    word = word.lower().replace(" ", "")
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def _count(text: str) -> int | None:
    """The number a count names; None for all of an item whose size it does not give."""
    if text.isdigit():  # most are one number, told at once
        return int(text)
    if text in _NUMBERS:
        return _NUMBERS[text]
    words = text.lower().split()
    numbers = [
        int(w) if w.isdigit() else _NUMBERS[w] for w in words if w in _NUMBERS or w.isdigit()
    ]
    if words[0] in ("all", "the"):
        return numbers[0] if numbers else None
    return numbers[0] if numbers else 0


# Long alternations Python's engine tries at every place: RE2 says first whether they can
# match at all (26 -> 3 us for the three, on a turn that names a share).
_TERMS = (Gated(_THEIR_TERMS), Gated(_RECAPS), Gated(_COUNTERS))


@dataclass(frozen=True, slots=True)
class _Patterns:
    allocation: re.Pattern[str]
    owner: re.Pattern[str]
    denied: re.Pattern[str]
    listing: re.Pattern[str]
    owner_after: re.Pattern[str]
    flip: re.Pattern[str]


_ANY_CASE = _Patterns(_ALLOCATION, _OWNER, _DENIED, _LIST, _OWNER_AFTER, _FLIP)
# The same patterns for an ASCII text's lower case (the same offsets): without IGNORECASE
# Python's engine compares each letter once, and the parse takes about half the time.
_LOWER_CASE = _Patterns(
    *(
        lower_case_twin(pattern)
        for pattern in (_ALLOCATION, _OWNER, _DENIED, _LIST, _OWNER_AFTER, _FLIP)
    )
)


def allocations(text: str, known: Collection[str] = ()) -> list[Allocation]:
    """Every count of an item the text gives to the speaker or to the other side, in order.

    A count belongs to the nearest owner named before it in its sentence ("I'll take 3
    food", "you can have 2 water"), and so does a list that goes on from it ("3 food, 2 water
    and 1 firewood"); "for me" or "for you" after a list names the whole list's owner, and
    an exchange's "for" hands what follows to the side opposite the one named before it
    ("I'll give you three food for two water": the water is the speaker's). A count with no
    owner is not an allocation, and an exchange's "for the" ("for the firewood", not "for the
    record") counts only for an item already ``known`` or counted by number in the text."""
    patterns = _ANY_CASE
    if text.isascii():
        text, patterns = text.lower(), _LOWER_CASE
    found: list[Allocation] = []
    for counts, sentence in _lists(text, _counts(text, known, patterns), patterns):
        owner = _list_owner(text, counts, sentence, patterns)
        if owner is None:
            continue
        for match, item in counts:
            count = _count(match["count"])
            if count == 0:
                continue  # nothing given: "0 firewood"
            whole = count if match["count"].lower().startswith("all") else None
            found.append(Allocation(item, count, owner, match.start(), match.end(), whole))
    return found


# A count of an item in a text, and the item's one spelling (`item_key`).
_Counted = tuple[re.Match[str], str]


def _counts(text: str, known: Collection[str], patterns: _Patterns) -> list[_Counted]:
    """The text's counts of items, in order: none of people or time (`_NOT_ITEMS`), and a
    count by "the" only of an item ``known`` or counted by number in the text."""
    counts: list[_Counted] = []
    numbered = set(known)
    for match in patterns.allocation.finditer(text):
        item = item_key(match["item"])
        if item in _NOT_ITEMS:
            continue
        if match["count"].lower() not in _BY_WORD:
            numbered.add(item)
        counts.append((match, item))
    return [
        (match, item)
        for match, item in counts
        if item in numbered or match["count"].lower() not in _BY_WORD
    ]


def _lists(
    text: str, counts: list[_Counted], patterns: _Patterns
) -> list[tuple[list[_Counted], tuple[int, int]]]:
    """The counts as lists that go on in one sentence ("3 food, 2 water and 1 firewood"),
    each with its sentence's bounds."""
    lists: list[tuple[list[_Counted], tuple[int, int]]] = []
    last_end, last_sentence = -1, (-1, -1)
    short = len(text) <= LONGEST_SENTENCE
    for match, item in counts:
        sentence = _sentence(text, match.start(), last_sentence if short else None)
        if (
            lists
            and sentence == last_sentence
            and patterns.listing.fullmatch(text, last_end, match.start())
        ):
            lists[-1][0].append((match, item))
        else:
            lists.append(([(match, item)], sentence))
        last_end, last_sentence = match.end(), sentence
    return lists


def _sentence(text: str, start: int, earlier: tuple[int, int] | None) -> tuple[int, int]:
    """``sentence_span(text, start)``, told without looking again when ``start`` is before
    the end of the sentence found ``earlier`` for a character before it (no mark between
    them), in a text no longer than the reach of `sentence_span`'s search (its bounds the
    same from either character). Counts come two or three a sentence."""
    if earlier is not None and start < earlier[1]:
        return earlier
    return sentence_span(text, start)


def _list_owner(
    text: str, counts: list[_Counted], sentence: tuple[int, int], patterns: _Patterns
) -> bool | None:
    """Whether a list goes to the speaker (None: to nobody said). "For me" or "to you" after
    it says so first, and then the owner before it is not looked for (a tenth of the lists)."""
    after = patterns.owner_after.match(text, counts[-1][0].end(), sentence[1])
    if after is not None:
        return after["mine"] is not None
    # The owner is named close before its count; a long sentence's start says nothing.
    start = counts[0][0].start()
    before = text[max(sentence[0], start - _OWNER_REACH) : start]
    if patterns is _ANY_CASE and before.isascii():  # only the window is read, and it is ASCII
        before, patterns = before.lower(), _LOWER_CASE
    return None if patterns.denied.search(before) else _owner_before(before, patterns)


def _owner_before(before: str, patterns: _Patterns = _ANY_CASE) -> bool | None:
    """The owner of a count: the last owner named before it, flipped by an exchange's
    "for" ("I'll give you three food for two water")."""
    best: tuple[int, bool] | None = None
    for hit in patterns.owner.finditer(before):
        best = (hit.start(), hit["mine"] is not None)
    if best is None:
        return None
    if patterns.flip.search(before) and best[0] < len(before) - 4:
        return not best[1]
    return best[1]


@dataclass(frozen=True, slots=True)
class Split:
    """A proposal's shares, item by item, as counts (None: all of it)."""

    mine: dict[str, int | None]
    theirs: dict[str, int | None]

    def flipped(self) -> Split:
        return Split(self.theirs, self.mine)


def last_proposal(found: list[Allocation], text: str) -> list[Allocation]:
    """The allocations of the last proposal ``text`` makes: a sentence that names two or more
    shares again starts a new one ("I'll take 3 firewood and 2 food, and you get the water.
    Actually I'll take 3 water and 2 food, ..."), where one proposal's sentences name each
    side's items once ("I'll take 3 firewood. You get the water.") and a correction of one
    share replaces it ("... Hmm, I'll take 1 firewood instead.")."""
    current: list[Allocation] = []
    named: set[tuple[bool, str]] = set()
    sentence_end = -1
    for allocation in found:
        if allocation.start >= sentence_end:
            sentence_end = sentence_span(text, allocation.start)[1]
            sentence = [a for a in found if allocation.start <= a.start < sentence_end]
            if len(sentence) >= 2 and any((a.mine, a.item) in named for a in sentence):
                current, named = [], set()
        current.append(allocation)
        named.add((allocation.mine, allocation.item))
    return current


def split_of(found: list[Allocation]) -> Split:
    """The shares a list of allocations names; a later count of an item replaces an earlier."""
    mine: dict[str, int | None] = {}
    theirs: dict[str, int | None] = {}
    for allocation in found:
        (mine if allocation.mine else theirs)[allocation.item] = allocation.count
    return Split(mine, theirs)


class SplitsDetector:
    """Remembers item sizes, the client's stated needs and their last proposal, and flags the
    seller's proposals that take far more than they leave or take what the client needs, and
    the seller's claims on most of what the client has just said they need."""

    def __init__(self) -> None:
        self._sizes: dict[str, int] = {}  # at least this many of each item
        self._sure: dict[str, int] = {}  # exactly this many, as a proposal said
        self._heard: list[str] = []  # the client's turns, read for needs only when asked
        self._read = 0  # how many of them have been read for needs
        self._parsed = 0  # how many of them have been read for a split
        self._needs: list[str] = []  # their sentences that say what they need
        self._their_last: Split | None = None
        self._unneeded: set[str] = set()  # items they said they do not need...
        self._unneeded_read: dict[str, int] = {}  # ...and their turns read for each item
        self._largest = 0  # the largest count named of any one item
        # The sentences of need (`_NEED`, `_WANT`) of each client turn, by its place in _heard.
        self._needs_read: dict[CaseFree, dict[int, list[str]]] = {}
        # The seller's last proposal, and how many client turns had been heard when it was
        # made: the turns after it are their answer to it.
        self._my_last: Split | None = None
        self._my_last_at = 0
        # The client turn that made their last proposal, by its place in _heard.
        self._their_last_at = -1
        # Each item's shares as the last proposal naming it put them (either side's, in the
        # seller's terms), and whether it was the client's.
        self._terms: dict[str, tuple[Split, bool]] = {}

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """A seller's proposal that claims the lion's share or what the client just said they
        need, or agreed terms said back."""
        if ctx.role is Role.CLIENT:
            # Every client turn is kept as it is. It is read for a split only when a seller's
            # turn naming one comes (the sizes and proposal it tells are used there, nowhere
            # else), and for a need only when a split is judged: turns after the seller's last
            # split are never read (a fifth of the client's splits in bench/semantic.py).
            self._heard.append(fold(ctx.turn.text))
            return []
        if ctx.role is not Role.SELLER:
            return []
        # "I don't consider that fair" or "No, ..." answered by "It is very fair": most seller
        # turns say no "fair", and the client's turn is read only before one that does.
        if self._heard and "fair" in ctx.turn.text.lower():
            insists = self._insists_fair(fold(ctx.turn.text))
            if insists is not None:
                return [insists]
        if not _NAMES_A_SPLIT.may_match(ctx.turn.text) and not (
            _NAMES_A_COUNT.may_match(ctx.turn.text) and self._recent_needs()
        ):
            return []
        self._hear()
        text = fold(ctx.turn.text)
        found = allocations(text, self._sizes)
        if not found:
            return []
        self._learn_sizes(found)
        split = split_of(found)
        terms, recaps, counters = _TERMS
        if terms.search(text):
            return []
        said_back = self._their_last is not None and split == self._their_last
        # Or the terms settled so far said back whole, item by item as each side last named
        # it ("Yes, that's fine, so that leaves me with 1 firewood, 3 water, 1 food. Good?"
        # once the firewood, the water and the food were each settled in a turn of their own).
        read_back = (
            not said_back
            and self._reads_back(split)
            and self._said_as_read_back(text[slice(*sentence_span(text, found[0].start))], split)
            and not counters.search(text)
            and not _DISPUTES.search(text)
        )
        self._note_terms(split, from_client=False)
        if (said_back or read_back) and _CONDITIONAL.search(
            text, sentence_span(text, found[0].start)[0], found[0].start
        ):
            # "If I give you three food, three firewood and two water I will not be left with
            # much": their split weighed, to refuse it or ask why, not said back as agreed.
            return []
        again = self._same_terms_again(text, split, said_back)
        before = (self._my_last, self._my_last_at)
        if split.mine or split.theirs:
            self._my_last, self._my_last_at = split, len(self._heard)
        if again:
            start, end = sentence_span(text, found[0].start)
            return [Emission(AGAIN_SIGNAL, start, end, self._heard[-1], AGAIN_CONFIDENCE)]
        if (recaps.search(text) and not counters.search(text)) or said_back or read_back:
            # Terms said back: both shares, or one side's in full ("so that leaves me with 1
            # firewood, 3 water, 1 food. Good?").
            if len(found) < 2:
                return []
            start, end = sentence_span(text, found[0].start)
            return [Emission(RECAP_SIGNAL, start, end, confidence=RECAP_CONFIDENCE)]
        if split.mine and split.theirs and (self._lopsided(split) or self._takes_their_need(split)):
            first = next(a for a in found if a.mine)
            start, end = sentence_span(text, first.start)
            return [Emission(SIGNAL, start, end, confidence=CONFIDENCE)]
        # One finding a turn: a lion's share that takes their need has said it already.
        claimed = self._claims_what_they_need(text, split)
        if claimed is not None:
            item, need = claimed
            first = next(a for a in found if a.mine and a.item == item)
            start, end = sentence_span(text, first.start)
            return [Emission(NEED_SIGNAL, start, end, need, confidence=NEED_CONFIDENCE)]
        # More asked after a yes, when it claims nothing they said they need.
        more = self._more_after_taking(text, found, split, before)
        return [] if more is None else [more]

    def _insists_fair(self, text: str) -> Emission | None:
        """The seller's terms called fair right after the client called them unfair or
        turned them down ("No, I've already given you the better deal." - "I believe the deal
        I just gave you is more fair for both of us"), with no question about why."""
        said = self._heard[-1]
        if (
            _CALLS_IT_UNFAIR.search(said) is None
            and _REFUSES_THEIRS.match(said) is None
            and _OBJECTS.match(said) is None
        ):
            return None
        if _TAKES_THEM.search(said) is not None:
            return None  # "No, that's fine": their yes
        if _ASKS_THEM.search(text) is not None or _FOR_THEIR_NEED.search(text) is not None:
            return None
        found = _INSISTS_FAIR.search(text)
        if found is None:
            return None
        start, end = sentence_span(text, found.start())
        return Emission(AGAIN_SIGNAL, start, end, said, AGAIN_CONFIDENCE)

    def _same_terms_again(self, text: str, split: Split, said_back: bool) -> bool:
        """Whether the seller puts their last proposal again, unchanged (the same share of
        the same items), after the client turned it down ("I can't give all three", "no",
        "I don't consider that fair"), or after refusing the client's counter in the same
        breath ("No I can't accept this! ... the same decision: me 2 water..."), with no
        question about them or their reasons. A client who only put their own terms (two
        openings crossing) or asked about the seller's ("so you would get 2 water?")
        declined nothing."""
        last = self._my_last
        if last is None or said_back or len(self._heard) <= self._my_last_at:
            return False
        if split.mine.keys() | split.theirs.keys() != last.mine.keys() | last.theirs.keys():
            return False  # something added or left out: the terms moved
        # One side's share alone is the same terms only when they say so ("I am again offering
        # you 2 water, 2 food and 1 firewood"): "I need at least 2 food" may ask for less.
        again: bool | None = None
        if not (split.mine and split.theirs):
            again = _SAYS_AGAIN.search(text) is not None
            if not again:
                return False
        if not self._same_split(split, last):
            return False
        said = self._heard[-1]
        if _TAKES_THEM.search(said) is not None:
            return False
        if _TERMS[1].search(said):
            return False  # "Am I correct?": their check on the terms, answered by them
        theirs = self._their_last if self._their_last_at >= self._my_last_at else None
        if theirs is not None and self._same_split(theirs, last):
            return False  # they said the seller's terms back: taken
        # Their answer: the client's turns since the seller's terms (the last few).
        answer = self._heard[max(self._my_last_at, len(self._heard) - NEED_REACH) :]
        # A refusal of the seller's own only after terms of theirs: "Nope." to "any plans for
        # the trip?" answers the question.
        if not any(_TURNS_DOWN.search(turn) for turn in answer) and not (
            (_REFUSES_THEIRS.match(text) and _NAMES_A_SPLIT.may_match(said))
            or (
                theirs is not None
                and (again if again is not None else _SAYS_AGAIN.search(text) is not None)
            )
        ):
            return False
        return _ASKS_THEM.search(text) is None and _FOR_THEIR_NEED.search(text) is None

    def _same_split(self, split: Split, other: Split) -> bool:
        """Whether two proposals give each side the same of every item, on the sizes raised
        to the largest count named ("all 3 water, 2 firewood and 1 food" is "all 3 water, and
        you take 2 food and 1 firewood" when there are three of each): on sizes only as large
        as named, "2 water for 1 firewood" would be "all the water for all the firewood")."""
        if split == other:
            return True
        sizes = self._guesses()[-1]
        shares = self._shares(split, sizes)
        return shares is not None and shares == self._shares(other, sizes)

    def _claims_what_they_need(self, text: str, split: Split) -> tuple[str, str] | None:
        """The item the seller claims most or all of right after the client said they need
        it, with no word for that need (none of their needs given as much as the seller
        keeps, no acknowledgement, no reason of the seller's own), and the client's sentence
        that said so. None when there is none."""
        if (
            not split.mine
            or _HEARS_THEM.search(text)
            or GIVES_A_REASON.search(text)
            or _IF_THEY_CAN_SPARE.search(text)
            or _MEETS_THEM.search(text)
        ):
            return None
        last = self._heard[-1] if self._heard else ""
        if _ASKS_WHAT_THEY_WANT.search(last):
            return None  # asked what the seller wants, saying it is the answer
        needs = [(sentence, _their_own(sentence.lower())) for sentence in self._recent_needs()]
        # The items in the order the proposal names them: the first claimed is the one shown.
        named = dict.fromkeys([*split.mine, *split.theirs, *self._sizes])
        said = {
            item: next((said for said, own in needs if _names_as_need(own, item)), None)
            for item in named
        }
        needed = [item for item, sentence in said.items() if sentence is not None]
        # Their need met in the same proposal, or something they said they would like: the
        # claim is half of a trade.
        wants = [_their_own(sentence.lower()) for sentence in self._recent_needs(_WANT)]
        if any(
            self._keeps_as_much(split, item)
            for item in named
            if any(_names_as_need(sentence, item, _WANT) for sentence in wants)
        ):
            return None
        for item in needed:
            count = split.mine.get(item, 0)
            if count is not None and count < MOST_AT_LEAST:
                continue
            if split.theirs.get(item, 0) != 0 and _needs_one(said[item] or "", item):
                continue  # "I need at least one water", and they are left one
            if not self._larger_part(split, item):
                continue
            # Taking what their own last proposal left the seller, or what their last turn put
            # on the table ("if you want 2 waters, I'd take all the food"), claims nothing of
            # theirs.
            if self._their_last is not None and self._no_more_than(split, self._their_last, item):
                continue
            if any(
                _item_word(item).search(hit.group().lower())
                for hit in (*_CONCEDES.finditer(last), *_OFFERS_IT.finditer(last))
            ):
                continue
            return item, said[item] or ""
        return None

    def _keeps_as_much(self, split: Split, item: str) -> bool:
        """Whether the split gives the client all of an item, or at least as much of it as the
        seller on some guess of its size."""
        if item not in split.theirs and item not in split.mine:
            return False  # not in the proposal: nothing met
        if item in split.theirs and split.theirs[item] is None:
            return True
        sizes = [guess[item] for guess in self._guesses() if item in guess]
        if not sizes:
            mine, theirs = split.mine.get(item, 0), split.theirs.get(item)
            return theirs is not None and mine is not None and theirs >= mine
        return any(_share(split, item, size)[1] >= _share(split, item, size)[0] for size in sizes)

    def _larger_part(self, split: Split, item: str) -> bool:
        """Whether the split gives the seller all of an item, or more of it than the client
        on every guess of its size (a size nobody has named: more than the client is given)."""
        if item in split.mine and split.mine[item] is None:
            return True
        sizes = [guess[item] for guess in self._guesses() if item in guess]
        if not sizes:
            mine, theirs = split.mine.get(item), split.theirs.get(item)
            return mine is not None and theirs is not None and mine > theirs
        return all(_share(split, item, size)[0] > _share(split, item, size)[1] for size in sizes)

    def _no_more_than(self, split: Split, offered: Split, item: str) -> bool:
        """Whether the split gives the seller no more of an item than ``offered`` did."""
        if item not in offered.mine and item not in offered.theirs:
            return False
        if offered.mine.get(item, 0) is None:
            return True
        sizes = [guess[item] for guess in self._guesses() if item in guess]
        if not sizes:
            mine, given = split.mine.get(item), offered.mine.get(item)
            return mine is not None and given is not None and mine <= given
        return all(_share(split, item, size)[0] <= _share(offered, item, size)[0] for size in sizes)

    def _recent_needs(self, need: CaseFree = _NEED) -> list[str]:
        """The sentences of ``need`` in the client's last few turns: a need said long ago may
        have been met or traded since. Each turn is read once for each kind of need (a seller
        turn with a count asks again for the same three turns)."""
        read = self._needs_read.setdefault(need, {})
        found: list[str] = []
        for at in range(max(0, len(self._heard) - NEED_REACH), len(self._heard)):
            sentences = read.get(at)
            if sentences is None:
                sentences = read[at] = _sentences_of_need(self._heard[at], need)
            found.extend(sentences)
        return found

    def _hear(self) -> None:
        """The sizes and the last proposal the client's turns not yet read name, learnt in
        their order: as if each had been read when said, since nothing between them and now
        has asked."""
        for text in self._heard[self._parsed :]:
            if _NAMES_A_SPLIT.may_match(text):
                found = allocations(text, self._sizes)
                if found:
                    self._learn_sizes(found)
                    split = split_of(last_proposal(found, text))
                    if split.mine or split.theirs:
                        self._their_last = split.flipped()
                        self._their_last_at = self._parsed
                        self._note_terms(self._their_last, from_client=True)
            self._parsed += 1

    def _more_after_taking(
        self, text: str, found: list[Allocation], split: Split, before: tuple[Split | None, int]
    ) -> Emission | None:
        """More of an item asked for right after terms were taken, nothing given back: the
        client's terms taken as the seller's turn opens and more asked on top in the same
        breath ("I am happy with the 2 firewood and 1 water, but would then prefer 2 food
        also"), or the seller's own terms taken by the client ("Deal.") and more of them asked
        for next. The nibble after a yes."""
        theirs = self._their_last
        heard = len(self._heard) - 1
        if (
            theirs is not None
            and self._their_last_at == heard
            and _TAKES_THEIRS.search(text[slice(*sentence_span(text, 0))])
        ):
            return self._asks_on_top(text, found, split, theirs, on_top=True, taken=True)
        mine, at = before
        said = self._heard[-1] if self._heard else ""
        if (
            mine is not None
            and at == heard
            and self._their_last_at != heard
            and not _NAMES_A_COUNT.may_match(said)
            and _TAKES_THEM.search(said)
            and not _TURNS_DOWN.search(said)
        ):
            return self._asks_on_top(text, found, split, mine, on_top=False, taken=False)
        return None

    def _asks_on_top(
        self,
        text: str,
        found: list[Allocation],
        split: Split,
        terms: Split,
        on_top: bool,
        taken: bool,
    ) -> Emission | None:
        """The seller's share of an item raised above what ``terms`` gave them, nothing given
        back; with ``taken``, a share of the terms said back as it was ("happy with the 2
        firewood"), with ``on_top``, said as more ("also", "too", "extra")."""
        if _GIVES_BACK.search(text):
            return None  # "if I give you another food": a trade, however it is counted
        guesses = [
            sizes
            for sizes in self._guesses()
            if all(item in sizes for item in split.mine.keys() | split.theirs.keys())
        ]
        if not guesses:
            return None  # an item of unknown size: nothing to weigh
        if any(
            _share(split, item, sizes[item])[0] < _share(terms, item, sizes[item])[0]
            for sizes in guesses
            for item in split.mine.keys() | split.theirs.keys()
        ):
            return None  # something given back: a trade, not a nibble
        named = terms.mine.keys() | terms.theirs.keys()
        if taken and not any(
            all(
                _share(split, item, sizes[item]) == _share(terms, item, sizes[item])
                for sizes in guesses
            )
            for item in named & split.mine.keys()
        ):
            return None
        for allocation in found:
            if not allocation.mine:
                continue
            item = allocation.item
            # An item the terms left open is still to be divided: asking for it is the next
            # proposal. Only the client's terms that name the seller's share alone ("you take 2
            # firewood and 1 water") leave them all the rest.
            if item not in named and (not taken or (terms.theirs and terms.mine)):
                continue
            if not all(
                _share(split, item, sizes[item])[0] > _share(terms, item, sizes[item])[0]
                for sizes in guesses
            ):
                continue
            start, end = sentence_span(text, allocation.start)
            if not on_top or _ON_TOP.search(text[start:end]):
                return Emission(MORE_SIGNAL, start, end, self._heard[-1], CONFIDENCE)
        return None

    @staticmethod
    def _said_as_read_back(sentence: str, split: Split) -> bool:
        """Whether the sentence naming a split says it back: marked as a read-back, or after a
        yes with both sides' shares."""
        if _SAYS_IT_BACK.search(sentence):
            return True
        return bool(split.mine and split.theirs) and _TAKES_IT_BACK.search(sentence) is not None

    def _note_terms(self, split: Split, from_client: bool) -> None:
        """Each item's shares as the last proposal naming it put them, and whose it was."""
        for item in split.mine.keys() | split.theirs.keys():
            mine = {item: split.mine[item]} if item in split.mine else {}
            theirs = {item: split.theirs[item]} if item in split.theirs else {}
            self._terms[item] = (Split(mine, theirs), from_client)

    def _reads_back(self, split: Split) -> bool:
        """Whether a split of two items at least gives each side of each item what the
        last proposal naming it gave them, on every guess of the sizes, one of those
        proposals the client's: the terms taken in and said back, not new ones."""
        named = split.mine.keys() | split.theirs.keys()
        if len(named) < 2 or not named <= self._terms.keys():
            return False
        if not any(self._terms[item][1] for item in named):
            return False
        for sizes in self._guesses():
            for item in named:
                size = sizes.get(item)
                if size is None:
                    return False
                if _share(split, item, size) != _share(self._terms[item][0], item, size):
                    return False
        return True

    def _need_sentences(self) -> list[str]:
        """The client's sentences that say what they need, each turn read once."""
        for text in self._heard[self._read :]:
            self._needs.extend(
                sentence.lower()
                for sentence in (m.group() for m in SENTENCE.finditer(text))
                if _NEED.search(sentence)
                and not _NO_NEED.search(sentence)
                and not _WAIVED.search(sentence)
                and not (sentence.rstrip().endswith("?") and _ASKS_THEIRS.search(sentence))
            )
        self._read = len(self._heard)
        return self._needs

    def _learn_sizes(self, found: list[Allocation]) -> None:
        """How many of an item there are: at least the most anyone has named for it, and
        surely as many as both sides' counts of it in one proposal ("2 firewood for me and 1
        for you") or all of it by number ("all 3 firewood")."""
        split = split_of(found)
        for item in split.mine.keys() & split.theirs.keys():
            mine, theirs = split.mine[item], split.theirs[item]
            if mine is not None and theirs is not None:
                self._sure[item] = max(self._sure.get(item, 0), mine + theirs)
        for allocation in found:
            if allocation.whole is not None:
                self._sure[allocation.item] = max(
                    self._sure.get(allocation.item, 0), allocation.whole
                )
            if allocation.count is not None:
                self._largest = max(self._largest, allocation.count)
                self._sizes[allocation.item] = max(
                    self._sizes.get(allocation.item, 0), allocation.count
                )
        for item, size in self._sure.items():
            self._sizes[item] = max(self._sizes.get(item, 0), size)

    def _guesses(self) -> tuple[dict[str, int], ...]:
        """The item sizes a split is judged on. A size nobody has said for sure is only the
        most anyone has named of it, and may be short: "I'll take 2 water and 2 food" may
        leave them a third of each. So it is judged twice, on the sizes named and on every
        size not sure raised to the largest count named of any item; a split is the lion's
        share only if it is on both (a guess too low hands the proposer nothing left over)."""
        raised = {
            item: size if item in self._sure else max(size, self._largest)
            for item, size in self._sizes.items()
        }
        return (self._sizes,) if raised == self._sizes else (self._sizes, raised)

    def _shares(
        self, split: Split, sizes: dict[str, int] | None = None
    ) -> dict[str, tuple[float, float]] | None:
        """Each item's units to the seller and to the client, the split completed over every
        item whose size is known: what one side is not given of an item goes to the other,
        and an item the proposal leaves out counts as shared evenly. None when the proposal
        gives all of an item whose size nobody has named."""
        shares = {
            item: _share(split, item, size)
            for item, size in (self._sizes if sizes is None else sizes).items()
        }
        named = split.mine.keys() | split.theirs.keys()
        return shares if named <= shares.keys() else None

    def _lopsided(self, split: Split) -> bool:
        return all(self._lopsided_on(split, sizes) for sizes in self._guesses())

    def _lopsided_on(self, split: Split, sizes: dict[str, int]) -> bool:
        shares = self._shares(split, sizes)
        if shares is None or len(shares) < 2:
            return False
        # Keeping what they said they do not need ("I don't need any firewood") takes
        # nothing from them: only the items they want are counted.
        unwanted = [item for item in shares if self._said_unneeded(item)]
        for item in unwanted:
            del shares[item]
        if not shares:
            return False
        mine = sum(m for m, _ in shares.values())
        theirs = sum(t for _, t in shares.values())
        return mine >= LOPSIDED_RATIO * theirs and mine - theirs >= LOPSIDED_MARGIN

    def _said_unneeded(self, item: str) -> bool:
        """Whether the client said they do not need an item ("we don't really need water").

        Each client turn is read once per item: what they said stays said."""
        if item in self._unneeded:
            return True
        for said in self._heard[self._unneeded_read.get(item, 0) :]:
            text = said.lower()  # "Water we don't need at all" names the item too
            if item not in text:  # most turns: the word's pattern cannot match
                continue
            for hit in _item_word(item).finditer(text):
                near = text[max(0, hit.start() - 40) : hit.end() + 30]
                if (
                    _NO_NEED.search(near)
                    and _FIRST_PERSON.search(near)
                    and not _NEED_IT.search(near)
                ):
                    self._unneeded.add(item)
                    return True
        self._unneeded_read[item] = len(self._heard)
        return False

    def _takes_their_need(self, split: Split) -> bool:
        """Takes more than it leaves overall, and of an item the client said they need takes
        all, leaving them none; or the most of one their own last proposal asked for, leaving
        them the lesser part of everything they said they need ("I need some water pretty
        bad... I take 2 water" answered by "I take 2 water": not when it gives them all of
        another need of theirs, a trade)."""
        shares = self._shares(split)
        if shares is None:
            return False
        judged = [self._shares(split, sizes) or shares for sizes in self._guesses()]
        for each in judged:
            if sum(m for m, _ in each.values()) <= sum(t for _, t in each.values()):
                return False
        for item, count in split.mine.items():
            # All of it, by the word or by the item's known size: two of a size only guessed
            # from the counts named so far may be two of three.
            takes_all = count is None or count == self._sure.get(item)
            if takes_all and (shares[item][0] < 2 or shares[item][1] > 0):
                continue
            if not takes_all and not (
                self._takes_what_they_asked(item, judged) and self._leaves_needs_short(judged)
            ):
                continue
            if any(_names_as_need(sentence, item) for sentence in self._need_sentences()):
                return True
        return False

    def _leaves_needs_short(self, judged: list[dict[str, tuple[float, float]]]) -> bool:
        """Whether the seller takes the larger part, on every guess of the sizes, of every
        item the client said they need."""
        needs = self._need_sentences()
        for item in judged[0]:
            if any(shares[item][0] <= shares[item][1] for shares in judged) and any(
                _names_as_need(sentence, item) for sentence in needs
            ):
                return False
        return True

    def _takes_what_they_asked(
        self, item: str, judged: list[dict[str, tuple[float, float]]]
    ) -> bool:
        """Whether the seller takes the most of an item, on every guess of its size, that the
        client's last proposal kept the most of for them."""
        asked = None if self._their_last is None else self._their_last.theirs
        if asked is None or item not in asked:
            return False
        for shares in judged:
            mine, theirs = shares[item]
            count = asked[item]
            wanted = mine + theirs if count is None else count
            if mine <= theirs or 2 * wanted <= mine + theirs:
                return False
        return True


def _share(split: Split, item: str, size: int) -> tuple[float, float]:
    """An item's units to the seller and to the client, of ``size`` in all: what one side
    is not given goes to the other, and an item the split leaves out is shared evenly."""
    mine, theirs = split.mine.get(item, -1), split.theirs.get(item, -1)
    mine = size if mine is None else mine
    theirs = size if theirs is None else theirs
    if mine < 0 and theirs < 0:
        return (size / 2, size / 2)
    if theirs < 0:
        return (mine, max(0, size - mine))
    if mine < 0:
        return (max(0, size - theirs), theirs)
    return (mine, theirs)


def _sentences_of_need(text: str, need: CaseFree) -> list[str]:
    """The sentences of ``text`` that say ``need``, not waived nor asking about theirs."""
    # Most turns say none: one search of the whole turn tells (a need's words hold no mark
    # that ends a sentence, and a sentence's bounds are word bounds in the turn too).
    if need.search(text) is None:
        return []
    return [
        sentence
        for sentence in (m.group() for m in SENTENCE.finditer(text))
        if need.search(sentence)
        and not _WAIVED.search(sentence)
        and not (sentence.rstrip().endswith("?") and _ASKS_THEIRS.search(sentence))
    ]


def _their_own(sentence: str) -> str:
    """A client's sentence of need with the words that name none of theirs blanked."""
    return _NOT_THEIR_NEED.sub(lambda hit: " " * len(hit.group()), sentence)


@cache
def _needs_one(sentence: str, item: str) -> bool:
    """Whether ``sentence`` asks for just one of ``item`` ("I need at least one water"), not
    one of something else beside a need for it ("I need one food, and I really need water")."""
    for hit in _SOME_OF_IT.finditer(sentence):
        words = sentence[hit.end() : hit.end() + 30].split(",")[0]
        if _item_word(item).match(words.strip().lower().removeprefix("more ")):
            return True
    return False


def _item_word(item: str) -> re.Pattern[str]:
    """An item's word, singular or plural."""
    return re.compile(rf"\b{re.escape(item)}(?:e?s)?\b")


def _names_as_need(sentence: str, item: str, need: CaseFree = _NEED) -> bool:
    """Whether a sentence of need names the item near its word of ``need`` ("firewood is
    crucial", "we need water"), not elsewhere ("without firewood you die; I'm not a food
    fan")."""
    if item not in sentence:  # most sentences: the word's pattern cannot match
        return False
    for hit in _item_word(item).finditer(sentence):
        start, end = max(0, hit.start() - 30), min(len(sentence), hit.end() + 30)
        for stop in _CLAUSE_END.finditer(sentence, start, end):
            if stop.end() <= hit.start():
                start = stop.end()
            elif stop.start() >= hit.end():
                end = stop.start()
                break
        near = sentence[start:end]
        if need.search(near) and _FIRST_PERSON.search(near) and not _NO_NEED.search(near):
            return True
    return False
