"""confidence.toml: each rule signal's audited precision, validated on load."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import ModuleType

import pytest

from tests.evaluate.scripts import load_script
from trustworks.errors import CatalogueError
from trustworks.signals import load_catalogue

PACKAGED = Path(__file__).parents[2] / "src" / "trustworks" / "signals" / "catalogue"


@pytest.fixture
def catalogue_dir(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(PACKAGED, target)
    return target


def _confidence(directory: Path, body: str) -> None:
    (directory / "confidence.toml").write_text(body, encoding="utf-8")


def test_confidence_measured_signals_get_theirs_and_the_rest_the_prior(
    catalogue_dir: Path,
) -> None:
    _confidence(
        catalogue_dir,
        'audited = "abc"\nprior = 0.7\n'
        "[signal.thanks_for_your_time]\nconfidence = 0.42\nright = 2\nwrong = 3\n",
    )
    catalogue = load_catalogue(catalogue_dir)
    assert catalogue.signal("thanks_for_your_time").confidence == 0.42
    assert catalogue.signal("issues_ultimatum").confidence == 0.7
    # Unaudited, the model's findings carry the model's own calibration, not the rules' prior.
    semantic = [s for s in catalogue if s.detector == "semantic"]
    assert semantic and all(s.confidence == 1.0 for s in semantic)


def test_confidence_an_audited_model_signal_is_held_to_its_audit(catalogue_dir: Path) -> None:
    _confidence(catalogue_dir, "prior = 0.7\n[signal.reflects_their_words]\nconfidence = 0.6\n")
    assert load_catalogue(catalogue_dir).signal("reflects_their_words").confidence == 0.6


def test_confidence_without_the_file_every_rule_is_taken_as_sure(catalogue_dir: Path) -> None:
    (catalogue_dir / "confidence.toml").unlink(missing_ok=True)
    assert {s.confidence for s in load_catalogue(catalogue_dir)} == {1.0}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[signal.no_such_signal]\nconfidence = 0.5\n", "no_such_signal.*no such signal"),
        ("[signal.thanks_for_your_time]\nconfidence = 1.5\n", r"confidence must be in \(0, 1\]"),
        ("[signal.thanks_for_your_time]\nconfidence = 0\n", r"confidence must be in \(0, 1\]"),
        ("[signal.thanks_for_your_time]\nconfidence = true\n", "confidence must be in"),
        ("[signal.thanks_for_your_time]\nconfidence = 0.5\nright = -1\n", "right must be"),
        ("[signal.thanks_for_your_time]\nconfidence = 0.5\nnote = 'x'\n", "expected only"),
        ("prior = 2\n", r"'prior' must be a number in \(0, 1\]"),
        ("priors = 0.5\n", "unknown top-level key"),
    ],
)
def test_confidence_file_errors_name_the_file_and_signal(
    catalogue_dir: Path, body: str, message: str
) -> None:
    _confidence(catalogue_dir, body)
    with pytest.raises(CatalogueError, match=message) as caught:
        load_catalogue(catalogue_dir)
    assert "confidence.toml" in str(caught.value)


def test_confidence_is_not_written_in_a_family_file(catalogue_dir: Path) -> None:
    path = catalogue_dir / "customer_as_master.toml"
    entry = 'id = "thanks_for_your_time"'
    text = path.read_text(encoding="utf-8").replace(entry, entry + "\nconfidence = 0.9")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError, match="'confidence' is measured, not written"):
        load_catalogue(catalogue_dir)


def _calibrate() -> ModuleType:
    return load_script("rule_audit/calibrate")


def test_confidence_the_shipped_file_is_what_the_audit_gives() -> None:
    import tomllib

    calibrate = _calibrate()
    script = Path(calibrate.__file__)
    shipped = tomllib.loads((PACKAGED / "confidence.toml").read_text(encoding="utf-8"))
    # A round, then any supplementary rounds for signals added since (calibrate.py's doc).
    rounds = [script.parent / name for name in shipped["verdicts"].split()]
    docs = [tomllib.loads(path.read_text(encoding="utf-8")) for path in rounds]
    prior, table = calibrate.confidences_of(docs)
    assert shipped["prior"] == prior
    assert {k: v["confidence"] for k, v in shipped["signal"].items()} == {
        k: value for k, (value, _, _) in table.items()
    }


def test_confidence_a_supplementary_round_speaks_for_the_signals_it_judged() -> None:
    calibrate = _calibrate()

    def rows(signal: str, *verdicts: str) -> list[dict[str, str]]:
        return [{"signal": signal, "source": "rule", "verdict": v} for v in verdicts]

    round_4 = {"verdict": rows("a", "right", "right", "right", "wrong") + rows("b", "right")}
    round_4b = {"verdict": rows("b", "wrong", "wrong") + rows("c", "right")}
    prior, table = calibrate.confidences_of([round_4, round_4b])
    assert prior == 0.8  # the round's 4 of 5: the supplement judged only some signals
    assert table["a"][1:] == (3, 1)  # the round's
    assert table["b"][1:] == (0, 2)  # the supplement's, not the round's
    assert table["c"][1:] == (1, 0)  # new in the supplement
    assert table["b"][0] == round((0 + 4 * 0.8) / (2 + 4), 2)
