"""Logging set-up: ids, timings and token counts only — never message contents or secrets.

Third-party loggers that print request bodies at DEBUG (discord.py's HTTP and gateway
logs, openai, httpx) are capped at INFO/WARNING whatever LOG_LEVEL says, a filter
scrubs configured secrets from any record as a last line of defence, and tracebacks are
written without exception messages (which may quote a student's text).
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Iterable
from typing import Any, TextIO

# Loggers that include payloads (message text, prompts) in DEBUG records.
_CAPPED = {
    "discord": logging.INFO,
    "discord.http": logging.WARNING,
    "discord.gateway": logging.INFO,
    "discord.webhook": logging.WARNING,
    "openai": logging.WARNING,
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "httpx2": logging.WARNING,  # the HTTP client inside recent openai releases
    "httpcore2": logging.WARNING,
    "chromadb": logging.WARNING,
    "aiosqlite": logging.WARNING,
    "urllib3": logging.WARNING,
    "bm25s": logging.WARNING,
}


class LevelCap(logging.Filter):
    """Drop records of noisy third-party loggers below their cap, whatever level they set themselves."""

    def filter(self, record: logging.LogRecord) -> bool:
        name = record.name
        while name:
            cap = _CAPPED.get(name)
            if cap is not None:
                return record.levelno >= cap
            name = name.rpartition(".")[0]
        return True


class SecretScrubber(logging.Filter):
    """Replace any configured secret that reaches a log record with ``[redacted]``."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s and len(s) >= 6]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        if any(s in message for s in self.secrets):
            for secret in self.secrets:
                message = message.replace(secret, "[redacted]")
            record.msg, record.args = message, None
        return True


class SafeFormatter(logging.Formatter):
    """Tracebacks without exception messages: a message may quote what a student wrote."""

    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging's name
        error = ei[1] if ei else None
        return log_safe_traceback(error) if error is not None else super().formatException(ei)

    def format(self, record: logging.LogRecord) -> str:
        cached, record.exc_text = record.exc_text, None  # never reuse another handler's full traceback
        try:
            return super().format(record)
        finally:
            record.exc_text = cached


def configure_logging(level: str = "INFO", secrets: Iterable[str] = (), stream: TextIO | None = None) -> None:
    """Log to stderr (stdout stays clean for --json output)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(SafeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(LevelCap())
    handler.addFilter(SecretScrubber(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    for name, cap in _CAPPED.items():
        logging.getLogger(name).setLevel(max(cap, root.level))


def log_safe_traceback(error: BaseException) -> str:
    """Where an error happened (type and frames), without its message, which may quote user text."""
    frames = "".join(traceback.format_tb(error.__traceback__))
    return f"{frames}{type(error).__module__}.{type(error).__qualname__} (message withheld)"
