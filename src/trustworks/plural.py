"""A count and the noun that agrees with it, for every message a person reads.

>>> counted(1, "account")
'1 account'
>>> counted(3, "story")
'3 stories'
>>> counted(2, "evidence", "evidence")
'2 evidence'
"""

from __future__ import annotations

_SIBILANT = ("s", "x", "z", "ch", "sh")


def plural_of(noun: str) -> str:
    """The regular English plural of ``noun``: story -> stories, success -> successes."""
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return noun[:-1] + "ies"
    if noun.endswith(_SIBILANT):
        return noun + "es"
    return noun + "s"


def counted(count: float, noun: str, plural: str | None = None) -> str:
    """``count`` and ``noun``, plural unless the count is one; ``plural`` for irregular nouns.

    Whole counts get thousands separators (``12,000 utterances``); others print as short as
    they can (``1.5 days``). Only the noun's last word changes: ``counted(2, "seller remark")``.
    """
    word = noun if count == 1 else (plural or plural_of(noun))
    shown = f"{int(count):,}" if float(count).is_integer() else f"{count:g}"
    return f"{shown} {word}"
