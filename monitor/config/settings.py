"""Process settings, read once from the environment into a frozen object.

Secrets are `SecretStr`: they print masked and are never logged.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import SecretStr

DEFAULT_DATA_DIR = "./vigie-data"
DEFAULT_CONFIG = "vigie.yaml"
DEFAULT_SLACK_API_URL = "https://slack.com/api/"


@dataclass(frozen=True)
class Settings:
    """Everything a process takes from its environment.

    - REDIS_URL: the shared Redis; unset means `vigie run` starts an embedded one.
    - VIGIE_DATA_DIR: embedded Redis files, mention archive, exported reports (./vigie-data).
    - VIGIE_CONFIG: path of vigie.yaml (./vigie.yaml).
    - VIGIE_RULES_DIR / VIGIE_PLAYBOOKS_DIR: override the rules and playbooks folders named
      in vigie.yaml.
    - SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN (Socket Mode): secrets.
    - SLACK_API_URL: Slack Web API base, for a staging emulator (https://slack.com/api/).
    """

    redis_url: str | None = None
    data_dir: Path = Path(DEFAULT_DATA_DIR)
    config_path: Path = Path(DEFAULT_CONFIG)
    rules_dir: Path | None = None
    playbooks_dir: Path | None = None
    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str = DEFAULT_SLACK_API_URL
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)

        def secret(name: str) -> SecretStr | None:
            value = env.get(name, "").strip()
            return SecretStr(value) if value else None

        def path(name: str) -> Path | None:
            value = env.get(name, "").strip()
            return Path(value) if value else None

        return cls(
            redis_url=env.get("REDIS_URL", "").strip() or None,
            data_dir=Path(env.get("VIGIE_DATA_DIR", "").strip() or DEFAULT_DATA_DIR),
            config_path=Path(env.get("VIGIE_CONFIG", "").strip() or DEFAULT_CONFIG),
            rules_dir=path("VIGIE_RULES_DIR"),
            playbooks_dir=path("VIGIE_PLAYBOOKS_DIR"),
            slack_bot_token=secret("SLACK_BOT_TOKEN"),
            slack_signing_secret=secret("SLACK_SIGNING_SECRET"),
            slack_app_token=secret("SLACK_APP_TOKEN"),
            slack_api_url=env.get("SLACK_API_URL", "").strip() or DEFAULT_SLACK_API_URL,
        )

    @property
    def embedded(self) -> bool:
        return self.redis_url is None
