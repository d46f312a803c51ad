"""A listener's "mm-hmm" said in the middle of the other's turn, read past.

Call and visit transcripts cut a speaker's turn wherever the listener makes a sound: "So what
we usually see is the handoff taking a week." / "Mm-hmm." / "And that's where the deals go
cold." The speaker was not answering "Mm-hmm": their second half goes on from the first, and
both answer what the listener last said in words. Read as three turns, a reply judged against
the listener's last words is judged against "Mm-hmm", and an answer that spans the sound is
judged on its first half. Cutting each long seller turn of the read sets and sales sets 1, 3
and 4 after its first sentence with a client's "Mm-hmm." lost 9 % of their findings.

So a whole analysis (``analysis.analyze``) reads each run of one speaker's turns that only a
continuer of the other's parts as one turn, and hands every finding, commitment and point of
the timeline back to the turn its words were said in. So too a run of one speaker's turns in a
row, as a chat is sent a message at a time ("Good question." / "For a team your size..."):
files are read so already (``ingest`` joins them), conversations built in code were not, and
lost 13 % of the read sets' findings with each sentence sent as a message of its own.

A continuer is a sound or a word that only keeps the floor with the speaker ("mm-hmm",
"uh-huh", "I see", "right"), and only after a turn that asked nothing: "Okay", "yeah" and
"sure" are as often a yes, and any sound after a question answers it. The live analyzer, which
cannot know that a turn will go on, reads each turn as it comes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from trustworks.analysis.disfluency import as_read
from trustworks.analysis.result import Analysis, Commitment, Contribution, Finding
from trustworks.conversation import Conversation, Turn

# The sounds, a filler or a laugh with them, and an emoji.
_CONTINUER = re.compile(
    r"(?:(?:mm+[- ]?hm+|mhm+|m+hm+|mm+|hm+|uh[- ]?huh|um[- ]?hum|uh[- ]?hum|ah+|oh+|aha|"
    r"i see|right|um+|uh+|erm|(?:ha)+h?|lol)[\s,.!\U0001f300-\U0001faff\u2600-\u27bf]*)+",
    re.IGNORECASE,
)
# What may stand around a continuer's words in a transcript: marks, a dash cut off.
_AROUND = " \t.,!-–—…"
_LONGEST = 32  # characters, marks and all: "Mm-hmm, mm-hmm. Uh-huh, right."


def is_continuer(text: str) -> bool:
    """Whether a turn only keeps the floor with the other speaker ("Mm-hmm.", "Uh-huh,
    right.", "I see")."""
    if len(text) > _LONGEST:  # most turns: no copy of a long text to strip
        return False
    words = text.strip(_AROUND)
    return bool(words) and _CONTINUER.fullmatch(words) is not None


@dataclass(frozen=True)
class Joined:
    """A conversation read with its continuers' runs joined: the turns as read, and for each
    the turns of the conversation as given it holds, with where each starts in its text."""

    conversation: Conversation
    parts: tuple[tuple[tuple[int, int], ...], ...]  # (turn as given, offset) per turn as read


def join(conversation: Conversation) -> Joined | None:
    """The conversation with each run of one speaker's turns joined into one turn: turns in a
    row, or parted only by the other's continuers; None when there is none (most
    conversations)."""
    turns = conversation.turns
    runs = _runs(turns)
    if not runs:
        return None
    # In a punctuated transcript a turn cut with no mark was cut mid-sentence: its parts join
    # with a space. Where the turns carry no marks, the cut was read as a sentence's end
    # before the parts were joined, and still is.
    ended = sum(1 for turn in turns if turn.text.rstrip().endswith((".", "!", "?", "…")))
    between = " " if 2 * ended >= len(turns) else ". "
    joined: list[Turn] = []
    parts: list[tuple[tuple[int, int], ...]] = []
    at = 0
    for kept in runs:
        for index in range(at, kept[0]):
            joined.append(turns[index])
            parts.append(((index, 0),))
        pieces: list[tuple[int, int]] = []
        offset = 0
        for index in kept:
            pieces.append((index, offset))
            offset += len(turns[index].text) + len(between)
        head, tail = turns[kept[0]], turns[kept[-1]]
        text = between.join(turns[index].text for index in kept)
        joined.append(replace(head, text=text, end=tail.end if tail.end is not None else head.end))
        parts.append(tuple(pieces))
        at = kept[-1] + 1
    for index in range(at, len(turns)):
        joined.append(turns[index])
        parts.append(((index, 0),))
    return Joined(replace(conversation, turns=tuple(joined)), tuple(parts))


def _runs(turns: tuple[Turn, ...]) -> list[list[int]]:
    """Each run of two or more of one speaker's turns (the turns it keeps): turns in a row,
    or parted only by a continuer of the other's."""
    runs: list[list[int]] = []
    index = 0
    while index < len(turns) - 1:
        kept = [index]
        while True:
            last = kept[-1]
            if last + 1 < len(turns) and turns[last + 1].speaker == turns[last].speaker:
                kept.append(last + 1)
            elif last + 2 < len(turns) and _parts(turns, last + 1):
                kept.append(last + 2)
            else:
                break
        if len(kept) > 1:
            runs.append(kept)
        index = kept[-1] + 1
    return runs


def _parts(turns: tuple[Turn, ...], index: int) -> bool:
    """Whether turn ``index`` is a continuer said between two turns of the other speaker, the
    first of which asked nothing (read as meant: a question typed without its mark asks)."""
    before, turn, after = turns[index - 1], turns[index], turns[index + 1]
    return (
        is_continuer(turn.text)
        and before.speaker == after.speaker != turn.speaker
        and not as_read(before.text)[0].rstrip().endswith("?")
    )


def handed_back(analysis: Analysis, joined: Joined, conversation: Conversation) -> Analysis:
    """The analysis of ``joined`` with every finding, commitment, contribution and point of
    the timeline on the turn of ``conversation`` (as given) its words were said in."""
    findings = tuple(_finding_back(f, joined, conversation) for f in analysis.findings)
    moved = {
        (f.turn, f.signal): back.turn for f, back in zip(analysis.findings, findings, strict=True)
    }
    contributions = tuple(_contribution_back(c, moved, joined) for c in analysis.contributions)
    commitments = tuple(_commitment_back(c, joined, conversation) for c in analysis.commitments)
    return replace(
        analysis,
        conversation=conversation,
        findings=findings,
        contributions=contributions,
        commitments=commitments,
        timeline=_timeline_back(analysis.timeline, joined, len(conversation.turns)),
        metrics=replace(analysis.metrics, turns=len(conversation.turns)),
    )


def _finding_back(finding: Finding, joined: Joined, conversation: Conversation) -> Finding:
    pieces = joined.parts[finding.turn]
    if len(pieces) == 1:
        index, _ = pieces[0]
        return finding if index == finding.turn else replace(finding, turn=index)
    # The part that holds most of the evidence (the first, if two hold as much): a question
    # said across a sound is quoted from its larger half, a monologue from its longest turn.
    index, offset, held = pieces[0][0], pieces[0][1], -1
    for piece, piece_offset in pieces:
        length = len(conversation.turns[piece].text)
        overlap = min(finding.end, piece_offset + length) - max(finding.start, piece_offset)
        if overlap > held:
            index, offset, held = piece, piece_offset, overlap
    text = conversation.turns[index].text
    start = min(max(finding.start - offset, 0), len(text))
    end = max(start, min(finding.end - offset, len(text)))
    return replace(finding, turn=index, start=start, end=end, evidence=text[start:end])


def _contribution_back(
    contribution: Contribution, moved: dict[tuple[int, str], int], joined: Joined
) -> Contribution:
    if contribution.turn is None:
        return contribution
    turn = moved.get((contribution.turn, contribution.ref))
    if turn is None:
        turn = joined.parts[contribution.turn][0][0]
    return replace(contribution, turn=turn)


def _commitment_back(
    commitment: Commitment, joined: Joined, conversation: Conversation
) -> Commitment:
    pieces = joined.parts[commitment.turn]
    said_in = next(
        (index for index, _ in pieces if commitment.evidence in conversation.turns[index].text),
        pieces[0][0],
    )
    return replace(commitment, turn=said_in)


def _timeline_back(timeline: tuple[float, ...], joined: Joined, turns: int) -> tuple[float, ...]:
    """A point for every turn as given: a joined turn's point stands at its last part, and
    the turns before that keep the point before it (the score moves once the turn is said)."""
    points: list[float] = []
    previous = timeline[0] if timeline else 0.0
    for point, pieces in zip(timeline, joined.parts, strict=True):
        first = pieces[0][0]
        last = pieces[-1][0]
        while len(points) < last:
            points.append(previous if len(points) >= first else point)
        points.append(point)
        previous = point
    return tuple(points[:turns])
