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

# The sounds, a filler or a laugh with them, each a word of its own (so the check is one
# pass, where a pattern of repeated alternatives backtracked for seconds on "Hmmmmm...?").
# Not "hmm": said alone after a price or a plan, it is a doubt, not a go-on.
_SOUND = re.compile(
    r"m+-?h+m+|mh+m+|m+|uh-?huh|um-?hum|uh-?hum|a+h+|o+h+|aha|um+|uh+|erm|(?:ha)+h?|lol|right|"
    r"isee"
)
_BETWEEN_SOUNDS = re.compile(r"[\s,.!…\U0001f300-\U0001faff\u2600-\u27bf\ufe0f]+")
_LONGEST = 32  # characters, marks and all: "Mm-hmm, mm-hmm. Uh-huh, right."


def is_continuer(text: str) -> bool:
    """Whether a turn only keeps the floor with the other speaker ("Mm-hmm.", "Uh-huh,
    right.", "I see")."""
    if len(text) > _LONGEST:  # most turns: no copy of a long text to split
        return False
    said = (
        text.lower()
        .replace("i see", "isee")
        .replace("mm hmm", "mm-hmm")
        .replace("uh huh", "uh-huh")
    )
    words = _BETWEEN_SOUNDS.split(said.strip(" \t-–—"))
    words = [word for word in words if word]
    return bool(words) and all(_SOUND.fullmatch(word) for word in words)


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
        said: list[str] = []
        for index in kept:
            if said:
                # A part that ends on its own mark needs no stop put after it.
                said.append(" " if said[-1].rstrip().endswith(_MARKS) else between)
            pieces.append((index, sum(len(piece) for piece in said)))
            said.append(turns[index].text)
        joined.append(replace(turns[kept[0]], text="".join(said), end=_end(turns, kept)))
        parts.append(tuple(pieces))
        at = kept[-1] + 1
    for index in range(at, len(turns)):
        joined.append(turns[index])
        parts.append(((index, 0),))
    return Joined(replace(conversation, turns=tuple(joined)), tuple(parts))


_MARKS = (".", "!", "?", "…", ",", ";", ":", "-", "—")


def _end(turns: tuple[Turn, ...], kept: list[int]) -> float | None:
    """When a joined turn ends, for its length: as long as its parts took together (the
    silence between two messages is nobody's talk), or as given when a part has no times."""
    head = turns[kept[0]]
    durations = [turns[index].duration for index in kept]
    if head.start is None or any(duration is None for duration in durations):
        return turns[kept[-1]].end if turns[kept[-1]].end is not None else head.end
    return head.start + sum(duration for duration in durations if duration is not None)


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
            elif last + 2 < len(turns) and _parts(turns, last + 1, kept):
                kept.append(last + 2)
            else:
                break
        if len(kept) > 1:
            runs.append(kept)
        index = kept[-1] + 1
    return runs


def _parts(turns: tuple[Turn, ...], index: int, kept: list[int]) -> bool:
    """Whether turn ``index`` is a continuer said between two turns of the other speaker
    whose words so far (``kept``) asked nothing."""
    before, turn, after = turns[index - 1], turns[index], turns[index + 1]
    return (
        is_continuer(turn.text)
        and before.speaker == after.speaker != turn.speaker
        and not _asked(turns, kept)
    )


# A few words after a question go on asking it: "Do you use Salesforce?" / "Or HubSpot."
_FRAGMENT_WORDS = 4


def _asked(turns: tuple[Turn, ...], kept: list[int]) -> bool:
    """Whether the speaker's words so far end on a question (read as meant: a question typed
    without its mark asks), or on a few words after one."""
    last = as_read(turns[kept[-1]].text)[0].rstrip()
    if last.endswith("?"):
        return True
    if len(kept) < 2 or len(last.split()) > _FRAGMENT_WORDS:
        return False
    return as_read(turns[kept[-2]].text)[0].rstrip().endswith("?")


def handed_back(analysis: Analysis, joined: Joined, conversation: Conversation) -> Analysis:
    """The analysis of ``joined`` with every finding, commitment, contribution and point of
    the timeline on the turn of ``conversation`` (as given) its words were said in."""
    findings = tuple(_finding_back(f, joined, conversation) for f in analysis.findings)
    # Each finding's contribution goes where the finding went: queued by turn and signal in
    # the findings' order, so two of one signal in one joined turn keep their own turns.
    moved: dict[tuple[int, str], list[int]] = {}
    for finding, back in zip(analysis.findings, findings, strict=True):
        moved.setdefault((finding.turn, finding.signal), []).append(back.turn)
    contributions = tuple(
        _contribution_back(c, moved, joined, conversation) for c in analysis.contributions
    )
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


def _part_at(
    at: int, pieces: tuple[tuple[int, int], ...], conversation: Conversation
) -> tuple[int, int]:
    """The part of a joined turn its character ``at`` was said in, and where that part
    starts: the next part, if ``at`` falls on what joins two."""
    index, offset = pieces[0]
    for piece, piece_offset in pieces:
        if piece_offset <= at:
            index, offset = piece, piece_offset
    if at - offset >= len(conversation.turns[index].text):
        following = [piece for piece in pieces if piece[1] > offset]
        if following:
            return following[0]
    return index, offset


def _finding_back(finding: Finding, joined: Joined, conversation: Conversation) -> Finding:
    pieces = joined.parts[finding.turn]
    if len(pieces) == 1:
        index, _ = pieces[0]
        return finding if index == finding.turn else replace(finding, turn=index)
    # The part the evidence starts in, cut at its end: a promise goes on "together with the
    # invoice" in the next message, but was made where its words start.
    index, offset = _part_at(finding.start, pieces, conversation)
    text = conversation.turns[index].text
    start = min(max(finding.start - offset, 0), len(text))
    end = max(start, min(finding.end - offset, len(text)))
    return replace(finding, turn=index, start=start, end=end, evidence=text[start:end])


def _contribution_back(
    contribution: Contribution,
    moved: dict[tuple[int, str], list[int]],
    joined: Joined,
    conversation: Conversation,
) -> Contribution:
    if contribution.turn is None:
        return contribution
    queued = moved.get((contribution.turn, contribution.ref))
    if queued:
        return replace(contribution, turn=queued.pop(0))
    # A metric of the turn (its open questions): the first part that asks, else the first.
    pieces = joined.parts[contribution.turn]
    asks = [index for index, _ in pieces if "?" in conversation.turns[index].text]
    return replace(contribution, turn=(asks or [pieces[0][0]])[0])


def _commitment_back(
    commitment: Commitment, joined: Joined, conversation: Conversation
) -> Commitment:
    pieces = joined.parts[commitment.turn]
    if len(pieces) == 1:
        return replace(commitment, turn=pieces[0][0])
    at = joined.conversation.turns[commitment.turn].text.find(commitment.evidence)
    if at < 0:  # a commitment's words as read, not as said: the first part that holds them
        said_in = next(
            (i for i, _ in pieces if commitment.evidence in conversation.turns[i].text),
            pieces[0][0],
        )
        return replace(commitment, turn=said_in)
    index, offset = _part_at(at, pieces, conversation)
    text = conversation.turns[index].text
    start = min(at - offset, len(text))
    return replace(
        commitment, turn=index, evidence=text[start : start + len(commitment.evidence)].rstrip()
    )


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
