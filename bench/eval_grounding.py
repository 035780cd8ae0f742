"""AI answers against the guidance: how many state an unsupported date, time, number or rule verdict,
before and after the grounding check, and how many fall back to the offline answer.

    ./scripts/test-llm --run python bench/eval_grounding.py [--devset PATH] [--limit N] [--json]

``scripts/test-llm --run`` starts the real llama.cpp server with the small model it installs and
runs this with the server's address in SOAP_REAL_LLM_BASE_URL and SOAP_REAL_LLM_MODEL (or pass
``--base-url`` and ``--model`` for another OpenAI-compatible server). The default question set is
the tuning half (``bench/data/questions_tune.jsonl``); ``--devset`` scores another, such as the
blind half once a release is judged.

For every question that reaches the model:

- *before*: the model's own text, read by the grounding check against what it was given, has at
  least one unsupported claim;
- *after*: the text shown to the student (the direct answer and what was kept of the model's
  text, renumbered and joined) is read again against what the model was given; an answer shown
  offline instead has no AI text and counts as clean. *After, cited only* reads it against the
  sections the answer cites (all their passages and direct answers) and the prompt's rule alone:
  stricter, since a kept claim may rest on a passage the model read but did not cite;
- *fallback*: the model's text was replaced by the offline answer because too little of it
  could be checked; *failed*: the server gave no usable reply (timeout, error), so the offline
  answer was shown with the usual notice;
- *needed facts*: the shown answer matches the question's labelled patterns (as
  ``bench/eval_search.py`` scores offline answers).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.devset import load_records  # noqa: E402

DEFAULT_DEVSET = REPO / "bench" / "data" / "questions_tune.jsonl"


class Recorder:
    """The LLM client, remembering whether a call was made (the answer's report holds the rest)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.calls = 0

    async def complete(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return await self.inner.complete(*args, **kwargs)

    def stream(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return self.inner.stream(*args, **kwargs)


def cited_grounds(answer: Any, sections: dict[tuple[str, str], list[Any]], system: str) -> Any:
    """What the shown answer may rest on: every passage and direct answer of its cited sections,
    and the prompt's rule and facts."""
    from bot.core.base.grounding import Grounds, Rule

    chunks = [c for citation in answer.citations for c in sections.get((citation.article, citation.section), [])]
    return Grounds(
        facts=[*(c.passage for c in chunks), system],
        rules=[*(Rule(c.lead, c.section) for c in chunks), system],
    )


_LEAD_BLOCK = re.compile(
    r"^\*\*Direct answers?\*\* \(from the guidance\):(?: [^\n]*|\n(?:- [^\n]*(?:\n|$))+)\n*", re.MULTILINE
)


def ai_part(question: str, text: str) -> str:
    """The shown answer without what SOAP Coach adds around the AI text: the calendar's paragraph
    for a question about dates and the contact-rule reminder (neither comes from the model)."""
    from bot.core.base.text import normalize
    from bot.core.companion import date_answer, relative_day_note
    from bot.core.knowledge import scope
    from bot.core.knowledge.questions import question_parts

    asked = " ".join(part.text for part in question_parts(normalize(question).strip()))
    # The calendar's paragraph leads an answer to "when ...?", follows any other answer, and in a
    # multi-part answer sits under its part's heading: removed wherever it is, as SOAP Coach wrote it.
    for note in (date_answer(asked), relative_day_note(asked)):
        if note:
            text = text.replace(note, "")
    # The direct answers that open an AI reply are the guidance's own answer cards, headed by
    # the student's words ("When exactly in march 2027 ...?"): not the model's text either.
    text = _LEAD_BLOCK.sub("", text)
    return text.replace(f"\n\n{scope.COLD_CONTACT_NOTE}", "")


async def evaluate(devset: Path, base_url: str, model: str, limit: int | None, verbose: bool) -> dict[str, Any]:
    import datetime as dt

    from bot.config import load_settings
    from bot.core.base import grounding, prompts
    from bot.core.knowledge import chunks_of, load_articles
    from bot.core.services import build_services

    data_dir = os.environ.get("DATA_DIR") or tempfile.mkdtemp(prefix="soap-eval-grounding-")
    timeout = float(os.environ.get("SOAP_REAL_LLM_TIMEOUT", "180"))
    settings = load_settings(
        env_file=None,
        data_dir=Path(data_dir),
        openai_base_url=base_url,
        openai_api_key="sk-local-server",
        chat_model=model,
        llm_timeout_seconds=timeout,
    )
    services = await build_services(settings)
    sections: dict[tuple[str, str], list[Any]] = {}
    for chunk in chunks_of(load_articles(settings.knowledge_dir)):
        sections.setdefault((chunk.article, chunk.section), []).append(chunk)
    system = next(
        m["content"]
        for m in prompts.render(
            "ask", passages="", direct_answers="", question="", soap_year=2026, today=dt.date.today().isoformat()
        )
        if m["role"] == "system"
    )
    given: list[Any] = []
    build_grounds = services.answerer._grounds

    def remember(*args: Any, **kwargs: Any) -> Any:  # what the check read each answer against
        given.append(build_grounds(*args, **kwargs))
        return given[-1]

    services.answerer._grounds = remember  # type: ignore[method-assign]
    counts: Counter[str] = Counter()
    kinds_before: Counter[str] = Counter()
    kinds_after: Counter[str] = Counter()
    dropped_sentences = total_sentences = 0
    started = time.perf_counter()
    try:
        await services.ensure_index()
        assert services.llm is not None
        items = load_records(devset)[:limit] if limit else load_records(devset)
        for item in items:
            llm = Recorder(services.llm)
            answer = await services.answerer.ask(item["question"], llm=llm)  # type: ignore[arg-type]
            counts["questions"] += 1
            needed = all(re.search(p, answer.full_text, re.IGNORECASE) for p in item.get("must_match", []))
            counts["needed_facts"] += needed
            if not llm.calls:
                counts["no_model_call"] += 1  # not covered, out of scope, a crisis reply ...
                continue
            counts["model_called"] += 1
            report = answer.checked
            if report is None:
                counts["failed"] += 1
                outcome = "failed"
            else:
                total_sentences += report.sentences
                dropped_sentences += report.dropped
                if report.unsupported:
                    counts["unsupported_before"] += 1
                    kinds_before.update(report.by_kind)
                outcome = "fallback" if answer.mode == "offline" else "ai"
                counts[outcome] += 1
            after = None
            if answer.mode == "llm":
                shown = ai_part(item["question"], answer.text)
                after = grounding.check(shown, given[-1]).report
                if after.unsupported:
                    counts["unsupported_after"] += 1
                    kinds_after.update(after.by_kind)
                cited = grounding.check(shown, cited_grounds(answer, sections, system)).report
                counts["unsupported_after_cited_only"] += bool(cited.unsupported)
                counts["ai_shown"] += 1
                counts["ai_with_drops"] += bool(report and report.dropped)
            if verbose:
                print(
                    f"--- {item['id']} {outcome} needed={needed} "
                    f"{report.summary if report else '-'} after={after.summary if after else '-'}\n"
                    f"{answer.full_text}\n",
                    flush=True,
                )
            else:
                print(".", end="", flush=True, file=sys.stderr)
    finally:
        await services.close()
    if not verbose:
        print(file=sys.stderr)
    called = max(1, counts["model_called"])
    return {
        "devset": devset.name,
        "model": model,
        "questions": counts["questions"],
        "model_called": counts["model_called"],
        "unsupported_before": counts["unsupported_before"],
        "unsupported_before_rate": round(counts["unsupported_before"] / called, 3),
        "unsupported_before_kinds": dict(kinds_before),
        "unsupported_after": counts["unsupported_after"],
        "unsupported_after_kinds": dict(kinds_after),
        "unsupported_after_cited_only": counts["unsupported_after_cited_only"],
        "ai_shown": counts["ai_shown"],
        "ai_shown_with_sentences_dropped": counts["ai_with_drops"],
        "sentences_dropped": f"{dropped_sentences}/{total_sentences}",
        "fallback": counts["fallback"],
        "fallback_rate": round(counts["fallback"] / called, 3),
        "failed": counts["failed"],
        "needed_facts": round(counts["needed_facts"] / max(1, counts["questions"]), 3),
        "minutes": round((time.perf_counter() - started) / 60, 1),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET, help="questions (JSONL), default: tuning half")
    parser.add_argument("--base-url", default=os.environ.get("SOAP_REAL_LLM_BASE_URL", ""))
    parser.add_argument("--model", default=os.environ.get("SOAP_REAL_LLM_MODEL", ""))
    parser.add_argument("--limit", type=int, help="only the first N questions")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--verbose", action="store_true", help="print every answer (for reading, not for logs)")
    args = parser.parse_args(argv)
    if not args.base_url or not args.model:
        parser.error("no server: run it through ./scripts/test-llm --run, or pass --base-url and --model")
    result = asyncio.run(evaluate(args.devset, args.base_url, args.model, args.limit, args.verbose))
    if args.json:
        print(json.dumps(result))
        return 0
    called = result["model_called"]
    print(f"Grounding on {result['devset']} with {result['model']} ({result['minutes']} min)")
    print(f"  questions: {result['questions']}, answered by the model: {called}")
    print(
        f"  with an unsupported date/time/number/verdict, before the check: {result['unsupported_before']} of "
        f"{called} ({result['unsupported_before_rate']:.0%}) {result['unsupported_before_kinds']}"
    )
    print(
        f"  after the check (shown AI text): {result['unsupported_after']} of {result['ai_shown']} "
        f"(against the cited sections only: {result['unsupported_after_cited_only']})"
    )
    print(
        f"  shown as AI text: {result['ai_shown']} ({result['ai_shown_with_sentences_dropped']} with sentences "
        f"dropped; sentences dropped {result['sentences_dropped']})"
    )
    print(f"  fell back to the offline answer: {result['fallback']} of {called} ({result['fallback_rate']:.0%})")
    print(f"  no usable reply from the server (offline answer with a notice): {result['failed']}")
    print(f"  shown answers with the needed facts: {result['needed_facts']:.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
