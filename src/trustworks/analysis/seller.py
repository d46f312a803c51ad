"""Work out who is selling when nobody said: the speaker who sounds most like a seller."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from trustworks.analysis.engine import engine_for
from trustworks.analysis.questions import count_questions
from trustworks.conversation import Conversation, Role
from trustworks.signals.loader import Catalogue, default_catalogue

# Cues that mark the seller's side of a sale, and the buyer's.
SELLER_CUES = ("pitch", "self_description", "price_figure", "schedule_adapt", "reflective_summary")
CLIENT_CUES = ("client_need", "price_question", "price_concern", "about_request", "time_cut")
_NOBODY = {"unknown", "speaker", ""}


@dataclass(frozen=True, slots=True)
class SellerGuess:
    """The inferred seller and a sentence saying why."""

    seller: str
    reason: str


def infer_seller(conversation: Conversation, catalogue: Catalogue | None = None) -> SellerGuess:
    """Pick the speaker whose words look most like selling: pitches, 'our' offer, prices.

    Each seller cue scores +1, each buyer cue (stating a need, asking the price) -1, and each
    open question +0.25 (discovery is the seller's job); ties go to whoever spoke first.
    """
    speakers = [s for s in conversation.speakers() if s.casefold() not in _NOBODY]
    if not speakers:
        speakers = conversation.speakers()
    if len(speakers) == 1:
        return SellerGuess(speakers[0], f"{speakers[0]} is the only speaker")
    engine = engine_for(catalogue or default_catalogue())
    score: dict[str, float] = dict.fromkeys(speakers, 0.0)
    sells: Counter[str] = Counter()
    buys: Counter[str] = Counter()
    for turn in conversation.turns:
        if turn.speaker not in speakers:
            continue
        # Match every cue regardless of side: that is what we are trying to find out.
        _, seller_side = engine.match(turn.text, Role.SELLER)
        _, client_side = engine.match(turn.text, Role.CLIENT)
        sells[turn.speaker] += sum(len(seller_side.get(c, ())) for c in SELLER_CUES)
        buys[turn.speaker] += sum(len(client_side.get(c, ())) for c in CLIENT_CUES)
        score[turn.speaker] += 0.25 * count_questions(turn.text).open
    for name in speakers:
        score[name] += sells[name] - buys[name]
    best = max(speakers, key=lambda name: (score[name], -speakers.index(name)))
    if score[best] <= 0 and all(score[name] == score[best] for name in speakers):
        return SellerGuess(best, f"{best} spoke first and no speaker sounded more like a seller")
    return SellerGuess(
        best,
        f"{best} made {sells[best]} seller-side remarks (pitching, describing the offer, "
        f"quoting prices) against {buys[best]} buyer-side ones",
    )
