"""Executors: local worker processes inherit what the driver preloaded."""

from __future__ import annotations

import os

import pytest

from pipeline.execute import make_executor

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
