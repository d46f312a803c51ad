"""A feeling passed over: the client says they are worried or struggling, and the seller's next
turn goes on as if they had not.

A feeling is said in many ways: in feeling words ("I'm really struggling"), by what it was like
("it felt like I was having a heart attack"), by what it does to their life ("I cannot sleep
because of the pain", "I didn't get my whole self back"), for someone close ("my wife freaks
out easily"), as disbelief at their own luck ("I can't believe I managed to get lost"), as a
moment just past ("so, I got a little nervous about that"), as good news or a day that matters
("she finally got her degree", "it is also my birthday"), or as grave news with no feeling word
at all ("my mom has cancer", "my son died in a car accident").

"I'm just worried that something happened" answered with "Okay. And what have you taken for
the pain?" is what clinicians call a missed empathic opportunity (Levinson, Gorawara-Bhat and
Lamb 2000 found most of them missed in primary care and surgery). In a sale or a negotiation
it is the same act: "I'm afraid my kids will be cold" met with "What if you get 2 and I get 1?"
tells them the worry was heard as noise. A reply that says anything about it counts: sympathy,
a word of theirs given back, a remark that points at it ("we can look into that"), an
invitation to say more ("what happened?"). A question for a detail, whether it names their topic
("I'm really struggling with these headaches" met with "Where are the headaches located?") or
points at it ("had you ever had that before?"), or their word in the speaker's own case ("I
need firewood too"), is the speaker's list going on. A family history's answers ("my dad died
of a stroke") are the form's, not news told to be heard. Only the
next turn is judged, and only when it says something: a back-channel leaves the floor to them.

A hardship told with no feeling word ("I lost my debit card and someone withdrew $300!", "I've
had a headache and dizziness for two days") is passed over only by a reply that goes on with the
form, naming nothing of it: the next slot or entry ("Could I get your full name?", "There is a
slot at 1pm"). A visit's history questions go on from a symptom as they should.

The other way round, a reply that opens with a bare "I'm so sorry." after their news ("My
sister died during heart surgery") is sympathy, which no phrase can tell from an apology
without the turn before it; so is "Good luck!" or "Happy birthday!" after their good news.
"""

from __future__ import annotations

import re
from collections import deque

from trustworks.analysis.acknowledgement import leads_into
from trustworks.analysis.constraints import CONFIDENCE as CONSTRAINT_CONFIDENCE
from trustworks.analysis.constraints import SIGNAL as PASSES_OVER_CONSTRAINT
from trustworks.analysis.constraints import TOLD_GATED, offers_another_time, told_constraint
from trustworks.analysis.context import Emission, TurnContext
from trustworks.analysis.records import (
    asks_for_a_slot,
    for_the_record,
    is_intake,
    names_a_symptom,
)
from trustworks.conversation import Role
from trustworks.sentences import content_words, sentence_span, stem
from trustworks.signals.matcher import CaseFree, Gated, Gates, fast_form, fold

SIGNAL = "passes_over_their_feeling"
# A phrase signal, also given by this detector when only the turn before shows that "I'm so
# sorry." is sympathy and not an apology.
SYMPATHY = "shows_sympathy"
# How often a finding of this detector was a feeling passed over, judged by reading every one
# it made on ACI-BENCH's and MTS-Dialog's training splits, the first 600 CaSiNo train
# dialogues (each side judged) and all of AnnoMI (2026-12-05, after a reviewer's 128 probes:
# 17 of 25; the others took it up in words no rule reads, a reflection with none of their
# words or "I'm set for firewood if you need the extra"). Its findings carry it as their
# confidence (or the signal's audited precision, if lower), so they weigh less than a rule
# that is all but always right.
CONFIDENCE = 0.7
# "Really", "so", "honestly", "beyond"...: the words that may stand between "I'm" and the
# feeling.
_DEGREE_WORDS = (
    "really|so|very|a little|a bit|a little bit|kind of|kinda|pretty|quite|just|getting|"
    "feeling|been|still|a lot|extremely|super|too|more and more|honestly|genuinely|actually|"
    "seriously|beyond|absolutely|truly|incredibly|terribly|awfully|increasingly"
)
_DEGREE = rf"(?:(?:{_DEGREE_WORDS})\s+)*"
# Good news of theirs, or a day that matters to them: "we're so happy for Alexis", "she finally
# got her degree", "it is also my birthday", "wish me luck on my job interview!". ("I'm so
# excited for the trip!" is how a chat says hello.)
_GOOD_NEWS_WORDS = (
    r"\b(?:i'?m|i am|we'?re|we are) " + _DEGREE + r"(?:happy for|so happy(?= *[.!]))"
    r"|\b(?:just|finally) (?:got (?:married|engaged|promoted|(?:her|his|my|their|our|an?) "
    r"(?:\w+ )?(?:degree|diploma|license|licence|first job))|graduated)\b"
    r"|\b(?:we|i) (?:just )?had (?:a|our|my) (?:baby|first baby|little)\b|\bparty time\b"
    r"|\b(?:it'?s|it is|today is|today'?s|tomorrow is|tomorrow'?s) (?:also |actually )?(?:my|our) "
    r"(?:\w+ )?(?:birthday|anniversary|wedding day)\b|\bwish (?:me|us) luck\b"
)
_GOOD_NEWS = re.compile(fast_form(_GOOD_NEWS_WORDS), re.IGNORECASE)
# The client saying how they feel now, in the first person. Past narrative ("I got nervous and
# called 911") tells a story rather than asks to be heard. A fear may have an infinitive ("I'm
# scared to open the statements"); a difficulty with one is a task ("hard to swallow",
# "struggling to log in"), and one with an object is a practical problem ("struggling with the
# login", "I don't know what to do with the cables").
_FEELING = re.compile(
    fast_form(
        r"\b(?:i'?m|i am|i've been|i have been|i feel|i'm feeling|makes me|leaves me)\s+"
        + _DEGREE
        + r"(?:(?:worried|concerned|scared|afraid|anxious|nervous|stressed|frustrated|upset|"
        r"overwhelmed|sad|depressed|lonely|angry|terrified|frightened|embarrassed|ashamed|"
        r"unsafe|uncomfortable(?= *(?:[.!?,;]|$|with\b|about\b|around\b|sharing\b|talking\b))|"
        r"devastated|heartbroken|desperate|panick\w*|freak(?:ed|ing) out|at my wits'? end|"
        r"fed up|miserable|hopeless|helpless|worthless|numb|isolated|trapped)\b"
        r"|(?:exhausted|worn out|struggling|at a loss)\b(?! (?:to|with|for|on)\b))"
        r"|\bi (?:really |just |kind of )?(?:worry|panic)\b"
        # "Some days I feel extremely low", "I've been feeling so down lately": low in spirits;
        # "I'm getting low" in a bargain is low on something.
        r"|\bi(?:'ve been| have been|'m| am)? (?:feel|felt|feeling) " + _DEGREE + r"(?:low|down)"
        r"(?= *(?:[.!?,;]|$|lately|these days|today|recently|and\b|but\b))"
        r"|\bi(?: do not| don'?t|'m not| am not) feel(?:ing)? safe\b"
        # "I feel really bad", "I've been feeling awful lately" ("I feel bad asking" and "I
        # feel bad for you" are manners and sympathy).
        # ("I feel sick" is a symptom, and "I feel bad, but I have to cancel" manners.)
        r"|\bi(?:'ve been| have been|'m| am)? (?:feel|felt|feeling) " + _DEGREE + r"(?:bad|awful|"
        r"terrible|horrible|lousy|crappy|rotten|guilty)(?! *,? *(?:but|however|though)\b)"
        r"(?= *(?:[.!?,;]|$|today|lately|these days|right now|now|and\b|since\b|because\b|"
        r"after\b|about (?:it|this|that|what|how|the way)\b))"
        # Something wrong with them, not with a thing of theirs ("...with the report numbers").
        r"|\bi (?:just |really |still )?feel (?:like|that) (?:there'?s|there is|something'?s|"
        r"something is|something) (?:something )?(?:wrong|not right|off(?![\w-]))"
        r"(?= *(?:[.!?,;]|$|with (?:me|my (?:body|health|heart|head|baby|son|daughter|husband|"
        r"wife|mind))\b|and\b|but\b))"
        r"|\b(?:it|this|that) (?:really |kind of )?"
        r"(?:worries|scares|frightens|upsets|stresses) me\b"
        # Told by what it is like: "that would be really scary", "it was a little embarrassing".
        r"|\b(?:it|this|that)(?:'s| is| was| would be| will be| has been) "
        + _DEGREE
        + r"(?:scary|frightening|terrifying|embarrassing|humiliating|heartbreaking|devastating|"
        r"depressing|upsetting|overwhelming|stressful)\b"
        r"|\bwhat (?:really |most )?(?:worries|scares|frightens) me\b"
        r"|\bmy (?:anxiety|stress)(?: levels?)? (?:is|has been|have been|are)\b"
        # "I've been under a lot of stress lately", "I think it's just stress".
        r"|\b(?:i'?m|i am|i'?ve been|i have been|been) under (?:a lot of|so much|a great deal of|"
        r"a ton of|too much|tons of|some|a bit of|a little|huge|enormous) (?:stress|pressure)\b"
        r"|\b(?:it'?s|it is) (?:just |probably |all |only )?(?:the )?stress\b"
        r"|\b(?:keeps?|kept) me (?:up|awake)\b(?! to\b)|\blosing sleep\b"
        # Told of a moment just past, it still asks to be heard: "so, I got a little nervous
        # about that", "I was really scared", "a lot has been weighing on me lately".
        r"|\bi (?:got|was|felt|became) " + _DEGREE + r"(?:nervous|scared|worried|frightened|"
        r"terrified|anxious|upset|embarrassed|panick\w*|freaked out|heartbroken|devastated|"
        r"angry|furious|frustrated|overwhelmed|sad|lonely|depressed|ashamed|humiliated)\b"
        # "I got nervous and called the helpline" tells a story going on.
        r"(?! and\b)"
        # "I was so worried there would be nobody available": relief, now that there is.
        r"(?! (?:that )?(?:about )?(?:it|this|that|there|you|they|he|she|we|i|nobody|no one|"
        r"someone|something) (?:would|might|could|wouldn'?t|won'?t|was going to)\b)"
        r"|\b(?:weighing|weighs|weighed) (?:on|heavily on) (?:me|my mind)\b"
        r"|\b(?:battles?|battling|struggl\w+|dealing|managing|living) (?:through |with )?"
        r"(?:my )?(?:depression|anxiety|panic attacks)\b"
        r"|\bi don'?t know what (?:to do|i'?m going to do)\b(?=\s*(?:[.!?,;]|$|any ?more\b))"
        r"|\b(?:it|this|that)(?:'s| has) been (?:really |so |very |pretty |such )?"
        r"(?:hard|tough|difficult|rough|a struggle|awful|terrible)\b"
        r"(?! (?:to|for (?:me|us|him|her|them) to|work)\b)"
        # ...or is, said with how much: "with the little kids it's really hard".
        r"|\b(?:it|this|that)(?:'s| is) (?:really|so|very|pretty|super|incredibly|just so) "
        r"(?:hard|tough|difficult|rough)\b(?! (?:to|for (?:me|us|him|her|them) to|work)\b)"
        # "That's not very pleasant at all", "it was awful".
        r"|\b(?:it|this|that)(?:'s| is| was) (?:really |so |very |just |pretty |quite )?"
        r"(?:not (?:very |at all |that |too )?pleasant|unpleasant|awful|horrible|miserable)\b"
        r"(?! to (?:use|read|work with|deal with|navigate|look at|operate|install|set up)\b)"
        r"|\b(?:a|such a) (?:really )?(?:tough|rough|hard|difficult) (?:year|time|few months|"
        r"month|week|few weeks)\b"
        # Someone close to them feeling it: "my wife freaks out easily", "my mum is so worried".
        r"|\bmy (?:wife|husband|partner|mom|mum|mother|dad|father|son|daughter|kids|children|"
        r"family|parents|boyfriend|girlfriend|fianc\w+) (?:(?:is|was|has been|gets|got|were|"
        r"are|have been) )?" + _DEGREE + r"(?:freak(?:s|ed|ing)? out|panick\w*|worried|scared|"
        r"terrified|frightened|anxious|upset|stressed|devastated|heartbroken|beside "
        r"(?:him|her)self)\b"
        # Fear told by what it was like: "it felt like I was having a heart attack".
        r"|\b(?:felt|feels|feel|thought) like i (?:was|am|'m|were) (?:going to |gonna )?(?:die|"
        r"dying|having a heart attack|going crazy|losing my mind|drowning|suffocating)\b"
        r"|\bi thought i (?:was|were) (?:going to |gonna )?(?:die|dying|having a heart attack)\b"
        # What it does to their life: "I cannot sleep properly because of the pain", "I'm still
        # not feeling well", "I didn't get my whole self back", "it hurts so bad".
        r"|\b(?:can'?t|cannot|could ?n'?t|could not|unable to) sleep (?:properly|at all|"
        r"because|from|with)\b|\bhaven'?t (?:had|slept) (?:a )?(?:proper|good|decent|full) "
        r"(?:night'?s? )?sleep\b"
        r"|\bi(?:'m| am) still not feeling (?:very )?(?:well|good|right|myself)\b"
        r"|\bi (?:still )?(?:don'?t|do not) feel (?:like )?(?:myself|right|well)\b"
        r"|\b(?:didn'?t|did not|haven'?t|have not|never) (?:get|got|gotten) my (?:whole |old )?"
        r"self back\b|\bnot (?:been )?(?:feeling )?(?:like )?myself\b"
        r"|\b(?:it|this|that) hurts so (?:bad|badly|much)\b"
        r"|\bi(?:'m| am) in (?:so much|such|a lot of|terrible|constant|agony|agonizing) (?:pain)?"
        r"|\bcan'?t (?:take|stand|bear) (?:it|this) (?:any ?more|much longer)\b"
        # Disbelief at their own lot: "I can't believe I managed to get lost", "just my luck".
        r"|\bi (?:can'?t|cannot|could ?n'?t) believe (?:i|i'?ve|i'?m|this is happening)\b"
        r"|\b(?:just|imagine|with) my luck\b"
        r"|\bi never thought (?:it|this|that) (?:could|would|might) (?:be|happen)\b"
        r"|" + _GOOD_NEWS_WORDS
    ),
    re.IGNORECASE,
)
# Denied, or a condition rather than a state: "I'm not worried", "I wouldn't say I'm
# worried", "whenever I'm stressed". Only words and spaces between: after a comma the feeling
# is said ("I'm not sure, but I'm worried", "not gonna lie, I'm worried").
_NOT_NOW = re.compile(
    # "There are days when I feel so low" tells how it often is: a feeling said.
    r"(?:\bnot|n't|\bnever|\bno longer|(?<!days )(?<!times )(?<!nights )(?<!mornings )\bwhen|"
    r"\bwhenever|\bif|\bunless|\bas far as)"
    r"[ \t]+(?:[\w']+[ \t]+){0,2}$",
    re.IGNORECASE,
)
# Someone else's words reported: "my boss told me, 'I'm really worried'", "he said I don't
# feel safe here".
_QUOTED = re.compile(
    r"\b(?:said|says|saying|told \w+|tells \w+|asked|wrote|writes|goes)[,:]?\s*"
    r"(?:[\"']|that\b)?\s*$",
    re.IGNORECASE,
)
# "I'm afraid we'll have to pass" or "I'm afraid not" is a polite no; "afraid of germs",
# "really afraid" or "afraid it might get cold" is a fear.
_POLITE_AFRAID = re.compile(
    r"afraid,? (?:so|not|(?:that )?(?:i|we)(?:'ll|'m|'re| will| am| are)? (?:can'?t|cannot|"
    r"won'?t|will not|have to|need|must|don'?t|do not|didn'?t|couldn'?t|unable|not|be unable|"
    r"going to have to)|"
    r"(?:that|this)(?:'s| is| will| would)? (?:not|no|too|out|beyond|won'?t|isn'?t|can'?t)|"
    # "I'm afraid that is a must", "I'm afraid this was the last one": the news, said politely.
    r"(?:that )?(?:that|this)(?:'s| is| was| will be| would be| has to be| remains)|"
    r"(?:that|this) (?:won'?t|isn'?t|can'?t|doesn'?t|wouldn'?t))\b",
    re.IGNORECASE,
)
# Hard news about their life or body: a loss, an illness, pain, a hard stretch of time.
# "The wifi is terrible", "the box arrived broken" or "a pain point" is a complaint about a
# thing, met with an apology, not sympathy.
_HARDSHIP = re.compile(
    fast_form(
        r"\b(?:passed (?:away|on)|died|death|funeral|lost (?:my|our|her|his|the baby)|cancer|"
        r"tumou?rs?|(?:was|were|been|got|just) diagnosed|diagnosis of|divorc\w+|laid off|"
        r"got fired|pain(?![- ](?:point|free|killer))|hurts?|hurting|accident|injur\w+|"
        r"(?:i|he|she|they|we)(?:'m|'re| am| are| was| were| got| have been|'ve been) "
        r"(?:really |very |so )?sick(?! (?:of|and tired)\b)|broke (?:my|his|her|their) \w+|"
        r"(?:in|to|from) (?:the )?hospital|hospitali[sz]ed|surgery|emergency room|the er\b|"
        r"miscarr\w+|bad news|(?:a|the) (?:really )?(?:terrible|awful|rough|hard|tough|worst) "
        r"(?:day|week|night|time|year|month|few (?:days|weeks|months))|hard time|"
        r"(?:feel|felt|feeling) (?:terrible|awful|horrible|the worst)|"
        # Their body: "I'm having the worst headache of my life", "I've been having bad pains".
        r"(?:i'?m|i am|i'?ve been|i have been) having (?:a |the |some |these )?(?:really |very "
        r"|so )?(?:terrible|awful|horrible|bad|worst|severe|constant) \w+|"
        r"worst \w+ (?:of my life|i'?ve ever (?:had|felt)|ever))\b"
    ),
    re.IGNORECASE,
)
# Grave news of their life, their own or of someone close: a death, cancer, a divorce, a job
# lost, depression. Met with a question for the next fact, it is passed over as surely as a
# feeling ("my mom has some type of cancer in her mouth", answered "Have you been screened for
# cancer before?"). Pain, an injury or a stay in hospital is what a clinic's questions are
# about: hard news, answered or not, but not looked for here.
_GRAVE = re.compile(
    fast_form(
        # A death is someone's: "my dad died", "she passed away" ("my phone died" is not).
        r"\b(?:(?:(?:my|our|his|her|their) (?:[\w-]+ ){0,2}?(?:mom|mum|mother|dad|father|"
        r"husband|wife|son|daughter|brother|sister|grand\w+|aunt|uncle|cousin|friend|partner|"
        r"baby|child|boyfriend|girlfriend|fianc\w+|dog|cat|pet)(?:-in-law)?|he|she|they)"
        r"(?: (?:just|recently|suddenly|unexpectedly|sadly))? (?:died|passed (?:away|on))|"
        r"funeral|cancer|tumou?rs?|terminal(?:ly ill)?|"
        r"(?:going through|in the middle of) (?:a|my|the) divorce|(?:getting|just|recently) "
        r"divorced|(?:i|we|he|she)(?:'ve| have| was| were| got| just got| had been| been) "
        r"(?:just |recently )?(?:laid off|fired|let go)|lost (?:my|our) (?:job|baby|mom|mum|"
        r"mother|dad|father|husband|wife|son|daughter|brother|sister|home|house)|miscarr\w+|"
        # Their depression, not an era's: "I suffer from depression", "my depression".
        r"(?:my|with|from|have|has|had|for) (?:\w+ )?depression)\b"
    ),
    re.IGNORECASE,
)
# Denied, asked after as a risk or a record, or a cause: "no history of cancer", "screened for
# cancer", "a cancer charity".
_NOT_GRAVE = re.compile(
    r"(?:\b(?:no|not|never|any|if|history of|screen\w*|risk of|tests?(?:ed)? for|rule out|"
    r"ruled out|prevent\w*|awareness|charit\w*|research|fight(?:ing)? against|"
    r"(?:do|does|did|is|was|are|were|has|have|had|wo|ca)nt)\b|n't\b)[^.?!]{0,25}$",
    re.IGNORECASE,
)


# Going well: "things have been going well with my depression".
_GOING_WELL = re.compile(
    r"\b(?:going|doing|been|getting) (?:really |pretty |very )?(?:well|better|good|great|fine)\b",
    re.IGNORECASE,
)
# Long past, it is history: "colon cancer surgery was in 1998", "he died at seventy five",
# "my husband died thirty years ago".
_LONG_AGO = re.compile(
    r"\b(?:years ago|decades ago|in (?:19|20)\d\d|in (?:nineteen|twenty) \w+|at (?:the age of |"
    r"age )?(?:\d+|\w+ty(?:[ -]\w+)?)\b(?! (?:am|pm|percent)\b)|when (?:he|she|they|i|we) "
    r"(?:was|were) (?:\d+|\w+ty|young|little|a (?:kid|child|baby|teenager)))",
    re.IGNORECASE,
)
# The illness named as a service or a field: "a cancer screening", "a new cancer specialist".
_A_SERVICE = re.compile(
    r" (?:screening|specialist|doctor|center|centre|clinic|research|charity|risk|survivor|"
    r"free|ward|unit|nurse)s?\b",
    re.IGNORECASE,
)
# A question for a family history ("any cancer in your family?", "how about your parents?") is
# answered with the deaths and illnesses of relatives, often long past: the form's answers, not
# news told to be heard.
_ASKS_FAMILY_HISTORY = re.compile(
    fast_form(
        # A question about their relatives ("any illnesses in your family?", "how about your
        # parents?"), or a history named ("your medical history"); not "your order history".
        r"\b(?:family|relatives?|parents?|mother|father|mom|mum|dad|siblings?|brothers?|"
        r"sisters?|grand\w+|genetic|hereditary|run in)\b[^.!?]*\?|"
        r"\b(?:medical|health|past|surgical|family|social) history\b"
    ),
    re.IGNORECASE,
)


# The seller's follow-ups ("how old was she?", "what kind?") go on taking the history.
_FAMILY_HISTORY_TURNS = 3


def _grave_news(text: str) -> re.Match[str] | None:
    """The first grave news ``text`` tells of its speaker's life, if it does: not denied, not
    asked about, not going well."""
    for match in _GRAVE.finditer(text):
        if _NOT_GRAVE.search(text, max(0, match.start() - 40), match.start()):
            continue
        left, right = sentence_span(text, match.start())
        sentence = text[left:right]
        if (
            sentence.rstrip().endswith("?")
            or _GOING_WELL.search(sentence)
            or _LONG_AGO.search(sentence)
            or _A_SERVICE.match(text, match.end())
        ):
            continue
        return match
    return None


# The whole first sentence of the reply is sympathy: "I'm so sorry.", "Oh no.", "That is
# unfortunate." ("I'm sorry, could you repeat that?" and "Sorry for the wait." are not.)
_INTENSIFIERS = r"(?:(?:so|very|really|truly|terribly|awfully)[, ]+)*"
_BARE_SYMPATHY = re.compile(
    r"(?:(?:oh|aw+|oh dear|oh my(?: god(?:ness)?)?|oh gosh|gosh|wow|ugh|ouch|oof)[,!.]? )?"
    rf"(?:(?:i'?m|i am) {_INTENSIFIERS}sorry|{_INTENSIFIERS}sorry(?: to hear(?: (?:that|this|"
    r"it))?)?|(?:that|this|it)(?:'s| is| was| sounds| must be| must have been) (?:so |really |"
    r"very |just )?(?:unfortunate|awful|terrible|horrible|rough|tough|hard|sad|scary|"
    r"frightening|no fun|not fun|the worst)|oh no|oh dear|i hear you|poor (?:you|thing))"
    # ...and a question about them or the person in their news: "I'm so sorry, is he okay?"
    r"(?:[,-]+ *(?:is|are|was|were|how|did|does|do) (?:he|she|they|you|it|everyone|the baby|"
    r"your \w+)\b[^.?!]*\?)?[^\w?]*",
    re.IGNORECASE,
)
# Words that answer a feeling: sympathy, understanding, comfort, the feeling named, or sharing
# it ("me too"). "Sorry, could you repeat that?", "I see", "of course" and "sounds good" are
# the conversation's oil, not an answer to it.
_ANSWERS_IT = re.compile(
    r"\b(?:sorry\b(?!,? (?:(?:could|can|would|will|may) (?:you|i|we)|what|who|where|which|"
    r"i (?:didn'?t|missed)|for (?:the|my) (?:wait|delay|confusion|interruption)))|"
    r"understand\w*|imagine|sounds? like|sounds? (?:hard|tough|awful|rough|scary|stressful|"
    r"difficult|frustrating|exhausting|painful|terrible|horrible|upsetting|worrying)|"
    r"must (?:be|have)|hear(?:ing)? (?:that|you)|worr\w*|concern\w*|scar\w*|fears?|tough|hard|"
    r"difficult|frustrat\w*|normal|natural|makes sense|poor|oh no|unfortunate\w*|awful|"
    r"terrible|rough|glad|relax|calm|safe|reassur\w*|afraid|nervous|anxious|stress\w*|"
    r"(?:you|you'd|you'll|you're|you've) (?:\w+ )?(?:feel|felt)|feel(?:s|ing)? (?:that way|"
    r"like that)|feels? like|feelings?|(?:your|the) mind|that sucks|going on for you|"
    r"like for you|me too|me neither|same here|me 2|likewise|(?:i'?m|i am) too|i bet|no wonder|"
    # The feared thing doubted: "I don't think so", "that's unlikely".
    r"(?:don'?t|do n'?t|do not) think so|i doubt (?:it|that)|(?:highly |very )?unlikely|"
    r"holding up|coping|makes (?:\w+ )?sense|"
    # Their load seen: "there's a lot of decisions and a lot of change", "a lot going on".
    r"a lot (?:of (?:\w+ ){0,2}?)?(?:going on|change|changes|decisions|to (?:deal with|handle|"
    r"take in|carry|juggle)|on your plate)|"
    # Their good news met: "Congratulations!", "How exciting", "Good for her".
    r"congrat\w*|wonderful|exciting|amazing|fantastic|awesome|how (?:nice|lovely|fun)|lovely|"
    r"good for (?:you|her|him|them)|happy for|great news|well done|celebrat\w*|"
    # Their words agreed with: "I'm sure you don't.", "I'm sure it was." ("I'm sure you'll love
    # the new plan" moves on.)
    r"(?:i'?m|i am) sure (?:you|it|that|they|he|she|we) (?:do|did|does|was|were|are|is|would|"
    r"will|can|have|had)(?: ?n'?t)?(?= *(?:[.!,;]|$|yeah|yes|right)))\b|"
    # What they said, pointed at: "you called with these complaints", "those symptoms".
    r"\b(?:these|those) (?:complaints?|symptoms?)\b|"
    # The worry probed: "can you give me an example of a time...", "tell me about a time when".
    r"\b(?:give me|tell me about|walk me through|think of|describe|share) (?:an?|one|some) "
    r"(?:\w+ )?(?:examples?|times?|instances?|moments?)\b",
    re.IGNORECASE,
)
# An offer to act on it for them: "we'll run it on a copy first", "you can cancel any month",
# "I'll call them myself", "would you like me to...". Not the seller's own next step ("I'll
# need your account number", "I'll do a quick exam") or a bare "let's".
_OFFERS_TO_ACT = re.compile(
    r"\b(?:(?:i'll|i will|we'll|we will|i've|we've)\b"
    r"(?! (?:just |also |first |quickly )?(?:need|have to|ask|start|begin|take (?:a|your)|"
    r"get (?:your|a|some)|check your|examine|listen to your|do (?:a|the|your)|go ahead and|"
    r"move on|walk you through (?:the|our)|talk about|look at your|"
    # The record read out, not an act for them: "we've had you on prozac 20 milligrams".
    r"had you|got you (?:on|down)|been|seen|noticed|tried you)\b)"
    r"|(?:i|we) (?:don'?t|do not) mind (?:if you|you)\b"
    r"|(?<!anything else )(?<!something else )(?:i can|we can|you can|i could|we could|"
    r"would you like me to|do you want me to|"
    r"want me to|shall i|how about i|what if (?:i|we))\b"
    r"|i'?m (?:sending|going to (?:send|call|fix|replace|refund|sort|get you)|happy to)\b"
    r"|would it (?:help|make (?:things|it|this) easier)|let'?s get (?:you|that|this|it)\b"
    # A way round it suggested: "maybe we should make sure to drink water", "let's make sure".
    r"|(?:maybe|perhaps) (?:we|you|i) (?:should|could|can|might)\b|(?:let'?s|we should) make sure\b"
    r"|\bif you\b[^.?!]{0,60}\b(?:it|that|this|you)(?:'ll| will| would| should| can) "
    r"(?:help|keep|provide|give|stay|be (?:fine|okay|ok|warm|safe))\b"
    # ...or asked about: "so are you thinking of driving?", "have you thought about a sitter?"
    r"|(?:are|were) you (?:thinking (?:of|about)|planning (?:on|to)|considering)\b"
    r"|have you (?:thought (?:of|about)|considered)\b|would you (?:consider|think about)\b"
    r"|(?:want|would you like) to (?:do|try|go over|practi[cs]e)\b[^.?!]*\btogether\b)",
    re.IGNORECASE,
)
_BACKCHANNEL_WORDS = (
    r"okay|ok|all right|alright|mm+-?hmm|mm+|uh-?huh|yeah|yes|right|so|and|um|uh|well|hmm+|"
    r"oh+|wow|ah+|got it|noted|sure|sounds good|of course|i see|great|perfect|thanks|thank you|"
    r"cool|fine"
)
_BACKCHANNEL = CaseFree(re.compile(rf"^(?:\W*(?:{_BACKCHANNEL_WORDS})\b)*\W*", re.IGNORECASE))
# The reply's first sentence points at what they said: "That's a real worry.", "It happens.",
# "We can look into that." ("It comes with onboarding." and "This is the form." move on.)
_OPENS_ON_IT = re.compile(
    r"(?:that|it)(?:'s| is| was| sounds| seems| must| happens| makes| can be)\b|"
    r"this (?:sounds|seems|must|can be)\b|"
    # What they asked for, granted: "Then we've got ourselves a deal."
    r"(?:then |so )?(?:(?:we'?ve|we|you'?ve|you) )?got (?:ourselves |yourself )?a deal\b|"
    # A picture of what they said: "Like being the last smoker in the office."
    r"like (?:being|having|living|a|an)\b",
    re.IGNORECASE,
)
# "How much is it?" and "what time is it?" end on an "it" that stands for nothing said.
_ENDS_ON_IT = re.compile(
    r"\b(?<!\bis )(?<!\bwas )(?:that|this|it|them|those|these)(?:\s+\w+){0,2}\W*$",
    re.IGNORECASE,
)
_POINTING_WORDS = 12  # a first sentence longer than this has moved on, whatever its last word
_AROUND = 25  # words of a long, unpunctuated turn either side of the feeling that it is about
# Words shared by chance rather than taken up: how much, and when.
_NOT_THEIR_POINT = frozenset(
    [
        *_DEGREE_WORDS.replace("|", " ").split(),
        *("now", "today", "lately", "recently", "time", "bit", "thing", "things", "lot"),
        # Words any turn may use: "I'm using a walker" and "have you used anything?".
        *("n't", "use", "used", "using", "need", "needs", "needed", "want", "wants", "wanted"),
        *("make", "made", "take", "took", "give", "gave", "keep", "kept", "try", "tried"),
        *("say", "said", "see", "saw", "look", "come", "came", "went", "put", "let", "anything"),
    ]
)


# Feeling unwell, told to someone booking them in: "I've had a headache and dizziness for two
# days". In a visit it is what the questions are about; before a booking's next slot, it is news.
_UNWELL = re.compile(
    r"\b(?:headaches?|migraines?|dizz(?:y|iness)|fevers?|nause(?:a|ous)|vomit\w*|"
    r"(?:i'?m|i am|i feel|feeling|i'?ve been|i have been) (?:really |very |so |quite )?"
    r"(?:weak|sick|ill|unwell)(?! (?:of|and tired)\b))\b",
    re.IGNORECASE,
)
# Looking forward to it, told to someone booking it: "I'm really excited about the trip!". (In a
# negotiation's chat it is how one says hello, and no form follows it there.)
_LOOKING_FORWARD = re.compile(
    r"\b(?:i'?m|i am|we'?re|we are) (?:so |really |very |super |just |pretty )*(?:excited|"
    r"thrilled|stoked|looking forward)\b",
    re.IGNORECASE,
)
# A hardship denied or asked about is none: "no pain", "it doesn't hurt", "any dizziness?".
_DENIED = re.compile(
    r"(?:\b(?:no|not|never|without|any|denies)|n'?t)\W+(?:\w+\W+){0,2}$", re.IGNORECASE
)
# The reply goes on with the form: the next slot, a record's question, or the booking done.
_FORM_DONE = re.compile(
    r"\b(?:(?:is|are|has been|have been|'s) (?:now |all |successfully |been )*(?:booked|"
    r"confirmed|scheduled|reserved|cancel+ed)\b|all (?:set|done)\b|"
    r"(?:is|are) (?:now )?(?:available|free|open) (?:at|on|from)\b|"
    r"there(?:'s| is) (?:a|an|one) (?:\w+ )?(?:slot|opening|appointment|table|room|seat)\b|"
    r"(?:anything|something) else (?:i|we) can\b|your (?:\w+ )?name\b[^.!?]*\?|"
    # Which one of the booking's: "What hotel would you like to stay at?".
    r"\b(?:what|which) (?:hotel|venue|restaurant|apartment|doctor|flight|room|table|airline|"
    r"destination|location)s? (?:would|do|will) you (?:like|prefer|want|need|choose)\b)",
    re.IGNORECASE,
)


def _hardship_sentence(text: str) -> tuple[str, bool] | None:
    """The sentence that tells of a hardship, of feeling unwell or of looking forward to it,
    undenied, unless a question of theirs follows it (the reply then answers the question), and
    whether only a booking's next slot passes it over (a visit's history questions take up
    feeling unwell)."""
    denied: list[tuple[int, int]] = []  # "I don't have a headache or a fever": both denied
    for pattern in (_HARDSHIP, _UNWELL, _LOOKING_FORWARD):
        for match in pattern.finditer(text):
            if any(left <= match.start() < right for left, right in denied):
                continue
            if _DENIED.search(text, max(0, match.start() - 30), match.start()):
                denied.append(sentence_span(text, match.start()))
                continue
            if "hospital" in match.group().lower():  # "a ride from the Hospital" is a place
                continue
            left, right = sentence_span(text, match.start())
            if "?" in text[right:] or "?" in text[match.end() : right]:
                return None
            return text[left:right], pattern is not _HARDSHIP
    return None


def _form_goes_on(told: tuple[str, bool], reply: str, start: int, end: int) -> int | None:
    """Whether the reply's first sentence goes on with the form past the hardship ``told``,
    naming nothing of it ("I lost my card and someone withdrew $300!" - "Can you tell me your
    account number, please?"). A question about it ("How would you rate the pain?") takes it up;
    a visit's history questions go on from a headache as they should, a booking's slot does not.
    Returns where the words read end, if it does.
    """
    sentence, unwell = told
    if len(reply[start:end].split()) < _FIRST_WORDS:  # "Alright, Dr. Morgan is available..."
        end = sentence_span(reply, end + 1)[1]
    first = reply[start:end]
    if (
        goes_on_with_the_form(first, booking_only=unwell)
        and not _words(sentence) & _words(first)
        and not answers_it(sentence, reply)
    ):
        return end
    return None


_FIRST_WORDS = 3


def goes_on_with_the_form(sentence: str, *, booking_only: bool = False) -> bool:
    """Whether ``sentence`` asks for the form's next slot or entry (``booking_only``: a booking's
    slot), or says the booking is done."""
    if _FORM_DONE.search(sentence):
        return True
    question = sentence.strip()
    if not question.endswith("?") or names_a_symptom(question):
        return False  # "How would you rate the pain?" asks about what they told
    if booking_only:
        return asks_for_a_slot(question)
    return asks_for_a_slot(question) or for_the_record(question) or is_intake(question)


# Every client turn is searched for both; most have neither, and RE2 says so in a fraction of
# the time Python's engine takes to try them at every letter they may start with.
_FEELING_GATED = Gated(_FEELING)
# One pass for both says "neither" for most turns.
_NEWS_GATED = Gated(
    re.compile(
        f"{_FEELING.pattern}|{_HARDSHIP.pattern}|{_GRAVE.pattern}|{_UNWELL.pattern}|"
        f"{_LOOKING_FORWARD.pattern}",
        re.IGNORECASE,
    )
)
# Both asked of every client turn, in one RE2 pass: news, and what does not work for them.
_CLIENT_GATES = Gates(_NEWS_GATED, TOLD_GATED)
# Three words said, counted no further than the third.
_THREE_WORDS = re.compile(r"(?<!\w)\w++\W++\w++\W++\w")  # possessive: linear on a long word


def _said_from(reply: str) -> int:
    """Where the reply starts to say something, after "Okay. Got it. Um,"."""
    opening = _BACKCHANNEL.match(reply)
    return opening.end() if opening else 0


def voiced_feeling(text: str) -> re.Match[str] | None:
    """The first place ``text`` says how its speaker feels now, if it does."""
    if _FEELING_GATED.search(text) is None:
        return None
    for match in _FEELING.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        if _NOT_NOW.search(before) or _QUOTED.search(before):
            continue
        said = match.group().lower()
        if said.endswith("afraid") and _POLITE_AFRAID.match(text, match.end() - len("afraid")):
            continue
        if _FOR_THE_OTHER.match(text, match.end()):
            continue
        return match
    return None


# A worry for the person spoken to is care for them, not a feeling of the speaker's own asking to
# be heard: "I worry about you not having enough on the trail", "I'm worried for you".
_FOR_THE_OTHER = re.compile(r" (?:about|for) you(?:r)?\b", re.IGNORECASE)


def _words(text: str) -> set[str]:
    """Content words with their endings off ("worried"/"worries", "plans"/"planned")."""
    return {stem(w) for w in content_words(text) if w not in _NOT_THEIR_POINT}


def says_too_little(reply: str, said_from: int | None = None) -> bool:
    """A back-channel or a word or two ("Oh wow.", "Have what?"): the floor is still theirs."""
    start = _said_from(reply) if said_from is None else said_from
    return _THREE_WORDS.search(reply, start) is None


# A question that asks for a fact, a detail or a yes or no: "Where are the headaches located?",
# "Have you used anything for the pain?", "How long has it been going on?". It follows the
# speaker's list, not the person: a word of theirs in it ("the headaches") is the topic, not the
# feeling. "What happened?", "What do you think is most important?" and "Why?" ask them to say
# more, and "So you're checking it twice a night?" gives their words back.
_AUX = r"(?:did|do|does|is|are|was|were|has|have|had|would|will|can|could)"
_ASKS_FOR_FACTS = re.compile(
    # "Where would you want to start?", "which would you like to talk about first?" leave the
    # subject to them: an invitation to say more, whatever its question word.
    r"(?![^?]*\b(?:you|we) (?:[\w']+ ){0,2}?(?:start|begin|focus on|talk about|go from here)"
    r"(?: first| with)?\s*\?)"
    r"\W*(?:(?:and|so|okay|ok|now|well|alright|all right|um|uh|right|then)\b\W*)*"
    # "So in the past, have any doctors told you...?": a time put first.
    r"(?:(?:in the past|before that|previously|at any point|so far|first of all|first|just to "
    r"check)\b\W*)?"
    r"(?:(?:where|when|which|who|whose|how(?! (?:are|is|was) (?:you|things|everything)\b)"
    r"|what (?:kind|type|sort|colou?r|time|day|dose|size|medications?))\b"
    rf"(?:\W+[\w'-]+){{0,3}}?\W+{_AUX}\b"
    r"|what(?:'s| is| was) (?:the|your) (?:reason|name|date|number|address)\b"
    # ...or a yes or no: "Do you have any nausea?", "Any fever?" (not "Do you think...?")
    rf"|{_AUX} (?:you|your|it|that|this|there|the|any|anyone|he|she|they|i|we)\b"
    # "Can you tell me more?", "would you like to talk about it?" ask them to say more.
    r"(?! (?:think|feel|mean|(?:\w+ )?(?:tell|say|talk|share|explain|describe|walk)\b|"
    r"(?:want|like|care) to (?:tell|talk|say|share|go)\b))"
    r"|any \w+)",
    re.IGNORECASE,
)
# A sentence about the speaker's own side: "I need extra firewood too", "Also, I would like
# one more water". A word of theirs in it is shared by chance: it is the speaker's own case.
_OWN_CASE = re.compile(
    r"\W*(?:(?:and|but|so|well|yeah|yes|ok|okay|also|oh|hmm|um|uh|honestly|actually|i know|"
    r"i think|i guess|i mean)\b\W*)*"
    r"(?:i|we)(?:'d| would| really| also| too| just| still| definitely| do| will)*"
    r"(?:'m| am|'re| are)? (?:\w+ )?(?:need|want|like|love|prefer|hope|hoping|going|set on|"
    r"good on|short on|low on|have|require)\b",
    re.IGNORECASE,
)


def asks_for_facts(sentence: str) -> bool:
    """Whether ``sentence`` is a question for a fact or a detail rather than one that asks them
    to say more about what they said."""
    return _ASKS_FOR_FACTS.match(sentence) is not None


def _reply_words(reply: str) -> set[str]:
    """The words of ``reply`` that may take up theirs: not those of a question for facts, nor
    of a sentence about the speaker's own case."""
    words: set[str] = set()
    at = 0
    while at < len(reply):
        left, right = sentence_span(reply, at)
        sentence = reply[left:right]
        if not (asks_for_facts(sentence) or _OWN_CASE.match(sentence)):
            words |= _words(sentence)
        at = max(right, at + 1)
    return words


# Good news met, and only good news: "Good luck!", "Happy birthday!", "Enjoy!". After a worry
# ("Enjoy the free month. Which card?") they move on.
# The wishes that meet good news, wherever the reply says them and as its first words.
_GOOD_WISHES = r"(?:good|best of) luck|happy (?:birthday|anniversary)|many happy returns"
_MEETS_GOOD_NEWS = re.compile(
    rf"\b(?:{_GOOD_WISHES}|enjoy|have fun|sounds (?:like )?(?:fun|nice|lovely))\b",
    re.IGNORECASE,
)


# A reflection led by "so" that states rather than asks: "So, having more reliable childcare
# could make a big difference."
_SO_STATES = re.compile(
    r"\W*(?:(?:um|uh|well|okay|ok)\W+)?so\b,?\s+(?!(?:what|how|why|when|where|who|which|do|does|"
    r"did|are|is|can|could|would|will|have|has|any|let'?s|i'?ll|we'?ll)\b)[^?]*[.!]?\s*$",
    re.IGNORECASE,
)


def _sums_up_their_turn(first: str, their_turn: str) -> bool:
    """Whether the reply's first sentence gives back something of their last turn, led by
    "so" and stated: it takes up what the feeling was about, if not the word for it."""
    return _SO_STATES.match(first) is not None and bool(_words(their_turn) & _reply_words(first))


def answers_it(feeling: str, reply: str, *, good_news: bool = False) -> bool:
    """Whether ``reply`` says anything about the ``feeling`` sentence (``good_news``: the
    feeling is good news of theirs, which a wish of luck or "enjoy!" meets too)."""
    lead = reply[_said_from(reply) :]
    opening = lead[: sentence_span(lead, sentence_span(lead, 0)[1])[1]]  # two sentences
    if _ANSWERS_IT.search(reply, 0, 200) or _OFFERS_TO_ACT.search(opening):
        return True
    if good_news and _MEETS_GOOD_NEWS.search(reply, 0, 200):
        return True
    if _words(feeling) & _reply_words(reply):
        return True
    first = lead[: sentence_span(lead, 0)[1]]
    if _invites_more(first):
        return True
    # "Had you ever had that before?" points at the chest pain, not at the fear it brought:
    # a question for a fact follows the speaker's list, whatever it points at.
    return _OPENS_ON_IT.match(first) is not None or (
        len(first.split()) <= _POINTING_WORDS
        and _ENDS_ON_IT.search(first) is not None
        and not asks_for_facts(first)
    )


# A short open question with nothing of its own in it invites them to say more about what they
# just said: "What's going on?", "How so?", "What happened?", "Tell me more."
_SAY_MORE = re.compile(
    r"(?:(?:what|how|why|in what way|tell me)\b[^.?!]{0,30}\b(?:going on|happened|happening|"
    r"wrong|the matter|mean|more|so|come|what way)\b[^.?!]{0,12}|why)[?.]?\s*$",
    re.IGNORECASE,
)
_SAY_MORE_WORDS = 5
_NOTHING_NEW = frozenset(
    {"going", "happened", "happening", "wrong", "matter", "mean", "more", "way", "come", "tell"}
    | {"here", "there", "now"}
    | {"what's", "how's", "what're"}
)


# "Is there anything else that's not good about smoking for you?" asks for more of the same
# list the feeling is on; "anything else I can help you with?" closes a call.
_ANYTHING_ELSE = re.compile(
    r"\W*(?:(?:so|and|okay|ok|now|well)\W+)*(?:is there |are there )?anything else "
    r"(?:(?:that(?:'s| is)|which is) (?:not )?(?:good|bad|hard|difficult|worrying|bothering)|"
    r"(?:going on|bothering|worrying|troubling|on your mind)|about (?:it|that|this|them))"
    r"[^?]*\byou(?:r)?\b[^?]*\?",
    re.IGNORECASE,
)


def _invites_more(first: str) -> bool:
    """Whether the reply's first sentence asks them to say more, and nothing else."""
    if _ANYTHING_ELSE.match(first):
        return True
    return (
        len(first.split()) <= _SAY_MORE_WORDS
        and _SAY_MORE.match(first.strip()) is not None
        and not content_words(first) - _NOTHING_NEW
    )


_BARE_FEELING_WORDS = 4
_CARRIED_TURNS = 1  # client turns a feeling waits through while the seller back-channels
_SHORT = 40  # characters: a seller turn longer than this is no back-channel
_MOVED_ON_QUESTIONS = 2  # questions of theirs after the feeling that leave it behind
# A turn of its own that takes up what they said: "Noted.", "No problem.", "Got it."
_ACKNOWLEDGED = re.compile(
    r"\W*(?:(?:oh|ok|okay|ah|right|alright|all right)\W+)*(?:noted|no problem|sorry|i'?m sorry|"
    r"got it|understood|i understand|i see|of course|no worries|that'?s (?:fine|ok|okay))\b",
    re.IGNORECASE,
)
# They ask what can be done ("What can we do about this? I'm in so much pain."): the answer to
# that question meets the feeling as well as words for it would.
_ASKS_WHAT_TO_DO = re.compile(
    r"\bwhat (?:can|could|should|do) (?:i|we) do\b[^.!]*\?|\bwhat (?:can|could) you do "
    r"(?:about|for)\b[^.!]*\?|\bwhat are (?:my|our|the) options\b|"
    r"\bis there anything (?:you|we|i) can do\b",
    re.IGNORECASE,
)


def _sentence_around(
    text: str, match: re.Match[str], earlier: str | None = None, *, good_news: bool = False
) -> str:
    """The feeling's sentence and the one before it, which it often points back at ("...the
    data is in four systems. Which is what worries me."), cut to some words either side when
    the turn has no stops. A feeling that opens the turn and points back ("And yeah, I worry
    about that.") points at the end of their turn before, ``earlier``, when only a
    back-channel came between. Good news stands on its own unless it points back: "I'm
    interested in an apartment. I just got promoted!" is answered by "which apartment?" only
    as far as the apartment goes."""
    left, right = sentence_span(text, match.start())
    back = ""
    if left > 0:
        if not good_news or _POINTS_BACK.search(text, left, right):
            left = sentence_span(text, max(0, left - 2))[0]
    elif earlier and _POINTS_BACK.search(text, 0, right):
        end = len(earlier.rstrip())
        back = earlier[sentence_span(earlier, max(0, end - 1))[0] : end]
    if len(text[match.start() : right].split()) <= _BARE_FEELING_WORDS and right < len(text):
        # "I'm desperate! Help me get a ride." says what it is about in the next sentence.
        right = sentence_span(text, right + 1)[1]
    before = (back.split() + text[left : match.start()].split())[-_AROUND:]
    after = text[match.start() : right].split()[: _AROUND + len(match.group().split())]
    return " ".join(before + after)


# "I worry about that", "it scares me": a feeling about something said before it.
_POINTS_BACK = re.compile(r"\b(?:that|this|it)\b", re.IGNORECASE)


# The feeling or the news granted as it is, in the reply's first sentences: "There is a reason
# why your wife is worried", "that is a bit of a big worry", "that's a hard thing to get over",
# "no wonder you're scared", "I can only imagine". Said after their feeling, it is sympathy
# whatever else follows; said of nothing they felt, it is not looked for.
_VALIDATES = re.compile(
    r"\b(?:there(?:'s| is)|that(?:'s| is)) (?:a |good |a good |a real )?reason (?:why )?"
    r"(?:you|your \w+|she|he|they)(?:'re| are| is| feel| feels)? (?:so |really |a bit )?"
    r"(?:worried|concerned|scared|upset|nervous|anxious|afraid|frustrated|stressed)\b|"
    r"\b(?:that|this|it)(?:'s| is| sounds like| must be| can be| would be| seems like) "
    r"(?:a bit of |quite |such |really |a real |a very )?(?:a |an )?(?:big |real |hard |tough |"
    r"difficult |scary |legitimate |valid |understandable )?(?:worry|concern|thing to (?:get "
    r"over|go through|deal with|face|hear)|lot to (?:carry|handle|deal with|take in))\b|"
    r"\bno wonder (?:you|your \w+|she|he|they)(?:'re| are| is| feel| were| was)\b|"
    r"\b(?:that|this|it)(?:'s| is| must be| sounds| must have been) (?:so |really |just )?(?:awful|"
    r"terrible|hard|tough|rough|scary|stressful|difficult) (?:for|on) (?:you|your \w+)\b|"
    r"\bi can (?:only |just |well )?imagine\b(?! (?:that you|you) (?:could|would|might|can)\b)|"
    # (The usual "I'm sorry to hear that" is the catalogue's phrase; typed in haste, it is not.)
    r"\b(?:i'?m|i am) (?:so |very |really |truly )?sorry (?:the hear|the here|to here)\b",
    re.IGNORECASE,
)
_VALIDATION_SENTENCES = 2
_WORDS_IN = re.compile(r"[A-Za-z]")
# Their good news met in the reply's first words: "Good luck!", "Happy birthday!",
# "Congratulations to John!", "How exciting!", "That's wonderful news."
_CHEERS = re.compile(
    rf"\W*(?:(?:oh|wow|aw+|well|great|okay|ok)\W+)*(?:congrat\w*|{_GOOD_WISHES}|"
    r"how (?:exciting|wonderful|lovely|nice)|"
    r"(?:that'?s|that is|what) (?:so |really |such )?(?:an? )?(?:great|wonderful|exciting|"
    r"amazing|fantastic|lovely|awesome|good) ?(?:news)?\b)",
    re.IGNORECASE,
)


def _validation(reply: str, said_from: int) -> tuple[int, int] | None:
    """The sentence that grants their feeling, among the reply's first, if one does."""
    start = said_from
    read = 0
    while read < _VALIDATION_SENTENCES and start < len(reply):
        left, right = sentence_span(reply, start)
        if _VALIDATES.search(reply, left, right):
            return left, right
        # A sentence of no words (an emoji between two, "🙂.") is not one of the first.
        read += _WORDS_IN.search(reply, left, right) is not None
        start = max(right, start) + 1
    return None


class FeelingsDetector:
    """Remembers a feeling or hard news the client voiced until the seller replies to it."""

    def __init__(self) -> None:
        self._feeling: str | None = None
        self._hard_news = False  # a feeling or hardship the seller has not yet answered
        # The seller has only back-channelled since the news ("Mm."): the client's next turn
        # goes on with the same story, and the news still waits for an answer, for one turn
        # of theirs: after more the story has moved on, and a reply follows where it went.
        self._floor_theirs = False
        self._carried = 0
        # The client's last turn, while the seller has only back-channelled after it.
        self._earlier: str | None = None
        self._good_news = False  # the feeling waiting for an answer is good news of theirs
        # A hardship told with no feeling word ("I lost my card and someone took $300"): passed
        # over only by a reply that goes on with the form.
        self._hardship: tuple[str, bool] | None = None
        # What does not work for them ("I have a job interview at that time"), until the
        # seller says something after it (`constraints`).
        self._constraint: str | None = None
        # Their last turn, read for "What can we do about this?" only when a feeling in it
        # is about to be passed over (rarely).
        self._last_said = ""
        # The seller's last turns, searched for a family history being taken only when grave
        # news comes (rarely): its answers are not news.
        self._seller_said: deque[str] = deque(maxlen=_FAMILY_HISTORY_TURNS)
        # The client's last turn stated a need: a pitch after it is `pouncing`'s to judge.
        self._need_stated = False

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """A seller turn that meets the client's feeling or news with sympathy, or goes on past
        the feeling as if unsaid."""
        if ctx.role is Role.CLIENT:
            text = fold(ctx.turn.text)
            news, clash = _CLIENT_GATES.may_match(text)
            span = told_constraint(text) if clash else None
            self._constraint = None if span is None else text[span[0] : span[1]]
            self._last_said = text
            self._need_stated = ctx.cue("client_need") is not None
            earlier, self._earlier = self._earlier, text
            if not news or _NEWS_GATED.regex.search(text) is None:
                self._carried += 1
                if not self._floor_theirs or self._carried > _CARRIED_TURNS:
                    self._feeling, self._hard_news, self._floor_theirs = None, False, False
                    self._hardship = None
                return []
            found = voiced_feeling(text)
            good = found is not None and _GOOD_NEWS.match(text, found.start()) is not None
            if found is None or good:
                # Grave news outweighs good news in the same turn ("it's my birthday, but my
                # dad died yesterday"): "Happy birthday!" does not meet it.
                grave = _grave_news(text)
                if grave is not None and any(map(_ASKS_FAMILY_HISTORY.search, self._seller_said)):
                    grave = None
                if grave is not None:
                    found, good = grave, False
            self._good_news = good
            told = None
            if found is None and not any(map(_ASKS_FAMILY_HISTORY.search, self._seller_said)):
                told = _hardship_sentence(text)  # a family history's answers are not news
            hardship = found is not None or told is not None or _HARDSHIP.search(text) is not None
            if hardship or not self._floor_theirs:
                self._hard_news = hardship
                self._carried = 0
                self._feeling = (
                    None if found is None else self._unpriced(ctx, text, found, earlier, good)
                )
                self._hardship = told
            return []
        if ctx.role is not Role.SELLER:
            return []
        met = self._meet(ctx)
        if self._constraint is not None and _ACKNOWLEDGED.match(fold(ctx.turn.text)):
            self._constraint = None  # "Noted." on its own takes it up
        if self._constraint is not None and not says_too_little(fold(ctx.turn.text)):
            constraint, self._constraint = self._constraint, None
            if not met:
                reply = fold(ctx.turn.text)
                start, end = sentence_span(reply, _said_from(reply))
                read = _form_goes_on((constraint, True), reply, start, end)
                if read is not None and not offers_another_time(reply[start:read]):
                    return [
                        Emission(
                            PASSES_OVER_CONSTRAINT,
                            start,
                            read,
                            constraint.strip(),
                            CONSTRAINT_CONFIDENCE,
                        )
                    ]
        return met

    def _meet(self, ctx: TurnContext) -> list[Emission]:
        """A seller turn after the client's feeling or news: sympathy, or the feeling passed
        over."""
        self._seller_said.append(ctx.turn.text)
        if not self._hard_news:
            if self._earlier is not None and not (
                len(ctx.turn.text) <= _SHORT and says_too_little(fold(ctx.turn.text))
            ):
                self._earlier = None
            return []
        reply = fold(ctx.turn.text)
        said = _said_from(reply)
        start, end = sentence_span(reply, said)
        bare = _BARE_SYMPATHY.fullmatch(reply[start:end].strip()) is not None
        validated = None if bare else _validation(reply, start)
        cheered = self._good_news and _CHEERS.match(reply, start, end) is not None
        pitched = ctx.cues.get("pitch")
        judged = reply
        if pitched and pitched[0].start >= end and leads_into(reply, end, pitched):
            # "I hear you. Our platform was built for exactly that": heard only on the way to
            # the pitch, the feeling is passed over (a stated need pitched at is a pounce), so
            # what the reply says of it is read from the pitch on.
            bare, validated = False, None
            if self._need_stated:
                self._feeling, self._hard_news, self._floor_theirs = None, False, False
                self._good_news, self._earlier, self._hardship = False, None, None
                return []
            start, end = sentence_span(reply, pitched[0].start)
            judged = reply[start:]
        if bare or cheered or validated is not None:
            self._feeling, self._hard_news, self._floor_theirs = None, False, False
            self._good_news, self._earlier, self._hardship = False, None, None
            start, end = validated or (start, end)
            return [Emission(SYMPATHY, start, end)]
        if says_too_little(reply, said):
            self._floor_theirs = True  # "Mm-hmm." leaves the floor to them
            return []
        self._earlier = None
        feeling, good_news, told = self._feeling, self._good_news, self._hardship
        self._feeling, self._hard_news, self._floor_theirs = None, False, False
        self._good_news, self._hardship = False, None
        if feeling is None:
            read = None if told is None else _form_goes_on(told, reply, start, end)
            if told is not None and read is not None:
                return [Emission(SIGNAL, start, read, told[0].strip(), CONFIDENCE)]
            return []
        if answers_it(feeling, judged, good_news=good_news):
            return []
        if not good_news and _sums_up_their_turn(reply[start:end], self._last_said):
            return []
        if _ASKS_WHAT_TO_DO.search(self._last_said) and not goes_on_with_the_form(reply[start:end]):
            return []  # the reply answers their "what can we do?", unless it asks for a slot
        return [Emission(SIGNAL, start, end, feeling.strip(), CONFIDENCE)]

    @staticmethod
    def _unpriced(
        ctx: TurnContext, text: str, found: re.Match[str], earlier: str | None, good_news: bool
    ) -> str | None:
        """The feeling's sentence, unless it is a worry about the price (that has its own
        detector: meeting it with curiosity or with a defence of the price), or they went on
        past it to ask two things or more ("I'm a little stressed about flying. Can you check
        flight 658? ... How will it be in Detroit tomorrow?"): a reply to what they asked
        last follows them."""
        left, right = sentence_span(text, found.start())
        price = ctx.cues.get("price_concern") or []
        if any(left <= hit.start < right for hit in price):
            return None
        if text.count("?", right) >= _MOVED_ON_QUESTIONS:
            return None
        return _sentence_around(text, found, earlier, good_news=good_news)
