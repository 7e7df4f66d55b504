"""Plan a build: every (template × record × format) → one output file.

Planning reads nothing but the records already loaded and writes nothing.  It
names every output file (made safe, always inside the output folder) and
refuses, before anything is written, a plan in which two documents would land
on the same file.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..data import Record
from ..errors import ConfigError, DataError, ReportgenError
from ..iofs import output_path, shown
from ..project import Project, fill, select_templates
from ..templating.template import Template

ROLLUP_LABEL = "(all records)"


@dataclass(frozen=True)
class Job:
    """One document to produce."""

    template: Template
    record: Record | None  # None for a roll-up template (scope: all)
    fmt: str
    out: Path  # absolute path inside the project's output folder
    rel: str  # ``out`` relative to the output folder, with forward slashes

    @property
    def record_name(self) -> str:
        return self.record.name if self.record else ROLLUP_LABEL

    @property
    def label(self) -> str:
        return f"{self.template.name}/{self.record_name}.{self.fmt}"


@dataclass(frozen=True)
class PlanFailure:
    """A record that cannot be planned (e.g. its output name needs a field it lacks)."""

    label: str
    error: ReportgenError


def plan(project: Project, records: list[Record], formats: tuple[str, ...],
         only: tuple[str, ...] = ()) -> tuple[list[Job], list[PlanFailure]]:
    """The jobs of a build and the records that could not be planned.

    Raises DataError when two documents would be written to one file."""
    jobs: list[Job] = []
    failures: list[PlanFailure] = []
    seen: dict[str, Job] = {}
    for tpl in select_templates(project, only):
        pattern = tpl.output or project.output
        for fmt in formats:
            for rec in ([None] if tpl.scope == "all" else records):
                try:
                    job = _job(project, tpl, rec, fmt, pattern)
                except ReportgenError as exc:
                    failures.append(PlanFailure(f"{tpl.name}/{rec.name if rec else ROLLUP_LABEL}.{fmt}", exc))
                    continue
                _check_unique(seen, job, project)
                jobs.append(job)
    return jobs, failures


def _job(project: Project, tpl: Template, rec: Record | None, fmt: str, pattern: str) -> Job:
    fields = dict(rec.values) if rec else {}
    fields.update(template=tpl.name, name=rec.name if rec else tpl.name, ext=fmt, format=fmt)
    try:
        rel = fill(pattern, fields, safe=True)
    except KeyError as exc:
        raise DataError(f"the output name pattern {pattern!r} uses {exc.args[0]!r}, which the record lacks",
                        file=rec.source if rec else None, line=rec.line if rec else None,
                        record=rec.name if rec else None,
                        hint="add the field to the record or change 'output:'") from None
    except (ValueError, TypeError) as exc:
        raise DataError(f"the output name pattern {pattern!r} cannot be filled: {exc}",
                        file=rec.source if rec else None, record=rec.name if rec else None) from None
    out = output_path(project.out_dir, rel)
    return Job(tpl, rec, fmt, out, out.relative_to(project.out_dir).as_posix())


def _check_unique(seen: dict[str, Job], job: Job, project: Project) -> None:
    # Compare as a case-insensitive file system would (Windows, macOS).
    key = unicodedata.normalize("NFC", job.rel).casefold()
    other = seen.get(key)
    if other is not None and other.template is not job.template and other.record is job.record:
        tpl = job.template
        file, line = tpl.where("output") if tpl.output else project.where("output")
        raise ConfigError(f"{other.template.name} and {tpl.name} would both write {job.rel}",
                          file=file, line=line, hint="put {template} in the output name pattern; nothing was written")
    if other is not None:
        where = [shown(j.record.source) or "" for j in (other, job) if j.record]
        raise DataError(
            f"{other.template.name}/{other.record_name} and {job.template.name}/{job.record_name} "
            f"would both be written to {job.rel}" + (f" (from {' and '.join(where)})" if where else ""),
            file=job.record.source if job.record else None, line=job.record.line if job.record else None,
            hint="make record names unique or change the output name pattern; nothing was written")
    seen[key] = job
