"""Sentiment settings from vigie.yaml (`sentiment:`)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

# Used for a configured language missing from `neutral_threshold`; VADER's own convention.
DEFAULT_NEUTRAL_THRESHOLD = 0.05


class SentimentSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    languages: list[str] = Field(
        default=["en", "fr"],
        description="Languages the detector may answer; anything else is marked `other`. "
        "Languages without a scorer (only en and fr have one) are detected but not scored.",
    )
    neutral_threshold: dict[str, float] = Field(
        default={"en": 0.05, "fr": 0.05},
        description="Per language: |compound| below this is neutral (default 0.05).",
    )

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str]) -> list[str]:
        codes = [code.strip().lower() for code in value]
        if not codes or any(not code.isalpha() or len(code) > 3 for code in codes):
            raise ValueError("expected a non-empty list of ISO 639-1 codes such as en, fr")
        if len(set(codes)) != len(codes):
            raise ValueError("a language is listed twice")
        return codes

    @field_validator("neutral_threshold")
    @classmethod
    def _thresholds(cls, value: dict[str, float]) -> dict[str, float]:
        for lang, threshold in value.items():
            if not 0.0 <= threshold < 1.0:
                raise ValueError(f"{lang}: a neutral threshold is in [0, 1)")
        return {lang.strip().lower(): threshold for lang, threshold in value.items()}
