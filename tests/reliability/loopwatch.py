"""Find event-loop callbacks that run too long (a handler blocking the loop).

:class:`LoopWatchdog` wraps ``asyncio.Handle._run`` -- every callback the loop runs, task
steps included -- and records the callbacks whose time *on the loop* reached a threshold.

Robust on a busy machine: the time a callback spends waiting for a CPU (the thread was
runnable but another process ran) is read from Linux's per-thread scheduler statistics and
subtracted, and so is time spent in the garbage collector, so what is measured is the
callback's own work plus any blocking call it made (file or database I/O, ``time.sleep``,
waiting for a lock). Elsewhere the wall-clock time is used as is.
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

_SCHEDSTAT = "/proc/thread-self/schedstat"


@dataclass(frozen=True)
class SlowCallback:
    what: str  # the task (with the await it stopped at) or the callback
    on_loop_s: float
    wall_s: float
    cpu_s: float
    where: list[str] = field(default_factory=list)  # project frames seen while it ran (innermost last)

    def __str__(self) -> str:
        head = f"{self.on_loop_s * 1000:.0f} ms on the loop (cpu {self.cpu_s * 1000:.0f} ms): {self.what}"
        return "\n      ".join([head, *self.where])


class LoopWatchdog:
    """``with LoopWatchdog(0.1) as dog: ...`` then ``dog.slow`` lists offending callbacks.

    Only callbacks run in the thread that entered the watchdog are measured. ``longest`` is
    the longest on-loop time seen, whatever the threshold.
    """

    def __init__(self, threshold_s: float = 0.1) -> None:
        self.threshold_s = threshold_s
        self.slow: list[SlowCallback] = []
        self.longest_s = 0.0
        self.callbacks = 0
        self._thread = 0
        self._fd: int | None = None
        self._gc_started = 0.0
        self._gc_total = 0.0
        self._original: Any = None
        self._running_since: float | None = None
        self._sample: list[str] = []
        self._stop = threading.Event()
        self._sampler: threading.Thread | None = None

    # ----- measuring -------------------------------------------------------------------------

    def _runqueue_wait(self) -> float:
        """Seconds this thread spent runnable but waiting for a CPU, since it started."""
        if self._fd is None:
            return 0.0
        try:
            fields = os.pread(self._fd, 64, 0).split()
            return int(fields[1]) / 1e9
        except (OSError, IndexError, ValueError):
            return 0.0

    def _on_gc(self, phase: str, info: dict[str, Any]) -> None:
        if threading.get_ident() != self._thread:
            return
        if phase == "start":
            self._gc_started = time.perf_counter()
        elif self._gc_started:
            self._gc_total += time.perf_counter() - self._gc_started
            self._gc_started = 0.0

    def _sample_stacks(self) -> None:
        """While a callback runs long, note where it is (project frames only) for the report."""
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        while not self._stop.wait(self.threshold_s / 4):
            since = self._running_since
            if since is None or self._sample or time.perf_counter() - since < self.threshold_s / 2:
                continue
            frame = sys._current_frames().get(self._thread)
            if frame is None:
                continue
            frames = [
                f"{os.path.relpath(f.filename, root)}:{f.lineno} {f.name}"
                for f in traceback.extract_stack(frame)
                if f.filename.startswith(root)
                and "/.venv/" not in f.filename
                and "/tests/reliability/" not in f.filename
            ]
            if self._running_since == since:
                self._sample = frames[-4:] or ["(no project frame: a library call)"]

    def _describe(self, handle: asyncio.Handle) -> str:
        try:
            from asyncio.base_events import _format_handle  # type: ignore[attr-defined]

            return str(_format_handle(handle))
        except Exception:  # noqa: BLE001 - diagnostics only
            return repr(handle)

    # ----- installing ------------------------------------------------------------------------

    def __enter__(self) -> LoopWatchdog:
        self._thread = threading.get_ident()
        try:
            self._fd = os.open(_SCHEDSTAT, os.O_RDONLY)
        except OSError:
            self._fd = None
        original = asyncio.events.Handle._run
        self._original = original
        dog = self

        def _run(handle: asyncio.Handle) -> None:
            if threading.get_ident() != dog._thread:
                return original(handle)
            wall0, cpu0, wait0, gc0 = time.perf_counter(), time.thread_time(), dog._runqueue_wait(), dog._gc_total
            dog._sample = []
            dog._running_since = wall0
            try:
                return original(handle)
            finally:
                dog._running_since = None
                wall = time.perf_counter() - wall0
                dog.callbacks += 1
                if wall >= min(dog.longest_s, dog.threshold_s):  # else neither a new longest nor slow
                    on_loop = wall - (dog._runqueue_wait() - wait0) - (dog._gc_total - gc0)
                    dog.longest_s = max(dog.longest_s, on_loop)
                    if on_loop >= dog.threshold_s:
                        cpu = time.thread_time() - cpu0
                        dog.slow.append(SlowCallback(dog._describe(handle), on_loop, wall, cpu, list(dog._sample)))

        asyncio.events.Handle._run = _run  # type: ignore[method-assign]
        gc.callbacks.append(self._on_gc)
        self._stop.clear()
        self._sampler = threading.Thread(target=self._sample_stacks, name="loop-watchdog", daemon=True)
        self._sampler.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        asyncio.events.Handle._run = self._original  # type: ignore[method-assign]
        self._stop.set()
        if self._sampler is not None:
            self._sampler.join()
        if self._on_gc in gc.callbacks:
            gc.callbacks.remove(self._on_gc)
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def report(self) -> str:
        lines = [f"{len(self.slow)} callback(s) held the event loop for {self.threshold_s * 1000:.0f} ms or more:"]
        lines += [f"  - {s}" for s in sorted(self.slow, key=lambda s: -s.on_loop_s)]
        return "\n".join(lines)
