"""A run's settings, and the manifest that keeps a resumed run true to the first one."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trustworks.batch.plan import DEFAULT_PARTITION_BYTES
from trustworks.errors import BatchError
from trustworks.files import write_atomic
from trustworks.ingest import DEFAULT_MAX_BYTES
from trustworks.signals.loader import Catalogue

MANIFEST_FILE = "manifest.json"
LAYOUT_VERSION = 1


@dataclass(frozen=True, slots=True)
class BatchSettings:
    """What every partition is analysed with; any change makes a different output."""

    seller: tuple[str, ...] = ()  # for records that name none; inferred when empty
    team: str | None = None  # for records that name none
    input_format: str | None = None  # of transcript files; detected when None
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    learned: bool = False
    partition_bytes: int = DEFAULT_PARTITION_BYTES

    def token(self) -> str:
        """A short hash of the settings, part of every partition key."""
        blob = json.dumps(dataclasses.asdict(self), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


def catalogue_fingerprint(catalogue: Catalogue) -> str:
    """A hash of every signal and cue, so a changed catalogue is noticed on resume."""
    digest = hashlib.sha256()
    for item in (*catalogue.signals, *catalogue.cues):
        digest.update(item.model_dump_json().encode())
    return digest.hexdigest()[:24]


@dataclass(frozen=True, slots=True)
class Manifest:
    """What an output directory was written from."""

    settings: BatchSettings
    inputs: list[str]
    inputs_fingerprint: str
    catalogue: str
    partitions: int
    layout: int = LAYOUT_VERSION
    trustworks: str = field(default="")

    def to_json(self) -> str:
        """The manifest as indented JSON."""
        return json.dumps(dataclasses.asdict(self), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        """Read a manifest written by `to_json`."""
        data: dict[str, Any] = json.loads(text)
        settings = data.pop("settings")
        settings["seller"] = tuple(settings.get("seller", ()))
        return cls(settings=BatchSettings(**settings), **data)


def differences(old: Manifest, new: Manifest) -> list[str]:
    """What differs between two manifests, in words; empty when a resume is safe."""
    found = []
    if old.layout != new.layout:
        found.append(f"output layout {old.layout} (this Trustworks writes {new.layout})")
    if old.inputs_fingerprint != new.inputs_fingerprint:
        found.append("the inputs (files added, removed or changed since)")
    if old.catalogue != new.catalogue:
        found.append("the signal catalogue")
    for f in dataclasses.fields(BatchSettings):
        before, after = getattr(old.settings, f.name), getattr(new.settings, f.name)
        if before != after:
            found.append(f"{f.name} ({before!r} then, {after!r} now)")
    return found


def check_or_write(output: Path, manifest: Manifest) -> bool:
    """Write the manifest into a new output; True when resuming an output written the same way.

    Raises BatchError when the output was written with other inputs, catalogue or settings,
    or is a non-empty directory that is not a batch output.
    """
    path = output / MANIFEST_FILE
    if path.is_file():
        try:
            old = Manifest.from_json(path.read_text(encoding="utf-8"))
        except (ValueError, TypeError, KeyError) as exc:
            raise BatchError(f"{path}: not a batch manifest ({exc})") from None
        changed = differences(old, manifest)
        if changed:
            raise BatchError(
                f"{output} was written with different "
                + "; ".join(changed)
                + ": use a new output directory, or delete this one to start again"
            )
        return True
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise BatchError(f"{output} exists and is not a batch output (no {MANIFEST_FILE})")
    output.mkdir(parents=True, exist_ok=True)
    write_atomic(path, manifest.to_json().encode())
    return False
