from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from trustworks.errors import CatalogueError, UnknownSignalError
from trustworks.signals import FAMILIES, default_catalogue, load_catalogue

PACKAGED = Path(__file__).parents[2] / "src" / "trustworks" / "signals" / "catalogue"

GOOD = """
[[signal]]
id = "sample_signal"
component = "credibility"
polarity = -1
weight = 1.0
description = "A sample signal used by the loader tests."
coaching = "Say something better than this."
rewrite = "{before}better{after}"
rewrite_fallback = "Say the better thing."
patterns = ['\\bsample phrase\\b']
examples = ["a sample phrase here"]
near_misses = ["nothing to see"]
"""


@pytest.fixture
def catalogue_dir(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(PACKAGED, target)
    # These tests replace family files; the audit's confidences name the packaged signals
    # (tests/signals/test_confidence.py covers that file).
    (target / "confidence.toml").unlink()
    return target


def _replace_family(directory: Path, family: str, body: str) -> None:
    (directory / f"{family}.toml").write_text(f'family = "{family}"\n{body}', encoding="utf-8")


def test_loader_packaged_catalogue_is_complete() -> None:
    catalogue = default_catalogue()
    assert len(catalogue) >= 80
    assert {s.family for s in catalogue} == set(FAMILIES)
    assert len({s.id for s in catalogue}) == len(catalogue)


def test_loader_accepts_a_valid_family(catalogue_dir: Path) -> None:
    _replace_family(catalogue_dir, "pressure", GOOD)
    assert load_catalogue(catalogue_dir).signal("sample_signal").family == "pressure"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("polarity = -1", "polarity = 2"), "polarity"),
        (('component = "credibility"', 'component = "charm"'), "component"),
        (("weight = 1.0", "weight = 9.0"), "weight"),
        (("\\\\bsample phrase\\\\b", "(unclosed"), "does not compile"),
        (("\\\\bsample phrase\\\\b", "a*"), "empty string"),
        (('rewrite = "{before}better{after}"', 'rewrite = "{nope}"'), "placeholder"),
        (('rewrite = "{before}better{after}"', 'rewrite = "{client!r} said"'), "placeholder"),
        (('rewrite = "{before}better{after}"', 'rewrite = "{match:>9}"'), "placeholder"),
        (('rewrite = "{before}better{after}"', 'rewrite = "{0} and {}"'), "placeholder"),
        (('rewrite = "{before}better{after}"', 'rewrite = "{before"'), "malformed"),
        (('rewrite = "{before}better{after}"', 'rewrite = "  "'), "empty"),
        (('rewrite_fallback = "Say the better thing."\n', ""), "rewrite_fallback"),
        (("Say the better thing.", "Say {after}."), "plain sentence"),
        (("Say the better thing.", "Say {nope}."), "placeholder"),
        (
            ('rewrite = "{before}better{after}"\nrewrite_fallback = "Say the better thing."\n', ""),
            "needs a rewrite",
        ),
        (('examples = ["a sample phrase here"]', "examples = []"), "examples"),
        (('id = "sample_signal"', 'id = "Bad Id"'), "id"),
        (("weight = 1.0", "weight = 1.0\ncolour = 'red'"), "colour"),
    ],
)
def test_loader_bad_entry_names_file_and_id(
    catalogue_dir: Path, change: tuple[str, str], problem: str
) -> None:
    old, new = change
    body = GOOD.replace(old.replace("\\\\", "\\"), new)
    assert body != GOOD
    _replace_family(catalogue_dir, "pressure", body)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(catalogue_dir)
    message = str(caught.value)
    assert "pressure.toml" in message
    assert problem in message
    if 'id = "Bad Id"' not in body:
        assert "sample_signal" in message


def test_loader_missing_family_file(catalogue_dir: Path) -> None:
    (catalogue_dir / "price.toml").unlink()
    with pytest.raises(CatalogueError, match=r"price\.toml: family file is missing"):
        load_catalogue(catalogue_dir)


def test_loader_duplicate_id_across_files(catalogue_dir: Path) -> None:
    _replace_family(catalogue_dir, "pressure", GOOD)
    _replace_family(catalogue_dir, "price", GOOD)
    with pytest.raises(CatalogueError, match="duplicate id 'sample_signal'"):
        load_catalogue(catalogue_dir)


def test_loader_broken_toml(catalogue_dir: Path) -> None:
    (catalogue_dir / "listening.toml").write_text("family = [unclosed", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"listening\.toml: not valid TOML"):
        load_catalogue(catalogue_dir)


def test_loader_wrong_family_name(catalogue_dir: Path) -> None:
    (catalogue_dir / "pressure.toml").write_text('family = "price"\n' + GOOD, encoding="utf-8")
    with pytest.raises(CatalogueError, match="'family' must be 'pressure'"):
        load_catalogue(catalogue_dir)


def test_loader_unexpected_file(catalogue_dir: Path) -> None:
    (catalogue_dir / "flattery.toml").write_text('family = "flattery"\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match="unexpected catalogue file"):
        load_catalogue(catalogue_dir)


def test_loader_unknown_signal() -> None:
    with pytest.raises(UnknownSignalError, match="no signal 'nope'"):
        default_catalogue().signal("nope")
