"""Rows of a JSONL or Parquet archive: what is accepted, and what is refused with a reason."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trustworks.batch.plan import Unit
from trustworks.batch.records import (
    date_from_metadata,
    date_from_name,
    parse_date,
    record_from_row,
)
from trustworks.batch.work import Quarantined, _jsonl_records
from trustworks.errors import InputError

TEXT = "Dana: What brings you here?\nMarcus: We keep losing drivers."
TURNS = [
    {"speaker": "Dana", "text": "What brings you here?", "start": 0, "end": 2},
    {"speaker": "Marcus", "text": "We keep losing drivers.", "start": 2.5, "end": 5},
]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"text": TEXT}, ("f.jsonl:1", (), None, None, "plain")),
        (
            {"id": 7, "text": TEXT, "seller": "Dana", "team": "North", "date": "2026-03-02"},
            ("7", ("Dana",), "North", dt.date(2026, 3, 2), "plain"),
        ),
        (
            {"turns": TURNS, "seller": ["Dana", " "], "date": "2026-03-02T10:00:00+00:00"},
            ("f.jsonl:1", ("Dana",), None, dt.date(2026, 3, 2), "json"),
        ),
        ({"turns": json.dumps(TURNS), "format": "json"}, ("f.jsonl:1", (), None, None, "json")),
        (
            {"text": TEXT, "format": "plain", "extra": [1, 2]},
            ("f.jsonl:1", (), None, None, "plain"),
        ),
        (
            {"text": TEXT, "date": dt.datetime(2026, 1, 5, 9)},
            ("f.jsonl:1", (), None, dt.date(2026, 1, 5), "plain"),
        ),
    ],
)
def test_record_from_row_reads_valid_rows(
    row: dict[str, object], expected: tuple[object, ...]
) -> None:
    record = record_from_row(row, "f.jsonl", 1)
    rid, seller, team, date, fmt = expected
    assert (record.id, record.seller, record.team, record.date) == (rid, seller, team, date)
    assert record.conversation.format == fmt
    assert record.conversation.speakers() == ["Dana", "Marcus"]


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ([1, 2], "a row must be an object"),
        ({}, "exactly one of 'text' and 'turns'"),
        ({"text": TEXT, "turns": TURNS}, "exactly one of 'text' and 'turns'"),
        ({"text": 5}, "'text' must be a string"),
        ({"text": "   \n"}, "empty input"),
        ({"text": TEXT, "date": "next tuesday"}, "'date' is not an ISO date"),
        ({"text": TEXT, "date": 20260302}, "'date' must be an ISO date string"),
        ({"text": TEXT, "seller": {"name": "Dana"}}, "'seller' must be a string"),
        ({"text": TEXT, "team": ["a"]}, "'team' must be a string"),
        ({"text": TEXT, "format": "docx"}, "unknown format 'docx'"),
        ({"turns": TURNS, "format": "vtt"}, "'turns' are JSON turns"),
        ({"turns": [{"speaker": "A"}]}, "text"),
        ({"turns": "not json"}, "JSON"),
        ({"text": "WEBVTT\n\n00:01.000 --> 00:00.000\nA: hi\n", "format": "vtt"}, ""),
    ],
)
def test_record_from_row_refuses_bad_rows_with_the_reason(row: object, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        record_from_row(row, "f.jsonl", 3)
    assert "f.jsonl (line 3)" in str(caught.value)
    assert problem in str(caught.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("2026-03-02", dt.date(2026, 3, 2)),
        ("2026-03-02 14:00", dt.date(2026, 3, 2)),
        ("2026-03-02Tgarbage", dt.date(2026, 3, 2)),
        (dt.date(2025, 1, 1), dt.date(2025, 1, 1)),
    ],
)
def test_parse_date_reads_iso_dates(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2026-03-02-acme.vtt", dt.date(2026, 3, 2)),
        ("acme_2026-13-40_then_2026-04-01.srt", dt.date(2026, 4, 1)),
        ("call-12026-03-02.txt", None),
        ("call.vtt", None),
    ],
)
def test_date_from_name_takes_the_first_valid_date(name: str, expected: dt.date | None) -> None:
    assert date_from_name(name) == expected


def test_date_from_metadata_reads_email_dates() -> None:
    assert date_from_metadata({"date": "Thu, 12 Nov 2026 09:14:00 +0000"}) == dt.date(2026, 11, 12)
    assert date_from_metadata({"date": "soon"}) is None
    assert date_from_metadata({}) is None


def _read_lines(tmp_path: Path, data: bytes, max_bytes: int = 10**6) -> list[object]:
    path = tmp_path / "rows.jsonl"
    path.write_bytes(data)
    unit = Unit("jsonl", str(path), len(data), 0, 0, len(data), 1, len(data))
    return list(_jsonl_records(unit, max_bytes))


def test_jsonl_lines_each_become_a_record_or_a_quarantine_entry(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": TEXT}).encode(),
        b"",
        b"{not json",
        b"\xff\xfe{}",
        b"[" * 100_000 + b"]" * 100_000,
        json.dumps({"turns": TURNS, "id": "x"}).encode(),
    ]
    items = _read_lines(tmp_path, b"\n".join(lines))
    assert [type(i).__name__ for i in items] == [
        "Record", "Quarantined", "Quarantined", "Quarantined", "Record",
    ]  # fmt: skip
    bad = [i for i in items if isinstance(i, Quarantined)]
    assert [q.line for q in bad] == [3, 4, 5]
    assert "invalid JSON" in bad[0].reason
    assert "not UTF-8" in bad[1].reason
    assert all(q.reason.startswith(f"{tmp_path / 'rows.jsonl'} (line ") for q in bad)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            st.binary(max_size=200),
            st.text(max_size=200).map(str.encode),
            st.dictionaries(
                st.sampled_from(["id", "text", "turns", "seller", "team", "date", "format"]),
                st.one_of(st.none(), st.integers(), st.text(max_size=80), st.lists(st.text())),
            ).map(lambda d: json.dumps(d).encode()),
        ),
        max_size=8,
    )
)
def test_jsonl_reader_never_raises_on_hostile_lines(tmp_path: Path, lines: list[bytes]) -> None:
    data = b"\n".join(line.replace(b"\n", b" ") for line in lines)
    items = _read_lines(tmp_path, data)
    nonblank = [line for line in data.split(b"\n") if line.strip()]
    assert len(items) == len(nonblank)
    for item in items:
        if isinstance(item, Quarantined):
            assert item.reason and item.line is not None


def test_jsonl_lines_over_the_size_limit_are_quarantined_unread(tmp_path: Path) -> None:
    huge = json.dumps({"text": "Dana: " + "word " * 5_000}).encode()
    items = _read_lines(tmp_path, huge + b"\n" + json.dumps({"text": TEXT}).encode(), 10_000)
    assert isinstance(items[0], Quarantined) and "the limit is 10,000" in items[0].reason
    assert not isinstance(items[1], Quarantined)
