from __future__ import annotations

import pyarrow as pa

from trustworks.analysis import analyze
from trustworks.batch.records import Record
from trustworks.batch.tables import CONVERSATIONS, conversation_row
from trustworks.conversation import Conversation, Turn

TIE = Conversation((Turn("Ana", "Hello."), Turn("Ben", "Hi.")), source="tie.txt")


def _row(seller: list[str] | None) -> dict[str, object]:
    record = Record("tie", "tie.txt", "", TIE)
    row = conversation_row(record, analyze(TIE, seller))
    pa.Table.from_pylist([row], schema=CONVERSATIONS)  # the row fits the published schema
    return row


def test_conversation_row_flags_an_uncertain_inferred_seller() -> None:
    row = _row(None)
    assert row["seller_inferred"] is True
    assert row["seller_uncertain"] is True
    assert row["seller_confidence"] == 0.5


def test_conversation_row_given_seller_has_no_confidence() -> None:
    row = _row(["Ben"])
    assert row["seller_uncertain"] is False
    assert row["seller_confidence"] is None
