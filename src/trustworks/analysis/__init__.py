"""Conversation analysis: findings per turn, listening metrics, the Trust Equation, coaching."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import suppress

from trustworks.analysis.continuers import Joined as _Joined
from trustworks.analysis.continuers import handed_back as _handed_back
from trustworks.analysis.continuers import join as _join_continuers
from trustworks.analysis.disfluency import as_read as _as_read
from trustworks.analysis.engine import engine_for as _engine_for
from trustworks.analysis.live import WRITTEN_FORMATS, LiveAnalyzer, LiveUpdate, Settings
from trustworks.analysis.live import add_stretches as _add_stretches
from trustworks.analysis.live import prepare_together as _prepare_together
from trustworks.analysis.questions import QuestionCount, count_questions
from trustworks.analysis.result import (
    COMPONENTS,
    Analysis,
    Commitment,
    Contribution,
    Finding,
    Metrics,
    TrustScores,
)
from trustworks.analysis.seller import UNCERTAIN_BELOW, SellerGuess, infer_seller
from trustworks.conversation import Conversation
from trustworks.signals.loader import Catalogue, default_catalogue

__all__ = [
    "COMPONENTS",
    "UNCERTAIN_BELOW",
    "WRITTEN_FORMATS",
    "Analysis",
    "Commitment",
    "Contribution",
    "Finding",
    "LiveAnalyzer",
    "LiveUpdate",
    "Metrics",
    "QuestionCount",
    "SellerGuess",
    "Settings",
    "TrustScores",
    "analyze",
    "analyze_each",
    "analyze_many",
    "assign_seller",
    "count_questions",
    "infer_seller",
]

# Turns matched ahead at a time: well under the 512 utterances the engine remembers, so none
# is forgotten before it is taken (one that were would simply be matched again).
_MATCHED_AHEAD = 64
# Turns analysed together at most by `analyze_many`, a few conversations' worth (a long call
# counts its stretch): all of them matched ahead must still be remembered when taken (the
# engine keeps 512 utterances).
_TOGETHER = 400
_PENDING = RuntimeError("not analysed")  # a place kept for a result to come


def assign_seller(
    conversation: Conversation,
    seller: Sequence[str] | None = None,
    catalogue: Catalogue | None = None,
) -> Conversation:
    """Give the conversation its roles: from the names given, or inferred when none are."""
    if seller:
        return conversation.with_seller(seller)
    if conversation.seller:
        return conversation
    guess = infer_seller(conversation, catalogue)
    return conversation.with_seller(
        [guess.seller] if guess.seller else [],
        inferred=True,
        reason=guess.reason,
        confidence=guess.confidence,
        uncertain=guess.uncertain,
        reasons=guess.reasons,
    )


def analyze(
    conversation: Conversation,
    seller: Sequence[str] | None = None,
    *,
    catalogue: Catalogue | None = None,
    settings: Settings | None = None,
) -> Analysis:
    """Analyse a whole conversation: the live analyzer fed every turn in order, one speaker's
    turns in a row, or cut in two by the other's "mm-hmm", read as one (``continuers``)."""
    conversation = assign_seller(conversation, seller, catalogue)
    if settings is None:
        settings = Settings(written=conversation.format in WRITTEN_FORMATS)
    joined = _join_continuers(conversation)
    read = conversation if joined is None else joined.conversation
    live = LiveAnalyzer(read.seller, catalogue=catalogue, settings=settings)
    live.prepare(read.turns)  # the semantic layer judges the whole call at once
    # Each stretch of turns is matched before the live analyzer takes it (the engine
    # remembers the hits): texts matched back to back are matched sooner.
    engine = _engine_for(catalogue or default_catalogue())
    turns = read.turns
    for first in range(0, len(turns), _MATCHED_AHEAD):
        stretch = turns[first : first + _MATCHED_AHEAD]
        engine.match_ahead((_as_read(turn.text)[0], turn.role) for turn in stretch)
        live.add_turns(stretch)
    return _result(live, conversation, joined)


def _result(live: LiveAnalyzer, conversation: Conversation, joined: _Joined | None) -> Analysis:
    """The live analyzer's result, on the turns of ``conversation`` as given."""
    if joined is None:
        return live.result(conversation)
    return _handed_back(live.result(joined.conversation), joined, conversation)


def analyze_many(
    conversations: Iterable[Conversation],
    seller: Sequence[str] | None = None,
    *,
    catalogue: Catalogue | None = None,
    settings: Settings | None = None,
) -> list[Analysis]:
    """``[analyze(c, seller, ...) for c in conversations]``, the same analyses, sooner.

    Raises the first conversation's error as `analyze` would; `analyze_each` keeps going.
    """
    out: list[Analysis] = []
    for result in analyze_each(
        ((conversation, seller, settings) for conversation in conversations), catalogue=catalogue
    ):
        if isinstance(result, Exception):
            raise result
        out.append(result)
    return out


def analyze_each(
    jobs: Iterable[tuple[Conversation, Sequence[str] | None, Settings | None]],
    *,
    catalogue: Catalogue | None = None,
) -> list[Analysis | Exception]:
    """Each (conversation, seller, settings)'s `analyze`, or the error it raised in its place.

    Conversations are analysed a few at a time, each step for all of them before the next:
    the semantic layer's judgement of each, the catalogue's matching of all their turns (of
    a long call, its next stretch of turns, as `analyze` takes them), their turn contexts,
    each rule detector over each of them, then each one's findings and scores. A step's
    tables and code stay in the processor's cache from one conversation to the next, where a
    whole analysis between pushed them out (a tenth to a fifth faster); the analyses share
    nothing but caches, so each is what `analyze` gives. An error in one conversation leaves
    the others as they would be.
    """
    results: list[Analysis | Exception] = []
    group: list[tuple[Conversation, Sequence[str] | None, Settings | None]] = []
    turns = 0
    for job in jobs:
        # A long call's stretches are taken in turn; an empty one still counts, so a group
        # of empty conversations stays bounded too.
        size = max(1, min(len(job[0].turns), _MATCHED_AHEAD))
        if turns + size > _TOGETHER:
            results += _analyze_together(group, catalogue)
            group, turns = [], 0
        group.append(job)
        turns += size
    results += _analyze_together(group, catalogue)
    return results


def _analyze_together(
    jobs: list[tuple[Conversation, Sequence[str] | None, Settings | None]],
    catalogue: Catalogue | None,
) -> list[Analysis | Exception]:
    """Analyse conversations a step at a time across them, as `analyze` does each: each
    one's result or error, in order."""
    if not jobs:
        return []
    results: list[Analysis | Exception] = []
    made: list[tuple[int, Conversation, LiveAnalyzer]] = []
    # Each conversation as given, and its continuers' runs joined (None when it had none).
    given: dict[int, tuple[Conversation, _Joined | None]] = {}
    for conversation, seller, settings in jobs:
        try:
            conversation = assign_seller(conversation, seller, catalogue)
            if settings is None:
                settings = Settings(written=conversation.format in WRITTEN_FORMATS)
            joined = _join_continuers(conversation)
            read = conversation if joined is None else joined.conversation
            live = LiveAnalyzer(read.seller, catalogue=catalogue, settings=settings)
        except Exception as error:
            results.append(error)
            continue
        given[len(results)] = (conversation, joined)
        made.append((len(results), read, live))
        results.append(_PENDING)
    # Their semantic layers judge all their turns, in batches shared among them.
    started: list[tuple[int, Conversation, LiveAnalyzer]] = []
    prepared = _prepare_together([(live, conversation.turns) for _, conversation, live in made])
    for (number, conversation, live), failure in zip(made, prepared, strict=True):
        if failure is not None:
            results[number] = failure
        else:
            started.append((number, conversation, live))
    try:
        engine = _engine_for(catalogue or default_catalogue())
    except Exception as error:  # a catalogue that cannot compile fails every job alike
        for number, _, _ in started:
            results[number] = error
        return results
    errors: list[Exception | None] = [None] * len(started)
    # Each conversation's turns in stretches, as `analyze` takes them: the first stretch of
    # every one, then the second of those that have one...
    first = 0
    while True:
        taking = [
            (k, live, conversation.turns[first : first + _MATCHED_AHEAD])
            for k, (_, conversation, live) in enumerate(started)
            if errors[k] is None and len(conversation.turns) > first
        ]
        if not taking:
            break
        # Matching ahead only makes it sooner: should it fail, each conversation meets its
        # own error when its turns are matched.
        with suppress(Exception):
            engine.match_ahead(
                (_as_read(turn.text)[0], turn.role) for _, _, stretch in taking for turn in stretch
            )
        failed = _add_stretches([(live, stretch) for _, live, stretch in taking])
        for (k, _, _), outcome in zip(taking, failed, strict=True):
            errors[k] = outcome
        first += _MATCHED_AHEAD
    for (number, _, live), outcome in zip(started, errors, strict=True):
        if outcome is not None:
            results[number] = outcome
            continue
        try:
            results[number] = _result(live, *given[number])
        except Exception as failure:
            results[number] = failure
    return results
