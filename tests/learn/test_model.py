from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import numpy as np
import pytest

from trustworks.errors import InputError
from trustworks.learn.data import LABELS
from trustworks.learn.features import _WORD_SEED, DOMAIN_WORDS, FeatureConfig
from trustworks.learn.model import LinearModel, default_model, default_model_path

SMALL = FeatureConfig(buckets_log2=12)


def _random_model(seed: int = 0) -> LinearModel:
    rng = np.random.default_rng(seed)
    weights = rng.normal(size=(1 << SMALL.buckets_log2, 3)).astype(np.float32)
    weights[rng.random(weights.shape[0]) < 0.5] = 0.0  # rows never seen in training
    return LinearModel(
        ("a", "b", "c"),
        weights,
        rng.normal(size=3).astype(np.float32),
        np.array([0.2, 0.5, 0.9], dtype=np.float32),
        SMALL,
        {"note": "made up", "labels": {"a": {"C": 1.0}}},
    )


def test_model_save_load_round_trip(tmp_path: Path) -> None:
    model = _random_model()
    model.save(tmp_path / "m.npz")
    loaded = LinearModel.load(tmp_path / "m.npz")
    assert loaded.labels == model.labels
    assert loaded.config == model.config
    assert loaded.metadata == model.metadata
    for name in ("weights", "biases", "thresholds"):
        assert np.array_equal(getattr(loaded, name), getattr(model, name))
    text = "What would make this work for both of us?"
    assert loaded.predict(text) == model.predict(text)


def test_model_save_same_model_same_bytes(tmp_path: Path) -> None:
    _random_model().save(tmp_path / "one.npz")
    _random_model().save(tmp_path / "two.npz")
    assert (tmp_path / "one.npz").read_bytes() == (tmp_path / "two.npz").read_bytes()


def test_model_file_has_no_pickles(tmp_path: Path) -> None:
    _random_model().save(tmp_path / "m.npz")
    with np.load(tmp_path / "m.npz", allow_pickle=False) as archive:
        assert set(archive.files) == {"rows", "weights", "biases", "thresholds", "meta"}
        assert all(archive[name].dtype != object for name in archive.files)


def test_model_labels_for_keeps_labels_over_their_threshold() -> None:
    model = _random_model()
    for text in ("hello", "I need it by Friday", "what matters most to you?", ""):
        probabilities = model.predict(text)
        pairs = zip(probabilities.items(), model.thresholds, strict=True)
        expected = {label: p for (label, p), t in pairs if p >= t}
        assert model.labels_for(text) == pytest.approx(expected)


def test_model_rejects_wrong_shapes() -> None:
    with pytest.raises(ValueError, match="weights"):
        zeros = np.zeros(1, dtype=np.float32)
        LinearModel(("a",), np.zeros((10, 1), dtype=np.float32), zeros, zeros, SMALL)


def test_model_load_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found") as caught:
        LinearModel.load(tmp_path / "nope.npz")
    assert caught.value.source == str(tmp_path / "nope.npz")


def test_model_load_not_a_model_names_it(tmp_path: Path) -> None:
    path = tmp_path / "bad.npz"
    path.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError, match="not a model file") as caught:
        LinearModel.load(path)
    assert caught.value.source == str(path)


def _rewrite_meta(path: Path, change: dict[str, object]) -> None:
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    meta = json.loads(np.load(io.BytesIO(members["meta.npy"])).tobytes())
    meta["features"].update(change)
    buffer = io.BytesIO()
    np.save(buffer, np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8))
    members["meta.npy"] = buffer.getvalue()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


@pytest.mark.parametrize("change", [{"version": 0}, {"domain_words_sha256": "0" * 64}])
def test_model_load_refuses_other_features(tmp_path: Path, change: dict[str, object]) -> None:
    path = tmp_path / "m.npz"
    _random_model().save(path)
    _rewrite_meta(path, change)
    with pytest.raises(InputError, match="retrain with `trustworks train`"):
        LinearModel.load(path)


# The shipped model.


def test_shipped_model_is_small_and_has_the_six_labels() -> None:
    assert default_model_path().stat().st_size < 25_000_000
    model = default_model()
    assert model.labels == LABELS
    assert set(model.metadata["data"]["files"]) == {"casino_train.json", "casino_valid.json"}
    assert model.metadata["splits"] == ["train", "valid"]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Hello! How are you doing today?", "small-talk"),
        ("Hi there, hope you're having a great week!", "small-talk"),
        ("What do you need most?", "elicit-pref"),
        ("Which of these matters most to you?", "elicit-pref"),
        ("I'm so sorry to hear that, that sounds really hard.", "showing-empathy"),
        ("How about we split it so that we both get what we need?", "promote-coordination"),
        ("I really need the extra budget because my team is short this quarter.", "self-need"),
    ],
)
def test_shipped_model_finds_clear_examples(text: str, label: str) -> None:
    assert label in default_model().labels_for(text)


@pytest.mark.parametrize("text", ["ok", "Sounds good.", "Submit-Deal"])
def test_shipped_model_quiet_on_plain_acknowledgements(text: str) -> None:
    found = default_model().labels_for(text)
    assert not set(found) & {"self-need", "uv-part", "elicit-pref"}


def test_shipped_model_same_for_water_and_budget() -> None:
    model = default_model()
    water = model.predict("I really need more water for my kids")
    assert model.predict("I really need more budget for my kids") == water
    assert model.labels_for("I really need more budget for my kids") == model.labels_for(
        "I really need more water for my kids"
    )


def test_shipped_model_top_features_are_no_campsite_words() -> None:
    model = default_model()
    mask = (1 << model.config.buckets_log2) - 1
    # Where each campsite word's unigram would land if it were not masked.
    raw = {zlib.crc32(word.encode(), _WORD_SEED) & mask: word for word in DOMAIN_WORDS}
    for j, label in enumerate(model.labels):
        top = np.argsort(-np.abs(model.weights[:, j]), kind="stable")[:25]
        assert not {raw[i] for i in top.tolist() if i in raw}, label


def test_shipped_model_cannot_tell_campsite_words_apart() -> None:
    model = default_model()
    seen = {json.dumps(model.predict(word)) for word in DOMAIN_WORDS}
    assert len(seen) == 1
    seen = {
        json.dumps(model.predict(f"we could use more {word} this week")) for word in DOMAIN_WORDS
    }
    assert len(seen) == 1


def test_inference_does_not_import_scikit_learn() -> None:
    code = (
        "import sys; from trustworks.learn import default_model; "
        "default_model().labels_for('What do you need most?'); "
        "print('sklearn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
