"""The encoder reads the shipped float16 matrix lazily and gives the same vectors as widened."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from trustworks.semantic import encoder as encoder_module
from trustworks.semantic.encoder import default_encoder

SENTENCES = [
    "What brings you here today?",
    "So what I'm hearing is that the delay is costing you drivers.",
    "Our platform reduces churn by thirty percent, guaranteed.",
    "Naïve café owners résumé",  # not ASCII: the Rust tokenizer's path
    "",
]


def _widened() -> encoder_module.StaticEncoder:
    shipped = default_encoder()
    return replace(shipped, vectors=np.asarray(shipped.vectors, dtype=np.float32), _wide={})


def test_encoder_keeps_the_shipped_matrix_mapped_not_widened() -> None:
    # A short command touches a few rows of the 15 MB file; widening it whole costs 0.02-0.2 s.
    shipped = replace(default_encoder(), _wide={})
    assert shipped.vectors.dtype == np.float16
    assert isinstance(shipped.vectors, np.memmap)
    shipped.encode(SENTENCES)
    assert "matrix" not in shipped._wide


def test_encoder_vectors_equal_those_of_the_widened_matrix() -> None:
    shipped = replace(default_encoder(), _wide={})
    assert np.array_equal(shipped.encode(SENTENCES), _widened().encode(SENTENCES))


def test_encoder_widens_once_after_many_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    # A server or an archive soon pays for widening the whole matrix once, then gathers fast.
    monkeypatch.setattr(encoder_module, "_WIDEN_AFTER", 20)
    shipped = replace(default_encoder(), _wide={})
    first = shipped.encode(SENTENCES[:1])
    assert "matrix" not in shipped._wide
    again = shipped.encode(SENTENCES)
    assert shipped._wide["matrix"].dtype == np.float32
    assert np.array_equal(first[0], again[0])
    assert np.array_equal(again, _widened().encode(SENTENCES))


@pytest.mark.parametrize(
    "text",
    [
        "Sounds good 🙂 I need the water.",  # an emoji on its own
        "Hello! 🙂🙂",  # two in a row are one word to BERT
        "that’s fine — really… “yes”",  # typographic punctuation
        "It's £5 or € 7, ok?",  # "£5" is one word to BERT
        "☹️ no firewood",  # a variation selector BERT drops
        "cafe\u0301 and 👍️🙂",
        "great🙂",  # glued to a word: BERT's word is all unknown
        "ok™, then:great🙂🙂!",
        "x\ufffdy and \ufffd",  # a replacement character BERT drops
        "Naïve café",
        "Ⓐ circled",  # a symbol that lower-cases
        "soft\u00adhyphen and a\u00a0space",
    ],
)
def test_encoder_pieces_beyond_ascii_are_the_tokenizers(text: str) -> None:
    encoder = replace(default_encoder(), _words={})
    expected = [
        i
        for i in encoder.tokenizer.encode(text, add_special_tokens=False).ids
        if i != encoder.unknown_id
    ]
    assert encoder.pieces(text) == expected


@pytest.mark.parametrize(
    ("text", "by_table"),
    [
        ("Sounds good 🙂 I need the water.", True),
        ("that’s fine — really… “yes”", True),
        ("Hello! 🙂🙂 great🙂 £5", True),
        ("☹️ no firewood", True),  # its variation selector dropped, as BERT drops it
        ("cafe\u0301 ok", True),  # an accent as a mark of its own, dropped likewise
        ("x\ufffdy", False),
        ("Naïve café", False),
        ("Ⓐ circled", False),
    ],
)
def test_encoder_reads_punctuation_and_symbols_with_its_word_table(
    text: str, by_table: bool
) -> None:
    # The tokenizer costs 45-140 us a turn: only text BERT would change goes to it.
    assert (encoder_module._as_normalised(text) is not None) is by_table


@pytest.mark.parametrize(
    "text",
    [
        "Don't, you're.\tOK\nfine (really)!",
        "e.g. the U.S.A. costs $5,000/yr -- or 5k?",
        "time time, time. TIME",
        # Words the model has whole, words it splits, and one too long for it to read.
        "tokenization of unbelievably " + "a" * 150 + " hyperparameters",
    ],
)
def test_encoder_pieces_of_space_free_tokens_are_the_tokenizers(text: str) -> None:
    # Tokens like "don't," are remembered whole: met again, they give the same pieces.
    encoder = replace(default_encoder(), _words={}, _vocabulary={})
    expected = [
        i
        for i in encoder.tokenizer.encode(text, add_special_tokens=False).ids
        if i != encoder.unknown_id
    ]
    assert encoder.pieces(text) == expected
    assert encoder.pieces(text) == expected
