"""Named pattern fragments (fragments.toml): used as <<name>> in any pattern, checked on load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from trustworks.analysis.engine import engine_for
from trustworks.analysis.lecturing import CUE, HARM_FRAGMENT, LecturingDetector, harm_word
from trustworks.errors import CatalogueError
from trustworks.signals import default_catalogue, load_catalogue
from trustworks.signals.loader import FRAGMENTS_FILE, READ_BY_DETECTORS, expand_fragments
from trustworks.signals.matcher import Matcher

PACKAGED = Path(__file__).parents[2] / "src" / "trustworks" / "signals" / "catalogue"

SIGNAL = """
[[signal]]
id = "sample_signal"
component = "credibility"
polarity = 1
description = "A sample signal used by the fragment tests."
coaching = "Keep saying it this way."
patterns = ['\\bthe <<sample>> way\\b']
exclude = ['\\bnot the <<sample>>\\b']
examples = ["we did it the old way"]
near_misses = ["the older way"]
"""


@pytest.fixture
def catalogue_dir(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(PACKAGED, target)
    (target / "confidence.toml").unlink()  # it names the packaged pressure signals
    (target / "pressure.toml").write_text(f'family = "pressure"\n{SIGNAL}', encoding="utf-8")
    _add_fragment(target, "sample = 'old|usual'")
    return target


def _add_fragment(directory: Path, line: str) -> None:
    path = directory / FRAGMENTS_FILE
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fragments_are_put_in_as_one_group(catalogue_dir: Path) -> None:
    signal = load_catalogue(catalogue_dir).signal("sample_signal")
    # In a group, the alternation stays inside: not "the old" or "usual way".
    assert signal.patterns == (r"\bthe (?:old|usual) way\b",)
    assert signal.exclude == (r"\bnot the (?:old|usual)\b",)
    matcher = Matcher([signal])
    assert [m.rule for m in matcher.find("we did it the usual way")] == ["sample_signal"]
    assert not matcher.find("the old road, the usual route")


def test_fragments_expand_names_what_was_used() -> None:
    assert expand_fragments("a <<x>> b <<x>>", {"x": "c|d", "y": "e"}) == (
        "a (?:c|d) b (?:c|d)",
        {"x"},
    )
    assert expand_fragments(r"\bno (?:fragment){1,2}", {}) == (r"\bno (?:fragment){1,2}", set())


@pytest.mark.parametrize(
    ("fragment", "problem"),
    [
        ("broken = '(unclosed'", "does not compile"),
        ("shouting = 'Loud|quiet'", "capital letters"),
        ("nested = '<<sample>> again'", "may not use fragments"),
        ("unused = 'never|used'", "no pattern in the catalogue uses this fragment"),
        ("empty = ''", "a fragment is a regex piece"),
        ("number = 3", "a fragment is a regex piece"),
        ("Bad-Name = 'x'", "a fragment's name"),
    ],
)
def test_fragments_bad_fragment_names_file_and_fragment(
    catalogue_dir: Path, fragment: str, problem: str
) -> None:
    _add_fragment(catalogue_dir, fragment)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(catalogue_dir)
    message = str(caught.value)
    assert f"{FRAGMENTS_FILE} [{fragment.split(' =')[0]}]" in message
    assert problem in message


def test_fragments_file_with_unknown_key(catalogue_dir: Path) -> None:
    path = catalogue_dir / FRAGMENTS_FILE
    path.write_text("colour = 'red'\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"fragments\.toml: unknown top-level key\(s\)"):
        load_catalogue(catalogue_dir)


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("the <<sample>> way", "the <<sampel>> way", "unknown fragment(s) <<sampel>>"),
        ("the <<sample>> way", "the <<sample> way", "stray '<<' or '>>'"),
        ("not the <<sample>>", "not the <<nope>>", "exclude[0]: unknown fragment(s) <<nope>>"),
    ],
)
def test_fragments_bad_use_names_file_rule_and_fragment(
    catalogue_dir: Path, old: str, new: str, problem: str
) -> None:
    _edit(catalogue_dir / "pressure.toml", old, new)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(catalogue_dir)
    message = str(caught.value)
    assert "pressure.toml [sample_signal]" in message
    assert problem in message


def test_fragments_unknown_in_a_cue_names_the_cue(catalogue_dir: Path) -> None:
    _edit(catalogue_dir / "cues.toml", "<<harm>>", "<<harms>>")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(catalogue_dir)
    message = str(caught.value)
    assert f"cues.toml [{CUE}]: patterns[1]: unknown fragment(s) <<harms>>" in message
    assert f"{FRAGMENTS_FILE}: advice_or_offer, harm, sample" in message


def test_fragments_harm_is_one_list_for_the_warning_cue_and_the_lecturing_detector() -> None:
    catalogue = default_catalogue()
    harm = f"(?:{dict(catalogue.fragments)[HARM_FRAGMENT]})"
    warning = next(c for c in catalogue.cues if c.id == CUE)
    assert sum(harm in p for p in warning.patterns) == 2  # cause of harm, consequence
    assert harm in harm_word().pattern
    assert harm in harm_word(catalogue).pattern


def test_fragments_harm_changed_changes_both(catalogue_dir: Path) -> None:
    _edit(catalogue_dir / FRAGMENTS_FILE, "|heart'''", "|heart|scurvy'''")
    catalogue = load_catalogue(catalogue_dir)
    warning = next(c for c in catalogue.cues if c.id == CUE)
    assert Matcher([warning]).find("A diet like that can lead to scurvy.")
    detector = LecturingDetector(engine_for(catalogue))
    assert detector._harm_word.search("did you know about scurvy?")
    assert not harm_word().search("did you know about scurvy?")


def test_fragments_a_fragment_a_detector_reads_need_not_be_in_a_pattern(
    catalogue_dir: Path,
) -> None:
    assert HARM_FRAGMENT in READ_BY_DETECTORS
    cues = catalogue_dir / "cues.toml"
    text = cues.read_text(encoding="utf-8")
    assert text.count("<<harm>>") == 2
    cues.write_text(text.replace("<<harm>>", "(?:scurvy|gout)"), encoding="utf-8")
    catalogue = load_catalogue(catalogue_dir)
    detector = LecturingDetector(engine_for(catalogue))
    assert detector._harm_word.search("did you know it causes lung cancer?")
