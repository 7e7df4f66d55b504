"""Run a build: load, plan, decide what is out of date, render, record.

``build()`` is what ``reportgen.build`` (and so the CLI) runs.  Rendering happens in an executor
(``executor.py``: a process pool, in-process for ``jobs=1``, or a Dask
cluster); this module decides what to render and keeps the manifest and the
result.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic
from ..errors import DataError, ReportgenError, UsageError
from ..iofs import shown
from ..project import ExecutorConfig, Project
from ..writers import build_stamp
from .executor import execute, executor_for
from .inputs import InputHasher, combine, font_fingerprint
from .manifest import Manifest
from .plan import Job, plan
from .preflight import group, preflight
from .worker import Outcome, Output, Task

NEW, CHANGED, CURRENT = "new", "changed", "up to date"


@dataclass
class Decision:
    job: Job
    status: str  # NEW / CHANGED / CURRENT
    reasons: list[str]
    parts: dict[str, str]
    project_root: Path | None = None


@dataclass
class BuildResult:
    """What a build did (``reportgen.build`` returns it; the CLI prints it).

    ``built`` and ``skipped`` (up to date) are the documents' Jobs (``rel``:
    the path inside the output folder; ``out``: the file; ``template``,
    ``record``, ``fmt``); ``failed`` holds (label, ReportgenError) pairs, the
    label naming the document and its data file (empty when the error itself
    names the file); ``decisions`` say for every planned document whether it
    was new, changed (and what changed) or up to date; ``seconds`` is the
    wall time; ``interrupted`` is True after Ctrl-C or SIGTERM."""

    built: list[Job] = field(default_factory=list)
    skipped: list[Job] = field(default_factory=list)
    failed: list[tuple[str, ReportgenError]] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False
    warnings: list[Diagnostic] = field(default_factory=list)  # from the check stage, each once

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every diagnostic of every failure (file, line, record, hint), in order."""
        return [d for _label, exc in self.failed for d in exc.diagnostics]

    @property
    def exit_code(self) -> int:
        """0: all built; 1: something failed; 130: interrupted (the CLI's exit status)."""
        if self.interrupted:
            return 130
        return 1 if self.failed else 0


def build(project: Project, formats: tuple[str, ...] | None = None, only: tuple[str, ...] = (),
          *, jobs: int | None = None, force: bool = False, fail_fast: bool = False,
          list_only: bool = False, keep_going: bool = False, on_event=None, reporter=None,
          executor: ExecutorConfig | None = None) -> BuildResult:
    """Build every out-of-date document of ``project``.

    The check stage (preflight.py) runs first: when it finds a problem,
    nothing is rendered and its ConfigError (a problem of the project's own
    files) or DataError (of data files and records) is raised, listing every
    problem once.  With ``keep_going``, data problems fail only the records
    they concern and the others are built.

    ``on_event(kind, job, error)`` is called with kind "built" or "failed"
    (``job`` is a label for a record that failed before rendering);
    ``reporter`` (see progress.py) shows progress.  With
    ``list_only`` nothing is written: the result's ``decisions`` say what
    would be built and why.  ``executor``: where documents are rendered
    (None: the project's ``executor:``, else the local process pool)."""
    t0 = time.perf_counter()
    result = BuildResult()
    config = executor or project.executor
    if config is not None and config.kind == "dask" and project.config.get("plugins"):
        raise UsageError("plugins are not shipped to Dask workers yet", file=project.where("plugins")[0],
                         line=project.where("plugins")[1], hint="build this project with the local executor")
    checked = preflight(project, only, formats)
    if checked.config or (checked.data and not keep_going):
        raise checked.error()
    result.warnings = group(checked.warnings)
    records = [r for r in checked.records if r.name not in checked.blocked]
    load_errors = [DataError(checked.errors)] if checked.data else []
    shared = checked.shared
    planned, plan_failures = plan(project, checked.records, tuple(formats or project.formats), only)
    blocked = [j for j in planned if j.record is not None and j.record.name in checked.blocked]
    planned = [j for j in planned if j not in blocked]
    manifest = Manifest.load(project.out_dir)
    if not list_only:
        for job in blocked:  # the manifest says why these were not built
            manifest.record(_blocked_entry(job, [d for d in checked.data if d.record == job.record.name], project))
    result.decisions = decide(planned, manifest, InputHasher(shared, records, project.theme, project.fonts), force)
    for d in result.decisions:
        d.project_root = project.root
    for exc in load_errors:
        result.failed.append(("", exc))  # the message names the file and line
    for pf in plan_failures:
        result.failed.append((pf.label, pf.error))
    if list_only:
        result.seconds = time.perf_counter() - t0
        return result
    if on_event:
        for label, exc in result.failed:
            on_event("failed", label, exc)
    clean_partials(project.out_dir)
    try:
        if not (fail_fast and result.failed):
            _run(project, result, manifest, shared, records, jobs, fail_fast, on_event, reporter,
                 executor or project.executor)
    finally:
        _forget_removed(manifest, planned, formats or project.formats)
        manifest.save(project.name)
        result.seconds = time.perf_counter() - t0
    return result


def decide(planned: list[Job], manifest: Manifest, hasher: InputHasher, force: bool) -> list[Decision]:
    out = []
    fp_cache: dict[tuple, str] = {}
    for job in planned:
        parts = hasher.parts(job)
        entry = manifest.entries.get(job.rel)
        if job.fmt == "pdf":
            fonts = tuple((entry or {}).get("fonts") or ())
            if fonts not in fp_cache:
                fp_cache[fonts] = font_fingerprint(list(fonts))
            parts["fonts"] = fp_cache[fonts]
        h = combine(parts)
        status, reasons = _status(job, entry, manifest, h, parts, force)
        out.append(Decision(job, status, reasons, parts))
    return out


def _status(job: Job, entry: dict | None, manifest: Manifest, h: str, parts: dict, force: bool):
    if entry is None:
        return NEW, ["new"]
    if entry.get("status") == "failed":
        return CHANGED, ["failed last time"]
    if not (manifest.out_dir / job.rel).exists():
        return CHANGED, ["file missing"]
    if not force and manifest.is_current(job.rel, h):
        return CURRENT, []
    if force:
        return CHANGED, ["forced"]
    old = entry.get("inputs") or {}
    return CHANGED, [k for k, v in parts.items() if old.get(k) != v] or ["file changed"]


def _run(project, result, manifest, shared, records, jobs, fail_fast, on_event, reporter, config) -> None:
    todo = [d for d in result.decisions if d.status != CURRENT]
    for d in result.decisions:
        if d.status == CURRENT:
            result.skipped.append(d.job)
            manifest.entries[d.job.rel]["status"] = "skipped"
    todo.sort(key=lambda d: d.job.record is not None)  # roll-ups (the longest) first
    by_rel = {d.job.rel: d for d in todo}
    tasks = _tasks(todo, tuple(r.values for r in records))
    runner = executor_for(config, _workers(jobs, len(tasks)))

    def handle(outcomes: list[Outcome]) -> bool:
        stop = False
        for o in outcomes:
            d = by_rel[o.rel]
            manifest.record(_entry(d, o))
            if o.ok:
                result.built.append(d.job)
                _forget_kept(project, d.job)
            else:
                result.failed.append((_failure_label(d), _error(o)))
            if reporter:
                reporter.advance(d.job, o)
            if on_event:
                on_event("built" if o.ok else "failed", d.job, None if o.ok else result.failed[-1][1])
            stop = stop or (not o.ok and fail_fast)
        return stop

    try:
        result.interrupted = execute(runner, tasks, shared, render_settings(project), handle,
                                     on_start=lambda: reporter and reporter.start(len(todo), len(result.skipped)))
    finally:
        if reporter:
            reporter.stop()


def _forget_kept(project: Project, job: Job) -> None:
    """A document that now builds no longer needs the Markdown kept from its last markup error."""
    from ..pipeline import kept_markdown

    kept = kept_markdown(project.out_dir / ".reportgen" / "intermediate", job.template.name,
                         job.record.name if job.record else None)
    if kept.is_file():
        kept.unlink()


def render_settings(project: Project) -> tuple:
    """What every worker's Renderer needs besides the template: the theme
    override, the font files, where to keep Markdown with markup errors, and
    the build's timestamp (taken once, here: every document's creation time)."""
    return project.theme, project.fonts, project.out_dir / ".reportgen" / "intermediate", build_stamp()


def _failure_label(d: Decision) -> str:
    """``brief/第1区.docx (data/d001.yaml)``: the document and the data it came from."""
    rec = d.job.record
    if rec is None:
        return d.job.label
    where = shown(rec.source, d.project_root) + (f":{rec.line}" if rec.line else "")
    return f"{d.job.label} ({where})"


def _workers(jobs: int | None, n: int) -> int:
    want = jobs if jobs and jobs > 0 else (os.cpu_count() or 1)
    return max(1, min(want, n))


def _tasks(todo: list[Decision], values: tuple) -> list[Task]:
    """One task per record (and template) with every format of it to build,
    PDF first: the worker renders the Document once, and the DOCX takes its
    page count from the PDF just made."""
    groups: dict[tuple, list[Job]] = {}
    for d in todo:
        groups.setdefault((d.job.template.dir, id(d.job.record)), []).append(d.job)
    tasks = []
    for jobs in groups.values():
        jobs.sort(key=lambda j: j.fmt != "pdf")
        first = jobs[0]
        tasks.append(Task(first.template, first.record,
                          tuple(Output(j.fmt, str(j.out), j.rel) for j in jobs),
                          records=values if first.record is None else None))
    return tasks


def _entry(d: Decision, o: Outcome) -> dict:
    job = d.job
    e = {"path": job.rel, "template": job.template.name, "record": job.record_name,
         "source": shown(job.record.source, d.project_root) if job.record else None,
         "line": job.record.line if job.record else None, "format": job.fmt}
    if o.ok:
        parts = dict(d.parts)
        if job.fmt == "pdf":
            parts["fonts"] = font_fingerprint(o.fonts)
        e.update(status="built", sha256=o.sha256, bytes=o.bytes, mtime_ns=o.mtime_ns, pages=o.pages,
                 input_hash=combine(parts), inputs=parts, fonts=o.fonts)
    else:
        e.update(status="failed", sha256=None, pages=None, input_hash=None, error=o.message,
                 diagnostics=o.diagnostics)
    return e


def _blocked_entry(job: Job, diags: list[Diagnostic], project: Project) -> dict:
    """The manifest entry of a document whose record failed the check stage."""
    from dataclasses import asdict

    return {"path": job.rel, "template": job.template.name, "record": job.record_name,
            "source": shown(job.record.source, project.root) if job.record else None,
            "line": job.record.line if job.record else None, "format": job.fmt, "status": "failed",
            "sha256": None, "pages": None, "input_hash": None, "error": "; ".join(d.message for d in diags),
            "diagnostics": [asdict(d) for d in diags]}


def _error(o: Outcome) -> ReportgenError:
    diags = [Diagnostic(**d) for d in o.diagnostics] or [Diagnostic(o.message)]
    return ReportgenError(diags)


def _forget_removed(manifest: Manifest, planned: list[Job], formats) -> None:
    """Drop manifest entries of this build's templates and formats that were
    not planned (a record or template removed) and whose file is gone."""
    names = {j.template.name for j in planned}
    keep = {j.rel for j in planned}
    for rel, e in list(manifest.entries.items()):
        if rel in keep or e.get("template") not in names or e.get("format") not in formats:
            continue
        if e.get("status") == "failed" or not (manifest.out_dir / rel).exists():
            del manifest.entries[rel]


def clean_partials(out_dir: Path) -> int:
    """Remove temporary ``*.part`` files a killed build left behind."""
    n = 0
    if out_dir.is_dir():
        for p in out_dir.rglob("*.part"):
            try:
                p.unlink()
                n += 1
            except OSError:
                pass
    return n
