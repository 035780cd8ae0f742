"""Evaluate the rehearsal rubric against labelled answers (shared/devset/answers.jsonl).

Usage: python bench/eval_rehearsal.py [--devset PATH | --half tune|blind] [--json]

Each record has ``question``, ``text``, ``expect_flags`` and ``expect_clean``. A criterion is
flagged when its status is warn or fail. Prints per-criterion precision / recall / support,
overall recall over ``expect_flags``, the false-flag rate over ``expect_clean``, and every miss
and false flag with the answer id. Targets (docs/contracts.md, section 8): recall >= 0.9, false-flag rate <= 0.1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.devset import DEVSET_DIR, half_name, load_half, load_records  # noqa: E402
from bot.core.interview.rubric import CRITERIA, AnswerError, assess_answer  # noqa: E402

DEFAULT_DEVSET = DEVSET_DIR / "answers.jsonl"
RECALL_TARGET = 0.9
FALSE_FLAG_TARGET = 0.1


def evaluate(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Score the rubric on labelled records; returns the figures as a dict."""
    per: dict[str, dict[str, int]] = {c: {"tp": 0, "fp": 0, "fn": 0, "tn": 0} for c in CRITERIA}
    misses: list[dict[str, str]] = []
    false_flags: list[dict[str, str]] = []
    errors: list[dict[str, str]] = []
    n = 0
    for rec in records:
        n += 1
        rid = str(rec.get("id"))
        try:
            result = assess_answer(rec["text"], rec.get("question") or "Why didn't you match?")
        except AnswerError as exc:
            errors.append({"id": rid, "error": str(exc)})
            continue
        by_id = {c.criterion: c for c in result.criteria}
        for crit in rec.get("expect_flags", []):
            got = by_id.get(crit)
            if got is not None and got.flagged:
                per[crit]["tp"] += 1
            else:
                per.setdefault(crit, {"tp": 0, "fp": 0, "fn": 0, "tn": 0})["fn"] += 1
                misses.append(
                    {
                        "id": rid,
                        "criterion": crit,
                        "status": got.status if got else "absent",
                        "evidence": got.evidence if got else "",
                    }
                )
        for crit in rec.get("expect_clean", []):
            got = by_id.get(crit)
            if got is not None and got.flagged:
                per[crit]["fp"] += 1
                false_flags.append({"id": rid, "criterion": crit, "status": got.status, "evidence": got.evidence})
            else:
                per.setdefault(crit, {"tp": 0, "fp": 0, "fn": 0, "tn": 0})["tn"] += 1
    criteria = {}
    for crit, c in per.items():
        flagged = c["tp"] + c["fp"]
        support = c["tp"] + c["fn"]
        criteria[crit] = {
            "precision": round(c["tp"] / flagged, 3) if flagged else None,
            "recall": round(c["tp"] / support, 3) if support else None,
            "support": support,
            "clean_support": c["fp"] + c["tn"],
            "false_flags": c["fp"],
        }
    tp = sum(c["tp"] for c in per.values())
    fn = sum(c["fn"] for c in per.values())
    fp = sum(c["fp"] for c in per.values())
    tn = sum(c["tn"] for c in per.values())
    recall = tp / (tp + fn) if tp + fn else 1.0
    false_flag_rate = fp / (fp + tn) if fp + tn else 0.0
    return {
        "answers": n,
        "recall": round(recall, 3),
        "false_flag_rate": round(false_flag_rate, 3),
        "expected_flags": tp + fn,
        "expected_clean": fp + tn,
        "meets_targets": recall >= RECALL_TARGET and false_flag_rate <= FALSE_FLAG_TARGET,
        "criteria": criteria,
        "misses": misses,
        "false_flags": false_flags,
        "errors": errors,
    }


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.2f}"


def print_report(figures: dict[str, Any], source: Path) -> None:
    print(f"Rehearsal rubric on {source} ({figures['answers']} answers)\n")
    print(f"{'criterion':22} {'precision':>9} {'recall':>7} {'support':>8} {'clean':>6} {'false':>6}")
    for crit in CRITERIA:
        c = figures["criteria"].get(crit)
        if c is None:
            continue
        print(
            f"{crit:22} {_fmt(c['precision']):>9} {_fmt(c['recall']):>7} {c['support']:>8} "
            f"{c['clean_support']:>6} {c['false_flags']:>6}"
        )
    print(
        f"\nrecall {figures['recall']:.3f} over {figures['expected_flags']} expected flags (target >= {RECALL_TARGET})"
    )
    print(
        f"false-flag rate {figures['false_flag_rate']:.3f} over {figures['expected_clean']} "
        f"expected-clean checks (target <= {FALSE_FLAG_TARGET})"
    )
    print("meets targets" if figures["meets_targets"] else "BELOW TARGET")
    if figures["misses"]:
        print("\nmisses (expected a flag):")
        for m in figures["misses"]:
            print(f"  {m['id']}: {m['criterion']} was {m['status']}")
    if figures["false_flags"]:
        print("\nfalse flags (expected clean):")
        for f in figures["false_flags"]:
            print(f'  {f["id"]}: {f["criterion"]} {f["status"]} on "{f["evidence"][:90]}"')
    for e in figures["errors"]:
        print(f"  {e['id']}: could not assess ({e['error']})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET, help="labelled answers (JSONL)")
    parser.add_argument("--half", choices=("tune", "blind"), help="a half of the project's answer sets (bench/data)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    path: Path = args.devset
    if args.half:
        path = half_name("answers", args.half)
    elif not path.is_file():
        msg = f"devset not found: {path} (pass --devset PATH)"
        if args.json:
            print(json.dumps({"error": msg}))
        else:
            print(msg, file=sys.stderr)
        return 2
    try:
        records = load_half("answers", args.half) if args.half else load_records(path)
    except (ValueError, UnicodeDecodeError) as exc:
        print(f"could not read devset: {exc}", file=sys.stderr)
        return 2
    figures = evaluate(records)
    if args.json:
        print(json.dumps(figures))
    else:
        print_report(figures, path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
