"""Settings, read from the environment and an optional `.env` file.

Nothing is read at import time: call :func:`load_settings`. Invalid settings raise
:class:`SettingsError` with one line naming the setting, which the CLI prints as is.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from dotenv import load_dotenv
from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.core.base import resources

#: The source tree's root. Only meaningful in a checkout: find files through
#: :mod:`bot.core.base.resources`, which also works in an installed package.
PROJECT_ROOT = resources.SOURCE_ROOT


#: The built-in folder behind each folder setting.
_BUILTIN_FOLDERS = {"knowledge_dir": "knowledge", "calendar_dir": "knowledge/calendar", "prompts_dir": "prompts"}


class SettingsError(Exception):
    """A setting is missing or invalid; the message names it in one line."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", case_sensitive=False, env_prefix="")

    # Discord
    discord_token: SecretStr | None = None
    dev_guild_id: int | None = None
    discord_api_base_url: str | None = None
    discord_gateway_url: str | None = None

    # LLM (any OpenAI-compatible server)
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    chat_model: str = "gpt-4o-mini"
    embedding_model: str = "text-embedding-3-small"
    llm_timeout_seconds: float = Field(default=30.0, gt=0)
    llm_max_retries: int = Field(default=2, ge=0, le=6)
    #: The provider's moderation (an extra layer of the distress screen) is waited for at most this long.
    moderation_timeout_seconds: float = Field(default=1.5, gt=0, le=10)
    llm_max_concurrency: int = Field(default=8, ge=1, le=256)
    llm_input_cost_per_million: float = Field(default=0.15, ge=0)
    llm_output_cost_per_million: float = Field(default=0.60, ge=0)

    # Retrieval
    embedding_provider: Literal["local", "openai"] = "local"
    data_dir: Path = Path("data")
    #: The guidance articles (an advisor may point this at their own copy); built-in by default.
    knowledge_dir: Path = Field(default_factory=lambda: resources.builtin(_BUILTIN_FOLDERS["knowledge_dir"]))
    #: The Match Week calendar files; built-in by default.
    calendar_dir: Path = Field(default_factory=lambda: resources.builtin(_BUILTIN_FOLDERS["calendar_dir"]))
    #: The prompt templates; built-in by default.
    prompts_dir: Path = Field(default_factory=lambda: resources.builtin(_BUILTIN_FOLDERS["prompts_dir"]))
    chroma_host: str | None = None
    chroma_port: int = Field(default=8000, ge=1, le=65535)
    ask_prompt_token_budget: int = Field(default=3000, ge=500, le=100_000)

    # Voice
    transcription_provider: Literal["local", "openai"] = "local"
    transcription_model: str = "whisper-1"

    # Limits
    default_user_hourly_llm_limit: int = Field(default=30, ge=0)
    default_guild_daily_token_budget: int = Field(default=200_000, ge=0)
    interview_idle_minutes: int = Field(default=30, ge=1)

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator(
        "discord_token",
        "openai_api_key",
        "openai_base_url",
        "chroma_host",
        "discord_api_base_url",
        "discord_gateway_url",
        "dev_guild_id",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("knowledge_dir", "calendar_dir", "prompts_dir", mode="before")
    @classmethod
    def _blank_is_builtin(cls, value: object, info: ValidationInfo) -> object:
        """An empty KNOWLEDGE_DIR, CALENDAR_DIR or PROMPTS_DIR means the built-in folder."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return resources.builtin(_BUILTIN_FOLDERS[str(info.field_name)])
        return Path(value).expanduser() if isinstance(value, str) else value

    @property
    def llm_configured(self) -> bool:
        return self.openai_api_key is not None or self.openai_base_url is not None

    @property
    def db_path(self) -> Path:
        return self.data_dir / "soapbot.sqlite3"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"


def load_settings(env_file: str | os.PathLike[str] | None = ".env", **overrides: object) -> Settings:
    """Read settings from the environment (after loading ``env_file`` if it exists)."""
    if env_file and Path(env_file).is_file():
        load_dotenv(env_file, override=False)
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        err = exc.errors()[0]
        name = ".".join(str(p) for p in err.get("loc", ())).upper() or "settings"
        raise SettingsError(f"Invalid setting {name}: {err.get('msg', 'invalid value')}") from None
