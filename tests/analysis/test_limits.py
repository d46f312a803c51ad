"""Inputs the analyzer cannot judge get a plain note and no invented findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from trustworks.analysis import analyze
from trustworks.analysis.limits import analysis_notes, reads_as_english
from trustworks.ingest import load, parse
from trustworks.report.document import to_document

EXAMPLES = Path(__file__).parents[2] / "examples"


def _run(text: str) -> tuple[list[str], list[str]]:
    analysis = analyze(parse(text, source="<test>"), ["Seller"])
    return [f.signal for f in analysis.findings], analysis_notes(analysis)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Seller: 12345 678 90.\nClient: 111 222.", "No words to read"),
        ("Seller: 🙂🙂🙂 🎉🎉\nClient: 👍👍", "No words to read"),
        (
            "Seller: Hola, ¿cómo está usted? Nuestra plataforma es la mejor del mercado.\n"
            "Client: No me interesa, gracias.",
            "does not read as English",
        ),
        (
            "Seller: Guten Tag, wie geht es Ihnen? Unser Angebot ist das beste am Markt.\n"
            "Client: Nein danke, kein Interesse.",
            "does not read as English",
        ),
    ],
)
def test_limits_unreadable_input_gets_a_note_and_no_findings(text: str, says: str) -> None:
    findings, notes = _run(text)
    assert findings == []
    assert any(says in note for note in notes)


def test_limits_one_sided_call_says_what_cannot_be_judged() -> None:
    _, notes = _run("Seller: Our platform is great and I'd love to tell you all about it.")
    assert any("Only the seller's side" in note for note in notes)


def test_limits_little_evidence_is_named() -> None:
    findings, notes = _run("Seller: Morning.\nClient: Morning, the report is attached.")
    assert len(findings) < 3
    assert any(note.startswith("Little evidence") for note in notes)


def test_limits_a_rich_call_has_no_notes_and_the_document_carries_them() -> None:
    analysis = analyze(load(EXAMPLES / "discovery-pounce.srt"), ["Ryan Cole"])
    assert analysis_notes(analysis) == []
    thin = analyze(parse("Seller: Morning.\nClient: Morning.", source="<t>"), ["Seller"])
    assert to_document(thin).notes == analysis_notes(thin) != []


def test_limits_terse_english_notes_are_not_called_foreign() -> None:
    _, notes = _run(
        "Client: Budget approved. Timeline Q3. Procurement review pending.\n"
        "Seller: Noted. Sending SSO integration docs, pricing sheet, security questionnaire."
    )
    assert not any("English" in note for note in notes)


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("THE PRICE IS FINE FOR US", True),
        ("we'd like it on Tuesday", True),
        ("Das ist nicht gut und es ist kalt", False),
        ("Das ist nicht gut, and the price is high", True),
        ("¿Qué es el precio para usted?", False),
        ("Café prices are high in the city", True),
        ("12345 67890", False),
        ("", False),
        # Words are runs of letters: "the" inside "theme" or after a digit is counted only
        # as a whole run, and foreign words beside punctuation or digits count too.
        ("theme atheist", False),
        ("2the price", True),
        ("la que el, the price", False),
        ("el price, the-la", False),
        ("que1 the", True),
        ("y", False),
    ],
)
def test_limits_reads_as_english_by_its_function_words(text: str, english: bool) -> None:
    assert reads_as_english(text) is english
