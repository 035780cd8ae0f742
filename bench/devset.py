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
