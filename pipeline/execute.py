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


#: Tasks submitted and not yet yielded, per task kept unfinished (see :func:`_bounded_ordered`).
AHEAD_PER_UNFINISHED = 4
_DONE = object()


def _bounded_ordered(submit: Callable[[Any], Future], tasks: Iterable[Any], window: int,
                     limit: int | None = None) -> Iterator[Any]:
    """The results of the submitted tasks, in task order.

    Keeps ``window`` tasks unfinished (running or queued for a worker) and at most ``limit``
    (default ``AHEAD_PER_UNFINISHED * window``) submitted and not yet yielded. Waiting for the
    oldest task only once ``limit`` is reached matters when tasks differ in size: while one
    worker runs a whole chunk, another that finishes small pieces gets new ones, instead of
    waiting idle until the chunk is done (with a window of 4 and yielding the oldest first, a
    2-worker run on 1,000 documents left one worker ~0.8 s idle behind a 128-document chunk).
    ``submit`` returns a future with ``done``, ``result`` and ``add_done_callback``
    (:mod:`concurrent.futures` and Dask's both have them).
    """
    limit = max(limit or AHEAD_PER_UNFINISHED * window, window)
    woken = threading.Event()  # set by every task that finishes (from the executor's thread)
    pending: collections.deque = collections.deque()  # submitted, not yet yielded, in task order
    remaining = iter(tasks)
    exhausted = False
    while True:
        woken.clear()  # before looking: a task that finishes from here on wakes the wait below
        while not exhausted and len(pending) < limit and sum(not f.done() for f in pending) < window:
            task = next(remaining, _DONE)
            if task is _DONE:
                exhausted = True
            else:
                future = submit(task)
                future.add_done_callback(lambda _: woken.set())
                pending.append(future)
        if not pending:
            return
        if pending[0].done() or exhausted or len(pending) >= limit:
            yield pending.popleft().result()  # (waits for the oldest when nothing else can go out)
        else:
            woken.wait()  # a task finished: its worker may need another


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


class DaskExecutor:
    """Dask distributed: a ``LocalCluster`` on loopback, or an existing cluster's scheduler.

    Workers need this package, its pinned dependencies and the spaCy model installed, and
    must see the output folder at the same path (a shared file system), since each writes
    its own part files there.
    """

    def __init__(self, workers: int, scheduler: str | None = None) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as e:
            raise RuntimeError("The Dask executor needs dask[distributed]: "
                               "pip install 'sre-pipeline[dask]'") from e
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
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
