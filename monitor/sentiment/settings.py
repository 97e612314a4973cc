"""Sentiment settings from vigie.yaml (`sentiment:`)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class SentimentSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    languages: list[str] = Field(
        default=["en", "fr"],
        description="Languages the detector may answer; anything else is marked `other`.",
    )
    neutral_threshold: dict[str, float] = Field(
        default={"en": 0.05, "fr": 0.05},
        description="Per language: |compound| below this is neutral.",
    )
