"""The shape features, read sentence by sentence and for a whole turn at once."""

from __future__ import annotations

import pytest

from trustworks.semantic.features import shape_features, turn_shapes
from trustworks.sentences import sentence_spans


@pytest.mark.parametrize(
    "text",
    [
        "Do you want the water? I can give you two.",
        "Okay. What do you need most? We have extra food.",
        "Hi.there you are. Is it yours?",
        "what?\n\nyou do it. ok then we're fine",
        "  Do you know. \n I'm fine!!? you're welcome here  ",
        "Could we split it. Okay. Right, sure. You'll get three of them!",
        "We'd like the firewood, you've got more than us",
        "no marks at all just you and me talking here",
        "Café? Do you want it, señor? I'll take mine.",
        "İstanbul is where you live? We are here.",
        "",
    ],
)
def test_turn_shapes_same_as_shape_features(text: str) -> None:
    spans = sentence_spans(text)
    sentences, turn = turn_shapes(text, spans)
    assert sentences == [shape_features(text[a:b]) for a, b in spans]
    assert turn == shape_features(text)
