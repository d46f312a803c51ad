"""What an attacker or a careless client sends gets a 4xx that says what was wrong, never a 500.

The named cases first (each once broke), then a property sweep over every API route and its
query parameters, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import pytest

from tests.web.conftest import Site


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_api_reviews_on_the_edges_of_the_calendar_answer(any_site: Site, day: str) -> None:
    client = any_site.api("dana")
    assert (
        client.post(
            "/api/v1/commitments",
            json={
                "account": "Northwind",
                "side": "us",
                "by": "Dana Whitfield",
                "what": "x",
                "due": day,
            },
        ).status_code
        == 201
    )
    assert client.post("/api/v1/today/done", json={"date": day}).status_code == 200
    for path in ("/api/v1/today", "/api/v1/alerts", "/api/v1/accounts/Northwind/client-view"):
        answer = client.get(path, params={"date": day})
        assert answer.status_code == 200, (path, answer.text)
    browser = any_site.browser("dana")
    for path in ("/today", "/alerts", "/review"):
        assert browser.get(path, params={"date": day}).status_code == 200, path


def test_api_patch_takes_the_integer_ids_post_takes(any_site: Site) -> None:
    client = any_site.api("dana")
    account = any_site.ids["northwind"]
    person = client.post("/api/v1/people", json={"account": account, "name": "Joe Park"})
    assert person.status_code == 201, person.text
    call = client.post(
        "/api/v1/interactions",
        json={"account": account, "occurred_on": "2026-11-02", "channel": "call"},
    )
    assert call.status_code == 201, call.text
    changed = client.patch(
        f"/api/v1/interactions/{call.json()['id']}",
        json={"account": account, "person": person.json()["id"]},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["person"] == "Joe Park"
    # The field's own limits still hold on PATCH.
    too_long = client.patch(f"/api/v1/people/{person.json()['id']}", json={"name": "x" * 201})
    assert too_long.status_code == 422
    assert "name" in too_long.json()["error"]["message"]
