"""Executors: hand tasks to workers, give each outcome to ``handle``.

``execute(tasks, workers, shared, theme, handle)`` runs in-process when
``workers == 1``, else over a process pool.  At most a few tasks per worker
are in flight, so memory does not grow with the number of documents and a
stop (``--fail-fast``, Ctrl-C, SIGTERM) takes effect at once: running
documents finish and are recorded, nothing new starts.  ``handle`` returns
True to stop.  The return value is True when the build was interrupted.
"""
from __future__ import annotations

import multiprocessing as mp
import signal
import sys
import threading
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Callable, Iterable

from .worker import Outcome, Task, init_worker, run_task

IN_FLIGHT_PER_WORKER = 3


def execute(tasks: Iterable[Task], workers: int, shared: dict, theme: str | None,
            handle: Callable[[Outcome], bool]) -> bool:
    with _sigterm_as_interrupt():
        try:
            if workers <= 1:
                _in_process(tasks, shared, theme, handle)
            else:
                _pool(tasks, workers, shared, theme, handle)
        except (KeyboardInterrupt, BrokenProcessPool):
            return True  # a worker killed from outside counts as an interrupted build
    return False


def _in_process(tasks, shared, theme, handle) -> None:
    init_worker(shared, theme, ignore_sigint=False)
    for task in tasks:
        if handle(run_task(task)):
            return


def _pool(tasks, workers, shared, theme, handle) -> None:
    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    ex = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_pool_worker, initargs=(shared, theme))
    it = iter(tasks)
    pending: set = set()
    stop = False
    try:
        while True:
            while not stop and len(pending) < workers * IN_FLIGHT_PER_WORKER:
                task = next(it, None)
                if task is None:
                    break
                pending.add(ex.submit(run_task, task))
            if not pending:
                break
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                stop = handle(fut.result()) or stop
    except KeyboardInterrupt:
        _drain(pending, handle)
        raise
    finally:
        ex.shutdown(wait=True, cancel_futures=True)


def _drain(pending: set, handle) -> None:
    """After Ctrl-C: let the documents being rendered finish and record them."""
    for fut in pending:
        try:
            handle(fut.result())
        except Exception:  # noqa: BLE001 - a worker that died: its document is simply not done
            pass


def _init_pool_worker(shared: dict, theme: str | None) -> None:
    _die_with_parent()
    init_worker(shared, theme, ignore_sigint=True)


def _die_with_parent() -> None:
    """On Linux, a worker gets SIGTERM when the build process dies (even by
    SIGKILL) and quits at once instead of lingering; the worker's handler
    (see worker.init_worker) unwinds, so its temporary file is removed."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


@contextmanager
def _sigterm_as_interrupt():
    """SIGTERM stops a build the way Ctrl-C does (finish, record, exit)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_term(signum, frame):
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, on_term)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)
