"""Work out who is selling when nobody said, and how sure that guess is.

Every speaker collects evidence for being the seller (describing "our product", quoting and
proposing terms, asking about the other person's needs, introducing themselves "from Y",
"how can I help") and for being the client (stating their own needs or trouble, asking what
it costs, bargaining, hesitating), plus their speaker label ("Agent", "Customer") and whom
their pronouns are about. The cues are the signal catalogue's (cues.toml, matched once per
turn by the analysis engine, so the analysis that follows reuses the hits); which of them
count, for which side and how much, and the labels, are data in ``seller_cues.toml`` here.

The guess is the speaker with the most net seller evidence. Its confidence compares the
evidence for that speaker being the seller with the evidence for the runner-up:

    a = seller evidence of the best + client evidence of the runner-up
    b = seller evidence of the runner-up + client evidence of the best
    confidence = Phi((a - b) / sqrt(a + b + PRIOR))

a one-sided test of the margin against the amount of evidence (like a sign test), so a lead of
one cue out of one is weak, a lead of ten out of ten is strong, and a lead of two out of
twenty-two (conflicting signs) is weak again. ``PRIOR`` keeps the first cue or two from
sounding certain. A guess below ``UNCERTAIN_BELOW`` is flagged uncertain, and so is every
tie: the first speaker is then picked, and the reasons say that this is all it rests on.

Asking more questions is a style, not a role. When no label names a side and nobody does
what only a side of a sale does (``role`` in ``seller_cues.toml``: describe or price an
offer, introduce themselves as selling it, ask about the other side's offer, bargain as its
buyer), a guess is kept only if the roles are one-sided anyway (the other side states its
problems, the guess states none and asks about them); between peers, who both state their
needs or neither do, it is flagged however sure the questions make it look.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from trustworks.analysis.disfluency import as_read
from trustworks.analysis.engine import engine_for
from trustworks.analysis.proposals import claims_a_share
from trustworks.analysis.questions import count_questions
from trustworks.conversation import Conversation, fold_name, is_nobody
from trustworks.errors import CatalogueError
from trustworks.signals.loader import Catalogue, default_catalogue
from trustworks.signals.matcher import Match

CUES_FILE = "seller_cues.toml"
# Below this the guess is reported as uncertain: it would be wrong about one time in five or
# more, too often to coach someone on it without asking.
UNCERTAIN_BELOW = 0.8
# The most an inference from cues may claim, however one-sided they are.
MOST_SURE = 0.99
# Pseudo-evidence in the denominator: with no prior, a single cue would already read 84 %.
PRIOR = 2.0
# Open questions point weakly at the seller (discovery is their job, but clients ask too).
OPEN_QUESTION_WEIGHT = 0.5
_OPEN_QUESTIONS = "open_questions"
_OPEN_QUESTIONS_SAY = "asked open questions"
# Whoever serves talks about the other person ("you", "your"); whoever is served talks about
# themselves ("I", "my"). The speaker whose pronouns lean further to "you" than the others'
# gets up to FOCUS_WEIGHT of seller evidence, and the others as much client evidence, in
# proportion to the gap (full at FOCUS_FULL_GAP) and only once both sides used FOCUS_MIN
# such words ("you know" is a filler, not counted).
FOCUS_WEIGHT = 1.0
FOCUS_FULL_GAP = 0.5
FOCUS_MIN = 8
_YOU = "pronouns_you"
_ME = "pronouns_me"
_PRONOUN_KEYS = frozenset({_YOU, _ME})
_PRONOUNS = re.compile(r"\b(?:you(?:rs?|rself|rselves)?|i|me|my|mine|myself)\b")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class SellerGuess:
    """The inferred seller, how sure the guess is (0-1), and the plain-words cues behind it."""

    seller: str
    confidence: float
    uncertain: bool
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        """The reasons as one sentence (the first says who and how sure)."""
        return "; ".join(self.reasons)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One kind of evidence: which side it points to, how much, and how a report words it."""

    id: str
    side: str  # "seller" or "client"
    weight: float
    says: str
    role: bool = False  # only a side of a sale does this (describes an offer, asks about one)
    role_acts: int = 1  # how often one speaker must do it for it to show a role


@dataclass(frozen=True, slots=True)
class SellerCues:
    """Everything inference weighs, loaded from seller_cues.toml."""

    label_weight: float
    seller_labels: frozenset[str]
    client_labels: frozenset[str]
    seller_phrases: tuple[str, ...]
    evidence: dict[str, Evidence]


def load_seller_cues(path: Path | None = None, catalogue: Catalogue | None = None) -> SellerCues:
    """Read and check seller_cues.toml; a bad entry fails here, naming the file and the id."""
    source: Any = path if path is not None else resources.files(__package__) / CUES_FILE
    name = str(source)
    try:
        doc = tomllib.loads(source.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
        raise CatalogueError(name, f"cannot be read: {exc}") from exc
    speakers = {c.id: c.speaker for c in (catalogue or default_catalogue()).cues}
    evidence: dict[str, Evidence] = {}
    for entry in doc.get("evidence", []):
        cue_id = str(entry.get("id", ""))
        side = speakers.get(cue_id)
        if side is None and catalogue is not None:
            continue  # a caller's own catalogue without this cue: weigh what there is
        if side not in ("seller", "client"):
            raise CatalogueError(name, "evidence must name a seller or client cue", cue_id)
        weight = entry.get("weight")
        if not isinstance(weight, int | float) or not 0 < weight <= 5:
            raise CatalogueError(name, "evidence weight must be a number in (0, 5]", cue_id)
        role = entry.get("role", False)
        if not isinstance(role, bool):
            raise CatalogueError(name, "evidence role must be true or false", cue_id)
        acts = entry.get("role_acts", 1)
        if not isinstance(acts, int) or isinstance(acts, bool) or acts < 1:
            raise CatalogueError(name, "evidence role_acts must be a whole number from 1", cue_id)
        evidence[cue_id] = Evidence(
            cue_id, side, float(weight), str(entry.get("says", cue_id)), role, acts
        )
    labels = doc.get("labels", {})
    return SellerCues(
        label_weight=float(labels.get("weight", 4.0)),
        seller_labels=frozenset(labels.get("seller", ())),
        client_labels=frozenset(labels.get("client", ())),
        seller_phrases=tuple(labels.get("seller_phrases", ())),
        evidence=evidence,
    )


@cache
def _default_cues() -> SellerCues:
    return load_seller_cues()


def label_side(name: str, cues: SellerCues | None = None) -> str | None:
    """Which side a speaker label names, if any: "seller" for "Agent", "client" for "Customer 2"."""
    cues = cues or _default_cues()
    folded = fold_name(name)
    if any(re.search(rf"\b{re.escape(p)}\b", folded) for p in cues.seller_phrases):
        return "seller"
    words = set(_WORD.findall(folded))
    seller, client = bool(words & cues.seller_labels), bool(words & cues.client_labels)
    if seller == client:
        return None
    return "seller" if seller else "client"


def infer_seller(conversation: Conversation, catalogue: Catalogue | None = None) -> SellerGuess:
    """Guess who sells from every cue in one pass over the turns, with a confidence and reasons.

    >>> from trustworks.conversation import conversation_from_pairs
    >>> infer_seller(conversation_from_pairs([("Agent", "Hi."), ("Customer", "Hello.")])).seller
    'Agent'
    """
    catalogue = catalogue or default_catalogue()
    cues = _default_cues() if catalogue is default_catalogue() else _cues_for(catalogue)
    speakers = [s for s in conversation.speakers() if not is_nobody(s)]
    if not speakers:
        speakers = conversation.speakers()
    if not speakers:
        return SellerGuess("", 0.0, True, ("nobody speaks, so there is no seller to find",))
    counts = _count(conversation, speakers, cues, catalogue)
    labels = {name: label_side(name, cues) for name in speakers}
    focus = _focus(counts, speakers)
    side = {name: _sides(counts[name], labels[name], focus.get(name), cues) for name in speakers}
    net = {name: side[name][0] - side[name][1] for name in speakers}
    if len(speakers) == 1:
        return _only_speaker(speakers[0], side[speakers[0]], counts, labels, cues)
    ranked = sorted(speakers, key=lambda n: -net[n])  # stable: first speaker first among equals
    best, runner = ranked[0], ranked[1]
    a = side[best][0] + side[runner][1]
    b = side[runner][0] + side[best][1]
    confidence = _confidence(a, b)
    tied = [n for n in speakers if math.isclose(net[n], net[best])]
    detail = _details(ranked, counts, labels, focus, cues) or (
        "no speaker used any seller or client cue",
    )
    if len(tied) > 1:
        who = _names(tied)
        amount = "no evidence either way" if a + b == 0 else "equally strong evidence"
        head = (
            f"not sure who is selling: {who} gave {amount}; {best} was picked only because "
            f"they spoke first"
        )
        return SellerGuess(best, round(confidence, 3), True, (head, *detail))
    sure = confidence >= UNCERTAIN_BELOW
    if sure and not _any_role(counts, labels, cues):
        # A share claimed is read only where it could decide: the runner-up states a need and
        # the guess states none.
        claims = _serves(counts[best], counts[runner], False) and _claims_a_share(
            conversation, best
        )
        if not _serves(counts[best], counts[runner], claims):
            head = (
                f"not sure who is selling: nobody describes an offer, asks about one or is "
                f"labelled as selling, and {_peers_because(best, runner, counts, claims)}, as "
                f"in a negotiation between peers; {best} only asked more about the other side "
                f"({confidence:.0%} on that alone)"
            )
            return SellerGuess(best, round(confidence, 3), True, (head, *detail))
    contrary = _contrary_to_labels(best, speakers, counts, labels, focus, cues)
    if sure and contrary is not None:
        head = (
            f"not sure who is selling: the speaker labels make {best} the seller, but what "
            f"{contrary} says is far more like a seller's (check the labels, or name the seller)"
        )
        return SellerGuess(best, round(confidence, 3), True, (head, *detail))
    # A label names a side, but a lone one is weak against the other speaker doing what only a
    # seller does ("Interviewer" asks the questions; the founder describes and prices his own
    # product): named by the label alone, the guess is unsure.
    if (
        sure
        and labels[best] == "seller"
        and labels[runner] is None
        and _acts_a_role(counts[runner], cues, "seller")
        and not _acts_a_role(counts[best], cues, "seller")
    ):
        acts = "; ".join(_role_acts(counts[runner], cues, "seller"))
        head = (
            f"not sure who is selling: the label '{best}' names the seller's side, but "
            f"{runner} is the one who does what only a seller does ({acts}; check the "
            f"labels, or name the seller)"
        )
        return SellerGuess(best, round(confidence, 3), True, (head, *detail))
    head = (
        f"{best} sounds most like the seller ({confidence:.0%} sure)"
        if sure
        else f"not sure who is selling: {best} sounds a little more like the seller than "
        f"{runner} ({confidence:.0%} sure)"
    )
    return SellerGuess(best, round(confidence, 3), not sure, (head, *detail))


def _contrary_to_labels(
    best: str,
    speakers: list[str],
    counts: dict[str, Counter[str]],
    labels: dict[str, str | None],
    focus: dict[str, tuple[float, float]],
    cues: SellerCues,
) -> str | None:
    """The speaker whom everything but the labels names the seller, surely, when the labels
    chose ``best``: a transcript whose tags were swapped reads the wrong way round."""
    if not any(labels.values()):
        return None
    # Against a label, the pronoun lean counts as its evidence grows, like every other cue:
    # a therapist's 15 "you" to 4 "I" against the client's 1 to 30 is more than a lean.
    side = {
        name: _sides(counts[name], None, focus.get(name), cues, _focus_strength(counts, name))
        for name in speakers
    }
    other = max(speakers, key=lambda n: side[n][0] - side[n][1])
    if other == best:
        return None
    a = side[other][0] + side[best][1]
    b = side[best][0] + side[other][1]
    return other if _confidence(a, b) >= UNCERTAIN_BELOW else None


_NEEDS = ("client_need", "own_trouble")


def _serves(best: Counter[str], runner: Counter[str], best_claims: bool) -> bool:
    """Whether the roles are one-sided without any offer named: the runner-up states their
    problems and the best guess, who states none, asks about them (a discovery call, a
    counselling session). Between peers both sides state their needs (or neither does), or
    the best guess claims a share of its own (``best_claims``), as a stated need speaks for
    one's own side."""
    return any(runner[n] for n in _NEEDS) and not any(best[n] for n in _NEEDS) and not best_claims


def _peers_because(
    best: str, runner: str, counts: dict[str, Counter[str]], best_claims: bool
) -> str:
    """Why ``_serves`` found no one-sided roles, in words."""
    if not any(counts[runner][n] for n in _NEEDS):
        return f"{runner} states no problem of their own for {best} to serve"
    if best_claims:
        return f"{best} claims a share for their own side as well"
    return f"{best} states needs of their own as well"


def _claims_a_share(conversation: Conversation, speaker: str) -> bool:
    """Whether ``speaker`` claims a share for their own side in any turn ("and I get 3
    firewood?", "2 waters for me"). Asked only of a guess the peer test reads, so most
    conversations never pay for it."""
    return any(
        claims_a_share(as_read(turn.text)[0])
        for turn in conversation.turns
        if turn.speaker == speaker and turn.text
    )


def _role_acts(found: Counter[str], cues: SellerCues, side: str | None = None) -> list[str]:
    """What one speaker did of what only a side of a sale does (``side``: that side), as often
    as each cue needs, as a report words it."""
    return [
        evidence.says
        for cue_id, count in found.items()
        if (evidence := cues.evidence.get(cue_id)) is not None
        and evidence.role
        and count >= evidence.role_acts
        and side in (None, evidence.side)
    ]


def _acts_a_role(found: Counter[str], cues: SellerCues, side: str | None = None) -> bool:
    """Whether one speaker did what only a side of a sale does (``side``: that side)."""
    return bool(_role_acts(found, cues, side))


def _any_role(
    counts: dict[str, Counter[str]], labels: dict[str, str | None], cues: SellerCues
) -> bool:
    """Whether anyone is labelled by side, or did what only a side of a sale does, as often
    as that cue needs (``role_acts``: a lone "okay, I'll take it" closes a trade between peers
    as readily as a sale)."""
    if any(labels.values()):
        return True
    return any(_acts_a_role(found, cues) for found in counts.values())


_CUSTOM: dict[int, tuple[Catalogue, SellerCues]] = {}


def _cues_for(catalogue: Catalogue) -> SellerCues:
    # A caller's own catalogue may lack (or reword) cues the default one has.
    found = _CUSTOM.get(id(catalogue))
    if found is not None and found[0] is catalogue:
        return found[1]
    cues = load_seller_cues(catalogue=catalogue)
    _CUSTOM[id(catalogue)] = (catalogue, cues)
    return cues


def _count(
    conversation: Conversation, speakers: list[str], cues: SellerCues, catalogue: Catalogue
) -> dict[str, Counter[str]]:
    """How often each speaker used each kind of evidence: the one pass over the turns."""
    engine = engine_for(catalogue)
    weighed = cues.evidence
    counts: dict[str, Counter[str]] = {name: Counter() for name in speakers}
    pronouns = {name: [0, 0] for name in speakers}  # "you" words, "I" words
    for turn in conversation.turns:
        found = counts.get(turn.speaker)
        if found is None or not turn.text:
            continue
        # Read as the analysis reads it, so the engine remembers the hits the analysis asks for.
        text = as_read(turn.text)[0]
        # Every cue counts whichever side said it: that is what we are trying to find out.
        # The engine's hits are remembered, so the analysis that follows does not redo them.
        hits = [h for h in engine.hits(text) if h.rule in weighed]
        client_asked = 0
        for hit in _resolve(hits, weighed) if len(hits) > 1 else hits:
            found[hit.rule] += 1
            client_asked += hit.rule in _CLIENT_QUESTIONS
        # "How much does it cost?", "what does support look like?": open in form, but a
        # client's questions, counted above.
        open_questions = count_questions(text).open - client_asked
        if open_questions > 0:
            found[_OPEN_QUESTIONS] += open_questions
        low = text.lower()
        words = _PRONOUNS.findall(low)
        if words:
            you = sum(1 for w in words if w[0] == "y")
            mine = pronouns[turn.speaker]
            mine[0] += you - low.count("you know") if you else 0
            mine[1] += len(words) - you
    for name, (you, me) in pronouns.items():
        counts[name][_YOU] = max(you, 0)
        counts[name][_ME] = me
    return counts


def _focus(counts: dict[str, Counter[str]], speakers: list[str]) -> dict[str, tuple[float, float]]:
    """Each speaker's share of "you" among their personal pronouns, and everyone else's."""
    gaps: dict[str, tuple[float, float]] = {}
    for name in speakers:
        you, me = counts[name][_YOU], counts[name][_ME]
        others_you = sum(counts[n][_YOU] for n in speakers if n != name)
        others_me = sum(counts[n][_ME] for n in speakers if n != name)
        if you + me < FOCUS_MIN or others_you + others_me < FOCUS_MIN:
            continue
        gaps[name] = (you / (you + me), others_you / (others_you + others_me))
    return gaps


_CLIENT_QUESTIONS = frozenset(
    {"price_question", "about_request", "asks_about_offer", "buyer_offer"}
)


def _resolve(hits: list[Match], weighed: dict[str, Evidence]) -> list[Match]:
    """Drop a hit that overlaps a longer one pointing to the other side.

    "What are you hoping to get out of this?" opens like "what are you?" (asking about the
    seller) but is a question about the client's hopes: the longer, more specific reading wins.
    """
    if len(hits) < 2:
        return hits
    kept = []
    for hit in hits:
        side = weighed[hit.rule].side
        beaten = any(
            weighed[other.rule].side != side
            and other.start < hit.end
            and hit.start < other.end
            and other.end - other.start > hit.end - hit.start
            for other in hits
        )
        if not beaten:
            kept.append(hit)
    return kept


def _amount(weight: float, count: int) -> float:
    # Repeats add less and less: one habit repeated is not many independent clues.
    return weight * math.sqrt(count)


def _focus_amount(focus: tuple[float, float] | None) -> float:
    """Seller evidence (positive) or client evidence (negative) from the pronoun gap."""
    if focus is None:
        return 0.0
    gap = focus[0] - focus[1]
    return FOCUS_WEIGHT * max(-1.0, min(1.0, gap / FOCUS_FULL_GAP))


def _focus_strength(counts: dict[str, Counter[str]], name: str) -> float:
    """How much more than FOCUS_WEIGHT one speaker's pronoun lean may count: 1 when either side
    used just FOCUS_MIN I/you words, growing as the square root of the fewer side's count (as
    repeats of any cue do, ``_amount``). Only a check against the labels uses it: in the guess
    itself it put a negotiator's questions above her partner's stated needs."""
    mine = counts[name][_YOU] + counts[name][_ME]
    others = sum(found[_YOU] + found[_ME] for other, found in counts.items() if other != name)
    return max(1.0, math.sqrt(min(mine, others) / FOCUS_MIN))


def _sides(
    counts: Counter[str],
    label: str | None,
    focus: tuple[float, float] | None,
    cues: SellerCues,
    strength: float = 1.0,
) -> tuple[float, float]:
    """(seller evidence, client evidence) of one speaker; ``strength`` scales the pronoun lean."""
    lean = _focus_amount(focus) * strength
    seller, client = max(lean, 0.0), max(-lean, 0.0)
    for cue_id, count in counts.items():
        if cue_id in _PRONOUN_KEYS:
            continue
        if cue_id == _OPEN_QUESTIONS:
            seller += _amount(OPEN_QUESTION_WEIGHT, count)
            continue
        evidence = cues.evidence[cue_id]
        if evidence.side == "seller":
            seller += _amount(evidence.weight, count)
        else:
            client += _amount(evidence.weight, count)
    if label == "seller":
        seller += cues.label_weight
    elif label == "client":
        client += cues.label_weight
    return seller, client


def _confidence(a: float, b: float) -> float:
    """Phi of the margin over its spread: 0.5 for a tie, towards 1 as one-sided evidence grows."""
    z = (a - b) / math.sqrt(a + b + PRIOR)
    # Capped: cues can mislead (a buyer quoting "our product"), so inference is never certain.
    return min(MOST_SURE, 0.5 * (1.0 + math.erf(z / math.sqrt(2.0))))


def _details(
    ranked: list[str],
    counts: dict[str, Counter[str]],
    labels: dict[str, str | None],
    focus: dict[str, tuple[float, float]],
    cues: SellerCues,
) -> tuple[str, ...]:
    """Plain-words reasons, speaker by speaker (the likeliest seller first), weightiest first."""
    lines: list[str] = []
    for name in ranked:
        label = labels[name]
        if label is not None:
            lines.append(f"the speaker label '{name}' names the {label}'s side")
        said: dict[str, list[tuple[float, str]]] = {"seller": [], "client": []}
        lean = _focus_amount(focus.get(name))
        if abs(lean) >= 0.1:
            mine, others = focus[name]
            about = "the other person" if lean > 0 else "themselves"
            said["seller" if lean > 0 else "client"].append(
                (
                    abs(lean),
                    f'talked more about {about} ("you" in {mine:.0%} of their I/you words, '
                    f"{others:.0%} for the others)",
                )
            )
        for cue_id, count in counts[name].items():
            if cue_id in _PRONOUN_KEYS or count <= 0:
                continue
            if cue_id == _OPEN_QUESTIONS:
                weight, says, side = OPEN_QUESTION_WEIGHT, _OPEN_QUESTIONS_SAY, "seller"
            else:
                found = cues.evidence[cue_id]
                weight, says, side = found.weight, found.says, found.side
            said[side].append((_amount(weight, count), f"{says} ({_times(count)})"))
        for side, items in said.items():
            if items:
                items.sort(key=lambda item: -item[0])
                text = ", ".join(words for _, words in items)
                lines.append(f"like a {side}, {name} {text}")
    return tuple(lines)


def _only_speaker(
    name: str,
    sides: tuple[float, float],
    counts: dict[str, Counter[str]],
    labels: dict[str, str | None],
    cues: SellerCues,
) -> SellerGuess:
    detail = _details([name], counts, labels, {}, cues)
    seller, client = sides
    if client <= seller:
        return SellerGuess(name, 1.0, False, (f"{name} is the only speaker", *detail))
    # A lone voice that sounds like a client (a complaint, a question about price) may be
    # the only side that was recorded: analyse it as the seller, but say so.
    confidence = round(_confidence(seller, client), 3)
    head = f"not sure {name} is selling: they are the only speaker but sound like a client"
    return SellerGuess(name, confidence, True, (head, *detail))


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _names(names: Iterable[str]) -> str:
    items = list(names)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
