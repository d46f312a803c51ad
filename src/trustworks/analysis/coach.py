"""Coaching: turn a signal's rewrite template into a better version of what was said."""

from __future__ import annotations

import re

from trustworks.sentences import sentence_span

_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.!?;:])")


class _Fields(dict[str, str]):
    def __missing__(self, key: str) -> str:  # unknown names were rejected at load
        return ""


def render_rewrite(template: str, text: str, start: int, end: int, client: str = "") -> str:
    """Fill a rewrite template from the sentence around ``text[start:end]``."""
    left, right = sentence_span(text, start)
    right = max(right, min(end, len(text)))
    fields = _Fields(
        match=text[start:end],
        sentence=text[left:right],
        before=text[left:start],
        after=text[end:right],
        client=client.strip(),
    )
    out = template.format_map(fields)
    out = _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", out)).strip(" ,;")
    if not out:
        return out
    out = out[0].upper() + out[1:]
    return out if out[-1] in ".!?\"')" else out + "."
