"""A straight answer to a straight question: how long, how many, when, answered with the figure.

Credibility rests on candour, and the plainest candour is answering the question that was
asked. When the client asks for a quantity or a time ("How long does the refund take?",
"When will it ship?", "How many people use it?") and the seller's next reply gives one
("Less than a week.", "Seven days from today."), the seller has answered plainly. Price
questions have their own detector (``price``); a reply without a figure is not judged,
because "it depends, and here is on what" can be candid too. In chat the figure may
come after a word of acknowledgement, so the first thirty words of the reply are read.

A question for a yes or a no about the offer or the facts ("Can I return it after 30 days?")
is answered plainly when the reply's first sentence gives the yes or the no, or an honest "I
don't know", with its reason or its terms ("Unfortunately we can't: that's the policy for
opened items"); a bare "no", a "yes" that leads into the pitch, and answers about the seller's
own life are not credited.

A question for an explanation, the last thing the client said ("What does that mean?", "What
are the risks of infection?", "Why is that?", "How does it work?"), or a request for one in so
many words ("I need you to explain that for me, doctor."), is answered plainly when
the reply's first real sentence says it: "It means you have carpal tunnel syndrome", "There is
very weak blood flow to that bone." A question back, a reflection of theirs, "let's talk about
that later", a hedge, the effort waved away ("Super light."), the company in place of the
answer ("At Acme, we've developed..."), another client's success story or a promise of the
next step is not the answer. Questions about the seller ("Why do you need the water?") or
the deal ("How does that sound?") are not asked for facts; questions about what the seller
sells ("How hard is your system to implement?") are.

A question may be put without a mark ("I was just wondering if the two might be related"), as
what they want to clarify ("I just want to clarify that the balcony is not facing west?"), or
as a check of what they took in ("that's the outside of the knee, right?"). An honest middle
("There's no guarantee, but it is a possibility") answers a yes-or-no; a count of the thing
asked ("two large bathrooms") answers "how many bathrooms?"; asked for an example, a client's
case with its figures is the answer. Comfort ("I think that should be fine"), "I guess...",
and a thin answer rushed on to another subject ("It means you have some arthritis. What do
you do for a living?") are not credited.

The question dodged (``dodges_their_question``): the answer put off to a meeting or a demo;
"quite straightforward" and then the founding story, or the founders' effort and a meeting;
asked how they make sure of it ("How do you ensure accuracy?"), a claim ("a multi-layered
approach", "strict privacy protocols") with no figure, no limit and no measure named; a worry
or a duty ("Will the tramadol be okay with my digoxin?", "Do I have to see her?") met with a
bare verdict or "you'll be fine" and then a change of subject; and a question for the seller's
own verdict ("Are you saying I drink too much?") handed back ("How would you define drinking
too much?"). A question that clarifies ("Do you mean this week?") is no dodge, nor a duty
lifted in a word ("No.").
"""

from __future__ import annotations

import re
from itertools import islice

from trustworks.analysis.context import Emission, TurnContext, sentence_at
from trustworks.analysis.proposals import makes_a_move
from trustworks.analysis.questions import about_the_offer
from trustworks.conversation import Role
from trustworks.sentences import content_stems, content_words, sentence_span, sentence_spans
from trustworks.signals.matcher import CaseFree, starts_with

SIGNAL = "answers_their_question_plainly"
DODGES = "dodges_their_question"
# A prior, not a measurement: dodges are rare (on every dialogue of the clinic training splits,
# AnnoMI, STAR, CaSiNo, INSPIRED and the unannotated sales calls: 2 clinic, 1 AnnoMI, 2 sales,
# all right, 2026-12-06), too few to measure, so a finding carries what the detector's sibling
# readings carry.
DODGES_CONFIDENCE = 0.8
# How often an explanation credited this way was a plain answer, judged by reading the new
# findings on ACI-BENCH's and MTS-Dialog's training splits (36 of 40 read), AnnoMI (3 of 4)
# and the first 600 CaSiNo dialogues, each side judged (4 of 8: there a question is often
# part of the bargain), 2026-12-06. A yes or a no and a figure stay at 1.
EXPLAINED_CONFIDENCE = 0.8
# A share of something: "how much of the money goes to the kids?", "what percentage...?"
_SHARE_ASKED = (
    r"how much of (?:the|my|our|your|it|that|this|each|every)|"
    r"what (?:percent(?:age)?|share|portion|proportion|fraction|part) of"
)
_WH_FIGURE = (
    r"(?:how (?:long|many|soon|often|far|old|big|quickly|much (?:time|long|longer))|by when|"
    r"what time|which (?:day|date|week|month)|when (?:will|would|does|do|did|is|are|can|could|"
    r"should|might|was)|"
    # ("How much of the food do you want?" asks for a move in the bargain.)
    rf"(?:{_SHARE_ASKED})\b"
    r"(?![^.!?]*\b(?:do|would|will|can|could) you (?:want|need|like|prefer)\b))\b"
)
# Asked with a question mark, or without one in chat ("how much long till it is refunded",
# "I just want to see how long they last"): at the start, after a sentence's end or after a
# word that asks. One pattern per way, each led by what it starts with, so that a search
# skips ahead instead of trying all of them at every character (10 us a turn, 3 so).
_MARKED = rf"\b{_WH_FIGURE}[^.!?]{{0,200}}\?"
_UNMARKED = rf"(?:and |so |but )?{_WH_FIGURE}"
_AFTER_A_WORD = rf"\b(?:see|tell me|wondering|ask|find out) {_UNMARKED}"
_WORDS_BEFORE = ("see ", "tell me ", "wondering ", "ask ", "find out ")
# Each searched in an ASCII turn's lower case (`CaseFree`): only where it starts is used.
_ASKS_FOR_A_FIGURE = (
    CaseFree(re.compile(starts_with(_MARKED) + _MARKED, re.IGNORECASE)),
    CaseFree(re.compile(rf"[.!?]\s+{_UNMARKED}", re.IGNORECASE)),
    CaseFree(re.compile(starts_with(_AFTER_A_WORD) + _AFTER_A_WORD, re.IGNORECASE)),
)
_ASKS_FIRST = CaseFree(re.compile(_UNMARKED, re.IGNORECASE))  # at the very start
_NUMBER = (
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|sixty|hundred|thousand|half|a couple of|a few|several|"
    # "a week" is a figure only after a word that measures it ("a lot of users" is not).
    r"(?:less than|more than|about|around|under|over|within|in|once|twice) an?)\b"
)
_UNIT = (
    r"\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|fortnight|"
    r"business days?|working days?|people|users|times|percent)\b"
)
# The figure itself: a number with or without a unit, a day, or a near date.
_FIGURE = re.compile(
    rf"(?:{_NUMBER})[^.!?]{{0,20}}?{_UNIT}|\d|"
    r"\b(?:today|tomorrow|tonight|this (?:week|afternoon|evening|month)|next (?:week|month|"
    r"monday|tuesday|wednesday|thursday|friday)|by (?:monday|tuesday|wednesday|thursday|"
    r"friday|the end of)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december) \d)\b",
    re.IGNORECASE,
)
# Answers that name a figure only to hold it back ("I can't say how many days").
_HOLDS_BACK = re.compile(
    r"\b(?:can'?t|cannot|couldn'?t|don'?t know|not sure|no idea|depends|hard to say|"
    r"let me (?:check|find out|look)|get back to you|find out)\b",
    re.IGNORECASE,
)


# A question for a yes or a no about the facts ("Is it safe to smoke with the patch?", "Can I
# return it after 30 days?", "Do you think I need the MRI?"). Asking the seller to do
# something ("Can you send it?") is a request, answered with a promise, not here.
_YES_OR_NO = (
    r"(?:(?:so|and|but|ok(?:ay)?|well|um|uh),? )*"
    # "I just want to clarify that the balcony is not facing west?"
    r"(?:i (?:just |only )?(?:want(?:ed)?|need(?:ed)?|would like|'d like) to (?:clarify|confirm|"
    r"check|make sure|double[- ]check|verify)(?: that| if| whether)?|"
    r"is|are|was|were|can i|can we|could i|could we|will (?:it|this|that|they|i|we)|"
    # "Will the nurse be in soon?", "will my order ship today?": the facts, not a request.
    r"will (?:the|my|our) (?!\w+ (?:be able to|mind)\b)\w+|"
    r"would (?:it|this|that|they)|does|do (?:i|we|they|you think)|did|should|has|have|"
    r"is there|are there)\b[^.!?]{3,160}\?"
)
# At the start or after a sentence's end: two patterns, because one that opens on "^ or
# punctuation" is tried at every character (2.4 us a turn, 1.5 so); searched in an ASCII
# turn's lower case, 2.3 -> 0.2 us a client turn with a question (`CaseFree`).
_ASKS_YES_OR_NO_FIRST = CaseFree(re.compile(_YES_OR_NO, re.IGNORECASE))
# "Lateral compartment, that's the outside of the knee, right?": a check of what they took in.
_TAG_QUESTION = CaseFree(
    re.compile(
        r"(?:^|[.!?]\s+)[^.!?]{8,160}, (?:right|correct|isn'?t (?:it|that)|is that (?:right|"
        r"correct))\s*\?",
        re.IGNORECASE,
    )
)
_ASKS_YES_OR_NO_NEXT = CaseFree(re.compile(rf"[.!?]\s+{_YES_OR_NO}", re.IGNORECASE))
# The answer given first, with its reason or its terms: "No, it isn't safe, because...",
# "Unfortunately we can't accept returns after 30 days", "Honestly, I don't know yet".
_ANSWERS_YES_OR_NO = re.compile(
    r"^\W*(?:(?:well|ok(?:ay)?|so|hmm|um|uh),? )*(?:yes|yeah|yep|no|nope|unfortunately|sadly|"
    # ("I don't know about that" doubts their view; it is no honest "I don't know".)
    r"honestly|i'?m afraid|i (?:don'?t|do not) know(?! about (?:that|this|it)\b)|"
    r"i'?d (?:recommend|say|suggest)|"
    r"i (?:would )?recommend|i think (?:so|not)|"
    # The candid middle: "There's no guarantee, but it is a possibility", "Probably not, as..."
    r"there(?:'s| is| are) no guarantees?|no guarantees?|probably(?: not)?|most likely|"
    r"not necessarily|not yet|it'?s possible|possibly)\b"
    r"(?!,? (?:problem|worries|thanks|thank you)\b)"
    r"[^.!?]*?\b(?:because|since|as|so|but|and|if|unless|it|it's|that|that's|you|your|we|they|"
    r"there)\b",
    re.IGNORECASE,
)
# Asked of the seller as a person ("Are you camping too?", "Do you have kids?"), the answer is
# about themselves: sharing, not candour about the offer.
# Asked "Can I take them all at once?", "You can certainly take them" is the yes; asked "Are
# there things I can try?", "There are some medications that..." is. The question's subject
# and verb, said back as a statement, answer it: each pair is (asked, answered).
_LEAD = r"^\W*(?:(?:well|ok(?:ay)?|so|actually|um|uh|yeah|yes|no)\b\s*,?\s*)*"
_ECHOES = tuple(
    (
        re.compile(rf"\b(?:{asked})\b", re.IGNORECASE),
        re.compile(_LEAD + answered + r"\b", re.IGNORECASE),
    )
    for asked, answered in (
        (r"(?:is|are|was|were) there", r"there(?:'s| is| are| isn'?t| aren'?t| was| were)"),
        (
            r"(?:can|could|should|do|will|would|must|may|might) (?:i|we)",
            r"(?:you|we) (?:can|could|should|shouldn'?t|do|don'?t|will|won'?t|would|wouldn'?t|"
            r"need|may|might|can'?t|cannot|must)|(?:you|we)'(?:ll|d)",
        ),
        (
            r"(?:is|does|will|would|can|was|has|should) (?:it|this|that)",
            r"(?:it|this|that)(?:'s| is| isn'?t| does| doesn'?t| will| won'?t| would| can|"
            r" can'?t| was| has| should)",
        ),
    )
)
# The company in place of the answer: "At Acme, we've developed...", "we specialize in...".
# How the thing works, in its own words ("your reps would use our app to record visits"), is
# the answer, even with the product named in it.
_ABOUT_OURSELVES = re.compile(
    r"^\W*(?:(?:well|so|sure|absolutely|certainly|great question),? )*at [\w-]+,? we\b|"
    r"\bwe(?:'ve| have)? (?:developed|built|created|designed|speciali[sz]e)\b|"
    r"\bwe(?:'re| are) (?:a|an|the) (?:leading|top|premier|best|world|industry|market|number "
    r"one|#1|largest|biggest)|\btrusted by\b|"
    # "As co-founders, security has been a top priority from day one."
    r"\bas (?:the )?(?:co-?)?founders?\b|\bwe (?:recogni[sz]ed|realized|realised|knew)\b|"
    r"\b(?:is|was|are|were|has been|have been|remains?) (?:always )?(?:a |our )?(?:top|first|"
    r"number one|highest|key|major) priorit",
    re.IGNORECASE,
)
# The effort waved away before any answer: "Super light.", "Dead easy, honestly."
_GLIB = re.compile(
    r"\W*(?:(?:oh|well|honestly),? )*(?:it'?s |that'?s )?"
    r"(?:super|so|really|dead|very|ridiculously) (?:light|easy|simple|quick|painless)\b|"
    r"\W*(?:a breeze|piece of cake|no effort at all)\b|"
    # ...or claimed in a sentence of its own: "It's quite straightforward.", "Not at all."
    r"\W*(?:(?:oh|well|honestly|great question|good question),? )*(?:(?:it'?s|it is|that'?s|"
    r"that is) (?:quite |very |really |pretty |fairly |super |actually )?(?:straightforward|"
    r"simple|easy|painless|seamless|effortless)|not at all)\s*[.!]",
    re.IGNORECASE,
)
# The answer put off to a meeting, a demo or someone else: "Why don't we set up a meeting next
# week? I can bring our technical team", "I'd be happy to discuss implementation details
# further at the demo".
_DEFERS = re.compile(
    r"\b(?:set up|schedule|book|arrange|organi[sz]e|have|do) (?:a|another|an?) (?:quick |"
    r"follow-up |short |proper |in-depth |deeper |separate |technical )?(?:meeting|call|demo|"
    r"demonstration|session|deep[- ]dive|walkthrough|walk-through)\b|"
    r"\b(?:our|my) (?:technical|tech|engineering|product|implementation|solutions|support|"
    r"onboarding) (?:team|people|folks|experts?|specialists?|engineers?) (?:can|will|could|would)"
    r" (?:answer|walk|go over|explain|cover|take you through|get into)\b|"
    r"\b(?:discuss|go over|go into|get into|cover) (?:that|this|those|it|the (?:\w+ )?details|"
    r"(?:\w+ )?details)\b[^.!?]{0,30}\b(?:further|later|another time|next (?:week|time)|"
    r"at (?:the|our|a) (?:meeting|demo|call))\b",
    re.IGNORECASE,
)
_DEFERRAL_SENTENCES = 3  # the put-off is looked for in the reply's first sentences
# A promise or an offer in reply ("I'd be happy to set that up", "I have some availability
# this week") commits to the next step, which the commitments judge; it is not candour.
_COMMITS = re.compile(
    r"^\W*(?:(?:well|so|sure|absolutely|certainly|great|of course),? )*"
    # ("we'?ll" would read "well" as a promise.)
    r"(?:i'?d be (?:happy|glad) to|let me|i have (?:some )?(?:time|availability|openings?|slots?)|"
    r"(?:i|we)(?:'ll| will| can) (?:set up|schedule|book|send|arrange|have (?:it|that|this|the)|"
    r"get (?:it|that|this|the|you)|put together|follow up|call|e-?mail|come (?:by|over|back)))\b",
    re.IGNORECASE,
)
# Another client's result offered as the answer: a story chosen to sell, not the facts asked.
_SUCCESS_STORY = re.compile(
    r"\W*(?:(?:well|so|sure|absolutely|certainly),? )*(?:(?:one|some|many|most|a lot) of our|one|"
    r"a|another|our) (?:\w+ )?(?:clients?|customers?|users?)\b",
    re.IGNORECASE,
)
# "Yeah. You don't have to worry." before anything is known is comfort, not an answer.
_REASSURES = re.compile(
    r"\b(?:(?:don'?t|do not|no need to|nothing to) (?:have to )?worry|you'?ll be (?:fine|ok(?:ay)?|"
    r"alright|all right))\b",
    re.IGNORECASE,
)
# A first sentence that is only the yes or the no ("Yeah.", "Correct."), the answer's terms in
# the next one ("yeah . you can certainly take them all at the same time").
_BARE_YES_OR_NO = re.compile(
    # "Yeah.", "Correct.", "Yes, that's correct."
    r"(?:\W*(?:yes|yeah|yep|yup|no|nope|correct|right|exactly|sure|absolutely|definitely|"
    r"of course|that'?s (?:right|correct))){1,2}\W*",
    re.IGNORECASE,
)
# A question for an explanation, ending the client's turn: "What does that mean?", "what are
# the risks of infection?", "Why is that?", "How does it work?". One that names the seller
# ("Why do you need the water?", "What would you like?") asks about them or for a move in the
# bargain; "How does that sound?" and "what about...?" ask for a view of the deal.
# Searched in the turn's last sentence only (a few words, where the whole turn cost 6 us).
_ASKS_TO_EXPLAIN = CaseFree(
    re.compile(
        r"(?:^\W*|\b(?:so|and|but|okay|ok|well|oh|yes|um|uh),? )"
        r"(?:what (?:kind|sort|type)s? of|what (?:is|are|does|do|did|would|will|could|can|might)|"
        # "What health problems are you talking about?" asks what the seller's words meant.
        r"what (?:[a-z'-]+ ){1,3}(?:are|were|do|did) you (?:talking about|referring to|mean)|"
        r"what'?s|why (?:is|are|does|do|did|would|should|can'?t|won'?t|isn'?t|not)|"
        # "Which plan includes SSO?", "which one is my destination?", "where can I park?",
        # "who will be my contact?" (about the seller, "where do you live?", they are not facts
        # asked for: `_NOT_FOR_FACTS`).
        r"which (?:[a-z'-]+ ){0,2}(?:is|are|does|do|would|will|should|can|include|includes|has|"
        r"have)|which one|where (?:is|are|do|does|can|will|would|should|did)|"
        r"who (?:is|are|will|would|should|handles|does|do|can)|"
        # "I want to know the weather in Detroit on Tuesday?"
        r"i (?:just )?(?:want(?:ed)?|need(?:ed)?|would like|'d like) to know|"
        r"how (?:exactly |precisely )?(?:does|do|is|are|can|could|would|will)|"
        r"how (?:hard|difficult|easy|complicated|complex|secure|safe|accurate|reliable|different|"
        r"expensive|disruptive) (?:is|are|would|will|was)|"
        # "what about the installation process?" asks for facts only when it names a part of
        # the offer (``questions.about_the_offer``); "what about the firewood?" is a move.
        r"what about)\b[^.!?]{0,120}\?",
        re.IGNORECASE,
    )
)
# Asked what the seller's own words meant ("What do you mean?", "What health problems are you
# talking about?", "Does that mean I have diabetes?"): the meaning is a fact to give.
_ASKS_WHAT_IT_MEANT = re.compile(
    r"\b(?:do|did) you mean\b|\b(?:are|were) you (?:talking about|referring to)\b|"
    r"\bdoes (?:that|this|it) mean\b",
    re.IGNORECASE,
)
# Asked for an explanation in so many words, with or without a question mark: "Okay, I need
# you to explain that for me, doctor.", "Could you explain that step in more detail please?".
# What it asks about follows ("that", "what that means", "the next step"): "please explain how
# many packs you need" asks for a move, and "can you explain why?" asks the seller's reasons.
_ASKS_FOR_AN_EXPLANATION = re.compile(
    r"\b(?:(?:can|could|would) you (?:please )?|(?:i need|i want|i'?d like) you to |please )"
    r"(?:explain|clarify) (?P<what>(?:that|this|it|what (?:that|this|it) means|the [\w-]+)\b"
    r"[^.!?]{0,80})|"
    # "Can you give me more details about it?", "More details please."
    r"\b(?:(?:can|could|would) you (?:please )?(?:give|tell) me |^\W*)(?:some |a few |a bit )?"
    r"more details?(?P<about> (?:about|on) (?:that|this|it|the [\w-]+))?(?:,? please)?\W*$",
    re.IGNORECASE,
)
_NOT_FOR_FACTS = re.compile(
    # "you" as the one asked about ("why do you need the water?", "what would you like?"),
    # and "we" as the two sides of a bargain ("how can we make this work?"). What the seller
    # sells ("how hard is your system to implement?") and the client's own side ("how would
    # this work for our reps?") are facts to ask for.
    r"\b(?:you|yours|yourself|u|ya)\b(?!'?(?:re|ve|d) (?:system|product))|"
    r"\b(?:your|ur)\b(?! (?:\w+ )?(?:system|product|platform|software|app|service|solution|"
    r"tool|company|firm|team|pricing|price|contract|offer|process|policy|data|security|"
    r"warranty|guarantee|support|technology|model|package|installation|implementation)s?\b)|"
    r"\b(?:we|us)\b|\bsound|\bwhat about\b|\bhow about\b|"
    r"\bhow (?:is|are) (?:things|it going|everything|life|the family)\b|\bwhat'?s (?:up|new)\b",
    re.IGNORECASE,
)
# A question about the deal on the table ("Does that work?", "Can we trade two waters for a
# firewood?", "what do I get in return?") is answered with a move in the bargain, which
# "That does not work for me" is, however plainly said.
_ABOUT_THE_DEAL = re.compile(
    r"\b(?:trade|deal|split|swap|exchange|offer|fair|in return|give up|spare|agreement|"
    # "So are you suggesting that I would get 2 waters, 3 firewood and no food?"
    r"suggesting (?:that )?(?:i|you|we)\b|"
    r"work(?:s)? for (?:you|me|us|both|everyone|them)\b|"
    r"(?:that|this|it) (?:work|sound|seem)s? (?:ok|okay|good|fair|right|alright)|"
    # "Does that work?" asks for a yes to the terms; "how does this work?" asks how.
    r"(?<!how )(?:does|would|will|do) (?:that|this|it|they) (?:work|sound|seem)"
    r"(?: (?:with|for) (?:you|me|us|both of us|everyone))?\s*\?)",
    re.IGNORECASE,
)
# Not the answer yet: "let's talk about what we found first", "maybe we can put that on the
# shelf", a reflection of their question ("So you're wondering..."), or a hedge.
_NOT_THE_ANSWER_YET = re.compile(
    r"^\W*(?:(?:well|ok(?:ay)?|so|um|uh|yeah|right)\b\s*,?\s*)*(?:let'?s|let me|maybe|perhaps|"
    r"i guess|i suppose|"
    r"we(?:'ll| will) (?:get|come back)|before (?:i|we)|i'?m wondering|i wonder|good question|"
    r"(?:so,? )?you(?:'re| are| feel| think| mean| said| want| were)|it sounds|sounds like|"
    r"it seems|what i'?m hearing|it (?:could|might|may) be)\b",
    re.IGNORECASE,
)
_THEIR_WANTS = re.compile(
    r"\b(?:you|we) (?:\w+ )?(?:want|like|prefer)\b|\bneeds?\b|\bpriorit",
    re.IGNORECASE,
)
# After "It's quite straightforward." the next sentence answers only if it says how: who does
# the work ("Our team handles the entire setup"), what they will do with it ("Your reps would
# use our app to record their visits").
_SAYS_HOW = re.compile(
    r"\b(?:we|our (?:team|engineers|technicians|staff|people|experts|specialists))"
    r"(?:'ll| will| would| can)? (?:\w+ )?(?:provide|handle|install|set|configure|train|take care"
    r"|migrate|integrate|manage|assign|support|include|connect|import|encrypt|back|use|run|"
    r"store|test|audit|review|monitor|check|verify)\w*\b|"
    r"\b(?:you|your \w+)(?:'d| would| will|'ll| can| just)? (?:\w+ )?(?:use|record|log|open|get|"
    r"see|receive|plug|install|connect|upload|scan|sign)\b",
    re.IGNORECASE,
)
# "Are you saying I drink too much?" asks what the seller's words meant, not about the seller.
_ABOUT_THE_SELLER = re.compile(
    r"\b(?:are|were|did|do|have|has) you\b(?! (?:think|saying|telling me|suggesting|mean)\b)",
    re.IGNORECASE,
)
# "Yes, so let me show you the dashboard" answers with the pitch.
_ON_TO_THE_PITCH = re.compile(
    r"\b(?:let me|i'?ll|i will|we'?ll) (?:show|walk|tell you about|demo|take you through)\b",
    re.IGNORECASE,
)
_PLAIN_WORDS = 6  # "No." alone says nothing; the reason or the terms make it plain
# "No way, I need it more than you do" answers "Can I have the firewood?" with the seller's
# own wants: a move in a bargain, not candour about the facts or the terms. Asked what they
# need ("Is there anything you need most?"), saying it is the plain answer.
# What they ask for and what the seller wants, each read up to its first preposition or
# clause: "a refund" of "Can I get a refund without the receipt?", "the receipt" of "we need
# the receipt to process any refund".
_ASKS_TO_HAVE = re.compile(
    r"\b(?:(?:can|could|may) (?:i|we) (?:have|get|take|keep|grab)|would you (?:give|let))\b"
    r"(?P<what>[^.,;:!?]*)",
    re.IGNORECASE,
)
_OWN_WANTS = re.compile(
    r"\b(?:i|we) (?:really |also |just |still |do )?(?:need|want|would like|'d like)\b"
    r"(?: to (?:keep|have|hold on to|hang on to)\b)?(?P<what>[^.,;:!?]*)",
    re.IGNORECASE,
)
_UP_TO_A_BREAK = re.compile(
    r"\b(?:without|with|by|for|from|if|so|to|because|before|after|until|in|on|at|and|but)\b",
    re.IGNORECASE,
)
# The same thing for themselves: "I need it more than you do", "one package for myself".
_FOR_THEMSELVES = re.compile(
    r"^\s*(?:it|them|those|these)\b|\bfor (?:myself|ourselves)\b|\bmore than you\b",
    re.IGNORECASE,
)
_NOT_A_THING = re.compile(
    r"a|an|the|all|of|some|any|more|most|my|our|your|me|us|you|it|them|that|this|those|these|"
    r"one|two|three|four|five|both|extra|please"
)


class PlainAnswerDetector:
    """Remembers the client's question for a figure, or for a yes or a no, until the
    seller's next turn."""

    def __init__(self) -> None:
        self._question: str | None = None
        self._yes_or_no: str | None = None
        self._explain: str | None = None
        self._example: str | None = None

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Credit a seller reply that opens with the figure, or the yes or no, asked for."""
        text = ctx.turn.text
        if ctx.role is Role.CLIENT:
            asked = _figure_asked_at(text) if _may_ask_for_a_figure(text) else None
            self._question = self._yes_or_no = self._explain = self._example = None
            if "xampl" in text and (example := _EXAMPLE_ASKED.search(text)) is not None:
                self._example = sentence_at(text, example.start())
            elif asked is not None and ctx.cue("price_question") is None:
                self._question = sentence_at(text, asked)
            elif (
                "?" in text  # cheap, and most client turns ask nothing
                and (closed := _asks_yes_or_no(text)) is not None
                and not _ABOUT_THE_SELLER.search(text[closed.start() : closed.end()])
            ):
                self._yes_or_no = sentence_at(text, closed.end() - 1)
            elif (wonders := _wondered(text)) is not None and ctx.cue("price_question") is None:
                self._yes_or_no = sentence_at(text, wonders.start())
            elif (
                "?" in text
                and (why := _explanation_asked(text)) is not None
                # "How do you ensure accuracy?" names the seller, about what they offer;
                # "Why do you need the water?" asks what they want.
                and (
                    _NOT_FOR_FACTS.search(why) is None
                    or _ASKS_WHAT_IT_MEANT.search(why) is not None
                    or (about_the_offer(why) and _THEIR_WANTS.search(why) is None)
                )
                and _ABOUT_THE_DEAL.search(why) is None
                and ctx.cue("price_question") is None
            ):
                self._explain = why
            elif (request := _explanation_requested(text)) is not None and (
                ctx.cue("price_question") is None
            ):
                self._explain = request
            return []
        if ctx.role is not Role.SELLER:
            return []
        if self._yes_or_no is not None:
            question, self._yes_or_no = self._yes_or_no, None
            return _plain_yes_or_no(text, question)
        if self._example is not None:
            question, self._example = self._example, None
            return _example_given(text, question)
        if self._explain is not None:
            question, self._explain = self._explain, None
            return _plain_explanation(text, question)
        if self._question is None:
            return []
        question, self._question = self._question, None
        # Chat replies often clear their throat first ("Ok, one moment please"): the figure
        # may come a sentence or two in, but within the reply's first words.
        head = _first_words(text, _ANSWER_WORDS)
        # Asked what share, the answer is a share: "I give $10 a month myself" is not one.
        figure = (_SHARE if _ASKS_SHARE.search(question) else _FIGURE).search(head)
        if figure is None:
            figure = _count_of(question, head)  # "How many bathrooms?" "Two large bathrooms."
        if figure is None or _HOLDS_BACK.search(head[: figure.end()]) is not None:
            return []
        start, end = sentence_span(text, figure.start())
        if "?" in text[start:end]:
            return []  # a question back is not an answer
        if _COMMITS.match(text[start:end]):
            return []
        return [Emission(SIGNAL, start, end, question)]


_ANSWER_WORDS = 30
_ASKS_SHARE = re.compile(rf"\b(?:{_SHARE_ASKED})\b", re.IGNORECASE)
_SHARE = re.compile(
    r"\d+(?:\.\d+)?\s?(?:%|percent|per cent)|\b(?:half|a third|two thirds|a quarter|"
    r"three quarters|most|all|none|nearly all|almost all)\b|\b\d+ (?:cents|pence) (?:of|in|on) "
    r"(?:every|each|the) (?:dollar|pound|euro)\b",
    re.IGNORECASE,
)


# "How many bathrooms does it have?": the thing counted, its last letter off ("bathroom").
_HOW_MANY = re.compile(r"\bhow many (?:more |other )?([a-z]{3,}?)(?:es|s)?\b", re.IGNORECASE)


# "How many packs do you want?" asks for a move in the bargain, not a fact.
_WANTS_ASKED = re.compile(
    r"\b(?:you|u) (?:\w+ )?(?:want|need|like|prefer|take|get|give)\b", re.IGNORECASE
)


def _count_of(question: str, head: str) -> re.Match[str] | None:
    """A count of the thing asked about: "two large bathrooms" for "how many bathrooms?"."""
    asked = _HOW_MANY.search(question)
    if asked is None or _WANTS_ASKED.search(question) is not None:
        return None
    counted = re.escape(asked.group(1).lower())
    return re.search(rf"(?:{_NUMBER})\W+(?:[\w-]+\W+){{0,2}}?{counted}", head, re.IGNORECASE)


def _figure_asked_at(text: str) -> int | None:
    """Where the first question for a figure starts in ``text``, if it asks one."""
    if _ASKS_FIRST.match(text) is not None:
        return 0
    marked, _, after_a_word = _ASKS_FOR_A_FIGURE
    # Each search is skipped where its words cannot be (most turns): a marked question
    # needs its "?", a question after a word that word (judged on ASCII text's lower case).
    ways = [_ASKS_FOR_A_FIGURE[1]]
    if "?" in text:
        ways.append(marked)
    if not text.isascii() or any(map(text.lower().__contains__, _WORDS_BEFORE)):
        ways.append(after_a_word)
    found = [hit.start() for way in ways if (hit := way.search(text)) is not None]
    return min(found) if found else None


def _asks_yes_or_no(text: str) -> re.Match[str] | None:
    """The first question for a yes or a no in ``text``, from the sentence end before it
    (found in an ASCII text's lower case: its places are the text's)."""
    return (
        _ASKS_YES_OR_NO_FIRST.match(text)
        or _ASKS_YES_OR_NO_NEXT.search(text)
        or _checked_back(text)
    )


# Asked without a question mark: "I was wondering if I could take them with food", "I didn't
# know if it was bad to take them all at once or if I should separate them".
_WONDERS = re.compile(
    r"\bi(?: was|'m| am|'ve been| have been) (?:just )?wondering (?:if|whether)\b[^.!?]{3,160}|"
    # ("I don't know if I can stop" doubts themselves; what they did not know is asked.)
    r"\bi (?:didn'?t|did n't|did not) know (?:if|whether) (?:it|this|that|they)(?: 's|'s| is|"
    r" was| were| would| will| can| should| could)\b[^.!?]{3,160}|"
    r"\bi (?:don'?t|do n't|do not) know (?:if|whether) (?:it|this|that|they)(?: 's|'s| is| are|"
    r" would be| will be) (?:ok(?:ay)?|bad|safe|fine|normal|allowed|serious|dangerous)\b"
    r"[^.!?]{0,160}",
    re.IGNORECASE,
)


def _wondered(text: str) -> re.Match[str] | None:
    """A question for a yes or a no put as what the client wonders or did not know."""
    # Most turns say none of its words: the search is skipped, judged on the raw text (its
    # words are lower case but for a first letter: "Wondering", "Know"; a turn in capitals
    # is not read).
    if "ondering" not in text and "now if" not in text and "now whether" not in text:
        return None
    wondered = _WONDERS.search(text)
    if wondered is None or _ASKS_A_SHARE.search(wondered.group()) is not None:
        return None
    return None if _ABOUT_THE_DEAL.search(wondered.group()) is not None else wondered


# "I was wondering if I could take all three packages of water" asks for a share, a move.
_ASKS_A_SHARE = re.compile(
    r"\b(?:i|we) (?:could|can|might|may) (?:have|get|take|keep|grab)\b", re.IGNORECASE
)


def _checked_back(text: str) -> re.Match[str] | None:
    """A check of what they took in ("that's the outside of the knee, right?"), not of the
    terms on the table ("so I get 2 water and 1 food, is that right?")."""
    if "," not in text or (text.isascii() and not any(map(text.lower().__contains__, _TAGS))):
        return None  # most questions end on no tag: the search is skipped
    tagged = _TAG_QUESTION.search(text)
    if tagged is None or _ABOUT_THE_DEAL.search(tagged.group()) is not None:
        return None
    if _SHARES_OUT.search(tagged.group()) is not None:
        return None  # "So I get 2 water and 1 food, right?" checks the split
    return tagged


_TAGS = ("right", "correct", "isn't", "isnt")
_SHARES_OUT = re.compile(
    r"\b(?:i|you|we) (?:would |will |'d |'ll )?(?:get|take|keep|have) (?:\d|one|two|three|all)\b",
    re.IGNORECASE,
)


def _may_ask_for_a_figure(text: str) -> bool:
    """Whether ``_ASKS_FOR_A_FIGURE`` could match: every question it takes says "how",
    "when", "which", "what time" or what share ("what percentage of"). Its search costs 10
    us a client turn, and most turns say none of them. Only ASCII text is judged by its
    lower case: elsewhere Unicode case rules ("ı" for "i") could let the pattern match what
    lower-casing does not show.
    """
    if not text.isascii():
        return True
    lowered = text.lower()
    return (
        "how" in lowered
        or "when" in lowered
        or "which" in lowered
        or ("what " in lowered and ("what time" in lowered or " of" in lowered))
    )


_WORD = re.compile(r"\S+")


def _first_words(text: str, count: int) -> str:
    """The text up to the end of its ``count``-th word."""
    # Only the first ``count`` words and one more are read: a long monologue's reply was split
    # into every word it has (1 ms for one of AnnoMI's longest turns).
    words = list(islice(_WORD.finditer(text), count + 1))
    return text if len(words) <= count else text[: words[count - 1].end()]


def _plain_yes_or_no(text: str, question: str) -> list[Emission]:
    """The reply answers yes or no and says why, or on what terms: in its first sentence,
    or in the one after a bare "Yeah." or "Correct."."""
    if (
        _WORRY_OR_MUST.search(question) is not None
        and _ABOUT_THE_DEAL.search(question) is None  # "Does that sound ok?" "Yes."
        and (dodged := _bare_verdict(text, question))
    ):
        return dodged
    if (turned := _TURNED_AROUND.match(text)) is not None and _ASKS_THEIR_VIEW.search(question):
        return [Emission(DODGES, *sentence_span(text, turned.start()), question, DODGES_CONFIDENCE)]
    start, end = sentence_span(text, 0)
    answer = text[start:end]
    least = _PLAIN_WORDS
    if _BARE_YES_OR_NO.fullmatch(answer) is not None:
        if end >= len(text):
            return []
        end = sentence_span(text, end + 1)[1]
        terms, answer = text[start + len(answer) : end], text[start:end]
        # The terms must be about what was asked: "Yeah. I had a question for you too" is not.
        if _ABOUT_THE_DEAL.search(question) or not (
            _echoes(question, terms) or content_words(terms) & content_words(question)
        ):
            return []
        least -= 1  # "Correct. Balcony is facing south." is plain
    elif _ANSWERS_YES_OR_NO.search(answer) is None and not _echoes(question, answer):
        return []
    if "?" in answer or answer.rstrip().endswith("-") or len(answer.split()) < least:
        return []
    if _ON_TO_THE_PITCH.search(answer) or _REASSURES.search(answer):
        return []
    if _wants_it_too(question, answer):
        return []
    return [Emission(SIGNAL, start, end, question)]


# A yes-or-no question that carries a worry or a duty ("Will the tramadol be okay with my
# digoxin?", "Is this normal?", "Do I have to see her?"): the client wants the reason with
# the verdict, and a verdict alone ("It will be okay.", "You do.") leaves the worry standing.
_WORRY_OR_MUST = re.compile(
    r"\b(?:have to|need to|supposed to|must (?:i|we)|safe|normal|bad|serious|dangerous|harmful|"
    r"risky|worried|worry|concerned|wrong|cancer(?:ous)?|"
    # "Will the tramadol be okay with my digoxin?"; "Is that okay with you?" asks for a yes
    # to a proposal, and "Is this OK?" to the one just made.
    # "I can only eat halal food. Will that be alright?" asks leave for their own request.
    r"(?<!\bthat )(?<!\bthis )"
    r"be (?:ok(?:ay)?|alright|all right|fine)\b(?! (?:with|for|by) (?:you|me|us|both|everyone)))",
    re.IGNORECASE,
)
_WORRY = re.compile(
    r"\b(?:safe|normal|bad|serious|dangerous|harmful|risky|worried|worry|concerned|wrong|"
    r"cancer(?:ous)?|(?<!\bthat )(?<!\bthis )be (?:ok(?:ay)?|alright|all right|fine))\b",
    re.IGNORECASE,
)
# A duty lifted needs no reason: "No.", "You don't.", "Not at all."
_RELEASES = re.compile(
    r"\W*(?:no|nope|not (?:at all|really)|(?:you|we) (?:don'?t|do not|needn'?t|won'?t))\b",
    re.IGNORECASE,
)
# Comfort in place of the reason: "you'll be fine", "it will be okay", "nothing to worry about".
_COMFORTS = re.compile(
    r"\b(?:(?:don'?t|do not|no need to|nothing to) (?:have to )?worry|you'?ll be (?:fine|ok(?:ay)?|"
    r"alright|all right)|(?:it|that|this|they|you)(?:'ll| will| should| is|'s| are|'re) (?:be )?"
    r"(?:fine|ok(?:ay)?|alright|all right)\b)",
    re.IGNORECASE,
)
# What gives a verdict its ground: a reason, a condition, a limit or a finding.
_GROUNDS = re.compile(
    r"\b(?:because|since|'?cause|as long as|so long as|given|unless|if|as|which|until|except|"
    r"only|just|but not|depends|normal for|common|usually|most|your \w+ (?:is|are|was|were|"
    r"looks?))\b|\d",
    re.IGNORECASE,
)
_BARE_VERDICT_WORDS = 5
# Asked for the seller's own verdict ("Are you saying I drink too much?", "Do you think I
# need surgery?"), the question handed back for the client to answer ("How would you define
# drinking too much?", "What do you think?"). A question that clarifies ("Do you mean this
# week or in general?") is not this.
_ASKS_THEIR_VIEW = re.compile(
    r"\b(?:are you (?:saying|telling me|suggesting)|do you (?:think|mean)|would you say|"
    r"in your (?:opinion|view))\b",
    re.IGNORECASE,
)
_TURNED_AROUND = re.compile(
    r"\W*(?:(?:well|hmm|so|um|uh|okay|ok|mm-hmm),? )*(?:how would you (?:define|describe|say)|"
    r"what do you think|what would you say|how do you (?:feel|see it)|why do you ask|"
    r"what (?:makes|made) you (?:think|ask|say|wonder)|what does [^.!?]{1,40} mean to you)\b"
    r"[^.!?]*\?",
    re.IGNORECASE,
)
# The reply moves on after the verdict: "Any other issues?", "So you have atrial fibrillation."
_MOVES_ON = re.compile(r"^\W*(?:so|anyway|now|okay|ok|alright|all right|and|hm+)\b", re.IGNORECASE)


# A turn a transcript ends on a dash was cut off: what it would have said is not known.
_CUT_OFF = ("-", "\u2013", "\u2014")


def _bare_verdict(text: str, question: str) -> list[Emission]:
    """Asked with a worry or a duty, the reply gives a verdict with no ground ("You do.",
    "It will be okay.", "I'll have to take a look, but you'll be fine.") and ends there or
    moves on to something else: a question of its own, or a new subject."""
    if text.rstrip().endswith(_CUT_OFF):
        return []  # cut off before the reason, perhaps: "Well, it's high, you know, they--"
    start, end = sentence_span(text, 0)
    verdict = text[start:end]
    if "?" in verdict or _GROUNDS.search(verdict) is not None:
        return []
    if _RELEASES.match(verdict) is not None and _WORRY.search(question) is None:
        return []  # "Do I need to bring anything?" "No. Anything else?" lifts the duty
    bare = len(verdict.split()) <= _BARE_VERDICT_WORDS and (
        _ANSWERS_YES_OR_NO.search(verdict) is not None
        or _BARE_YES_OR_NO.fullmatch(verdict) is not None
        or _echoes(question, verdict)
        or _COMFORTS.search(verdict) is not None
    )
    if not bare and _COMFORTS.search(verdict) is None:
        return []
    if end < len(text.rstrip()):
        after = text[end:].strip()
        nxt = after[: sentence_span(after, 0)[1]]
        asks = "?" in nxt
        if _GROUNDS.search(nxt) is not None and not asks:
            return []
        if content_stems(nxt) & content_stems(question):
            return []  # the next sentence is about what was asked: its ground, perhaps
        if not asks and _MOVES_ON.match(nxt) is None:
            return []
    return [Emission(DODGES, start, end, question, DODGES_CONFIDENCE)]


def _echoes(question: str, answer: str) -> bool:
    """Whether ``answer`` opens by saying the question's subject and verb back (not asked
    about the deal, where the echo is a move: "Does that work?" "That does not work")."""
    if _ABOUT_THE_DEAL.search(question):
        return False
    return any(asked.search(question) and said.search(answer) for asked, said in _ECHOES)


def _explanation_asked(text: str) -> str | None:
    """The question for an explanation that ends ``text``, if its last sentence is one."""
    # The last "?" among the marks and emoji that end the turn ("...so low? 🙂").
    end = len(text)
    while end and text[end - 1] != "?" and not text[end - 1].isalnum():
        end -= 1
    if not end or text[end - 1] != "?":
        return None
    start = max(text.rfind(mark, 0, end - 1) for mark in ".!?") + 1
    sentence = text[start:end]
    if "-" in sentence:  # "What-what kind of health problems?" is asked as "What kind of..."
        sentence = _STUTTER.sub(r"\1", sentence)
    asked = _ASKS_TO_EXPLAIN.search(sentence)
    return sentence.strip() if asked is not None and asked.end() == len(sentence) else None


_STUTTER = re.compile(r"\b(\w+)-\1\b", re.IGNORECASE)


def _explanation_requested(text: str) -> str | None:
    """The request for an explanation in the last sentence of ``text``, if it makes one about
    the facts ("I need you to explain that for me"), with or without a question mark."""
    lowered = text.lower()
    if text.isascii() and not any(w in lowered for w in ("expla", "clarif", "detail")):
        return None  # most turns ask for no explanation: 3 us a turn saved
    # The last sentence of three words or more, with what trails it: "Could you explain that,
    # Dr. Smith?" is not cut to "Smith?", nor "Could you explain that for me? Thanks." to its
    # thanks.
    spans = sentence_spans(text)
    if not spans:
        return None
    sentence = text[spans[-1][0] :].strip()
    asked = _ASKS_FOR_AN_EXPLANATION.search(sentence)
    if asked is None or _NOT_FOR_FACTS.search(asked.group("what") or "") is not None:
        return None
    if _ABOUT_THE_DEAL.search(sentence) is not None:
        return None
    return sentence


def _plain_explanation(text: str, question: str) -> list[Emission]:
    """The reply's first sentence of substance explains what was asked, as a statement.

    A word of acknowledgement may come first ("Okay.", "Sure."); a sentence too short to
    say anything ("About your family.") is not taken for the answer, nor is the company ("At
    Acme, we've developed...") or a client's success story ("One client saw their conversion
    jump from 44% to 55%").
    """
    spans = sentence_spans(text)
    if _ASKS_FOR_PROOF.search(question) is not None and (unproven := _unproven(text, spans)):
        return [Emission(DODGES, *unproven, question, DODGES_CONFIDENCE)]
    claimed = False  # "It's quite straightforward." or "We've designed it to be simple." first
    if (glib := _GLIB.match(text)) is not None:
        # "Super light." has waved the question away; what follows may still answer it
        # ("It's quite straightforward. We provide an app your reps record visits with."),
        # and with the answer put off to a meeting after it, the question was dodged. (A
        # sentence too short to count may have no span of its own.)
        after = [span for span in spans if span[0] >= glib.end()]
        if not after or _GLIB.match(text, after[0][0]) is not None:
            return _put_off(text, spans, question)
        spans, claimed = after, True
    for start, end in spans[:2]:
        answer = text[start:end]
        if len(answer.split()) < _PLAIN_WORDS:
            continue
        if "?" in answer or answer.rstrip().endswith("-"):  # a question back, or cut off
            return _put_off(text, spans, question)  # "why don't we set up a call?" puts it off
        if _NOT_THE_ANSWER_YET.search(answer) or _HOLDS_BACK.search(answer):
            return []
        if _ON_TO_THE_PITCH.search(answer) or _SUCCESS_STORY.match(answer):
            return []
        if makes_a_move(answer):
            return []  # "I could give you 2 waters if I get 3 firewood": a move, not the facts
        if _COMFORTS.search(answer) is not None and _GROUNDS.search(answer) is None:
            return []  # "I think that should be fine." comforts; it explains nothing
        if _COMMITS.match(answer):
            return _put_off(text, spans, question)
        if claimed and _ORIGIN_STORY.search(answer):
            # "It's quite straightforward. The idea for Rilla came from a previous startup."
            return [Emission(DODGES, start, end, question, DODGES_CONFIDENCE)]
        if _ABOUT_OURSELVES.search(answer):
            if claimed:
                # "It's quite straightforward. As co-founders, we've put a lot of effort
                # into it. [...] Happy to discuss the details at a meeting next week."
                return _put_off(text, spans, question, len(spans))
            # The company's claim first ("We've designed it to be user-friendly."): the
            # answer may be the next sentence, as after a glib one.
            claimed = True
            continue
        if _DEFERS.search(answer):  # "Our engineers can walk you through it on a call."
            return [Emission(DODGES, start, end, question, DODGES_CONFIDENCE)]
        if claimed and _FIGURE.search(answer) is None and _SAYS_HOW.search(answer) is None:
            return []  # "As founders we've put a lot of care into the design." says no how
        if len(answer.split()) <= _THIN_WORDS and _rushes_on(text, end, question + " " + answer):
            return []  # "It means you have some arthritis. What do you do for a living?"
        return [Emission(SIGNAL, start, end, question, EXPLAINED_CONFIDENCE)]
    return _put_off(text, spans, question)


# A thin answer and straight on to another subject: "It means you have some arthritis in these
# toes. What do you do for a living?" (the next sentence a question of the seller's own).
_THIN_WORDS = 9
_RUSHED_ON = re.compile(
    r"\W*(?:(?:so|okay|ok|alright|all right|now|anyway|and)\b,?\s*)*"
    r"(?:what|how|do|does|did|are|have|has|any|when|where|is)\b(?! (?:that|this|it)\b)[^.!?]*\?",
    re.IGNORECASE,
)


_CHECKS_BACK = re.compile(
    r"\b(?:make sense|any (?:other )?questions|(?:is|was) (?:that|this|it) clear|more detail|"
    r"understand)\b",
    re.IGNORECASE,
)


def _rushes_on(text: str, end: int, asked: str) -> bool:
    """Whether the sentence after ``end`` is a question on another subject than ``asked``
    (the question and its answer), not a check that it landed ("Does that make sense?")."""
    after = _RUSHED_ON.match(text, end)
    if after is None:
        return False
    question = after.group()
    if _CHECKS_BACK.search(question) is not None:
        return False
    return not content_stems(question) & content_stems(asked)


# Asked for an example ("Can you give an example of how it works in practice?"), a client's
# case with its figures is the answer, where offered unasked it would be a story to sell.
_EXAMPLE_ASKED = re.compile(
    r"\b(?:give|show|share|tell|walk) (?:me |us )?(?:through )?(?:an?|some|one)(?: \w+)?"
    r" examples?\b[^.!?]{0,120}\?|\b(?:any|an|some) examples?\s*\?|\bfor (?:example|instance)"
    r"\s*\?",
    re.IGNORECASE,
)
_EXAMPLE_SENTENCES = 3


def _example_given(text: str, question: str) -> list[Emission]:
    """The reply gives a case with its figures in its first sentences, asking nothing back
    first: "One of our clients in roofing saw top performers raise pain points in 80% of
    their conversations"."""
    for start, end in sentence_spans(text)[:_EXAMPLE_SENTENCES]:
        sentence = text[start:end]
        if "?" in sentence or _COMMITS.match(sentence) or _DEFERS.search(sentence):
            return []
        if _FIGURE.search(sentence) is not None or "%" in sentence:
            return [Emission(SIGNAL, start, end, question, EXPLAINED_CONFIDENCE)]
    return []


# How the company came to be, told in place of how the thing is done.
_ORIGIN_STORY = re.compile(
    r"\b(?:the idea (?:for|behind|of) [\w -]{1,40}(?:came|started|was born)|"
    r"(?:came|grew) out of (?:a|an|our|my) (?:previous|earlier|former|old)|"
    r"(?:we|i) (?:founded|started|launched) (?:the|our|this) (?:company|business|startup)|"
    r"when (?:we|i) (?:first )?(?:founded|started) (?:the|our|this) (?:company|business)|"
    r"our (?:founding )?story|(?:we|i) (?:worked|were working) (?:at|with|for) [^.!?]{1,40}"
    r"\b(?:before|previously)|a previous (?:startup|company|venture))\b",
    re.IGNORECASE,
)
# Asked how they make sure of it ("How do you ensure accuracy?", "How secure is it?"), a
# claim with no figure and no limit ("We've implemented a multi-layered approach to ensure
# high accuracy.", "We have strict privacy protocols in place") is no answer: the client
# asked for the evidence.
_ASKS_FOR_PROOF = re.compile(
    r"\bhow (?:do|can|would|will|did|does) (?:you|they|it|the (?:system|app|software|product|"
    r"platform|tool)) (?:ensure|guarantee|make sure|assure|measure|verify|prove|protect|"
    r"safeguard|keep (?:[\w-]+ ){0,3}(?:safe|secure|private|accurate))\b|"
    r"\bhow (?:accurate|reliable|secure|safe|private) (?:is|are|would|will)\b",
    re.IGNORECASE,
)
_CLAIMS = re.compile(
    r"\b(?:multi-?layered|robust|rigorous|strict|stringent|comprehensive|state-of-the-art|"
    r"cutting[- ]edge|industry[- ](?:leading|standard)|best[- ]in[- ]class|world[- ]class|"
    r"top[- ]notch|highest standards|enterprise[- ]grade|bank[- ](?:level|grade)|"
    r"military[- ]grade|completely (?:safe|secure|unobtrusive|accurate|reliable))\b|"
    r"\bwe(?:'ve| have) (?:implemented|put in place|designed|built|developed)\b",
    re.IGNORECASE,
)
# What makes a claim checkable: a figure, a limit owned, a named standard or test.
_EVIDENCE = re.compile(
    r"\d|%|\bpercent\b|\b(?:not (?:perfect|always|100)|can'?t|cannot|doesn'?t|don'?t|won'?t|"
    r"isn'?t|limit(?:s|ation)?|miss(?:es)?|errors?|mistakes?|sometimes|depends|except|"
    r"trade-?offs?|audit(?:ed|s)?|certified|certification|compliant|hipaa|gdpr|soc ?2|iso|"
    r"tested|benchmark\w*|encrypt\w*|backups?|access controls?|role-based|two-factor|2fa|mfa|"
    r"passwords?|manual(?:ly)?|by hand|double-checks?|validated|third-party|independent(?:ly)?|"
    r"anonymi[sz]\w*|consent|opt[- ]in|delet\w*|retention|human review\w*|reviewed by)\b",
    re.IGNORECASE,
)
_PROOF_SENTENCES = 4


def _unproven(text: str, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The claim that stands in for the evidence asked for: the reply's first sentences make
    a claim ("a multi-layered approach", "strict protocols") and give no figure, no limit
    and no named standard. The span of the claim, if so."""
    first = spans[:_PROOF_SENTENCES]
    if not first or _EVIDENCE.search(text, first[0][0], first[-1][1]) is not None:
        return None
    for start, end in first:
        if "?" in text[start:end]:
            return None  # a question back: the clarifying kind is no dodge
        if _CLAIMS.search(text, start, end) is not None:
            return start, end
    return None


# Asked what comes next, a meeting is the answer: "What would be the next steps?"
_ASKS_NEXT_STEP = re.compile(
    r"\bnext steps?\b|\bwhat (?:happens|comes) (?:next|now)\b|\bwhere do we go from here\b|"
    r"\bhow (?:do|would|should|can) we (?:proceed|move forward|get started|start|go ahead)\b",
    re.IGNORECASE,
)


def _put_off(
    text: str, spans: list[tuple[int, int]], question: str, within: int = _DEFERRAL_SENTENCES
) -> list[Emission]:
    """The question left unanswered and put off to a meeting, a demo or someone else, in the
    reply's first sentences: the dodge is the sentence that puts it off."""
    if _ASKS_NEXT_STEP.search(question):
        return []
    for start, end in spans[:within]:
        if _DEFERS.search(text, start, end):
            return [Emission(DODGES, start, end, question, DODGES_CONFIDENCE)]
    return []


def _wants_it_too(question: str, answer: str) -> bool:
    """Asked for the seller's goods, the answer rests on the seller wanting the same thing
    ("Can I have all the firewood?" "No way, I need it more than you do"). A condition the
    seller needs ("Can I get a refund?" "No, we need the receipt") is an answer on the terms."""
    asked = _ASKS_TO_HAVE.search(question)
    wants = _OWN_WANTS.search(answer) if asked is not None else None
    if asked is None or wants is None:
        return False
    if _FOR_THEMSELVES.search(wants.group("what")):
        return True
    return bool(_things(asked.group("what")) & _things(wants.group("what")))


def _things(words: str) -> set[str]:
    """The words naming a thing, singular, up to the first preposition or clause."""
    cut = _UP_TO_A_BREAK.search(words)
    if cut is not None:
        words = words[: cut.start()]
    return {w.rstrip("s") for w in words.lower().split() if not _NOT_A_THING.fullmatch(w)}
