"""JSON turns: both shapes, times as numbers or clock strings, schema errors with lines."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cpu import cpu_budget
from trustworks.errors import FormatError, InputError
from trustworks.ingest import load, parse

from .helpers import merged, names, pairs, soup


def test_json_sample_file(data_dir: Path) -> None:
    conv = load(data_dir / "call.json")
    assert conv.format == "json"
    assert conv.subject == "Pricing call with Northwind"
    assert pairs(conv) == [
        ("Olivia Grant", "Did the proposal make sense?"),
        ("Raj Patel", "Mostly. The per-seat price is higher than we hoped."),
        (
            "Olivia Grant",
            "Let me show where the savings come from. Most teams cut reporting time in half.",
        ),
    ]
    assert [(t.start, t.end, t.line) for t in conv.turns] == [
        (0.5, 3.2, 4),
        (3.4, 7.0, 5),
        (7.5, 12.0, 7),
    ]


def test_json_plain_list_and_extra_keys() -> None:
    text = '[{"speaker": "A", "text": "hi", "confidence": 0.9}, {"speaker": "B", "text": "yo"}]'
    conv = parse(text, fmt="json")
    assert pairs(conv) == [("A", "hi"), ("B", "yo")]
    assert conv.turns[0].start is None


def test_json_object_metadata() -> None:
    text = json.dumps(
        {"id": 7, "language": "en", "nested": {"x": 1}, "turns": [{"speaker": "A", "text": "hi"}]}
    )
    conv = parse(text, fmt="json")
    assert conv.metadata == {"id": "7", "language": "en"}


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (0, 0.0),
        (12.5, 12.5),
        ("12.5", 12.5),
        ("01:02", 62.0),
        ("1:02:03", 3723.0),
        ("00:00:03.400", 3.4),
        ("00:00:03,4", 3.4),
        (None, None),
    ],
)
def test_json_times(value: object, seconds: float | None) -> None:
    text = json.dumps([{"speaker": "A", "text": "hi", "start": value}])
    assert parse(text, fmt="json").turns[0].start == seconds


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        (
            '[\n {"speaker": "A", "text": "hi"},\n {"speaker": "B"}\n]',
            3,
            "turn 2: 'text' is missing",
        ),
        ('[\n {"text": "hi"}\n]', 2, "turn 1: 'speaker' is missing"),
        ('[{"speaker": "A", "text": 3}]', 1, "turn 1: 'text' must be a string, got a number"),
        ('[{"speaker": null, "text": "x"}]', 1, "'speaker' must be a string, got null"),
        ('[{"speaker": " ", "text": "x"}]', 1, "turn 1: 'speaker' is empty"),
        ('[\n\n "oops"]', 3, "turn 1: expected an object with 'speaker' and 'text', got a string"),
        ('[{"speaker": "A", "text": "x", "start": "soon"}]', 1, "'start' must be seconds"),
        ('[{"speaker": "A", "text": "x", "start": -1}]', 1, "'start' must be a finite number"),
        ('[{"speaker": "A", "text": "x", "start": true}]', 1, "'start' must be seconds"),
        ('[{"speaker": "A", "text": "x", "end": NaN}]', 1, "'end' must be a finite number"),
        ('[{"speaker": "A", "text": "x", "start": 1e999}]', 1, "'start' must be a finite number"),
        ('[{"speaker": "A", "text": "x", "start": 1' + "0" * 400 + "}]", 1, "'start' is too large"),
        ('[{"speaker": "A", "text": "x", "start": "00:61:00"}]', 1, "not a valid time"),
        ('[{"speaker": "A", "text": "x", "start": 5, "end": 2}]', 1, "'end' is before 'start'"),
        ('[\n{"speaker": "A", "text": "x"}\n{"speaker": "B"}]', 3, "expected ',' or ']'"),
        ('[\n{"speaker": "A", "text": "x",}]', 2, "invalid JSON"),
        ('[\n{"speaker": "A", "text": "x"}', 2, "unexpected end of input"),
        ('[{"speaker": "A", "text": "x"}]\n[]', 2, "extra data"),
        ('{"title": "x"}', 1, "no 'turns' list"),
        ('{"turns": {"speaker": "A"}}', 1, "no 'turns' list"),
        ('{"turns": [], }', 1, "invalid JSON"),
        ('{\n"turns": [\n{"speaker": "A", "text": "x"},\n{}]}', 4, "turn 2: 'speaker' is missing"),
        ("[]", None, "no turns with text"),
        ('[{"speaker": "A", "text": "  "}]', None, "no turns with text"),
        ('"just a string"', 1, "expected a JSON list of turns"),
        ("[" * 100_000 + "]" * 100_000, 1, "nested too deeply"),
        ('{"turns": ' + "[" * 100_000, 1, "nested too deeply"),
        (
            '[{"speaker": "A", "text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}]",
            1,
            "nested too deeply",
        ),
    ],
)
def test_json_broken_input_names_the_line(text: str, line: int | None, problem: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse(text, "turns.json", "json")
    assert caught.value.line == line
    assert problem in caught.value.problem


def test_json_huge_turn_list() -> None:
    turns = [{"speaker": f"S{i % 2}", "text": f"t {i}", "start": i} for i in range(50_000)]
    text = "[\n" + ",\n".join(json.dumps(t) for t in turns) + "\n]"
    with cpu_budget(10):
        conv = parse(text, fmt="json")
    assert len(conv.turns) == 50_000
    assert conv.turns[-1].line == 50_001


def test_json_five_megabyte_text() -> None:
    text = json.dumps([{"speaker": "A", "text": "word " * 1_000_000}])
    assert len(parse(text, fmt="json").turns[0].text) == 5_000_000 - 1


_texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff"),
    min_size=1,
).filter(str.strip)


@given(st.lists(st.tuples(names, _texts), min_size=1, max_size=10), st.booleans())
@settings(max_examples=80, deadline=None)
def test_json_round_trips_any_text(turns: list[tuple[str, str]], wrapped: bool) -> None:
    items = [{"speaker": s, "text": t} for s, t in turns]
    text = json.dumps({"turns": items} if wrapped else items, indent=1)
    conv = parse(text, fmt="json", merge_consecutive=False)
    expected = [(s, " ".join(t.split())) for s, t in turns]
    assert pairs(conv) == expected
    assert pairs(parse(text, fmt="json")) == merged(expected)


@given(st.text() | soup)
@settings(max_examples=150, deadline=None)
def test_json_arbitrary_text_raises_only_input_errors(text: str) -> None:
    for candidate in (text, "[" + text, '[{"speaker": "A", "text": ' + text):
        with contextlib.suppress(InputError):
            parse(candidate, fmt="json")


_json_values = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["speaker", "text", "start", "end", "turns", "x"]), children, max_size=4
        )
    ),
    max_leaves=20,
)


@given(_json_values)
@settings(max_examples=150, deadline=None)
def test_json_arbitrary_json_values_raise_only_input_errors(value: object) -> None:
    with contextlib.suppress(InputError):
        parse(json.dumps(value), fmt="json")
