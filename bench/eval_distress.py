"""How well the distress screen tells crisis, distress and ordinary text apart.

    python bench/eval_distress.py                # the tuning half
    python bench/eval_distress.py --half blind   # the blind half (figures only, never texts)
    python bench/eval_distress.py --half both --json

The sets (``bench/data/distress_tune*.jsonl`` and ``distress_blind.jsonl``) were written by
people who had not seen the screen or its training data. ``distress_tune2`` onwards were
blind sets in turn: each judged once (README, Quality), then used for tuning before the next was
written; ``distress_blind.jsonl`` is the newest and was never trained on.
The classifier
is trained on its own labelled file and the tuning half (``scripts/train_classifiers.py``),
never on the blind half, so tuning-half figures are optimistic and blind-half figures are
the ones to trust.

Figures, per message:
- crisis recall: crisis messages that get the crisis reply;
- crisis care: crisis messages that get resources at all (the crisis reply or the check-in);
- distress recall: distress messages that get resources (the check-in or the crisis reply);
- false alarms: ordinary messages (hard negatives and everyday text) that get either;
- crisis false alarms: ordinary messages that get the crisis reply instead of their answer;
- everyday false alarms: the same half of the project's other sets (questions, drafts,
  interview answers; wellbeing questions left out) and, for the blind half, ordinary messages in
  casual registers (``ordinary_casual_blind.jsonl``) that get the check-in or the crisis reply,
  and those given the crisis reply (their answer replaced by it).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.devset import load_half  # noqa: E402
from bot.core.base.embeddings import LocalMiniLM  # noqa: E402
from bot.core.screen import DistressScreen  # noqa: E402

DATA = ROOT / "bench" / "data"
TARGETS = {"crisis_recall": 0.98, "distress_recall": 0.90, "false_alarms": 0.03}


def load(half: str) -> list[dict]:
    """The tuning half is ``distress_tune*.jsonl`` (``tune2`` onwards were blind sets, each
    judged once and reported, then used for tuning); the blind half is ``distress_blind.jsonl``,
    written later by another writer, never trained on."""
    return load_half("distress", half)


def score(screen: DistressScreen, items: list[dict], show_misses: bool) -> dict:
    tiers = []
    someone_else = 0
    started = time.perf_counter()
    for item in items:
        result = screen.check(item["text"])
        tiers.append(result.tier)
        someone_else += item["label"] == "none" and result.someone_else
    seconds = time.perf_counter() - started
    by_label: dict[str, list[str]] = defaultdict(list)
    shapes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for item, tier in zip(items, tiers, strict=True):
        by_label[item["label"]].append(tier)
        shapes[(item["label"], item.get("shape", ""))][tier] += 1

    def share(label: str, accepted: tuple[str, ...]) -> float:
        values = by_label[label]
        return sum(t in accepted for t in values) / max(len(values), 1)

    result = {
        "messages": len(items),
        "crisis": len(by_label["crisis"]),
        "distress": len(by_label["distress"]),
        "ordinary": len(by_label["none"]),
        "crisis_recall": share("crisis", ("crisis",)),
        "crisis_care": share("crisis", ("crisis", "distress")),
        "distress_recall": share("distress", ("crisis", "distress")),
        "false_alarms": share("none", ("crisis", "distress")),
        "crisis_false_alarms": share("none", ("crisis",)),
        # ordinary messages (reports of someone else in danger, by design) given what to do for them
        "someone_else_replies": someone_else / max(len(by_label["none"]), 1),
        "ms_per_message": 1000 * seconds / max(len(items), 1),
        "by_shape": {f"{label}/{shape}": dict(counts) for (label, shape), counts in sorted(shapes.items())},
    }
    if show_misses:
        result["misses"] = [
            {"label": item["label"], "tier": tier, "text": item["text"][:160]}
            for item, tier in zip(items, tiers, strict=True)
            if (item["label"] == "none") != (tier == "none")
        ]
    return result


def everyday(screen: DistressScreen, half: str) -> dict[str, float]:
    """False alarms on everyday text of ``half``: the question, draft and answer sets."""
    out = {}
    sets = {"questions": "question", "drafts": "text", "answers": "text"}
    if half == "blind":
        sets["ordinary_casual"] = "text"
    for name, field in sets.items():
        path = DATA / f"{name}_{half}.jsonl"
        if not path.exists():
            continue
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts = [r[field] for r in rows if r.get("topic") != "wellbeing-safety"]
        tiers = [screen.check(t).tier for t in texts]
        out[name] = sum(t != "none" for t in tiers) / max(len(texts), 1)
        out[f"{name}_crisis"] = sum(t == "crisis" for t in tiers) / max(len(texts), 1)
        out[f"{name}_n"] = len(texts)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("tune", "blind", "both"), default="tune")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--misses", action="store_true", help="list what the tuning half got wrong")
    args = parser.parse_args()
    screen = DistressScreen.default(LocalMiniLM())
    halves = ("tune", "blind") if args.half == "both" else (args.half,)
    results = {h: score(screen, load(h), args.misses and h == "tune") for h in halves}
    for h in halves:
        if h != "tune":
            # the blind half's shape tags and what each got say too much about its messages
            del results[h]["by_shape"]
    for h in halves:
        results[h]["everyday_false_alarms"] = everyday(screen, h)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for half, r in results.items():
        print(f"== {half} half: {r['crisis']} crisis, {r['distress']} distress, {r['ordinary']} ordinary messages")
        for key, target in TARGETS.items():
            ok = r[key] <= target if key == "false_alarms" else r[key] >= target
            print(
                f"  {key.replace('_', ' '):22s} {r[key]:.3f}  (target {'<=' if key == 'false_alarms' else '>='} {target}) {'ok' if ok else 'BELOW TARGET'}"
            )
        print(f"  {'crisis care':22s} {r['crisis_care']:.3f}  (crisis messages that get resources at all)")
        print(
            f"  {'crisis false alarms':22s} {r['crisis_false_alarms']:.3f}  (ordinary messages given the crisis reply)"
        )
        print(
            f"  {'someone else in danger':22s} {r['someone_else_replies']:.3f}  (ordinary messages given what to do "
            "for someone they know, counted in the false alarms)"
        )
        print(f"  {r['ms_per_message']:.1f} ms per message (local layers)")
        daily = r["everyday_false_alarms"]
        names = [k for k in daily if not k.endswith(("_n", "_crisis"))]
        shown = ", ".join(f"{k} {daily[k]:.3f} of {daily[k + '_n']}" for k in names)
        print(f"  everyday false alarms: {shown}")
        shown = ", ".join(f"{k} {daily[k + '_crisis']:.3f}" for k in names)
        print(f"  ... given the crisis reply: {shown}")
        if "by_shape" in r:
            for shape, counts in r["by_shape"].items():
                print(f"    {shape:34s} {dict(counts)}")
        for miss in r.get("misses", []):
            print(f"  miss [{miss['label']} -> {miss['tier']}] {miss['text']!r}")


if __name__ == "__main__":
    main()
