"""A catalogue compiled for analysis: one matcher per speaker role, built once and reused."""

from __future__ import annotations

from dataclasses import dataclass

from trustworks.conversation import Role
from trustworks.signals.loader import Catalogue
from trustworks.signals.matcher import Match, Matcher
from trustworks.signals.schema import Cue, Signal

_SPEAKS = {Role.SELLER: {"seller", "any"}, Role.CLIENT: {"client", "any"}, Role.OTHER: {"any"}}


@dataclass(frozen=True)
class Engine:
    """Matchers per role plus lookups from rule id to signal or cue."""

    catalogue: Catalogue
    matchers: dict[Role, Matcher]
    signals: dict[str, Signal]
    cue_ids: frozenset[str]

    def match(self, text: str, role: Role) -> tuple[list[Match], dict[str, list[Match]]]:
        """Signal matches and cue matches (by cue id) for one utterance."""
        signal_hits: list[Match] = []
        cues: dict[str, list[Match]] = {}
        for hit in self.matchers[role].find(text):
            if hit.rule in self.cue_ids:
                cues.setdefault(hit.rule, []).append(hit)
            else:
                signal_hits.append(hit)
        return signal_hits, cues


_ENGINES: dict[int, Engine] = {}


def engine_for(catalogue: Catalogue) -> Engine:
    """The compiled engine for a catalogue, built on first use."""
    found = _ENGINES.get(id(catalogue))
    if found is not None and found.catalogue is catalogue:
        return found
    rules: list[Signal | Cue] = [s for s in catalogue.signals if s.patterns]
    rules.extend(catalogue.cues)
    matchers = {
        role: Matcher(r for r in rules if r.speaker in speaks) for role, speaks in _SPEAKS.items()
    }
    engine = Engine(
        catalogue=catalogue,
        matchers=matchers,
        signals={s.id: s for s in catalogue.signals},
        cue_ids=frozenset(c.id for c in catalogue.cues),
    )
    _ENGINES[id(catalogue)] = engine
    return engine
