"""Post-incident report rendering at fixed times."""

from __future__ import annotations

from datetime import timedelta

from monitor.incidents import Action, apply_action, apply_alert, open_incident
from monitor.model import BucketStats, Kind, Severity, Transition
from monitor.notify.escape import mrkdwn
from monitor.report import render_markdown, render_slack_summary
from tests.respond.helpers import T0, alert


def _incident():  # type: ignore[no-untyped-def]
    incident = open_incident("5", alert(summary="Recall | <b>lot 12</b>"), ("#crisis",))
    incident = apply_action(incident, Action.ACK, "U1", T0 + timedelta(minutes=7)).incident
    incident = apply_alert(incident, alert(2, severity=Severity.CRITICAL, minutes=20,
                                           transition=Transition.ESCALATED)).incident
    return apply_alert(incident, alert(3, kind=Kind.RESOLVED, minutes=150,
                                       transition=Transition.RESOLVED)).incident


def _series() -> list[BucketStats]:
    start = int((T0 - timedelta(minutes=30)).timestamp())
    out = []
    for i in range(0, 3 * 3600, 300):
        out.append(BucketStats("acme", start + i, 300, volume=10, negative=6, positive=2,
                               neutral=2, compound_sum=-3.0, sources={"s1": 5, "s2": 5}))
    return out


def test_markdown_report_has_times_timeline_and_volume() -> None:
    """TTA 7m, TTR 2h30m, an hourly volume/sentiment table and the full timeline."""
    text = render_markdown(_incident(), _series())
    assert "- Time to acknowledge: 7m" in text
    assert "- Time to resolve: 2h30m" in text
    assert "| 2026-03-02T09:00:00Z | 120 | 60% | 20% | -0.30 | 2 |" in text
    assert "Total: 360 mentions, 60% negative, mean sentiment -0.30, 2 sources." in text
    assert "| 2026-03-02T09:07:00Z | U1 | acknowledged |  |" in text
    assert "| 2026-03-02T11:30:00Z | vigie | resolved | episode ended |" in text


def test_markdown_report_escapes_table_breakers() -> None:
    """A summary with pipes and HTML cannot break the tables or inject markup."""
    text = render_markdown(_incident(), [])
    assert "Recall \\| \\<b\\>lot 12\\</b\\>" in text
    assert "<b>" not in text


def test_report_without_series_uses_the_alerts_indicators() -> None:
    """With no bucket series, the alerts' own indicator snapshots make the table."""
    text = render_markdown(_incident(), [])
    assert "| Time (UTC) | Kind | Severity | negative\\_share | volume |" in text
    assert "| 2026-03-02T09:20:00Z | crisis | critical | 0.7 | 62 |" in text


def test_slack_summary_is_short_and_escaped() -> None:
    """The thread summary states TTA/TTR and escapes the timeline details."""
    text = render_slack_summary(_incident(), _series(), mrkdwn)
    assert "Time to acknowledge: 7m · time to resolve: 2h30m" in text
    assert "&lt;b&gt;lot 12&lt;/b&gt;" in text
    assert len(text) <= 2900
