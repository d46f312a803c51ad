"""Load and validate the signal catalogue: one TOML file per family, cues.toml, confidence.toml,
fragments.toml."""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
import tempfile
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pydantic
from pydantic import ValidationError

from trustworks.errors import CatalogueError, UnknownSignalError
from trustworks.signals import contractions, schema
from trustworks.signals.schema import FAMILIES, Cue, Signal

CUES_FILE = "cues.toml"
CONFIDENCE_FILE = "confidence.toml"  # audited precision per signal (scripts/rule_audit)
FRAGMENTS_FILE = "fragments.toml"  # named pattern pieces, written <<name>> in a pattern
# Fragments a detector reads from the catalogue besides any pattern (the lecturing detector's
# quiz reads `harm`): the catalogue may stop using them in its patterns without them being
# unused.
READ_BY_DETECTORS = frozenset({"harm"})
CACHE_ENV = "TRUSTWORKS_CACHE_DIR"  # where the validated catalogue is kept (default: platformdirs)


@dataclass(frozen=True)
class Catalogue:
    """Every signal and cue, by id; signals keep file order within a family."""

    signals: tuple[Signal, ...]
    cues: tuple[Cue, ...]
    # The named pattern pieces (fragments.toml) as (name, piece), already put into the
    # patterns; kept for code that reads with the same words (`expand_fragments`).
    fragments: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {s.id: s for s in self.signals})

    def signal(self, signal_id: str) -> Signal:
        """The signal with this id, or UnknownSignalError."""
        found: Signal | None = self._by_id.get(signal_id)  # type: ignore[attr-defined]
        if found is None:
            raise UnknownSignalError(
                f"no signal {signal_id!r}; `trustworks signals` lists the catalogue"
            )
        return found

    def family(self, name: str) -> list[Signal]:
        """Signals of one family, in file order."""
        return [s for s in self.signals if s.family == name]

    def __iter__(self) -> Iterator[Signal]:
        return iter(self.signals)

    def __len__(self) -> int:
        return len(self.signals)


def _format_validation(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        parts.append(f"{loc}: {err['msg']}" if loc else err["msg"])
    return "; ".join(parts)


def _read_toml(path: Path | Any) -> dict[str, Any]:
    name = str(path)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(name, f"not valid TOML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueError(name, f"cannot be read: {exc}") from exc


def _entries(doc: dict[str, Any], name: str, key: str) -> list[dict[str, Any]]:
    entries = doc.get(key, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise CatalogueError(name, f"'{key}' must be an array of tables ([[{key}]])")
    return entries


# A fragment's use in a pattern: two angle brackets, which no regex writes, around its name.
_REFERENCE = re.compile(r"<<([^<>]*)>>")
_FRAGMENT_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")


def parse_fragments(doc: dict[str, Any], name: str) -> dict[str, str]:
    """Validate fragments.toml: a ``[fragments]`` table of name = regex piece.

    Each piece must compile alone, in lower case like every pattern, and may not use another
    fragment (no nesting, so no cycles).
    """
    unknown = set(doc) - {"fragments"}
    if unknown:
        raise CatalogueError(name, f"unknown top-level key(s) {sorted(unknown)}")
    table = doc.get("fragments", {})
    if not isinstance(table, dict):
        raise CatalogueError(name, "'fragments' must be a table of name = 'regex piece'")
    pieces: dict[str, str] = {}
    for fragment, piece in table.items():
        if not _FRAGMENT_NAME.match(fragment):
            raise CatalogueError(
                name,
                "a fragment's name is lower-case letters, digits and _, from a letter",
                fragment,
            )
        if not isinstance(piece, str) or not piece.strip():
            raise CatalogueError(name, f"a fragment is a regex piece, not {piece!r}", fragment)
        if "<<" in piece or ">>" in piece:
            raise CatalogueError(
                name, "a fragment may not use fragments (<<...>>): write the piece out", fragment
            )
        try:
            schema.check_piece(piece, "fragment")
        except ValueError as exc:
            raise CatalogueError(name, str(exc), fragment) from exc
        pieces[fragment] = piece
    return pieces


def expand_fragments(pattern: str, fragments: Mapping[str, str]) -> tuple[str, set[str]]:
    """``pattern`` with each ``<<name>>`` replaced by that fragment in ``(?:...)``, and the
    names it used; ValueError for an unknown name or a stray ``<<`` or ``>>``."""
    used = set(_REFERENCE.findall(pattern))
    unknown = sorted(used - set(fragments))
    if unknown:
        known = ", ".join(sorted(fragments)) or "none"
        raise ValueError(
            f"unknown fragment(s) {', '.join(f'<<{u}>>' for u in unknown)} "
            f"(defined in {FRAGMENTS_FILE}: {known})"
        )
    rest = _REFERENCE.sub("", pattern)
    if "<<" in rest or ">>" in rest:
        raise ValueError("stray '<<' or '>>': a fragment is used as <<name>>")
    if not used:
        return pattern, used
    return _REFERENCE.sub(lambda m: f"(?:{fragments[m.group(1)]})", pattern), used


def _with_fragments(
    entry: dict[str, Any], fragments: Mapping[str, str], used: set[str], name: str, rule_id: str
) -> dict[str, Any]:
    """The entry with its patterns' fragments put in and their contractions widened ("i'm"
    reads "i am" too: `contractions`), before the patterns are validated."""
    out = dict(entry)
    for key in ("patterns", "exclude"):
        value = entry.get(key)
        if not isinstance(value, list):
            continue  # not a list: the schema says so
        expanded = []
        for index, pattern in enumerate(value):
            if isinstance(pattern, str):
                try:
                    pattern, names = expand_fragments(pattern, fragments)
                except ValueError as exc:
                    raise CatalogueError(name, f"{key}[{index}]: {exc}", rule_id) from exc
                used |= names
                pattern = contractions.widen_contractions(pattern)
            expanded.append(pattern)
        out[key] = expanded
    return out


def parse_family(
    doc: dict[str, Any],
    name: str,
    family: str,
    fragments: Mapping[str, str] | None = None,
    used: set[str] | None = None,
) -> list[Signal]:
    """Validate one family file's entries; errors name the file and the signal id.

    ``<<name>>`` in a pattern is replaced by that fragment first; ``used`` collects the names.
    """
    unknown = set(doc) - {"family", "description", "signal"}
    if unknown:
        raise CatalogueError(name, f"unknown top-level key(s) {sorted(unknown)}")
    if doc.get("family") != family:
        raise CatalogueError(name, f"'family' must be {family!r} (the file's name)")
    signals = []
    for index, entry in enumerate(_entries(doc, name, "signal")):
        signal_id = str(entry.get("id", f"#{index + 1}"))
        if "confidence" in entry:
            raise CatalogueError(
                name,
                f"'confidence' is measured, not written: it belongs in {CONFIDENCE_FILE}",
                signal_id,
            )
        entry = _with_fragments(
            entry, fragments or {}, set() if used is None else used, name, signal_id
        )
        try:
            signals.append(Signal.model_validate({"family": family, **entry}))
        except ValidationError as exc:
            raise CatalogueError(name, _format_validation(exc), signal_id) from exc
    if not signals:
        raise CatalogueError(name, "the family has no signals")
    return signals


def parse_cues(
    doc: dict[str, Any],
    name: str,
    fragments: Mapping[str, str] | None = None,
    used: set[str] | None = None,
) -> list[Cue]:
    """Validate cues.toml's entries (fragments as in `parse_family`)."""
    cues = []
    for index, entry in enumerate(_entries(doc, name, "cue")):
        cue_id = str(entry.get("id", f"#{index + 1}"))
        entry = _with_fragments(
            entry, fragments or {}, set() if used is None else used, name, cue_id
        )
        try:
            cues.append(Cue.model_validate(entry))
        except ValidationError as exc:
            raise CatalogueError(name, _format_validation(exc), cue_id) from exc
    return cues


def apply_confidence(signals: list[Signal], doc: dict[str, Any], name: str) -> list[Signal]:
    """Give each signal the confidence its audit measured (confidence.toml), others the prior.

    The file's ``[signal.<id>]`` tables hold ``confidence`` (0 < c <= 1) and the audit counts
    it came from (``right``, ``wrong``); ``prior`` is what a signal the audit never saw gets.
    """
    unknown = set(doc) - {"audited", "verdicts", "prior", "signal"}
    if unknown:
        raise CatalogueError(name, f"unknown top-level key(s) {sorted(unknown)}")
    prior = doc.get("prior", 1.0)
    if not isinstance(prior, int | float) or isinstance(prior, bool) or not 0 < prior <= 1:
        raise CatalogueError(name, f"'prior' must be a number in (0, 1], not {prior!r}")
    table = doc.get("signal", {})
    if not isinstance(table, dict):
        raise CatalogueError(name, "'signal' must be a table of [signal.<id>] tables")
    known = {s.id: s for s in signals}
    measured: dict[str, float] = {}
    for signal_id, entry in table.items():
        if signal_id not in known:
            raise CatalogueError(name, "no such signal in the catalogue", signal_id)
        if not isinstance(entry, dict) or set(entry) - {"confidence", "right", "wrong"}:
            raise CatalogueError(name, "expected only confidence, right and wrong", signal_id)
        value = entry.get("confidence")
        if not isinstance(value, int | float) or isinstance(value, bool) or not 0 < value <= 1:
            raise CatalogueError(name, f"confidence must be in (0, 1], not {value!r}", signal_id)
        for count in ("right", "wrong"):
            if not isinstance(entry.get(count, 0), int) or entry.get(count, 0) < 0:
                raise CatalogueError(name, f"{count} must be a whole number >= 0", signal_id)
        measured[signal_id] = float(value)
    out = []
    for signal in signals:
        # A model's findings carry the confidence it was calibrated with, on its training
        # talk; an audit on other talk can only lower it. Unaudited, the model's own stands.
        value = measured.get(signal.id, 1.0 if signal.detector == "semantic" else float(prior))
        out.append(signal if value == 1.0 else signal.model_copy(update={"confidence": value}))
    return out


def _check_unique(items: Iterable[Signal | Cue], where: dict[str, str]) -> None:
    for item in items:
        kind = "cue" if isinstance(item, Cue) else item.family
        if item.id in where:
            raise CatalogueError(
                kind, f"duplicate id {item.id!r} (also in {where[item.id]})", item.id
            )
        where[item.id] = kind


def load_catalogue(directory: Path | None = None) -> Catalogue:
    """Load the family files, cues.toml, confidence.toml and fragments.toml from a folder
    (default: packaged)."""
    root: Any = directory if directory is not None else resources.files(__package__) / "catalogue"
    fragments_path = root / FRAGMENTS_FILE
    fragments = (
        parse_fragments(_read_toml(fragments_path), str(fragments_path))
        if fragments_path.is_file()
        else {}
    )
    used: set[str] = set()
    signals: list[Signal] = []
    for family in FAMILIES:
        path = root / f"{family}.toml"
        if not path.is_file():
            raise CatalogueError(str(path), "family file is missing")
        signals.extend(parse_family(_read_toml(path), str(path), family, fragments, used))
    cues_path = root / CUES_FILE
    cues = (
        parse_cues(_read_toml(cues_path), str(cues_path), fragments, used)
        if cues_path.is_file()
        else []
    )
    extra = sorted(
        p.name
        for p in root.iterdir()
        if p.name.endswith(".toml")
        and p.name[:-5] not in FAMILIES
        and p.name not in (CUES_FILE, CONFIDENCE_FILE, FRAGMENTS_FILE)
    )
    if extra:
        raise CatalogueError(str(root), f"unexpected catalogue file(s) {extra}")
    unused = sorted(set(fragments) - used - READ_BY_DETECTORS)
    if unused:
        raise CatalogueError(
            str(fragments_path), "no pattern in the catalogue uses this fragment", unused[0]
        )
    _check_unique([*signals, *cues], {})
    confidence_path = root / CONFIDENCE_FILE
    if confidence_path.is_file():
        signals = apply_confidence(signals, _read_toml(confidence_path), str(confidence_path))
    return Catalogue(tuple(signals), tuple(cues), tuple(fragments.items()))


@cache
def default_catalogue() -> Catalogue:
    """The packaged catalogue, loaded once per process.

    Validating it compiles every pattern, a fifth of a second that a one-line `trustworks check`
    would feel, so the validated catalogue is kept in the user's cache folder under a key made
    of the catalogue files and the code that validates them: a change to either validates
    afresh, and without a usable cache folder it is simply validated every time.
    """
    return cached_catalogue(resources.files(__package__) / "catalogue", _cache_dir())


def cached_catalogue(directory: Path | Any, cache_dir: Path | None) -> Catalogue:
    """`load_catalogue(directory)`, through a validated copy in `cache_dir` when there is one."""
    if cache_dir is None:
        return load_catalogue(directory)
    key = catalogue_key(directory)
    path = cache_dir / f"catalogue-{key}.pickle"
    try:
        with path.open("rb") as file:
            signals, cues, fragments = pickle.load(file)
        if all(isinstance(s, Signal) for s in signals) and all(isinstance(c, Cue) for c in cues):
            return Catalogue(tuple(signals), tuple(cues), tuple(fragments))
    except Exception:  # missing, unreadable or from another version: validate instead
        pass
    catalogue = load_catalogue(directory)
    if catalogue_key(directory) == key:  # not edited while it was being read
        _keep(path, catalogue)
    return catalogue


def catalogue_key(directory: Path | Any) -> str:
    """A digest of every file in a catalogue folder and of the code that validates them."""
    digest = hashlib.sha256()
    for part in (sys.version, pydantic.VERSION):
        digest.update(part.encode() + b"\0")
    for code in (schema.__file__, contractions.__file__, __file__):
        digest.update(Path(code).read_bytes() + b"\0")
    for item in sorted(directory.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".toml"):
            digest.update(item.name.encode() + b"\0" + item.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def _cache_dir() -> Path | None:
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None  # empty: no cache
    import platformdirs

    return Path(platformdirs.user_cache_dir("trustworks", appauthor=False))


def _keep(path: Path, catalogue: Catalogue) -> None:
    """Write the validated catalogue beside older copies, then drop those; never fails."""
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "wb", dir=path.parent, prefix=".catalogue-", suffix=".tmp", delete=False
        ) as file:
            temporary = Path(file.name)
            pickle.dump(
                (catalogue.signals, catalogue.cues, catalogue.fragments),
                file,
                pickle.HIGHEST_PROTOCOL,
            )
        temporary.replace(path)
        temporary = None
        for old in path.parent.glob("catalogue-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full cache folder only costs the validation next time
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
