"""Questions about the other person's world: listening, whatever words they use.

A coach credits a seller for asking about the client ("Are you involved with charities?",
"How much do you spend on coffee a day?") in any wording. A question about them is one
addressed to "you" that is not asking for the sale or for permission to pitch; a closed one
counts only when it asks about the person (what they think, feel, want, plan or have tried,
the people and life around them), not routine intake ("Do you take any medication?"):
``records`` tells the form's questions apart.
"""

from __future__ import annotations

import re

from trustworks.analysis.context import Emission, TurnContext
from trustworks.analysis.proposals import (
    ASKS_VERDICT,
    CHECKS_PROPOSAL,
    PUTS_TERMS,
    asks_verdict_on_terms,
    checks_view_of_terms,
    names_terms,
)
from trustworks.analysis.questions import AGREEMENT_TAGS, TOLD, count_questions
from trustworks.analysis.records import (
    FIGURE_OF_SPEECH_GATED,
    BookingTalk,
    asks_for_a_slot,
    asks_for_the_form,
    asks_within_a_history,
    names_a_symptom,
    names_their_symptom,
    of_their_body,
    searched,
    tells_own_symptoms,
)
from trustworks.analysis.their_life import COMMERCE, LEISURE
from trustworks.conversation import Role
from trustworks.sentences import SENTENCE, content_words, sentence_span
from trustworks.signals.matcher import CaseFree, Gated, fast_form, fold

SIGNAL = "asks_about_their_world"
ASKS_AFTER_LIFE = "asks_after_personal_life"
CHECKS_THEIR_VIEW = "checks_view_on_their_end"
PROPOSES_UNASKED = "proposes_before_asking"
# The client asked for the next step themselves ("How about we set up a pilot?", "what are
# the next steps?"), or named it: proposing it then answers them.
_THEY_ASKED_FOR_IT = searched(
    r"\b(demo|demonstration|pilot|trial|meeting|call|visit|consultation|quote|proposal|"
    r"estimate|valuation|next steps?|get started|move forward|go ahead|sign up|proceed|"
    r"how do we start|what'?s involved|let'?s do (it|that|this))\b"
)
_PUT_OFF = re.compile(r"\b(?:before|until|rather than|instead of)\b", re.IGNORECASE)
_ABOUT_THEM = searched(
    r"\b(you|your|yours|yourself|you'?re|you'?ve|you'?d)\b|"
    # Who else is in it with them: "who else would be involved in making the call?", "who
    # signs off on this?"; their organisation, asked without a "you".
    r"\bwho(?: else)?(?:'s| is| would be| will be| gets| needs to be| has to be) involved\b|"
    r"\bwho (?:else )?(?:makes|signs off|approves|decides|owns|has the final say)\b"
)
# An open question about the people and the work on their side, named without a "your": "how
# is the team handling the merger?", "what does the board think?", "how's the rollout going?".
# Not with the seller's side in it ("how did the engineers we sent do?"), nor a push to close
# ("what's stopping the team from signing today?", "when will the company send the deposit?").
_THEIR_SIDE = searched(
    r"\bthe (?:team|teams|business|company|department|project|rollout|roll-out|launch|"
    r"migration|transition|merger|board|staff|process|workflow|pipeline|renewal|reps|engineers|"
    r"managers|users|customers|kids|children|family)\b"
)
_CLOSES = searched(
    r"\b(?:sign(?:ed|ing|s)?|deposit|contract|purchase order|payment|pay|paid|invoice|close|"
    r"closing|commit|buy|order|deal|approve|approval)\b"
)
# Asking for the sale, for time or for leave to pitch is about the seller's agenda; offering
# help or proposing a deal ("can I help you?", "does this offer work for you?") is an offer.
_SELLER_ASK = searched(
    # "In order to" orders nothing: "what do you need to do in order to reach that goal?".
    r"\b(sign|buy|purchase|(?<!in )order|commit|go ahead|move forward|close|upgrade|donate|"
    r"(can|may) (i|we) help|what (else )?(can|may) (i|we) do for you|how (can|may) (i|we) help|"
    # "Would you like to book?" asks for the step; "where would you like to start?" asks
    # them which way to go.
    r"(?<!what )(?<!where )(?<!how )(?<!which )(?<!why )would you like to|"
    # "How about you?" said last turns the question back to them ("Firewood. How about you?").
    r"do you want (me )?to|how about(?! (?:you|yourself|yours|u|your (?:side|end|group|family|"
    r"team))\W*$)|what if (i|we|you|u)|shall we|in exchange|offer|deal|"
    r"propos\w*|"
    r"(sound|sounds|is that|that) (ok|okay|good|fair|alright)|work for you|"
    r"hear me|see my screen|is (this|now) (a good|an ok|an okay) time|"
    # "Would you like to hear about our plans?" offers; "I'd like to hear your thoughts" asks.
    r"ready to|(?<!\bi'd )(?<!\bi would )like (to|me to) (see|hear|book|schedule|try)|"
    r"interested in (buying|our|a|the)|"
    # Offering to do something for them, or to tell them about the product, is an offer:
    # "would you like me to set it up?", "would you be interested in hearing how we've...".
    r"(would|do) you (like|want) (for )?me to|interested in (setting up|having (me|us|a|an|our)|"
    r"hearing|learning (more )?about|seeing|trying|scheduling|booking|signing|a free|"
    r"finding out how)|"
    r"would you like (a|an|the|some|our|one|another)|(heard|know|knew) (of|about) (us|our|my)|"
    r"view (the|my) screen|"
    r"can i (send|show|tell|get)|(hear|see) (about|more about) (our|my|what we)|"
    r"mind if (i|we)|(have|got) (a|five|ten|two|a few) (minute|second)s?(?! \w)|give me|"
    r"let me (show|tell|send|walk|take|get|explain|share)|"
    # Putting a figure or terms to them ("would you consider 110?") is an offer too.
    r"(?<!what )(?<!how )(?<!why )(?<!which )(?<!when )(?<!where )"
    r"(would|could|will) you (consider|accept|agree to|be (open|willing) to|go for)"
    r"(?! your)(?! (tell|shar|talk|walk|say|explain)\w*)|"
    # The seller's own preference put as a question ("I'd prefer 3 of mine, and maybe you
    # could get 3 of yours?") is a proposal, and so is a share ("would you prefer that I take
    # the water?", "can we compromise with two each?").
    r"(i|we)( would|'d) prefer|(that|if) (i|we) (take|get|keep|have)|compromise|"
    r"middle ground|meet (you )?(in the middle|halfway)|split (it|the|them|everything)|"
    # What would get a yes, and how much they would give, ask for the sale too: "what would
    # make you say yes?", "how much could you spare?". "What would it take for you to be a
    # 10?" asks what moves them, and is theirs.
    r"say yes|change your mind|get you on board|"
    # How the seller's product stands against others they use or used: "how does our solution
    # compare to previous platforms?", "are you using any other analytics tools?". The
    # seller's standing is the topic, not their world.
    r"how (?:does|do|would|did) (?:it|this|that|they|we|ours?|(?:our|the|this) [\w-]+(?: "
    r"[\w-]+)?) (?:compare|stack up|measure up)|compared to [^?]{0,50}? how (?:does|do) "
    r"(?:it|this|we)|"
    r"(?:are|were|have) you (?:been )?(?:using|considered|considering|tried|looked at|"
    r"evaluated) any other [\w-]+(?: [\w-]+)? (?:tools?|platforms?|solutions?|software|"
    r"systems?|vendors?|providers?|products?)|"
    r"how much (could|can|would|will|might) you (\w+ )?(be able to )?"
    r"(spare|give|contribute|donate|chip in|pitch in|put in|part with))\b"
)
# Terms put to them in a question, whatever words lead in: their view of a proposal asked, or
# a share offered.
_PUTS_A_SHARE = re.compile(
    r"(?:^\W*(?:[\w']+,?\s+){0,4}?|[,;]\s*(?:(?:so|and|then|but|ok|okay)\s+)?)"
    r"(?:(?P<view>how (?:does|do|would|will)\b(?=[^?]*\b(?:sound|work|"
    r"suit|seem)\w*\b)|how (?:would|do) you feel about|what about|(?:are|would) you (?:be )?(?:ok|"
    r"okay|fine|happy|good|alright|all right) with|would you (?:go for|settle for|accept|agree "
    r"to))|would you (?:like|want|take)|do you want|can you do)\b",
    re.IGNORECASE,
)
# A counted share: "2 of them", "one food" ("the one you mentioned" counts nothing).
_A_SHARE = re.compile(
    r"\b(?:\d+|two|three|four|five|six|"
    r"(?<!the )(?<!that )(?<!this )(?<!which )(?<!any )(?<!every )(?<!no )one)\b",
    re.IGNORECASE,
)
# Money, or giving it: a sum asked of them, not a share of what is on the table.
_MONEY_ASKED = re.compile(
    r"[$£€]|\b(?:cents?|pennies|penny|dollars?|bucks|pounds|euros|donat\w*|contribut\w*|"
    r"pledg\w*|pay(?:ing)?|chip(?:ping)? in)\b",
    re.IGNORECASE,
)
# A figure put to them is an offer, unless they are being asked about their own spending
# ("What do you pay now, around $500 a month?").
_FIGURE = searched(r"[$£€]\s?\d|\b\d+ (dollars|bucks|pounds|euros)\b")
_ASKS_THEIR_FIGURE = searched(r"\b(what|how much|how many)\b")
# "May I ask the reason for the return?" asks about them without saying "you".
_ASKS_LEAVE = searched(r"\b(may|can|could|might) i ask\b|\blet me ask\b")
# "How are you?" as a whole sentence is a greeting, answered with "fine": a ritual, not curiosity.
_GREETING = CaseFree(
    re.compile(
        r"^\W*(?:(?:hi|hello|hey|good (?:morning|afternoon|evening)|good|fine|great|(?:i'?m|i am) "
        r"(?:doing )?(?:good|fine|great|well|ok(?:ay)?|alright))\b[^?]{0,30}?[,.!]?\s*|"
        # A name or a title first: "fisher, how are you?", "Mr. Jones, how are you doing?";
        # "honestly, how are you?" after their news is a real question.
        r"(?!(?:honestly|really|seriously|truly|but)\b)[a-z][\w.']*(?: [a-z][\w.']*){0,2} ?,\s*)?"
        r"(?:and |so |well,? )?(?:how(?: are|'re| r) (?:you|u|ya)(?: doing| keeping)?|"
        r"how'?s it going|how (?:are|r) things|"
        r"how(?:'s| is) your (?:day|morning|afternoon|evening|week)(?: going)?)"
        r"(?: today| this (?:morning|afternoon|evening|week))?\W*$",
        re.IGNORECASE,
    )
)
# The question turned back on them, said last ("Firewood, how about you?"). Returned in a few
# words to their "How are you?" ("Great, how about you?") it is the greeting's ritual, as "How
# are you?" is; after the seller has said what they need or plan, it asks theirs.
_TURNED_BACK = re.compile(
    r"\bhow about (?:you|yourself|u)\W*$|^\W*and (?:you|yourself|u)\W*$", re.IGNORECASE
)
_ASKED_HOW_THEY_ARE = re.compile(
    r"\bhow(?:'s| is| are| r| have)? (?:you|u|ya|it going|things|your (?:day|morning|afternoon|"
    r"evening|week|weekend|trip))\b(?! (?:on|for|with|doing (?:on|for|with))\b)",
    re.IGNORECASE,
)
_RITUAL_ANSWER_WORDS = 8
# An invitation to tell, however it opens: "tell me...", "describe...", "I'm wondering...".
_INVITES_UNMARKED = re.compile(
    r"\s+(?:(?:so|and|okay|ok|well|um|uh|now|then),?\s+)*(?:tell (?:me|us)|describe|walk (?:me|us) "
    r"through|talk (?:me|us) through|help (?:me|us) understand|i (?:just )?wonder|i'?m (?:just )?"
    rf"wondering|i was (?:just )?wondering|{TOLD})\b",
    re.IGNORECASE,
)
# A statement with a tag ("..., okay?") checks for agreement with what the seller just said.
# "Did you know that...?", "are you aware that...?" tell them a fact in a question's clothes
# ("did you know we were rated the top vendor?"); asking what they know of something ("did
# you know about the programme?") is still asking.
_RHETORICAL = searched(
    r"\b((?<!do )(?<!did )you know|know what i mean|right\?$|isn'?t it\??$)|"
    r"(?<!how )(?<!what )(?<!else )(?<!why )(?<!where )(?<!when )(?<!who )"
    r"\b(?:did|do) you (?:even )?(?:know|reali[sz]e)\b(?! (?:(?:much|anything|a lot|more) )?"
    r"(?:about|of|if|whether|what|how|who|where|when|why|which|anyone|someone|anybody)\b)|"
    r"\b(?:are|were) you aware (?:that|how)\b|"
    rf",\s*(?:{AGREEMENT_TAGS})\s*\?$"
)

# A question that puts the seller's course of action to them is advice in a question's
# clothes, not curiosity: "why don't you try that?", "have you thought about quitting?",
# "do you think you could cut down?", "can't you find a better use for it?", "are you sure?"
# (after a no, a push; before one, a doubt of their judgement; "are you sure that's enough
# for you?" is care, and still credited). Inviting them
# to talk ("why don't you tell me about it?") and asking their reasons ("why don't you like
# it?") are still questions about them.
# Two patterns, one tried only at the head of the question (``match``) and one searched with
# the letters it can start with said first (fast_form): one pattern with both, searched, tried
# its head branches at every character (11 -> about 4 us a question).
_STEERS_AT_HEAD = re.compile(
    # After at most one word ("so", a name): "can't you...?", "are you sure?". "Won't you
    # feel hungry?" asks how they will fare, not for a change of mind.
    r"\W*(?:\w+,? )?(?:(?:can'?t|couldn'?t) you\b|won'?t you\b"
    r"(?! (?:feel|get|be|need|miss|run)\b)|are you (?:really )?(?:sure|certain)(?: about "
    r"(?:that|this|it))?(?: you (?:don'?t|won'?t|can'?t|wouldn'?t)\b|\W*$)|"
    r"(?:shouldn'?t|don'?t) you (?:just )?(?:try|stop|start|quit|cut|get|go|"
    r"give|think about)\b(?! by\b))",
    re.IGNORECASE,
)
_STEERS = re.compile(
    fast_form(
        r"\bwhy (?:don'?t|wouldn'?t) (?:you|we)\b(?! (?:want|like|think|feel|agree|believe|know|"
        r"care|trust|tell|walk|share|describe|talk|explain|start by|need|fill|catch|update)\b)|"
        r"\bwhy not (?:just )?(?:try|give|start|make|take|go|do|get|consider|cut|stop|switch)\b|"
        # Advice tucked inside the question: "are your friends the problem, like maybe you
        # should just start hanging out with other kids?".
        r"\b(?:maybe|perhaps) you (?:should|ought to|need to|have to|could just|'?d better)\b|"
        r"\b(?:have|had) you (?:thought about|thought of|considered) (?!\w+ing (?:what|how|"
        r"why|whether|about)\b)\w+ing\b|"
        # "Where do you think you could start?" asks for their plan; "do you think you could
        # quit?" puts the seller's.
        r"(?<!what )(?<!where )(?<!how )(?<!when )(?<!which )"
        r"\bdo you think you(?: could| can| can'?t| might| would be able to| will be able to|"
        r"'?d be able to) (?:do|try|manage|stick|cut|stop|quit|give|start|make|commit|change|"
        r"switch)\b|"
        # Putting them into a picture of the seller's making: "how would you feel if it was
        # your child?", "how would you feel if we could halve your costs?". A change of plan
        # put to them ("how would you feel if we moved the call to Friday?") asks their view.
        # The change is told by when it moves to, not by what moves; what is moved onto the
        # seller's offer, or their own target met, is a pitch.
        r"\bhow would you feel if\b(?! we (?:moved|changed|pushed|shifted|rescheduled|"
        r"postponed|delayed|swapped|brought|split)\b(?![^.!?]{0,40}\b(?:onto|to) our\b)"
        r"[^.!?]{0,40}?\b(?:to|until|till|by|back|forward|on|from|into)\b(?: (?:the|a|next|"
        r"this|early|late|mid))?(?: [\w-]+)?? (?:mondays?|tuesdays?|wednesdays?|thursdays?|"
        r"fridays?|saturdays?|sundays?|weekends?|weeks?|months?|days?|quarters?|tomorrow|"
        r"mornings?|afternoons?|evenings?|january|february|march|april|may|june|july|august|"
        r"september|october|november|december|q[1-4]|\d{1,2}(?::\d\d)?(?:st|nd|rd|th|am|pm)?)\b)|"
        r"\bimagine (?:if|how)\b|\bwhat if (?:it|that|this) (?:was|were) (?:you|your)\b|"
        # A no made a failing: "how can you say no to helping a starving child?".
        r"\bhow (?:can|could) (?:you|u|anyone) (?:really |honestly |just |possibly )?(?:say no|"
        r"refuse|turn (?:down|away|your back)|ignore|walk away|not (?:help|give|care))\b|"
        # A value nobody would deny, put to them to agree with: "do you care about kids?".
        r"(?<!what )(?<!how )(?<!why )(?<!which )(?<!who )(?<!where )(?<!when )"
        r"\b(?:do|don'?t) you (?:even |really |not )?care (?:about|for)\b"
    ),
    re.IGNORECASE,
)


class AboutThemDetector:
    """Credits the seller's questions about the client, once per turn (the best is enough)."""

    def __init__(self) -> None:
        self._asked = False  # whether the seller has asked about them yet
        self._proposed = False  # only the seller's first proposal of a next step is judged
        self._their_turn = ""  # the client's last turn...
        self._theirs: set[str] | None = None  # ...and its content words, read when needed
        self._said: list[str] = []  # every turn so far...
        self._booking = BookingTalk(self._said)  # ...searched for a booking when needed
        self._theirs_said: list[str] = []  # the client's turns so far...
        self._is_clinical = False  # ...whether one told of their own symptoms...
        self._clinical_read = 0  # ...and how many of them were read for it
        self._labels_read: set[str] = set()  # speaker labels read for a clinical role

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Emit one finding when the seller's turn asks about the client's world, and one
        when the seller first proposes a demo, a meeting or a visit without having asked."""
        found = self._questions(ctx)
        if ctx.role is not Role.SELLER:
            return found
        proposal = ctx.cue("proposes_a_next_step") if not self._proposed else None
        if proposal is not None:
            self._proposed = True
            start, end = sentence_span(ctx.turn.text, proposal.start)
            # A question before it in the same turn asked first; "why don't we set up a
            # meeting?" is the proposal, not a question about them.
            asked = self._asked or "?" in ctx.turn.text[:start]
            # "Before we book the demo, could we spend twenty minutes on whether it fits?"
            # puts the step off to qualify first: the opposite of proposing it unasked.
            asked = asked or _PUT_OFF.search(ctx.turn.text, start, proposal.start) is not None
            if not asked and self._their_turn and not _THEY_ASKED_FOR_IT.search(self._their_turn):
                found = [*found, Emission(PROPOSES_UNASKED, start, end)]
        # Any open question counts as asking ("What's behind the misses?" names no "you").
        if ctx.questions.open or any(e.signal == SIGNAL for e in found):
            self._asked = True
        return found

    def _questions(self, ctx: TurnContext) -> list[Emission]:
        """The seller's question about the client's world, or about their view of the terms."""
        self._said.append(ctx.turn.text)
        speaker = ctx.turn.speaker
        if speaker not in self._labels_read:
            self._labels_read.add(speaker)
            # The clinician asks, the patient answers: a doctor buying software is the client.
            labels = _CLINICIAN if ctx.role is Role.SELLER else _PATIENT
            if labels.match(speaker):
                self._is_clinical = True
        if ctx.role is Role.CLIENT:
            self._their_turn, self._theirs = ctx.turn.text, None
            self._theirs_said.append(ctx.turn.text)
            return []
        if ctx.role is not Role.SELLER or not ctx.questions.total:
            return []
        text = fold(ctx.turn.text)
        # The turn's questions were counted in the turn as folding leaves it, when it does: a
        # sentence that asks on its own is counted in its turn too, so none before the turn's
        # first question asks, nor any after it when the turn asks one; a turn of one sentence
        # has its count. In the bench's calls, 3 in 5 sentences of the seller's asking turns
        # are not counted again.
        as_counted = text is ctx.turn.text
        first_at = ctx.questions.first_at or 0
        for sentence in SENTENCE.finditer(text):
            if as_counted:
                if sentence.end() <= first_at:
                    continue
                if ctx.questions.total == 1 and sentence.start() > first_at:
                    break
            body = sentence.group()
            if as_counted and sentence.end() - sentence.start() == len(text):
                counted = ctx.questions  # a turn of one sentence
            else:
                counted = count_questions(body)  # once a sentence: it is asked for three times
                if not counted.total and _INVITES_UNMARKED.match(body):
                    # "Okay. Tell me a little bit about your family.": the invitation after a
                    # first sentence, unmarked, asks as surely as the turn's first one does.
                    # (A question word after a first sentence, unmarked, is as often a
                    # statement: "Which would leave you 1 food.", "When teens drink...")
                    counted = count_questions(body.lstrip())
            if not counted.total:
                continue
            if checks_view_of_terms(body, text[: sentence.start()]):
                start, end = sentence.span()
                return [Emission(CHECKS_THEIR_VIEW, start, end)]
            # Most questions count nothing: the share is looked for first. Money asked of them
            # ("what about 50 cents?", "would you be okay with giving $2?") is the ask itself,
            # read below as any figure put to them is.
            offer = (
                _PUTS_A_SHARE.search(body)
                if _A_SHARE.search(body) and not _MONEY_ASKED.search(body)
                else None
            )
            if offer is not None and _A_SHARE.search(body, offer.end()):
                # Counted terms put to them: their view of the seller's proposal asked ("how
                # does 2 food and 1 water sound?"), or an offer ("would you like 2 of them?"):
                # the deal, not their world.
                if offer.group("view"):
                    start, end = sentence.span()
                    return [Emission(CHECKS_THEIR_VIEW, start, end)]
                continue
            asks_leave = _ASKS_LEAVE.search(body)
            if not (
                _ABOUT_THEM.search(body)
                or asks_leave
                or (
                    counted.open
                    and _THEIR_SIDE.search(body)
                    and not _ME.search(body, _opener_end(body))
                    and not _CLOSES.search(body)
                )
                or self._follows_up(body, text[: sentence.start()], counted.open)
            ):
                continue
            if (
                _SCALE.search(body)
                and not _NAMES_THE_SALE.search(body)
                and not asks_for_a_slot(body)
            ):
                # "Where are you on a scale of 1 to 10?" asks where they stand, whatever words
                # of readiness or of theirs it quotes for the ends of the scale.
                start, end = sentence.span()
                return [Emission(SIGNAL, start, end)]
            if asks_for_the_sale(body) or _ASKS_A_FAVOUR.search(body):
                continue
            if _DOUBTS_THEIR_NEED.search(body) and not _OPEN_START.match(body):
                continue  # "are you sure you need 2 food?" argues the need down, asks nothing
            figure = _FIGURE.search(body)
            if figure is not None and not _ASKS_THEIR_FIGURE.search(body, 0, figure.start()):
                continue
            stripped = body.strip()
            if _RHETORICAL_GATED.search(stripped):
                continue
            if _GREETING.match(stripped) and not _AFTER_A_GAP.search(text[: sentence.start()]):
                # After the time since they last met ("it's been a year since I saw you. How
                # are you doing?") it is a real question, not the ritual.
                continue
            if (
                _TURNED_BACK.search(stripped)
                and _ASKED_HOW_THEY_ARE.search(self._their_turn)
                and len(text[: sentence.start()].split()) <= _RITUAL_ANSWER_WORDS
            ):
                continue  # "How are you?" - "Great, how about you?": the ritual returned
            if _STEERS_AT_HEAD.match(body) or _STEERS_GATED.search(body):
                continue
            # "What do you think?" after the seller's own terms asks for a verdict on them:
            # not curiosity about their world, but their view of the seller's proposal, which
            # is checking how it looks on their end (honest self-interest).
            if ASKS_VERDICT.match(body) and asks_verdict_on_terms(body, text[: sentence.start()]):
                start, end = sentence.span()
                return [Emission(CHECKS_THEIR_VIEW, start, end)]
            if not asks_leave and _about_me(body):
                continue
            # The form's questions are asked of anyone: no curiosity about this person.
            if asks_for_the_form(
                body,
                open_question=bool(counted.open),
                before=text[: sentence.start()],
                their_turn=self._their_turn,
                said=self._booking,
            ):
                # A history taken makes the talk a clinical encounter, the patient's own
                # words or not ("how many days has it been since your headaches started?").
                self._note_a_history(body)
                continue
            open_or_leave = asks_leave or counted.open
            if (
                not open_or_leave
                and not _ABOUT_THE_PERSON_GATED.search(body)
                # A business's pain asked after is their world: "have you had any headaches
                # with the migration?", "any pain with the current invoicing process?".
                and not FIGURE_OF_SPEECH_GATED.search(body)
            ):
                continue
            if _FACT_SLOT.match(body):
                self._note_a_history(body)
                if self._clinical() and (not _PERSPECTIVE.search(body) or _SCREEN.search(body)):
                    continue
            start, end = sentence.span()
            if (
                _OFF_WORK.search(body)
                and not _NEEDS_OR_WORK.search(body)
                and not asks_within_a_history(text, start)
            ):
                # Their weekend, their trip, their dog: curiosity about the person's life
                # outside the business is rapport (intimacy), as a coach files it; in a family
                # history being taken it is the history's question.
                return [Emission(ASKS_AFTER_LIFE, start, end)]
            return [Emission(SIGNAL, start, end)]
        return []

    def _clinical(self) -> bool:
        """Whether the client has told of their own symptoms: a clinical encounter (the
        client's turns so far are read lazily, only when a question for facts needs it)."""
        if not self._is_clinical:
            self._is_clinical = any(
                tells_own_symptoms(text) for text in self._theirs_said[self._clinical_read :]
            )
            self._clinical_read = len(self._theirs_said)
        return self._is_clinical

    def _note_a_history(self, question: str) -> None:
        """Make the talk a clinical encounter when a question the form asks, or one for a
        fact, names a symptom of theirs, as if they had told of it (their view of it asked or
        not: "how long has the pain affected your work?"). The seller's words alone make no
        clinic unless they ask it of the client's own body ("since your headaches started?")
        or the client's words name a symptom too: "how bad is the bleeding each month?" may
        be a business's."""
        if self._is_clinical or not names_their_symptom(question):
            return
        if of_their_body(question) or any(map(names_a_symptom, self._theirs_said)):
            self._is_clinical = True

    def _follows_up(self, question: str, before: str, open_questions: int) -> bool:
        """An open question on the client's own last words, "you" or not: "what about it
        seems overwhelming?" after "it's all a bit overwhelming". Follow-up questions are the
        ones that most make people feel heard (Huang et al. 2017). Terms put back to them
        ("how does 1 firewood and 3 food sound?", "what would be fair for the water?") share
        their words too, but are the seller's offer, not curiosity about them."""
        if not self._their_turn or not open_questions:
            return False
        if self._theirs is None:
            self._theirs = content_words(self._their_turn)
        # "How old are they?" after "I have two kids": a short question that points back at
        # what they just said follows it up as surely as one that repeats their words. After
        # the seller's own terms ("I'll take 2 foods. How's that?") it points at those.
        follows = bool(content_words(question) & self._theirs) or (
            len(self._theirs) >= _MIN_WORDS_TO_POINT_AT
            and _POINTS_BACK.match(question) is not None
            and not names_terms(before)
            and CHECKS_PROPOSAL.match(question) is None
        )
        # Terms are looked for last, in the few questions that would follow up (3.8 us saved
        # in the others; the answer is the same in either order).
        return follows and PUTS_TERMS.search(question) is None


# A transcript whose seller is labelled as a clinician ("Doctor", "Dr. Patel", "Nurse") or whose
# client as a patient is a clinical encounter before anyone names a symptom.
_CLINICIAN = re.compile(
    r"\W*(?:(?:the|attending|consulting|treating|guest)[ _]?)?(?:doctor|dr\b|physician|"
    r"clinician|nurse|surgeon|gp\b|pediatrician|paediatrician|dermatologist|cardiologist|"
    r"radiologist|orthopa?edist|pa\b|np\b|md\b)",
    re.IGNORECASE,
)
_PATIENT = re.compile(r"\W*(?:the[ _])?patient\b", re.IGNORECASE)

# A question for a fact of the history: when, how long, how much, which, where, what they did,
# whether they have or had something ("what did you do?", "how much damage to your car?", "do
# you have any children?"). What they do when it happens, or to cope, is theirs.
_FACT_SLOT = re.compile(
    r"\W*(?:(?:so|and|okay|ok|alright|all right|um|uh|well|now|then|oh|right|yeah|sir|"
    r"ma'?am)\W+)*"
    r"(?:when\b|what time\b|how (?:long|many|much|old|young|far|often|soon|big)\b|where\b|"
    r"which\b|what (?:kind|type|sort|part|side|color|colour) of\b|"
    r"what (?:did|do|have) you (?:do|study|studied|eat|take|use)\b"
    r"(?! (?:when|if|about|to (?:cope|deal|handle|relax)))|what were you doing\b|"
    r"(?:do|did|have|has|are|is|were|was) you (?:\w+ )?(?:have|had|take|taking|got|get|ever|"
    r"notice|noticed|remember|use|used|smoke|drink|eat|feel any|experienc\w+ any)\b|"
    # What they took for it, and how the body's functions are: "have you tried to take
    # anything for it?", "how is your urine?", "how are your bowel movements?".
    r"(?:have|did) you (?:ever )?tried (?:to take |taking |to use |using )?(?:anything|something|"
    r"any \w+|\w+) for (?:it|this|that|them|the|your)\b|"
    r"how (?:is|are|was|were|(?:has|have) been) (?:your|his|her|the) (?:\w+ )?(?:urine|"
    r"urinat\w*|feces|faeces|stools?|bowel\w*|bladder|appetite|periods?|menstrua\w*)\b|"
    # Whom they saw for it before, and what they never had: "have you seen someone about your
    # thumb before?", "you never had any severe reactions before?".
    r"(?:have|did) you (?:ever |already )?(?:seen|see|consulted|visited|been to|gone to) "
    r"(?:someone|anyone|anybody|a (?:doctor|specialist|physician|surgeon|dermatologist)|"
    r"(?:your|a) (?:doctor|gp|family doctor|primary care))\b|"
    r"you (?:never|ever) (?:had|have|got|felt|noticed|experienced)\b|"
    # "Have you been screened for cancer before?", "have you ever been stung by a wasp?"
    r"(?:have|had|were) you (?:ever )?been (?!(?:able|going|doing|feeling|thinking|trying|"
    r"told|asked|offered|given)\b)\w+(?:ed|en|ung|unk)\b)",
    re.IGNORECASE,
)
# A screen for what happened before, asked of every patient: "have you ever felt a shortness
# of breath before?", "have you ever felt anxious after you've been stung?". Their feelings
# asked this way are a symptom checked, not their view.
_SCREEN = re.compile(
    r"\b(?:have|did) you ever (?:felt|had|noticed|experienced)\b|\bbefore\W*$", re.IGNORECASE
)
# ...unless it asks for their view, their feelings, what they want or how it touches their
# life: "when did it start to affect your time with them?", "where would you wanna go with it?"
_PERSPECTIVE = Gated(
    searched(
        r"\b(?:feel|feeling|felt|think|thoughts?|worr\w*|concern\w*|hope|want|wish|like about|"
        r"important|priorit\w*|decide|made you|mean to you|(?<!been )going on|"
        r"how (?:are|have) you (?:been|doing)|"
        r"prefer\w*|need|value|goals?|plans?|why|wanna|would you|you'?d like|cope|coping|"
        r"handle|affect\w*|impact\w*|life|lives|day to day|daily)\b"
    )
)
# A short open question whose subject is a word pointing back ("how old are they?", "why is
# that?", "what happened then?", "how did this happen?"), asked right after the client said
# something of substance.
_POINTS_BACK = re.compile(
    r"^\W*(?:(?:and|so|oh|wow|ok(?:ay)?|really|interesting|right)\W+){0,2}"
    r"(?:what|how|why|when|where|who|which)\b(?:\W+\w+){0,9}?\W+"
    r"(?:they|them|it|that|this|those|these|he|she|him|her|there|then)\b(?:\W+\w+){0,5}\W*\?\W*$",
    re.IGNORECASE,
)
_MIN_WORDS_TO_POINT_AT = 2
# What makes a second "how are you?" a real question: the time since they last met.
_AFTER_A_GAP = searched(
    r"\b(since (i|we)('ve| have)? (last )?(saw|seen|spoke|spoken|talked)|"
    r"since (the|our) last (time|visit|session|call|meeting)|"
    r"been (a|an|a few|some|two|three|six) (while|year|years|month|months|weeks?)|"
    r"last time (i|we) (saw|spoke|talked|met))\b"
)

_ME = searched(r"\b(i|me|my|we|us|our)\b")
# Their life away from the business: leisure, days that matter, pets, where they are from
# ("any plans for the weekend?", "how old are your kids?", "have you been camping before?").
# A question about what they need for it ("what do you need most for your trip?") or about
# work is about the need or the business, which is listening.
_OFF_WORK = searched(
    rf"\b(?:{LEISURE}|for fun|kitten|movies?|weather|hometown|"
    r"(?:where|what part of \w+) (?:are you|do you come|you're) from|where did you grow up|"
    r"how old (?:are|is) your (?:kids|children|son|daughter|boy|girl|grandkids|grandchildren)|"
    r"your (?:\w+ )?(?:trip|adventure|outing|getaway))\b"
)
_NEEDS_OR_WORK = searched(
    rf"\b(?:{COMMERCE}|need\w*|require\w*|priorit\w*|supplies|items?|packages?|"
    r"most important|concerns?|budget|afford\w*|b(?:uy\w*|ought)|reservation|available|"
    r"flight|hotel|room|ticket|insurance|claim|policy|migration|deploy\w*|release|launch|"
    r"shifts?|work|project|deadline|meeting|call|demo|sales|sell\w*|products?|customers?|"
    r"guests?|clients?|season\w*|busiest|business|staff|employees|vendors?|caterers?|venue|"
    r"looking to get|get for|bring|pack\w*|quantity|how (?:many|much) of|"
    # ...nor is when a habit or a trouble began ("did it begin after this holiday?", "is it
    # most weekends?").
    r"began|begin|start(?:ed)?|ago|occasionally|drink\w*|smok\w*|pain|symptoms?)\b"
)
# A closed question earns the credit when it asks about the person: what they think, feel,
# want, plan or have tried, and the people and life around them. "Do you take any
# medication?" or "Is your account number the same?" is routine intake, asked of everyone;
# a coach does not flag it, though it still counts as a question.
_PERSON_WORDS = (
    r"(think|thought|feel|feeling|felt|want|wanted|wish|like|love|enjoy|hate|mind|worr\w*|"
    r"concern\w*|afraid|scared|nervous|excited|happy|comfortable|sure|ready|hope|hoping|plan\w*|"
    r"goal\w*|prefer\w*|choice|priorit\w*|important|matter\w*|consider\w*|tried|try|"
    r"experience\w*|involved|interested|familiar|heard|opinion|view|sense|imagine|expect\w*|"
    r"remember|recall|notic\w*|reason\w*)"
)
# How often they do something, asked of them: their habits and experience.
_HABITUALLY = r"(ever|usually|often|normally|typically|generally|regularly|always)"
_AS_A_HABIT = r"\b(often|usually|regularly|normally|before)\W*$"
_ABOUT_THE_PERSON = searched(
    # Their own thoughts and plans: the word belongs to "you" ("do you think", "have you
    # tried"), not to the seller ("I would like all three, if that's okay with you?").
    rf"\b(you|you'?re|you'?ve|you'?d)\b(\s+\w+){{0,3}}?\s+{_PERSON_WORDS}\b|"
    r"\byou\b(\s+\w+){0,3}?\s+(family|kids?|children|son|daughter|wife|husband|partner|"
    r"parents?|friends?|team|colleagues?|boss|customers?|clients?)\b|"
    rf"\b(do|did|does|have|has|are|were|would|could|will|is) you(\s+\w+){{0,1}}?\s+"
    rf"{_PERSON_WORDS}\b|"
    # The people and the world around them, in a sale as much as in a clinic.
    r"\byour (own |[a-z]+ )?(family|kids?|children|child|son|daughter|wife|husband|partner|"
    r"parents?|friends?|team|colleagues?|boss|life|career|job|business|company|customers?|clients?|"
    r"weekend|trip|holiday|vacation|vendors?|suppliers?|providers?|process\w*|systems?|"
    r"tools?|budget|rollout|sites?|workflow|plans?|goals?|priorit\w*|biggest|main|feelings?|"
    r"thoughts?|worr\w*|concerns?|fears?|hopes?|experience|health|views?|opinion|reasons?|"
    r"mind|decision|choice|situation|world|day|week|perspective|point of view)\b|"
    r"\b(outsource|spreadsheets?|vendors?|rollout)\b|"
    # Their priorities and preferences, however counted: "is water your number one or two
    # priority?", "can I know your preferences?".
    r"\byour (?:[\w-]+ ){0,4}?(?:priorit\w*|preferences?|favou?rites?)\b|"
    # What they have of what is to be shared, and how they stand for it: "do you have enough
    # water?", "are you good on food?", "how are you for firewood?" ("do you have any extra
    # food?" asks for theirs).
    r"\b(?:do|did|will|would) you (?:\w+ )?have (?:enough|plenty|much|a lot)\b|"
    r"\b(?:are|were) you (?:\w+ )?(?:good|ok|okay|set|fine|short|low|covered|running low) "
    r"(?:on|for)\b(?! (?:time|today|tonight|tomorrow|now|next|this|the (?:call|meeting|demo)|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?|\d)\b)|"
    r"\bhow are you (?:on|for|doing (?:on|for)) (?!time\b)\w+|"
    r"\b(?:are|were|will) you (?:\w+ ){0,3}?needing\b|"
    # Their reasons: "is there any reason you would need more food?"
    r"\b(?:any|a|the|what|some) (?:particular |specific )?reasons? (?:why )?(?:you|your)\b|"
    # Their experience, habits and what they know: "have you ever donated?", "do you usually
    # buy in bulk?", "do you know much about the charity?".
    rf"\b(have|has|had|did|do|does) you ({_HABITUALLY}|still|already)\b|"
    rf"\byou {_HABITUALLY}\b|\bknow (much|anything|a lot|about)\b|\baware of\b|{_AS_A_HABIT}|"
    # What they need, and what a thing is worth to them: "do you need firewood as well?", "is
    # the food of any value to you?". "Do you need anything else?" and "do you need help?"
    # are a clerk's offers, and "do you need to sign today?" is the sale.
    # A need doubted is no curiosity: "do you really need it that bad?", "how come you need
    # the food?", "is it so urgent that you need all of it?"; "if you need two, ..." proposes;
    # "do you need a refill?", "a receipt?", "more details?", "anything else you need?" offer a
    # service.
    r"(?<!\bif )(?<!\bthat )(?<!\bhow come )(?<!\banything )(?<!\banything else )"
    r"(?<!\beverything )"
    r"\byou (?:also |still |actually |"
    r"really (?<!\bdo you really )(?<!\bdid you really ))?need\b(?! (?:(?:some |any )?"
    r"(?:more |further |other |else )?(?:help|assistance|information|info|details|directions)|"
    r"anything|something|a|an|me|us|more time|to)\b)"
    # ...and so does an add-on at the till: "do you need the extended warranty too?", "do you
    # need gift wrapping?", "your receipt?", "insurance on the rental?", "parking at the
    # venue?" ("do you need life insurance?" asks about their life).
    r"(?! (?:the |a |an |any |your |some )?(?:(?!life |health )[\w-]+ )?(?:warrant(?:y|ies)|"
    r"insurance|protection plan|gift ?wrap\w*|wrapping|receipts?|bags?|carry ?case|sugar|milk|"
    r"(?:parking|valet|shuttle|pick-?up|delivery)\b(?! (?:drivers?|staff|workers|trucks?|vans?|"
    r"fleet|services?|partners?|compan(?:y|ies)|software|platform|solutions?)\b)(?! for (?:your|"
    r"the|our) (?:employees|staff|team|customers|clients|workers|site|business|restaurant|store|"
    r"shop|office|company)\b)|"
    r"batteries|invoice|towels|cash ?back|validat\w*|plates|cutlery|napkins|utensils|straws)\b)"
    # ...and the sale: "do you need our best price by Friday?"
    r"(?![^.!?]{0,40}\b(?:(?:our|my) (?:best |final |lowest )?(?:price|offer|quote)|before the "
    r"(?:price|offer|deal)))"
    r"(?![^.!?]{0,30}\b(?:that much|so much|that bad|that badly|all of (?:it|them|that))\b)|"
    r"\b(?:any|much|some|real|great) (?:value|use|importance|interest) to you\b"
)
# Asking about what they have done or usually do is not asking them to do it now: "have you
# ever donated?" is curiosity, "would you donate?" the ask.
_HABIT = searched(
    r"\b(have|has|had|did) you ((ever|already) |\w+ed\b)|"
    rf"\b(do|does) you {_HABITUALLY}\b|{_AS_A_HABIT}"
)
# The sale's verbs, by their stems ("purchas" for purchase, purchasing...).
_SALE_STEMS = "sign|buy|purchas|order|commit|upgrad|donat"
_SALE_VERB = re.compile(rf"^(?:{_SALE_STEMS})\w*$", re.IGNORECASE)


# Asked as if about their experience, still the sale: "are you aware of our new discount?",
# "have you considered upgrading today?", "have you signed the order form we sent?".
_PITCH_AS_HABIT = searched(
    r"\b(aware of|thought about|considered|consider(ing)?)\b[^?]{0,40}\b(our|my)\b|"
    r"\b(thought about|considered|consider(ing)?)\b[^?]{0,60}\b(today|now|this (week|month|"
    r"quarter))\b|"
    r"\b(sign(ed|ing)?( up)?|buy(ing)?|bought|purchas\w*|order(ed|ing)?|upgrad\w*)\b"
    r"[^?]{0,40}\b(our|my|(we|i) sent)\b"
)

# "What made you consider switching now?" asks for their reasons, whatever it names.
_OPEN_START = re.compile(r"\W*(so,? |and |but )?(what|how|why|which|when|where|who)\b", re.I)


# Most questions ask for no sale, are no rhetorical question, steer nowhere, say nothing of the
# seller and ask after nothing in particular: RE2 tells them apart before Python's engine
# searches.
_SELLER_ASK_GATED = Gated(_SELLER_ASK)
_PITCH_AS_HABIT_GATED = Gated(_PITCH_AS_HABIT)
_RHETORICAL_GATED = Gated(_RHETORICAL)
_ABOUT_THE_PERSON_GATED = Gated(_ABOUT_THE_PERSON)
_ME_GATED = Gated(_ME)
_STEERS_GATED = Gated(_STEERS)
# Neither ask in one pass of RE2, for the many questions that hold neither (2.9 -> 1.7 us a
# question): without either, no sale is asked for.
_ANY_ASK_GATED = Gated(
    re.compile(f"{_PITCH_AS_HABIT.pattern}|{_SELLER_ASK.pattern}", re.IGNORECASE)
)


# A ruler put to them: "on a scale of 1 to 10, how ready are you?"
_SCALE = searched(
    r"\bscale (?:of|from) (?:0|1|zero|one) to (?:5|10|five|ten)\b|"
    r"\bfrom (?:0|1|zero|one) to (?:10|ten)\b(?! ?(?:thousand|hundred|million|k\b|dollars|"
    r"bucks|%|percent))[^?]{0,40}\b(?:where|how)\b"
)


# Asking what terms would work for them ("what price would work for you?", "which split
# would feel fair to you?") hands them the pen: their view, not the seller's ask.
_ASKS_THEIR_TERMS = re.compile(
    r"\W*(?:(?:so|and|okay|ok|well),? )?(?:what|which|how much)\b[^?]{0,30}?\b(?:would|could|"
    r"might|will) (?:\w+ )?(?:work|be fair|feel fair|seem fair|make sense|be best|suit you)\b"
    r"(?![^?]*\b(?:i|we) (?:take|get|keep|have)\b)|"
    # "So what do you think is a fair deal?": the terms they would call fair.
    r"\W*(?:(?:so|and|okay|ok|well),? )?what (?:do|would) you (?:think|consider|say|feel) "
    r"(?:is|would be|'s) (?:a |the )?(?:fair|good|reasonable|balanced|even) (?:deal|split|trade)\b",
    re.IGNORECASE,
)


# The sale named in a question: "which day would work for you to sign the contract?", "on a
# scale of 1 to 10, how likely are you to buy today?" ask for it, however they are put.
_NAMES_THE_SALE = re.compile(
    rf"\b(?:(?:{_SALE_STEMS})\w*|demo|contract|(?<!fair )(?<!good )(?<!reasonable )"
    rf"(?<!balanced )(?<!even )deal)\b",
    re.IGNORECASE,
)


# A favour asked for the seller's own side is not curiosity about theirs, however it is put:
# "do you think you can spare some firewood?", "could you give me two waters?", "...which I
# really need, can you please?". Asking them to tell ("could you give me an idea of your
# budget?", "could you share a bit about your team?") is still asking about them. RE2 says
# first whether it can match: most questions ask no favour.
_ASKS_A_FAVOUR = Gated(
    re.compile(
        r"\b(?:can|could|would|will|might) you (?:please |possibly |maybe |kindly |just )?"
        r"(?:spare|give (?:me|us)(?! (?:an? )?(?:idea|sense|picture|overview|feel|rundown|example|"
        r"update|call|ring|moment|minute|second|hint|clue|reason|justifiable|explanation|"
        r"answer)\b)|"
        r"let (?:me|us) (?:have|keep|take|get)|"
        r"send (?:me|us) (?:some|one|two|three|the|your|all)\b|part with|hand over|lend (?:me|us)|"
        r"do without)\b|"
        r"(?<!what )(?<!which )\bdo you think you (?:can|could|might|would be able to) "
        r"(?:spare|give (?:me|us)|let (?:me|us) "
        r"(?:have|keep|take|get)|part with|do without|lend (?:me|us))\b|"
        r"\b(?:can|could|would) you (?:please )?consider "
        r"(?:giving|letting|sparing|sending|trading) (?:me|us)\b|\bcan you please\W*$|"
        r"\b(?:would|will) you (?:be willing to|mind) (?:spare|sparing|give (?:me|us)|"
        r"giving (?:me|us)|let (?:me|us)|letting (?:me|us)|part(?:ing)? with)\b",
        re.IGNORECASE,
    )
)


# Their need doubted, not asked after: "are you sure you need 2 food?", "do you really need
# the water?", "are you sure that you would need that much?" (CaSiNo's annotators marked every
# such question in its train and valid dialogues as undervaluing the other's need). "Which
# item do you really need?" asks it (an open question), and "do you really need to wait?" is no
# need of theirs doubted.
_DOUBTS_THEIR_NEED = Gated(
    searched(
        r"\bare you (?:really |quite |absolutely |100% )?(?:sure|certain|positive)(?: that)? "
        r"you(?:'d| would| will| guys| all)? (?:really |actually |even |still )?need\b|"
        r"\b(?:do|did|would) you (?:really|actually|honestly|truly|even) need\b"
        r"(?! (?:to|me|us|our|my|any|some|help|anything|something)\b)"
    )
)


def asks_for_the_sale(question: str) -> bool:
    """An ask for the sale, time or leave; a sale verb about their past or habits is not."""
    if not _ANY_ASK_GATED.may_match(question):  # neither asks: one pass of RE2 says so
        return False
    if _ASKS_THEIR_TERMS.match(question) and not _NAMES_THE_SALE.search(question):
        return False
    if _PITCH_AS_HABIT_GATED.search(question) and not _OPEN_START.match(question):
        return True
    asks = _SELLER_ASK_GATED.search(question)
    if asks is None:
        return False
    if _SALE_VERB.match(asks.group()) and _HABIT.search(question.rstrip()):
        return bool(_SELLER_ASK.search(question, asks.end()))
    return True


# The speaker's "I" in "I'm curious to hear about your experience with our service" tells what
# they want to hear; the question is the rest.
_TOLD_OPENER = re.compile(rf"^\W*(?:{TOLD})\b", re.IGNORECASE)
# How a question is put, not who it is about: "so tell me, how is the team...", "let me ask
# you this, what...".
_ASKING_OPENER = re.compile(
    r"^\W*(?:(?:so|and|okay|ok|well|now)\W+)*(?:tell me|let me ask(?: you)?(?: this)?|"
    r"(?:can|could|may) i ask(?: you)?|help me understand)\b",
    re.IGNORECASE,
)


def _opener_end(question: str) -> int:
    """Where the question starts after the words that say how it is put ("so tell me,")."""
    asking = _ASKING_OPENER.match(question)
    return 0 if asking is None else asking.end()


def _about_me(question: str) -> bool:
    """A question that talks more about the seller than about the client is about the seller."""
    if not _ME_GATED.may_match(question):  # none of the seller's words: not about them
        return False
    told = _TOLD_OPENER.match(question)
    if told is not None:
        question = question[told.end() :]
    elif (opened := _opener_end(question)) and not _ME.search(question, opened):
        # "Tell me, how is the team doing?" is put so; "tell me, how can I earn your trust?"
        # is about the seller, "me" or not.
        return False
    return len(_ME.findall(question)) > len(_ABOUT_THEM.findall(question))
