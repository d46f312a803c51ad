"""A question typed without its question mark: "are you going camping this weekend".

People typing a chat often leave the last sentence of a message bare, questions included, and
the catalogue's question phrases end in "?": on the catalogue's own examples, 22 % of those
with a question mark were no longer found without it. The analysis reads a copy of the turn
with the mark put back (``marks.as_meant``) where its last sentence is bare and opens as only
a question does: a verb before its subject ("are you", "did the team", "would we"), a
question word before one ("why would you", "how does Thursday", "how much of the water
would you"), "how about" and its kin, or a check on what was said ("..., right", "is that
right"); or where its last clause, after a comma, opens so ("I'm starving, can you spare
one"). A statement that opens with a question word ("what we need is water", "when I get
there I'll call", "..., which is fair") stays as typed.

Only the turn's last sentence is read: one bare in the middle of a turn ("How about Tuesday
We could do it by video") has no end to tell where the question stops, and nor has a long bare
run of words that opens as a question (more than 14 words: likely several sentences), unless
its typist opened it with a capital after a stop, as they would have opened any sentence
inside it (up to 30 words), or the turn is that one sentence, opened with a capital (up to
18). Of the CaSiNo (train and valid) and AnnoMI turns that end in "?", 65.2 % are told to be
questions with the mark taken off (62.2 % before the thirty-first session's openings and the
one capitalised sentence, 54.6 % before the long ones were); of those that end in "." or "!",
1.43 % are (1.35 %, 0.92 %), most of them questions typed with a stop ("How about I take 2
food.") (``scripts/typed_marks.py --marks``).
"""

from __future__ import annotations

import re

_AUXILIARY = (
    r"(?:is|are|am|was|were|do|does|did|can|could|will|would|should|shall|have|has|had|may|"
    r"might|isn'?t|aren'?t|don'?t|doesn'?t|didn'?t|won'?t|wouldn'?t|can'?t|couldn'?t|"
    r"shouldn'?t|haven'?t|hasn'?t|wasn'?t|weren'?t)"
)
# "Do" and "have" also tell someone what to do ("do the math", "have a good trip"): only a
# person after them makes a question ("do you", "have we").
_AUXILIARY_BEFORE_ANY = (
    r"(?:is|are|am|was|were|does|did|can|could|will|would|should|shall|has|had|may|might|"
    r"isn'?t|aren'?t|doesn'?t|didn'?t|won'?t|wouldn'?t|can'?t|couldn'?t|shouldn'?t|"
    r"hasn'?t|wasn'?t|weren'?t)"
)
_PERSON = r"(?:you|we|i|they|he|she|anyone|anybody|someone|somebody|everyone|everybody)"
_SUBJECT = (
    r"(?:you|your|we|our|i|it|that|this|these|those|they|their|he|she|there|the|any|some|"
    r"anyone|anybody|anything|everyone|everything|someone|something|mine|yours|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|next|\d+)"
)
_MOVED = (
    r"(?:makes|made|brings|brought|keeps|kept|gets|got|leads|led|takes|took|tells|told|gives|"
    r"gave|stops|stopped|prompts|prompted|draws|drew|interests|interested|worries|worried|"
    r"scares|scared|excites|excited|motivates|motivated)"
)
# Words a question may open with before its own: "so", "um". A few at most: tried at every
# word of a long run with no marks, any number of them cost time in the square of its length.
_FILLER_WORDS = (
    r"so|and|or|but|okay|ok|well|oh|hi|hey|hello|um|uh|seriously|honestly|also|look|listen"
)
_FILLERS = rf"(?:(?:{_FILLER_WORDS})\b[\s,]*){{0,4}}"
# And where a sentence or a clause opens, a word for what was just said too ("thanks may I
# ask why", "great - how many do you need"). Not where a run is broken into sentences: "you're
# doing great how has your sleep been" breaks before "how", not before "great".
_OPENING_FILLERS = (
    rf"(?:(?:{_FILLER_WORDS}|thanks|thank\s+you|great|awesome|perfect|cool|sure|right|alright|"
    r"all\s+right|yeah|yes|yep|ah|mm|hmm|first(?:\s+though)?|now)\b[\s,\-\u2013\u2014]*){0,4}"
)
# How a clause opens when it can only be a question, wherever it stands: after a comma too
# ("I'm starving, can you spare a food package", "..., how about you").
_CLAUSE_OPENINGS = (
    rf"{_AUXILIARY_BEFORE_ANY}\s+(?:not\s+)?{_SUBJECT}\b",  # "are you", "didn't the team"
    rf"(?:do|don'?t|have|haven'?t)\s+(?:not\s+)?{_PERSON}\b",
    rf"(?:what|how|why|who)(?:'s|'re|\s+{_AUXILIARY})\s+{_SUBJECT}\b",
    r"how\s+about\b",
    r"what\s+about\b",
    r"any\s+chance\b",
    # What moved them: "what brings you in today", "what made you say two", "who told you".
    rf"(?:what|who)\s+{_MOVED}\s+(?:you|your|them|him|her)\b",
    r"what\s+(?:else|happened)\b",  # "Thank you, what happened", "so, louis, what happened"
    # "What makes it better or worse", "what makes that so hard".
    # ("What makes it worth it is the time they save" tells.)
    r"what\s+makes?\s+(?:it|that|this|them)\s+(?:(?:so|any|a\s+bit|even)\s+)?(?:better|worse|"
    r"easier|harder|hard|difficult|different|special|important|tricky|worth)\b"
    r"(?!.*\b(?:is|was|are|were)\b)",
)
# How the last sentence opens when it can only be a question: a question word whose clause
# a comma does not close ("when I get there I'll call", "..., which is the best" are not).
_OPENINGS = (
    *_CLAUSE_OPENINGS,
    rf"(?:where|when|which(?:\s+\w+)?)(?:'s|'re|\s+{_AUXILIARY})\s+{_SUBJECT}\b",
    # "how hard can it be", "how long ago did you", "how much time do we".
    rf"how\s+\w+(?:\s+\w+)?\s+{_AUXILIARY}\s+{_SUBJECT}\b",
    # A few words between: "how much of the firewood would you need", "what kind of food do
    # you like", "which items are most important to you".
    rf"how\s+(?:much|many)\s+(?:[\w']+\s+){{0,3}}?{_AUXILIARY}\b",
    rf"(?:what|which)\s+(?:(?:kinds?|types?|sorts?)\s+of|kinda|sorta)\s+(?:[\w']+\s+){{1,3}}?{_AUXILIARY}\s+"
    rf"{_SUBJECT}\b",
    rf"which\s+[\w']+\s+{_AUXILIARY}\b",
    # "What's most important to you", not "what's important is the water".
    r"(?:what|who|where)(?:'s|\s+is|\s+are)\s(?!.*\b(?:is|was|are)\b)",
    r"any\s+(?:questions?|thoughts|concerns|other|ideas)\b|anything\s+else\b",
    # A short question with no verb: "any aches and pains", "any lumps that you've noticed"
    # ("any time works", "any of them is fine", "any amount would be appreciated" tell).
    r"any\s+(?!(?:time|day|of|one|way|help|chance|more|longer)\b)"
    r"(?!(?:[\w']+\s+){0,8}?(?:is|are|was|were|would|will|works?|helps?|should|can|could|does|"
    r"do|fine|good|ok|okay)\b)[\w']+(?:\s+[\w']+){0,8}\s*$",
    # "Anything specific you'd like adjusted", "anything you think could be better".
    r"anything\s+(?:specific|in\s+particular|you(?:'d|\s+would)\s+like|you\s+think)\b",
    r"how\s+(?:come|goes|go|was|is|are)\b",
    r"what\s+(?:now|if)\b",
    r"why\s+(?:not|on\s+earth)\b",
    # "What items are most important to you", "in what ways might your life be better", and
    # with a word before the noun, "what specific systems do you have" (a person after the
    # verb: "what we did was the right call" tells).
    rf"what\s+[a-z]+\s+{_AUXILIARY}\s+(?:you|your|we|they|most|more|the|of)\b",
    rf"what\s+(?!(?:we|they|you|i|he|she|it)\b)(?:[a-z]+\s+){{2,3}}{_AUXILIARY}\s+"
    r"(?:you|we|they)\b",
    # "What would be the other benefits for you", not "what would be nice is a discount",
    # "what would be best for us would be the annual plan" or "what will be will be".
    r"what\s+(?:would|will|could|might|should)\s+be\s"
    r"(?!.*\b(?:is|was|are|(?:would|will|could|might|should)\s+be)\b)",
    # "Which is most important to you", "which one is better for you" ("which is more than
    # fair" tells).
    r"which(?:\s+(?:one|ones|item|items))?\s+(?:is|are)\s+(?:(?:most|more|less|least)\s+"
    r"(?:important|useful|urgent|pressing|valuable|helpful|critical|likely)|best|better|your|"
    r"the\s+(?:most|best|biggest|main))\b",
    # "Is water your number one priority": the verb first, then a word, then whose ("is all
    # yours", "is up to you" and "was nice talking to you" tell, their "it" left out).
    r"(?:is|are|was|were|isn'?t|aren'?t)\s+(?!(?:up|all|nice|great|good|fine|so|very|really|"
    r"such|kind|sweet|lovely|too|more|less|not|a|an)\b)[\w']+\s+(?:your|yours)\b",
    # A short question with its verb left out: "What kind of dog", "what sort of budget".
    r"(?:what|which)\s+(?:kinds?|types?|sorts?)\s+of\s+[\w']+(?:\s+[\w']+)?\s*$",
    r"(?:in|to)\s+what\s+(?:ways?|extent)\b",
    r"you\s+really\s+(?:think|want)\b",
)
_ASKS = re.compile(rf"[^\w]*{_OPENING_FILLERS}(?:{'|'.join(_OPENINGS)})")
_CLAUSE_ASKS = re.compile(rf"\s*{_OPENING_FILLERS}(?:{'|'.join(_CLAUSE_OPENINGS)})")
# What may close a clause before the one a question opens: a comma, a semicolon or a colon.
_CLAUSE_MARKS = ",;:"
# A check on what was said, at the sentence's end.
_CHECKS_ENDINGS = (
    r",\s*(?:right|correct)",  # not "..., yes" or "..., ok": those agree as often as ask
    rf",\s*{_AUXILIARY}\s+(?:you|we|they|it|i|he|she|there)",  # "..., don't you"
    r"\bor\s+not",
    r"\bis\s+that\s+(?:right|correct|ok|okay|fair)",
    r"\bdo\s+i\s+have\s+that\s+right",
    r"\bdoes\s+that\s+(?:work|sound\s+\w+|make\s+sense)",
    # Handing the question back: "firewood, what about you", "am fine and you" ("I'll loop in
    # Sarah and you" is a pair).
    r"\b(?:what|how)\s+about\s+(?:you|yours|yourself)",
    r"\b(?:good|fine|great|well|ok|okay|alright|thanks|too)\s+and\s+(?:you|yourself)",
)
_CHECKS = re.compile(rf"(?:{'|'.join(_CHECKS_ENDINGS)})$")
_ENDS = ".!?…\n"
# A bare run of more words than this that opens as a question is likely several sentences run
# together ("hey how are you doing I really need extra firewood as I want to build a
# shelter"): where its question ends is not known, so it is left as typed.
MOST_WORDS = 14
# The same where the turn kept the capitals that open sentences (``capital_breaks`` found
# one): the run between two is one sentence.
MOST_WORDS_CAPITALISED = 30
# A turn of one sentence opened with a capital ("Would you be open to exploring the idea of
# birth control and family planning"): a transcriber's or a careful typist's, so a question a
# little longer than a chat's is still one question. (Over CaSiNo's and AnnoMI's turns with
# their last mark taken off, ``scripts/typed_marks.py --marks``, this limit alone took the
# questions given it back from 62.8% (with the thirty-first session's new openings) to 64.7%,
# and statements from 1.35% to 1.40%.)
MOST_WORDS_OPENED = 18
# A check is a few words at the sentence's end: only so much of a long sentence is searched.
_CHECK_REACH = 40


def missing(low: str, most_words: int = MOST_WORDS) -> int | None:
    """Where a question mark left off the last sentence of ``low`` (a lower-cased turn) goes:
    the end of its last word; None when it has a mark, ends otherwise or is no question.

    >>> missing("great. are you going camping this weekend")
    41
    >>> missing("what we need is water")
    """
    if not low or low[-1] in _ENDS:  # most turns: no copy of the turn for rstrip
        return None
    end = len(low.rstrip())
    if end == 0 or not (low[end - 1].isalnum() or low[end - 1] in "')\""):
        return None
    start = max(low.rfind(mark, 0, end) for mark in _ENDS) + 1
    if _CHECKS.search(low, max(start, end - _CHECK_REACH), end):
        return end
    if low.count(" ", start, end) >= most_words:
        return None
    if _ASKS.match(low, start, end):
        return end
    clause = max(low.rfind(mark, start, end) for mark in _CLAUSE_MARKS) + 1
    if clause > start and _CLAUSE_ASKS.match(low, clause, end):
        return end
    return None


# A turn said or typed with no sentence marks at all ("okay that sounds good how many people
# are on the team"), the way some speech-to-text exports write every turn: where a clause opens
# as only a question does ("how many people are", "do you", "are you"), a sentence starts.
# Not after a word that carries the clause on ("I'll have you...", "tell me what do you...",
# "the question is are you..."), and only after a few words of the sentence before.
_CARRIES_ON = frozenset(
    re.findall(
        r"\w+",
        "a an the to of and or but if whether that know wonder wondering ask asking asked see "
        "sure tell me about what how why when where who which is are was were because cause "
        "than as like i you we they he she it not ll d will would can could should must might "
        "let s gonna wanna gotta just really",
    )
)
_SAID_BARE_WORDS = 8  # fewer words than this are one sentence
_REACH_BACK = 120  # characters read back from a break for the words before it
_BEFORE_A_BREAK = 3  # words the sentence before a break has at least
# Openings surer than a sentence's own (``_CLAUSE_OPENINGS``): inside a run of words "is the"
# or "is mine" carries a statement on ("I think the plan is the best"), so only a person
# after the verb, or a question word with its verb, starts a question there.
_BREAK_OPENINGS = re.compile(
    rf"\s+(?={_FILLERS}(?:(?:{_AUXILIARY})\s+(?:not\s+)?(?:you|we|they|he|she|u|y'all)\b|"
    rf"(?:what|how|why|where|when|who)(?:'s|'re|\s+{_AUXILIARY})\s+{_SUBJECT}\b|"
    rf"(?:what|who)\s+{_MOVED}\s+(?:you|your)\b|"
    r"how\s+(?:much|many|long|often)\b|(?:what|how)\s+about\b))"
)
# A verb a few words back whose object the question-worded clause is: "could you tell me
# first what brought you to us", "I'd love to know a bit more how you run it".
_TAKES_A_CLAUSE = frozenset(
    re.findall(
        r"\w+",
        "tell telling ask asked asking know knowing wonder wondering curious explain share "
        "remember understand mind guess",
    )
)
_WORD = re.compile(r"[\w']+")
_ASKING = frozenset({"what", "which", "how", "who", "whom", "whose", "where", "when", "why"})


def _has_stop(text: str) -> bool:
    """Whether a turn holds a stop: four tests, where a generator over them cost ten times
    as much."""
    return "." in text or "!" in text or "…" in text or "\n" in text


def _after_last_stop(text: str, start: int = 0, end: int | None = None) -> int:
    """Where the run of words after the last stop in ``text[start:end]`` starts (``start``
    when it holds none): four searches, where a generator over them cost ten times as much
    (both readers of a run with no stops ask it of every turn)."""
    if end is None:
        end = len(text)
    last = max(
        text.rfind(".", start, end),
        text.rfind("!", start, end),
        text.rfind("…", start, end),
        text.rfind("\n", start, end),
    )
    return start if last < 0 else last + 1


_STOPS = frozenset(".!…\n")


def _bare_tail(text: str) -> int:
    """Where the run of words to read for sentence ends starts: the whole of a turn with no
    stops, else the run after its last stop if the typist left every mark off it (-1 when
    there is none such). After a stop, a run with a question mark is punctuated: "Okay. How
    much of the food do you want?" is one question."""
    last = text[-1:]
    if last in _STOPS:  # most turns end on a stop: nothing runs on after it
        return -1
    if last == "?":  # the run after the last stop has its mark
        return -1 if _has_stop(text) else 0
    tail = _after_last_stop(text)
    return -1 if tail and "?" in text[tail:] else tail


def breaks(low: str) -> list[int]:
    """Where sentences end in the run of words after a turn's last stop when it has no marks,
    or in the whole turn when it has no stops (a lower-cased turn; its questions may have
    their marks): the end of the
    word before each clause that opens as only a question does. Empty for a run too short to
    hold two sentences.

    >>> breaks("okay that sounds good how many people are on the team")
    [21]
    """
    tail = _bare_tail(low)
    if tail < 0 or low.count(" ", tail) < _SAID_BARE_WORDS - 1:
        return []
    found = []
    last = tail
    for hit in _BREAK_OPENINGS.finditer(low, tail):
        at = hit.start()
        # The words since the last break or question, up to a few dozen back (enough for
        # every test below; the whole turn read again at each hit made a long one slow).
        reach = max(last, at - _REACH_BACK)
        before = _WORD.findall(low, max(reach, low.rfind("?", reach, at) + 1), at)
        # "we'll have you" carries on as "will" does; a question word a few words back asks one
        # question ("how old are your kids", "which of these topics should we...").
        if (
            len(before) < _BEFORE_A_BREAK
            or before[-1].split("'")[-1] in _CARRIES_ON
            or _ASKING.intersection(before[-5:])
            or _TAKES_A_CLAUSE.intersection(before[-4:])
        ):
            continue
        if low[at - 1] in _CLAUSE_MARKS:
            continue  # "..., don't you": a comma parts the clauses already
        found.append(at)
        last = at
    return found


# In a turn that kept its capitals but lost its stops ("Great question Our reps use an app"),
# a word that only opens a sentence, written with its capital after a word in lower case,
# starts one. Of the sentence ends in CaSiNo (train, valid) and AnnoMI with the stop taken
# out, 88.7 % are found so (78.9 % before "Maybe", "Because", "Um" and their kin were in the
# list); of their sentences of four words or more, 0.20 % are broken, nearly all where the
# typist left out a stop ("Hello How are you"). Names ("with TestMaster", "Dr Patel") are no
# such word, "I" and "I'm" are written so everywhere, and after a word with its own capital
# ("Hit The Road") it is a title's.
_CAPITAL_OPENING = re.compile(
    r"(?<=[a-z0-9%)])[ \t]+(?=(?:Our|We|It|It's|Its|The|This|That|These|Those|They|You|Your|"
    r"There|He|She|So|But|And|If|Yes|No|Well|Also|Plus|Then|Here|What|How|Why|When|Where|"
    r"Who|Which|Do|Does|Did|Are|Is|Can|Could|Would|Will|Have|Has|My|Most|Many|Some|Let|"
    r"Please|Thanks|Thank|Great|Sure|Okay|Absolutely|Otherwise|However|Unfortunately|"
    r"Honestly|Actually|Just|For|In|On|At|With|As|Once|After|Before|While|Now|Um|Uh|Maybe|"
    r"Perhaps|Probably|Hopefully|Hope|Since|Because|Although|Unless|Even|Especially|Yeah|Not|"
    r"Any|Anything|Tell|Sounds|Nice|Good|Oh|Kindly|Don't|Let's|Lets|Like|Remember|Same|"
    # "May I ask", not the month ("in May I think": ``_BEFORE_A_MONTH``).
    r"May(?= I\b))\b)"
)
_WORD_BEFORE = re.compile(r"[\w'%)]+$")
# A word said on its own before a sentence, capital or not: "Okay Have you had...".
_INTERJECTIONS = frozenset(
    re.findall(r"\w+", "okay ok great yeah yes no right well thanks sure hi hello hey oh um mm ah")
)


_CAPITAL_AFTER_A_STOP = re.compile(r"[.!?][ \t]+(?!I\b)[A-Z]")


def one_sentence_capitalised(text: str) -> bool:
    """Whether the turn is one sentence with no mark inside it, opened with a capital.

    >>> one_sentence_capitalised("Would you be open to that")
    True
    >>> one_sentence_capitalised("would you be open to that")
    False
    """
    opening = _FIRST_LETTER.search(text)
    return (
        opening is not None
        and opening.group().isupper()
        and not any(mark in text for mark in ".!?")
    )


_FIRST_LETTER = re.compile(r"[^\W\d_]")


def last_sentence_capitalised(text: str) -> bool:
    """Whether the turn's last sentence follows a stop and opens with a capital ("Two max.
    How many drinks would you say you'd have over the course of a week"): a typist who writes
    so would have opened another sentence inside it with one too, so it is one sentence,
    however long. ("I" is written so everywhere.)

    >>> last_sentence_capitalised("Two max. How many drinks a week")
    True
    >>> last_sentence_capitalised("two max. how many drinks a week")
    False
    """
    at = max(text.rfind("."), text.rfind("!"), text.rfind("?"))
    return at >= 0 and _CAPITAL_AFTER_A_STOP.match(text, at) is not None


# Words that stand before a month: "in May", "end of May", "early May".
_BEFORE_A_MONTH = frozenset(
    re.findall(
        r"\w+",
        "in by of since until till from through during before after early late mid next last "
        "this end start beginning",
    )
)


def capital_breaks(text: str) -> list[int]:
    """Where sentences end in the run of words after a turn's last stop when it has no marks
    (the whole turn when it has no stops), in a turn that kept its capitals: the end of the
    word before each word that
    only opens a sentence, written with its capital.

    >>> capital_breaks("Great question Our reps use an app It records each visit")
    [14, 34]
    """
    tail = _bare_tail(text)
    if tail < 0:
        return []
    found = []
    for hit in _CAPITAL_OPENING.finditer(text, tail):
        before = _WORD_BEFORE.search(text, 0, hit.start())
        if before is None:
            continue
        word = before.group()
        if text.startswith("May", hit.end()) and word.lower() in _BEFORE_A_MONTH:
            continue  # "we start in May I think": the month
        if not word[0].isupper() or word.lower() in _INTERJECTIONS:
            found.append(hit.start())
    return found


# An emoji between two sentences ends the one before it, as chat writes it: "Okay. 🙂 So you
# feel...", "How are you 🙂 I need water". After a stop, or before a capital, a sentence starts
# after it; "I love camping 🙂 and hiking" goes on.
_EMOJI_CHARS = "\U0001f300-\U0001faff\u2600-\u27bf"
_EMOJI = re.compile(f"[{_EMOJI_CHARS}]")
_EMOJI_BREAK = re.compile(
    rf"(?<=[{_EMOJI_CHARS}\ufe0f])(?=[ \t]+(?:[A-Z]|(?<=[.!?][ \t][{_EMOJI_CHARS}\ufe0f])\w))"
)


def emoji_breaks(text: str) -> list[int]:
    """Where an emoji ends a sentence: the place after it.

    >>> emoji_breaks("Okay. \U0001f642 So you feel stuck.")
    [7]
    >>> emoji_breaks("I love camping \U0001f642 and hiking")
    []
    """
    if _EMOJI.search(text) is None:  # most turns
        return []
    return [hit.start() for hit in _EMOJI_BREAK.finditer(text)]


def break_marks(low: str, places: list[int], most_words: int = MOST_WORDS) -> list[str]:
    """The mark each of ``places`` (sentence ends in a run of words with no stops) takes:
    "?" after a sentence that opens as only a question does and is short enough to be one,
    else ".".

    >>> break_marks("do you have a website yet we can build one", [25])
    ['?']
    """
    marks = []
    start = 0
    for place in places:
        start = _after_last_stop(low, start, place)
        sentence = low[start:place]
        asks = (
            "?" not in sentence
            and sentence.count(" ") < most_words
            and _ASKS.match(low, start, place) is not None
        )
        marks.append("?" if asks else ".")
        start = place
    return marks
