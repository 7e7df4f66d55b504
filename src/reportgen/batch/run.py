"""Run planned jobs and report.  (Sequential foundation version.)"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from ..config import Project
from ..errors import ReportgenError
from ..iofs import atomic_write
from ..pipeline import Renderer
from .plan import Job, context_for, load_all_records, load_shared, plan


@dataclass
class BuildResult:
    built: list[Job] = field(default_factory=list)
    skipped: list[Job] = field(default_factory=list)
    failed: list[tuple[str, ReportgenError]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def build(project: Project, formats: tuple[str, ...] | None = None, only: tuple[str, ...] = (),
          *, on_event=None, **_ignored) -> BuildResult:
    t0 = time.perf_counter()
    result = BuildResult()
    records, load_errors = load_all_records(project)
    for exc in load_errors:
        result.failed.append((exc.diagnostic.file or "data", exc))
    shared = load_shared(project)
    jobs = plan(project, records, formats or project.formats, only)
    renderers: dict[str, Renderer] = {}
    for job in jobs:
        try:
            r = renderers.get(job.template.name)
            if r is None:
                r = renderers[job.template.name] = Renderer(job.template, project.theme)
            ctx = context_for(shared, job.record, records if job.record is None else None)
            data = r.render(ctx, job.fmt, record=job.record.name if job.record else None)
            atomic_write(job.out, data)
            result.built.append(job)
            if on_event:
                on_event("built", job, None)
        except ReportgenError as exc:
            if job.record and not exc.diagnostic.file:
                exc = exc.with_record(job.record.name)
            result.failed.append((job.label, exc))
            if on_event:
                on_event("failed", job, exc)
    result.seconds = time.perf_counter() - t0
    return result
