"""The tone model: courteous turns read warmer than curt ones, and files and code agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.semantic.pinned import NEEDS_PINNABLE, train_pinned
from trustworks.errors import InputError
from trustworks.semantic.encoder import default_encoder
from trustworks.semantic.features import SHAPE_NAMES
from trustworks.semantic.tone import (
    TONE_FILE,
    UNDOES_COURTESY,
    UNDOES_COURTESY_GATED,
    default_markers,
    default_tone,
    load_markers,
    load_tone,
    marker_counts,
    tone_features,
)
from trustworks.sentences import sentence_spans

DATA = Path(__file__).parents[3] / "shared" / "data"


def tone_of(text: str) -> float:
    spans = sentence_spans(text) or [(0, len(text))]
    vectors = default_encoder().encode([text[a:b] for a, b in spans])
    return default_tone().predict(tone_features(text, vectors, default_markers()))


@pytest.mark.parametrize(
    ("warm", "curt"),
    [
        (
            "Thanks for getting back to me. Would you be open to meeting at 110? "
            "I understand if that doesn't work for you.",
            "110 and not a cent more. Take it or leave it.",
        ),
        (
            "I appreciate you telling me that. Could we look at what would make this easier?",
            "Why did you do that? You need to stop making excuses.",
        ),
        (
            "Hello, I hope your week is going well. Perhaps we could find a time that suits you?",
            "So when are you going to sign? I don't have all day.",
        ),
    ],
)
def test_courteous_reads_warmer_than_curt(warm: str, curt: str) -> None:
    assert tone_of(warm) > tone_of(curt) + 0.5


def test_model_file_matches_the_markers_and_the_encoder() -> None:
    model = default_tone()
    markers = default_markers()
    assert model.markers == tuple(m.name for m in markers)
    assert model.weights.shape == (default_encoder().dims + len(SHAPE_NAMES) + len(markers),)
    # the corpus's own cross-community test, as reported when the model was shipped
    assert model.report["stack_exchange_to_wikipedia_accuracy"] >= 0.7


def test_markers_are_counted_and_capped() -> None:
    counts = dict(
        zip(
            (m.name for m in default_markers()),
            marker_counts(
                "Thanks, thanks, thanks, thanks! Please could you help?", default_markers()
            ),
            strict=True,
        )
    )
    assert counts["gratitude"] == 3.0
    assert counts["counterfactual_modal"] == 1.0
    assert counts["hardball"] == 0.0


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            "[[marker]]\nname = 'x'\nabout = 'y'\npattern = '(unclosed'\n",
            r"marker 1 \(x\): bad pattern",
        ),
        (
            "[[marker]]\nname = 'x'\nabout = 'y'\n",
            "marker 1: needs exactly name, about and pattern",
        ),
        (
            "[[marker]]\nname = 'x'\nabout = 'y'\npattern = 'a'\n"
            "[[marker]]\nname = 'x'\nabout = 'z'\npattern = 'b'\n",
            "marker 2: duplicate name 'x'",
        ),
        ("title = 'no markers'\n", r"no \[\[marker\]\] entries"),
        (
            "[[marker]]\nname = 'x'\nabout = 'y'\npattern = 'Thanks'\n",
            "write the pattern in lower case",
        ),
        ("[[marker]\n", "not valid TOML"),
    ],
)
def test_a_bad_marker_file_is_named(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "markers.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as caught:
        load_markers(path)
    assert caught.value.source == str(path)


def test_a_model_trained_on_other_markers_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "markers.toml"
    path.write_text("[[marker]]\nname = 'x'\nabout = 'y'\npattern = 'a'\n", encoding="utf-8")
    with pytest.raises(InputError, match="another list of politeness markers"):
        load_tone(TONE_FILE, load_markers(path))


def test_a_damaged_tone_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "tone.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InputError, match=r"tone\.npz"):
        load_tone(bad, default_markers())


@pytest.mark.skipif(
    not (DATA / "stanford_politeness").is_dir(),
    reason="the training data (../shared/data) is not on this machine",
)
@NEEDS_PINNABLE
def test_tone_file_is_what_the_training_script_builds(tmp_path: Path) -> None:
    """Retraining from the Stanford Politeness Corpus gives the shipped model, to the last bits.

    Not byte for byte: even on the pinned kernels, the ridge fit's last bits (2e-7) followed
    where its arrays sat in memory (the process's core affinity moved them). A change of the
    markers, the data or the fit moves the weights by far more than the tolerance.
    """
    import json

    import numpy as np

    rebuilt = tmp_path / "tone.npz"
    train_pinned("train_tone", rebuilt)
    with np.load(rebuilt) as fresh, np.load(TONE_FILE) as shipped:
        message = "markers or data changed: rebuild with python -m trustworks.semantic.train"
        assert fresh.files == shipped.files, message
        assert np.array_equal(fresh["markers"], shipped["markers"]), message
        np.testing.assert_allclose(fresh["weights"], shipped["weights"], rtol=0, atol=1e-5)
        np.testing.assert_allclose(fresh["bias"], shipped["bias"], rtol=0, atol=1e-5)
        ours, theirs = json.loads(str(fresh["report"])), json.loads(str(shipped["report"]))
        assert ours.keys() == theirs.keys(), message
        for key, value in theirs.items():
            assert ours[key] == pytest.approx(value, abs=1e-3), key


@pytest.mark.parametrize(
    "text",
    [
        "Thanks, thanks! Please could you help? By the way, I'm afraid we can't.",
        "Hello there. What do you need? Why did you do that?\n",
        "so... you must sign today, it's our final offer, take it or leave it!",
        "Good morning — thanks for your time, José.",  # a letter RE2 misreads: all counted
        "Thanks 🙂 — it’s great, isn’t it? Why not…",  # emoji and quotes: RE2 reads them alike
        "Please\x0bcould you\x1cwait?",  # whitespace only Python's \s takes
        "",
    ],
)
def test_marker_counts_are_what_every_pattern_finds(text: str) -> None:
    # Only the markers one RE2 pass names are counted: the counts must be every pattern's.
    markers = default_markers()
    lowered = text.lower()
    expected = tuple(float(min(3, len(m.pattern.findall(lowered)))) for m in markers)
    assert marker_counts(text, markers) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ty. your offer is an insult.",
        "No worries, but pay today or the deal is off.",
        "Thanks so much, that helps a lot!",
        "THAT'S MY FINAL OFFER.",
        "Merci, c’est stupide 🙂",  # beyond ASCII: RE2 is asked only where it reads alike
        "We would die without water.\n",
    ],
)
def test_undoes_courtesy_gated_finds_what_the_pattern_finds(text: str) -> None:
    assert UNDOES_COURTESY_GATED.regex is UNDOES_COURTESY
    found = UNDOES_COURTESY_GATED.search(text)
    expected = UNDOES_COURTESY.search(text)
    assert (found and found.span()) == (expected and expected.span())
