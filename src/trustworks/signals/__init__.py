"""The signal catalogue (data) and the matcher that finds its phrases in text."""

from __future__ import annotations

from trustworks.signals.loader import Catalogue, default_catalogue, load_catalogue
from trustworks.signals.matcher import Match, Matcher, required_literals
from trustworks.signals.schema import DETECTORS, FAMILIES, Cue, Signal

__all__ = [
    "DETECTORS",
    "FAMILIES",
    "Catalogue",
    "Cue",
    "Match",
    "Matcher",
    "Signal",
    "default_catalogue",
    "load_catalogue",
    "required_literals",
]
