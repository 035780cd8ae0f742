"""Evaluate the critique checklist against labelled drafts (shared/devset/drafts.jsonl).

Usage: python bench/eval_critique.py [--devset PATH | --half tune|blind] [--json]

Each record has ``kind``, ``program_contacted_first``, ``phase``, ``text``, ``expect_flags`` and
``expect_clean``. A check is flagged when it is a finding with severity warning or error.
Prints per-check precision / recall / support, overall recall over ``expect_flags``, the
false-flag rate over ``expect_clean`` (a flagged check that was expected clean), and every miss
and false flag with the draft id. Targets (docs/contracts.md, section 8): recall >= 0.9, false-flag rate <= 0.1.
Checks in neither list are not scored.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.devset import DEVSET_DIR, half_name, load_half, load_records  # noqa: E402
from bot.core.critique import CHECK_IDS, DraftError, check_draft  # noqa: E402

DEFAULT_DEVSET = DEVSET_DIR / "drafts.jsonl"
RECALL_TARGET = 0.9
FALSE_FLAG_TARGET = 0.1


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def evaluate(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Score the checklist on labelled records; returns the figures as a dict."""
    per: dict[str, dict[str, int]] = {c: {"tp": 0, "fp": 0, "fn": 0, "tn": 0} for c in CHECK_IDS}
    misses: list[dict[str, str]] = []
    false_flags: list[dict[str, str]] = []
    errors: list[dict[str, str]] = []
    timings: list[float] = []
    n = 0
    for rec in records:
        n += 1
        rid = str(rec.get("id"))
        try:
            started = time.perf_counter()
            result = check_draft(
                rec["text"],
                rec["kind"],
                rec.get("program_contacted_first") or "unknown",
                rec.get("phase") or "during-soap",
                applied=rec.get("applied_to_program") or "unknown",
            )
            timings.append(time.perf_counter() - started)
        except (DraftError, KeyError) as exc:
            errors.append({"id": rid, "error": str(exc)})
            continue
        by_check: dict[str, Any] = {}
        for f in result.findings:
            if f.flagged and f.check not in by_check:
                by_check[f.check] = f
        for check in rec.get("expect_flags", []):
            counts = per.setdefault(check, {"tp": 0, "fp": 0, "fn": 0, "tn": 0})
            if check in by_check:
                counts["tp"] += 1
            else:
                counts["fn"] += 1
                info = next((f for f in result.findings if f.check == check), None)
                misses.append(
                    {
                        "id": rid,
                        "check": check,
                        "got": info.severity if info else ("passed" if check in result.passed else "not applicable"),
                        "note": rec.get("notes", ""),
                    }
                )
        for check in rec.get("expect_clean", []):
            counts = per.setdefault(check, {"tp": 0, "fp": 0, "fn": 0, "tn": 0})
            if check in by_check:
                counts["fp"] += 1
                f = by_check[check]
                false_flags.append(
                    {"id": rid, "check": check, "severity": f.severity, "evidence": f.evidence, "advice": f.advice}
                )
            else:
                counts["tn"] += 1
    tp = sum(c["tp"] for c in per.values())
    fn = sum(c["fn"] for c in per.values())
    fp = sum(c["fp"] for c in per.values())
    tn = sum(c["tn"] for c in per.values())
    recall = _ratio(tp, tp + fn)
    false_flag_rate = _ratio(fp, fp + tn)
    checks = {
        check: {
            "precision": _ratio(c["tp"], c["tp"] + c["fp"]),
            "recall": _ratio(c["tp"], c["tp"] + c["fn"]),
            "support": c["tp"] + c["fn"],
            "false_flags": c["fp"],
            "clean_support": c["fp"] + c["tn"],
        }
        for check, c in per.items()
    }
    timings.sort()
    return {
        "drafts": n,
        "recall": recall,
        "false_flag_rate": false_flag_rate,
        "expected_flags": tp + fn,
        "expected_clean": fp + tn,
        "meets_targets": (recall is None or recall >= RECALL_TARGET)
        and (false_flag_rate is None or false_flag_rate <= FALSE_FLAG_TARGET),
        "checks": checks,
        "misses": misses,
        "false_flags": false_flags,
        "errors": errors,
        "max_ms": round(timings[-1] * 1000, 1) if timings else None,
        "median_ms": round(timings[len(timings) // 2] * 1000, 1) if timings else None,
    }


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.2f}"


def print_report(report: dict[str, Any], path: Path) -> None:
    print(f"Critique checklist on {path} ({report['drafts']} drafts)")
    print(f"{'check':<22}{'precision':>10}{'recall':>8}{'support':>9}{'false':>7}{'clean':>7}")
    for check, c in report["checks"].items():
        print(
            f"{check:<22}{_fmt(c['precision']):>10}{_fmt(c['recall']):>8}{c['support']:>9}"
            f"{c['false_flags']:>7}{c['clean_support']:>7}"
        )
    print()
    print(
        f"overall recall {_fmt(report['recall'])} over {report['expected_flags']} expected flags "
        f"(target >= {RECALL_TARGET})"
    )
    print(
        f"false-flag rate {_fmt(report['false_flag_rate'])} over {report['expected_clean']} expected-clean checks "
        f"(target <= {FALSE_FLAG_TARGET})"
    )
    print(f"timing: median {report['median_ms']} ms, max {report['max_ms']} ms per draft (first includes loading)")
    if report["misses"]:
        print("\nMisses (expected flag not raised):")
        for m in report["misses"]:
            print(f"  {m['id']}: {m['check']} ({m['got']})")
    if report["false_flags"]:
        print("\nFalse flags (expected clean):")
        for f in report["false_flags"]:
            print(f"  {f['id']}: {f['check']} [{f['severity']}] evidence={f['evidence']!r}")
    if report["errors"]:
        print("\nErrors:")
        for e in report["errors"]:
            print(f"  {e['id']}: {e['error']}")
    print("\nmeets targets" if report["meets_targets"] else "\nBELOW TARGET")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET, help="labelled drafts (JSONL)")
    parser.add_argument("--half", choices=("tune", "blind"), help="a half of the project's draft sets (bench/data)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    if args.half:
        args.devset = half_name("drafts", args.half)
    elif not args.devset.is_file():
        print(f"No labelled drafts at {args.devset}; pass --devset PATH.", file=sys.stderr)
        return 2
    try:
        records = load_half("drafts", args.half) if args.half else load_records(args.devset)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(f"Cannot read {args.devset}: {exc}", file=sys.stderr)
        return 2
    report = evaluate(records)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print_report(report, args.devset)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
