"""The chart is a PNG of the last 24 h, rendered quickly whatever the series."""

from __future__ import annotations

import io
import time

from matplotlib.image import imread

from monitor.notify.chart import MAX_BARS, _merge, render_chart
from tests.notify.helpers import make_series


def _size(png: bytes) -> tuple[int, int]:
    image = imread(io.BytesIO(png), format="png")
    return image.shape[1], image.shape[0]


def test_png_of_expected_size() -> None:
    """A 24 h series gives an 800x320 PNG."""
    png = render_chart(make_series(), "ACME")
    assert png.startswith(b"\x89PNG") and _size(png) == (800, 320)


def test_empty_series_still_renders() -> None:
    """No data: a PNG saying so rather than an error."""
    assert render_chart([], "nothing").startswith(b"\x89PNG")


def test_fine_buckets_are_merged_without_losing_volume() -> None:
    """1-minute buckets over 24 h become at most 96 bars with the same total volume."""
    series = make_series(width=60)
    merged = _merge(series)
    assert len(merged) <= MAX_BARS
    assert sum(b.volume for b in merged) == sum(b.volume for b in series)


def test_hostile_title_does_not_break_rendering() -> None:
    """A title with $ math markers, brackets and emoji renders (math text is off)."""
    assert render_chart(make_series(), "$\\frac{1}{0}$ <!channel> 🔥 " * 10).startswith(b"\x89PNG")


def test_renders_fast() -> None:
    """A 24 h chart of 1-minute buckets renders in well under a second (median of 3)."""
    series = make_series(width=60)
    render_chart(series, "warm-up")
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        render_chart(series, "ACME")
        timings.append(time.perf_counter() - start)
    assert sorted(timings)[1] < 1.0
