from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.figure import Figure

from trustworks.errors import FieldError, InputError
from trustworks.report.figures import bars_figure, figure_bytes, lines_figure, save_figure


def _bars() -> Figure:
    return bars_figure(
        [("credibility", [6.0, 4.0]), ("intimacy", [None, 8.0])],
        ["self", "measured"],
        title="Self vs measured",
        xlabel="score",
    )


def test_the_same_chart_gives_the_same_svg_bytes() -> None:
    first = figure_bytes(_bars(), "svg")
    assert first == figure_bytes(_bars(), "svg")
    svg = first.decode()
    assert "Self vs measured" in svg and "measured" in svg


def test_bars_leave_out_missing_values() -> None:
    fig = _bars()
    (ax,) = fig.axes
    assert len(ax.patches) == 3  # two for credibility, one for intimacy


def test_lines_leave_gaps_and_grow_the_scale() -> None:
    fig = lines_figure(["a", "b", "c"], [("trust", [2.0, None, 30.0])], title="t", ylabel="y")
    (ax,) = fig.axes
    (line,) = ax.get_lines()
    assert list(line.get_xdata()) == [0, 2]
    assert ax.get_ylim()[1] == pytest.approx(30.0)


def test_an_empty_chart_says_so() -> None:
    fig = lines_figure([], [], title="nothing", ylabel="")
    assert "Nothing to chart yet" in figure_bytes(fig, "svg").decode()


def test_save_figure_picks_the_format_from_the_suffix(tmp_path: Path) -> None:
    target = save_figure(_bars(), tmp_path / "chart.PNG")
    assert target.read_bytes().startswith(b"\x89PNG")
    assert [p.name for p in tmp_path.iterdir()] == ["chart.PNG"]  # no temporary file left


def test_save_figure_refuses_unknown_formats_and_directories(tmp_path: Path) -> None:
    with pytest.raises(FieldError, match=r"chart.jpg: the suffix must be one of"):
        save_figure(_bars(), tmp_path / "chart.jpg")
    with pytest.raises(FieldError, match="'gif' is not one of png, svg, pdf"):
        figure_bytes(_bars(), "gif")
    folder = tmp_path / "out.svg"
    folder.mkdir()
    with pytest.raises(InputError, match="is a directory"):
        save_figure(_bars(), folder)
