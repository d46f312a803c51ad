"""The web app's settings: the public URL, what https turns on, and their trip to the workers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trustworks.cli import app
from trustworks.ledger.database import ENV_VAR
from trustworks.web import serving
from trustworks.web.settings import (
    WebSettings,
    environment_for,
    plausible_host,
    public_url_of,
    settings_from_environment,
)


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("https://trust.example.com", "https://trust.example.com"),
        ("HTTPS://Trust.Example.com/", "https://trust.example.com"),
        ("https://trust.example.com:8443/app/", "https://trust.example.com:8443/app"),
        ("http://[::1]:8000", "http://[::1]:8000"),
    ],
)
def test_public_url_of_keeps_scheme_host_port_and_path(given: str, kept: str) -> None:
    assert public_url_of(given) == kept


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("trust.example.com", "expected http(s)://host"),
        ("ftp://trust.example.com", "expected http(s)://host"),
        ("https://user:pw@trust.example.com", "no user name"),
        ("https://trust.example.com/?next=x", "no user name, password, query"),
        ("https://trust.example.com:99999", "not a URL"),
        ("https://bad_host!.example", "is not a host name"),
    ],
)
def test_public_url_of_says_what_is_wrong(given: str, said: str) -> None:
    with pytest.raises(ValueError) as info:
        public_url_of(given)
    assert said in str(info.value)


def test_https_turns_on_secure_cookies_and_hsts_unless_told_otherwise() -> None:
    assert not WebSettings().cookies_secure and not WebSettings().sends_hsts
    public = WebSettings(public_url="https://trust.example.com")
    assert public.cookies_secure and public.sends_hsts
    assert not WebSettings(public_url="http://intranet:8000").sends_hsts
    off = WebSettings(public_url="https://trust.example.com", secure_cookies=False, hsts=False)
    assert not off.cookies_secure and not off.sends_hsts
    assert WebSettings(secure_cookies=True).cookies_secure


def test_settings_reach_the_workers_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    sent = WebSettings(
        max_request_bytes=2048,
        session_lifetime=dt.timedelta(hours=12),
        session_idle=dt.timedelta(minutes=30),
        public_url="https://trust.example.com",
        hsts=False,
        hash_slots=1,
    )
    for name, value in environment_for(sent).items():
        monkeypatch.setenv(name, value)
    assert settings_from_environment(None) == sent


@pytest.mark.parametrize(
    ("host", "ok"),
    [
        ("testserver", True),
        ("trust.example.com:8443", True),
        ("127.0.0.1:8000", True),
        ("[::1]:8000", True),
        ("evil.example/phish", False),
        ("user@evil.example", False),
        ("", False),
    ],
)
def test_plausible_host(host: str, ok: bool) -> None:
    assert plausible_host(host) is ok


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--public-url", "trust.example.com"], "expected http(s)://host"),
        (["--idle-timeout", "forever"], "expected a number and s, m, h or d"),
        (["--session-lifetime", "30s"], "between 1 minute and 365 days"),
    ],
)
def test_serve_refuses_bad_options_before_starting(args: list[str], said: str) -> None:
    result = CliRunner().invoke(app, ["serve", *args])
    assert result.exit_code == 2
    # Typer draws the message in a box that may wrap it: each word is there.
    assert all(word in result.output for word in said.split()), result.output


@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0"])
def test_serve_warns_at_start_when_there_is_no_public_url(
    host: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[str, int]] = []
    # serve hands its settings to the workers in the environment: put it back afterwards.
    for name in [ENV_VAR, *environment_for(WebSettings())]:
        monkeypatch.setenv(name, "")
    monkeypatch.setattr(serving, "serve", lambda host, port, *a, **k: started.append((host, port)))
    db = f"sqlite:///{tmp_path / 'serve.sqlite3'}"
    bare = CliRunner().invoke(app, ["serve", "--host", host, "--db", db])
    assert bare.exit_code == 0, bare.output
    assert "warning: serving without --public-url" in bare.output
    public = CliRunner().invoke(
        app, ["serve", "--host", host, "--db", db, "--public-url", "https://trust.example.com"]
    )
    assert public.exit_code == 0, public.output
    assert "without --public-url" not in public.output
    assert started == [(host, 8000), (host, 8000)]
