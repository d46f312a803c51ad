"""The JSON API takes and gives amounts exactly, as text, on both databases."""

from __future__ import annotations

from tests.web.conftest import Site


def test_api_deal_amounts_round_trip_exactly(any_site: Site) -> None:
    client = any_site.api("dana")
    created = client.post(
        "/api/v1/deals",
        json={"account": "Northwind", "name": "Fleet", "amount": "12345678901234567"},
    )
    assert created.status_code == 201, created.text
    assert created.json()["amount"] == "12345678901234567.00"
    ident = created.json()["id"]
    shown = client.get(f"/api/v1/deals/{ident}")
    assert shown.json()["amount"] == "12345678901234567.00"
    listed = client.get("/api/v1/deals")
    assert [d["amount"] for d in listed.json()["items"]] == ["12345678901234567.00"]
    changed = client.patch(f"/api/v1/deals/{ident}", json={"amount": "0.10"})
    assert changed.status_code == 200, changed.text
    assert changed.json()["amount"] == "0.10"


def test_api_refuses_an_amount_it_cannot_keep_exactly(any_site: Site) -> None:
    client = any_site.api("dana")
    answer = client.post(
        "/api/v1/deals", json={"account": "Northwind", "name": "Fleet", "amount": "0.125"}
    )
    assert answer.status_code in (400, 422), answer.text
    assert "decimal places" in answer.text
