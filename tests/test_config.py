from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import SettingsError, load_settings


def test_blank_values_mean_unset(tmp_path: Path) -> None:
    settings = load_settings(env_file=None, data_dir=tmp_path, openai_api_key="", dev_guild_id="")
    assert settings.openai_api_key is None and settings.dev_guild_id is None
    assert not settings.llm_configured


def test_invalid_setting_is_named_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EMBEDDING_PROVIDER", "magic")
    with pytest.raises(SettingsError) as info:
        load_settings(env_file=None, data_dir=tmp_path)
    message = str(info.value)
    assert "EMBEDDING_PROVIDER" in message and "\n" not in message


def test_secrets_do_not_show_in_repr(tmp_path: Path) -> None:
    settings = load_settings(env_file=None, data_dir=tmp_path, openai_api_key="sk-secret-value-123")
    assert "sk-secret-value-123" not in repr(settings)
    assert settings.llm_configured


def test_env_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHAT_MODEL", raising=False)
    env = tmp_path / ".env"
    env.write_text("CHAT_MODEL=llama3.1\nLOG_LEVEL=debug\n")
    settings = load_settings(env_file=env, data_dir=tmp_path)
    assert settings.chat_model == "llama3.1" and settings.log_level == "DEBUG"
    monkeypatch.delenv("CHAT_MODEL", raising=False)
    monkeypatch.delenv("LOG_LEVEL", raising=False)
