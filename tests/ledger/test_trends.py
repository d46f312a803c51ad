"""Trends by seller: a name no database can hold is refused by name, on both backends."""

from __future__ import annotations

import pytest

from trustworks.errors import FieldError
from trustworks.ledger.database import Ledger
from trustworks.ledger.trends import seller_trends


@pytest.mark.parametrize("seller", ["Ali\x00ce", "Alice \ud800"])
def test_trends_a_seller_no_column_can_hold_is_a_field_error(ledger: Ledger, seller: str) -> None:
    # PostgreSQL refuses NUL in text and nobody can encode a lone surrogate: a 422 naming the
    # field, never the database's refusal as a 503.
    with ledger.session() as session, pytest.raises(FieldError, match="seller"):
        seller_trends(session, seller=seller)


def test_trends_an_unknown_seller_has_no_trends(ledger: Ledger) -> None:
    with ledger.session() as session:
        assert seller_trends(session, seller="nobody at all") == []
