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


class _DaskLikeFuture:
    """A future with Dask's semantics: its done-callbacks run once, when it first finishes; a
    lost result makes ``done()`` False again, and recomputing it calls no callback."""

    def __init__(self) -> None:
        self._done = threading.Event()
        self._callbacks: list = []
        self._called = False
        self._lock = threading.Lock()
        self.value = None

    def add_done_callback(self, fn) -> None:
        with self._lock:
            if not self._called:
                self._callbacks.append(fn)
                return
        fn(self)

    def finish(self, value) -> None:
        self.value = value
        self._done.set()
        with self._lock:
            self._called, callbacks = True, self._callbacks
        for fn in callbacks:
            fn(self)

    def lose(self) -> None:
        self._done.clear()

    def recompute(self) -> None:
        self._done.set()

    def done(self) -> bool:
        return self._done.is_set()

    def result(self):
        self._done.wait()
        return self.value

    def cancel(self) -> bool:
        return False


class _Handout:
    """A ``submit`` for :func:`_bounded_ordered` that records each task's future (made by
    ``make``) and signals ``out[task]`` when the task is handed out."""

    def __init__(self, make, n: int) -> None:
        self.make = make
        self.futures: list = []
        self.out = [threading.Event() for _ in range(n)]

    def __call__(self, task: int):
        self.futures.append(self.make())
        self.out[task].set()
        return self.futures[-1]


def _consume(submit, n: int, window: int, limit: int) -> tuple[threading.Thread, list]:
    results: list = []
    def drive() -> None:
        results.extend(_bounded_ordered(submit, range(n), window, limit))

    consumer = threading.Thread(target=drive, daemon=True)
    consumer.start()
    return consumer, results


def test_a_task_finishing_behind_the_oldest_wakes_the_driver_to_hand_out_the_next() -> None:
    submit = _Handout(Future, 4)
    futures, out = submit.futures, submit.out  # out[t]: task t was handed out
    consumer, results = _consume(submit, 4, window=2, limit=8)
    assert out[1].wait(30)
    futures[1].set_result(1)  # the second task finishes while the first still runs...
    handed_out = out[2].wait(30)  # ...and the driver hands out the third without waiting for the first
    futures[0].set_result(0)
    assert out[2].wait(30) and out[3].wait(30)
    futures[2].set_result(2)
    futures[3].set_result(3)
    consumer.join(timeout=30)
    assert handed_out, "the third task waited for the first"
    assert results == [0, 1, 2, 3]


def test_results_lost_and_recomputed_on_a_dask_worker_do_not_stall_the_run() -> None:
    submit = _Handout(_DaskLikeFuture, 6)
    futures, out = submit.futures, submit.out
    consumer, results = _consume(submit, 6, window=2, limit=8)
    assert out[1].wait(30)
    futures[1].finish(1)
    assert out[2].wait(30)
    futures[2].finish(2)
    assert out[3].wait(30)
    futures[1].lose()  # the worker holding the results of tasks 1 and 2 dies
    futures[2].lose()
    futures[0].finish(0)
    handed_out = out[4].wait(30)  # unless the lost tasks are taken for unfinished ones (3 of 2)
    futures[1].recompute()  # done again, without a second callback
    futures[2].recompute()
    for t in (3, 4, 5):
        assert out[t].wait(30)
        futures[t].finish(t)
    consumer.join(timeout=30)
    assert handed_out, "the lost-and-recomputed tasks were taken for unfinished ones"
    assert results == list(range(6))


def test_a_window_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(_bounded_ordered(lambda task: Future(), range(3), 0))


def _slow_square(task: int) -> int:
    time.sleep(random.Random(task).random() / 500)  # tasks finish out of order
    return task * task


@pytest.mark.parametrize(("window", "limit", "reason"), [
    (2, 8, "a window of 2 with room for 8 ahead (the default for one worker's window)"),
    (3, 3, "no room ahead of the window: waits for the oldest at once"),
    (4, 5, "a window larger than the pool's three threads"),
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


def test_local_cluster_workers_run_without_dask_s_trim_threshold() -> None:
    pytest.importorskip("dask.distributed")
    executor = make_executor("dask", 1)
    try:
        seen = list(executor.map(os.getenv, ["MALLOC_TRIM_THRESHOLD_", "OMP_NUM_THREADS"]))
    finally:
        executor.close()
    assert seen == [None, "1"], "the trim threshold is gone, Dask's other settings stay"


def test_a_restarted_local_cluster_worker_still_runs_without_the_trim_threshold() -> None:
    pytest.importorskip("dask.distributed")
    executor = make_executor("dask", 1)
    try:
        executor.client.restart()
        seen = list(executor.map(os.getenv, ["MALLOC_TRIM_THRESHOLD_"]))
    finally:
        executor.close()
    assert seen == [None], "a nanny restarts its worker with the environment it was made with"
