"""Detection settings from vigie.yaml (`detection:`), with per-topic overrides."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class DetectionSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    bucket: str = Field(default="5m", description="Width of the buckets the detector reads.")
