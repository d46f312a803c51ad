"""Coach annotations of outside conversations: the schema, validated on load.

``annotations.toml`` (a ``version`` key and one ``[[conversation]]`` table per conversation,
each with its ``[[conversation.moment]]`` tables) is data, checked like the catalogue: a bad
entry fails with the file, the conversation id and the moment, in one line. The
conversations themselves are JSON turns files in a ``conversations/`` folder beside it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from trustworks.conversation import Conversation, fold_name
from trustworks.errors import CatalogueError, InputError
from trustworks.signals.schema import FAMILIES

ANNOTATIONS_FILE = "annotations.toml"
CONVERSATIONS_DIR = "conversations"
SUPPORTED_VERSIONS = (1,)

_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
_Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=80)]
_FileName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*\.json$")]


class _MomentEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    turn: int = Field(ge=0, strict=True)
    family: _Text
    polarity: Literal[1, -1]
    also: tuple[_Text, ...] = ()
    note: _Text


class _ConversationEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: _Id
    file: _FileName
    title: str = ""
    source: _Text
    licence: _Text
    url: _Text
    domain: _Text
    seller: tuple[_Text, ...] = Field(min_length=1)
    grade: float = Field(ge=1, le=10)
    moment: tuple[_MomentEntry, ...] = ()


class _AnnotationFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    conversation: tuple[_ConversationEntry, ...] = Field(min_length=1)

    @field_validator("version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value not in SUPPORTED_VERSIONS:
            known = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
            raise ValueError(f"version {value} is not supported (this Trustworks reads {known})")
        return value


@dataclass(frozen=True, slots=True)
class Moment:
    """A moment a coach flagged: a turn, the family of behaviour and whether it builds trust."""

    turn: int
    family: str
    polarity: int
    note: str
    also: tuple[str, ...] = ()

    @property
    def families(self) -> tuple[str, ...]:
        """Every family a finding may have and still match this moment."""
        return (self.family, *self.also)


@dataclass(frozen=True, slots=True)
class AnnotatedConversation:
    """One outside conversation with its coach's grade and moments."""

    id: str
    file: str
    title: str
    source: str
    licence: str
    url: str
    domain: str
    seller: tuple[str, ...]
    grade: float
    moments: tuple[Moment, ...]
    conversation: Conversation


@dataclass(frozen=True, slots=True)
class AnnotationSet:
    """Every annotated conversation of one annotation file."""

    source: str
    version: int
    conversations: tuple[AnnotatedConversation, ...]

    @property
    def moments(self) -> int:
        """How many moments the coach flagged in all conversations."""
        return sum(len(c.moments) for c in self.conversations)


# Reads one conversation file by name; raises InputError when it cannot.
ConversationReader = Callable[[str], Conversation]


def _where(doc: Mapping[str, Any], loc: tuple[int | str, ...]) -> tuple[str | None, str]:
    """Turn a pydantic location into (conversation id, 'moment 3: polarity')."""
    conv_id: str | None = None
    parts: list[str] = []
    items = list(loc)
    if len(items) >= 2 and items[0] == "conversation" and isinstance(items[1], int):
        index = items[1]
        entries = doc.get("conversation")
        entry = entries[index] if isinstance(entries, list) and index < len(entries) else None
        raw_id = entry.get("id") if isinstance(entry, dict) else None
        conv_id = raw_id if isinstance(raw_id, str) else f"conversation {index + 1}"
        items = items[2:]
        if len(items) >= 2 and items[0] == "moment" and isinstance(items[1], int):
            parts.append(f"moment {items[1] + 1}")
            items = items[2:]
    if items:
        parts.append(".".join(str(p) for p in items))
    return conv_id, ": ".join(parts)


def _schema_error(name: str, doc: Mapping[str, Any], exc: ValidationError) -> CatalogueError:
    error = exc.errors()[0]
    conv_id, where = _where(doc, tuple(error["loc"]))
    message = str(error["msg"]).removeprefix("Value error, ")
    problem = f"{where}: {message}" if where else message
    more = len(exc.errors()) - 1
    if more:
        problem += f" (and {more} more problem{'s' if more > 1 else ''})"
    return CatalogueError(name, problem, conv_id)


def _check(
    name: str, entry: _ConversationEntry, conversation: Conversation, families: set[str]
) -> tuple[Moment, ...]:
    speakers = {fold_name(s): s for s in conversation.speakers()}
    for seller in entry.seller:
        if fold_name(seller) not in speakers:
            found = ", ".join(repr(s) for s in conversation.speakers())
            raise CatalogueError(
                name,
                f"seller {seller!r} does not speak in {entry.file} (speakers: {found})",
                entry.id,
            )
    sellers = {fold_name(s) for s in entry.seller}
    moments: list[Moment] = []
    for number, raw in enumerate(entry.moment, start=1):
        where = f"moment {number}"
        for family in (raw.family, *raw.also):
            if family not in families:
                raise CatalogueError(
                    name,
                    f"{where}: unknown family {family!r}; expected one of "
                    f"{', '.join(sorted(families))}",
                    entry.id,
                )
        if raw.family in raw.also:
            raise CatalogueError(
                name, f"{where}: 'also' repeats the family {raw.family!r}", entry.id
            )
        if raw.turn >= len(conversation.turns):
            raise CatalogueError(
                name,
                f"{where}: turn {raw.turn} is past the end of {entry.file} "
                f"({len(conversation.turns)} turns, numbered from 0)",
                entry.id,
            )
        speaker = conversation.turns[raw.turn].speaker
        if fold_name(speaker) not in sellers:
            raise CatalogueError(
                name,
                f"{where}: turn {raw.turn} is spoken by {speaker!r}, not by the seller "
                f"({', '.join(entry.seller)})",
                entry.id,
            )
        moments.append(Moment(raw.turn, raw.family, raw.polarity, raw.note, raw.also))
    return tuple(moments)


def parse_annotations(
    doc: Mapping[str, Any],
    name: str,
    read: ConversationReader,
) -> AnnotationSet:
    """Validate a parsed annotation document and read every conversation it names."""
    try:
        parsed = _AnnotationFile.model_validate(doc)
    except ValidationError as exc:
        raise _schema_error(name, doc, exc) from None
    families = set(FAMILIES)
    seen_ids: set[str] = set()
    seen_files: set[str] = set()
    conversations: list[AnnotatedConversation] = []
    for entry in parsed.conversation:
        if entry.id in seen_ids:
            raise CatalogueError(name, "the id is used by another conversation too", entry.id)
        if entry.file in seen_files:
            raise CatalogueError(name, f"{entry.file} is annotated twice", entry.id)
        seen_ids.add(entry.id)
        seen_files.add(entry.file)
        try:
            conversation = read(entry.file)
        except InputError as exc:
            raise CatalogueError(name, f"cannot read {entry.file}: {exc}", entry.id) from None
        moments = _check(name, entry, conversation, families)
        conversations.append(
            AnnotatedConversation(
                id=entry.id,
                file=entry.file,
                title=entry.title,
                source=entry.source,
                licence=entry.licence,
                url=entry.url,
                domain=entry.domain,
                seller=entry.seller,
                grade=entry.grade,
                moments=moments,
                conversation=conversation,
            )
        )
    return AnnotationSet(name, parsed.version, tuple(conversations))


def _reader(folder: Traversable, label: str) -> ConversationReader:
    from trustworks.ingest import parse

    def read(file: str) -> Conversation:
        target = folder / file
        source = f"{label}/{file}"
        if not target.is_file():
            raise InputError(source, "no such file")
        try:
            text = target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(source, f"cannot be read: {exc}") from None
        return parse(text, source, "json")

    return read


# The annotated sets shipped inside the package, each a folder of ``trustworks.evaluate``: the
# first outside set, and two later ones read by nobody here before their annotations were
# written (clinic visits and service chats; negotiations). The blind holdouts are not here:
# they are run once a session, by hand, never by a command that invites reading them.
SHIPPED_SETS = (
    "outside",
    "outside2",
    "outside3",
    "outside4",
    "outside5",
    "outside6",
    "outside7",
    "outside8",
    "outside9",
    "outside10",
    "outside11",
    "outside12",
    "outside13",
    "outside14",
    "outside15",
    "outside16",
)


def load_shipped_set(name: str) -> AnnotationSet:
    """One of ``SHIPPED_SETS``, read from the installed package."""
    if name not in SHIPPED_SETS:
        known = ", ".join(SHIPPED_SETS)
        raise InputError(name, f"no such annotated set (shipped: {known})")
    if name == "outside":
        return load_annotations()
    folder = resources.files("trustworks.evaluate") / name
    loaded = load_annotations(Path(str(folder / ANNOTATIONS_FILE)))
    return replace(loaded, source=f"trustworks/evaluate/{name}/{ANNOTATIONS_FILE}")


def pool(sets: tuple[AnnotationSet, ...]) -> AnnotationSet:
    """Several annotated sets as one, so each measure is taken over all their conversations."""
    seen: dict[str, str] = {}
    for annotated in sets:
        for item in annotated.conversations:
            if item.id in seen:
                raise CatalogueError(
                    annotated.source, f"conversation {item.id!r} is also in {seen[item.id]}"
                )
            seen[item.id] = annotated.source
    return AnnotationSet(
        source=" + ".join(a.source for a in sets),
        version=max(a.version for a in sets),
        conversations=tuple(c for a in sets for c in a.conversations),
    )


def load_annotations(path: Path | None = None) -> AnnotationSet:
    """Load and check an annotation file (default: the packaged outside set).

    The conversations are read from the ``conversations/`` folder beside the file.
    """
    if path is None:
        root: Traversable = resources.files(__package__)
        name = f"trustworks/evaluate/outside/{ANNOTATIONS_FILE}"
        source: Traversable = root / ANNOTATIONS_FILE
        folder_label = f"trustworks/evaluate/outside/{CONVERSATIONS_DIR}"
    else:
        root = Path(path).parent
        name = str(path)
        source = Path(path)
        folder_label = str(Path(path).parent / CONVERSATIONS_DIR)
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogueError(name, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueError(name, f"cannot be read: {exc}") from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(name, f"not valid TOML: {exc}") from None
    return parse_annotations(doc, name, _reader(root / CONVERSATIONS_DIR, folder_label))
