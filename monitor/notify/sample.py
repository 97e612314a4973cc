"""A realistic sample alert for `vigie alert test`: a product recall turning into a crisis.

Synthetic 24 h series (5-minute buckets, a quiet baseline then a negative surge) and top
mentions that include hostile strings (`<!channel>`, `<@U...>`, forged links, `&`, `<`, `>`)
so the team sees, in its own Slack, that none of them pings or links anything.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from monitor.model import (
    Alert,
    AlertStatus,
    BucketStats,
    EpisodeEvent,
    Evidence,
    Kind,
    Mention,
    Route,
    Severity,
    Transition,
)
from monitor.notify.message import AlertView
from monitor.timeutil import floor_to, to_epoch

WIDTH = 300
TOPIC = "ACME Kettle"

HOSTILE_MENTIONS = [
    ("x", "@consumer_watch", "Rappel produit: la bouilloire ACME K2 surchauffe <!channel>",
     "https://social.example/status/1"),
    ("forum", "kettle_victim", "Mine melted on the counter <@U024BE7LH> <!here> & nobody answers",
     "https://forum.example/t/acme-k2-melted?page=2&sort=new"),
    ("news", "Le Quotidien", "ACME recalls 40,000 K2 kettles after fire reports",
     "https://news.example/acme-recall|Click here for free kettles>"),
    ("blog", "<https://evil.example|ACME official>", "Statement <b>leaked</b> > read this",
     "javascript:alert(1)"),
    ("video", "TechTube", "Teardown: why the K2 thermostat fails 🔥🫖",
     "https://video.example/watch?v=abc"),
]


def sample_series(end: datetime) -> list[BucketStats]:
    """288 five-minute buckets ending at `end`: ~4 mentions/bucket, then a 2-hour surge."""
    last = floor_to(to_epoch(end), WIDTH)
    series = []
    for i in range(288):
        start = last - (287 - i) * WIDTH
        surge = max(0, i - 264)  # last two hours
        volume = 4 + int(2 * math.sin(i / 12)) + surge * 3
        negative = int(volume * (0.2 + min(0.5, surge / 40)))
        positive = max(0, volume // 4 - surge // 6)
        neutral = max(0, volume - negative - positive)
        b = BucketStats(topic=TOPIC, start=start, width=WIDTH, volume=volume,
                        negative=negative, positive=positive, neutral=neutral,
                        compound_sum=-0.6 * negative + 0.5 * positive)
        b.authors = {f"author{j}": 1 for j in range(volume)}
        b.sources = {"x": volume // 2, "forum": volume // 4, "news": volume - 3 * volume // 4}
        b.source_types = {"social": volume // 2, "forum": volume // 4,
                          "news": volume - 3 * volume // 4}
        series.append(b)
    return series


def sample_view(now: datetime, *, channel: str | None = None) -> AlertView:
    """The sample AlertView, stamped at `now` (marked as a drill: it is not a real alert)."""
    start = now - timedelta(hours=2)
    event = EpisodeEvent(
        topic=TOPIC, episode=f"sample-{int(to_epoch(now))}", episode_start=start, at=now,
        kind=Kind.CRISIS, transition=Transition.ESCALATED, severity=Severity.HIGH,
        summary=("Negative mentions of ACME Kettle are 9× their usual level and spreading "
                 "from social to news sites: a product recall story with safety claims."),
        evidence=(
            Evidence("volume_ratio", 9.1, 4.0, ">=", "Volume is 9.1× the 24 h baseline"),
            Evidence("negative_share", 0.68, 0.5, ">=", "68% of scored mentions are negative"),
            Evidence("source_types", 4, 3, ">=", "Spreading: 4 source types incl. news"),
        ),
        indicators={"volume_ratio": 9.1, "negative_share": 0.68, "z_score": 6.3},
        previous_kind=Kind.BAD_BUZZ, drill=True,
    )
    alert = Alert(id=f"sample:{event.episode}", rule="sample_crisis", event=event,
                  severity=Severity.HIGH, status=AlertStatus.FIRED,
                  route=Route(channels=(channel,) if channel else ()),
                  group_key=f"sample:{event.episode}")
    mentions = [
        Mention(id=f"m{i}", published=now - timedelta(minutes=7 * i), source=src,
                source_type={"x": "social"}.get(src, src), author=author, url=url,
                title=title, text=title)
        for i, (src, author, title, url) in enumerate(HOSTILE_MENTIONS)
    ]
    series = sample_series(now)
    by_type: dict[str, int] = {}
    for b in series[-24:]:
        for k, v in b.source_types.items():
            by_type[k] = by_type.get(k, 0) + v
    return AlertView(alert=alert, playbook="product_recall", series=series,
                     top_mentions=mentions, by_source_type=by_type)
