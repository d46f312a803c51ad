"""trustworks.evaluate keeps a curated, complete __all__; the accuracy doc keeps up."""

from __future__ import annotations

import inspect
from pathlib import Path

import trustworks.evaluate as evaluate
from trustworks.evaluate.mapping import load_mapping

DOC = Path(__file__).parents[2] / "docs" / "accuracy.md"


def test_api_evaluate_all_names_exist() -> None:
    for name in evaluate.__all__:
        assert hasattr(evaluate, name), f"__all__ names missing {name}"


def test_api_evaluate_all_is_complete() -> None:
    public = {
        n
        for n, v in vars(evaluate).items()
        if not n.startswith("_")
        and (inspect.isclass(v) or inspect.isfunction(v))
        and getattr(v, "__module__", "").startswith("trustworks.evaluate")
    }
    assert public <= set(evaluate.__all__), f"unlisted: {public - set(evaluate.__all__)}"


def test_api_accuracy_doc_names_every_mapped_rule() -> None:
    doc = DOC.read_text(encoding="utf-8")
    mapping = load_mapping()
    for label, ids in mapping.rules.items():
        assert f"`{label}`" in doc
        for rule_id in ids:
            assert f"`{rule_id}`" in doc, f"docs/accuracy.md does not mention `{rule_id}`"
    assert "trustworks eval casino --protocol both" in doc
