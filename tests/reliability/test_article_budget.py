"""A per-article time and memory budget: an article over it is reported with
the budget named, and the batch goes on (in one process and with workers)."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from sucesos.budget import Budget, OverBudget, guarded
from sucesos.frame import component
from sucesos.model import Article
from sucesos.parallel import ParallelExtractor
from sucesos.pipeline import Pipeline


@component("test_costly", requires=("doc",), assigns=("events",))
def _costly(analysis, _resources):
    """Spins on "SPIN" and grows memory on "GROW", as a pathological article would."""
    if "SPIN" in analysis.text:
        while True:
            pass
    if "GROW" in analysis.text:
        hoard = []
        while True:
            hoard.append(bytearray(32 * 2**20))  # past 200 MB in well under the time budget, even on a loaded machine
            time.sleep(0.01)
    return {"events": []}


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_the_timer_stops_a_busy_block_and_gives_back_a_previous_alarm():
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    signal.setitimer(signal.ITIMER_REAL, 50)
    try:
        started = time.monotonic()
        with pytest.raises(OverBudget) as caught, guarded(Budget(seconds=0.5, memory_mb=None)) as guard:
            guard.where = "the test"
            _spin(10)
        assert time.monotonic() - started < 3
        assert caught.value.budget == "0.5-second time" and "the test" in caught.value.detail
        remaining, _interval = signal.getitimer(signal.ITIMER_REAL)
        assert 40 < remaining <= 50  # the test runner's alarm is back, less the time spent
        assert signal.getsignal(signal.SIGALRM) is not None and not fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_off_the_main_thread_the_budget_is_checked_where_asked():
    outcome = []

    def work():
        try:
            with guarded(Budget(seconds=0.2, memory_mb=None)) as guard:
                _spin(0.4)  # no timer in a thread: nothing stops this
                guard.check()
        except OverBudget as over:
            outcome.append(over.budget)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert outcome == ["0.2-second time"]


def test_budget_from_the_command_line_or_the_environment(monkeypatch):
    monkeypatch.setenv("SUCESOS_ARTICLE_SECONDS", "30")
    monkeypatch.delenv("SUCESOS_ARTICLE_MB", raising=False)
    assert Budget.from_env() == Budget(seconds=30, memory_mb=2048)
    assert Budget.from_env(seconds=5, memory_mb=0) == Budget(seconds=5, memory_mb=None)  # 0: no limit
    monkeypatch.setenv("SUCESOS_ARTICLE_SECONDS", "soon")
    from sucesos.errors import ConfigError

    with pytest.raises(ConfigError, match="SUCESOS_ARTICLE_SECONDS"):
        Budget.from_env()


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_over_its_budget_is_reported_and_the_batch_goes_on(resources, workers):
    pipeline = Pipeline(resources, components=("test_costly",), budget=Budget(seconds=4, memory_mb=200))
    texts = ["Gunmen attacked police.", "SPIN forever.", "Gunmen attacked a patrol.", "GROW without end.", "Police found a body."]
    articles = [Article(id=f"a{i}", text=text, lang="en") for i, text in enumerate(texts)]
    started = time.monotonic()
    with ParallelExtractor(pipeline, workers, task_size=5) as extractor:
        results = list(extractor.extract_many(articles))
    assert time.monotonic() - started < 60
    assert [r.id for r in results] == [a.id for a in articles]
    assert [r.error for r in results if r.id in ("a0", "a2", "a4")] == [None, None, None]
    assert "4-second time budget" in results[1].error and "test_costly" in results[1].error
    assert "200-MB memory budget" in results[3].error
    assert "--article-seconds" in results[1].error  # says how to raise it
