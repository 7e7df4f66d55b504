"""The Dask executor: render on a Dask distributed cluster (the optional
``reportgen[dask]`` extra).  ``reportgen build --executor dask`` starts a
``LocalCluster`` (``--jobs`` worker processes, one thread each);
``--scheduler tcp://HOST:8786`` uses a running cluster instead.

This is the client's side (dask_worker.py is the workers'): it turns each
Task into a self-contained RemoteTask (the record and its Kit: content hashes
of template, theme, shared data and font files), keeps a bounded number in
flight, and takes the results as they complete (``as_completed``).  A worker
that lacks part of a kit says so; the client sends it those blobs once
(``Client.run``) and submits the task again.  The client writes every
document itself (``iofs.atomic_write``) and hands the outcomes to the build,
which records them in the manifest: a worker lost midway has its tasks run
again by Dask, and a document is written once, whole, by the client.
"""
from __future__ import annotations

import hashlib
import itertools
import logging
import os
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable

from ..errors import RenderError, UsageError
from ..iofs import atomic_write
from ..templating.template import Template
from ..version import __version__
from .executor import IN_FLIGHT_PER_WORKER, Handle
from .inputs import data_digest, sha256_file
from .dask_worker import (SCHEMA_OUTSIDE, Kit, RemoteTask, Reply, TemplateBlob, quiet_sigint, receive, run_remote,
                          version)
from .worker import Outcome, Task, failed

INSTALL = "pip install 'reportgen[dask]'"
CONNECT_SECONDS = 30  # to reach a scheduler
WORKERS_SECONDS = 120  # for a first worker to join it
MAX_MISSES = 5  # times one task may find its worker without its kit before it fails


class DaskExecutor:
    """Renders on a Dask cluster: the scheduler at ``scheduler``, else a
    LocalCluster of ``workers`` processes started (and stopped) here."""

    def __init__(self, scheduler: str | None, workers: int):
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise UsageError("--executor dask needs Dask distributed, which is not installed",
                             hint=f"install it with {INSTALL}, or build with --executor local") from None
        self.scheduler = scheduler
        self.workers = workers

    def run(self, tasks: Iterable[Task], shared: dict, settings: tuple, handle: Handle,
            stop: threading.Event, on_start: Callable[[], None]) -> bool:
        it = iter(tasks)
        first = next(it, None)
        if first is None:
            on_start()
            return False
        client, close = self._connect()
        try:
            on_start()
            _Stream(client, Kits(shared, settings), handle, stop).run(itertools.chain([first], it))
        finally:
            close()
        return False

    def _connect(self):
        import dask

        # Dask keeps its last messages for debugging (1000 by default): tasks hold
        # records, so that would be megabytes of the client's memory.  The
        # workers of a LocalCluster started here do not sample their stacks
        # (Dask's profiler costs them CPU time for nothing we show).
        with dask.config.set({"distributed.admin.low-level-log-length": 20,
                              "distributed.worker.profile.enabled": False}):
            return self._start()

    def _start(self):
        from distributed import Client, LocalCluster

        if self.scheduler is None:
            try:  # the scheduler's HTTP server (dashboard) on any free port: builds may run side by side
                cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                       dashboard_address=":0", silence_logs=logging.ERROR)
            except RuntimeError as exc:
                raise UsageError(f"could not start a local Dask cluster: {exc}",
                                 hint="a Python script that builds with executor='dask' must do so under "
                                      "if __name__ == '__main__': (Dask starts fresh worker processes)") from None
            client = Client(cluster, set_as_default=False)
            client.register_plugin(quiet_sigint(), name="reportgen-quiet-sigint")  # Ctrl-C is the client's

            def close():
                client.close()
                cluster.close()

            return client, close
        try:
            client = Client(self.scheduler, timeout=CONNECT_SECONDS, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}",
                             hint="check --scheduler (tcp://HOST:8786) and that `dask scheduler` runs there "
                                  "and accepts connections from this machine") from None
        try:
            client.wait_for_workers(1, timeout=WORKERS_SECONDS)
            _check_workers(client, self.scheduler)
        except TimeoutError:
            client.close()
            raise UsageError(f"no Dask worker joined the scheduler at {self.scheduler} in {WORKERS_SECONDS} s",
                             hint=f"start workers: dask worker {self.scheduler} --nworkers <cores> --nthreads 1"
                             ) from None
        except BaseException:
            client.close()
            raise
        return client, client.close


def _check_workers(client, scheduler: str) -> None:
    """Every worker must run this reportgen (the tasks hold its classes)."""
    found = client.run(version, on_error="return")
    bad = {w: v for w, v in found.items() if v != __version__}
    if bad:
        shown = ", ".join(f"{w}: {v if isinstance(v, str) else 'cannot import reportgen'}" for w, v in bad.items())
        raise UsageError(f"the Dask workers of {scheduler} must run reportgen {__version__} ({shown})",
                         hint=f"install reportgen {__version__} with the dask extra ({INSTALL}) on every worker "
                              "machine and restart the workers")


class Kits:
    """The client's side of the blobs: each template's Kit and what every
    blob key stands for (font files are read only when a worker needs them)."""

    def __init__(self, shared: dict, settings: tuple):
        self.theme_override, fonts, _keep_dir, self.stamp = settings
        self.blobs: dict[str, Any] = {}
        self.shared = self._add(f"shared:{data_digest(shared)}", shared)
        self.project_fonts = tuple(sorted((fonts or {}).items()))
        self._font_keys: dict[str, str | None] = {}
        self._kits: dict[tuple, Kit] = {}

    def kit(self, tpl: Template) -> Kit:
        """Raises what loading the theme raises (the document then fails, as in a local worker)."""
        from ..themes import load_theme

        key = (tpl.dir, tpl.entry)
        if key not in self._kits:
            theme = load_theme(self.theme_override or tpl.theme, relative_to=tpl.dir)
            blob, digest = template_blob(tpl)
            files = [*theme.font_files.values(), *(p for _face, p in self.project_fonts)]
            fonts = tuple((p, k) for p in dict.fromkeys(files) if (k := self._font(p)) is not None)
            self._kits[key] = Kit(self._add(f"template:{digest}", blob), self._add(f"theme:{theme.digest()}", theme),
                                  self.shared, fonts, self.project_fonts, self.stamp,
                                  os.environ.get("SOURCE_DATE_EPOCH"))
        return self._kits[key]

    def payload(self, key: str) -> Any:
        value = self.blobs[key]
        if key.startswith("font:"):
            return Path(value).name, Path(value).read_bytes()
        return value

    def _add(self, key: str, value: Any) -> str:
        self.blobs.setdefault(key, value)
        return key

    def _font(self, path: str) -> str | None:
        """The blob key of a font file (None when it does not exist: the worker reports it)."""
        if path not in self._font_keys:
            self._font_keys[path] = self._add(f"font:{sha256_file(Path(path))}", path) if Path(path).is_file() else None
        return self._font_keys[path]


def template_blob(tpl: Template) -> tuple[TemplateBlob, str]:
    """A template's files (and its schema, when it lies outside its folder), and their hash."""
    paths = {p.relative_to(tpl.dir).as_posix(): p for p in tpl.files()}
    if tpl.schema is not None and not tpl.schema.is_relative_to(tpl.dir):
        paths[f"{SCHEMA_OUTSIDE}/{tpl.schema.name}"] = tpl.schema
    files = {rel: p.read_bytes() for rel, p in sorted(paths.items())}
    h = hashlib.sha256(f"{tpl.dir.name}\0{tpl.entry}\0".encode())
    for rel, data in files.items():
        h.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
    return TemplateBlob(tpl.dir.name, files), h.hexdigest()


class _Stream:
    """Tasks in, outcomes out: at most ``window`` tasks in flight."""

    def __init__(self, client, kits: Kits, handle: Handle, stop: threading.Event):
        from distributed import as_completed

        self.client, self.kits, self.handle, self.stop = client, kits, handle, stop
        self.done = as_completed(loop=client.loop, with_results=True, raise_errors=False)  # fetched as they finish
        self.live: dict = {}  # future → (task, misses, when submitted)
        self.sent: dict[tuple[str, str], int] = {}  # (worker, blob key) → when sent
        self.clock = 0  # counts submissions and sends
        self.halted = False
        self.window = self._window()

    def run(self, tasks: Iterable[Task]) -> None:
        self.tasks = iter(tasks)
        try:
            self._top_up()
            for n, (fut, result) in enumerate(self.done, 1):
                outcomes = self._finish(fut, result, *self.live.pop(fut))
                if outcomes is not None:
                    self.halted = self.handle(outcomes) or self.halted
                if n % 200 == 0:
                    self.window = self._window()  # workers come and go
                self._top_up()
        finally:
            for fut in self.live:
                fut.cancel()

    def _window(self) -> int:
        """A worker process renders one document at a time, whatever its threads."""
        return IN_FLIGHT_PER_WORKER * max(1, len(self.client.nthreads()))

    def _top_up(self) -> None:
        while not (self.halted or self.stop.is_set()) and len(self.live) < self.window:
            task = next(self.tasks, None)
            if task is None:
                return
            self._submit(task, 0)

    def _submit(self, task: Task, misses: int) -> None:
        try:
            remote = RemoteTask(self.kits.kit(task.template), task)
        except Exception as exc:  # noqa: BLE001 - a theme that does not load fails its documents
            self.halted = self.handle([failed(o.rel, exc, _who(task)) for o in task.outputs]) or self.halted
            return
        self.clock += 1
        fut = self.client.submit(run_remote, remote, pure=False)
        self.live[fut] = (task, misses, self.clock)
        self.done.add(fut)

    def _finish(self, fut, reply, task: Task, misses: int, submitted: int) -> list[Outcome] | None:
        failed_with = reply[1] if fut.status == "error" else reply  # KilledWorker, a task a worker cannot unpickle…
        fut.release()
        if not isinstance(reply, Reply):
            return _lost(task, failed_with)
        if not reply.missing:
            return [_write(task, o) for o in reply.outcomes]
        if self.halted or self.stop.is_set():
            return None  # not started: the next build makes it
        if misses >= MAX_MISSES:
            return _lost(task, RuntimeError(f"worker {reply.worker} kept losing {', '.join(reply.missing)}"))
        self._send(reply.worker, [k for k in reply.missing if self.sent.get((reply.worker, k), 0) < submitted])
        self._submit(task, misses + 1)
        return None

    def _send(self, worker: str, keys: list[str]) -> None:
        """Blobs to one worker, once: a key sent after the task was submitted
        reached the worker after the task ran, and is not sent again."""
        if not keys:
            return
        self.clock += 1
        for key in keys:
            self.sent[(worker, key)] = self.clock
        try:
            self.client.run(receive, {k: self.kits.payload(k) for k in keys}, workers=[worker])
        except Exception:  # noqa: BLE001 - the worker is gone; the task runs again elsewhere
            pass


def _who(task: Task) -> str | None:
    return task.record.name if task.record else None


def _write(task: Task, o: Outcome) -> Outcome:
    """A document from a worker, written where it belongs."""
    if not o.ok:
        return o
    out = Path(next(x.out for x in task.outputs if x.rel == o.rel))
    try:
        atomic_write(out, o.data)
        return replace(o, data=None, mtime_ns=out.stat().st_mtime_ns)
    except Exception as exc:  # noqa: BLE001 - fails this document, not the build
        return failed(o.rel, exc, _who(task))


def _lost(task: Task, exc: BaseException) -> list[Outcome]:
    err = RenderError(f"the Dask cluster could not run this document: {type(exc).__name__}: {exc}",
                      hint="see the Dask workers' logs (a worker that keeps dying is often out of memory: "
                           "raise dask worker --memory-limit); build again to retry")
    return [failed(o.rel, err, _who(task)) for o in task.outputs]
