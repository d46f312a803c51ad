"""A web app over a fresh ledger with four users and two sellers' accounts.

dana and ryan are sellers (dana reports to maria, a manager); root is an admin.
Northwind belongs to Dana Whitfield, Contoso to Ryan Cole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.databases import migrated_sqlite_url
from trustworks.ledger import repository, users
from trustworks.ledger.database import Ledger, open_ledger
from trustworks.ledger.users import add_user
from trustworks.web import WebSettings, create_app

PASSWORD = "a long enough password"
EXAMPLES = Path(__file__).parents[2] / "examples"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Site:
    app: FastAPI
    ledger: Ledger
    ids: dict[str, int] = field(default_factory=dict)

    def browser(self, username: str | None = None) -> TestClient:
        """A client with cookies, signed in through the login form when a username is given."""
        client = TestClient(self.app, follow_redirects=False)
        if username:
            page = client.get("/login")
            token = csrf_of(page.text)
            answer = client.post(
                "/login",
                data={"username": username, "password": PASSWORD, "csrf_token": token},
            )
            assert answer.status_code == 303, answer.text
        return client

    def api(self, username: str) -> TestClient:
        """A client that sends a bearer token (no cookies), as another program would."""
        client = TestClient(self.app, follow_redirects=False)
        answer = client.post("/api/v1/session", json={"username": username, "password": PASSWORD})
        assert answer.status_code == 200, answer.text
        client.headers["Authorization"] = f"Bearer {answer.json()['token']}"
        return client


def csrf_of(html: str) -> str:
    """The CSRF token a page's forms carry."""
    match = _CSRF.search(html)
    assert match, "page has no form with a CSRF token"
    return match.group(1)


def build_site(url: str, settings: WebSettings | None = None) -> Site:
    ledger = open_ledger(url)
    site = Site(create_app(settings, ledger=ledger), ledger)
    with ledger.session() as s:
        add_user(s, "root", PASSWORD, "admin", seller="Root Admin")
        add_user(s, "maria", PASSWORD, "manager", seller="Maria Gomez")
        add_user(s, "dana", PASSWORD, "seller", seller="Dana Whitfield", manager="maria")
        add_user(s, "ryan", PASSWORD, "seller", seller="Ryan Cole")
        site.ids["northwind"] = repository.add(
            s, "account", {"name": "Northwind", "owner": "Dana Whitfield"}
        ).id  # type: ignore[attr-defined]
        site.ids["contoso"] = repository.add(
            s, "account", {"name": "Contoso", "owner": "Ryan Cole"}
        ).id  # type: ignore[attr-defined]
    return site


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real argon2, with the cheapest parameters: the production ones take 0.3 s a hash here."""
    monkeypatch.setattr(users, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024))


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    """The site on SQLite (the access tests also run on PostgreSQL: see `any_site`)."""
    built = build_site(migrated_sqlite_url(tmp_path / "web.sqlite3"))
    yield built
    built.ledger.close()


@pytest.fixture
def any_site(db_url: str, migrated: None) -> Iterator[Site]:
    """The site on each backend."""
    built = build_site(db_url)
    yield built
    built.ledger.close()
