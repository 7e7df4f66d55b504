"""Executors: hand tasks to workers, give each task's outcomes to ``handle``.

An executor has one method, ``run(tasks, shared, settings, handle, stop,
on_start)`` (``settings``: see run.render_settings).  Two implement it:

- ``LocalExecutor``: in-process when ``workers == 1``, else a process pool
  on this machine (the default); workers write the files themselves;
- ``DaskExecutor`` (``dask_executor.py``, the optional ``reportgen[dask]``
  extra): a Dask cluster; workers return the bytes and the client writes them.

Either keeps at most a few tasks per worker in flight, so memory does not
grow with the number of documents and a stop (``--fail-fast``, Ctrl-C,
SIGTERM) takes effect at once: running documents finish and are recorded,
nothing new starts.  ``handle(outcomes)`` returns True to stop
(``--fail-fast``).  ``execute`` wraps a run in the signal handling both
share and returns True when the build was interrupted.
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
from typing import Callable, Iterable, Protocol

from ..errors import UsageError
from ..project_config import EXECUTOR_KINDS, ExecutorConfig
from .worker import Outcome, Task, init_worker, run_task

IN_FLIGHT_PER_WORKER = 3

Handle = Callable[[list[Outcome]], bool]


class Executor(Protocol):
    def run(self, tasks: Iterable[Task], shared: dict, settings: tuple, handle: Handle,
            stop: threading.Event, on_start: Callable[[], None]) -> bool:
        """Render ``tasks``, calling ``handle`` with each one's outcomes as it
        finishes, until done, ``handle`` says stop, or ``stop`` is set.  True
        when the workers were lost from outside (the build counts as interrupted)."""


def executor_for(config: ExecutorConfig | None, workers: int) -> Executor:
    """The executor ``config`` asks for (None: the local pool), ``workers``
    wide (a Dask cluster started here has that many worker processes)."""
    if config is None or config.kind == "local":
        return LocalExecutor(workers)
    if config.kind == "dask":
        from .dask_executor import DaskExecutor

        return DaskExecutor(config.scheduler, workers)
    raise UsageError(f"unknown executor {config.kind!r}; choose local or dask")


def choose_executor(configured: ExecutorConfig | None, kind: str | None = None, scheduler: str | None = None,
                    bundle: bool = False) -> ExecutorConfig | None:
    """The executor a build uses: ``kind`` and ``scheduler`` (the command
    line's ``--executor``, ``--scheduler``) over the project's ``executor:``.
    A scheduler alone means Dask."""
    if kind is not None and kind not in EXECUTOR_KINDS:
        raise UsageError(f"unknown executor {kind!r}; choose {' or '.join(EXECUTOR_KINDS)}")
    if scheduler and kind == "local":
        raise UsageError("--scheduler is the address of a Dask scheduler; it needs --executor dask",
                         hint="drop --executor local, or drop --scheduler")
    if bundle and (kind == "dask" or scheduler):
        raise UsageError("--bundle builds its volumes in this process; it does not use Dask",
                         hint="drop --executor dask and --scheduler, or drop --bundle")
    if kind is None and not scheduler:
        return configured
    kind = kind or "dask"
    if kind == "dask" and not scheduler and configured is not None and configured.kind == "dask":
        scheduler = configured.scheduler
    return ExecutorConfig(kind, scheduler if kind == "dask" else None)


def execute(executor: Executor, tasks: Iterable[Task], shared: dict, settings: tuple, handle: Handle,
            on_start: Callable[[], None] = lambda: None) -> bool:
    """``on_start`` runs once the workers exist (a progress bar's thread is
    started after the fork, never before)."""
    stop = threading.Event()
    with _signals_stop(stop):
        try:
            if executor.run(tasks, shared, settings, handle, stop, on_start):
                return True
        except KeyboardInterrupt:
            return True  # a second Ctrl-C
    return stop.is_set()


class LocalExecutor:
    """This machine: in-process for one worker, else a process pool (fork on Linux)."""

    def __init__(self, workers: int):
        self.workers = workers

    def run(self, tasks, shared, settings, handle, stop, on_start) -> bool:
        if self.workers <= 1:
            on_start()
            _in_process(tasks, shared, settings, handle, stop)
            return False
        try:
            _pool(tasks, self.workers, shared, settings, handle, stop, on_start)
        except BrokenProcessPool:
            return True  # a worker killed from outside
        return False


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
