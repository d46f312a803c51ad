"""Whatever a client sends, the API answers with a 2xx or a 4xx with a JSON error, never a 500."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.conftest import PASSWORD, Site, build_site
from trustworks.ledger.entities import KINDS

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["Northwind", "Contoso", "2026-12-01", "2026-02-30", "yes", "1", "-1", "us"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@pytest.fixture(scope="module")
def fuzz_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, TestClient]]:
    site = build_site(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'f.sqlite3'}")
    client = TestClient(site.app, raise_server_exceptions=False)
    token = client.post("/api/v1/session", json={"username": "dana", "password": PASSWORD})
    client.headers["Authorization"] = f"Bearer {token.json()['token']}"
    yield site, client
    site.ledger.close()


def _bodies(kind_name: str) -> st.SearchStrategy[dict[str, Any]]:
    fields = list(KINDS[kind_name].schema.model_fields)
    return st.dictionaries(st.sampled_from([*fields, "extra"]), VALUES, max_size=len(fields) + 1)


def _send(client: TestClient, method: str, path: str, body: dict[str, Any]) -> Any:
    # Sent as raw JSON so NaN and Infinity, which some clients write, reach the server too.
    content = json.dumps(body, allow_nan=True)
    return client.request(
        method, path, content=content, headers={"content-type": "application/json"}
    )


def _check(answer: Any) -> None:
    assert answer.status_code < 500, answer.text
    if answer.status_code >= 400:
        assert answer.json()["error"]["message"]


@pytest.mark.parametrize("kind_name", sorted(KINDS))
def test_fuzz_create_and_change_never_fail_with_a_500(
    fuzz_site: tuple[Site, TestClient], kind_name: str
) -> None:
    _site, client = fuzz_site
    plural = KINDS[kind_name].plural

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(body=_bodies(kind_name), ident=st.integers(min_value=-5, max_value=5))
    def run(body: dict[str, Any], ident: int) -> None:
        _check(_send(client, "POST", f"/api/v1/{plural}", body))
        _check(_send(client, "PATCH", f"/api/v1/{plural}/{ident}", body))

    run()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=st.dictionaries(st.sampled_from(["text", "format", "seller", "learned", "source"]), VALUES)
)
def test_fuzz_analyse_never_fails_with_a_500(
    body: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    site = _shared_site(tmp_path_factory)
    answer = _send(site[1], "POST", "/api/v1/analyses", body)
    _check(answer)


_SHARED: dict[str, tuple[Site, TestClient]] = {}


def _shared_site(factory: pytest.TempPathFactory) -> tuple[Site, TestClient]:
    # hypothesis reruns the test body, so the site is built once per process, not per example.
    if "site" not in _SHARED:
        site = build_site(f"sqlite:///{Path(factory.mktemp('fuzz-analyse')) / 'a.sqlite3'}")
        client = TestClient(site.app, raise_server_exceptions=False)
        token = client.post("/api/v1/session", json={"username": "ryan", "password": PASSWORD})
        client.headers["Authorization"] = f"Bearer {token.json()['token']}"
        _SHARED["site"] = (site, client)
    return _SHARED["site"]
