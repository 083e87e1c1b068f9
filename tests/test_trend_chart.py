"""The trends page's line chart: where rounds, points, gaps, bands and labels go."""

from __future__ import annotations

import re

import pytest

from selfassess.core.display import Display
from selfassess.core.palette import level_colours
from selfassess.scorecard.chart_parts import wrap_text
from selfassess.scorecard.trend_chart import (
    CHAR_WIDTH,
    FONT,
    PLOT_HEIGHT,
    trend_chart,
    trend_geometry,
)

LABELS = ["November 2025", "May 2026", "November 2026"]
LEVELS = [0.0, 40.0, 60.0, 80.0]
PERCENT = Display()


def test_rounds_run_left_to_right_evenly_oldest_first() -> None:
    g = trend_geometry([40.0, 45.0, 49.0], LABELS, LEVELS, PERCENT)
    xs = [p.x for p in g.points]
    assert xs == sorted(xs)
    assert xs[1] - xs[0] == pytest.approx(xs[2] - xs[1])
    assert g.left < xs[0] and xs[-1] < g.right


def test_a_single_round_sits_in_the_middle() -> None:
    g = trend_geometry([50.0], ["Now"], LEVELS, PERCENT)
    assert g.points[0].x == pytest.approx((g.left + g.right) / 2)


@pytest.mark.parametrize(("value", "where"), [(0.0, "bottom"), (100.0, "top"), (50.0, "middle")])
def test_a_score_goes_up_the_plot_from_0_at_the_bottom(value: float, where: str) -> None:
    g = trend_geometry([value], ["Now"], LEVELS, PERCENT)
    expected = {"bottom": g.bottom, "top": g.top, "middle": (g.top + g.bottom) / 2}[where]
    assert g.points[0].y == pytest.approx(expected)
    assert g.bottom - g.top == PLOT_HEIGHT


def test_a_round_without_a_figure_is_a_gap_not_a_zero() -> None:
    g = trend_geometry([None, 41.0, 51.0], LABELS, LEVELS, PERCENT)
    assert g.points[0].y is None
    assert g.segments == [[(g.points[1].x, g.points[1].y), (g.points[2].x, g.points[2].y)]]


def test_a_gap_in_the_middle_splits_the_line_in_two() -> None:
    g = trend_geometry([40.0, None, 50.0, 55.0], [*LABELS, "May 2027"], LEVELS, PERCENT)
    assert [len(run) for run in g.segments] == [1, 2]


def test_a_lone_point_is_drawn_as_a_marker_without_a_line() -> None:
    svg = trend_chart([40.0, None, 50.0], LABELS, LEVELS, PERCENT, alternative="t")
    assert 'stroke-linejoin="round"' not in svg  # no line: no two neighbouring figures
    assert svg.count("a3.6 3.6 0 1 0 7.2 0") == 2  # but both points’ circles


def test_bands_stack_the_levels_from_the_bottom_up_to_100() -> None:
    g = trend_geometry([50.0], ["Now"], LEVELS, PERCENT)
    assert [b.index for b in g.bands] == [0, 1, 2, 3]
    assert g.bands[0].y + g.bands[0].height == pytest.approx(g.bottom)  # emerging from 0
    assert g.bands[-1].y == pytest.approx(g.top)  # the highest up to 100
    for lower, upper in zip(g.bands, g.bands[1:], strict=False):
        assert upper.y + upper.height == pytest.approx(lower.y)  # no gap, no overlap


def test_a_principles_own_levels_give_its_bands_and_colours() -> None:
    own = [0.0, 50.0]
    g = trend_geometry([50.0], ["Now"], own, PERCENT)
    assert [b.count for b in g.bands] == [2, 2]
    svg = trend_chart([50.0], ["Now"], own, PERCENT, alternative="t")
    assert all(colour in svg for colour in level_colours(2))


def test_bands_on_a_scale_are_placed_by_the_scales_figures() -> None:
    scale = Display("scale", 1.0, 5.0)
    g = trend_geometry([50.0], ["Now"], [1.0, 3.0], scale)  # 3.0 on 1-5 is 50 on 0-100
    assert g.bands[1].y + g.bands[1].height == pytest.approx((g.top + g.bottom) / 2)
    assert [t.text for t in g.ticks] == ["1.0", "3.0", "5.0"]


def test_ticks_keep_both_ends_and_drop_a_level_too_close_to_one() -> None:
    g = trend_geometry([50.0], ["Now"], [0.0, 40.0, 95.0], PERCENT)
    assert [t.text for t in g.ticks] == ["0", "40", "100"]


def test_round_labels_wrap_inside_their_own_column() -> None:
    long = "The round after the merger of the two councils in spring"
    g = trend_geometry([40.0, 45.0, 49.0], [long, long, long], LEVELS, PERCENT)
    column = (g.right - g.left) / 3
    for label in g.labels:
        assert len(label.lines) <= 3
        for line in label.lines:
            assert len(line) * FONT * CHAR_WIDTH <= column
    assert g.height > trend_geometry([1.0, 2.0, 3.0], LABELS, LEVELS, PERCENT).height


def test_labels_and_the_text_alternative_are_escaped() -> None:
    svg = trend_chart([50.0], ["<b>&"], LEVELS, PERCENT, alternative="x <script>")
    assert "<b>" not in svg and "&lt;b&gt;&amp;" in svg
    assert "<script>" not in svg


def test_the_chart_says_what_it_shows_in_its_title() -> None:
    svg = trend_chart([50.0], ["Now"], LEVELS, PERCENT, alternative="Overall. Now: 50.")
    title = re.search(r"<title[^>]*>(.*?)</title>", svg)
    assert title is not None and title.group(1) == "Overall. Now: 50."
    assert 'role="img"' in svg


def test_scores_outside_0_to_100_stay_inside_the_plot() -> None:
    g = trend_geometry([-5.0, 120.0], ["a", "b"], LEVELS, PERCENT)
    assert g.points[0].y == pytest.approx(g.bottom) and g.points[1].y == pytest.approx(g.top)


def test_wrapping_is_the_charts_shared_rule() -> None:
    g = trend_geometry([1.0], ["November 2025 round"], LEVELS, PERCENT, width=120)
    column = g.right - g.left
    chars = int((column - 4) // (FONT * CHAR_WIDTH))
    assert g.labels[0].lines == wrap_text("November 2025 round", chars, 3)
