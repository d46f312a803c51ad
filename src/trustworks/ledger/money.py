"""Amounts of money, kept exactly: a Decimal to the hundredth, never a float.

An amount is stored as NUMERIC(20, 2) on PostgreSQL and as a whole number of hundredths on
SQLite (whose NUMERIC would round a long amount through a float), so 12345678901234567 comes
back as 12345678901234567.00 on both. Amounts with more than two decimal places, or beyond what
both databases hold, are refused rather than rounded. The API, the CLI's JSON and backups write
amounts as strings ("12345678901234567.00"), which no JSON reader rounds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field
from sqlalchemy import BigInteger, Dialect, Numeric
from sqlalchemy.types import TypeDecorator, TypeEngine

__all__ = [
    "CENT",
    "EXACT",
    "MAX_AMOUNT",
    "Amount",
    "Money",
    "SignedAmount",
    "as_json",
    "parse_amount_text",
    "to_amount",
]

CENT = Decimal("0.01")
# The largest number of hundredths SQLite's INTEGER holds (2^63 - 1); NUMERIC(20, 2) holds more.
MAX_AMOUNT = Decimal(2**63 - 1).scaleb(-2)


def to_amount(value: object) -> Decimal:
    """An exact Decimal from a number or its text; ValueError says why it is not an amount.

    A float is taken as the shortest decimal that prints as it (0.1 is 0.1), since that is what
    whoever typed it meant; text is read digit by digit, so long amounts keep every digit.
    """
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{value!r} is not an amount")
    try:
        if isinstance(value, Decimal):
            amount = value
        elif isinstance(value, int):
            amount = Decimal(value)
        elif isinstance(value, float):
            amount = Decimal(repr(value))
        elif isinstance(value, str):
            amount = Decimal(value.strip())
        else:
            raise ValueError(f"{value!r} is not an amount")
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number") from None
    if not amount.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    if abs(amount) > MAX_AMOUNT:
        raise ValueError(f"{amount} is larger than an amount may be ({MAX_AMOUNT})")
    exact = amount.quantize(CENT)
    if exact != amount:
        raise ValueError(f"{amount} has more than 2 decimal places (amounts are kept to the cent)")
    return exact


# How amounts are written in exports and by people: "1250.75", "1,250.75", "$12,000.00",
# "USD 48000", "€99". A comma that is not a thousands separator ("12,00") is not accepted.
_WRITTEN = re.compile(
    r"(?:[A-Za-z]{3}\s?|[$€£¥]\s?)?(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)", re.ASCII
)


def parse_amount_text(raw: str) -> Decimal | str:
    """The exact amount in text as people write it ("$1,250.50"), else the text unchanged.

    Every digit is kept: "12345678901234567" is 12345678901234567, not a float's 1.23...e16.
    """
    match = _WRITTEN.fullmatch(raw.strip())
    return Decimal(match.group(1).replace(",", "")) if match else raw


# For fastapi's jsonable_encoder, which would otherwise turn an amount into a rounded float.
EXACT: dict[Any, Callable[[Any], Any]] = {Decimal: str}


def as_json(value: Decimal) -> str:
    """An amount as JSON-safe text, every digit kept: "12345678901234567.00"."""
    return format(value.quantize(CENT), "f")


def _before(value: Any) -> Any:
    # Floats (a JSON number, an imported cell) become the decimal they print as, not the binary
    # fraction under them; anything else goes to pydantic's Decimal checks as it is.
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        return parse_amount_text(value)
    return value


def _cents(value: Decimal) -> Decimal:
    # Written as it will read back: 12345678901234567 is 12345678901234567.00 from the start.
    return value.quantize(CENT)


# For the schemas: an amount of zero or more, and one that may be negative (money paid back).
Amount = Annotated[
    Decimal,
    BeforeValidator(_before),
    Field(ge=0, le=MAX_AMOUNT, decimal_places=2, allow_inf_nan=False),
    AfterValidator(_cents),
]
SignedAmount = Annotated[
    Decimal,
    BeforeValidator(_before),
    Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT, decimal_places=2, allow_inf_nan=False),
    AfterValidator(_cents),
]


class Money(TypeDecorator[Decimal]):
    """An amount column: NUMERIC(20, 2) on PostgreSQL, whole hundredths on SQLite; a Decimal."""

    impl = BigInteger
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Numeric(20, 2, asdecimal=True))
        return dialect.type_descriptor(BigInteger())

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        amount = to_amount(value)
        if dialect.name == "postgresql":
            return amount
        return int(amount.scaleb(2))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "postgresql":
            return Decimal(value).quantize(CENT)
        return Decimal(int(value)).scaleb(-2)
