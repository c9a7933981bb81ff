"""Executors: local worker processes inherit what the driver preloaded; tasks are handed out
ahead of the oldest unfinished one, within bounds, and results come back in task order."""

from __future__ import annotations

import os
import random
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

import pytest

from pipeline.execute import _bounded_ordered, make_executor

#: What :func:`_preload` loaded in this process (a stand-in for the model).
_LOADED: list[int] = []


def _preload() -> None:
    _LOADED.append(os.getpid())


def _loaded_in_worker(_: int) -> tuple[list[int], int]:
    return list(_LOADED), os.getpid()


def _fail() -> None:
    raise RuntimeError("models/dates/words.csv, line 3: unknown key 'tpye'")


def test_workers_inherit_what_the_driver_preloaded_and_do_not_load_it_again() -> None:
    _LOADED.clear()
    executor = make_executor("local", 2, preload=_preload)
    try:
        seen = list(executor.map(_loaded_in_worker, range(4)))
    finally:
        executor.close()
        _LOADED.clear()
    assert all(loaded == [os.getpid()] and worker != os.getpid() for loaded, worker in seen)


def test_a_failing_preload_is_raised_by_the_driver_with_its_message() -> None:
    with pytest.raises(RuntimeError, match="line 3: unknown key"):
        make_executor("local", 2, preload=_fail)


def test_a_long_first_task_does_not_hold_back_the_tasks_after_it() -> None:
    """The first task finishes only once task 5 is handed out (a whole chunk running while
    another worker does small pieces): waiting for it first would never hand task 5 out."""
    futures: list[Future] = []

    def submit(task: int) -> Future:
        future: Future = Future()
        futures.append(future)
        if task:
            future.set_result(task)
        if task == 5:
            futures[0].set_result(0)
        return future

    results: list[int] = []
    consumer = threading.Thread(target=lambda: results.extend(_bounded_ordered(submit, range(8), 2, 6)),
                                daemon=True)
    consumer.start()
    consumer.join(timeout=30)
    assert not consumer.is_alive(), "stuck waiting for the first task"
    assert results == list(range(8))


def _slow_square(task: int) -> int:
    time.sleep(random.Random(task).random() / 500)  # tasks finish out of order
    return task * task


@pytest.mark.parametrize(("window", "limit", "reason"), [
    (2, 8, "two unfinished, eight ahead: the default for one worker's window of 2"),
    (3, 3, "no room ahead: waits for the oldest at once"),
    (4, 5, "more workers than the window keeps busy"),
])
def test_tasks_ahead_stay_within_the_window_and_the_limit(window: int, limit: int, reason: str) -> None:
    submitted: list[Future] = []
    yielded: list[int] = []
    seen: list[tuple[int, int]] = []
    with ThreadPoolExecutor(max_workers=3) as pool:
        def submit(task: int) -> Future:
            # counted before this task goes out: futures only ever turn done in between
            seen.append((sum(not f.done() for f in submitted[len(yielded):]), len(submitted) - len(yielded)))
            submitted.append(pool.submit(_slow_square, task))
            return submitted[-1]

        for result in _bounded_ordered(submit, range(40), window, limit):
            yielded.append(result)
    assert yielded == [t * t for t in range(40)], "results in task order"
    assert all(unfinished < window and ahead < limit for unfinished, ahead in seen), reason
