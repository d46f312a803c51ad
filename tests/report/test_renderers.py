from __future__ import annotations

import io

from rich.console import Console

from tests.dialogue import run
from trustworks.report import render_markdown, render_text, sparkline

DIALOGUE = """
Client: Our biggest problem is onboarding, it takes six weeks.
Seller: Thanks so much for your time. Our platform fixes that.
Client: <script>alert(1)</script> How much does it cost?
Seller: It's $900 a month. I'll send the details by Friday.
"""


def test_sparkline_scales_between_lowest_and_highest() -> None:
    assert sparkline([1.0, 2.0, 3.0]) == "▁▅█"
    assert sparkline([2.0, 2.0]) == "▅▅"
    assert sparkline([]) == ""
    assert len(sparkline([float(i) for i in range(500)], width=40)) == 40


def test_render_text_shows_scores_findings_and_coaching() -> None:
    buffer = io.StringIO()
    render_text(run(DIALOGUE), Console(file=buffer, width=120, color_system=None))
    out = buffer.getvalue()
    assert "Credibility" in out and "Trust" in out
    assert "thanks_for_your_time" in out and "pounces_on_need" in out
    assert "Say: I'm glad we're working on this together." in out
    assert "answers_price_directly" in out
    assert "Friday" in out  # commitments table


def test_render_markdown_sections_and_escaping() -> None:
    out = render_markdown(run(DIALOGUE))
    assert out.startswith("# Trust report")
    assert "## Where trust was spent" in out and "## Commitments" in out
    assert "| Seller | Client | send the details | Friday | 4 |" in out
