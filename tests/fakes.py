"""In-process fakes for unit tests (the HTTP-level fake OpenAI server is in tests/support)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

from bot.core.base.llm import ChatResult, LLMError


class FakeLLM:
    """Duck-typed LLMClient: answers with ``reply(messages)`` or raises a queued LLMError."""

    model = "fake-model"

    def __init__(self, reply: Callable[[Sequence[dict[str, str]]], str] | str = "Answer [1].") -> None:
        self._reply = reply if callable(reply) else (lambda _messages: reply)
        self.errors: list[LLMError] = []
        self.calls: list[dict[str, Any]] = []

    def fail_with(self, kind: str, times: int = 1) -> FakeLLM:
        self.errors.extend(LLMError(kind) for _ in range(times))
        return self

    async def complete(self, messages: Sequence[dict[str, str]], *, purpose: str, **kwargs: Any) -> ChatResult:
        self.calls.append({"messages": list(messages), "purpose": purpose, **kwargs})
        if self.errors:
            raise self.errors.pop(0)
        text = self._reply(messages)
        return ChatResult(text, self.model, 100, 20, 0.01)

    async def stream(self, messages: Sequence[dict[str, str]], *, purpose: str, **kwargs: Any) -> AsyncIterator[str]:
        self.calls.append({"messages": list(messages), "purpose": purpose, "stream": True, **kwargs})
        if self.errors:
            raise self.errors.pop(0)
        text = self._reply(messages)
        for start in range(0, len(text), 40):
            yield text[start : start + 40]

    async def close(self) -> None:
        return None
