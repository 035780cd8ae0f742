"""A quick run of the load benchmark (bench/load_test.py): ten students at once, offline, no errors.

Only correctness is asserted (every interaction answered, nothing Discord would refuse, no
error logged); the timings are the benchmark's business, not a test's.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from bot.core.services import Services

BENCH = Path(__file__).resolve().parents[2] / "bench" / "load_test.py"


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("load_test", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


async def test_ten_students_at_once_get_every_reply(services: Services) -> None:
    report = await load_bench().run(services, 10, timeout=60)
    assert report.errors == []
    assert len(report.all_acks) == 40  # /ask, /critique form and submit, /interview start for each
    assert len(report.done_s["interview: feedback + next question"]) == 20
