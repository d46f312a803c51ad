from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from trustworks.errors import ConflictError, FieldError, NotFoundError
from trustworks.ledger import repository as repo
from trustworks.ledger import tables
from trustworks.ledger.access import check_visible, scope_for, visible_account_ids
from trustworks.ledger.database import Ledger
from trustworks.ledger.users import (
    add_user,
    authenticate,
    change_user,
    end_session,
    find_user,
    set_password,
    signed_in,
    start_session,
)


def test_passwords_are_stored_as_argon2_hashes_and_checked(ledger: Ledger) -> None:
    with ledger.session() as s:
        add_user(s, "dana", "correct horse", "seller", seller="Dana Whitfield")
    with ledger.session() as s:
        stored = find_user(s, "DANA")
        assert stored.password_hash.startswith("$argon2")
        assert "correct horse" not in stored.password_hash
        assert authenticate(s, "dana", "correct horse") is not None
        assert authenticate(s, "dana", "wrong horse!") is None
        assert authenticate(s, "nobody", "correct horse") is None


@pytest.mark.parametrize(
    ("username", "password", "role", "field"),
    [
        ("dana", "short", "seller", "password"),
        ("has space", "long enough", "seller", "username"),
        ("<script>", "long enough", "seller", "username"),
        ("dana", "long enough", "emperor", "role"),
    ],
)
def test_add_user_refuses_bad_values(
    ledger: Ledger, username: str, password: str, role: str, field: str
) -> None:
    with pytest.raises(FieldError) as info, ledger.session() as s:
        add_user(s, username, password, role)
    assert info.value.field == field


def test_usernames_are_unique_regardless_of_case(ledger: Ledger) -> None:
    with ledger.session() as s:
        add_user(s, "dana", "long enough")
    with pytest.raises(ConflictError), ledger.session() as s:
        add_user(s, "Dana", "long enough")


def test_sessions_expire_and_end(ledger: Ledger) -> None:
    with ledger.session() as s:
        user = add_user(s, "dana", "long enough")
        live = start_session(s, user)
        dead = start_session(s, user, lifetime=dt.timedelta(seconds=-1))
    with ledger.session() as s:
        found = signed_in(s, live.token)
        assert found is not None
        assert found.username == "dana"
        assert found.csrf_token == live.csrf_token
        assert signed_in(s, dead.token) is None
        assert signed_in(s, "made-up") is None
        # Only the token's hash is stored.
        assert s.scalars(select(tables.WebSession.token_hash)).all() != [live.token]
        end_session(s, live.token)
    with ledger.session() as s:
        assert signed_in(s, live.token) is None


def test_signed_in_reads_the_caller_and_refuses_expired_unknown_and_switched_off(
    ledger: Ledger,
) -> None:
    with ledger.session() as s:
        user = add_user(s, "dana", "long enough", "seller", seller="Dana Whitfield")
        live = start_session(s, user)
        dead = start_session(s, user, lifetime=dt.timedelta(seconds=-1))
        other = add_user(s, "ryan", "long enough")
        gone = start_session(s, other)
        other.active = False
    with ledger.session() as s:
        found = signed_in(s, live.token)
        assert found is not None
        assert (found.username, found.role, found.seller) == ("dana", "seller", "Dana Whitfield")
        assert found.user_id == user.id and found.csrf_token == live.csrf_token
        assert signed_in(s, dead.token) is None
        assert signed_in(s, gone.token) is None
        assert signed_in(s, "made-up") is None
        assert signed_in(s, "") is None
        assert signed_in(s, "x" * 201) is None


def test_switching_a_user_off_or_changing_their_role_signs_them_out(ledger: Ledger) -> None:
    with ledger.session() as s:
        add_user(s, "root", "long enough", "admin")
        dana = add_user(s, "dana", "long enough")
        ryan = add_user(s, "ryan", "long enough")
        dana_token = start_session(s, dana).token
        ryan_token = start_session(s, ryan).token
    with ledger.session() as s:
        change_user(s, "dana", seller="Dana Whitfield")  # a new ledger name keeps the session
        assert signed_in(s, dana_token) is not None
        change_user(s, "dana", active=False)
        change_user(s, "ryan", role="manager")
    with ledger.session() as s:
        assert signed_in(s, dana_token) is None
        assert signed_in(s, ryan_token) is None
        assert authenticate(s, "dana", "long enough") is None
        assert find_user(s, "ryan").role == "manager"


def test_changing_the_password_signs_out_everywhere(ledger: Ledger) -> None:
    with ledger.session() as s:
        user = add_user(s, "dana", "long enough")
        signed = start_session(s, user)
    with ledger.session() as s:
        set_password(s, "dana", "a new long one")
    with ledger.session() as s:
        assert signed_in(s, signed.token) is None
        assert authenticate(s, "dana", "a new long one") is not None


def test_scopes_seller_manager_admin(ledger: Ledger) -> None:
    with ledger.session() as s:
        boss = add_user(s, "maria", "long enough", "manager", seller="Maria Gomez")
        dana = add_user(
            s, "dana", "long enough", "seller", seller="Dana Whitfield", manager="maria"
        )
        ryan = add_user(s, "ryan", "long enough", "seller", seller="Ryan Cole")
        admin = add_user(s, "root", "long enough", "admin")
        mine = repo.add(s, "account", {"name": "Northwind", "owner": "Dana Whitfield"})
        theirs = repo.add(s, "account", {"name": "Contoso", "owner": "Ryan Cole"})
        goal = repo.add(s, "goal", {"account": "Contoso", "description": "grow"})
        ids = {"mine": mine.id, "theirs": theirs.id}
        assert visible_account_ids(s, scope_for(s, dana)) == {ids["mine"]}
        assert visible_account_ids(s, scope_for(s, ryan)) == {ids["theirs"]}
        assert visible_account_ids(s, scope_for(s, boss)) == {ids["mine"]}
        assert visible_account_ids(s, scope_for(s, admin)) is None
        with pytest.raises(NotFoundError):
            check_visible(s, scope_for(s, dana), goal, "goal")
        check_visible(s, scope_for(s, ryan), goal, "goal")
        check_visible(s, scope_for(s, admin), goal, "goal")
