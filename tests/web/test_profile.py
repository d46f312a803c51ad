"""A user's own profile (display name) and the admins' user management, with who may do what."""

from __future__ import annotations

import pytest

from tests.web.conftest import PASSWORD, Site, csrf_of
from trustworks.ledger.users import find_user

NEW_PASSWORD = "four unrelated garden words"


def _post(client: object, path: str, **data: str) -> object:
    page = client.get("/me")  # type: ignore[attr-defined]
    return client.post(path, data={"csrf_token": csrf_of(page.text), **data})  # type: ignore[attr-defined]


def test_a_user_sets_their_display_name_and_the_header_shows_it(site: Site) -> None:
    dana = site.browser("dana")
    page = dana.get("/me").text
    assert "Dana Whitfield" in page and 'name="display_name" value=""' in page
    answer = _post(dana, "/me", display_name="  Dana   W. ")
    assert answer.status_code == 303 and answer.headers["location"] == "/me?saved=1"  # type: ignore[attr-defined]
    assert (
        '<a class="who" href="/me" title="Your name and password">Dana W. <span'
        in dana.get("/today").text
    )
    with site.ledger.session() as s:
        user = find_user(s, "dana")
        assert (user.display_name, user.seller) == ("Dana W.", "Dana Whitfield")  # ledger name kept
    too_long = _post(dana, "/me", display_name="x" * 101)
    assert too_long.status_code == 422 and "at most 100 characters" in too_long.text  # type: ignore[attr-defined]
    assert _post(dana, "/me", display_name="").status_code == 303  # back to the username
    assert (
        '<a class="who" href="/me" title="Your name and password">dana <span'
        in dana.get("/today").text
    )


def test_profile_needs_sign_in_and_csrf(site: Site) -> None:
    anonymous = site.browser()
    assert anonymous.get("/me").status_code in (303, 307)
    dana = site.browser("dana")
    assert dana.post("/me", data={"display_name": "X"}).status_code == 403


@pytest.mark.parametrize("username", ["dana", "maria"])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/admin/users"),
        ("post", "/admin/users"),
        ("get", "/admin/users/ryan"),
        ("post", "/admin/users/ryan"),
        ("post", "/admin/users/ryan/password"),
    ],
)
def test_only_admins_manage_users(site: Site, username: str, method: str, path: str) -> None:
    client = site.browser(username)
    if method == "get":
        answer = client.get(path)
    else:
        answer = _post(
            client, path, username="eve", role="admin", active="no", password=NEW_PASSWORD
        )
    assert answer.status_code == 403  # type: ignore[attr-defined]
    with site.ledger.session() as s:
        assert find_user(s, "ryan").active and find_user(s, "ryan").role == "seller"


def test_admin_adds_a_user_who_can_then_sign_in(site: Site) -> None:
    root = site.browser("root")
    listed = root.get("/admin/users").text
    assert "Maria Gomez" in listed and '<a href="/admin/users/dana">dana</a>' in listed
    answer = _post(
        root,
        "/admin/users",
        username="lee",
        seller="Lee Park",
        role="seller",
        manager="maria",
        password=NEW_PASSWORD,
    )
    assert answer.status_code == 303  # type: ignore[attr-defined]
    with site.ledger.session() as s:
        lee = find_user(s, "lee")
        assert (lee.seller, lee.role, lee.manager_id) == (
            "Lee Park",
            "seller",
            find_user(s, "maria").id,
        )
    signed = site.browser().post(
        "/api/v1/session", json={"username": "lee", "password": NEW_PASSWORD}
    )
    assert signed.status_code == 200
    # a refused one comes back with the rule and what was typed
    refused = _post(root, "/admin/users", username="kim", role="seller", password="password1")
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert "common and leaked" in refused.text and 'value="kim"' in refused.text  # type: ignore[attr-defined]
    twice = _post(root, "/admin/users", username="LEE", role="seller", password=NEW_PASSWORD)
    assert twice.status_code == 409  # type: ignore[attr-defined]


def test_admin_changes_role_and_switches_a_user_off(site: Site) -> None:
    ryan = site.api("ryan")
    root = site.browser("root")
    page = root.get("/admin/users/ryan").text
    assert 'name="role" value="seller" checked' in page
    answer = _post(
        root,
        "/admin/users/ryan",
        role="manager",
        seller="Ryan Cole",
        manager="",
        active="yes",
        display_name="Ryan C.",
    )
    assert answer.status_code == 303  # type: ignore[attr-defined]
    assert ryan.get("/api/v1/accounts").status_code == 401  # a new role signs them out
    off = _post(root, "/admin/users/ryan", role="manager", seller="Ryan Cole", active="no")
    assert off.status_code == 303  # type: ignore[attr-defined]
    with site.ledger.session() as s:
        user = find_user(s, "ryan")
        assert (user.role, user.active, user.display_name) == ("manager", False, None)
    assert (
        site.browser().post("/api/v1/session", json={"username": "ryan", "password": PASSWORD})
    ).status_code == 401
    # the last admin can be neither switched off nor demoted
    last = _post(root, "/admin/users/root", role="seller", seller="Root Admin", active="yes")
    assert last.status_code == 409 and "last active admin" in last.text  # type: ignore[attr-defined]
    assert root.get("/admin/users/nobody").status_code == 404


def test_admin_sets_a_password_that_signs_the_user_out(site: Site) -> None:
    dana = site.api("dana")
    root = site.browser("root")
    weak = _post(root, "/admin/users/dana/password", password="password1")
    assert weak.status_code == 422  # type: ignore[attr-defined]
    answer = _post(root, "/admin/users/dana/password", password=NEW_PASSWORD)
    assert answer.status_code == 303  # type: ignore[attr-defined]
    assert dana.get("/api/v1/accounts").status_code == 401
    assert (
        site.browser().post("/api/v1/session", json={"username": "dana", "password": NEW_PASSWORD})
    ).status_code == 200
