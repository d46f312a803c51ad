from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources

import numpy as np
import pytest

from trustworks.learn.features import (
    DOMAIN_WORDS,
    ITEM,
    NUMBER,
    FeatureConfig,
    Featurizer,
    default_featurizer,
    features,
    tokens,
)

SENTENCE = "Hello there! I don't think 3 packages of water would be fair for both of us 🙂"


def test_features_same_in_another_process_with_another_hash_seed() -> None:
    code = (
        "import json; from trustworks.learn.features import features; "
        f"print(json.dumps(sorted(features({SENTENCE!r}).items())))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout
    there = [(int(i), v) for i, v in json.loads(out)]
    here = sorted(features(SENTENCE).items())
    assert [i for i, _ in there] == [i for i, _ in here]
    assert np.allclose([v for _, v in there], [v for _, v in here])


def test_features_same_from_a_fresh_featurizer() -> None:
    # The chunk cache must not change the result.
    assert Featurizer().features(SENTENCE) == default_featurizer().features(SENTENCE)
    assert default_featurizer().features(SENTENCE) == default_featurizer().features(SENTENCE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I need more Water!", ["i", "need", "more", ITEM, "!"]),
        ("firewood, FOOD and waters", [ITEM, ",", ITEM, "and", ITEM]),
        ("the camping trip's packages", ["the", ITEM, "trip's", ITEM]),
        ("the water's cold", ["the", ITEM, ITEM]),
        ("give me 3 or 2.5 items", ["give", "me", NUMBER, "or", NUMBER, ITEM]),
        ("I don’t know", ["i", "don't", "know"]),
        ("more budget please", ["more", ITEM, "please"]),
        ("", []),
    ],
)
def test_tokens_mask_domain_words_and_numbers(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


@pytest.mark.parametrize("word", sorted(DOMAIN_WORDS))
def test_features_cannot_tell_domain_words_apart(word: str) -> None:
    assert features(f"I really need more {word} for my kids") == features(
        "I really need more water for my kids"
    )


def test_features_tell_ordinary_words_apart() -> None:
    assert features("I need more time") != features("I need more water")
    assert features("What do you need?") != features("What do you need")


def test_domain_words_file_is_lower_case_and_has_no_repeats() -> None:
    text = resources.files("trustworks.learn").joinpath("domain_words.txt").read_text("utf-8")
    words = [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]
    assert words == [w.lower() for w in words]
    assert len(words) == len(set(words))
    assert {"food", "water", "firewood", "campsite", "tents", "packages", "snacks"} <= set(words)


def test_sparse_indices_in_range_and_families_unit_length() -> None:
    featurizer = Featurizer(FeatureConfig(char_weight=0.0))
    indices, values = featurizer.sparse("please tell me more about your goals")
    assert indices.dtype == np.int64 and values.dtype == np.float32
    assert ((indices >= 0) & (indices < featurizer.buckets)).all()
    # Seven distinct words: 7 unigrams, 8 bigrams, 7 trigrams, each 1/sqrt(22).
    assert len(indices) == 22
    assert np.isclose(float(np.sqrt((values**2).sum())), 1.0)


def test_features_adds_repeated_buckets_up() -> None:
    merged = features("no no no")
    indices, values = default_featurizer().sparse("no no no")
    assert len(merged) < len(indices)
    assert np.isclose(sum(merged.values()), float(values.sum()))


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_sparse_empty_text_has_no_features(text: str) -> None:
    indices, values = default_featurizer().sparse(text)
    assert len(indices) == 0 and len(values) == 0


def test_features_bigrams_respect_order() -> None:
    assert features("you need") != features("need you")
