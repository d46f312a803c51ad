from __future__ import annotations

import re

import pytest

from trustworks.web.charts import Series, bar_chart, line_chart


def test_line_chart_escapes_names_and_labels() -> None:
    svg = line_chart([Series('<b>"x"</b>', "trust", [1.0, 2.0])], ["<i>", "&"], title="<t>")
    assert "<b>" not in svg
    assert "<i>" not in svg
    assert "&lt;b&gt;" in svg
    assert 'aria-label="&lt;t&gt;"' in svg


def test_line_chart_leaves_gaps_and_scales_above_ten() -> None:
    svg = line_chart([Series("t", "trust", [2.0, None, 30.0])], ["a", "b", "c"])
    points = re.search(r'points="([^"]+)"', svg)
    assert points is not None
    assert len(points.group(1).split()) == 2  # the missing value is not drawn
    assert ">30<" in svg  # the scale grows to the largest value


def test_line_chart_labels_do_not_crowd_the_last_one() -> None:
    svg = line_chart([Series("t", "trust", [1.0] * 38)], [str(i + 1) for i in range(38)])
    labels = re.findall(r'text-anchor="middle">(\d+)<', svg)
    assert labels[-2:] == ["33", "38"]


def test_line_chart_without_values_says_so() -> None:
    assert "Nothing to chart yet" in line_chart([], [])


def test_bar_chart_draws_one_bar_per_value_and_skips_missing_ones() -> None:
    svg = bar_chart(
        [("credibility", [6.0, 4.0]), ("intimacy", [None, 8.0])],
        [("self", "self"), ("measured", "measured")],
        title="Self vs measured",
    )
    assert len(re.findall(r"<rect ", svg)) == 3
    widths = [float(w) for w in re.findall(r'width="([\d.]+)"', svg)]
    assert widths[0] / widths[1] == pytest.approx(6 / 4)  # bars are proportional to values
    assert 'class="key self"' in svg


def test_bar_chart_escapes_labels_and_clamps_below_the_scale() -> None:
    svg = bar_chart([("<script>", [-5.0])], [("<b>", "score")], low=0, high=100)
    assert "<script>" not in svg and "<b>" not in svg
    assert 'width="0.0"' in svg  # a value under the scale draws an empty bar, not a negative one


def test_bar_chart_without_rows_says_so() -> None:
    assert "Nothing to chart yet" in bar_chart([], [("a", "a")])
