"""Embed the built-in guidance once and ship the vectors with the package.

    python scripts/build_builtin_vectors.py

Run it after editing anything under knowledge/ (a test fails until you do). The bot then embeds
only what this file does not hold: an advisor's own articles, or sections edited since.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.core.base import resources  # noqa: E402
from bot.core.base.embeddings import LocalMiniLM  # noqa: E402
from bot.core.knowledge.articles import load_articles  # noqa: E402
from bot.core.knowledge.shipped import SHIPPED_PATH, build  # noqa: E402


def main() -> None:
    started = time.perf_counter()
    # Always the built-in articles (never an advisor's KNOWLEDGE_DIR): these vectors ship to everyone.
    count = build(load_articles(resources.builtin("knowledge")), LocalMiniLM())
    size = SHIPPED_PATH.stat().st_size / 1e6
    print(
        f"embedded {count} texts in {time.perf_counter() - started:.0f} s -> "
        f"{SHIPPED_PATH.relative_to(ROOT)} ({size:.1f} MB)"
    )


if __name__ == "__main__":
    main()
