"""Files the console writes for the student: its input history and saved interview summaries.

They live under DATA_DIR (``console_history``, ``exports/``) unless the student types another
path; a file written elsewhere is recorded in ``console_files.json`` so that ``/privacy`` lists
it and ``/privacy delete`` removes it with everything else.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from bot.terminal.lines import history_path

EXPORTS = "exports"
ELSEWHERE = "console_files.json"


def exports_dir(data_dir: Path) -> Path:
    return data_dir / EXPORTS


def target_path(data_dir: Path, typed: str, default_name: str) -> Path:
    """Where to write: ``y`` (or ``yes``) means ``exports/<default_name>``; a bare file name goes
    into ``exports/`` too; anything with a folder in it (``~/x.txt``, ``./x.txt``, ``/tmp/x``)
    is taken as typed (relative to the current folder)."""
    typed = typed.strip()
    if typed.lower() in ("y", "yes"):
        return exports_dir(data_dir) / default_name
    path = Path(typed).expanduser()
    if len(Path(typed).parts) == 1 and not typed.startswith(("~", ".")):
        return exports_dir(data_dir) / typed
    return path.resolve()


def _elsewhere(data_dir: Path) -> list[str]:
    try:
        data = json.loads((data_dir / ELSEWHERE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [p for p in data if isinstance(p, str)] if isinstance(data, list) else []


def write_private_file(data_dir: Path, path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` (readable by its owner only) and remember it when it is
    outside DATA_DIR. Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    path = path.resolve()
    if not path.is_relative_to(data_dir.resolve()):
        known = _elsewhere(data_dir)
        if str(path) not in known:
            (data_dir / ELSEWHERE).write_text(json.dumps([*known, str(path)], indent=1), encoding="utf-8")
    return path


def console_files(data_dir: Path) -> list[Path]:
    """Every file the console wrote that still exists: history, exports, files saved elsewhere."""
    found = [history_path(data_dir)]
    if exports_dir(data_dir).is_dir():
        found += sorted(p for p in exports_dir(data_dir).rglob("*") if p.is_file())
    found += [Path(p) for p in _elsewhere(data_dir)]
    return [p for p in found if p.is_file() and p.stat().st_size]


def delete_console_files(data_dir: Path) -> list[Path]:
    """Remove every file :func:`console_files` lists (and the record of files saved elsewhere)."""
    deleted = []
    for path in console_files(data_dir):
        with contextlib.suppress(OSError):
            path.unlink()
            deleted.append(path)
    with contextlib.suppress(OSError):
        (data_dir / ELSEWHERE).unlink()
    return deleted
