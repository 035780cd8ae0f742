"""Performance figures for the knowledge index and ask.

    python bench/bench_perf.py [--chunks 5000] [--queries 200] [--answers 60] [--json]

Prints: built-in index build time (cold, then incremental with nothing changed), hybrid
search p50/p95 over a synthetic index of --chunks chunks, `soapbot ask --json` cold-start
wall time, and peak resident memory of that process (model loaded); a warm offline answer's
median time (new questions, embedding cache cleared) as milliseconds and as a ratio to one
question embedding, and what the distress screen adds to it. Offline, no keys.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

WORDS = [
    "soap",
    "match",
    "applicant",
    "program",
    "coordinator",
    "director",
    "resident",
    "interview",
    "offer",
    "round",
    "eras",
    "nrmp",
    "application",
    "deadline",
    "unfilled",
    "prelim",
    "categorical",
    "transitional",
    "visa",
    "img",
    "ecfmg",
    "usmle",
    "comlex",
    "thank",
    "follow",
    "email",
    "call",
    "contact",
    "rule",
    "dean",
    "advisor",
    "mentor",
    "schedule",
    "monday",
    "tuesday",
    "thursday",
    "friday",
    "accept",
    "reject",
    "binding",
    "commitment",
    "personal",
    "statement",
    "letter",
    "specialty",
    "medicine",
    "surgery",
    "pediatrics",
    "psychiatry",
    "family",
    "emergency",
    "neurology",
    "pathology",
    "research",
    "fellowship",
    "network",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def bench_builtin_index(data_dir: Path) -> dict[str, float]:
    from bot.config import load_settings
    from bot.core.base.embeddings import LocalMiniLM
    from bot.core.knowledge.articles import BUILTIN_SCOPE, chunks_of, load_articles
    from bot.core.knowledge.index import KnowledgeIndex

    settings = load_settings(env_file=None, data_dir=data_dir)
    started = time.perf_counter()
    index = KnowledgeIndex(settings, LocalMiniLM())
    chunks = chunks_of(load_articles(settings.knowledge_dir))
    index.sync_scope(BUILTIN_SCOPE, chunks)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    again = KnowledgeIndex(settings, index.embedder)
    report = again.sync_scope(BUILTIN_SCOPE, chunks_of(load_articles(settings.knowledge_dir)))
    incremental = time.perf_counter() - started
    assert report.added == 0
    return {"chunks": len(chunks), "cold_s": cold, "incremental_s": incremental}


def bench_search(data_dir: Path, n_chunks: int, n_queries: int) -> dict[str, float]:
    from bot.config import load_settings
    from bot.core.base.embeddings import LocalMiniLM
    from bot.core.knowledge.articles import BUILTIN_SCOPE, Chunk
    from bot.core.knowledge.index import KnowledgeIndex

    rng = random.Random(7)
    chunks = [
        Chunk(
            article=f"synthetic-{i // 20}",
            title=f"Synthetic article {i // 20}",
            section=f"Section {i % 20}",
            anchor=f"section-{i % 20}",
            text=" ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 160))),
        )
        for i in range(n_chunks)
    ]
    settings = load_settings(env_file=None, data_dir=data_dir)
    index = KnowledgeIndex(settings, LocalMiniLM())
    started = time.perf_counter()
    index.sync_scope(BUILTIN_SCOPE, chunks)
    build = time.perf_counter() - started
    queries = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14))) for _ in range(n_queries)]
    index.search(queries[0], 5)  # warm up
    timings = []
    for query in queries:
        started = time.perf_counter()
        index.search(query, 5)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "chunks": n_chunks,
        "build_s": build,
        "p50_ms": statistics.median(timings),
        "p95_ms": percentile(timings, 0.95),
    }


def bench_cold_ask(data_dir: Path) -> dict[str, float]:
    """Wall time and peak RSS of a fresh `soapbot ask --json` process (sampled every 10 ms).

    (getrusage's child figure would count the memory the child shared with this process
    between fork and exec, so the child is sampled directly instead.)
    """
    import psutil

    env = {k: v for k, v in os.environ.items() if k not in {"OPENAI_API_KEY", "OPENAI_BASE_URL", "DISCORD_TOKEN"}}
    env["DATA_DIR"] = str(data_dir)
    command = [sys.executable, "-m", "bot", "ask", "How many programs can I apply to in SOAP?", "--json"]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watched = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        try:
            peak = max(peak, watched.memory_info().rss)
        except psutil.Error:
            break
        time.sleep(0.01)
    stdout, _ = process.communicate()
    wall = time.perf_counter() - started
    payload = json.loads(stdout)
    assert payload["mode"] == "offline" and payload["citations"]
    return {"wall_s": wall, "peak_rss_mb": peak / 1024 / 1024}


def bench_warm_answers(data_dir: Path, n_questions: int) -> dict[str, float]:
    """A warm offline answer: services built, model loaded, each question new (the embedding
    cache is cleared before every timing, so each answer pays its own question embeddings).
    Each question is answered without the distress screen and with it; the difference is
    what the screen adds to a warm /ask."""
    import asyncio

    from bot.config import load_settings
    from bot.core.screen.distress import units
    from bot.core.services import build_services

    rows = [json.loads(line) for line in (REPO / "bench/data/questions_tune.jsonl").read_text().splitlines()]
    questions = [row["question"] for row in rows if row.get("question")][:n_questions]

    async def run() -> dict[str, float]:
        settings = load_settings(env_file=None, data_dir=data_dir)
        services = await build_services(settings, llm=None)
        answerer, embedder = services.answerer, services.embedder
        cache = getattr(embedder, "_cache", None)
        screen = answerer.screen

        def cold_cache() -> None:
            if cache is not None:
                cache.clear()

        for question in ("warm up", "How many programs can I apply to?"):
            await answerer.ask(question)
        plain, screened, embedding = [], [], []
        try:
            for question in questions:
                cold_cache()
                started = time.perf_counter()
                embedder.embed([question])
                embedding.append((time.perf_counter() - started) * 1000)
                cold_cache()
                answerer.screen = None
                started = time.perf_counter()
                await answerer.ask(question)
                plain.append((time.perf_counter() - started) * 1000)
                cold_cache()
                answerer.screen = screen
                started = time.perf_counter()
                await answerer.ask(question)
                screened.append((time.perf_counter() - started) * 1000)
        finally:
            answerer.screen = screen
            await services.close()
        one_embedding = statistics.median(embedding)
        added = [s - p for s, p in zip(screened, plain, strict=True)]
        single = [a for a, q in zip(added, questions, strict=True) if len(units(q)) == 1]
        several = [a for a, q in zip(added, questions, strict=True) if len(units(q)) > 1]
        return {
            "questions": len(questions),
            "answer_median_ms": statistics.median(plain),
            "answer_p95_ms": percentile(plain, 0.95),
            "embedding_median_ms": one_embedding,
            "answer_to_embedding_ratio": statistics.median(plain) / one_embedding,
            "screen_added_median_ms": statistics.median(added),
            "screen_added_one_sentence_ms": statistics.median(single) if single else 0.0,
            "screen_added_several_sentences_ms": statistics.median(several) if several else 0.0,
            "one_sentence_questions": len(single),
        }

    return asyncio.run(run())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=5000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--answers", type=int, default=60, help="questions for the warm-answer figures")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="soap-bench-") as tmp:
        tmp_path = Path(tmp)
        builtin = bench_builtin_index(tmp_path / "builtin")
        ask = bench_cold_ask(tmp_path / "builtin")
        warm = bench_warm_answers(tmp_path / "builtin", args.answers)
        search = bench_search(tmp_path / "synthetic", args.chunks, args.queries)
    figures = {"builtin_index": builtin, "search": search, "ask_cold_start": ask, "warm_answer": warm}
    if args.json:
        print(json.dumps(figures))
        return 0
    print(
        f"Built-in index: {builtin['chunks']} chunks, cold build {builtin['cold_s']:.1f} s (target < 30 s), "
        f"incremental re-index {builtin['incremental_s']:.2f} s (target < 2 s)"
    )
    print(
        f"Search over {search['chunks']} synthetic chunks (built in {search['build_s']:.0f} s): "
        f"p50 {search['p50_ms']:.1f} ms, p95 {search['p95_ms']:.1f} ms (target p95 < 30 ms)"
    )
    print(
        f"`soapbot ask --json` cold start: {ask['wall_s']:.2f} s (target < 4 s), "
        f"peak RSS {ask['peak_rss_mb']:.0f} MB (target < 500 MB)"
    )
    print(
        f"Warm offline answer over {warm['questions']} new questions: median {warm['answer_median_ms']:.1f} ms "
        f"(target <= 20 ms), p95 {warm['answer_p95_ms']:.1f} ms; "
        f"{warm['answer_to_embedding_ratio']:.2f}x one question embedding ({warm['embedding_median_ms']:.1f} ms); "
        f"the distress screen adds {warm['screen_added_median_ms']:.1f} ms median (target <= 5 ms): "
        f"{warm['screen_added_one_sentence_ms']:.1f} ms to one-sentence questions ({warm['one_sentence_questions']}), "
        f"{warm['screen_added_several_sentences_ms']:.1f} ms to longer posts (each sentence is screened on its own)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
