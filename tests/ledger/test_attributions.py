from __future__ import annotations

import datetime as dt

import pytest

from trustworks.errors import ConflictError, FieldError, NotFoundError
from trustworks.ledger import tables as t
from trustworks.ledger.attributions import attribute, attributions
from trustworks.ledger.database import Ledger

from .conftest import count

TODAY = dt.date(2026, 6, 1)


def _sale(**overrides: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "client": "Northwind",
        "amount": 40_000,
        "sold_on": dt.date(2026, 5, 2),
        "share": 25,
        "reason": "I qualified instead of demoing.",
        "today": TODAY,
    }
    fields.update(overrides)
    return fields


def test_attribute_credits_amount_times_share(ledger: Ledger, programme: int) -> None:
    with ledger.session() as session:
        attribute(session, programme, "Dana Whitfield", **_sale())
        attribute(session, programme, "Lee Park", **_sale(amount="1200.50", share="100"))
        attribute(session, programme, "Kim Osei", **_sale(amount=999, share=0))
    with ledger.session() as session:
        records = attributions(session, programme)
    assert [(r.participant, r.attributed) for r in records] == [
        ("Dana Whitfield", 10_000.0),
        ("Lee Park", 1200.5),
        ("Kim Osei", 0.0),
    ]
    assert records[0].recorded_on == TODAY


BAD_VALUES: list[tuple[dict[str, object], str]] = [
    ({"share": 100.01}, "share"),
    ({"share": -1}, "share"),
    ({"share": "lots"}, "share"),
    ({"share": None}, "share"),
    ({"amount": -5}, "amount"),
    ({"amount": "ten"}, "amount"),
    ({"amount": "nan"}, "amount"),
    ({"amount": float("inf")}, "amount"),
    ({"amount": True}, "amount"),
    ({"amount": ""}, "amount"),
    ({"client": " "}, "client"),
    ({"reason": None}, "reason"),
    ({"sold_on": "yesterday"}, "sold_on"),
    ({"sold_on": dt.date(2026, 6, 2)}, "sold_on"),
]


def test_attribute_refuses_bad_values_and_stores_nothing(ledger: Ledger, programme: int) -> None:
    for overrides, field in BAD_VALUES:
        with pytest.raises(FieldError, match=f"^{field}:"), ledger.session() as session:
            attribute(session, programme, "Dana Whitfield", **_sale(**overrides))
    assert count(ledger, t.Attribution) == 0


def test_attribute_refuses_the_same_sale_twice(ledger: Ledger, programme: int) -> None:
    with ledger.session() as session:
        attribute(session, programme, "Dana Whitfield", **_sale())
    with pytest.raises(ConflictError, match="already attributed"), ledger.session() as session:
        attribute(session, programme, "Dana Whitfield", **_sale(client="NORTHWIND", share=50))
    with pytest.raises(NotFoundError, match="not a participant"), ledger.session() as session:
        attribute(session, programme, "Stranger", **_sale())
    assert count(ledger, t.Attribution) == 1
