"""The CaSiNo mapping: which catalogue signals, cues and learned labels predict each label.

The mapping is data (``casino_mapping.toml``), validated on load like the catalogue: a bad
entry fails with the file and the id.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from trustworks.errors import CatalogueError
from trustworks.learn import LABELS
from trustworks.signals.loader import Catalogue, default_catalogue

MAPPING_FILE = "casino_mapping.toml"


class _LabelRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    signals: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    learned: tuple[str, ...] = ()


class _MappingFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    labels: dict[str, _LabelRule]

    @field_validator("labels")
    @classmethod
    def _all_six(cls, value: dict[str, _LabelRule]) -> dict[str, _LabelRule]:
        unknown = sorted(set(value) - set(LABELS))
        if unknown:
            raise ValueError(f"unknown label(s) {unknown}; expected {', '.join(LABELS)}")
        missing = [label for label in LABELS if label not in value]
        if missing:
            raise ValueError(f"label(s) {missing} have no entry")
        return value


@dataclass(frozen=True)
class Mapping:
    """Rule ids (signals and cues) and learned labels per CaSiNo label."""

    source: str
    rules: dict[str, frozenset[str]]
    learned: dict[str, frozenset[str]]

    def labels_for_rules(self, ids: Iterable[str]) -> frozenset[str]:
        """The CaSiNo labels predicted by these fired signal and cue ids."""
        fired = set(ids)
        return frozenset(label for label, wanted in self.rules.items() if wanted & fired)

    def labels_for_learned(self, labels: Iterable[str]) -> frozenset[str]:
        """The CaSiNo labels predicted by these learned labels."""
        found = set(labels)
        return frozenset(label for label, wanted in self.learned.items() if wanted & found)


def _check_ids(name: str, label: str, rule: _LabelRule, catalogue: Catalogue) -> None:
    signals = {s.id: s for s in catalogue.signals}
    cues = {c.id for c in catalogue.cues}
    for signal_id in rule.signals:
        signal = signals.get(signal_id)
        if signal is None:
            raise CatalogueError(
                name, f"{label}: no signal {signal_id!r} in the catalogue", signal_id
            )
        if signal.detector is not None:
            raise CatalogueError(
                name,
                f"{label}: signal {signal_id!r} is found by the {signal.detector} detector, "
                "not by phrases, so the rules predictor never sees it",
                signal_id,
            )
    for cue_id in rule.cues:
        if cue_id not in cues:
            raise CatalogueError(name, f"{label}: no cue {cue_id!r} in the catalogue", cue_id)
    for learned in rule.learned:
        if learned not in LABELS:
            raise CatalogueError(name, f"{label}: unknown learned label {learned!r}", learned)


def parse_mapping(doc: dict[str, Any], name: str, catalogue: Catalogue | None = None) -> Mapping:
    """Validate a parsed mapping document against the schema and the catalogue."""
    try:
        parsed = _MappingFile.model_validate(doc)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise CatalogueError(name, problems) from exc
    catalogue = catalogue if catalogue is not None else default_catalogue()
    rules = parsed.labels
    for label, rule in rules.items():
        _check_ids(name, label, rule, catalogue)
    return Mapping(
        source=name,
        rules={label: frozenset((*rules[label].signals, *rules[label].cues)) for label in LABELS},
        learned={label: frozenset(rules[label].learned) for label in LABELS},
    )


def load_mapping(path: Path | None = None, catalogue: Catalogue | None = None) -> Mapping:
    """Load and validate a mapping file (default: the packaged ``casino_mapping.toml``)."""
    source: Any = path if path is not None else resources.files(__package__) / MAPPING_FILE
    name = str(path) if path is not None else f"trustworks/evaluate/{MAPPING_FILE}"
    try:
        doc = tomllib.loads(source.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(name, f"not valid TOML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueError(name, f"cannot be read: {exc}") from exc
    return parse_mapping(doc, name, catalogue)
