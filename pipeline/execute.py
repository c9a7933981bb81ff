"""Executors: where the per-chunk function runs (in process, local processes, or Dask).

All three apply the same function to a stream of tasks and yield the results *in task
order*, with a bounded number of tasks submitted and not yet yielded, so memory stays flat
on any corpus size (:func:`_bounded_ordered`). Results are identical whatever the executor or
the number of workers: the work is split into chunks by input order, never by worker.

Public entry point: :func:`make_executor`.
"""

from __future__ import annotations

import collections
import logging
import multiprocessing
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol

log = logging.getLogger(__name__)


class Executor(Protocol):
    """Maps a function over tasks, yielding results in order."""

    def map(self, fn: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[Any]: ...

    def close(self) -> None: ...


#: ``limit`` = this x ``window`` by default in :func:`_bounded_ordered`.
AHEAD_PER_UNFINISHED = 4
_END = object()


class _Submitted:
    """A submitted task's future, and whether it has finished: set by the future's
    done-callback, which runs once. (``future.done()`` will not do: a Dask future whose result
    was lost with its worker turns not-done again, and is done again once recomputed without
    calling its callbacks a second time.)"""

    __slots__ = ("future", "finished")

    def __init__(self, future: Any, woken: threading.Event) -> None:
        self.future = future
        self.finished = False

        def on_done(_: Any) -> None:
            self.finished = True
            woken.set()

        future.add_done_callback(on_done)


def _bounded_ordered(submit: Callable[[Any], Future], tasks: Iterable[Any], window: int,
                     limit: int | None = None) -> Iterator[Any]:
    """The results of the submitted tasks, in task order.

    Keeps at most ``window`` tasks unfinished (running or queued for a worker) and at most
    ``limit`` submitted and not yet yielded (``None``: ``AHEAD_PER_UNFINISHED * window``; never
    fewer than ``window``). It waits for the oldest task only when ``limit`` is reached or the
    tasks have run out; otherwise it waits for any task to finish and hands out the next. That
    matters when tasks differ in size: while one worker runs a whole chunk, another that
    finishes small pieces gets new ones, instead of waiting idle until the chunk is done (with a
    window of 4 and the oldest waited for first, a 2-worker run on 1,000 documents left one
    worker ~0.8 s idle behind a 128-document chunk).

    ``submit`` returns a future with ``result``, ``cancel`` and ``add_done_callback`` (whose
    callback runs once, in any thread, when the task finishes): :mod:`concurrent.futures` and
    Dask's both qualify. What stays in memory: the ``window`` unfinished tasks' inputs and up
    to ``limit`` results (with Dask, whose scheduler keeps a task's input until its result is
    let go, up to ``limit`` inputs). Tasks not yet yielded are cancelled if the caller stops.
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, not {window}")
    limit = max(limit or AHEAD_PER_UNFINISHED * window, window)
    woken = threading.Event()  # set by every task that finishes
    pending: collections.deque[_Submitted] = collections.deque()  # not yet yielded, in task order
    remaining = iter(tasks)
    exhausted = False
    try:
        while True:
            woken.clear()  # before looking: a task that finishes from here on wakes the wait below
            while not exhausted and len(pending) < limit and sum(not p.finished for p in pending) < window:
                task = next(remaining, _END)
                if task is _END:
                    exhausted = True
                else:
                    pending.append(_Submitted(submit(task), woken))
            if not pending:
                return
            if pending[0].finished or exhausted or len(pending) >= limit:
                yield pending.popleft().future.result()  # (waits for the oldest if it must)
            else:
                woken.wait()  # a task finished: its worker may need another
    finally:
        for p in pending:
            p.future.cancel()


class SerialExecutor:
    """Runs every task in this process (one worker)."""

    def map(self, fn: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[Any]:
        return (fn(task) for task in tasks)

    def close(self) -> None:
        pass


class ProcessExecutor:
    """``workers`` local processes, forked from this one.

    ``preload`` runs here, before the workers fork, and what it loads (the model) the workers
    inherit: with fork they share this process's memory, copied only where written to. So
    the model is loaded once, by one process with the cores to itself, instead of by every
    worker at once while this process reads the first chunk (both workers then took ~1.4 s
    to load it, against ~0.9 s alone). A failure to load is raised here, as with one worker.
    """

    def __init__(self, workers: int, preload: Callable[[], object] | None = None) -> None:
        if preload is not None:
            preload()
        # fork, not spawn: workers start at once, with the parent's modules and model.
        context = multiprocessing.get_context("fork")
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        self.window = workers * 2

    def map(self, fn: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[Any]:
        return _bounded_ordered(lambda t: self.pool.submit(fn, t), tasks, self.window)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


#: Dask sets ``MALLOC_TRIM_THRESHOLD_`` to 64 KiB in the workers its nannies start, so that they
#: give freed memory back to the system at once. Our tasks allocate and free much (every
#: batch's Docs and arrays): with it a 2-worker LocalCluster run on 1,000 documents spent
#: ~7.5 s of system time against ~1.5 s without, and took 17.7-18.6 s against 12.8-14.0 s.
#: ``None`` unsets it (Dask's way), leaving glibc its own, adaptive threshold, in the
#: LocalCluster this executor starts; a cluster started by someone else keeps its settings.
#: Each nanny reads the setting once, when ``LocalCluster(...)`` creates it, and reuses it when
#: it restarts a worker that died, so the setting need not outlive the ``with`` block.
WORKER_ENVIRON = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}


class DaskExecutor:
    """Dask distributed: a ``LocalCluster`` on loopback, or an existing cluster's scheduler.

    Workers need this package, its pinned dependencies and the spaCy model installed, and
    must see the output folder at the same path (a shared file system), since each writes
    its own part files there.
    """

    def __init__(self, workers: int, scheduler: str | None = None) -> None:
        try:
            import dask
            from dask.distributed import Client, LocalCluster
        except ImportError as e:
            raise RuntimeError("The Dask executor needs dask[distributed]: "
                               "pip install 'sre-pipeline[dask]'") from e
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            with dask.config.set(WORKER_ENVIRON):
                self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                            host="127.0.0.1", dashboard_address=None)
            self.client = Client(self.cluster)
        n = len(self.client.scheduler_info().get("workers", {})) or workers
        self.window = max(2, n * 2)
        log.info("Dask executor: %s, %d workers", scheduler or "LocalCluster", n)

    def map(self, fn: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[Any]:
        return _bounded_ordered(lambda t: self.client.submit(fn, t, pure=False), tasks, self.window)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_executor(kind: str, workers: int, scheduler: str | None = None,
                  preload: Callable[[], object] | None = None) -> Executor:
    """``local`` (serial for one worker, processes for more) or ``dask``.

    ``preload`` loads what every task needs in this process (the model), for the local
    processes to inherit; the serial executor's task loads it anyway and Dask workers are
    separate processes that load their own, so only :class:`ProcessExecutor` calls it.
    """
    if kind == "dask":
        return DaskExecutor(workers, scheduler)
    if kind != "local":
        raise ValueError(f"unknown executor '{kind}': use 'local' or 'dask'")
    return SerialExecutor() if workers <= 1 else ProcessExecutor(workers, preload)
