"""Import accounts, people and deals from CRM CSV exports, mapped by a TOML file, all or nothing.

A mapping (`mappings/*.toml`, or the user's own file) says which columns fill which ledger
field, how source values such as deal stages translate, and which date formats to accept.
Every row is checked before anything is written, and the rows are written in one transaction:
a bad row, an error or a killed process leaves the ledger as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tomllib
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from trustworks.errors import (
    ConflictError,
    DatabaseError,
    EncodingError,
    FieldError,
    FormatError,
    ImportFileError,
    InputError,
    NotFoundError,
    TrustworksError,
)
from trustworks.ingest.decode import decode_text
from trustworks.ingest.read import DEFAULT_MAX_BYTES, read_source
from trustworks.ledger import repository, tables
from trustworks.ledger.database import Ledger
from trustworks.ledger.entities import Kind, kind
from trustworks.ledger.owners import OwnerLinks, Owners, link_owners
from trustworks.plural import counted

KINDS: tuple[str, ...] = ("accounts", "people", "deals")
BUILTIN_MAPPINGS: tuple[str, ...] = ("hubspot", "salesforce", "trustworks")
MAX_MAPPING_BYTES = 1024 * 1024

ProgressCallback = Callable[[int, int], None]
"""Called as `progress(rows_written, rows_to_write)` while an import writes."""

_Column = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
_Join = Annotated[list[_Column], Field(min_length=1)]


class _FirstOf(BaseModel):
    model_config = ConfigDict(extra="forbid")
    first_of: Annotated[list[_Column | _Join], Field(min_length=1)]


_ColumnSpec = _Column | _Join | _FirstOf


class _EntityFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    fields: dict[str, _ColumnSpec]
    values: dict[str, dict[str, str]] = {}
    account_external_id: _ColumnSpec | None = None


class _MappingFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str = ""
    delimiter: Annotated[str, StringConstraints(min_length=1, max_length=1)] = ","
    date_formats: Annotated[list[str], Field(min_length=1)] = ["%Y-%m-%d"]
    ends_at_blank_line: bool = False
    accounts: _EntityFile | None = None
    people: _EntityFile | None = None
    deals: _EntityFile | None = None


@dataclass(frozen=True)
class Source:
    """Where a field's value comes from: the first option with a value; an option joins columns."""

    options: tuple[tuple[str, ...], ...]

    def columns(self) -> list[str]:
        """Every column named, in order."""
        return [c for option in self.options for c in option]

    def describe(self) -> str:
        """The columns as a mapping names them: "First Name" + "Last Name", or ... or ..."""
        return " or ".join(" + ".join(f'"{c}"' for c in option) for option in self.options)


@dataclass(frozen=True)
class EntityMapping:
    """How one kind of entry is read: field -> source, value translations, account id column."""

    kind: Kind
    fields: dict[str, Source]
    values: dict[str, dict[str, str]]  # field -> normalised source value -> ledger value
    account_external_id: Source | None = None
    types: dict[str, str] = field(default_factory=dict)  # field -> "date", "number" or "text"


@dataclass(frozen=True)
class ColumnMapping:
    """A validated mapping file."""

    name: str
    description: str
    delimiter: str
    date_formats: tuple[str, ...]
    ends_at_blank_line: bool
    entities: dict[str, EntityMapping]

    def entity(self, plural: str) -> EntityMapping:
        """The mapping for `accounts`, `people` or `deals`; refuses what the file does not map."""
        if plural not in KINDS:
            raise NotFoundError(f"cannot import {plural!r}: expected one of {', '.join(KINDS)}")
        if plural not in self.entities:
            raise NotFoundError(f"the {self.name} mapping has no [{plural}] section")
        return self.entities[plural]


@dataclass(frozen=True)
class ParsedRow:
    """One data row, mapped to ledger field values and checked against the kind's schema."""

    line: int
    values: dict[str, Any]
    account_external_id: str | None = None


@dataclass
class ParsedFile:
    """Every valid row of a file, the problems of the others, and what the header lacked."""

    source: str
    kind: str
    rows: list[ParsedRow]
    problems: list[tuple[int, str]]
    records: int
    missing_columns: list[str] = field(default_factory=list)
    footer_line: int | None = None


@dataclass(frozen=True)
class ImportReport:
    """What an import did: rows read, entries created and updated, rows skipped."""

    source: str
    kind: str
    rows: int
    created: int
    updated: int
    accounts_created: int
    skipped: tuple[tuple[int, str], ...] = ()
    missing_columns: tuple[str, ...] = ()
    footer_line: int | None = None
    # Accounts this import left without an owner (line, name): no seller sees them.
    unowned: tuple[tuple[int, str], ...] = ()
    # Rows whose owner matched no user and were imported owned by nobody (line, owner text).
    unmatched_owners: tuple[tuple[int, str], ...] = ()
    # Owner texts stored as a user's ledger name spelt otherwise: (text, name, rows).
    owners_linked: tuple[tuple[str, str, int], ...] = ()

    def summary(self) -> str:
        """One line: "p.csv: 12 rows: created 10, updated 2 people; created 3 accounts..."."""
        what = kind(self.kind)  # the noun agrees with the count just before it
        text = (
            f"{self.source}: {counted(self.rows, 'row')}: created {self.created}, "
            f"updated {counted(self.updated, what.name, what.plural)}"
        )
        if self.accounts_created:
            text += f"; created {counted(self.accounts_created, 'account')} they named"
        if self.skipped:
            text += f"; skipped {counted(len(self.skipped), 'invalid row')}"
        return text


# Loading mappings ------------------------------------------------------------------------------


def load_mapping(name_or_path: str | Path) -> ColumnMapping:
    """A shipped mapping by name (hubspot, salesforce, trustworks) or a mapping file by path."""
    text = str(name_or_path)
    if text in BUILTIN_MAPPINGS:
        resource = resources.files("trustworks.ledger") / "mappings" / f"{text}.toml"
        return parse_mapping(resource.read_text(encoding="utf-8"), f"{text}.toml", text)
    if not text.endswith(".toml") and not Path(text).exists():
        raise InputError(
            text, f"no such mapping: expected {', '.join(BUILTIN_MAPPINGS)} or a .toml file"
        )
    data, source = read_source(text, MAX_MAPPING_BYTES)
    if not data.strip():
        raise FormatError(source, "empty mapping file")
    return parse_mapping(decode_text(data, source, "utf-8"), source, Path(text).stem)


def parse_mapping(text: str, source: str, name: str | None = None) -> ColumnMapping:
    """Validate mapping TOML; a problem raises FormatError naming `source` and the entry."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FormatError(source, f"not valid TOML: {exc}") from None
    try:
        parsed = _MappingFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"] if not str(p).startswith("function-"))
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise FormatError(source, f"{where or 'mapping'}: {err['msg']}{more}") from None
    for fmt in parsed.date_formats:
        _check_date_format(fmt, source)
    entities: dict[str, EntityMapping] = {}
    for plural in KINDS:
        spec: _EntityFile | None = getattr(parsed, plural)
        if spec is not None:
            entities[plural] = _entity(plural, spec, source)
    if not entities:
        raise FormatError(source, "maps nothing: add an [accounts], [people] or [deals] section")
    return ColumnMapping(
        name=name or Path(source).stem,
        description=parsed.description,
        delimiter=parsed.delimiter,
        date_formats=tuple(parsed.date_formats),
        ends_at_blank_line=parsed.ends_at_blank_line,
        entities=entities,
    )


def _entity(plural: str, spec: _EntityFile, source: str) -> EntityMapping:
    kind_ = kind(plural)
    known = kind_.schema.model_fields
    for name in spec.fields:
        if name not in known:
            raise FormatError(
                source, f"{plural}.fields.{name}: not a field of {kind_.name} ({', '.join(known)})"
            )
    for name, info in known.items():
        if info.is_required() and name not in spec.fields:
            raise FormatError(source, f"{plural}.fields: the required field {name!r} is not mapped")
    values: dict[str, dict[str, str]] = {}
    for name, table in spec.values.items():
        if name not in spec.fields:
            raise FormatError(source, f"{plural}.values.{name}: {name!r} is not in {plural}.fields")
        choices = _choices(known[name].annotation)
        normalised: dict[str, str] = {}
        for key, target in table.items():
            if choices and target not in choices:
                raise FormatError(
                    source,
                    f"{plural}.values.{name}.{key}: {target!r} is not one of {', '.join(choices)}",
                )
            if normalised.get(_norm(key), target) != target:
                raise FormatError(source, f"{plural}.values.{name}.{key}: given twice, differently")
            normalised[_norm(key)] = target
        values[name] = normalised
    if spec.account_external_id is not None and "account" not in known:
        raise FormatError(source, f"{plural}.account_external_id: {plural} have no account")
    return EntityMapping(
        kind=kind_,
        fields={name: _source(s) for name, s in spec.fields.items()},
        values=values,
        types={name: _type_of(known[name].annotation) for name in spec.fields},
        account_external_id=None
        if spec.account_external_id is None
        else _source(spec.account_external_id),
    )


def _source(spec: str | list[str] | _FirstOf) -> Source:
    if isinstance(spec, str):
        return Source(((spec,),))
    if isinstance(spec, list):
        return Source((tuple(spec),))
    return Source(tuple((o,) if isinstance(o, str) else tuple(o) for o in spec.first_of))


def _check_date_format(fmt: str, source: str) -> None:
    sample = dt.datetime(2024, 11, 23, 13, 45, 30)  # day > 12 and hour > 12 catch swapped fields
    try:
        back = dt.datetime.strptime(sample.strftime(fmt), fmt)
    except ValueError:
        back = None
    if "%" not in fmt or back is None or back.date() != sample.date():
        raise FormatError(source, f"date_formats: {fmt!r} does not read back a whole date")


def _choices(annotation: Any) -> tuple[str, ...]:
    """The allowed values of a Literal field (inside Optional or Annotated), else ()."""
    origin = get_origin(annotation)
    if origin is Literal:
        return tuple(str(a) for a in get_args(annotation))
    if origin in (Union, types.UnionType, Annotated):
        for arg in get_args(annotation):
            found = _choices(arg)
            if found:
                return found
    return ()


def _type_of(annotation: Any) -> str:
    if _has_type(annotation, dt.date):
        return "date"
    numeric = _has_type(annotation, float) or _has_type(annotation, Decimal)
    return "number" if numeric else "text"


def _has_type(annotation: Any, wanted: type) -> bool:
    if annotation is wanted:
        return True
    if get_origin(annotation) in (Union, types.UnionType, Annotated):
        return any(_has_type(a, wanted) for a in get_args(annotation))
    return False


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


# Reading files ---------------------------------------------------------------------------------


def import_file(
    ledger: Ledger,
    kind_name: str,
    path: str | Path,
    mapping: ColumnMapping | str,
    *,
    skip_invalid: bool = False,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: ProgressCallback | None = None,
    owners: Owners | None = None,
) -> ImportReport:
    """Import a CSV file of `kind_name` (accounts, people, deals) in one transaction.

    Decoded as UTF-8 (with or without BOM) unless `encoding` says otherwise. `owners` says
    how the owner column links to users (see trustworks.ledger.owners).
    """
    chosen = load_mapping(mapping) if isinstance(mapping, str) else mapping
    chosen.entity(kind_name)  # an unknown kind fails before the file is read
    data, source = read_source(path, max_bytes)
    source = Path(source).name if source != "<stdin>" else source
    text = _decode(data, source, encoding)
    return import_text(
        ledger,
        kind_name,
        text,
        source,
        chosen,
        skip_invalid=skip_invalid,
        progress=progress,
        owners=owners,
    )


def import_text(
    ledger: Ledger,
    kind_name: str,
    text: str,
    source: str,
    mapping: ColumnMapping | str,
    *,
    skip_invalid: bool = False,
    progress: ProgressCallback | None = None,
    owners: Owners | None = None,
) -> ImportReport:
    """Import CSV text; raises ImportFileError, writing nothing, when any row is invalid, or
    when an owner matches no user (unless `owners.unmatched` is "nobody").

    With `skip_invalid` the valid rows are written and the others listed in the report.
    """
    chosen = load_mapping(mapping) if isinstance(mapping, str) else mapping
    parsed = parse_csv(text, source, kind_name, chosen)
    if parsed.problems and not skip_invalid:
        raise ImportFileError(source, list(parsed.problems))
    with ledger.session() as session:
        links = check_owners(session, parsed, owners or Owners())
        report = write_rows(session, parsed, progress=progress, links=links)
        if report.skipped and not skip_invalid:
            raise ImportFileError(source, list(report.skipped))  # rolls the transaction back
    return report


def _decode(data: bytes, source: str, encoding: str | None = None) -> str:
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise InputError(source, "empty file: expected a header row of column names")
    try:
        return decode_text(data, source, encoding or "utf-8")
    except EncodingError as exc:
        if encoding is not None:
            raise
        hint = "; save it as UTF-8, or name its encoding (--encoding cp1252)"
        raise EncodingError(source, exc.problem + hint, exc.line) from None


def parse_csv(text: str, source: str, kind_name: str, mapping: ColumnMapping) -> ParsedFile:
    """Map and check every row of CSV text without touching the database.

    A header without a required column, or text that is not CSV, raises ImportFileError.
    """
    entity = mapping.entity(kind_name)
    text = _clean_text(text, source)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=mapping.delimiter, strict=True)
    records = _records(reader, source)
    try:
        header_line, header = next(records)
    except StopIteration:
        raise InputError(source, "empty file: expected a header row of column names") from None
    index = _header_index(header)
    missing = _check_header(entity, index, header, source, header_line, mapping.name)
    plan = [(name, _positions(src, index)) for name, src in entity.fields.items()]
    account_external = (
        () if entity.account_external_id is None else _positions(entity.account_external_id, index)
    )
    parsed = ParsedFile(source, kind_name, [], [], 0, missing_columns=missing)
    for line, cells in records:
        if not cells:
            if mapping.ends_at_blank_line and parsed.records:
                parsed.footer_line = line
                break
            continue
        if not any(c.strip() for c in cells):
            continue
        parsed.records += 1
        if len(cells) > len(header):
            parsed.problems.append(
                (line, f"{len(cells)} values but the header has {len(header)} columns")
            )
            continue
        try:
            values = _parse_row(entity, mapping, plan, cells)
        except _RowError as exc:
            parsed.problems.append((line, str(exc)))
            continue
        parsed.rows.append(ParsedRow(line, values, _value(account_external, cells) or None))
    return parsed


def _clean_text(text: str, source: str) -> str:
    text = text.removeprefix("\ufeff")
    if "\r" in text:  # the same line ends as decode_text, so line numbers agree
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise EncodingError(source, "binary data, not text (a NUL character)", line)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        raise EncodingError(source, "text with an unpaired surrogate character", line) from None
    return text


def _records(reader: Any, source: str) -> Iterator[tuple[int, list[str]]]:
    """(first physical line, cells) of each record; a quoted field may span several lines."""
    last = 0
    while True:
        try:
            cells: list[str] = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportFileError(source, [(reader.line_num, f"not valid CSV: {exc}")]) from None
        yield last + 1, cells
        last = reader.line_num


def _header_index(header: list[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for position, name in enumerate(header):
        index.setdefault(_norm(name), position)  # a repeated column: the first one counts
    index.pop("", None)
    return index


def _check_header(
    entity: EntityMapping,
    index: dict[str, int],
    header: list[str],
    source: str,
    line: int,
    mapping_name: str,
) -> list[str]:
    """Refuse a header that lacks a required field's columns; return optional ones it lacks."""
    missing_required: list[str] = []
    missing_optional: list[str] = []
    model_fields = entity.kind.schema.model_fields
    for name, src in entity.fields.items():
        usable = any(all(_norm(c) in index for c in option) for option in src.options)
        if usable:
            continue
        if model_fields[name].is_required():
            missing_required.append(f"{src.describe()} (for {name})")
        elif not any(_norm(c) in index for c in src.columns()):
            missing_optional.extend(src.columns())
    if missing_required:
        found = [f'"{c}"' for c in header if c.strip()]
        shown = ", ".join(found[:30]) + (f" and {len(found) - 30} more" if len(found) > 30 else "")
        problem = (
            f"the {mapping_name} mapping for {entity.kind.plural} needs "
            f"{' and '.join(missing_required)}, which the header lacks; found: {shown or 'nothing'}"
        )
        raise ImportFileError(source, [(line, problem)])
    return missing_optional


def _positions(src: Source, index: dict[str, int]) -> _Positions:
    """Where each option's columns are in this file's header (the options it has)."""
    found = (tuple(index[c] for c in map(_norm, option) if c in index) for option in src.options)
    return tuple(option for option in found if option)


_Positions = tuple[tuple[int, ...], ...]


def _parse_row(
    entity: EntityMapping,
    mapping: ColumnMapping,
    plan: list[tuple[str, _Positions]],
    cells: list[str],
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, positions in plan:
        raw = _value(positions, cells)
        if not raw:
            continue  # blank: not given, and never erases what the ledger has
        if name in entity.values:
            raw = entity.values[name].get(_norm(raw), raw)
        type_ = entity.types[name]
        if type_ == "date":
            values[name] = _parse_date(raw, mapping.date_formats, name, entity.fields[name])
        elif type_ == "number":
            values[name] = _parse_number(raw)
        else:
            values[name] = raw
    if entity.kind.name == "deal":
        _closing_dates(values)
    try:
        repository.validate(entity.kind, values)
    except FieldError as exc:
        src_ = entity.fields.get(exc.field)
        where = f" (column {src_.describe()})" if src_ is not None else ""
        problem = str(exc)
        if exc.field == "email" and "pattern" in exc.problem:  # the schema's regex helps nobody
            problem = f"email: {_shown(values['email'])} is not an e-mail address"
        raise _RowError(f"{problem}{where}") from None
    return values


class _RowError(Exception):
    """One row's problem, "field: what is wrong"; collected with its line, never raised out."""


def _value(positions: _Positions, cells: list[str]) -> str:
    for option in positions:
        parts = (cells[p].strip() for p in option if p < len(cells))
        text = " ".join(p for p in parts if p)
        if text:
            return text
    return ""


def _parse_date(raw: str, formats: tuple[str, ...], name: str, src: Source) -> dt.date:
    for fmt in formats:
        try:
            return dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    try:  # ISO 8601 is unambiguous, so it is always accepted
        return dt.datetime.fromisoformat(raw).date()
    except ValueError:
        pass
    raise _RowError(
        f"{name}: {_shown(raw)} is not a date in the format(s) {', '.join(formats)} "
        f"(column {src.describe()})"
    )


# "$1,250.50", "USD 1250", "12%": the number inside, else the text for the schema to refuse.
_NUMBER = re.compile(
    r"(?:[A-Za-z]{3}\s?|[$€£¥]\s?)?(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s?%?", re.ASCII
)


def _shown(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:40] + "...")


def _parse_number(raw: str) -> Decimal | str:
    # A Decimal, so an amount keeps every digit (a float rounds 12345678901234567).
    match = _NUMBER.fullmatch(raw)
    return Decimal(match.group(1).replace(",", "")) if match else raw


def _closing_dates(values: dict[str, Any]) -> None:
    """CRMs keep one Close Date: for a won or lost deal it is the day it closed."""
    if values.get("stage") in ("won", "lost"):
        closed = values.setdefault("closed_on", values.get("expected_close"))
        if closed is not None:
            values.setdefault("stage_on", closed)
    elif "stage" in values:
        values.setdefault("closed_on", None)  # a deal reopened in the CRM is open here too


# Writing ---------------------------------------------------------------------------------------

_Table = type[tables.Account] | type[tables.Person] | type[tables.Deal]
_TABLES: dict[str, _Table] = {
    "account": tables.Account,
    "person": tables.Person,
    "deal": tables.Deal,
}


@dataclass
class _Index:
    """One table's entries by (account, lower-cased name) and by external id, read once.

    Accounts use account 0. Kept current as rows are written, so a file's own rows match too.
    """

    what: str
    by_name: dict[tuple[int, str], int] = field(default_factory=dict)
    by_external: dict[str, int] = field(default_factory=dict)
    keys: dict[int, tuple[tuple[int, str], str | None]] = field(default_factory=dict)
    # Names more than one entry has (accounts of different owners): a name alone is ambiguous.
    shared: set[tuple[int, str]] = field(default_factory=set)

    @classmethod
    def load(cls, session: Session, kind_name: str) -> _Index:
        table = _TABLES[kind_name]
        account = getattr(table, "account_id", literal(0))
        index = cls(kind_name)
        query = select(table.id, account, table.name, table.external_id).order_by(table.id)
        for ident, account_id, name, external in session.execute(query):
            index.learn(ident, account_id, name, external)
        return index

    def find(self, account_id: int, name: str, external: str | None) -> int | None:
        """The entry with this external id, else the one with this name at the account."""
        if external and external in self.by_external:
            return self.by_external[external]
        ident = self.by_name.get((account_id, name.lower()))
        known = None if ident is None else self.keys[ident][1]
        # Same name, other ids: two records of the source, which one entry must not merge.
        if known and external and known != external:
            raise ConflictError(
                f"{self.what} {name!r} already exists with external id {known!r} "
                f"(id {ident}), and this row's is {external!r}"
            )
        return ident

    def learn(self, ident: int, account_id: int, name: str, external: str | None) -> None:
        old_key, old_external = self.keys.get(ident, (None, None))
        if old_key is not None and self.by_name.get(old_key) == ident:
            del self.by_name[old_key]  # renamed or moved
        key = (account_id, name.lower())
        if self.by_name.setdefault(key, ident) != ident:
            self.shared.add(key)
        external = external or old_external
        if external:
            self.by_external.setdefault(external, ident)
        self.keys[ident] = (key, external)


def check_owners(session: Session, parsed: ParsedFile, owners: Owners) -> OwnerLinks:
    """Link the rows' owner texts to users before anything is written; rows whose owner
    matches no user raise ImportFileError listing them, unless `owners.unmatched` is
    "nobody"."""
    texts = [(row.line, str(row.values["owner"])) for row in parsed.rows if row.values.get("owner")]
    links = link_owners(session, owners, texts)
    if links.unmatched and owners.unmatched == "refuse":
        raise ImportFileError(parsed.source, links.problems("owner"))
    return links


# What a row wrote, for the indexes to learn once its savepoint holds: (index, id, account, name,
# external id).
_Learned = list[tuple[_Index, int, int, str, str | None]]


def write_rows(
    session: Session,
    parsed: ParsedFile,
    *,
    progress: ProgressCallback | None = None,
    links: OwnerLinks | None = None,
) -> ImportReport:
    """Write parsed rows in the caller's transaction, each in a savepoint.

    A row refused by the ledger's checks is rolled back and listed; a database error (an
    `sqlalchemy.exc.DBAPIError`) is raised and must end the whole transaction. `links`
    (check_owners) turns owner texts into users' ledger names; without it owners are stored
    as written.
    """
    unowned: list[tuple[int, str]] = []
    kind_ = kind(parsed.kind)
    accounts = _Index.load(session, "account")
    entries = accounts if kind_.name == "account" else _Index.load(session, kind_.name)
    problems = list(parsed.problems)
    created = updated = accounts_created = 0
    total = len(parsed.rows)
    if progress is not None:
        progress(0, total)
    for done, row in enumerate(parsed.rows, 1):
        learned: _Learned = []
        # Only a row's own problem (a TrustworksError raised by validation or matching) is
        # skipped, by rolling its savepoint back. A database error (full disk, I/O, a lock, a
        # constraint the checks did not foresee) goes straight out: SQLite may already have
        # rolled the whole transaction back, so no later row could be stored with it, and the
        # caller's transaction is rolled back whole.
        savepoint = session.begin_nested()
        try:
            was_created, new_accounts = _write(
                session, kind_, row, accounts, entries, learned, links, unowned
            )
        except DatabaseError:
            raise
        except TrustworksError as exc:
            savepoint.rollback()
            problems.append((row.line, str(exc)))
        else:
            savepoint.commit()
            for index, ident, account_id, name, external in learned:
                index.learn(ident, account_id, name, external)
            created += was_created
            updated += not was_created
            accounts_created += new_accounts
        if progress is not None:
            progress(done, total)
    return ImportReport(
        source=parsed.source,
        kind=parsed.kind,
        rows=parsed.records,
        created=created,
        updated=updated,
        accounts_created=accounts_created,
        skipped=tuple(sorted(problems)),
        missing_columns=tuple(parsed.missing_columns),
        footer_line=parsed.footer_line,
        unowned=tuple(sorted(unowned)),
        unmatched_owners=tuple(links.unmatched) if links is not None else (),
        owners_linked=tuple(links.renamed(_owner_texts(parsed))) if links is not None else (),
    )


def _owner_texts(parsed: ParsedFile) -> list[str]:
    return [str(row.values["owner"]) for row in parsed.rows if row.values.get("owner")]


def _write(
    session: Session,
    kind_: Kind,
    row: ParsedRow,
    accounts: _Index,
    entries: _Index,
    learned: _Learned,
    links: OwnerLinks | None = None,
    unowned: list[tuple[int, str]] | None = None,
) -> tuple[bool, int]:
    """Write one row, updating the entry it matches; returns (created?, accounts created)."""
    values = dict(row.values)
    default_owner = None
    if links is not None:
        default_owner = links.default
        if values.get("owner"):
            owner = links.owner_for(str(values["owner"]))
            if owner is None:
                del values["owner"]  # nobody's: a blank never erases the owner it has
            else:
                values["owner"] = owner
    account_id, new_accounts = 0, 0
    if kind_.name != "account":
        account_id, new_accounts = _account_for(
            session,
            accounts,
            values["account"],
            row,
            learned,
            values.get("owner") or default_owner,
            unowned,
        )
        values["account"] = str(account_id)  # by id: a name could be the start of another's
    external = values.get("external_id")
    ident = entries.find(account_id, values["name"], external)
    if kind_.name == "account" and ident is not None:
        by_external = bool(external) and external in entries.by_external
        if (
            not by_external
            and not values.get("owner")
            and (0, values["name"].lower()) in entries.shared
        ):
            # Which of them this row updates only an owner or an external id can say.
            raise ConflictError(
                f"account {values['name']!r} is ambiguous: {_sharing(session, values['name'])}; "
                "give the row an owner or an external id"
            )
        ident = _same_owner(session, ident, values, external)
    if default_owner and not values.get("owner") and "owner" in kind_.schema.model_fields:
        current = None if ident is None else session.get(_TABLES[kind_.name], ident)
        if current is None or not getattr(current, "owner", None):
            values["owner"] = default_owner  # the default fills, never replaces, an owner
    created = ident is None
    if ident is None:
        ident = repository.add(session, kind_.name, values).id  # type: ignore[attr-defined]
    else:
        repository.edit(session, kind_.name, ident, values)
    learned.append((entries, ident, account_id, values["name"], external))
    if kind_.name == "account" and unowned is not None:
        stored = session.get(tables.Account, ident)
        if stored is not None and not stored.owner:
            unowned.append((row.line, stored.name))
    return created, new_accounts


def _same_owner(
    session: Session, ident: int, values: dict[str, Any], external: str | None
) -> int | None:
    """Account names are unique per owner: a row for another owner's name is a new account."""
    owner = values.get("owner")
    found = session.get(tables.Account, ident)
    if not owner or found is None or (external and external == found.external_id):
        return ident
    mine = session.scalars(
        select(tables.Account.id).where(
            func.lower(tables.Account.name) == str(values["name"]).lower(),
            func.lower(func.coalesce(tables.Account.owner, "")) == str(owner).lower(),
        )
    ).first()
    return mine


def _sharing(session: Session, name: str) -> str:
    """The accounts of several owners that share a name, by id and owner."""
    found = session.scalars(
        select(tables.Account)
        .where(func.lower(tables.Account.name) == name.lower())
        .order_by(tables.Account.id)
    )
    return repository.describe_accounts(list(found))


def _account_for(
    session: Session,
    accounts: _Index,
    name: str,
    row: ParsedRow,
    learned: _Learned,
    owner: str | None = None,
    unowned: list[tuple[int, str]] | None = None,
) -> tuple[int, int]:
    """The id of the account a row names (by external id, then name), created when missing
    (owned by `owner`: the deal's owner, else the import's default)."""
    external = row.account_external_id
    if external and external in accounts.by_external:
        return accounts.by_external[external], 0
    ident = accounts.by_name.get((0, name.lower()))
    if ident is not None:
        if (0, name.lower()) in accounts.shared:  # names are unique per owner, not overall
            raise ConflictError(
                f"account {name!r} is ambiguous: {_sharing(session, name)}; "
                "give the account's external id"
            )
        return ident, 0
    added = repository.add(
        session, "account", {"name": name, "external_id": external, "owner": owner}
    )
    if not owner and unowned is not None:
        unowned.append((row.line, name))
    learned.append((accounts, added.id, 0, name, external))  # type: ignore[attr-defined]
    return added.id, 1  # type: ignore[attr-defined]
