"""The conversation model: a sequence of speaker turns, with who is selling."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Role(StrEnum):
    """Which side of the sale a speaker is on."""

    SELLER = "seller"
    CLIENT = "client"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker's contribution; times are seconds from the start when known."""

    speaker: str
    text: str
    role: Role = Role.OTHER
    start: float | None = None
    end: float | None = None
    line: int | None = None  # where the turn begins in its source, for messages

    def with_role(self, role: Role) -> Turn:
        """The same turn said in ``role``."""
        # Built directly: `dataclasses.replace` costs 3 us a turn, a tenth of the analysis's
        # budget for it, and a frozen class's own __init__ 0.85 us, where setting its slots
        # one by one costs 0.5 (a test keeps this in step with the fields).
        turn: Turn = _new(Turn)
        _SET_SPEAKER(turn, self.speaker)
        _SET_TEXT(turn, self.text)
        _SET_ROLE(turn, role)
        _SET_START(turn, self.start)
        _SET_END(turn, self.end)
        _SET_LINE(turn, self.line)
        return turn

    def with_text(self, text: str) -> Turn:
        """The same turn with ``text`` for its words (read as meant: ``analysis.marks``)."""
        turn: Turn = _new(Turn)
        _SET_SPEAKER(turn, self.speaker)
        _SET_TEXT(turn, text)
        _SET_ROLE(turn, self.role)
        _SET_START(turn, self.start)
        _SET_END(turn, self.end)
        _SET_LINE(turn, self.line)
        return turn

    @property
    def duration(self) -> float | None:
        """Seconds spoken, when both times are known."""
        if self.start is None or self.end is None:
            return None
        return max(0.0, self.end - self.start)


# Each slot of a Turn set directly (a frozen class refuses `setattr`): `Turn.with_role`.
_new = object.__new__
_SET_SPEAKER, _SET_TEXT, _SET_ROLE, _SET_START, _SET_END, _SET_LINE = (
    Turn.__dict__[name].__set__ for name in ("speaker", "text", "role", "start", "end", "line")
)


@dataclass(frozen=True, slots=True)
class Conversation:
    """Turns in order, where they came from, and who the seller is."""

    turns: tuple[Turn, ...]
    source: str = "<memory>"
    format: str = ""
    seller: tuple[str, ...] = ()
    seller_inferred: bool = False
    seller_reason: str = ""
    # When inferred: how sure (0-1), whether that is too unsure to rely on, and the cues.
    seller_confidence: float | None = None
    seller_uncertain: bool = False
    seller_reasons: tuple[str, ...] = ()
    subject: str = ""
    metadata: dict[str, str] = field(default_factory=dict)

    def speakers(self) -> list[str]:
        """Speakers in order of first appearance."""
        seen: dict[str, None] = {}
        for turn in self.turns:
            seen.setdefault(turn.speaker, None)
        return list(seen)

    def with_seller(
        self,
        names: Iterable[str],
        *,
        inferred: bool = False,
        reason: str = "",
        confidence: float | None = None,
        uncertain: bool = False,
        reasons: Iterable[str] = (),
    ) -> Conversation:
        """Return a copy with roles assigned: the named speakers sell, the others are clients.

        An inferred seller carries the inference's confidence (0-1), whether it is uncertain,
        and its reasons, so every report can show them.
        """
        sellers = tuple(names)
        wanted = {fold_name(n) for n in sellers}
        roles: dict[str, Role] = {}  # by speaker: a call has a few speakers and many turns
        turns = []
        for turn in self.turns:
            role = roles.get(turn.speaker)
            if role is None:
                role = roles[turn.speaker] = _role_for(turn.speaker, wanted)
            turns.append(turn.with_role(role))
        return replace(
            self,
            turns=tuple(turns),
            seller=sellers,
            seller_inferred=inferred,
            seller_reason=reason,
            seller_confidence=confidence if inferred else None,
            seller_uncertain=uncertain and inferred,
            seller_reasons=tuple(reasons) if inferred else (),
        )


# Speaker labels that belong to nobody in the sale (captioning bots, unknown voices).
_NOBODY = {"", "unknown", "speaker", "narrator", "system", "bot", "notetaker"}


def fold_name(name: str) -> str:
    """A speaker or seller name as compared: case and spacing do not matter."""
    return " ".join(name.casefold().split())


def is_nobody(name: str) -> bool:
    """True for speaker labels that belong to nobody in the sale ("Unknown", "Notetaker")."""
    return fold_name(name) in _NOBODY


def _role_for(speaker: str, sellers: set[str]) -> Role:
    folded = fold_name(speaker)
    if folded in sellers:
        return Role.SELLER
    if folded in _NOBODY:
        return Role.OTHER
    return Role.CLIENT


def conversation_from_pairs(
    pairs: Sequence[tuple[str, str]], *, seller: str | None = None, source: str = "<memory>"
) -> Conversation:
    """Build a conversation from (speaker, text) pairs; handy in tests and notebooks."""
    conv = Conversation(tuple(Turn(s, t) for s, t in pairs), source=source)
    return conv.with_seller([seller]) if seller else conv
