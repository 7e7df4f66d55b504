"""The work done for one record, in a worker process or in-process.

A worker receives a small ``Task`` (template, record, and the formats to
write with their output paths), renders the record's Document once with a
``Renderer`` cached per template for the life of the process (fonts, theme,
Jinja environment and writers are loaded once), writes each format's bytes
atomically straight into the output folder and returns one small ``Outcome``
per file (status, sha256, pages, fonts, diagnostics) — never the bytes.
Rendering a record's formats together lets the DOCX take its page count from
the PDF just made instead of laying the document out a second time.

``render`` is the part every executor shares: a Dask worker
(``dask_worker.py``) gives it another ``finish`` that keeps the bytes in the
Outcome instead of writing them, for the client to write.
"""
from __future__ import annotations

import os
import signal
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from typing import Callable

from ..data import Record
from ..errors import ReportgenError
from ..iofs import atomic_write
from ..templating.template import Template
from .inputs import sha256_bytes


@dataclass(frozen=True)
class Output:
    fmt: str
    out: str  # absolute path
    rel: str  # relative to the output folder (the manifest's key)


@dataclass(frozen=True)
class Task:
    template: Template
    record: Record | None  # None: a roll-up over ``records``
    outputs: tuple[Output, ...]  # the formats to write, in this order (PDF first)
    records: tuple | None = None  # every record's values, for a roll-up only


@dataclass
class Outcome:
    rel: str
    ok: bool
    sha256: str | None = None
    bytes: int = 0
    pages: int | None = None
    fonts: list[str] = field(default_factory=list)
    diagnostics: list[dict] = field(default_factory=list)
    message: str = ""
    mtime_ns: int | None = None
    data: bytes | None = None  # the document, from a worker that does not write it (Dask)


class ParentGone(BaseException):
    """Raised in a worker whose build process died, to unwind (removing a
    half-written temporary file) and quit."""


_STATE: dict = {"shared": {}, "theme": None, "fonts": {}, "keep_dir": None, "renderers": {}}


def init_worker(shared: dict, settings: tuple, ignore_sigint: bool = True, parent: int | None = None) -> None:
    """Runs once in each worker process.  The parent handles Ctrl-C and
    SIGTERM: it lets running documents finish and stops handing out new ones."""
    if ignore_sigint:  # pool workers: the parent stops them (and they die with it)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        parent = parent or os.getppid()

        def on_term(signum, frame):
            # SIGTERM to the whole process group: the parent finishes the
            # build.  SIGTERM because the parent died (PR_SET_PDEATHSIG): quit
            # now; unwinding removes a half-written temporary file.
            if os.getppid() != parent:
                if _STATE.get("busy"):
                    # Unwind through atomic_write, then quit.  Code that swallows
                    # the exception (seen: a signal landing in lxml's import) still
                    # quits when the task ends, instead of taking the next one.
                    _STATE["gone"] = True
                    raise ParentGone
                os._exit(143)

        signal.signal(signal.SIGTERM, on_term)
        if os.getppid() != parent:  # the build died before the handler was in place
            os._exit(143)
    _STATE["shared"] = shared
    # the project's theme override, its font files, where markup errors keep
    # their Markdown, and the build's timestamp (every document's creation time)
    _STATE["theme"], _STATE["fonts"], _STATE["keep_dir"], _STATE["stamp"] = settings
    _STATE["renderers"] = {}


def _renderer(task: Task):
    from ..pipeline import Renderer

    cache = _STATE["renderers"]
    key = (task.template.dir, task.template.entry)
    if key not in cache:
        cache[key] = Renderer(task.template, _STATE["theme"], keep_dir=_STATE["keep_dir"],
                              fonts=_STATE.get("fonts"), stamp=_STATE.get("stamp"))
    return cache[key]


def run_task(task: Task) -> list[Outcome]:
    _STATE["busy"] = True
    try:
        return _run_task(task)
    except ParentGone:
        os._exit(143)  # the pool would otherwise catch the exception and carry on
    finally:
        _STATE["busy"] = False
        if _STATE.get("gone"):
            os._exit(143)


def _run_task(task: Task) -> list[Outcome]:
    return render(task, lambda: _renderer(task), _STATE["shared"], write_file)


def render(task: Task, renderer_for: Callable, shared: dict, finish: Callable) -> list[Outcome]:
    """Render ``task``'s record once and each of its formats: ``finish(output,
    WriterResult)`` makes each Outcome.  Anything that goes wrong fails the
    record's files (or one file), never the build.  The record has passed its
    schema in the check stage (preflight.py), which planned no other."""
    from ..project import context_for

    who = task.record.name if task.record else None
    try:
        renderer = renderer_for()
        ctx = context_for(shared, task.record, list(task.records) if task.records is not None else None)
        text = renderer.markdown(ctx, who)
        doc = renderer.document(text, who)
    except Exception as exc:  # noqa: BLE001 - fails this record's files, not the build
        return [failed(o.rel, exc, who) for o in task.outputs]
    return [_write(renderer, doc, text, o, who, finish) for o in task.outputs]


def _write(renderer, doc, text: str, o: Output, who: str | None, finish: Callable) -> Outcome:
    try:
        return finish(o, renderer.write(doc, o.fmt, text, who))
    except Exception as exc:  # noqa: BLE001 - a bug must fail one document, not the build
        return failed(o.rel, exc, who)


def write_file(o: Output, result) -> Outcome:
    """Write a document atomically where it belongs; its Outcome keeps no bytes."""
    out = Path(o.out)
    atomic_write(out, result.data)
    return Outcome(o.rel, True, sha256_bytes(result.data), len(result.data), result.pages,
                   list(result.fonts), mtime_ns=out.stat().st_mtime_ns)


def failed(rel: str, exc: BaseException, who: str | None) -> Outcome:
    if isinstance(exc, ReportgenError):
        if who:
            exc = exc.with_record(who)
        return Outcome(rel, False, diagnostics=[_diag(d) for d in exc.diagnostics], message=str(exc))
    where = traceback.extract_tb(exc.__traceback__)[-1]
    msg = (f"internal error: {type(exc).__name__}: {exc} "
           f"(at {Path(where.filename).name}:{where.lineno}; please report it)")
    if who:
        msg += f" (record {who})"
    return Outcome(rel, False, message=msg, diagnostics=[{"message": msg, "record": who}])


def _diag(d) -> dict:
    keys = ("message", "file", "line", "col", "record", "hint", "severity")
    return {k: getattr(d, k) for k in keys if getattr(d, k, None) is not None}
