"""Load test: many students at once, through the Discord emulator (docs/contracts.md, section 8).

    python bench/load_test.py [--students 50] [--mode offline|llm|both] [--latency 1 3] [--json]

The real bot (``SoapBot`` and every service) runs against the local Discord emulator. Each
simulated student does, in a random order: ``/ask``; ``/critique`` (the form opens, the draft is
submitted); ``/interview start`` and two answers in DMs. All students start at once. In
``llm`` mode the bot talks to the fake OpenAI server, which takes ``--latency`` seconds
(uniformly random) per completion.

Prints interaction acknowledgement p50/p99 (target: p99 under 250 ms), completion times,
errors, peak memory and the longest event-loop callback. The emulator and the fake LLM run
in the same process and on the same event loop as the bot, so every figure includes their
work too. Exits 1 only when something went wrong (an interaction not answered, a request
Discord would refuse, an error reply, an error logged), never because of a timing.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import random
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.client import SoapBot  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.core.services import Services, build_services  # noqa: E402
from bot.logs import configure_logging  # noqa: E402
from tests.cogs.test_critique import COLD_EMAIL, GOOD_REPLY  # noqa: E402
from tests.cogs.test_interview import ANSWER, question_messages  # noqa: E402
from tests.cogs.test_rehearse import STRONG_ANSWER, WEAK_ANSWER  # noqa: E402
from tests.reliability.actions import coach_reply  # noqa: E402
from tests.reliability.loopwatch import LoopWatchdog  # noqa: E402
from tests.support.discord_emulator import DiscordEmulator, FakeGuild, FakeInteraction, FakeUser  # noqa: E402
from tests.support.fake_openai import FakeOpenAI  # noqa: E402

QUESTIONS = [
    "How many programs can I apply to in SOAP?",
    "Can my dean call a program director for me during SOAP?",
    "When do SOAP offer rounds happen?",
    "Should I email a coordinator to express interest during SOAP?",
    "What happens if I reject a SOAP offer?",
    "How do I prepare for a SOAP phone interview?",
]
DRAFTS = [COLD_EMAIL, GOOD_REPLY]
ANSWERS = [ANSWER, WEAK_ANSWER, STRONG_ANSWER]
ACK_TARGET_MS = 250.0

ACK_KINDS = ("/ask", "/critique (opens the form)", "critique form submitted", "/interview start")
DONE_KINDS = (
    "/ask answer",
    "critique checklist",
    "interview: first question in DMs",
    "interview: feedback + next question",
)


@dataclass
class Report:
    mode: str
    students: int
    acks_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    done_s: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    fallbacks: int = 0
    llm_completions: int = 0
    llm_max_in_flight: int = 0
    llm_cap: int | None = None
    longest_callback_ms: float = 0.0
    slow_callbacks: list[str] = field(default_factory=list)
    peak_rss_mb: float = 0.0
    wall_s: float = 0.0

    @property
    def all_acks(self) -> list[float]:
        return [ms for values in self.acks_ms.values() for ms in values]

    def to_json(self) -> dict[str, Any]:
        acks = self.all_acks
        return {
            "mode": self.mode,
            "students": self.students,
            "ack_ms": {"count": len(acks), **_summary(acks)},
            "ack_ms_by_kind": {k: _summary(v) for k, v in self.acks_ms.items()},
            "completion_s": {k: {"count": len(v), **_summary(v)} for k, v in self.done_s.items()},
            "errors": self.errors,
            "llm": {
                "completions": self.llm_completions,
                "max_in_flight": self.llm_max_in_flight,
                "cap": self.llm_cap,
                "offline_fallbacks": self.fallbacks,
            },
            "longest_event_loop_callback_ms": round(self.longest_callback_ms, 1),
            "slow_event_loop_callbacks": self.slow_callbacks,
            "peak_rss_mb": round(self.peak_rss_mb),
            "wall_s": round(self.wall_s, 1),
        }


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def _summary(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    return {
        "p50": round(statistics.median(values), 3),
        "p99": round(_percentile(values, 99), 3),
        "max": round(max(values), 3),
    }


# ----- what one student does -------------------------------------------------------------------


class Student:
    def __init__(self, emu: DiscordEmulator, guild: FakeGuild, user: FakeUser, report: Report, timeout: float) -> None:
        self.emu, self.guild, self.user, self.report, self.timeout = emu, guild, user, report, timeout

    def _check(self, ix: FakeInteraction, what: str) -> None:
        if ix.late_callbacks:
            self.report.errors.append(f"{what}: acknowledged after Discord's deadline (10062) {ix.describe()}")
        for rejected in ix.rejected:
            self.report.errors.append(
                f"{what}: Discord would refuse {rejected.method} {rejected.path} ({rejected.status})"
            )
        if "went wrong" in ix.text:
            self.report.errors.append(f"{what}: error reply for {self.user.username}")
        if "unavailable" in ix.text or "answered offline" in ix.text:
            self.report.fallbacks += 1

    async def _until(self, ix: FakeInteraction, predicate: Callable[[], bool], what: str) -> None:
        await ix._wait(predicate, self.timeout, what)  # event-driven: woken by every change to ix

    async def _until_dm(self, predicate: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + self.timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError(f"{what} for {self.user.username}")
            await asyncio.sleep(0.05)

    def _questions(self) -> int:
        return len(question_messages(self.emu.dm_messages(self.user)))

    async def ask(self, rng: random.Random) -> None:
        started = time.perf_counter()
        ix = await self.emu.slash(self.user, "ask", {"question": rng.choice(QUESTIONS)}, guild=self.guild)
        await self._until(ix, lambda: ix.done and bool(ix.messages) and "Writing…" not in ix.text, "no answer")
        self.report.done_s["/ask answer"].append(time.perf_counter() - started)
        self.report.acks_ms["/ask"].append(ix.ack_ms or 0.0)
        self._check(ix, "/ask")

    async def critique(self, rng: random.Random) -> None:
        form = await self.emu.slash(self.user, "critique", {"phase": "during-soap"}, guild=self.guild)
        await form.wait_ack(self.timeout)
        self.report.acks_ms["/critique (opens the form)"].append(form.ack_ms or 0.0)
        self._check(form, "/critique")
        started = time.perf_counter()
        values = {
            "What kind of message is it?": ["coordinator-email"],
            "Did the program contact you first?": [rng.choice(["yes", "no"])],
            "Your draft": rng.choice(DRAFTS),
        }
        submit = await self.emu.submit_modal(self.user, form, values)
        await submit.wait_done(self.timeout)
        self.report.done_s["critique checklist"].append(time.perf_counter() - started)
        self.report.acks_ms["critique form submitted"].append(submit.ack_ms or 0.0)
        self._check(submit, "critique submit")
        if "Draft check" not in submit.text:
            self.report.errors.append(f"critique submit: no checklist for {self.user.username}")

    async def interview(self, rng: random.Random) -> None:
        started = time.perf_counter()
        ix = await self.emu.slash(self.user, "interview start", {"length": "short"}, guild=self.guild)
        await ix.wait_done(self.timeout)
        self.report.acks_ms["/interview start"].append(ix.ack_ms or 0.0)
        self._check(ix, "/interview start")
        await self._until_dm(lambda: self._questions() >= 1, "no first question")
        self.report.done_s["interview: first question in DMs"].append(time.perf_counter() - started)
        for answer in rng.sample(ANSWERS, 2):
            asked = self._questions()
            sent = time.perf_counter()
            await self.emu.send_dm(self.user, answer)
            await self._until_dm(lambda asked=asked: self._questions() > asked, "no next question")  # type: ignore[misc]
            self.report.done_s["interview: feedback + next question"].append(time.perf_counter() - sent)
        feedback = [m for m in self.emu.dm_messages(self.user) if "Feedback" in m.text]
        if len(feedback) != 2:
            self.report.errors.append(
                f"interview: {len(feedback)} feedback messages for 2 answers ({self.user.username})"
            )
        self.report.fallbacks += sum("AI review unavailable" in m.text for m in feedback)

    async def run(self, seed: int) -> None:
        rng = random.Random(seed)
        flows = [self.ask, self.critique, self.interview]
        rng.shuffle(flows)
        for flow in flows:
            try:
                await flow(rng)
            except Exception as exc:  # noqa: BLE001 - counted and reported
                self.report.errors.append(f"{flow.__name__} ({self.user.username}): {type(exc).__name__}: {exc}"[:400])


# ----- one run --------------------------------------------------------------------------------


class _ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("tests."):
            self.records.append(f"{record.name}: {record.getMessage()}"[:300])


class _PeakMemory:
    """Samples this process's resident memory every 50 ms in a thread."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        try:
            import psutil

            process = psutil.Process()
            while not self._stop.wait(0.05):
                self.peak = max(self.peak, process.memory_info().rss)
        except ImportError:
            pass

    def __enter__(self) -> _PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        if not self.peak:  # no psutil: the peak over the whole process life (KiB on Linux)
            self.peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


async def run(
    services: Services,
    students: int,
    *,
    mode: str = "offline",
    timeout: float = 120.0,
    seed: int = 7,
    fake: FakeOpenAI | None = None,
    slow_ms: float = 100.0,
) -> Report:
    """Drive ``students`` simulated students at once through the real bot; returns the figures."""
    report = Report(mode=mode, students=students, llm_cap=services.settings.llm_max_concurrency if fake else None)
    errors = _ErrorCounter()
    logging.getLogger().addHandler(errors)
    emu = DiscordEmulator()
    await emu.start()
    try:
        guild = emu.add_guild(name="SOAP Cohort")
        users = [emu.add_member(guild.id, username=f"student{i:03d}") for i in range(students)]
        bot = SoapBot(services, guild_ready_timeout=0.05)
        async with emu.run_bot(bot, timeout=60):
            with _PeakMemory() as memory, LoopWatchdog(slow_ms / 1000) as loop:
                started = time.perf_counter()
                crowd = [
                    Student(emu, guild, user, report, timeout).run(seed * 1000 + i) for i, user in enumerate(users)
                ]
                await asyncio.gather(*crowd)
                report.wall_s = time.perf_counter() - started
            report.peak_rss_mb = memory.peak / 2**20
            report.longest_callback_ms = loop.longest_s * 1000
            report.slow_callbacks = [str(slow) for slow in loop.slow]
    finally:
        logging.getLogger().removeHandler(errors)
        await emu.stop()
    refused = [r for r in emu.requests if r.status is not None and r.status >= 400 and r.status != 429]
    report.errors += [
        f"Discord refused {r.method} {r.path}: {r.status} {json.dumps(r.response)[:200]}" for r in refused
    ]
    report.errors += [f"unknown Discord route {route}" for route in emu.unknown_routes]
    report.errors += [f"message would ping @everyone: {m!r}" for m in emu.everyone_pings()]
    report.errors += [f"logged error: {line}" for line in errors.records]
    if fake is not None:
        report.llm_completions = len(fake.chat_requests())
        report.llm_max_in_flight = fake.max_in_flight
    return report


# ----- the command ------------------------------------------------------------------------------


def _settings(data_dir: Path, **overrides: Any) -> Any:
    base = {
        "openai_api_key": None,
        "openai_base_url": None,
        "chroma_host": None,
        "discord_token": None,
        "dev_guild_id": None,
        "default_guild_daily_token_budget": 10**9,  # measure the bot, not the budget
        "default_user_hourly_llm_limit": 1000,
    }
    return load_settings(env_file=None, data_dir=data_dir, **{**base, **overrides})


async def _run_mode(mode: str, args: argparse.Namespace, index_dir: Path, embedder: Any) -> Report:
    with tempfile.TemporaryDirectory(prefix=f"soap-load-{mode}-") as tmp:
        data_dir = Path(tmp)
        shutil.copytree(index_dir, data_dir / "index")
        fake: FakeOpenAI | None = None
        overrides: dict[str, Any] = {}
        if mode == "llm":
            fake = FakeOpenAI(seed=args.seed)
            await fake.start()
            fake.reply = coach_reply
            fake.latency = (args.latency[0], args.latency[1])
            overrides = {"openai_base_url": fake.base_url, "openai_api_key": "sk-load-test"}
            if args.llm_concurrency:
                overrides["llm_max_concurrency"] = args.llm_concurrency
        services = await build_services(_settings(data_dir, **overrides), embedder=embedder)
        try:
            timeout = args.timeout or (60.0 if mode == "offline" else 600.0)
            return await run(
                services, args.students, mode=mode, timeout=timeout, seed=args.seed, fake=fake, slow_ms=args.slow_ms
            )
        finally:
            await services.close()
            if fake is not None:
                await fake.stop()


def _print(report: Report) -> None:
    def line(label: str, values: list[float], unit: str, scale: float = 1.0, digits: int = 0) -> str:
        s = _summary([v * scale for v in values])
        if not s:
            return f"  {label:<38} -"
        fmt = f"{{:.{digits}f}}"
        return (
            f"  {label:<38} {len(values):>4}   p50 {fmt.format(s['p50'])} {unit}   "
            f"p99 {fmt.format(s['p99'])} {unit}   max {fmt.format(s['max'])} {unit}"
        )

    acks = report.all_acks
    title = "offline" if report.mode == "offline" else "AI mode against the fake LLM"
    print(f"\n== {report.students} students at once, {title} ==")
    verdict = "meets" if acks and _percentile(acks, 99) < ACK_TARGET_MS else "MISSES"
    print(f"interaction acknowledgement ({verdict} the p99 < {ACK_TARGET_MS:.0f} ms target)")
    print(line("all interactions", acks, "ms"))
    for kind in ACK_KINDS:
        print(line(kind, report.acks_ms.get(kind, []), "ms"))
    print("completion time")
    for kind in DONE_KINDS:
        print(line(kind, report.done_s.get(kind, []), "s", digits=2))
    if report.llm_cap is not None:
        print(
            f"LLM: {report.llm_completions} completions, at most {report.llm_max_in_flight} in flight "
            f"(cap {report.llm_cap}); {report.fallbacks} replies fell back to offline"
        )
    print(
        f"peak memory (RSS, bot + emulator + fake LLM in one process): {report.peak_rss_mb:.0f} MB; "
        f"longest event-loop callback: {report.longest_callback_ms:.0f} ms "
        f"({len(report.slow_callbacks)} over the --slow-ms limit); wall time {report.wall_s:.1f} s"
    )
    for slow in report.slow_callbacks[:5]:
        print(f"  - {slow}")
    print(f"errors: {len(report.errors)}")
    for error in report.errors[:20]:
        print(f"  - {error}")


async def _main(args: argparse.Namespace) -> int:
    from bot.core.base.embeddings import LocalMiniLM

    embedder = LocalMiniLM()
    modes = ["offline", "llm"] if args.mode == "both" else [args.mode]
    with tempfile.TemporaryDirectory(prefix="soap-load-index-") as tmp:
        seed = REPO / "data" / "index"
        if seed.is_dir():
            shutil.copytree(seed, Path(tmp) / "index")
        services = await build_services(_settings(Path(tmp)), embedder=embedder)
        try:
            print("preparing the knowledge index ...", file=sys.stderr)
            await services.ensure_index()
        finally:
            await services.close()
        reports = [await _run_mode(mode, args, Path(tmp) / "index", embedder) for mode in modes]
    if args.json:
        print(json.dumps({"reports": [r.to_json() for r in reports]}, indent=1))
    else:
        for report in reports:
            _print(report)
    return 1 if any(r.errors for r in reports) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=50, help="simulated students at once (default 50)")
    parser.add_argument("--mode", choices=("offline", "llm", "both"), default="both")
    parser.add_argument("--latency", type=float, nargs=2, default=(1.0, 3.0), metavar=("LOW", "HIGH"),
                        help="seconds per completion of the fake LLM (default 1 3)")  # fmt: skip
    parser.add_argument("--llm-concurrency", type=int, default=None, help="LLM_MAX_CONCURRENCY (default: settings)")
    parser.add_argument("--timeout", type=float, default=None, help="seconds to wait for any one reply")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--slow-ms", type=float, default=100.0, help="list event-loop callbacks this long (default 100)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    configure_logging("WARNING")
    logging.getLogger("tests").setLevel(logging.ERROR)  # the emulator's own notes are not the bot's
    with contextlib.suppress(KeyboardInterrupt):
        return asyncio.run(_main(args))
    return 130


if __name__ == "__main__":
    raise SystemExit(main())
