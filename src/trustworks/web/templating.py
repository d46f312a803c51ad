"""Jinja2 filters the templates share; autoescaping stays on for everything users wrote."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from trustworks.analysis.bands import BAND_WORDS, trust_band
from trustworks.web.forms import choice_label


def _number(value: Any, places: int = 1) -> str:
    if value is None:
        return "–"
    return f"{float(value):.{places}f}"


def _yes_no(value: Any) -> str:
    if value is None:
        return "–"
    return "yes" if value else "no"


def _day(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _cell(value: Any) -> str:
    """A value as a table shows it: dates as ISO days, floats to two places, yes or no."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else _yes_no(value)
    if isinstance(value, float):
        return f"{value:.2f}"
    return _day(value)


def _label(value: str) -> str:
    return value.replace("_", " ")


def _trust_with_band(value: Any) -> Markup:
    """A trust score with its band (analysis.bands), as the call library shows it."""
    if value is None:
        return Markup("–")
    band = trust_band(float(value))
    return Markup(f'<span class="band {band}">{float(value):.2f} · {BAND_WORDS[band]}</span>')


def install_filters(templates: Jinja2Templates) -> None:
    """Register the filters on a template environment."""
    env = templates.env
    env.filters["number"] = _number
    env.filters["yesno"] = _yes_no
    env.filters["day"] = _day
    env.filters["label"] = _label
    env.filters["cell"] = _cell
    env.filters["choice"] = choice_label
    env.filters["trust_with_band"] = _trust_with_band
    env.globals["app_name"] = "Trustworks"
