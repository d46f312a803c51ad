"""Password rules after NIST SP 800-63B (5.1.1.2): length over complexity, no composition rules,
and no password from a list of common and leaked ones that ships inside the package.

- A password is normalised to Unicode NFKC before it is counted, checked and hashed, so one
  password typed on two keyboards (a composed or decomposed "é", a full-width digit) is one.
- 8 to 256 characters, counted after normalisation; not only whitespace; no control characters.
- Not on `data/common-passwords.txt` (11,611 leaked passwords; `data/SOURCE.md` says where
  they come from), compared in lower case; not one short unit repeated ("aaaaaaaa",
  "abababab"), not a run ("abcdefgh", "98765432"); not the username nor the product's name.

Nothing asks for digits, capitals or symbols and nothing expires on a schedule: the guidance
found that such rules make passwords easier to guess and harder to remember.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from importlib import resources

from trustworks.errors import FieldError

MIN_LENGTH = 8
MAX_LENGTH = 256
# A sign-in form takes longer passwords than a new one may have: a password set before the
# 256-character rule (up to 1,024 then) must still sign in.
MAX_SIGN_IN_LENGTH = 1024
_PRODUCT_WORDS = frozenset({"trustworks", "trust works"})


def normalise(password: str) -> str:
    """The form a password is counted, checked and hashed in (Unicode NFKC)."""
    return unicodedata.normalize("NFKC", password)


def check_new_password(password: str, *, username: str | None = None) -> str:
    """The normalised password, or a `FieldError` on "password" naming the rule it breaks.

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
    if folded in common_passwords():
        raise FieldError(
            "password",
            "is on the list of common and leaked passwords that attackers try first; "
            "choose another (a few unrelated words make a strong one)",
        )
    if _repeats(folded):
        raise FieldError("password", "is a few characters repeated; choose another")
    if _is_run(folded):
        raise FieldError(
            "password",
            "is a run of consecutive characters (like abcdefgh or 87654321); choose another",
        )
    if username and folded == normalise(username).strip().casefold():
        raise FieldError("password", "cannot be the username")
    if folded.strip() in _PRODUCT_WORDS:
        raise FieldError("password", "cannot be the product's name")
    return text


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
