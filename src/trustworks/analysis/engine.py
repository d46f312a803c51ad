"""A catalogue compiled for analysis: one matcher over every rule, built once and reused.

Each utterance is matched as meant, not as transcribed: fillers, words said twice and
stutters are read past (``disfluency``), and every match is mapped back onto the words said.

Every utterance is matched once, whatever the role: seller inference looks at it from both
sides and the analysis then from its speaker's, so the hits are kept (a small LRU) and each
role keeps the rules that may fire for it. A rule's hits never depend on the other rules, so
filtering one matcher's hits by role gives what a matcher per role would. Hits the speaker
denies or sets up as a hypothetical are dropped here, once, for every consumer.

A turn the analysis reads as the client's (or nobody's) whose hits are not remembered goes
to a second matcher over only the rules such a turn may fire (under a tenth of the
catalogue: nearly every rule is the seller's), and comes out with the same hits for them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from threading import Lock

from trustworks.analysis.disfluency import cleaned as clean_once
from trustworks.analysis.marks import original_span
from trustworks.analysis.negation import is_denied, is_reported
from trustworks.conversation import Role
from trustworks.signals.loader import Catalogue
from trustworks.signals.matcher import Match, Matcher
from trustworks.signals.schema import Cue, Signal

_SPEAKS = {Role.SELLER: {"seller", "any"}, Role.CLIENT: {"client", "any"}, Role.OTHER: {"any"}}
_REMEMBERED = 512  # utterances whose hits are kept: a few conversations' worth
# Only short utterances are kept, so the memory stays small (under 512 x 2,000 characters)
# whatever size of text a caller sends; long ones rarely repeat anyway.
_REMEMBERED_CHARS = 2_000


@dataclass(frozen=True)
class Engine:
    """One matcher over every rule, the rules each role may fire, and lookups by rule id."""

    catalogue: Catalogue
    matcher: Matcher
    rules_for: dict[Role, frozenset[str]]
    # The rules a client's turn may fire, in a matcher of their own (about 90 patterns).
    client_matcher: Matcher
    signals: dict[str, Signal]
    cue_ids: frozenset[str]
    # Trust-spending rules: their hits in words the seller reports ("you said 'you need to
    # quit'") are the client's words, not the seller's conduct. Building rules keep theirs: a
    # reflection is words given back.
    spending: frozenset[str] = frozenset()
    _hits: OrderedDict[str, tuple[Match, ...]] = field(default_factory=OrderedDict, repr=False)
    _client_hits: OrderedDict[str, tuple[Match, ...]] = field(
        default_factory=OrderedDict, repr=False
    )
    _lock: Lock = field(default_factory=Lock, repr=False)

    def hits(self, text: str) -> tuple[Match, ...]:
        """Every rule's matches in one utterance, whoever said it (remembered for a while)."""
        return self._remembered(text, self.matcher, self._hits)

    def client_hits(self, text: str) -> tuple[Match, ...]:
        """The matches of the rules a client may fire (with others, when all are remembered)."""
        with self._lock:
            found = self._hits.get(text)  # seller inference read every rule already
            if found is not None:
                self._hits.move_to_end(text)
                return found
        return self._remembered(text, self.client_matcher, self._client_hits)

    def _remembered(
        self, text: str, matcher: Matcher, memory: OrderedDict[str, tuple[Match, ...]]
    ) -> tuple[Match, ...]:
        with self._lock:
            found = memory.get(text)
            if found is not None:
                memory.move_to_end(text)
                return found
        said, index = clean_once(text)
        matched = matcher.find(said)
        return self._remember(text, _back(matched, text, index) if index else matched, memory)

    def _remember(
        self, text: str, matched: list[Match], memory: OrderedDict[str, tuple[Match, ...]]
    ) -> tuple[Match, ...]:
        # A hit the speaker denies ("we never do quarter-end discounts") is not the behaviour.
        found = (
            tuple(
                h
                for h in matched
                if not is_denied(text, h.start)
                and not (h.rule in self.spending and is_reported(text, h.start))
            )
            if matched
            else ()
        )
        if len(text) > _REMEMBERED_CHARS:
            return found
        with self._lock:
            memory[text] = found
            if len(memory) > _REMEMBERED:
                memory.popitem(last=False)
        return found

    def match_ahead(self, turns: Iterable[tuple[str, Role]]) -> None:
        """Match coming utterances (text, role) now, so `match` finds their hits remembered.

        Matching a few dozen texts together keeps the literal index and the patterns in the
        processor's cache from one text to the next, where the detectors between turns push
        them out, and each matcher takes its texts a step at a time (`Matcher.find_many`):
        4-6 % of a whole analysis. The hits are the ones `match` would find.
        """
        wanted: dict[int, dict[str, None]] = {id(self._hits): {}, id(self._client_hits): {}}
        with self._lock:
            for text, role in turns:
                # A longer text would be matched twice; one every rule has read is remembered.
                if len(text) > _REMEMBERED_CHARS or text in self._hits:
                    continue
                memory = self._hits if role is Role.SELLER else self._client_hits
                if text not in memory:
                    wanted[id(memory)][text] = None
        for memory, matcher in (
            (self._hits, self.matcher),
            (self._client_hits, self.client_matcher),
        ):
            texts = list(wanted[id(memory)])
            cleaned = [clean_once(text) for text in texts]
            found = matcher.find_many([said for said, _ in cleaned])
            for text, (_, index), matched in zip(texts, cleaned, found, strict=True):
                self._remember(text, _back(matched, text, index) if index else matched, memory)

    def forget(self) -> None:
        """Drop every remembered utterance (a benchmark measuring matching from cold)."""
        with self._lock:
            self._hits.clear()
            self._client_hits.clear()

    def index_literals(self) -> None:
        """Build the matchers' literal indexes now, as a server does before it serves."""
        self.matcher.index_literals()
        self.client_matcher.index_literals()

    def compile_all(self) -> None:
        """Compile every pattern and build the literal indexes now (a server or a benchmark)."""
        self.matcher.compile_all()
        self.client_matcher.compile_all()

    def match(self, text: str, role: Role) -> tuple[list[Match], dict[str, list[Match]]]:
        """Signal matches and cue matches (by cue id) for one utterance said in `role`."""
        allowed = self.rules_for[role]
        signal_hits: list[Match] = []
        cues: dict[str, list[Match]] = {}
        for hit in self.hits(text) if role is Role.SELLER else self.client_hits(text):
            if hit.rule not in allowed:
                continue
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
    engine = Engine(
        catalogue=catalogue,
        matcher=Matcher(rules),
        rules_for={
            role: frozenset(r.id for r in rules if r.speaker in speaks)
            for role, speaks in _SPEAKS.items()
        },
        client_matcher=Matcher([r for r in rules if r.speaker in _SPEAKS[Role.CLIENT]]),
        signals={s.id: s for s in catalogue.signals},
        cue_ids=frozenset(c.id for c in catalogue.cues),
        spending=frozenset(s.id for s in catalogue.signals if s.polarity < 0),
    )
    _ENGINES[id(catalogue)] = engine
    return engine


def _back(found: list[Match], text: str, index: list[int]) -> list[Match]:
    """Matches in a turn's cleaned copy (``disfluency.clean``), on the words as said."""
    out = []
    for hit in found:
        start, end = original_span(index, hit.start, hit.end)
        out.append(Match(hit.rule, start, end, text[start:end]))
    return out
