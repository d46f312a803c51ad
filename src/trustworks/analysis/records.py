"""Record questions: the form's questions, which earn no listening credit.

A record question fills in what a form holds about anyone who comes in, whoever they are:
intake ("what medicines do you take?", "can I have your date of birth?"), anything asked
"for our records", a booking's slots ("where are you flying from?", "how many nights?") and
a history taken of symptoms and habits ("how long have you had this pain?"). It still counts
as a question, but it would be asked of anybody, so it shows no curiosity about this person:
a coach does not credit it as listening (``about_them`` skips it). How it is for them is
another matter ("how do you feel about taking medication?", "how is it affecting your
work?"): that asks about the person, and is no record question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from trustworks.sentences import SENTENCE
from trustworks.signals.matcher import CaseFree, Gated, fast_form


def searched(pattern: str) -> re.Pattern[str]:
    """A pattern searched for in a sentence, case-insensitively, led by the letters it can
    start with (``fast_form``): the search skips to them instead of trying the pattern at
    every character, in half the time, with the same matches."""
    return re.compile(fast_form(pattern), re.IGNORECASE)


# Filling in a record or examining, open or closed: "what medicines do you take?", "what is
# your membership level?", "can I have your date of birth?", "do you feel me touch you here?"
# Asked of everyone, they are the form's questions, not curiosity about this person; a coach
# does not flag them (they still count as questions). How they feel about it is another
# matter: "how do you feel about taking medication?"
_INTAKE = searched(
    r"\b(medications?|medicines?|meds|prescriptions?|prescribed|dose|doses|dosage|allerg\w*)\b|"
    r"\byour ((membership|account|policy|order|reference|confirmation|card|member|customer|"
    r"client|phone|mobile|cell|user|tracking) (number|no|level|id|status|tier|type|code|name)|"
    r"membership|zip( code)?|postcode|post code|e-?mail( address)?|"
    # The account's checks: "what is the answer to your second security question?"
    r"(first |second |third |last )?security (question|answer|code)s?|password|passcode|pin|"
    r"(home |mailing |billing |shipping )?address|date of birth|birth ?date|birthday|username|"
    r"age)\b|"
    # "How old are you hoping to be when you stop working?" asks a plan; "how many pharmacy
    # locations do you run?" and "what does your physician group need?" ask of a business.
    r"\bhow old are you\b(?! (hoping|planning|going|thinking|expecting|wanting|aiming|likely))|"
    r"\b(which|what) pharmacy (do|does|did|will|are) you\b|"
    r"\byour (preferred |usual |local |regular )?pharmacy\W*$|"
    r"\bwho(?:'s| is| was| are| were) your (doctor|physician|gp|dentist|pharmacist|primary care)\b|"
    r"\byour (doctor|physician|gp|dentist|pharmacist)(?:'s)? (name|number)\b|"
    # Family history: "does it run in your family?", "anyone sick in your family?"; "does that
    # kind of frugality run in your family?" asks about their people.
    r"\b(it|that|this|anything( like (that|this))?|cancer|diabetes|(\w+ )?diseases?|stroke|"
    r"dementia|depression|asthma|arthritis|migraines?|high blood pressure|illness(es)?|"
    r"conditions?|health (problems|issues))( that| which)?( (might|may|could|can|does|do|did|"
    r"tends? to))? runs? in (your|the) "
    r"family\b|\bfamily (medical )?history\b|"
    r"\b(anyone|anybody|someone) (sick|ill|else sick)\b|"
    # Taking what was prescribed, as prescribed: "you're taking it regularly?"; "is your team
    # taking the training regularly?" asks how the rollout goes.
    r"\btaking (it|them|that|those|this|your (meds|medications?|pills|tablets|insulin|inhaler|"
    r"\w+ (medication|pills|tablets))|the (meds|medications?|pills|tablets|insulin|inhaler|"
    r"\w+(in|ol|ide|ine|one|pril|statin|xin)\b)) (regularly|every day|daily|as "
    r"(prescribed|directed)|once a day|twice a day)\b|"
    r"\b(do|can) you feel (this|that|me|it)\b|\bdoes (this|that|it) hurt\b"
)
# A record question is short; a longer one, or one about how it is for them (how they feel,
# what gets in the way, what has changed), asks about the person: "what gets in the way of
# taking your meds?", "how have things been since the new prescription?"
_INTAKE_WORDS = 12
_HOW_THEY_FEEL = searched(
    # "Symptoms like pain" or "anything like that" likes nothing.
    r"\b(feel|felt|think|thought|worr\w*|concern\w*|afraid|scared|nervous|"
    r"(?<!symptoms )(?<!anything )(?<!something )(?<!problems )(?<!issues )like|want|prefer\w*|"
    r"hard|hardest|difficult|easy|gets? in the way|stop(s|ping)? you|mean|changed?|since|been|"
    r"going|help(s|ed)?|work(s|ed|ing)? for you)\b(?! (this|that|me|it)\b)"
    # "Do you feel any pain?" asks for a symptom, not how they feel.
    r"(?! (any|some|much|a|an) (pain|discomfort|numbness|tingling|pressure in|pop|snap|crack|"
    r"strain|lump)\b)"
    # "Have you ever been pregnant?" asks for a record, not how things have been.
    r"(?! (pregnant|diagnosed|hospitali[sz]ed|treated|tested|stung|injured)\b)"
)
# Most questions ask after no record: RE2 tells them apart before Python's engine searches.
_INTAKE_GATED = Gated(_INTAKE)


def is_intake(question: str) -> bool:
    """Routine intake: a short question for the form ("what is your membership level?"), not
    how it is for them ("how do you feel about taking medication?")."""
    return (
        _INTAKE_GATED.search(question) is not None
        and len(question.split()) <= _INTAKE_WORDS
        and _HOW_THEY_FEEL.search(question) is None
    )


# Asked for a record, whatever it asks: "also, for our records, how old are you?", "do you
# have any family history of arthritis or any of those immune diseases?"
_FOR_THE_RECORD = searched(
    # "For the record, how do you want us to handle it?" says it plainly; "for our records"
    # and "for the file" fill one in.
    r"\bfor (our|my) (records?|files?|chart|form)\b|\bfor the (records|files?|chart|form)\b|"
    # "How are you related to the buyer?" asks about their people.
    r"\bhow are you related to (the )?(patient|policy ?holder|account ?holder|deceased|child|"
    r"minor|him|her|them)\b|"
    # A history named and asked for ("any family history of...?", "what about your surgical
    # history?"); "what do you know about their medical history?" invites what they know, and
    # "what's your history with the current agency?" a relationship's story.
    # "What is your history in sales?" is a career's story: a bare history is asked after only
    # in a clinic's words ("any history of...", "does your family have a history of...").
    r"\b(any|what about your|what'?s your|what is your) (family |past )?(medical |surgical |"
    r"social )history\b|\b(any|what about your|what'?s your|what is your) (family|past) "
    r"history\b|\bwhat(?:'s| is) your history with (?:(?:your|the|my) )?(?:\w+ )?(?:body|parts|"
    r"organs|health|weight|heart|lungs|skin|teeth|periods?|cycle|diet|sleep|problems|issues|"
    r"conditions?|illness(es)?|pain)\b|"
    # An account's security questions are the form's too: "what was your mother's maiden
    # name?", "and what was the name of the pet you had as a child?".
    r"\bmaiden name\b|\bname of (the|your) (first |childhood )?pet\b|"
    r"\b(first|childhood) pet'?s name\b|"
    r"\b(any|(do|does|did) (you|your \w+|anyone( in your family)?) (have|had) (a|any)) "
    r"(family |medical |past )?history of\b(?! (working|buying|using|doing|selling|investing|"
    r"running|managing|hiring)\b)|\bis there (a|any) history of\b(?! (working|buying|using|"
    r"doing|selling|investing|running|managing|hiring|disputes?|late)\b)"
)

# Most questions are asked for no record: RE2 says so first (1.5 -> 0.8 us a question).
_FOR_THE_RECORD_GATED = Gated(_FOR_THE_RECORD)


def for_the_record(question: str) -> bool:
    """Asked for a record, whatever it asks: "for our records, how old are you?", "any
    family history of arthritis?"."""
    return _FOR_THE_RECORD_GATED.search(question) is not None


# A booking's slots, asked of everyone who books a trip, a table or a room: "where are you
# departing from?", "when are you going to start your trip?", "how many guests?".
_BOOKING_SLOT = searched(
    # "Where are you starting from on compliance?", "how many nights a week are you away?" and
    # "how many tickets does your team handle?" ask about their world: a slot ends the question.
    r"\bwhere (are|will) you (be )?(departing|leaving|flying|travell?ing) from\W*$|"
    r"\bwhere (do|would|will) you (need|want|like) to (go|get to|be dropped off)\W*$|"
    # "When do you leave for your trip?" in small talk is curiosity; a booking asks for a wish.
    r"\bwhen (would you like to|do you (want|need|wish) to|are you (going|planning) to|will you) "
    r"(depart|start (your|the) (trip|journey)|fly out|check in|check out)\b"
    r"(?! (the|our|your|new)\b)|"
    r"\bhow many (bags|suitcases) (are|will) you (be )?check\w*\W*$|"
    # When they are free is asked to book them, in any talk: "when are you available?", "what
    # days would you be free this week?".
    r"\b(when|what (day|time|date)s?|which (day|time|date)s?) (are|would|will|could|is) "
    r"(you|he|she|they)( \w+)? (available|free)\b(?! (of|from)\b)|"
    # ...and what time they can come: "at what time can you be at the clinic?".
    r"\bwhat time (can|could|will|would|should) you (be (at|there|here)|arrive|come|make it)\b|"
    r"\bhow many (passengers|nights|tickets|adults|rooms)( (will|would|do|are) (you|there) "
    r"(be|need|want|like|planning|going|hoping)( to)?"
    r"( (book|stay|reserve|staying|booking|travell?ing))?)?"
    r"( (in|for) (your|the) (party|booking|reservation|stay|trip))?\W*$"
)
_SLOT_WORDS = 12
# A slot that is also a life's plan: "when are you planning to leave?" after "I've been unhappy
# at work for a year", "how many guests are you hoping to have?" about their wedding. It is
# the form's question only in a booking, named in the question or anywhere before it ("I'd
# like to RSVP to Mark's party", "a room for Friday", "a train to Cambridge").
_SLOT_IN_A_BOOKING = searched(
    r"\bwhen (would you like to|do you (want|need|wish) to|are you (going|planning) to|will you) "
    r"(leave|set off)\b|\bhow many guests\b|"
    r"\bwhere (will|would|do) you (be )?(like to |want to )?pick(ing)? (it|them|the \w+) up\W*$|"
    # When they come and go, or the booked thing ends, asked of what is planned: "when are you
    # arriving?", "when will you be leaving again?", "what time can you be at the clinic?",
    # "when should the party end?". "When did you arrive in town?" asks their story.
    r"\b(when|what time)\b (are|will|would|should|can|could|do|does|is) "
    r"(you|we|they|(the|your) \w+)"
    r"( \w+){0,4}? (arriv\w*|leav\w*|depart\w*|check(ing)? (in|out)|get (there|here|in)|"
    r"be (there|here|at|in)|come (in|by|over)|set(ting)? off|end|finish|wrap(ping)? up)\b"
    r"( (at|to|from|of|in|again|back|the|your|our|this|that|party|venue|hotel|clinic|office|"
    r"meeting|appointment|inn|restaurant|apartment|tonight|today|tomorrow))*\W*$|"
    # Which of the things on offer, or where they go: "what apartment are you interested in?",
    # "at what venue is the party taking place?", "where are you going to?".
    r"\b(what|which) (apartment|hotel|venue|restaurant|flight|room|cuisine|location|city|"
    r"property|unit|building|clinic|price range)s?\b|"
    # ...and what the booking's paperwork asks: "have you already paid the application fee?"
    r"\b(have|did) you (already )?(paid|pay) (the|your|an?) (\w+ )?(fee|deposit)s?\b|"
    # ...and the search's criteria: "do you have any preferences ratingwise?", "any special
    # requests?", "any particular location you would like to stay at?".
    # ("Do you have any preferences for the items?" asks what matters to them.)
    r"\b(any|a) ((particular|special|specific|customer) requests?|(cost|price|rating|location) "
    r"preferences?|preferences? \w+wise)\b|\bany particular (location|area|neighbou?rhood|hotel)\b|"
    r"\bwhere (are|will|would) you (be )?(going|headed|heading|travell?ing|flying)( to)?\W*$|"
    # The count of what is booked: "how many bedrooms are you looking for?"
    r"\bhow many (bedrooms|beds|seats|people|persons|adults|children|kids)\b (are|will|would|do) "
    r"(you|there) (be )?(looking for|need\w*|bring\w*|expect\w*|coming|attending|join\w*|"
    r"in (your|the) party)\b"
)
_BOOKING_TALK = searched(
    r"\b(book(s|ed|ing)?|reserv\w*|rsvp|venue|party|apartments?|"
    # A meeting, an appointment or a viewing is a booking when one is made ("schedule a
    # viewing", "set up an appointment for Tuesday"), not named in passing ("thanks for
    # setting up this meeting", "after the meeting").
    r"(schedul\w*|set(ting)? up|arrang\w*|mak(e|es|ing)|made|get|need|want|like) "
    r"((an?|another|one|(us|me|you|him|her|them) (an?|another)) ([\w-]+ ){0,2})?"
    r"(appointments?|viewings?|meetings?)|(appointments?|viewings?) (for|at|on|with)|"
    r"flights?|fly|flying|hotels?|rooms?|"
    r"tables? for|tickets?|trains?|bus|coach|taxi|cab|ride|rental|car hire|trips?|journey|"
    r"travel\w*|depart\w*|arriv\w*|check(ing)?[- ]?(in|out)|nights?|stay(ing)?|restaurant|"
    r"guest ?house|airport|station|destination)\b"
)


class BookingTalk:
    """Whether a booking has been named in ``said``, the turns so far, as `_BOOKING_TALK`
    reads them joined by spaces; each turn is searched once, and only when asked.

    Searching all the turns joined at every question made a long call quadratic. A name runs
    across at most one join (no turn is all middle words of one: "a table" then "for two",
    "schedule" then "a two hour meeting"), so each turn is searched with the one before it;
    and once named, a booking stays named (every name ends on a word's end, which no later
    turn can undo).
    """

    __slots__ = ("_named", "_read", "_said")

    def __init__(self, said: Sequence[str]) -> None:
        self._said = said  # the caller's list, which grows as the call goes on
        self._read = 0  # turns searched so far
        self._named = False

    def named(self) -> bool:
        """Whether the turns so far name a booking ("a room for Friday", "RSVP to the party")."""
        if not self._named and self._read < len(self._said):
            unread = self._said[max(self._read - 1, 0) :]  # with the last turn searched
            self._named = _BOOKING_TALK.search(" ".join(unread)) is not None
            self._read = len(self._said)
        return self._named


def fills_a_booking(question: str, said: BookingTalk) -> bool:
    """A booking's slot, asked of everyone who books ("how many nights?"); one that may
    ask a life's plans ("how many guests?") only in a booking, named in ``said``: every turn
    so far, this one included."""
    if len(question.split()) > _SLOT_WORDS:
        return False
    if _BOOKING_SLOT.search(question):
        return True
    return _SLOT_IN_A_BOOKING.search(question) is not None and said.named()


# Taking a history is filling in a record too: a closed question, or one for a quantity or a
# detail, about symptoms, injuries and what they take ("how long have you had this pain?",
# "how often do you have a drink containing alcohol?", "have you ever used prescription
# medicines not prescribed for you?"). Inviting them to talk about it ("what can you tell me
# about your marijuana use?", "what's your favourite cigarette of the day?") is curiosity.
_HISTORY = searched(
    r"\b(pain|painful|aches?|aching|hurts?|hurting|symptoms?|fever|cough\w*|bleed\w*|"
    r"swelling|swollen|numb|numbness|tingl\w*|dizz\w*|nause\w*|vomit\w*|rash|injur\w+|"
    r"surger(y|ies)|x-?rays?|blood pressure|alcohol|alcoholic|cigarettes?|tobacco|nicotine|"
    r"drugs?|marijuana|cannabis|pills?|"
    # "How much do you take home?", "how often do you take vacations?" ask about their life.
    r"how (much|many|often|frequently) (do|did) you (drink|smoke|vape|take(?= (it|them|this|"
    r"that|those|these|(your|the|any) (meds|medications?|pills|tablets|insulin|inhaler|dose|"
    r"ibuprofen|paracetamol|acetaminophen|aspirin|tylenol|advil|motrin|aleve|naproxen|"
    r"\w+(ol|ide|ine|pril|statin|xin|pam|lam|zole)))\b|\W*$))|"
    # Tests, procedures and diagnoses: "when was your last colonoscopy?", "when were you
    # diagnosed?", "any medical conditions I should know about?".
    r"colonoscop\w+|mammogra\w+|pap smears?|biops\w+|ultrasounds?|mri|ct scans?|ekg|ecg|"
    r"stress tests?|blood (work|tests?)|physical exams?|annual physicals?|check-?ups?|screenings?|"
    r"diagnos\w+|"
    r"(medical|health) (conditions?|problems?|issues?|history)|"
    # Complaints a clinic hears, in the patient's words as much as the doctor's.
    r"headaches?|migraines?|discomfort|itch\w*|cramp\w*|chills|fatigue|diarrh\w*|"
    r"constipat\w*|light-?headed\w*|blurr\w*|warts?|lumps?|pregnan\w*|the birth|a pop|a snap|"
    r"sprain\w*|strained|hospitali[sz]\w*|sore|puffs?|packs? (a|per) day|weakness|bowel\w*|"
    r"urinat\w*|urine|feces|faeces|stools?|bladder|"
    # The body's workings, asked after as a check: "any change in your vision or balance?",
    # "any heartburn or indigestion?", "any shortness of breath?".
    # ("A vision for the team", "a balance on the card" and "tenders out" are a business's.)
    r"vision(?! for\b)|eyesight|balance(?! (?:you|on|sheet|transfer|due|of)\b)|heartburn|"
    r"indigestion|reflux|appetite|short(?:ness)? of breath|"
    r"palpitations?|night sweats|sweats|tender(?:ness)?|stiff\w*|swallow\w*|wheez\w*|"
    r"congest\w*|runny nose|spasms?|seizures?|faint\w*|bruis\w*|chest pain)\b"
)
# ...asked of their own body and habits: "have you had", "do you take", "are you having".
# "How much pain is the reconciliation causing your team?" and "which drugs do your clinics
# order?" are a business's pains and stock.
_OF_THEMSELVES = re.compile(
    r"\byou(?:'ve|'re)?\b(?:\s+\w+){0,3}?\s+(?:have|had|having|take|took|taken|taking|drink|"
    r"drinking|smoke|smoking|use|used|using|get|got|getting|feel|felt|feeling|notic\w+|"
    r"experienc\w+|hurt|hurting|injur\w+|aware|diagnosed|rate)\b|"
    r"\b(?:were|was|have|had) you (?:ever |first |last )?(?:diagnosed|been)\b|"
    r"\byour (?:last|most recent|latest|previous|next) \w+|"
    r"\byour (?:pain|symptoms?|drinking|smoking|alcohol|drug)|"
    r"\bany (?:other |new |more )?(?:symptoms?|pain)\b",
    re.IGNORECASE,
)
_ASKS_DETAIL = CaseFree(
    re.compile(
        r"\W*(?:\w+\W+){0,3}?(?:how (?:long|much|many|often|frequently|old|far|bad)|when|where|"
        r"which|what (?:kind|type|sort|dose|time|age)|"
        r"what (?:have|did|do) you (?:take|taken|took|use|used)|"
        r"what (?:would|do|did) you rate|what(?:'s| is| was) your (?:\w+ )?(?:level|score|number)|"
        r"what (?:surger(?:y|ies)|procedures?|operations?|conditions?|illness(?:es)?|vaccines?))\b",
        re.IGNORECASE,
    )
)
_HISTORY_WORDS = 20
# What a history question points back at: "when did it start?", "how long have they been
# there?"; "anything like that?" after a list of symptoms.
# "This" and "that" point back on their own ("when did that start?"), not before a noun
# ("how bad is the churn this quarter?").
_POINTS_AT_IT = searched(
    r"\b(it|they|them)\b|\b(this|that|those|these)\b(?=\s*(\?|$|,|\s(is|was|has|have|had|"
    r"be|been|start|started|begin|began|come|came|happen|happened|last|lasted|get|got|go|feel|"
    r"hurt|first|ever|usually)\b))"
)
_ANYTHING_LIKE_THAT = searched(
    r"\b(anything|something|any) (else )?like (that|this)\b|\bany of (those|these|that)\b"
)
_LOOK_BACK = 200
# Whose symptom they named: their own or their family's is a history's; a business's or a
# team's ("our numbers are bleeding", "the board is suffering from change fatigue") is not.
_MINE = searched(
    r"\b(i|i'?m|i'?ve|i'?d|i'?ll|me|my|mine|myself|son|daughter|baby|child|children|kids?|"
    r"husband|wife|partner|mum|mom|dad|mother|father|brother|sister)\b"
)
_OURS_NOT_MINE = searched(
    r"\b(our|we|we'?re|we'?ve|team|board|staff|company|business|sales|pipeline|numbers|"
    r"customers|clients|scheduling|system|process|revenue|churn|margins?|migration|rollout|"
    r"project|launch|release|vendor|audit|merger|deadline|invoicing|reporting|onboarding)\b"
)
# "How bad is it?" asks how severe, not whether it is good or bad for them.
_SEVERITY = re.compile(r"\bhow bad\b", re.IGNORECASE)
# "How long has it been there?" asks a duration; "how have things been?" asks how it is going.
_DURATION = re.compile(
    r"\bhow long (?:has|have|had) (?:it|they|this|that|these|those|you) been\b", re.IGNORECASE
)
# "Invoicing has been a real headache", "the reconciliation is such a pain": no symptom.
FIGURE_OF_SPEECH = re.compile(
    r"\b(?:a|an|such a|real|huge|big|massive|total|major|constant|absolute|bit of a) "
    r"(?:real |huge |big |massive |total |major |constant |absolute )?(?:pain|headache|nightmare)\b"
    # "Your appetite for risk", "the bleeding of cash each month": a business's hunger and loss.
    r"|\bappetite for (?!(?:food|eating|meals?|anything|it|that)\b)"
    r"|\bbleed\w* (?:of |out )?(?:cash|money|funds|revenue|customers|clients|talent|staff|users|"
    r"subscribers|margins?|red ink|market share|the business)\b"
    # "Any other pain points, like your neck or shoulders?" points at the body.
    r"|\bpain (?:point|in the (?:neck|butt|ass))\w*(?![^.!?]{0,30}\b(?:neck|shoulders?|back|"
    r"knees?|hips?|joints?|arms?|legs?|feet|foot|hands?|wrists?|ankles?|elbows?|chest|head|"
    r"stomach|body)\b)"
    # A complaint or a check whose object, after its first preposition, is the business: "any
    # pain with the current invoicing process?", "discomfort on the team about the rota",
    # "weakness in how new hires get set up", "which screenings do you use for new hires?".
    # "Any pain in your back from the office chair?" keeps the body as its first object.
    r"|\b(?:pains?|discomfort|fatigue|headaches?|aches?|weakness\w*|screenings?|check-?ups?|"
    r"symptoms?)\b(?=(?: (?!(?:on|in|among|across|within|with|around|about|over|from|for|of|at|"
    r"to)\b)[\w']+){0,4}? (?:on|in|among|across|within|with|around|about|over|from|for|of) "
    r"(?:(?:the|a|an|our|my|your|their|this|that|these|those|how|the way) )?(?:[\w-]+ ){0,2}?"
    r"(?:teams?|staff|department|office|company|business|board|process\w*|systems?|tools?|"
    r"software|platform|vendors?|suppliers?|agenc(?:y|ies)|workflow|setup|invoic\w*|billing|"
    r"reporting|onboarding|rollout|pilot|contracts?|projects?|budget|rota|schedule|pipeline|"
    r"sales|hires|hiring|recruit\w*|candidates|employees|market|merger|migration|"
    r"integration|crm|spreadsheets?|advis[eo]rs?|accountants?|planners?|banks?|brokers?|"
    r"auditors?|consultants?|regulations?|rules|compliance|legislation|audits?)\b)",
    re.IGNORECASE,
)
# Invited to tell it, asked what it does in their life or what they were doing: "do you mind
# telling me more about your alcohol use?", "the alcohol is something that might make it
# harder to reach your goals?", "do you remember what you were doing when the pain started?"
_ABOUT_THEIR_LIFE = searched(
    r"\b(tell|telling|talk|talking|share|describe|life|lives|goals?|help(s|ing)?|harder|easier|"
    r"affect(s|ed|ing)?|impact(s|ed|ing)?|"
    r"enough|useful|good|bad|remember|recall|doing|happened|tried|try|trying)\b"
)
# Most questions name no symptom and no figure of speech: RE2 tells them apart before
# Python's engine searches (a question's figures cut: 4.2 -> 0.8 us).
_HISTORY_GATED = Gated(_HISTORY)
FIGURE_OF_SPEECH_GATED = Gated(FIGURE_OF_SPEECH)


_NAMED_GATED = Gated(
    re.compile(
        f"{_HISTORY.pattern}|{FIGURE_OF_SPEECH.pattern}|{_ANYTHING_LIKE_THAT.pattern}",
        re.IGNORECASE,
    )
)


def _without_figures(text: str) -> str:
    """``text`` with its figures of speech ("a real pain") cut, as ``FIGURE_OF_SPEECH.sub``."""
    if not FIGURE_OF_SPEECH_GATED.may_match(text):
        return text
    return FIGURE_OF_SPEECH.sub(" ", text)


# "No pain at all", "I don't smoke", "never had a headache": the symptom is denied.
_DENIED = re.compile(
    r"\b(?:no|not|never|without)\b(?:\W+\w+){0,2}\W*$|n't(?:\W+\w+){0,2}\W*$", re.IGNORECASE
)


# A part of their own body, or an injury to it, told with no word of a symptom: "except for my
# elbow here", "I got stung by a wasp yesterday", "I twisted my ankle". Parts that idioms use
# ("my hands are tied", "off the top of my head", "my back is against the wall") are left to
# the symptom words.
_MY_BODY = searched(
    r"\bmy (?:right |left |lower |upper |bad )?(?:elbows?|knees?|ankles?|wrists?|shoulders?|hips?|"
    r"thumbs?|fingers?|toes?|stomach|belly|tummy|throat|skin|shins?|calf|calves|thighs?|"
    r"ribs?|jaw|gums?|teeth|tooth|spine)\b|"
    r"\b(?:i|i'?ve|i was|i got|i've been) (?:just |been )?(?:got )?(?:stung|bitten|bit by)\b|"
    r"\b(?:twisted|broke|fractured|dislocated|sprained|burn(?:ed|t)|bumped|banged|injured|"
    r"pulled|tore|hurt|cut) my (?:right |left |lower |upper )?(?:arms?|legs?|hands?|feet|foot|"
    r"back|neck|head|nose|eyes?|ears?|knees?|ankles?|wrists?|elbows?|shoulders?|hips?|"
    r"fingers?|thumbs?|toes?|ribs?|muscles?|ligaments?|tendons?|hamstrings?|groin)\b"
)


def tells_own_symptoms(text: str) -> bool:
    """Whether a client's turn tells of their own (or their family's) body or health habits:
    "I am having a lot of pain at the end of my finger", "my son has a fever". Said once, the
    talk is a clinical encounter, where the facts of it are the history every patient is asked.
    A business's pain ("my biggest pain is onboarding new reps"), a figure of speech ("a real
    headache") or a symptom denied ("I have no pain at all") is not."""
    if _HISTORY_GATED.search(text) is None and _MY_BODY.search(text) is None:
        return False
    for sentence in SENTENCE.finditer(text):
        body = sentence.group()
        if _OURS_NOT_MINE.search(body) or FIGURE_OF_SPEECH_GATED.search(body):
            continue
        symptom = _HISTORY_GATED.search(body)
        if symptom is not None:
            # A symptom denied denies the part of the body it names ("no pain in my knee").
            if _MINE.search(body) and not _DENIED.search(body, 0, symptom.start()):
                return True
            continue
        part = _MY_BODY.search(body)
        if part is not None and not _DENIED.search(body, 0, part.start()):
            return True
    return False


# Habits a counsellor asks after as much as a doctor ("how many cigarettes would that be?",
# "is there ever alcohol?"): naming one makes no clinical encounter.
_A_HABIT = re.compile(
    r"(?:alcohol\w*|cigarettes?|tobacco|nicotine|drugs?|marijuana|cannabis|pills?|how .*|"
    r"packs? (?:a|per) day|puffs?)",
    re.IGNORECASE,
)


def names_their_symptom(question: str) -> bool:
    """Whether a question names a symptom, an injury, a test or a diagnosis, not a habit nor a
    figure of speech, nor a business's or a team's: "how many days has it been since your
    headaches started?", not "how many people on your team get back pain?"."""
    if not _NAMED_GATED.may_match(question) or _OURS_NOT_MINE.search(question):
        return False
    return any(
        _A_HABIT.fullmatch(named.group()) is None
        for named in _HISTORY.finditer(_without_figures(question))
    )


# A symptom named as theirs, or as their child's, or of the thing they told of: "since your
# headaches started", "how often are you vomiting?", "how long has your finger been in
# pain?", "has she ever had surgery?", "where does it hurt?".
_YOUR = re.compile(
    r"\b(?:you(?:r|'re|'ve)?|his|her|he|she) (?:[\w-]+ ){0,4}$|\bit (?:\w+ )?$", re.IGNORECASE
)


def names_a_symptom(text: str) -> bool:
    """Whether ``text`` names a symptom, a habit, a test or a diagnosis at all, figures of
    speech cut: "my back hurts", "bleeding gums", not "a real headache"."""
    return _HISTORY_GATED.search(_without_figures(text)) is not None


def of_their_body(question: str) -> bool:
    """Whether a question that names a symptom asks it of the client's own body or habits:
    "have you had any headaches?", "since your headaches started?", "how often are you
    vomiting?"; not "which quarter did the bleeding start in for you?"."""
    if _OF_THEMSELVES.search(question):
        return True
    cut = _without_figures(question)
    return any(_YOUR.search(cut, 0, named.start()) for named in _HISTORY.finditer(cut))


def takes_a_history(question: str, *, open_question: bool, before: str, their_turn: str) -> bool:
    """A closed or detail question about symptoms or what they take, asked as a record.

    The symptom may be named just before, in the words the question points back at:
    "When did it start?" after "I have the worst headache of my life", "when did you
    start noticing them?" after "I have some warts", "...any fatigue? Weight gain?
    Anything like that that you've noticed?" after the seller's own list: ``their_turn`` is
    the client's last turn and ``before`` the seller's turn up to the question."""
    detail = _ASKS_DETAIL.match(question) is not None
    if (open_question and not detail) or len(question.split()) > _HISTORY_WORDS:
        return False
    # What would make it a history is looked for before what would make it about their life
    # (how they feel, what it does to them): most questions name no symptom and point back at
    # nothing, and are told so sooner (the answer is the same in either order). One pass of
    # RE2 says whether the question names a symptom, a figure of speech or "anything like
    # that" at all (2.7 -> 1.1 us).
    named = _NAMED_GATED.may_match(question)
    if named and _HISTORY_GATED.search(_without_figures(question)) is not None:
        if _about_their_life(question):
            return False
        return (
            _OF_THEMSELVES.search(question) is not None
            or _ANYTHING_LIKE_THAT.search(question) is not None
        )
    if detail and _POINTS_AT_IT.search(question):
        if _about_their_life(question):
            return False
        if _OURS_NOT_MINE.search(their_turn) and not _MINE.search(their_turn):
            # "Our pipeline is bleeding", "the team has real tool fatigue": a business's
            # ills, not a body's.
            return False
        said_before = _without_figures(their_turn + " " + before[-_LOOK_BACK:])
        return _HISTORY_GATED.search(said_before) is not None
    if named and _ANYTHING_LIKE_THAT.search(question):
        if _about_their_life(question):
            return False
        return _HISTORY_GATED.search(before[-_LOOK_BACK:]) is not None
    return False


def _about_their_life(question: str) -> bool:
    """How it is for them or what it does in their life, not a record: "how long have you been
    feeling this way?", "is the drinking affecting your work?"."""
    return (
        _HOW_THEY_FEEL.search(_DURATION.sub("how long", question)) is not None
        or _ABOUT_THEIR_LIFE.search(_SEVERITY.sub("how", question)) is not None
    )


# A slot asked of anybody is the form's question, whatever else it says: a day, a time, a date,
# a name, a number ("what day would you like your party?", "what's your name?", "what time
# suits you?"); and so is a rating of a symptom ("what would you say your pain score is?",
# "how will you rate your pain on a scale of one to ten?"). On a clinic, service and
# negotiation set annotated blind (outside4), none of the 9 such questions credited as
# listening was a moment a coach flagged. Other questions for a fact about their world ("how
# many people are on your team?", "how much do you spend on coffee a day?", "when did it
# start?" after a business's trouble) stay credited: in discovery they are how a seller learns
# the client's world (what a history of symptoms and habits is, `takes_a_history` decides).
_LEAD = (
    r"^\W*(?:(?:so|and|okay|ok|um+|uh+|alright|all right|well|now|but|oh|also|then|right|"
    r"yeah|great|perfect|sure|thanks|thank you)\b\W*)*(?:[a-z]+, )?"
    r"(?:(?:on|at|for|in|by|from|to|and) )?"
)
# The slot is what is asked for: the noun ends the question or is followed by what a form
# asks it for ("...for the booking", "...to reach you on", "...would you like", "...works
# for you"). A noun that only modifies or leads ("what's the number one priority?", "what
# time frame?", "what's the name of the tool you use?", "what days are your busiest?") asks
# about their world.
_SLOT_NOUN = (
    r"(?:the |your |his |her |their |a |an )?(?:(?:best|good|preferred|delivery|billing|"
    r"shipping|home|mailing|full|first|last|contact|phone|mobile|cell|account|booking|"
    r"start|arrival|departure|return|due)\s+)?(?:day|days|time|times|date|dates|name|number|"
    r"address|e-?mail|postcode|zip|date of birth|spelling of (?:your|the|his|her) \w+ name)"
    r"(?: and (?:a |the )?(?:day|time|date))?"
)
_FOR_THE_FORM = (
    r"(?=\s*(?:[?.,!]|$|please\b|for (?:the|your|this|our|a) (?:booking|reservation|"
    r"appointment|account|order|delivery|records?|form|file|visit|call|party|table|trip)\b|"
    r"to (?:reach|call|contact|text|email|send)\b|on file\b|we (?:have|should)\b|"
    r"(?:works?|suits?|would (?:you like|work|suit|be (?:best|good|better|easiest))|"
    r"is (?:good|best|better|easiest|convenient)|do you (?:want|prefer|need)|"
    r"were you (?:hoping|thinking|planning)|should (?:we|i)|shall (?:we|i)|can (?:we|i)|"
    r"have in mind)\b))"
)
_SLOT = re.compile(
    _LEAD
    + r"(?:what|which)(?: is|'s| are| was| would)? "
    + _SLOT_NOUN
    + r"(?![\w-])(?: (?:would|do|did|does|is|are|should|shall|can) (?:you|we|i|it|that)\b)?"
    + _FOR_THE_FORM
    + r"|"
    + _LEAD
    + r"when (?:would you like|is (?:best|good|convenient) for you|works (?:best )?for you|"
    r"should (?:we|i) (?:come|call|book|schedule)|can (?:we|i) (?:come|call|book|schedule))\b",
    re.IGNORECASE,
)
# A symptom rated on a scale, the scale before or after the symptom: "how bad is your headache,
# out of ten?", "on a scale of 1-10, how bad is the pain?", "where would you put the pain, zero
# being none and ten the worst?". Readiness and confidence rulers ask what they think.
_ANCHOR = (
    r"(?:scale (?:of|from) (?:0|1|zero|one)(?:\s*(?:to|-)\s*(?:10|ten))?|\b(?:0|1)\s*-\s*10\b|"
    r"out of (?:10|ten)|(?:10|ten) (?:being|is|as) (?:the )?(?:worst|severe|most)|"
    r"(?:0|zero) being (?:no|none))"
)
_SYMPTOM_OR_SEVERITY = (
    r"(?:pain|hurts?|hurting|ache|aching|headaches?|discomfort|symptoms?|severe|severity|"
    r"how bad|how severe|how intense|pain score|pain level)"
)
_RATES_A_SYMPTOM = re.compile(
    rf"{_ANCHOR}[^?]{{0,80}}\b{_SYMPTOM_OR_SEVERITY}\b|"
    rf"\b{_SYMPTOM_OR_SEVERITY}\b[^?]{{0,80}}{_ANCHOR}|"
    r"\b(?:rate|score) (?:your|the|it|that)\b[^?]{0,40}\b(?:pain|discomfort|symptoms?)\b|"
    r"\b(?:pain|discomfort) (?:score|level)\b",
    re.IGNORECASE,
)
# Few questions ask for a slot or rate anything: RE2 says so before Python's engine tries its
# openings (1.9 -> 0.9 us a question) or every letter (7.9 -> 0.9 us).
_SLOT_GATED = Gated(_SLOT)
_RATES_A_SYMPTOM_GATED = Gated(_RATES_A_SYMPTOM)
_A_RULER = re.compile(
    r"\b(?:confident|confidence|important|importance|ready|readiness|likely|motivated|"
    r"willing|committed|sure)\b",
    re.IGNORECASE,
)


def asks_for_a_slot(question: str) -> bool:
    """A day, a time, a name or a number for the form, or a symptom's rating."""
    if _SLOT_GATED.search(question) is not None:
        return True
    return _RATES_A_SYMPTOM_GATED.search(question) is not None and _A_RULER.search(question) is None


# Most questions are none of the form's: one pass of RE2 over the four kinds' patterns says so
# before each kind is looked for (5.3 -> 1.7 us a question). A history is looked for anyway:
# a question may take one without naming a symptom ("when did it start?").
_FORM_GATED = Gated(
    re.compile(
        "|".join(
            pattern.pattern
            for pattern in (
                _INTAKE,
                _FOR_THE_RECORD,
                _SLOT,
                _RATES_A_SYMPTOM,
                _BOOKING_SLOT,
                _SLOT_IN_A_BOOKING,
            )
        ),
        re.IGNORECASE,
    )
)


def asks_for_the_form(
    question: str, *, open_question: bool, before: str, their_turn: str, said: BookingTalk
) -> bool:
    """A record question of any kind: intake, for the record, a slot, a booking's slot or a
    history (the arguments are those of `takes_a_history` and `fills_a_booking`)."""
    if _FORM_GATED.may_match(question) and (
        is_intake(question)
        or for_the_record(question)
        or asks_for_a_slot(question)
        or fills_a_booking(question, said)
    ):
        return True
    return takes_a_history(
        question, open_question=open_question, before=before, their_turn=their_turn
    )


# What a record, someone else or the booking says of them, before "Is that right?": the
# check is then of the file, not of what they said. The words must come with the record or
# the person who said it ("the chart says", "my nurse tells me", "you're 52 years old"): in a
# reflection the same words are theirs ("so your sister says you should quit", "you've got a
# 3-year-old at home", "the pain shows up at night"). "You told me" gives back their words.
_SOURCE = (
    r"(?:it|this|that|here|chart|file|records?|system|screen|notes?|form|referral|letter|report|"
    r"results?|scan|x-?ray|labs?|nurse|doctor|physician|assistant|colleague|receptionist|team|"
    r"office|broker|manager)"
)
_READS_A_RECORD = re.compile(
    rf"\b{_SOURCE} (?:here )?(?:says|said|shows|showed|notes|states|indicates|mentions)\b|"
    rf"\b{_SOURCE} (?:tells|told) me\b|\bnotes (?:that|say)\b|\bwritten down\b|"
    r"\b(?:see|seeing) (?:here|on (?:the|your|my) (?:chart|file|records?|screen|system))\b|"
    r"(?<!\bon )\bhere (?:that|you)\b|\breferr(?:al|ed you)\b|\bsent you (?:over|to us)\b|"
    r"\byou(?:'re| are) (?:a |an )?\w+[ -]years?[ -]old\b|"
    r"(?<!\bwe )(?<!\bto )(?<!\bll )\bi see (?:that )?you(?:'ve| have| had)\b|"
    r"(?<!\bwhat )\bi (?:hear|heard) (?:that )?you(?:'re| are| were|'ve| have| had)\b|"
    # The visit's reason as booked: "you've come to see me today because...", not "you came
    # in because the knee gave way" (their account).
    r"\b(?:come|came) (?:in )?(?:to see (?:me|us) (?:today |here )?|today )because\b|"
    r"\byou(?:'re| are) (?:here|in) (?:today )?(?:for|because)\b|"
    r"\b(?:usually|normally|regularly)\b[^!?]{0,40}?\b(?:sees?|seen|looks? after|handles?|"
    r"works? with|deals? with|takes care of) you\b",
    re.IGNORECASE,
)
# How far back a record's words are looked for: a sentence or two.
RECORD_LOOK_BACK = 256


def reads_a_record(text: str) -> bool:
    """Whether ``text`` reads out what a record or someone else says of them ("according to
    this, they gave you Cardizem", "the chart says...")."""
    return _READS_A_RECORD.search(text) is not None or "according to" in text.lower()


def checks_a_record(text: str, start: int) -> bool:
    """Whether the check at ``start`` ("Is that right?") follows a record's words about them,
    in its own sentence or the ones before it, with no other question between."""
    before = text[max(0, start - RECORD_LOOK_BACK) : start]
    return _READS_A_RECORD.search(before, before.rfind("?") + 1) is not None


# A family or medical history named: a question after it about their family's health takes
# that history ("Let's go through your family history. How's your mother doing?").
_HISTORY_NAMED = re.compile(
    r"\b(?:family (?:medical |health )?history|(?:medical|health) history|"
    r"history (?:in|of) your family|runs? in (?:your|the) family)\b",
    re.IGNORECASE,
)


def asks_within_a_history(text: str, start: int) -> bool:
    """Whether the question at ``start`` follows a family or medical history named since the
    last question, or in a question it comes straight after ("Medical history? How's your
    dad?"): the history being taken, not their life asked after."""
    before = text[max(0, start - RECORD_LOOK_BACK) : start]
    last = before.rfind("?")
    since = last + 1
    if last >= 0 and not before[since:].strip():
        since = before.rfind("?", 0, last) + 1  # the question it follows at once
    return _HISTORY_NAMED.search(before, since) is not None
