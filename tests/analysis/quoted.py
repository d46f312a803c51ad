"""Findings on a conversation read another way than as written (typed, shorthand, synonyms),
each checked to quote the words as they were said."""

from __future__ import annotations

from trustworks.analysis import analyze
from trustworks.conversation import conversation_from_pairs


def signals_quoting_the_words(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(signal, evidence) of each finding with "Ray" as the seller, after checking that every
    finding quotes its turn's words as said."""
    analysis = analyze(conversation_from_pairs(pairs, seller="Ray"))
    turns = analysis.conversation.turns
    for f in analysis.findings:
        assert turns[f.turn].text[f.start : f.end] == f.evidence
    return [(f.signal, f.evidence) for f in analysis.findings]
