from __future__ import annotations

import datetime as dt
import hashlib

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
    change_own_password,
    change_user,
    end_session,
    extend_session,
    find_user,
    finish_sign_in,
    set_display_name,
    set_password,
    sign_in_candidate,
    signed_in,
    start_session,
    verify_password,
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


def test_an_idle_session_ends_and_a_used_one_slides_forward(ledger: Ledger) -> None:
    idle, lifetime = dt.timedelta(minutes=30), dt.timedelta(days=7)
    with ledger.session() as s:
        user = add_user(s, "dana", "long enough")
        signed = start_session(s, user, lifetime=lifetime, idle=idle)
    assert signed.expires_at - _utc_now() <= idle  # the idle end, not the absolute one
    with ledger.session() as s:
        found = signed_in(s, signed.token, lifetime=lifetime)
        assert found is not None
        # Used ten minutes later: its end moves to ten minutes + idle from sign-in.
        later = found.created_at + dt.timedelta(minutes=10)
        until = found.extension(idle=idle, lifetime=lifetime, now=later)
        assert until == later + idle
        assert found.extension(idle=idle, lifetime=lifetime, now=found.created_at) is None
        extend_session(s, signed.token, until)
    with ledger.session() as s:
        row = s.get(tables.WebSession, hashed(signed.token))
        assert row is not None and row.expires_at == until
        row.expires_at = _utc_now() - dt.timedelta(seconds=1)  # as if idle for 30 minutes
    with ledger.session() as s:
        assert signed_in(s, signed.token, lifetime=lifetime) is None


def test_a_session_ends_at_its_absolute_lifetime_however_busy(ledger: Ledger) -> None:
    with ledger.session() as s:
        user = add_user(s, "dana", "long enough")
        signed = start_session(s, user)
    with ledger.session() as s:
        found = signed_in(s, signed.token)
        assert found is not None
        week, idle = dt.timedelta(days=7), dt.timedelta(hours=8)
        near_end = found.created_at + week - dt.timedelta(hours=1)
        assert found.extension(idle=idle, lifetime=week, now=near_end) == found.created_at + week
        # A shorter lifetime set since sign-in applies at once.
        row = s.get(tables.WebSession, hashed(signed.token))
        assert row is not None
        row.created_at -= dt.timedelta(hours=2)
    with ledger.session() as s:
        assert signed_in(s, signed.token, lifetime=dt.timedelta(hours=1)) is None
        assert signed_in(s, signed.token, lifetime=dt.timedelta(hours=3)) is not None


def test_changing_ones_own_password_needs_the_current_one_and_keeps_this_session(
    ledger: Ledger,
) -> None:
    with ledger.session() as s:
        user = add_user(s, "dana", "long enough")
        here = start_session(s, user)
        elsewhere = start_session(s, user)
    with pytest.raises(FieldError) as info, ledger.session() as s:
        change_own_password(s, "dana", "not it at all", "a brand new one")
    assert info.value.field == "current_password"
    with pytest.raises(FieldError, match="common and leaked"), ledger.session() as s:
        change_own_password(s, "dana", "long enough", "football")
    with ledger.session() as s:
        change_own_password(s, "dana", "long enough", "a brand new one", keep_token=here.token)
    with ledger.session() as s:
        assert signed_in(s, here.token) is not None
        assert signed_in(s, elsewhere.token) is None
        assert authenticate(s, "dana", "long enough") is None
        assert authenticate(s, "dana", "a brand new one") is not None


def test_a_sign_in_checked_against_a_hash_changed_meanwhile_is_refused(ledger: Ledger) -> None:
    with ledger.session() as s:
        add_user(s, "dana", "long enough")
    with ledger.session() as s:
        candidate = sign_in_candidate(s, "DANA")
    verdict = verify_password(candidate.password_hash, "long enough")
    assert verdict.ok
    assert not verify_password(candidate.password_hash, "long enougH").ok
    with ledger.session() as s:
        set_password(s, "dana", "changed meanwhile")  # between the check and the session
    with ledger.session() as s:
        assert finish_sign_in(s, candidate, verdict) is None
    with ledger.session() as s:
        fresh = sign_in_candidate(s, "dana")
        done = finish_sign_in(s, fresh, verify_password(fresh.password_hash, "changed meanwhile"))
        assert done is not None and done[0].username == "dana"
        assert signed_in(s, done[1].token) is not None
    with ledger.session() as s:
        unknown = sign_in_candidate(s, "nobody")
        assert unknown.user_id is None
        assert finish_sign_in(s, unknown, verify_password(unknown.password_hash, "x")) is None


def hashed(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def test_the_decoy_hash_never_signs_anyone_in() -> None:
    # An unknown username is checked against a decoy, so it costs what a known one does; even
    # the decoy's own password must not pass.
    assert not verify_password(None, "not a password anyone has").ok
    assert not verify_password(None, "long enough").ok


def test_a_new_password_cannot_be_the_users_name_in_the_ledger(ledger: Ledger) -> None:
    with ledger.session() as s, pytest.raises(FieldError, match="your name in the ledger"):
        add_user(s, "dana", "dana whitfield", seller="Dana Whitfield")
    with ledger.session() as s:
        add_user(s, "dana", "long enough", seller="Dana Whitfield")
    for change in (
        lambda s: set_password(s, "dana", " Dana  Whitfield "),
        lambda s: change_own_password(s, "dana", "long enough", "DanaWhitfield"),
    ):
        with ledger.session() as s, pytest.raises(FieldError, match="your name in the ledger"):
            change(s)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [(" Dana   W. ", "Dana W."), ("Daná Øst", "Daná Øst"), ("", None), ("   ", None)],
)
def test_set_display_name_is_tidied_and_read_with_the_session(
    ledger: Ledger, typed: str, kept: str | None
) -> None:
    with ledger.session() as s:
        user = add_user(s, "dana", "long enough", "seller", seller="Dana Whitfield")
        token = start_session(s, user).token
        set_display_name(s, "DANA", typed)
    with ledger.session() as s:
        found = signed_in(s, token)
        assert found is not None and found.display_name == kept
        assert find_user(s, "dana").seller == "Dana Whitfield"  # the ledger name stays


@pytest.mark.parametrize(
    ("typed", "problem"), [("x" * 101, "at most 100"), ("tab\u200bhere\x07", "control character")]
)
def test_set_display_name_refuses_and_keeps_the_old_one(
    ledger: Ledger, typed: str, problem: str
) -> None:
    with ledger.session() as s:
        add_user(s, "dana", "long enough")
        set_display_name(s, "dana", "Dana")
    with pytest.raises(FieldError, match=problem), ledger.session() as s:
        set_display_name(s, "dana", typed)
    with ledger.session() as s:
        assert find_user(s, "dana").display_name == "Dana"
