"""Executors: hand tasks to workers, give each task's outcomes to ``handle``.

``execute(tasks, workers, shared, settings, handle)`` (``settings``: see
run.render_settings) runs in-process when
``workers == 1``, else over a process pool.  At most a few tasks per worker
are in flight, so memory does not grow with the number of documents and a
stop (``--fail-fast``, Ctrl-C, SIGTERM) takes effect at once: running
documents finish and are recorded, nothing new starts.  ``handle`` returns
True to stop (``--fail-fast``).  The return value is True when the build was
interrupted by a signal.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import threading
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Callable, Iterable

from .worker import Outcome, Task, init_worker, run_task

IN_FLIGHT_PER_WORKER = 3


def execute(tasks: Iterable[Task], workers: int, shared: dict, settings: tuple,
            handle: Callable[[list[Outcome]], bool], on_start: Callable[[], None] = lambda: None) -> bool:
    """``on_start`` runs once the workers exist (a progress bar's thread is
    started after the fork, never before)."""
    stop = threading.Event()
    with _signals_stop(stop):
        try:
            if workers <= 1:
                on_start()
                _in_process(tasks, shared, settings, handle, stop)
            else:
                _pool(tasks, workers, shared, settings, handle, stop, on_start)
        except (KeyboardInterrupt, BrokenProcessPool):
            return True  # a second Ctrl-C, or a worker killed from outside
    return stop.is_set()


def _in_process(tasks, shared, settings, handle, stop: threading.Event) -> None:
    init_worker(shared, settings, ignore_sigint=False)
    for task in tasks:
        if stop.is_set() or handle(run_task(task)):
            return


def _pool(tasks, workers, shared, settings, handle, stop: threading.Event, on_start) -> None:
    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    ex = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_pool_worker,
                             initargs=(shared, settings, os.getpid()))
    it = iter(tasks)
    pending: set = set()
    halted = started = False
    try:
        while True:
            while not (halted or stop.is_set()) and len(pending) < workers * IN_FLIGHT_PER_WORKER:
                task = next(it, None)
                if task is None:
                    break
                pending.add(ex.submit(run_task, task))  # the first submit forks the workers
            if not started:
                started = True
                on_start()
            if not pending:
                break
            done, pending = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
            for fut in done:
                halted = handle(fut.result()) or halted
    finally:
        ex.shutdown(wait=True, cancel_futures=True)


def _init_pool_worker(shared: dict, settings: tuple, parent: int) -> None:
    _die_with_parent()
    init_worker(shared, settings, ignore_sigint=True, parent=parent)


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
def _signals_stop(stop: threading.Event):
    """Ctrl-C and SIGTERM stop a build gently: documents being rendered
    finish and are recorded, nothing new starts.  A second signal aborts."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_signal(signum, frame):
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    old = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)
