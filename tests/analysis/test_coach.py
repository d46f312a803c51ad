from __future__ import annotations

import pytest

from trustworks.analysis.coach import render_rewrite


@pytest.mark.parametrize(
    ("template", "text", "span", "expected"),
    [
        (
            "{before}I'm glad we both made the time{after}",
            "Hi Marcus. Thanks so much for your time today. Let's begin.",
            ("Thanks so much for your time",),
            "I'm glad we both made the time today.",
        ),
        (
            "Replace it: {match}",
            "ok so whatever works for you",
            ("whatever works for you",),
            "Replace it: whatever works for you.",
        ),
        ('You said "{client}"', "Our platform.", ("Our platform",), 'You said "we struggle"'),
    ],
)
def test_render_rewrite_fills_the_sentence(
    template: str, text: str, span: tuple[str], expected: str
) -> None:
    start = text.index(span[0])
    out = render_rewrite(template, text, start, start + len(span[0]), client=" we struggle ")
    assert out == expected
