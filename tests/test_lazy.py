"""A package's names imported from their modules on first use."""

from __future__ import annotations

from typing import Any

import pytest

from trustworks.lazy import attribute_getter


def test_a_name_is_imported_from_its_module_and_kept() -> None:
    namespace: dict[str, Any] = {}
    getattr_ = attribute_getter("trustworks", {"SENTENCE": "sentences"}, namespace)
    from trustworks.sentences import SENTENCE

    assert getattr_("SENTENCE") is SENTENCE
    assert namespace == {"SENTENCE": SENTENCE}


def test_an_unlisted_name_is_no_attribute() -> None:
    getattr_ = attribute_getter("trustworks.report", {}, {})
    with pytest.raises(AttributeError, match=r"'trustworks\.report' has no attribute 'nothing'"):
        getattr_("nothing")
