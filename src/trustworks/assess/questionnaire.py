"""Questionnaires as data: the organisation trust audit and the personal self-assessment.

Each lives in a TOML file of this package (`audit.toml`, `selfassess.toml`), validated by
pydantic on load; a bad file fails with its name, the item id and the problem. Answers are a
mapping of item id -> option key, checked against the questionnaire before anything is scored
or stored.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from trustworks.errors import AnswersError, QuestionnaireError
from trustworks.signals.schema import Component

__all__ = [
    "AUDIT_FILE",
    "SELF_FILE",
    "AuditItem",
    "AuditOption",
    "Questionnaire",
    "SelfItem",
    "SelfOption",
    "audit_questionnaire",
    "check_answers",
    "load_questionnaire",
    "read_answers",
    "self_questionnaire",
]

AUDIT_FILE = "audit.toml"
SELF_FILE = "selfassess.toml"
Kind = Literal["audit", "self"]
Toward = Literal["clients", "staff", "suppliers"]

_ID = r"^[a-z][a-z0-9_]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class _Option(_Strict):
    key: str = Field(pattern=_ID)
    label: str = Field(min_length=1)


class AuditOption(_Option):
    """One answer to an audit item; `trust` says how far it trusts (0 = not at all, 4 = fully)."""

    trust: int = Field(ge=0, le=4)


class SelfOption(_Option):
    """A self-assessment answer; `goodness` as in the analyzer (positive: more trust)."""

    goodness: float = Field(ge=-2.0, le=2.0)


class _Item(_Strict):
    id: str = Field(pattern=_ID)
    question: str = Field(min_length=1)

    @model_validator(mode="after")
    def _options_are_distinct(self) -> _Item:
        keys = [o.key for o in self.options]  # type: ignore[attr-defined]
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise ValueError(f"duplicate option key(s) {duplicates}")
        return self

    def option(self, key: str) -> AuditOption | SelfOption | None:
        """The option with this key, or None."""
        for found in self.options:  # type: ignore[attr-defined]
            if found.key == key:
                return found  # type: ignore[no-any-return]
        return None


class AuditItem(_Item):
    """One practice of the trust audit: toward whom, the options, and what to change."""

    practice: str = Field(min_length=1)
    toward: Toward
    weight: float = Field(default=1.0, gt=0, le=5)
    change: str = Field(min_length=1)
    options: tuple[AuditOption, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _spans_the_scale(self) -> AuditItem:
        if max(o.trust for o in self.options) == 0:
            raise ValueError("no option scores above 0 trust, so the item cannot be scored")
        return self

    @cached_property  # read several times per item for every stored response scored
    def best(self) -> int:
        """The highest trust any option scores."""
        return max(o.trust for o in self.options)


class SelfItem(_Item):
    """One self-assessment statement about a Trust Equation component."""

    component: Component
    # The statement as someone else rates the person on it; raters see `question` without it.
    about: str | None = Field(default=None, min_length=1)
    options: tuple[SelfOption, ...] = Field(min_length=2)

    @property
    def for_rater(self) -> str:
        """The statement as a client or colleague answers it about the person."""
        return self.about or self.question


@dataclass(frozen=True)
class Questionnaire:
    """A loaded questionnaire: its kind, title, version, source file and items in file order."""

    kind: Kind
    title: str
    version: int
    source: str
    items: tuple[AuditItem, ...] | tuple[SelfItem, ...]

    def item(self, item_id: str) -> AuditItem | SelfItem | None:
        """The item with this id, or None."""
        for found in self.items:
            if found.id == item_id:
                return found
        return None


class _Header(_Strict):
    title: str = Field(min_length=1)
    version: int = Field(ge=1)


def _problem(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        msg = str(err["msg"]).removeprefix("Value error, ")
        parts.append(f"{loc}: {msg}" if loc else msg)
    return "; ".join(parts)


def load_questionnaire(path: Path | Any, kind: Kind) -> Questionnaire:
    """Read and validate a questionnaire file; errors name the file, the item and the problem."""
    name = str(path)
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise QuestionnaireError(name, f"not valid TOML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionnaireError(name, f"cannot be read: {exc}") from exc
    unknown = set(doc) - {"questionnaire", "item"}
    if unknown:
        raise QuestionnaireError(name, f"unknown top-level key(s) {sorted(unknown)}")
    try:
        header = _Header.model_validate(doc.get("questionnaire", {}))
    except ValidationError as exc:
        raise QuestionnaireError(name, f"[questionnaire] {_problem(exc)}") from exc
    entries = doc.get("item", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise QuestionnaireError(name, "'item' must be an array of tables ([[item]])")
    model: type[AuditItem] | type[SelfItem] = AuditItem if kind == "audit" else SelfItem
    items: list[Any] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        item_id = str(entry.get("id", f"#{index + 1}"))
        try:
            item = model.model_validate(entry)
        except ValidationError as exc:
            raise QuestionnaireError(name, _problem(exc), item_id) from exc
        if item.id in seen:
            raise QuestionnaireError(name, "duplicate item id", item.id)
        seen.add(item.id)
        items.append(item)
    if not items:
        raise QuestionnaireError(name, "the questionnaire has no items")
    if kind == "self":
        missing = {"credibility", "reliability", "intimacy", "self_orientation"} - {
            i.component for i in items
        }
        if missing:
            raise QuestionnaireError(name, f"no items for component(s) {sorted(missing)}")
    return Questionnaire(kind, header.title, header.version, name, tuple(items))


@cache
def audit_questionnaire() -> Questionnaire:
    """The packaged organisation trust audit."""
    return load_questionnaire(resources.files(__package__) / AUDIT_FILE, "audit")


@cache
def self_questionnaire() -> Questionnaire:
    """The packaged personal trust self-assessment."""
    return load_questionnaire(resources.files(__package__) / SELF_FILE, "self")


def read_answers(path: Path) -> dict[str, str]:
    """An answers file (TOML or JSON, by extension): item id = option key, flat or under `answers`.

    Values are taken as given; `check_answers` validates them against a questionnaire.
    """
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AnswersError(name, [("file", f"cannot be read: {exc}")]) from exc
    try:
        doc: Any = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        kind = "JSON" if path.suffix.lower() == ".json" else "TOML"
        raise AnswersError(name, [("file", f"not valid {kind}: {exc}")]) from exc
    if isinstance(doc, dict) and set(doc) == {"answers"}:
        doc = doc["answers"]
    if not isinstance(doc, dict):
        raise AnswersError(name, [("file", "expected a table of item id = option key")])
    return {str(k): v for k, v in doc.items()}


def check_answers(
    questionnaire: Questionnaire, answers: Mapping[str, Any], source: str = "answers"
) -> dict[str, str]:
    """The answers in questionnaire order, or AnswersError listing every missing item, unknown
    item and unknown option (every item must be answered)."""
    problems: list[tuple[str, str]] = []
    known = {i.id for i in questionnaire.items}
    for item_id in answers:
        if item_id not in known:
            problems.append((item_id, "not an item of this questionnaire"))
    checked: dict[str, str] = {}
    for item in questionnaire.items:
        if item.id not in answers:
            problems.append((item.id, "not answered (every item needs an answer)"))
            continue
        value = answers[item.id]
        if not isinstance(value, str) or item.option(value) is None:
            keys = ", ".join(o.key for o in item.options)
            problems.append((item.id, f"{value!r} is not one of its options ({keys})"))
            continue
        checked[item.id] = value
    if problems:
        raise AnswersError(source, problems)
    return checked
