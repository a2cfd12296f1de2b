"""What one article may cost in extraction: a time and a memory budget.

An article over budget is stopped and reported (its error names the budget),
and the batch goes on. In a process's main thread (one process, or each
`--workers` process) a timer ticks every `tick` seconds and stops the article
wherever it is, inside a component or the parser; elsewhere (a thread of a
server or of a Dask worker) the budget is checked between pipeline
components. Memory is the growth of the process's resident set since the
article started, checked at the same points.

`OverBudget` derives from BaseException, like KeyboardInterrupt, so a
component's own `except Exception` cannot swallow it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

DEFAULT_SECONDS = 120.0  # a 1M-character article should take well under this (issue 20: <= 60 s)
DEFAULT_MEMORY_MB = 2048  # growth of the process while it extracts one article
ENV_SECONDS = "SUCESOS_ARTICLE_SECONDS"
ENV_MEMORY_MB = "SUCESOS_ARTICLE_MB"


class OverBudget(BaseException):  # noqa: N818 - it is no error of the code, an article's cost
    def __init__(self, budget: str, detail: str):
        super().__init__(f"{budget}: {detail}")
        self.budget, self.detail = budget, detail


def _env_number(name: str, default: float | None) -> float | None:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        from sucesos.errors import ConfigError

        raise ConfigError(f"${name} must be a number (0 for no limit), not {raw!r}") from None
    return value if value > 0 else None


@dataclass(frozen=True)
class Budget:
    """Seconds and megabytes one article may use (None: no limit)."""

    seconds: float | None = DEFAULT_SECONDS
    memory_mb: float | None = DEFAULT_MEMORY_MB
    tick: float = 0.25

    @classmethod
    def from_env(cls, seconds: float | None = None, memory_mb: float | None = None) -> Budget:
        """The given values where given (0: no limit), else $SUCESOS_ARTICLE_SECONDS / $SUCESOS_ARTICLE_MB, else the defaults."""
        return cls(
            seconds=(seconds or None) if seconds is not None else _env_number(ENV_SECONDS, DEFAULT_SECONDS),
            memory_mb=(memory_mb or None) if memory_mb is not None else _env_number(ENV_MEMORY_MB, DEFAULT_MEMORY_MB),
        )

    @property
    def unlimited(self) -> bool:
        return self.seconds is None and self.memory_mb is None


UNLIMITED = Budget(seconds=None, memory_mb=None)


def resident_mb() -> float | None:
    """The resident set of this process in MB (Linux /proc), or None where unknown."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return None


class Guard:
    """One article's budget from `started`: `check()` raises OverBudget past it."""

    def __init__(self, budget: Budget, *, started: float | None = None):
        self.budget = budget
        self.started = time.monotonic() if started is None else started
        self.base_mb = resident_mb() if budget.memory_mb is not None else None
        self.where = "start"  # the component running, for the report
        self.armed, self.tripped, self.paused = True, False, 0

    def check(self) -> None:
        if self.paused:
            return
        budget = self.budget
        elapsed = time.monotonic() - self.started
        if budget.seconds is not None and elapsed > budget.seconds:
            raise OverBudget(f"{budget.seconds:g}-second time", f"stopped in {self.where} after {elapsed:.1f} s")
        if self.base_mb is not None:
            now = resident_mb()
            if now is not None and now - self.base_mb > budget.memory_mb:
                raise OverBudget(f"{budget.memory_mb:g}-MB memory", f"stopped in {self.where} after growing by {now - self.base_mb:,.0f} MB")


class _Guards(threading.local):
    def __init__(self):
        self.stack: list[Guard] = []  # this thread's guards, innermost last (the timer reads the main thread's)


_LOCAL = _Guards()


def _on_tick(_signum, _frame) -> None:
    # At most one raise per guard from the timer: if a C extension swallows it
    # ("Exception ignored in ..."), the next check between components raises
    # again; and the cleanup below can never be interrupted twice.
    if _LOCAL.stack:
        guard = _LOCAL.stack[-1]
        if guard.armed and not guard.tripped and not guard.paused:
            try:
                guard.check()
            except OverBudget:
                guard.tripped = True
                raise


@contextlib.contextmanager
def guarded(budget: Budget, *, started: float | None = None) -> Iterator[Guard]:
    """A Guard for the block; preempting (a timer) in the main thread, cooperative elsewhere."""
    guard = Guard(budget, started=started)
    if budget.unlimited:
        yield guard
        return
    preempt = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if not preempt:
        _LOCAL.stack.append(guard)
        try:
            yield guard
        finally:
            _LOCAL.stack.remove(guard)
        return
    outer = bool(_LOCAL.stack)
    _LOCAL.stack.append(guard)
    previous_handler = previous_timer = None
    if not outer:
        previous_handler = signal.signal(signal.SIGALRM, _on_tick)
        previous_timer = signal.setitimer(signal.ITIMER_REAL, budget.tick, budget.tick)
    entered = time.monotonic()
    try:
        yield guard
    finally:
        try:
            guard.armed = False
        finally:
            _release(guard, outer, previous_handler, previous_timer, entered)


def _release(guard: Guard, outer: bool, previous_handler, previous_timer, entered: float) -> None:
    guard.armed = False
    _LOCAL.stack.remove(guard)
    if not outer:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler if previous_handler is not None else signal.SIG_DFL)
        delay, interval = previous_timer
        if delay:  # someone else's alarm (a test runner's timeout): give it back what is left
            signal.setitimer(signal.ITIMER_REAL, max(0.001, delay - (time.monotonic() - entered)), interval)


@contextlib.contextmanager
def not_counted() -> Iterator[None]:
    """Work that is no article's cost (loading a model on first use): the
    running article's clock and memory baseline move past it."""
    guard = _LOCAL.stack[-1] if _LOCAL.stack else None
    if guard is None:
        yield
        return
    entered, entered_mb = time.monotonic(), resident_mb() if guard.base_mb is not None else None
    guard.paused += 1
    try:
        yield
    finally:
        guard.started += time.monotonic() - entered
        if guard.base_mb is not None and entered_mb is not None:
            now = resident_mb()
            if now is not None:
                guard.base_mb += max(0.0, now - entered_mb)
        guard.paused -= 1
