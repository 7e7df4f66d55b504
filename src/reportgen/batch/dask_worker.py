"""What runs inside a Dask worker process (see dask_executor.py for the client).

A task is self-contained: a ``RemoteTask`` carries the record (and its
outputs) and a ``Kit``: the content hashes of the template's files, the
theme, the shared data and every font file the project or theme names.  A
worker keeps what it was given for its life: templates are written under
its cache folder (by hash, so worker processes on one machine share them),
the theme and shared data stay in memory, and a font file is used in place
when the worker has the same file (same path, same sha256), else written to
the cache.  A task whose kit the worker lacks returns ``Reply.missing``;
the client sends those blobs to that worker once (``receive``, through
``Client.run``) and submits the task again.  Nothing depends on a shared
file system or on data held by another worker, so a lost worker costs only
its running tasks, which Dask runs again.

One renderer per template and kit is kept for the worker's life.  Rendering
is serialized in a worker process (Renderer and ReportLab are not
thread-safe): start workers with one thread each (``--nthreads 1``).  The
documents' bytes come back in the Outcomes; the client writes them.
"""
from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from ..iofs import atomic_write, cache_dir, shown
from .inputs import sha256_bytes, sha256_file
from .worker import Outcome, Output, Task, render

SCHEMA_OUTSIDE = ".schema"  # where a template's schema.yaml from outside its folder is put
KEEP = 256  # blobs a worker keeps (themes, shared data, …), the least recently used dropped first
KEEP_RENDERERS = 16  # renderers (one per template and build) a worker keeps


@dataclass(frozen=True)
class Kit:
    """What a record needs besides itself, by content hash (blob keys)."""

    template: str  # "template:<sha256 of its files>"
    theme: str  # "theme:<Theme.digest()>"
    shared: str  # "shared:<digest of the shared data>"
    font_files: tuple[tuple[str, str], ...]  # (the client's path, "font:<sha256>") of each named font file
    project_fonts: tuple[tuple[str, str], ...]  # the project's ``fonts:``: (face, the client's path)
    stamp: datetime  # the build's timestamp
    epoch: str | None  # the client's SOURCE_DATE_EPOCH (ReportLab dates a PDF by it), for the same bytes

    def keys(self) -> list[str]:
        return [self.template, self.theme, self.shared, *(key for _path, key in self.font_files)]


@dataclass(frozen=True)
class RemoteTask:
    kit: Kit
    task: Task  # its template's paths are the client's; outputs name the client's files


@dataclass(frozen=True)
class TemplateBlob:
    """A template's files: ``files`` relative to its folder ``folder``."""

    folder: str
    files: dict[str, bytes]


@dataclass
class Reply:
    worker: str  # the worker's address
    missing: tuple[str, ...] = ()  # blob keys to send to this worker, then run the task again
    outcomes: list[Outcome] = field(default_factory=list)


class _Lru(OrderedDict):
    def __init__(self, keep: int):
        super().__init__()
        self.keep = keep

    def get(self, key, default=None):
        if key in self:
            self.move_to_end(key)
            return self[key]
        return default

    def put(self, key, value) -> None:
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.keep:
            self.popitem(last=False)


_HAVE = _Lru(KEEP)  # blob key → a template folder here, a Theme, the shared data, or a font file here
_RENDERERS = _Lru(KEEP_RENDERERS)
_LOCK = threading.Lock()  # one render at a time in a process
_STORE = threading.Lock()  # guards _HAVE (never held while rendering)


def run_remote(rt: RemoteTask) -> Reply:
    """The Dask task: render one record's formats, or say what is missing."""
    from distributed import get_worker

    here = get_worker().address
    with _STORE:
        have = {key: _find(key, rt) for key in rt.kit.keys()}
    missing = tuple(key for key, value in have.items() if value is None)
    if missing:
        return Reply(here, missing)
    with _LOCK:
        renderer, local = _renderer(rt, have)
        _environ("SOURCE_DATE_EPOCH", rt.kit.epoch)
        outcomes = render(rt.task, lambda: renderer, have[rt.kit.shared], _keep_bytes)
    return Reply(here, outcomes=[_as_client(o, local) for o in outcomes])


def receive(blobs: dict[str, Any]) -> None:
    """Run by the client on this worker (``Client.run``): keep these blobs."""
    for key, payload in blobs.items():
        value = _install(key, payload)
        with _STORE:
            _HAVE.put(key, value)


def version() -> str:
    """This worker's reportgen version (the client checks that it is its own)."""
    from ..version import __version__

    return __version__


def quiet_sigint():
    """A worker plugin: a LocalCluster's workers ignore Ctrl-C, which the
    client handles (running documents finish, nothing new starts)."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class QuietSigint(WorkerPlugin):
        def setup(self, worker):
            if threading.current_thread() is threading.main_thread():
                signal.signal(signal.SIGINT, signal.SIG_IGN)

    return QuietSigint()


def _environ(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


def _keep_bytes(o: Output, result) -> Outcome:
    return Outcome(o.rel, True, sha256_bytes(result.data), len(result.data), result.pages, list(result.fonts),
                   data=result.data)


def _find(key: str, rt: RemoteTask):
    """The blob ``key`` if this worker has it: in memory, else on disk (a
    template or font file from an earlier life of the worker), else a named
    font file in place (the same file at the client's path)."""
    value = _HAVE.get(key)
    if value is None:
        kind, digest = key.split(":", 1)
        if kind == "template":
            folder = _cache("templates") / digest / rt.task.template.dir.name
            value = folder if folder.is_dir() else None
        elif kind == "font":
            value = _font_here(next(p for p, k in rt.kit.font_files if k == key), digest)
        if value is not None:
            _HAVE.put(key, value)
    return value


def _font_here(path: str, sha: str) -> str | None:
    cached = _cache("fonts") / sha
    for candidate in [path, *(str(p) for p in cached.glob("*"))]:
        if os.path.isfile(candidate) and sha256_file(Path(candidate)) == sha:
            return candidate
    return None


def _install(key: str, payload: Any) -> Any:
    kind, digest = key.split(":", 1)
    if kind == "template":
        return _template_here(digest, payload)
    if kind == "font":
        name, data = payload
        path = _cache("fonts") / digest / name
        if not path.exists():
            atomic_write(path, data)
        return str(path)
    return payload  # a Theme, the shared data


def _template_here(digest: str, blob: TemplateBlob) -> Path:
    """The template's files, written once under the cache folder by hash (a
    folder renamed into place: worker processes on one machine may race)."""
    home = _cache("templates") / digest
    folder = home / blob.folder
    if not folder.is_dir():
        home.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=home, prefix=".part-"))
        try:
            for rel, data in blob.files.items():
                (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
                (tmp / rel).write_bytes(data)
            os.replace(tmp, folder)
        except OSError:
            if not folder.is_dir():
                raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return folder


def _cache(kind: str) -> Path:
    return cache_dir("dask") / kind


def _renderer(rt: RemoteTask, have: dict):
    """The renderer of this template and kit (kept for the worker's life),
    and the local → client path of each file the worker holds elsewhere."""
    from ..pipeline import Renderer

    kit, tpl = rt.kit, rt.task.template
    key = (kit, tpl.dir)  # the same files in two places: the messages name the client's
    found = _RENDERERS.get(key)
    if found is None:
        folder = have[kit.template]
        here = {p: have[k] for p, k in kit.font_files if have[k] != p}  # client path → local file
        theme = have[kit.theme]
        if any(p in here for p in theme.font_files.values()):
            theme = replace(theme, font_files={f: here.get(p, p) for f, p in theme.font_files.items()})
        schema = None
        if tpl.schema is not None:
            inside = tpl.schema.is_relative_to(tpl.dir)
            schema = folder / (tpl.schema.relative_to(tpl.dir) if inside else Path(SCHEMA_OUTSIDE, tpl.schema.name))
        renderer = Renderer(replace(tpl, dir=folder, schema=schema), theme, keep_dir=None, stamp=kit.stamp,
                            fonts={face: here.get(p, p) for face, p in kit.project_fonts})
        local = {mine: theirs for theirs, mine in here.items()}
        local[str(folder)] = str(tpl.dir)
        found = (renderer, local)
        _RENDERERS.put(key, found)
    return found


def _as_client(o: Outcome, local: dict[str, str]) -> Outcome:
    """The outcome with this worker's paths (template folder, font files) as the client's."""
    fonts = [local.get(f, f) for f in o.fonts]
    if o.ok:
        return replace(o, fonts=fonts)
    pairs = [(form, shown(theirs) or theirs) for mine, theirs in local.items() for form in {mine, shown(mine)}]

    def text(s):
        if isinstance(s, str):
            for mine, theirs in pairs:
                s = s.replace(mine, theirs)
        return s

    return replace(o, message=text(o.message), diagnostics=[{k: text(v) for k, v in d.items()} for d in o.diagnostics])
