"""Notification settings from vigie.yaml (`slack:`); secrets come from the environment."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class SlackSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    default_channels: dict[str, str] = Field(
        default={"low": "#vigie", "medium": "#vigie", "high": "#vigie-alerts",
                 "critical": "#vigie-alerts"},
        description="Channel per severity when no alert rule routes the alert.",
    )
    per_channel_interval: float = Field(
        default=1.0, ge=0.0, le=60.0,
        description="Minimum seconds between two Slack calls to one channel (Slack allows "
                    "about one message per second per channel).",
    )
    charts: bool = Field(default=True, description="Upload the 24 h chart into the alert's thread.")
    top_mentions: int = Field(default=5, ge=0, le=10,
                              description="Top mentions shown in an alert (at most 10).")
