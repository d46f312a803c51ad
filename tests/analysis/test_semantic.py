"""The semantic layer reads the words a sentence answers only where they could matter."""

from __future__ import annotations

from pathlib import Path

import pytest

import trustworks.evaluate.outside as outside
from trustworks.analysis import analyze
from trustworks.ingest import load, parse

# Calls nobody on the project wrote, on which the heads find reflections and stated needs: the
# read outside sets (the first, and the third and fifth with their negotiations).
_SETS = Path(outside.__file__).parent.parent
OUTSIDE = sorted(
    path
    for name in ("outside", "outside3", "outside5")
    for path in (_SETS / name / "conversations").glob("*.json")
)


def test_semantic_echo_is_skipped_only_where_no_head_could_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from trustworks.analysis import semantic

    calls = [load(path) for path in OUTSIDE]
    usual = [analyze(call) for call in calls]
    assert sum(f.learned for a in usual for f in a.findings) >= 10  # the heads do speak here
    monkeypatch.setattr(semantic, "_MARGIN", 1e9)  # every sentence near enough: all read
    assert [analyze(call) for call in calls] == usual


@pytest.mark.parametrize("seed", range(4))
def test_semantic_turn_sums_are_reduceats_to_the_bit(seed: int) -> None:
    import numpy as np

    from trustworks.analysis.semantic import _turn_sums

    rng = np.random.default_rng(seed)
    for longest in range(1, 11):  # 9 and 10 rows: numpy's own pairwise sum
        counts = rng.integers(1, longest + 1, 30)
        counts[0] = longest
        vectors = rng.standard_normal((int(counts.sum()), 16)).astype(np.float32)
        vectors[rng.random(vectors.shape) < 0.3] = -0.0  # signed zeros keep their signs
        vectors[rng.random(vectors.shape) < 0.1] = 0.0
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        expected = np.add.reduceat(vectors, starts, axis=0)
        got = _turn_sums(vectors, counts, starts)
        assert got.view(np.uint32).tolist() == expected.view(np.uint32).tolist(), longest


def test_a_turn_with_no_courtesy_reads_at_most_ordinary() -> None:
    # A terse offer sits near polite requests in the model's space; with no thanks, please,
    # greeting, hedge or kind word, it is no courtesy.
    curt = analyze(
        parse("Seller: 100 dollars. Cash. I pick it up tomorrow.\n", source="x"), ["Seller"]
    )
    assert curt.metrics.seller_tone is not None and curt.metrics.seller_tone <= 0.0
    warm = analyze(
        parse("Seller: Hi! Would you possibly consider 100? Thanks so much.\n", source="x"),
        ["Seller"],
    )
    assert warm.metrics.seller_tone is not None and warm.metrics.seller_tone > 0.0


@pytest.mark.parametrize(
    "turn",
    [
        "No worries if not!",
        "Not a problem at all.",
        "ty!! would u take 150? no stress if not :)",
        "thx so much, 150 ok? totally understand if not",
    ],
)
def test_a_courteous_turn_with_nothing_curt_reads_at_least_ordinary(turn: str) -> None:
    # The model's meaning half reads "no", "worries" and "not" as blame; releasing them from
    # an obligation is courtesy, and nothing curt was said.
    found = analyze(parse(f"Seller: {turn}\n", source="x"), ["Seller"])
    assert found.metrics.seller_tone is not None and found.metrics.seller_tone >= 0.0


def test_courtesy_beside_blame_is_read_as_the_model_reads_it() -> None:
    # A greeting does not lift a turn that calls their price stupid to ordinary.
    found = analyze(parse("Seller: Hi. That is a stupid price.\n", source="x"), ["Seller"])
    assert found.metrics.seller_tone is not None and found.metrics.seller_tone < 0.0


@pytest.mark.parametrize(
    "turn",
    [
        "ty. your offer is an insult.",
        "No worries, but pay today or the deal is off.",
        "No problem, fuck you too.",
        "No pressure, but if you walk away those kids will starve.",
        "Please just shut up and sign.",
    ],
)
def test_a_curse_insult_or_threat_undoes_the_courtesy_around_it(turn: str) -> None:
    found = analyze(parse(f"Seller: {turn}\n", source="x"), ["Seller"])
    assert found.metrics.seller_tone is not None and found.metrics.seller_tone <= 0.0
