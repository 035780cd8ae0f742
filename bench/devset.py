"""Shared by the devset evaluation scripts: where the labelled sets live and how to read them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

#: The labelled development sets sit next to the repository, in shared/devset/.
DEVSET_DIR = Path(__file__).resolve().parents[2] / "shared" / "devset"


def load_records(path: Path) -> list[dict[str, Any]]:
    """The JSONL records of ``path``; a record without an id gets "line<N>"."""
    records = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path.name} line {n}: not JSON ({exc.msg})") from None
        rec.setdefault("id", f"line{n}")
        records.append(rec)
    return records


#: The project's own labelled sets, written by people who had not read the code.
BENCH_DATA = Path(__file__).resolve().parent / "data"


def half_paths(kind: str, half: str) -> list[Path]:
    """The files of one half of a project set (``kind`` is questions, drafts, answers ...).

    The tuning half is every ``<kind>_tune*.jsonl``: ``_tune`` and the earlier blind sets, each
    judged once and reported, then moved to tuning (``_tune2`` ...). The blind half is
    ``<kind>_blind.jsonl``, the newest set, never tuned on."""
    if half == "tune":
        return sorted(BENCH_DATA.glob(f"{kind}_tune*.jsonl"))
    return [BENCH_DATA / f"{kind}_{half}.jsonl"]


def half_name(kind: str, half: str) -> Path:
    """How a half is named in a report: ``<kind>_tune*.jsonl`` or ``<kind>_blind.jsonl``."""
    return BENCH_DATA / f"{kind}_{half}{'*' if half == 'tune' else ''}.jsonl"


def load_half(kind: str, half: str) -> list[dict[str, Any]]:
    return [record for path in half_paths(kind, half) for record in load_records(path)]
