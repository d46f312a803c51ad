from __future__ import annotations

from pathlib import Path

import pytest

from trustworks.errors import InputError
from trustworks.evaluate import PREDICTORS, Step, evaluate_casino, load_annotated
from trustworks.learn import DEFAULT_DATA_DIR

needs_casino = pytest.mark.skipif(
    not (DEFAULT_DATA_DIR / "casino_test.json").is_file(), reason="CaSiNo data not present"
)


def test_evaluate_casino_reports_progress_up_to_the_total(corpus: Path) -> None:
    steps: list[Step] = []
    evaluate_casino(corpus, "both", ["rules", "baseline"], progress=steps.append)
    # The baseline trains once on the split and once per cross-validation fold.
    assert [s.done for s in steps] == list(range(7))
    assert {s.total for s in steps} == {6}
    assert [(s.protocol, s.fold) for s in steps[1:3]] == [("split", "test"), ("cv", "fold 1")]


def test_evaluate_casino_results_do_not_depend_on_jobs(corpus: Path) -> None:
    one, two = (
        evaluate_casino(corpus, "both", ["rules", "baseline"], jobs=n).to_dict() for n in (1, 2)
    )
    for report in (one, two):
        report.pop("seconds")
        for protocol in report["protocols"]:
            protocol.pop("fit_seconds")
    assert one == two


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"predictors": ["oracle"]}, "unknown predictor 'oracle'"),
        ({"predictors": []}, "no predictors"),
        ({"protocol": "loo"}, "unknown protocol 'loo'"),
    ],
)
def test_evaluate_casino_rejects_bad_arguments(
    corpus: Path, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        evaluate_casino(corpus, **kwargs)  # type: ignore[arg-type]


def test_load_annotated_keeps_every_annotated_utterance(corpus: Path) -> None:
    utterances = load_annotated(corpus)
    assert len(utterances) == 19 * 7
    # The label string "self-need,,elicit-pref" has an empty token upstream has too.
    assert frozenset({"self-need", "elicit-pref"}) in {u.labels for u in utterances}
    assert "" not in {label for u in utterances for label in u.labels}


def test_load_annotated_empty_corpus_is_an_input_error(tmp_path: Path) -> None:
    for split in ("train", "valid", "test"):
        (tmp_path / f"casino_{split}.json").write_text("[]", encoding="utf-8")
    with pytest.raises(InputError, match="no annotated utterances"):
        load_annotated(tmp_path)


@needs_casino
def test_evaluate_casino_real_split_matches_the_published_counts() -> None:
    report = evaluate_casino(DEFAULT_DATA_DIR, "split", ["baseline"])
    assert (report.utterances, report.dialogues) == (4615, 396)
    (fold,) = report.protocol("split").folds
    assert (fold.train_utterances, fold.test_utterances) == (4123, 492)
    assert (fold.train_dialogues, fold.test_dialogues) == (354, 42)
    # The bag-of-words baseline lands near the paper's; far off means the harness broke.
    assert 0.4 < report.protocol("split").result("baseline").macro_f1 < 0.6


def test_evaluate_casino_trustworks_unites_rules_and_learned_training_once(corpus: Path) -> None:
    steps: list[Step] = []
    report = evaluate_casino(corpus, "split", PREDICTORS, progress=steps.append)
    # learned is trained once per fold although two reported predictors use it.
    assert steps[-1].total == 3
    assert {s.predictor for s in steps[1:]} == {"learned", "semantic", "baseline"}
    split = report.protocol("split")
    rules, learned, both = (split.result(n).labels for n in ("rules", "learned", "trustworks"))
    for r, lrn, b in zip(rules, learned, both, strict=True):
        assert max(r.tp, lrn.tp) <= b.tp <= r.tp + lrn.tp
        assert max(r.fp, lrn.fp) <= b.fp <= r.fp + lrn.fp
        assert b.support == r.support == lrn.support
