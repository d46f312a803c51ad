"""The shape of a catalogue entry, validated by pydantic when a catalogue file loads."""

from __future__ import annotations

import re
import string
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

FAMILIES: tuple[str, ...] = (
    "customer_as_master",
    "honest_self_interest",
    "self_orientation",
    "intimacy",
    "credibility",
    "reliability",
    "listening",
    "price",
    "pressure",
    "mutual_risk",
    "time_respect",
    "servant_outcome",
)

# Conversation-level detectors implemented in code (trustworks.analysis); a signal naming one
# has no patterns, and its examples are short dialogues in "Name: text" lines. "semantic" is
# the sentence-meaning layer of trustworks.semantic (a model, so its findings carry a confidence).
DETECTORS: tuple[str, ...] = (
    "pouncing",
    "price_answer",
    "price_concern",
    "self_description",
    "commitment",
    "cut_short",
    "monologue",
    "interruption",
    "about_them",
    "declines",
    "echo",
    "plain_answer",
    "assumed_yes",
    "early_ask",
    "more_after_yes",
    "asked_again",
    "concerns",
    "feelings",
    "problems",
    "assurances",
    "next_steps",
    "yes_again",
    "splits",
    "lecturing",
    "semantic",
)

Component = Literal["credibility", "reliability", "intimacy", "self_orientation"]
Speaker = Literal["seller", "client", "any"]

# Placeholders a rewrite template may use: the matched words, the sentence around them,
# the parts of the sentence before and after the match, and (for detectors) the client's
# words the seller was answering. Kept words are only used when they are safe (see
# trustworks.analysis.coach), so a template that uses any needs a plain fallback sentence.
REWRITE_FIELDS = frozenset({"match", "sentence", "before", "after", "client"})
_ID = r"^[a-z][a-z0-9_]{2,60}$"
_ESCAPE = re.compile(r"\\.")


def template_fields(template: str) -> set[str]:
    """The placeholders a rewrite template uses; ValueError when it is malformed.

    Only bare names are allowed: ``{client!r}`` or ``{match:>9}`` would show a user Python's
    formatting, so a conversion or format spec counts as an unknown placeholder.
    """
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise ValueError(f"rewrite template is malformed: {exc}") from exc
    names = set()
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        names.add(name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else ""))
    return names


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def check_piece(pattern: str, what: str = "pattern") -> re.Pattern[str]:
    """``pattern`` compiled; ValueError when it does not compile or has capital letters."""
    try:
        compiled = _compile(pattern)
    except re.error as exc:
        raise ValueError(f"{what} {pattern!r} does not compile: {exc}") from exc
    if any(c.isupper() for c in _ESCAPE.sub("", pattern)):
        raise ValueError(
            f"{what} {pattern!r} has capital letters; write patterns in lower case "
            "(they are matched against lower-cased text)"
        )
    return compiled


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID)
    description: str = Field(min_length=10)
    speaker: Speaker = "seller"
    patterns: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    examples: tuple[str, ...] = Field(min_length=1)
    near_misses: tuple[str, ...] = Field(min_length=1)

    @field_validator("patterns", "exclude")
    @classmethod
    def _patterns_compile(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in value:
            if check_piece(pattern).match(""):
                raise ValueError(f"pattern {pattern!r} matches the empty string")
        return value


class Cue(_Rule):
    """A building block detectors use (a client stating a need, a pitch, a price question)."""


class Signal(_Rule):
    """One way trust is built or spent, with why it matters and what to do instead."""

    family: str
    component: Component
    polarity: Literal[-1, 1]
    weight: float = Field(default=1.0, gt=0, le=3)
    coaching: str = Field(min_length=10)
    rewrite: str | None = None
    rewrite_fallback: str | None = None
    detector: str | None = None
    # How often this signal's findings were right when audited on talk nobody here wrote; set
    # from the catalogue's confidence.toml (`signals.loader`), never in a family file.
    confidence: float = Field(default=1.0, gt=0, le=1)

    @field_validator("family")
    @classmethod
    def _known_family(cls, value: str) -> str:
        if value not in FAMILIES:
            raise ValueError(f"unknown family {value!r}; expected one of {', '.join(FAMILIES)}")
        return value

    @field_validator("detector")
    @classmethod
    def _known_detector(cls, value: str | None) -> str | None:
        if value is not None and value not in DETECTORS:
            raise ValueError(f"unknown detector {value!r}; expected one of {', '.join(DETECTORS)}")
        return value

    @field_validator("rewrite", "rewrite_fallback")
    @classmethod
    def _rewrite_fields(cls, value: str | None) -> str | None:
        if value is None:
            return value
        if not value.strip():
            raise ValueError("rewrite is empty")
        unknown = template_fields(value) - REWRITE_FIELDS
        if unknown:
            raise ValueError(
                f"rewrite uses unknown placeholder(s) {sorted(unknown)}; "
                f"allowed: {sorted(REWRITE_FIELDS)}"
            )
        return value

    @model_validator(mode="after")
    def _patterns_or_detector(self) -> Signal:
        if self.detector is None and not self.patterns:
            raise ValueError("a signal needs patterns or a detector")
        if self.detector is not None and self.patterns:
            raise ValueError("a detector signal has no patterns (its detector finds it)")
        if self.polarity < 0 and self.detector is None and self.rewrite is None:
            raise ValueError("a phrase signal that spends trust needs a rewrite template")
        if self.rewrite_fallback is not None:
            if self.rewrite is None:
                raise ValueError("rewrite_fallback without a rewrite template")
            if template_fields(self.rewrite_fallback):
                raise ValueError(
                    "rewrite_fallback must be a plain sentence (no placeholders): it is said "
                    "when the template's kept words are unsafe"
                )
        elif self.rewrite is not None and template_fields(self.rewrite):
            raise ValueError(
                "a rewrite that keeps the speaker's words needs rewrite_fallback, a plain "
                "sentence said when those words would be unsafe or too few"
            )
        return self
