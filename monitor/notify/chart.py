"""The alert chart: 24 h of volume (bars) with negative share and mean sentiment (lines).

A PNG rendered with matplotlib's Agg canvas on a bare `Figure` (no pyplot global state,
so it is safe in threads and Celery workers). Titles come from config or mentions: math
text parsing is off, so a `$` cannot break rendering.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from datetime import UTC

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import DateFormatter, HourLocator
from matplotlib.figure import Figure

from monitor.model import BucketStats

MAX_BARS = 96  # 15-minute bars over 24 h; finer buckets are merged
VOLUME_COLOUR = "#8aa4c8"
NEGATIVE_COLOUR = "#c0392b"
SENTIMENT_COLOUR = "#27632a"


def _merge(series: Sequence[BucketStats]) -> list[BucketStats]:
    """`series` sorted, with consecutive buckets merged so there are at most MAX_BARS."""
    ordered = sorted(series, key=lambda b: b.start)
    if len(ordered) <= MAX_BARS:
        return ordered
    group = -(-len(ordered) // MAX_BARS)
    merged = []
    for i in range(0, len(ordered), group):
        chunk = ordered[i:i + group]
        total = BucketStats(topic=chunk[0].topic, start=chunk[0].start,
                            width=chunk[-1].end - chunk[0].start)
        for b in chunk:
            total.merge(b)
        merged.append(total)
    return merged


def render_chart(series: Sequence[BucketStats], title: str = "", *, width: float = 8.0,
                 height: float = 3.2, dpi: int = 100) -> bytes:
    """PNG bytes of the chart. An empty series gives a chart saying "no data"."""
    fig = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    buckets = _merge(series)
    if buckets:
        # Matplotlib dates are days since 1970-01-01 (its default epoch).
        times = [b.start / 86400 for b in buckets]
        widths = [b.width / 86400 * 0.9 for b in buckets]
        ax.bar(times, [b.volume for b in buckets], width=widths, align="edge",
               color=VOLUME_COLOUR, label="volume")
        ax.set_ylabel("mentions")
        span_hours = (buckets[-1].end - buckets[0].start) / 3600
        step = max(1, int(span_hours // 8) or 1)
        ax.xaxis.set_major_locator(HourLocator(byhour=range(0, 24, step), tz=UTC))  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_formatter(DateFormatter("%H:%M", tz=UTC))  # type: ignore[no-untyped-call]
        share = ax.twinx()
        mids = [(b.start + b.width / 2) / 86400 for b in buckets]
        share.plot(mids, [b.negative_share for b in buckets], color=NEGATIVE_COLOUR,
                   linewidth=1.6, label="negative share")
        share.plot(mids, [b.mean_compound for b in buckets], color=SENTIMENT_COLOUR,
                   linewidth=1.2, linestyle="--", label="mean sentiment")
        share.set_ylim(-1.0, 1.0)
        share.axhline(0, color="#999999", linewidth=0.5)
        share.set_ylabel("share / sentiment")
        handles = ax.get_legend_handles_labels()[0] + share.get_legend_handles_labels()[0]
        share.legend(handles=handles, loc="upper left", fontsize="small", frameon=False)
        ax.set_xlabel("UTC")
    else:
        ax.text(0.5, 0.5, "no data in the last 24 h", ha="center", va="center",
                transform=ax.transAxes, parse_math=False)
        ax.set_axis_off()
    if title:
        ax.set_title(title[:120], loc="left", fontsize="medium", parse_math=False)
    # Fixed margins: tight_layout costs about as much as the drawing itself.
    fig.subplots_adjust(left=0.08, right=0.9, top=0.88, bottom=0.16)
    out = io.BytesIO()
    with warnings.catch_warnings():
        # Emoji in a topic name have no glyph in the bundled font: drawn as boxes, not noise.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig.savefig(out, format="png", dpi=dpi)
    return out.getvalue()
