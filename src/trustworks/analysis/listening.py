"""Listening: talk share, questions, monologues and interruptions, kept as running totals."""

from __future__ import annotations

import re

from trustworks.analysis.context import Emission, TurnContext, opening_span
from trustworks.analysis.result import Metrics
from trustworks.conversation import Role, Turn
from trustworks.sentences import SENTENCE, sentence_span
from trustworks.signals.matcher import CaseFree

MONOLOGUE = "long_monologue"
INTERRUPTS = "interrupts_client"


def _last_words(text: str, count: int = 15) -> str:
    """The end of what the client was saying when they were cut off."""
    words = text.split()
    return " ".join(words[-count:]) if len(words) <= count else "… " + " ".join(words[-count:])


# A long turn is looked at for whom it talks to only once it could make a monologue.
_LONG_TURN = 60
_TO_THEM = CaseFree(re.compile(r"\b(?:you|your|yours|yourself|yourselves|ya|u)\b", re.IGNORECASE))
# Someone spoken of, not to: "the patient", "she is doing better", "his exhalation phase".
_SPOKEN_OF = re.compile(
    r"\b(?:the (?:patient|client|customer)|patient|she|he|her|him|his|hers)\b", re.IGNORECASE
)
_SPOKEN_OF_LEAST = 3
# A sentence that gives them their own words back: "You told me that...", "It sounds like you
# have good goals", "So you've been trying", "That makes you sad". "You'll love it", "you need
# to" and "your blood sugar is high" tell them something of the seller's.
_FILLERS = r"(?:(?:okay|ok|um+|uh+|so|and|but|well|yeah|now|you know|i mean|also)\W+)*"
_GIVES_BACK = CaseFree(
    re.compile(
        rf"^\W*{_FILLERS}(?:so )?(?:you(?:'re| are| feel| felt| have| had| told| said| mentioned|"
        r" want| wanted| see| go| just| been|'ve| seem| think| thought| wish| like| love| enjoy|"
        r" were| was| don'?t| do not| can'?t| care| worry| also| really| still)\b|"
        r"(?:that|it|this) (?:makes|made) you\b)|"
        r"\b(?:sounds|seems|sound) (?:to me )?like you\b|\bwhat i(?:'m| am) hearing\b|"
        r"\byou(?:'ve)? (?:told|tell) me\b|\byou(?:'ve)? (?:said|mentioned|shared)\b",
        re.IGNORECASE,
    )
)
_SENTENCE_WORDS = 3  # "Okay." and "Mm-hmm." say nothing either way
_PUNCTUATED_WORDS = 60  # words a sentence has on average at most, when speech is punctuated


def gives_their_words_back(text: str, least: int = 1) -> bool:
    """Whether ``text`` is a summary that gives the client their own words back: at least
    ``least`` sentences, most of them about what they said, feel or want."""
    said = [m.group() for m in SENTENCE.finditer(text) if len(m.group().split()) >= _SENTENCE_WORDS]
    # Unpunctuated speech ("...so what i am concerned about is it sounds like you have a torn
    # ligament so we need...") has no sentences to count.
    if len(said) < least or not said or len(text.split()) > _PUNCTUATED_WORDS * len(said):
        return False
    back = sum(_GIVES_BACK.search(sentence) is not None for sentence in said)
    return 2 * back >= len(said)


# What was found in them, told to them: "on your exam there is some tenderness", "your vitals
# look good", "your x-ray showed a small fracture". A clinician going through an examination's
# findings and what they mean is reporting on the client, not presenting the seller's agenda;
# coaches credit it as candour (4 such stretches flagged as monologues on the annotated clinic
# visits, none a coach's moment).
_THEIR_FINDINGS = CaseFree(
    re.compile(
        r"\b(?:on|in|from) (?:your|the|my|this) (?:physical |focused |skin |neck |heart |lung |"
        r"abdominal |knee |foot |back |eye )?exam(?:ination)?\b|"
        r"\byour (?:vitals|vital signs|blood pressure|heart rate|pulse|oxygen|temperature|weight|"
        r"labs?|lab work|blood work|bloodwork|test results|results|x-?rays?|mri|ct scan|scan|"
        r"ultrasound|echocardiogram|echo|ekg|ecg|biopsy|hemoglobin|a1c|cholesterol|(?:sugar|"
        r"thyroid|iron|potassium|kidney|liver) (?:levels?|function))\b(?:,? \w+)?,? (?:look|looks|"
        r"looked|is|are|was|were|show|shows|showed|came back|come back|seem|seems)\b|"
        # ...and the assessment and plan for them that follows: "my assessment", "I'm gonna
        # prescribe you some ibuprofen", "a referral to nutrition", "we'll order an MRI".
        # The plan's words must name the clinic's objects: "we will order the hardware" and "I'll
        # put you on the premium tier" are a pitch.
        r"\b(?:my (?:assessment|impression|diagnosis)|assessment and plan|prescrib\w*|"
        r"prescription)\b|\breferral (?:to|for) (?:a |an |the )?(?:\w+ )?(?:therap\w*|specialist|"
        r"clinic|nutrition\w*|cardiolog\w*|dermatolog\w*|neurolog\w*|orthop\w*|physio\w*|"
        r"surgeon)\b|"
        r"\b(?:i|we)(?:'ll| will|'m| am|'re| are)? (?:gonna |going to )?"
        r"(?:order (?:an? |some |the )?(?:\w+ )?(?:mri|x-?rays?|labs?|ct|ultrasound|blood ?work|"
        r"blood tests?|scan|echo\w*|ekg|ecg|biopsy|panel|a1c|cbc)|refer you|"
        r"start you on (?:a |an |the |some )?(?:\w+ )?(?:medication|"
        r"medicine|dose|\d+ ?mg|pills?|tablets?|antibiotics?|inhaler)|"
        r"put you on (?:a |an |the |some )?"
        r"(?:\w+ )?(?:medication|medicine|antibiotics?|dose|\d+ ?mg|pills?|inhaler)|"
        r"send you (?:for|to) (?:a |an |the )?(?:\w+ )?(?:mri|x-?ray|scan|test|specialist|lab))\b",
        re.IGNORECASE,
    )
)
_FINDINGS_LEAST = 2


def _not_at_them(text: str) -> bool:
    """Whether a long turn is no presentation to the client: a note for the record that speaks
    of them and never to them ("assessment and plan: she is doing better on torsemide"), a
    summary that gives them their own words back, or their examination's findings told to
    them."""
    if _TO_THEM.search(text) is None:
        return len(_SPOKEN_OF.findall(text)) >= _SPOKEN_OF_LEAST
    if sum(1 for _ in _THEIR_FINDINGS.finditer(text)) >= _FINDINGS_LEAST:  # findall's count
        return True
    return gives_their_words_back(text)


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole > 0 else None


class ListeningTracker:
    """Running listening metrics; emits long monologues and interruptions as they happen."""

    def __init__(self, monologue_words: int | None = 180, overlap_seconds: float = 0.5) -> None:
        self._monologue_words = monologue_words
        self._overlap = overlap_seconds
        self.turns = 0
        # Plain counts, not a dict by role: the trust scores read them after every turn.
        self.seller_words = 0
        self.client_words = 0
        # Words of long seller turns that report on the client rather than present to them (a
        # note for the record, their findings, their words summed up): see `_not_at_them`.
        self.report_words = 0
        self.seconds = {Role.SELLER: 0.0, Role.CLIENT: 0.0}
        self.seller_turns = 0
        self.open_questions = 0
        self.closed_questions = 0
        self.reflective_summaries = 0
        self.interruptions = 0
        self.seller_interruptions = 0
        self.longest_run = 0
        self._run = 0
        # The run of words said to the client: a note for the record or their own words given
        # back is talk, but no presentation.
        self._talk_run = 0
        self._run_flagged = False
        self._previous: tuple[Turn, Role] | None = None

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Update the totals with one turn; report a monologue or an interruption in it."""
        found: list[Emission] = []
        role, turn = ctx.role, ctx.turn
        self.turns += 1
        if role is Role.SELLER or role is Role.CLIENT:
            if role is Role.SELLER:
                self.seller_words += ctx.words
            else:
                self.client_words += ctx.words
            if turn.duration is not None:
                self.seconds[role] += turn.duration
        if role is Role.SELLER:
            self.seller_turns += 1
            self.open_questions += ctx.questions.open
            self.closed_questions += ctx.questions.closed
            self.reflective_summaries += len(ctx.cues.get("reflective_summary", ()))
            self._run += ctx.words
            self.longest_run = max(self.longest_run, self._run)
            limit = self._monologue_words
            if ctx.words >= _LONG_TURN and _not_at_them(turn.text):
                self.report_words += ctx.words
            else:
                self._talk_run += ctx.words
            if limit is not None and self._talk_run >= limit and not self._run_flagged:
                self._run_flagged = True
                start, end = _said_opening(turn.text)
                found.append(Emission(MONOLOGUE, start, end))
        elif role is Role.CLIENT and ctx.words > 0:
            self._run = 0
            self._talk_run = 0
            self._run_flagged = False
        found.extend(self._interruption(turn, role))
        self._previous = (turn, role)
        return found

    def _interruption(self, turn: Turn, role: Role) -> list[Emission]:
        if self._previous is None or turn.start is None:
            return []
        before, before_role = self._previous
        if before.end is None or before.speaker == turn.speaker:
            return []
        if turn.start >= before.end - self._overlap:
            return []
        self.interruptions += 1
        if role is Role.SELLER and before_role is Role.CLIENT:
            self.seller_interruptions += 1
            start, end = opening_span(turn.text, max_words=12)
            return [Emission(INTERRUPTS, start, end, _last_words(before.text))]
        return []

    @property
    def seller_talk_share(self) -> float | None:
        """Seller's share of the words spoken by seller and client."""
        return _share(self.seller_words, self.seller_words + self.client_words)

    @property
    def total_words(self) -> int:
        """Words spoken by seller and client together."""
        return self.seller_words + self.client_words

    def metrics(self, seller_tone: float | None = None, seller_directives: int = 0) -> Metrics:
        """A snapshot of the metrics so far, with what the other detectors counted."""
        questions = self.open_questions + self.closed_questions
        seconds = self.seconds[Role.SELLER] + self.seconds[Role.CLIENT]
        return Metrics(
            turns=self.turns,
            seller_words=self.seller_words,
            client_words=self.client_words,
            seller_talk_share=self.seller_talk_share,
            seller_seconds_share=_share(self.seconds[Role.SELLER], seconds),
            seller_turns=self.seller_turns,
            seller_questions=questions,
            seller_question_rate=_share(questions, self.seller_turns),
            open_questions=self.open_questions,
            closed_questions=self.closed_questions,
            open_question_share=_share(self.open_questions, questions),
            longest_seller_monologue_words=self.longest_run,
            reflective_summaries=self.reflective_summaries,
            interruptions=self.interruptions,
            seller_interruptions=self.seller_interruptions,
            seller_tone=seller_tone,
            seller_directives=seller_directives,
        )


def _said_opening(text: str) -> tuple[int, int]:
    """The opening of what a turn says, past a first "Yeah." or "Okay.": its first sentence
    of three words or more (cut to 25), else its first."""
    at = 0
    while at < len(text):
        start, end = sentence_span(text, at)
        if end <= at:
            break
        if len(text[start:end].split()) >= 3:
            left, right = opening_span(text[start:])
            return start + left, start + right
        at = end
    return opening_span(text)
