"""The work done for one document, in a worker process or in-process.

A worker receives a small ``Task`` (template folder, record, format, output
path), renders it with a ``Renderer`` cached per template for the life of the
process (fonts, theme, Jinja environment and writers are loaded once), writes
the bytes atomically straight into the output folder and returns a small
``Outcome`` (status, sha256, pages, fonts, diagnostics) — never the bytes.
"""
from __future__ import annotations

import os
import re
import signal
import traceback
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from ..data import Record
from ..errors import DataError, ReportgenError
from ..iofs import atomic_write
from .inputs import sha256_bytes


@dataclass(frozen=True)
class Task:
    template_dir: str
    template_name: str
    record: Record | None  # None: a roll-up over ``records``
    fmt: str
    out: str
    rel: str
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
    # the project's theme override, its font files, and where markup errors keep their Markdown
    _STATE["theme"], _STATE["fonts"], _STATE["keep_dir"] = settings
    _STATE["renderers"] = {}


def _renderer(task: Task):
    from ..pipeline import Renderer, load_template

    cache = _STATE["renderers"]
    if task.template_dir not in cache:
        cache[task.template_dir] = Renderer(load_template(task.template_dir), _STATE["theme"],
                                            keep_dir=_STATE["keep_dir"],
                                            fonts=_STATE.get("fonts"))
    return cache[task.template_dir]


def run_task(task: Task) -> Outcome:
    _STATE["busy"] = True
    try:
        return _run_task(task)
    except ParentGone:
        os._exit(143)  # the pool would otherwise catch the exception and carry on
    finally:
        _STATE["busy"] = False
        if _STATE.get("gone"):
            os._exit(143)


def _run_task(task: Task) -> Outcome:
    from .plan import context_for

    who = task.record.name if task.record else None
    try:
        renderer = _renderer(task)
        check_schema(renderer.template, task.record)
        ctx = context_for(_STATE["shared"], task.record, list(task.records) if task.records is not None else None)
        data = renderer.render(ctx, task.fmt, record=who)
        out = Path(task.out)
        atomic_write(out, data)
        return Outcome(task.rel, True, sha256_bytes(data), len(data), page_count(data, task.fmt),
                       fonts_used(data) if task.fmt == "pdf" else [], mtime_ns=out.stat().st_mtime_ns)
    except ReportgenError as exc:
        if who:
            exc = exc.with_record(who)
        return Outcome(task.rel, False, diagnostics=[_diag(d) for d in exc.diagnostics], message=str(exc))
    except Exception as exc:  # noqa: BLE001 - a bug must fail one document, not the build
        where = traceback.extract_tb(exc.__traceback__)[-1]
        msg = (f"internal error: {type(exc).__name__}: {exc} "
               f"(at {Path(where.filename).name}:{where.lineno}; please report it)")
        if who:
            msg += f" (record {who})"
        return Outcome(task.rel, False, message=msg, diagnostics=[{"message": msg, "record": who}])


def check_schema(template, record: Record | None) -> None:
    """A record that breaks its template's schema fails with every violation
    (file:line of each field), before rendering."""
    if record is None or template.schema is None:
        return
    from ..data.validate import check_record

    problems = [d for d in check_record(record, template.schema) if d.severity == "error"]
    if problems:
        raise DataError(problems)


def _diag(d) -> dict:
    keys = ("message", "file", "line", "col", "record", "hint", "severity")
    return {k: getattr(d, k) for k in keys if getattr(d, k, None) is not None}


_PAGE = re.compile(rb"/Type\s*/Page(?![a-z])")


def page_count(data: bytes, fmt: str) -> int | None:
    """Pages of a PDF (a cheap scan of its page objects) or, for DOCX, the
    Pages figure of docProps/app.xml when the writer put one there."""
    if fmt == "pdf":
        n = len(_PAGE.findall(data))
        return n or _pypdf_pages(data)
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            app = z.read("docProps/app.xml")
    except (KeyError, zipfile.BadZipFile):
        return None
    m = re.search(rb"<(?:\w+:)?Pages>(\d+)<", app)
    return int(m.group(1)) if m else None


def _pypdf_pages(data: bytes) -> int | None:
    try:
        from pypdf import PdfReader

        return len(PdfReader(BytesIO(data)).pages)
    except Exception:  # noqa: BLE001 - pypdf is optional; a count is a nicety
        return None


_BASEFONT = re.compile(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([^\s/<>\[\]()]+)")


def fonts_used(data: bytes) -> list[str]:
    """Files of the TrueType fonts a PDF embeds: the PostScript names in the
    PDF's /BaseFont entries matched against the fonts registered with ReportLab."""
    from reportlab.pdfbase import pdfmetrics

    wanted = {m for m in _BASEFONT.findall(data)}
    paths = set()
    for reg in pdfmetrics.getRegisteredFontNames():
        face = getattr(pdfmetrics.getFont(reg), "face", None)
        ps = getattr(face, "name", None)
        if not isinstance(ps, bytes):
            continue
        ps += getattr(face, "subfontNameX", b"") or b""
        if ps in wanted and isinstance(getattr(face, "filename", None), str):
            paths.add(face.filename)
    return sorted(paths)
