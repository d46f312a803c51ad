from __future__ import annotations

import io
import json

from rich.console import Console

from trustworks.analysis import analyze
from trustworks.conversation import Conversation, Turn
from trustworks.report import render_markdown, render_text, to_json

TIE = Conversation((Turn("Ana", "Hello."), Turn("Ben", "Hi.")), source="tie.txt")
LABELLED = Conversation(
    (Turn("Customer", "My order still hasn't arrived."), Turn("Agent", "Let me look into it.")),
    source="service.txt",
)


def _text(conv: Conversation) -> str:
    out = io.StringIO()
    render_text(analyze(conv), Console(file=out, width=200, highlight=False))
    return out.getvalue()


def test_text_report_says_plainly_when_the_seller_is_uncertain() -> None:
    text = _text(TIE)
    assert "not sure: 50%" in text
    assert "Not sure who the seller is" in text
    assert "--seller Ben" in text  # the other speaker, as an example
    assert "spoke first" in text  # the reasons are shown


def test_text_report_shows_confidence_and_reasons_when_sure() -> None:
    text = _text(LABELLED)
    assert "Seller: Agent (inferred, 99% sure)" in text
    assert "label 'Agent'" in text
    assert "Not sure who the seller is" not in text


def test_text_report_given_seller_has_no_confidence() -> None:
    out = io.StringIO()
    render_text(analyze(TIE, ["Ben"]), Console(file=out, width=200))
    assert "Seller: Ben (given)" in out.getvalue()
    assert "Not sure" not in out.getvalue()


def test_markdown_report_warns_when_the_seller_is_uncertain() -> None:
    md = render_markdown(analyze(TIE))
    assert "**Ana (inferred, not sure: 50%)**" in md
    assert "> **Warning:** Not sure who the seller is" in md
    assert "--seller Ben" in md


def test_markdown_report_lists_the_reasons() -> None:
    md = render_markdown(analyze(LABELLED))
    assert "Agent (inferred, 99% sure)" in md
    assert "- the speaker label 'Agent' names the seller's side" in md


def test_json_carries_confidence_uncertainty_and_reasons() -> None:
    doc = json.loads(to_json([analyze(TIE)]))
    assert doc["seller_inferred"] is True
    assert doc["seller_confidence"] == 0.5 and doc["seller_uncertain"] is True
    assert any("spoke first" in r for r in doc["seller_inference_reasons"])
    given = json.loads(to_json([analyze(TIE, ["Ben"])]))
    assert given["seller_confidence"] is None and given["seller_uncertain"] is False
    assert given["seller_inference_reasons"] == []
