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
