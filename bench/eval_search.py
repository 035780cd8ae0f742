"""Devset evaluation of search and ask: how often the needed fact is in the top 5 / the answer.

    python bench/eval_search.py [--devset PATH | --half tune|blind] [--json] [--verbose]

For retrieval, every must_match pattern must match the top-5 passages (joined, each as search
shows it: the section's direct answer, then its text). For ask (offline mode), every pattern
must match the answer. Off-topic and unanswerable questions are scored on the reply only.
Targets: search >= 0.9, ask >= 0.8.

``--half tune`` scores the tuning half of the questions written for this project by people who
had not read the code or the articles (``bench/data/questions_tune*.jsonl``: the first tuning
half and the earlier blind sets, each judged once, then moved to tuning); ``--half blind`` the
newest set (``questions_blind.jsonl``), kept unread until a release is judged.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.devset import DEVSET_DIR, half_paths, load_records  # noqa: E402

DEFAULT_DEVSET = DEVSET_DIR / "questions.jsonl"
REPLY_ONLY_TOPICS = {"off-topic", "unanswerable", "wellbeing-safety"}


def matches_all(patterns: list[str], text: str) -> bool:
    return all(re.search(p, text, re.IGNORECASE) for p in patterns)


async def evaluate(devset: list[Path], verbose: bool) -> dict[str, object]:
    from bot.config import load_settings
    from bot.core.knowledge.answers import QuestionError
    from bot.core.services import build_services

    data_dir = os.environ.get("DATA_DIR") or tempfile.mkdtemp(prefix="soap-eval-")
    settings = load_settings(env_file=None, data_dir=Path(data_dir), openai_api_key=None, openai_base_url=None)
    services = await build_services(settings)
    try:
        await services.ensure_index()
        items = [r for path in devset for r in load_records(path)]
        search_hits = search_total = ask_hits = 0
        failures: list[dict[str, str]] = []
        for item in items:
            try:
                answer_text = (await services.answerer.ask(item["question"])).full_text
            except QuestionError as refused:
                answer_text = str(refused)
            ask_ok = matches_all(item["must_match"], answer_text)
            ask_hits += ask_ok
            search_ok = None
            if item["topic"] not in REPLY_ONLY_TOPICS:
                hits = await services.answerer.search(item["question"], 5)
                search_ok = matches_all(item["must_match"], "\n\n".join(h.chunk.passage for h in hits))
                search_total += 1
                search_hits += search_ok
            if not ask_ok or search_ok is False:
                failures.append({"id": item["id"], "search": str(search_ok), "ask": str(ask_ok)})
            if verbose:
                print(f"--- {item['id']} {item['topic']} search={search_ok} ask={ask_ok}\n{answer_text}\n")
        return {
            "questions": len(items),
            "search_top5": round(search_hits / max(1, search_total), 3),
            "search_scored": search_total,
            "ask_offline": round(ask_hits / max(1, len(items)), 3),
            "failures": failures,
        }
    finally:
        await services.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET)
    parser.add_argument("--half", choices=("tune", "blind"), help="a half of the project's question set")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    paths = half_paths("questions", args.half) if args.half else [args.devset]
    if not all(path.is_file() for path in paths):
        print(f"No devset at {', '.join(map(str, paths))}; pass --devset PATH.")
        return 0
    result = asyncio.run(evaluate(paths, args.verbose and not args.json))
    if args.json:
        print(json.dumps(result))
    else:
        print(f"questions: {result['questions']}")
        print(
            f"search: needed fact in top 5 for {result['search_top5']:.0%} "
            f"of {result['search_scored']} scored questions (target 90%)"
        )
        print(f"ask (offline): patterns in the answer for {result['ask_offline']:.0%} (target 80%)")
        for failure in result["failures"]:  # type: ignore[union-attr]
            print(f"  miss {failure['id']}: search={failure['search']} ask={failure['ask']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
