"""The shipped encoder and heads: known sentences give known verdicts, files and code agree."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.semantic.pinned import NEEDS_PINNABLE, train_pinned
from trustworks.analysis.semantic import SHIPPING_MEASURE, SHIPPING_PRECISION
from trustworks.errors import InputError
from trustworks.semantic.encoder import default_encoder
from trustworks.semantic.heads import HEADS, default_heads, load_heads
from trustworks.semantic.train import TARGET_PRECISION, _threshold, load_all, outside_groups


def test_encoder_places_meaning_not_words() -> None:
    vectors = default_encoder().encode(
        [
            "What brings you here today?",
            "How are you feeling about all of this?",
            "Our platform is the best on the market.",
        ]
    )
    assert vectors.shape == (3, 256)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    # two questions about the person sit closer to each other than to a boast
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_encoder_gives_zeros_for_text_it_cannot_read() -> None:
    assert not default_encoder().encode(["🙂🙂🙂"]).any()


def test_heads_file_matches_the_code() -> None:
    heads = default_heads()
    assert set(heads.names) == set(HEADS)
    assert heads.weights.shape == (len(HEADS), default_encoder().dims + 6 + 2)
    # The reflection head carries most of the listening the rules cannot see: a build that
    # loses it is a broken build. The own-needs head sits under the bar (0.80 cross-validated)
    # and is shown only when it reaches it.
    assert heads.report["reflects_their_words"][SHIPPING_MEASURE] >= SHIPPING_PRECISION
    for name in heads.names:
        figures = heads.report[name]
        assert figures["cross_validated_shown"] >= 50  # pooled over hundreds, not a few dozen


def test_a_head_below_the_shipping_bar_shows_nothing() -> None:
    from dataclasses import replace

    from trustworks.analysis.semantic import _models

    heads = default_heads()
    report = {name: dict(figures) for name, figures in heads.report.items()}
    low, high = heads.names
    report[low][SHIPPING_MEASURE] = SHIPPING_PRECISION - 0.001
    report[high][SHIPPING_MEASURE] = SHIPPING_PRECISION
    # The held-out fifth does not decide: a lucky fifth does not show a head.
    report[low]["held_out_precision"] = 1.0
    assert _models(None, replace(heads, report=report), None).shown.tolist() == [False, True]
    shipped = _models(None, None, None).shown.tolist()
    assert shipped == [heads.report[n][SHIPPING_MEASURE] >= SHIPPING_PRECISION for n in heads.names]


@pytest.mark.parametrize(
    ("sentence", "head", "fires"),
    [
        ("The contract runs for twelve months from the signing date.", "states_own_needs", False),
        ("I need the firewood because I get cold very easily at night.", "states_own_needs", True),
        ("What would having the water let you do on the trip?", "states_own_needs", False),
    ],
)
def test_heads_known_sentences(sentence: str, head: str, fires: bool) -> None:
    heads = default_heads()
    vector = default_encoder().encode([sentence])
    from trustworks.semantic.features import shape_features

    row = np.hstack([vector[0], shape_features(sentence), (0.0, 0.0)])
    index = heads.names.index(head)
    assert bool(heads.probabilities(row[None, :])[0, index] >= heads.thresholds[index]) is fires


NEEDS_DATA = pytest.mark.skipif(
    not (Path(__file__).parents[3] / "shared" / "data" / "annomi").is_dir(),
    reason="the training data (../shared/data) is not on this machine",
)


@NEEDS_DATA
def test_training_never_sees_the_outside_evaluation_set() -> None:
    excluded = outside_groups()
    assert "annomi-81" in excluded and "casino-test-19" in excluded
    assert not {e.group for e in load_all()} & excluded


def test_a_damaged_heads_file_is_named(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "heads.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InputError, match=r"heads\.npz"):
        load_heads(bad)


@pytest.mark.parametrize(
    "text",
    [
        "Hello there my friend. How are you doing today? I am fine, thanks for asking!",
        "Ok. So the thing is we have ten people. Yes. What do you think about that?",
        "🙂🙂🙂 hi. Well ok then, good. Supercalifragilisticexpialidocious words here!",
    ],
)
def test_encoder_spans_of_one_text_equal_each_sentence_encoded_alone(text: str) -> None:
    from trustworks.sentences import sentence_spans

    encoder = default_encoder()
    spans = sentence_spans(text)
    together = encoder.encode_spans(text, spans)
    alone = encoder.encode([text[a:b] for a, b in spans])
    assert np.allclose(together, alone, atol=1e-5)


@NEEDS_DATA
def test_encoder_word_table_gives_the_tokenizers_own_pieces() -> None:
    import json
    from pathlib import Path

    encoder = default_encoder()
    data = Path(__file__).parents[3] / "shared" / "data" / "annomi" / "annomi.jsonl"
    texts = [json.loads(line)["text"] for line in data.open(encoding="utf-8")][:3000]
    texts += ["Can't we-- um, do it by 5pm? It's $40,000/yr (approx.) & fine_print!"]
    for text in texts:
        expected = [
            i
            for i in encoder.tokenizer.encode(text, add_special_tokens=False).ids
            if i != encoder.unknown_id
        ]
        assert encoder.pieces(text) == expected, text


@pytest.mark.skipif(
    not (Path(__file__).parents[3] / "shared" / "data" / "annomi").is_dir(),
    reason="the training data (../shared/data) is not on this machine",
)
@NEEDS_PINNABLE
def test_heads_file_is_what_the_training_script_builds(tmp_path: Path) -> None:
    """Retraining from the data and the catalogue gives the shipped file byte for byte."""
    from trustworks.semantic.heads import HEADS_FILE

    rebuilt = tmp_path / "heads.npz"
    train_pinned("train", rebuilt)
    assert rebuilt.read_bytes() == HEADS_FILE.read_bytes(), (
        "the catalogue or the training data changed: rebuild with "
        "python -m trustworks.semantic.train"
    )


def test_encoder_survives_a_lone_surrogate() -> None:
    vector = default_encoder().encode(["so you are \ud800 here"])
    assert vector.shape == (1, 256) and vector.any()


def _calibrated_sample(seed: int, size: int = 4000) -> tuple[np.ndarray, np.ndarray]:
    """Scores whose logit is spread evenly, each right as often as its score says."""
    rng = np.random.default_rng(seed)
    scores = 1 / (1 + np.exp(-rng.uniform(-6.0, 6.0, size)))
    return scores, rng.random(size) < scores


def test_threshold_is_where_sentences_scoring_alike_reach_the_target() -> None:
    scores, truth = _calibrated_sample(0)
    cut = _threshold(scores, truth)
    assert cut == pytest.approx(TARGET_PRECISION, abs=0.015)
    assert truth[scores >= cut].mean() >= TARGET_PRECISION
    # Scores that overstate rightness (a sentence at 0.9 right three times in four) cut higher.
    assert _threshold(scores**0.5, truth) > cut + 0.03


def test_threshold_moves_little_when_the_scores_move_a_little() -> None:
    # What a retrain after a few catalogue sentences of another signal does to the judged
    # sentences' scores: their logits move by a few hundredths. The cut follows smoothly; the
    # isotonic fit it replaced jumped from one step's edge to another's.
    scores, truth = _calibrated_sample(1, size=2000)
    cut = _threshold(scores, truth)
    rng = np.random.default_rng(2)
    logits = np.log(scores / (1 - scores))
    for _ in range(5):
        moved = 1 / (1 + np.exp(-(logits + rng.normal(0.0, 0.05, len(logits)))))
        assert _threshold(moved, truth) == pytest.approx(cut, abs=0.002)


def test_threshold_above_every_score_when_too_few_hits_reach_the_target() -> None:
    scores = np.linspace(0.99, 0.01, 60)
    truth = np.zeros(60, dtype=bool)
    truth[:4] = True  # only four hits, all at the top: too few to rest a cut on
    assert _threshold(scores, truth) > scores.max()
    truth[:10] = True  # ten: enough
    cut = _threshold(scores, truth)
    assert cut < scores.max() and truth[scores >= cut].sum() >= 5
    assert truth[scores >= cut].mean() >= TARGET_PRECISION
    # Rightness that falls as the score rises gives no cut at all.
    assert _threshold(scores, truth[::-1].copy()) > scores.max()
    assert _threshold(scores, np.zeros(60, dtype=bool)) > scores.max()


def test_confidence_is_calibrated_and_rises_with_the_score() -> None:
    heads = default_heads()
    for index, name in enumerate(heads.names):
        curve = heads.calibrated[index]
        assert np.all(np.diff(curve) >= -1e-6)  # a higher score is never less often right
        assert heads.confidence(index, 1.0) > heads.confidence(index, 0.0)
        report = heads.report[name]
        # What the shown held-out findings claim is about what they got (a head below the
        # shipping bar shows none), within two standard errors of a share over that many
        # findings (22 reflections all right is 0.909 claimed against 1.0 got).
        if report[SHIPPING_MEASURE] >= SHIPPING_PRECISION:
            claimed = report["held_out_mean_confidence"]
            shown = report["held_out_recall"] * report["held_out_positives"]
            shown /= report["held_out_precision"]
            margin = max(0.08, 2 * (claimed * (1 - claimed) / shown) ** 0.5)
            assert abs(claimed - report["held_out_precision"]) <= margin


def test_threshold_is_the_lowest_score_when_every_judged_sentence_is_right() -> None:
    scores = np.linspace(0.99, 0.4, 12)
    assert _threshold(scores, np.ones(12, dtype=bool)) == pytest.approx(0.4)
    # ...unless too few to rest a cut on.
    assert _threshold(scores[:3], np.ones(3, dtype=bool)) > scores.max()
