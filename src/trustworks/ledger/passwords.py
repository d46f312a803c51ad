"""Password rules after NIST SP 800-63B (5.1.1.2): length over complexity, no composition rules,
and no password from a list of common and leaked ones that ships inside the package.

- A password is normalised to Unicode NFKC before it is counted, checked and hashed, so one
  password typed on two keyboards (a composed or decomposed "é", a full-width digit) is one.
- 8 to 256 characters, counted after normalisation; not only whitespace; no control characters.
- Not on `data/common-passwords.txt` (11,611 leaked passwords; `data/SOURCE.md` says where
  they come from), compared case-folded, as typed, with surrounding spaces stripped and inner
  runs of spaces made one, and with no spaces at all (so "password ", " Pass  word" and
  "i love you" are refused too); not one short unit
  repeated ("aaaaaaaa", "abababab"), not a run ("abcdefgh", "98765432").
- Not the username nor the user's name in the ledger ("Dana Whitfield"), ignoring case and
  spaces; not the product's name, with or without digits and punctuation after it
  ("trustworks1", "TrustWorks2024!").

Nothing asks for digits, capitals or symbols and nothing expires on a schedule: the guidance
found that such rules make passwords easier to guess and harder to remember.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from importlib import resources

from trustworks.errors import FieldError

MIN_LENGTH = 8
MAX_LENGTH = 256
# A sign-in form takes longer passwords than a new one may have: a password set before the
# 256-character rule (up to 1,024 then) must still sign in.
MAX_SIGN_IN_LENGTH = 1024
_PRODUCT_WORDS = frozenset({"trustworks", "trust works"})
# What people add to a name to pass a rule: digits and punctuation (not letters).
_TRAILING_DECORATION = re.compile(r"[\d\W_]+$")


def normalise(password: str) -> str:
    """The form a password is counted, checked and hashed in (Unicode NFKC)."""
    return unicodedata.normalize("NFKC", password)


def check_new_password(
    password: str, *, username: str | None = None, seller: str | None = None
) -> str:
    """The normalised password, or a `FieldError` on "password" naming the rule it breaks.

    `seller` is the user's name in the ledger, refused like the username.

    >>> check_new_password("correct horse battery")
    'correct horse battery'
    """
    if any(unicodedata.category(c) == "Cc" for c in password):
        raise FieldError("password", "cannot contain control characters (tab, NUL, line breaks)")
    text = normalise(password)
    if len(text) < MIN_LENGTH:
        raise FieldError(
            "password", f"at least {MIN_LENGTH} characters (a few unrelated words are easiest)"
        )
    if len(text) > MAX_LENGTH:
        raise FieldError("password", f"at most {MAX_LENGTH} characters")
    if not text.strip():
        raise FieldError("password", "cannot be only spaces")
    folded = text.casefold()
    # Spaces around or doubled inside change nothing a guesser has to try.
    squeezed = " ".join(folded.split())
    spaceless = "".join(squeezed.split())
    if {folded, squeezed, spaceless} & common_passwords():
        raise FieldError(
            "password",
            "is on the list of common and leaked passwords that attackers try first "
            "(spaces and capitals do not change that); "
            "choose another (a few unrelated words make a strong one)",
        )
    if _repeats(folded) or _repeats(squeezed):
        raise FieldError("password", "is a few characters repeated; choose another")
    if _is_run(folded) or _is_run(squeezed):
        raise FieldError(
            "password",
            "is a run of consecutive characters (like abcdefgh or 87654321); choose another",
        )
    if username and spaceless == _spaceless(username):
        raise FieldError("password", "cannot be the username (whatever the capitals or spaces)")
    if seller and spaceless == _spaceless(seller):
        raise FieldError(
            "password",
            "cannot be your name in the ledger (whatever the capitals or spaces)",
        )
    bare = _TRAILING_DECORATION.sub("", squeezed).strip()
    if squeezed in _PRODUCT_WORDS or bare in _PRODUCT_WORDS:
        raise FieldError(
            "password",
            "cannot be the product's name, with or without digits or symbols after it",
        )
    return text


def _spaceless(name: str) -> str:
    return "".join(normalise(name).casefold().split())


@functools.cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common and leaked passwords (lower case), read once per process."""
    text = resources.files("trustworks.ledger").joinpath("data/common-passwords.txt")
    return frozenset(text.read_text(encoding="utf-8").split())


def _repeats(text: str) -> bool:
    """One unit of one to three characters repeated over the whole password."""
    return any(
        len(text) % size == 0 and text == text[:size] * (len(text) // size) for size in (1, 2, 3)
    )


def _is_run(text: str) -> bool:
    """Every character one after the previous one, up or down ("abcdefgh", "98765432")."""
    steps = {ord(b) - ord(a) for a, b in itertools.pairwise(text)}
    return steps in ({1}, {-1})
