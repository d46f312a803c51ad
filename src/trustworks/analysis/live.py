"""Analyse a conversation one turn at a time, in constant work per turn.

Batch analysis is this same loop run over a finished conversation, so a live meter and a
report on the recording can never disagree. (It lets each rule detector take a stretch of
turns in a row, which gives the same findings: see `LiveAnalyzer.add_turns`.)
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from trustworks.analysis.about_them import ASKS_AFTER_LIFE, AboutThemDetector
from trustworks.analysis.about_them import SIGNAL as ABOUT_THEM
from trustworks.analysis.acknowledgement import SIGNAL as ACKNOWLEDGES
from trustworks.analysis.acknowledgement import (
    bare_receipt,
    holds_out_against,
    leads_into,
    runs_up_to_own_case,
)
from trustworks.analysis.asked_again import AskedAgainDetector
from trustworks.analysis.assumed_yes import AssumedYesDetector
from trustworks.analysis.assurances import AssurancesDetector
from trustworks.analysis.coach import render_rewrite
from trustworks.analysis.commitments import find_promises, is_concrete, names_a_time
from trustworks.analysis.concerns import ConcernsDetector
from trustworks.analysis.context import Detector, Emission, TurnContext, sentence_at
from trustworks.analysis.cut_short import CutShortDetector
from trustworks.analysis.declines import PARTS_WELL, DeclinesDetector
from trustworks.analysis.directives import DirectiveCount
from trustworks.analysis.disfluency import as_read
from trustworks.analysis.early_ask import EarlyAskDetector
from trustworks.analysis.echo import SIGNAL as RESTATES
from trustworks.analysis.echo import EchoDetector
from trustworks.analysis.engine import Engine, engine_for
from trustworks.analysis.feelings import SIGNAL as PASSES_OVER_FEELING
from trustworks.analysis.feelings import FeelingsDetector, asks_for_facts
from trustworks.analysis.lecturing import LecturingDetector
from trustworks.analysis.listening import ListeningTracker
from trustworks.analysis.more_after_yes import MoreAfterYesDetector
from trustworks.analysis.needs import NeedsDetector
from trustworks.analysis.negation import clause_before
from trustworks.analysis.next_steps import NextStepsDetector
from trustworks.analysis.plain_answers import SIGNAL as PLAIN_ANSWER
from trustworks.analysis.plain_answers import PlainAnswerDetector
from trustworks.analysis.pouncing import PouncingDetector
from trustworks.analysis.price import PriceDetector
from trustworks.analysis.problems import ProblemsDetector
from trustworks.analysis.questions import NO_QUESTIONS, count_questions
from trustworks.analysis.records import asks_within_a_history, checks_a_record
from trustworks.analysis.result import Analysis, Commitment, Contribution, Finding, TrustScores
from trustworks.analysis.self_description import SelfDescriptionDetector
from trustworks.analysis.splits import SplitsDetector
from trustworks.analysis.trust import (
    TALK_SHARE_MIN_WORDS,
    TrustScorer,
    directive_term,
    evidence_weight,
    talk_share_term,
    tone_term,
)
from trustworks.analysis.warmth import SIGNAL as GOOD_NEWS
from trustworks.analysis.warmth import WarmthDetector, hears_ritual_or_praise
from trustworks.analysis.yes_again import YesAgainDetector
from trustworks.conversation import Conversation, Role, Turn, fold_name
from trustworks.sentences import sentence_span
from trustworks.signals.loader import Catalogue, default_catalogue
from trustworks.signals.matcher import Match
from trustworks.signals.schema import Signal

DATED_COMMITMENT = "makes_dated_commitment"
CHECKS_UNDERSTANDING = "asks_if_understood_right"
REFLECTS = "reflects_back_understanding"
# "So, you..." gives back what they said: one of their last turns said this much at least.
_SAID_ENOUGH_TO_REFLECT = 6
_SO_YOU = re.compile(r"(?:\W*(?:okay|ok|yeah|yes|right|hmm|mm-hmm|um|uh|and|well)\b)*\W*so\b", re.I)
# A finding less likely right than wrong (its signal's audited precision, or a model's
# calibrated probability) is neither shown nor scored, as a model's is not under its threshold.
SHOWN_FROM = 0.5
# The client's turns an acknowledgement is read against: what they asked for may be a few
# turns back ("I need the food" ... "but these are only extra packages").
_HEARD_TURNS = 4
# Speaker labels whose role an analyzer keeps (a transcript may label every line afresh).
_SPEAKERS_KEPT = 64
# Pressure phrases that answer what the client just asked are answers: a date, a stock level,
# what others give or why the cause matters, told because they asked (the question's words).
_ASKED_ABOUT = {
    "artificial_deadline": re.compile(
        r"\b(?:when|how long|deadline|until|till|expire[sd]?|ends?|last|stock|left|available|"
        r"sell(?:ing)? out|selling|popular|soon|hurry|today|in time|still on|decide|sign)\b"
        r"[^?]*\?",
        re.IGNORECASE,
    ),
    "leans_on_what_others_do": re.compile(
        r"\b(?:how many|how much|most|others?|other people|everyone|everybody|people|typical|"
        r"usually|average)\b[^?]*\?",
        re.IGNORECASE,
    ),
    "appeals_to_fear_or_guilt": re.compile(
        r"\b(?:why|what (?:do|does|did) (?:they|it|the \w+) do|what'?s the (?:problem|point|need)|"
        r"how (?:bad|serious|many))\b[^?]*\?",
        re.IGNORECASE,
    ),
    "upsell_push": re.compile(
        r"\b(?:which|better|best|value|cheaper|bigger|recommend|should (?:i|we)|worth|monthly|"
        r"pay)\b[^?]*\?",
        re.IGNORECASE,
    ),
}
CONCRETE_COMMITMENT = "makes_concrete_commitment"
# Detectors that read any question or any echo of the client's words: a phrase that says more
# about the same words ("so what I'm hearing is", "does that work on your end?") speaks instead.
# (A question about their life away from work is the question detector's too.)
_FALLBACKS = frozenset({ABOUT_THEM, ASKS_AFTER_LIFE, RESTATES})
# Credits for listening that a turn spending trust by rule does not earn (see _prefer_detectors).
_LISTENING_CREDITS = _FALLBACKS | {"reflects_their_words"}
# The one family whose trust-spending findings leave those credits alone: a courtesy ("thanks
# for your time") does not take the turn over.
_LEAVES_THE_TURN = frozenset({"customer_as_master"})
# ...and the one signal: going on past their few minutes ("May I ask what's prompting you to
# sell?" still asks about them). "This will only take a minute" does take it over. Gladness
# at their news is a second act beside a question in the same sentence ("That sounds nice,
# what would you like most?"), not what kind of question it is.
_LEAVES_THE_TURN_SIGNALS = frozenset({"passes_over_their_time_limit", "shares_their_good_news"})
# Families whose credit in a turn means it took up a feeling the client had just voiced. A
# question about them that is not about the feeling ("which plan are you on?") goes on past
# it, but reading every question credited so cost more than it gained: on unannotated clinic,
# negotiation and counselling talk the extra findings were right 3 times in 13 (questions
# about what they need after a worry about supplies, about the baby after a worry for it).
_ANSWERS_A_FEELING = frozenset({"intimacy", "listening"})
# Findings that stand only where nothing else in the turn earns credit in these families: a
# turn that acknowledges them or asks about them by any other reading has not passed over what
# they felt, and that credit is left alone.
_YIELDS_TO_CREDIT = {PASSES_OVER_FEELING: _ANSWERS_A_FEELING}
# ...except a credit for asking about them when the reply opens with a question for a fact or
# a detail ("Where are the headaches located?", "Have you used anything for your pain?",
# `feelings.asks_for_facts`): that follows the speaker's list, not the feeling. Letting every
# such credit stand again gained 5 findings on clinic, CaSiNo and AnnoMI talk, 1 right
# (2026-12-06: "What happened that you had to go to the emergency room?", "What do you think is
# more important for her?" and "Likewise! What are you most in need of?" took the worry up);
# the question for facts alone gained 2 there (1 right, 1 a question about the trip they were
# excited about) and 3 coach-annotated moments in the fourth outside set, with none unmatched.
_GENERIC_QUESTIONS = frozenset({ABOUT_THEM, ASKS_AFTER_LIFE, "asks_open_discovery_question"})
# A figure of the client's own a projection could be worked out from: money, a share, a volume
# with what it counts ("we spend $4,000 a month", "about 40 reps", "12% churn"). A time, a date
# or "2 kids" is none.
_PROJECTS = "projects_their_results"
_A_FIGURE = re.compile(
    r"[$£€]\s?\d|\b\d[\d,.]*\s?(?:%|percent\b|k\b|dollars?\b|pounds?\b|euros?\b|bucks\b|"
    r"kwh\b|(?:a|per) (?:month|year|week|day|hour)\b|(?:employees|people|reps|staff|customers|"
    r"clients|users|orders|units|calls|workers|machines|hours|trucks|stores|sites|seats|"
    r"licen[cs]es|patients|members)\b)|"
    r"\b(?:hundred|thousand|million|billion) (?:dollars|pounds|euros|a (?:month|year))\b",
    re.IGNORECASE,
)
# Asking to discuss the next steps is vague only when the turn names no day for any.
_OPEN_NEXT_STEP = "leaves_the_next_step_open"
# The "feel, felt, found" script: an acknowledgement that leads into it handles them.
_SCRIPT = "feel_felt_found_script"
# Saying plainly what one needs, by rule or by the model: not when it is said to hold out
# against what the client just asked for (see `holds_out_against`).
_STATED_NEEDS = frozenset({"states_what_seller_needs", "says_plainly_what_they_need"})
_SYMPATHY_RULES = frozenset({"names_the_emotion", "shows_sympathy"})
_CONDITION = re.compile(
    r"\W*(?:(?:and|but|so|well|now),? )?\b(?:if|unless|whenever|whether|in case|suppose|"
    r"supposing|hypothetically|even if|should (?:i|we))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Settings:
    """Thresholds of the conversation-level detectors."""

    monologue_words: int = 180
    long_self_description_words: int = 120
    interruption_overlap_seconds: float = 0.5
    # Written exchanges (e-mail, drafts) have no monologues or talk share to speak of: a
    # long e-mail is not someone talking over a client.
    written: bool = False
    # The semantic layer (a static sentence encoder and trained heads). On by default; off
    # only for measuring what the rules alone find.
    semantic: bool = True


WRITTEN_FORMATS = frozenset({"email", "draft"})


@dataclass(frozen=True, slots=True)
class LiveUpdate:
    """What one new turn changed: its findings and commitments, and the scores now."""

    turn: int
    findings: tuple[Finding, ...]
    commitments: tuple[Commitment, ...]
    trust: TrustScores


class LiveAnalyzer:
    """Takes turns as they happen and keeps findings, metrics and trust scores current.

    >>> live = LiveAnalyzer(seller=["Dana"])
    >>> update = live.add("Marcus", "We keep losing drivers to the competition.")
    >>> update = live.add("Dana", "Our platform fixes that, it's industry-leading.")
    >>> [f.signal for f in update.findings]
    ['pounces_on_need']
    """

    def __init__(
        self,
        seller: Iterable[str] = (),
        *,
        catalogue: Catalogue | None = None,
        settings: Settings | None = None,
    ) -> None:
        self._engine: Engine = engine_for(catalogue or default_catalogue())
        self._settings = settings or Settings()
        self._sellers = {fold_name(n) for n in seller}
        self._roles: dict[str, Role] = {}  # by speaker label, as the seller names give them
        self._turns: list[Turn] = []
        self._findings: list[Finding] = []
        self._commitments: list[Commitment] = []
        self._timeline: list[float] = []
        self._scorer = TrustScorer()
        self._listening = ListeningTracker(
            None if self._settings.written else self._settings.monologue_words,
            self._settings.interruption_overlap_seconds,
        )
        self._declines = DeclinesDetector()
        self._directives = DirectiveCount()
        self._seller_findings = 0  # the evidence the directive term is weighed by
        self._detectors: tuple[Detector, ...] = (
            PouncingDetector(),
            PriceDetector(),
            SelfDescriptionDetector(self._settings.long_self_description_words),
            CutShortDetector(),
        )
        self._detectors += (
            AboutThemDetector(),
            self._declines,
            EchoDetector(),
            PlainAnswerDetector(),
            AssumedYesDetector(),
            EarlyAskDetector(self._settings.written),
            MoreAfterYesDetector(),
            AskedAgainDetector(),
            ConcernsDetector(),
            FeelingsDetector(),
            ProblemsDetector(),
            AssurancesDetector(),
            NextStepsDetector(),
            YesAgainDetector(),
            WarmthDetector(),
            SplitsDetector(),
            NeedsDetector(),
            LecturingDetector(self._engine),
        )
        # The rule detectors see nothing but each turn's context and their own memory: a
        # stretch of turns is taken by each in a row (`add_turns`).
        self._rules = self._detectors
        self._semantic = None
        if self._settings.semantic:
            from trustworks.analysis.semantic import SemanticDetector  # numpy and the weights

            self._semantic = SemanticDetector(written=self._settings.written)
            self._detectors += (self._semantic,)
        self._last_speaker: dict[Role, str] = {}
        self._heard: deque[str] = deque([""], maxlen=_HEARD_TURNS)  # the client's last turns
        self._toned = 0  # toned seller turns when the tone term was last worked out...
        self._tone = 0.0  # ...and the term, which is 0 with nothing toned

    def add(
        self, speaker: str, text: str, *, start: float | None = None, end: float | None = None
    ) -> LiveUpdate:
        """Add a turn by speaker name; the role follows from the seller names given."""
        return self.add_turn(Turn(speaker, text, start=start, end=end))

    def prepare(self, turns: Sequence[Turn]) -> None:
        """Do now the work the coming turns allow in advance; `add_turn` then takes them.

        The semantic layer judges all of them at once, which is several times cheaper than
        turn by turn; the results are the same either way. `analyze` does this for a whole
        conversation; turns added that were not prepared are simply judged as they come.
        """
        if self._semantic is not None:
            self._semantic.prepare(self._coming(turns))

    def _coming(self, turns: Sequence[Turn]) -> list[tuple[int, Role, str]]:
        """The coming turns as the semantic layer takes them: index, role and text."""
        first = len(self._turns)
        return [(first + k, self._role_of(t), as_read(t.text)[0]) for k, t in enumerate(turns)]

    def _with_role(self, turn: Turn) -> Turn:
        """The turn, with its role from the seller names when it has none of its own."""
        if turn.role is Role.OTHER and self._sellers:
            return turn.with_role(self._role_of(turn))
        return turn

    def _role_of(self, turn: Turn) -> Role:
        """The role `_with_role` gives the turn. Each speaker's is worked out once: a call
        has a few speakers and every turn of theirs is asked about twice (`prepare`, then
        `add_turns`)."""
        if turn.role is not Role.OTHER or not self._sellers:
            return turn.role
        role = self._roles.get(turn.speaker)
        if role is None:
            role = Role.SELLER if fold_name(turn.speaker) in self._sellers else Role.CLIENT
            if len(self._roles) < _SPEAKERS_KEPT:
                self._roles[turn.speaker] = role
        return role

    def add_turn(self, turn: Turn) -> LiveUpdate:
        """Add a turn; a turn whose role is OTHER gets its role from the seller names."""
        index = len(self._turns)
        new_findings, new_commitments = self._add(turn)
        return LiveUpdate(index, tuple(new_findings), tuple(new_commitments), self.trust)

    def add_turns(self, turns: Iterable[Turn]) -> None:
        """Add finished turns in order, as `add_turn` does, without an update for each.

        Each rule detector takes the whole stretch of turns before the next one starts:
        a detector sees only each turn's context and its own memory, so it reports what it
        would turn by turn, and its patterns and automata stay in the processor's cache from
        one turn to the next, where the other detectors between turns pushed them out.
        `add_stretches` takes the same steps for several analyzers at once; this loop is kept
        apart from it because one analyzer through it read 1.4-2.3 % slower (rules only,
        docs/performance.md, nineteenth session).
        """
        taken = [self._with_role(turn) for turn in turns]
        first = len(self._turns)
        contexts = [self._context(first + k, turn) for k, turn in enumerate(taken)]
        said: list[list[Emission]] = [[] for _ in taken]
        parting: list[bool] = []  # whether parting words may take a no well, before each turn
        for detector in self._rules:
            self._observe_stretch(detector, contexts, said, parting)
        for turn, (ctx, hits), found, part in zip(taken, contexts, said, parting, strict=True):
            self._add(turn, (ctx, hits, found, part))

    def _observe_stretch(
        self,
        detector: Detector,
        contexts: Sequence[tuple[TurnContext, list[Match]]],
        said: Sequence[list[Emission]],
        parting: list[bool],
    ) -> None:
        """One rule detector over a stretch of turns, each turn's emissions added to its list;
        before each turn the declines detector also records whether parting words may take a
        no well (`add_turns`, `add_stretches`)."""
        if detector is self._declines:
            for (ctx, _), found in zip(contexts, said, strict=True):
                parting.append(self._declines.may_part)
                found.extend(detector.observe(ctx))
            return
        for (ctx, _), found in zip(contexts, said, strict=True):
            emitted = detector.observe(ctx)
            if emitted:
                found.extend(emitted)

    def _add(
        self,
        turn: Turn,
        ahead: tuple[TurnContext, list[Match], list[Emission], bool] | None = None,
    ) -> tuple[list[Finding], list[Commitment]]:
        """Take one turn: its findings and commitments; the timeline gets trust after it.

        ``ahead``, from `add_turns`: the turn's context and hits, what the rule detectors
        said of it and whether parting words could take a no well before it.
        """
        turn = self._with_role(turn)
        index = len(self._turns)
        self._turns.append(turn)
        # Turn by turn, the declines detector's word on parting is read when a hit needs it.
        may_part: bool | None = None
        ruled: list[Emission] | None = None
        if ahead is None:
            ctx, signal_hits = self._context(index, turn)
        else:
            ctx, signal_hits, ruled, may_part = ahead
        said = ctx.turn.text  # as meant: the marks a typist left out put back
        if signal_hits and ctx.role is Role.SELLER:
            signal_hits = [
                h for h in signal_hits if self._stands(h, said, ctx, signal_hits, may_part)
            ]
        elif ctx.role is Role.CLIENT:
            self._heard.append(said)
        new_findings = (
            [
                self._finding(self._engine.signals[h.rule], ctx, h.start, h.end)
                for h in _one_per_sentence(signal_hits, said)
            ]
            if signal_hits
            else []
        )
        emissions = self._listening.observe(ctx)
        if ruled is None:
            for detector in self._detectors:
                emissions.extend(detector.observe(ctx))
        else:
            emissions.extend(ruled)
            if self._semantic is not None:
                emissions.extend(self._semantic.observe(ctx))
        new_commitments = self._promises(ctx) if ctx.cues else []
        if new_commitments and ctx.role is Role.SELLER:
            emissions.extend(_commitment_emissions(ctx, new_commitments))
        if emissions and ctx.role is Role.SELLER:
            emissions = [
                e for e in emissions if e.signal not in _STATED_NEEDS or self._states(said, e.start)
            ]
        if new_findings and any(f.confidence < SHOWN_FROM for f in new_findings):
            new_findings = [f for f in new_findings if f.confidence >= SHOWN_FROM]
        if emissions:  # most turns: no detector spoke, and every phrase finding stands
            # A dropped detector finding must not take the phrase finding it would replace.
            detected = [
                f for f in self._detector_findings(ctx, emissions) if f.confidence >= SHOWN_FROM
            ]
            new_findings = _prefer_detectors(new_findings, detected)
        for finding in new_findings:
            self._scorer.add_finding(finding)
        if ctx.role is Role.SELLER:
            self._seller_findings += len(new_findings)
        self._directives.observe(ctx, new_findings)
        if ctx.questions.open > ctx.questions.slots:
            self._scorer.add_open_questions(ctx.questions.open - ctx.questions.slots, index)
        self._findings.extend(new_findings)
        self._commitments.extend(new_commitments)
        if ctx.role is not Role.OTHER:
            self._last_speaker[ctx.role] = turn.speaker
        self._scorer.count_seller_turns(self._listening.seller_turns)
        self._timeline.append(self._scorer.trust(self._self_term(), self._tone_term()))
        return new_findings, new_commitments

    def _stands(
        self,
        hit: Match,
        text: str,
        ctx: TurnContext,
        hits: Sequence[Match],
        may_part: bool | None = None,
    ) -> bool:
        """Whether a phrase hit still says what it seems to, given the turns before it.

        An acknowledgement that only runs up to the seller's claim on what the client asked
        for ("I understand. I need the water too.") is a "but" without the word, and so is one
        that leads straight into the pitch ("I understand. Our system was built for that") or
        into the script of others who felt the same ("I understand. Many of our clients felt
        the same way");
        parting words ("no hard feelings") take a no well only when the client's no stands (or, in a
        draft, when nothing of theirs is shown); "Is that right?" after what the file says of
        them checks the file, not what they said; "How's your dad doing?" in a family history
        takes the history. ``may_part`` is `DeclinesDetector.may_part` before this turn, when
        the detector has already read further (`add_turns`).
        """
        if hit.rule in _SYMPATHY_RULES:
            # "That sounds frustrating. We might have something that can help with that" names
            # their feeling only to reach the pitch: one act, the pounce (`pouncing`).
            return not leads_into(text, hit.end, _pitched(ctx))
        if hit.rule == ACKNOWLEDGES:
            *earlier, last = self._heard
            # "I hear you. But think of the savings" leads into the price's defence as surely.
            pitches = _pitched(ctx)
            return not (
                # A bare "I understand." after a fact or a wish is a receipt, not an
                # acknowledgement (nothing heard yet, as in a draft: it stands).
                (last and bare_receipt(text, hit.start, hit.end, last))
                or runs_up_to_own_case(text, hit.end, last, earlier)
                or leads_into(text, hit.end, pitches)
                or leads_into(text, hit.end, [h for h in hits if h.rule == _SCRIPT])
            )
        if hit.rule == _PROJECTS:
            # A projection on figures they gave ("we spend $4,000 a month") is worked out
            # from theirs; before any, the numbers are the seller's. Projections are rare, so
            # the client's turns are read for a figure only when one is made.
            return not any(t.role is Role.CLIENT and _A_FIGURE.search(t.text) for t in self._turns)
        if hit.rule == PARTS_WELL:
            return self._declines.may_part if may_part is None else may_part
        if hit.rule == _OPEN_NEXT_STEP:
            # "Shall we go over next steps? I'll send the contract by Friday" names one.
            return not names_a_time(text)
        if hit.rule == CHECKS_UNDERSTANDING:
            return not checks_a_record(text, hit.start)
        if hit.rule == REFLECTS and _SO_YOU.match(text, hit.start):
            # "So, you are here for your follow-up" after "I'm twenty eight.", or at the
            # visit's start, reads the chart: nothing they said is given back.
            return any(len(said.split()) >= _SAID_ENOUGH_TO_REFLECT for said in self._heard)
        if hit.rule == ASKS_AFTER_LIFE:
            return not asks_within_a_history(text, hit.start)
        if hit.rule in _STATED_NEEDS:
            return self._states(text, hit.start)
        if hit.rule == GOOD_NEWS and self._heard:
            return not hears_ritual_or_praise(self._heard[-1], self._seller_before_last_client())
        asked = _ASKED_ABOUT.get(hit.rule)
        if asked is not None and len(self._turns) > 1:
            before = self._turns[-2]
            # "When does the sale end?" - "On Sunday." is an answer, not a clock put on them;
            # "How many people give?" - "About 60% of participants" is one, not a push.
            return before.role is not Role.CLIENT or asked.search(before.text) is None
        return True

    def _seller_before_last_client(self) -> str | None:
        """The seller's turn before the client's last one: what that turn answered."""
        seen_client = False
        for index in range(len(self._turns) - 2, -1, -1):
            turn = self._turns[index]
            if turn.role is Role.CLIENT:
                seen_client = True
            elif seen_client and turn.role is Role.SELLER:
                return turn.text
        return None

    def _states(self, text: str, start: int) -> bool:
        """Whether the need stated at ``start`` is one: not a condition ("if I need more
        water to drink, I'll ask"), not said to hold out against their request."""
        # A model's finding spans its sentence: the condition may open it.
        if _CONDITION.search(clause_before(text, start)) or _CONDITION.match(text, start):
            return False
        return not holds_out_against(text, self._heard[-1])

    @property
    def trust(self) -> TrustScores:
        """The scores after the turns so far."""
        return self._scorer.scores(self._self_term(), self._tone_term())

    def _tone_term(self) -> float:
        if self._semantic is None:
            return 0.0
        # The mean tone moves only when a seller turn is toned: worked out then, not per turn.
        toned = self._semantic.toned_turns
        if toned != self._toned:
            self._toned = toned
            self._tone = tone_term(self._semantic.mean_tone, self._semantic.toned_sentences)
        return self._tone

    def _self_term(self) -> float:
        """The metric terms on self-orientation: talk share and telling them what to do."""
        return self._talk_term() + self._directive_term()

    def _directive_term(self) -> float:
        told = self._directives.directives
        term = directive_term(told, self._directives.turns)
        # Like talk share, it counts in proportion to the evidence on the seller (each such turn
        # is some): a message with one "you should" and nothing else stays near neutral.
        return term * evidence_weight(self._seller_findings + told) if term else 0.0

    def _talk_term(self) -> float:
        # A report on the client (their findings, their own words summed up) is not the seller
        # holding the floor for themselves: the balance is weighed on the rest of the talk.
        reports = self._listening.report_words
        seller = self._listening.seller_words - reports
        total = self._listening.total_words - reports
        if self._settings.written or total < TALK_SHARE_MIN_WORDS:
            return 0.0  # what the term comes to then, without working it out every turn
        term = talk_share_term(seller / total, total)
        # Talk share alone must not decide a call: it counts in proportion to the evidence.
        return term * evidence_weight(len(self._findings))

    def result(self, conversation: Conversation | None = None) -> Analysis:
        """The full analysis of the turns so far."""
        if conversation is None:
            conversation = Conversation(tuple(self._turns), seller=tuple(sorted(self._sellers)))
        contributions = self._scorer.scaled_contributions()
        talk = self._talk_term()
        if talk:
            contributions.append(
                Contribution("self_orientation", talk, "metric", "talk_share", None)
            )
        directives = self._directive_term()
        if directives:
            contributions.append(
                Contribution("self_orientation", directives, "metric", "directives", None)
            )
        tone = self._tone_term()
        if tone:
            contributions.append(Contribution("intimacy", tone, "metric", "tone", None))
        mean_tone = None if self._semantic is None else self._semantic.mean_tone
        metrics = self._listening.metrics(
            None if mean_tone is None else round(mean_tone, 3), self._directives.directives
        )
        return Analysis(
            conversation=conversation,
            findings=tuple(self._findings),
            metrics=metrics,
            trust=self.trust,
            contributions=tuple(contributions),
            timeline=tuple(self._timeline),
            commitments=tuple(self._commitments),
        )

    def _context(self, index: int, turn: Turn) -> tuple[TurnContext, list[Match]]:
        """The turn as the detectors read it: as meant, with any marks left out put back, and
        past its fillers and false starts (``disfluency.as_read``)."""
        # Words are counted as said ("um" is a word of the talk share and the monologue).
        words = len(turn.text.split())
        text, typed = as_read(turn.text)
        if typed is not None:
            turn = turn.with_text(text)
        signal_hits, cues = self._engine.match(text, turn.role)
        questions = count_questions(text) if turn.role is Role.SELLER else NO_QUESTIONS
        return TurnContext(index, turn, turn.role, words, cues, questions, typed), signal_hits

    def _detector_findings(self, ctx: TurnContext, emissions: list[Emission]) -> list[Finding]:
        found = []
        for emission in emissions:
            signal = self._engine.signals.get(emission.signal)
            if signal is not None:  # a trimmed custom catalogue may leave a detector out
                found.append(
                    self._finding(
                        signal,
                        ctx,
                        emission.start,
                        emission.end,
                        emission.client,
                        emission.confidence,
                    )
                )
        return found

    def _finding(
        self,
        signal: Signal,
        ctx: TurnContext,
        start: int,
        end: int,
        client: str = "",
        confidence: float = 1.0,
    ) -> Finding:
        text = ctx.turn.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        rewrite = (
            render_rewrite(signal.rewrite, text, start, end, client, signal.rewrite_fallback)
            if signal.rewrite is not None and signal.polarity < 0
            else None
        )
        text, start, end = ctx.as_typed(start, end)  # the evidence quotes the words as typed
        return Finding(
            signal=signal.id,
            family=signal.family,
            component=signal.component,
            polarity=signal.polarity,
            weight=signal.weight,
            turn=ctx.index,
            speaker=ctx.turn.speaker,
            evidence=text[start:end],
            start=start,
            end=end,
            description=signal.description,
            coaching=signal.coaching,
            rewrite=rewrite,
            detector=signal.detector,
            learned=signal.detector == "semantic",
            source="model" if signal.detector == "semantic" else "rule",
            # A detector's own doubt (an explanation taken as an answer) and the signal's
            # audited precision: the finding is no surer than either.
            confidence=min(confidence, signal.confidence),
        )

    def _promises(self, ctx: TurnContext) -> list[Commitment]:
        if ctx.role is Role.OTHER:
            return []
        other = Role.CLIENT if ctx.role is Role.SELLER else Role.SELLER
        starts = ctx.cues.get("promise")
        if not starts:
            return []
        to = self._last_speaker.get(other)
        if to is None:  # `other.value` goes through the enum's property: read only when needed
            to = other.value
        found = []
        for p in find_promises(ctx.turn.text, [m.start for m in starts]):
            typed, start, end = ctx.as_typed(p.start, p.end)  # quoted as typed
            found.append(
                Commitment(ctx.turn.speaker, to, p.what, p.due, ctx.index, typed[start:end])
            )
        return found


def _pitched(ctx: TurnContext) -> list[Match]:
    """Where the turn pitches the product or defends its price."""
    return [*ctx.cues.get("pitch", ()), *ctx.cues.get("defends_price", ())]


def _commitment_emissions(ctx: TurnContext, commitments: list[Commitment]) -> list[Emission]:
    """A dated promise is the seller's strongest; failing one, a plain promise of something
    the client will see done ("I'll email you the pricing sheet") still counts."""
    text = ctx.turn.text
    dated = next((c for c in commitments if c.due), None)
    if dated is not None:
        return [Emission(DATED_COMMITMENT, *_evidence_span(ctx, dated))]
    for c in commitments:
        start, end = _evidence_span(ctx, c)
        if is_concrete(c.what, sentence_at(text, start)):
            return [Emission(CONCRETE_COMMITMENT, start, end)]
    return []


def _evidence_span(ctx: TurnContext, commitment: Commitment) -> tuple[int, int]:
    """Where a commitment's evidence (the words as typed) lies in the turn as read."""
    typed = ctx.typed
    if typed is None:
        at = ctx.turn.text.find(commitment.evidence)
        return at, at + len(commitment.evidence)
    at = typed.text.find(commitment.evidence)
    return typed.marked_span(at, at + len(commitment.evidence))


def _one_per_sentence(hits: list[Match], text: str) -> list[Match]:
    """A phrase counts once per sentence: "you're worried... you're worried" is one act."""
    seen: set[tuple[str, int]] = set()
    kept = []
    for hit in hits:
        key = (hit.rule, sentence_span(text, hit.start)[0])
        if key not in seen:
            seen.add(key)
            kept.append(hit)
    return kept


def _prefer_detectors(phrases: list[Finding], detected: list[Finding]) -> list[Finding]:
    """Keep one finding per act: the most specific reading of the words speaks for them.

    "Let me quickly run through the slides" after "I only have ten minutes" is one act of
    rushing: the detector, which saw the context, speaks for it, and a phrase or a model's
    judgement on the same words in the same direction would count it twice. A question about
    the client, or a restatement of their words, is credited only where no phrase already
    says what it is ("Does that make sense on your end?", "So what I'm hearing is..."), and
    the model only where no rule has spoken. A feeling passed over stands only where nothing
    else in the turn takes it up (`_YIELDS_TO_CREDIT`).
    """
    yielding = [d for d in detected if d.signal in _YIELDS_TO_CREDIT]
    if yielding:
        detected = [d for d in detected if d.signal not in _YIELDS_TO_CREDIT]
    fallback = [d for d in detected if d.signal in _FALLBACKS]
    rules = [d for d in detected if not d.learned and d.signal not in _FALLBACKS]
    learned = [d for d in detected if d.learned]
    kept = [p for p in phrases if not any(_same_act(p, d) for d in rules)]
    # An answer that itself spends credibility ("we estimate you'd break even in 7 years" on
    # no figure of theirs, "guaranteed, it pays for itself") is no plain answer.
    # So is one that vouches blind for the fit ("Definitely, it works smoothly with most CI/CD
    # tools", `assurances`).
    kept += [
        d
        for d in rules
        if not (
            d.signal == PLAIN_ANSWER
            and any(
                p.polarity < 0 and p.family == "credibility" and _overlaps(p, d)
                for p in (*kept, *rules)
            )
        )
    ]
    # A question or a restatement in a turn that spends trust by rule ("You need to stop. What
    # are you drinking?", "you get what you pay for. So what's your budget?") is part of that
    # act, not listening; only a courtesy ("thanks for your time") takes nothing over.
    spends = any(k.polarity < 0 and not _leaves_the_turn(k) for k in kept)
    kept += [
        f
        for f in fallback
        if not spends and not any(_overlaps(f, k) and not _leaves_the_turn(k) for k in kept)
    ]
    # A model never contradicts or repeats a rule on the same words: the rule is precise there.
    kept += [
        m
        for m in learned
        if not (spends and m.signal in _LISTENING_CREDITS)
        and not any(_overlaps(m, r) for r in kept)
    ]
    passed_over = [
        y
        for y in yielding
        if not any(
            k.polarity > 0
            and k.family in _YIELDS_TO_CREDIT[y.signal]
            and not (k.signal in _GENERIC_QUESTIONS and asks_for_facts(y.evidence))
            for k in kept
        )
    ]
    if passed_over:
        # The question for a detail is how the feeling was passed over ("Where are the
        # headaches located?" after "I'm really struggling"): it earns no credit for asking.
        kept = [k for k in kept if k.signal not in _GENERIC_QUESTIONS]
    return kept + passed_over


def _overlaps(a: Finding, b: Finding) -> bool:
    # Any overlap: an opposite verdict contradicts, a like one counts the act twice.
    return a.start < b.end and b.start < a.end


def _leaves_the_turn(finding: Finding) -> bool:
    """Whether a finding leaves a question's or a restatement's credit alone."""
    return finding.family in _LEAVES_THE_TURN or finding.signal in _LEAVES_THE_TURN_SIGNALS


def _same_act(a: Finding, b: Finding) -> bool:
    return a.polarity == b.polarity and a.start < b.end and b.start < a.end


def add_stretches(
    stretches: Sequence[tuple[LiveAnalyzer, Sequence[Turn]]],
) -> list[Exception | None]:
    """Each analyzer takes its stretch of turns, as its `add_turns` would, a step at a time
    across all of them: every stretch's turn contexts, then each rule detector over every
    stretch in turn, then each stretch's turns taken in order.

    The analyzers share nothing but caches, so each reports what it would alone; a step's
    patterns and code stay in the processor's cache from one call to the next (`analyze_many`).
    What a step raises for one analyzer is returned in its place (``None`` where all went
    well), and that analyzer takes no further step; the others carry on.
    """
    errors: list[Exception | None] = [None] * len(stretches)
    work = []
    for number, (live, turns) in enumerate(stretches):
        try:
            taken = [live._with_role(turn) for turn in turns]
            first = len(live._turns)
            contexts = [live._context(first + k, turn) for k, turn in enumerate(taken)]
        except Exception as error:
            errors[number] = error
            continue
        said: list[list[Emission]] = [[] for _ in taken]
        parting: list[bool] = []  # whether parting words may take a no well, before each turn
        work.append((number, live, taken, contexts, said, parting))
    steps = max((len(live._rules) for _, live, *_ in work), default=0)
    for step in range(steps):
        for number, live, _, contexts, said, parting in work:
            if errors[number] is not None or step >= len(live._rules):
                continue
            try:
                live._observe_stretch(live._rules[step], contexts, said, parting)
            except Exception as error:
                errors[number] = error
    for number, live, taken, contexts, said, parting in work:
        if errors[number] is not None:
            continue
        try:
            for turn, (ctx, hits), found, part in zip(taken, contexts, said, parting, strict=True):
                live._add(turn, (ctx, hits, found, part))
        except Exception as error:
            errors[number] = error
    return errors


def prepare_together(
    preparing: Sequence[tuple[LiveAnalyzer, Sequence[Turn]]],
) -> list[Exception | None]:
    """Each analyzer's `prepare` of its coming turns, their semantic layers' batches shared
    (`semantic.prepare_together`): what each would hold alone. What one raises is returned
    in its place (``None`` where all went well)."""
    errors: list[Exception | None] = [None] * len(preparing)
    jobs = []
    numbers = []
    for number, (live, turns) in enumerate(preparing):
        if live._semantic is None:
            continue
        try:
            jobs.append((live._semantic, live._coming(turns)))
        except Exception as error:
            errors[number] = error
            continue
        numbers.append(number)
    if jobs:
        from trustworks.analysis.semantic import prepare_together as judge_together

        for number, outcome in zip(numbers, judge_together(jobs), strict=True):
            errors[number] = outcome
    return errors
