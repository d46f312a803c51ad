"""The catalogue's examples as the engine reads them: cleaned (``disfluency.clean``) first."""

from __future__ import annotations

from trustworks.analysis.disfluency import clean
from trustworks.signals.matcher import Matcher
from trustworks.signals.schema import Signal


def not_found_when_cleaned(signal: Signal, texts: list[str]) -> list[str]:
    """The texts on which ``signal`` does not fire once each is cleaned as the engine does."""
    matcher = Matcher([signal])
    return [t for t in texts if not any(h.rule == signal.id for h in matcher.find(clean(t)[0]))]
