"""Plan a build: every (template × record × format) → one output file."""
from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Project
from ..data import Record, load_mapping, load_records
from ..errors import DataError, ReportgenError, UsageError
from ..iofs import output_path
from ..pipeline import Template


@dataclass(frozen=True)
class Job:
    template: Template
    record: Record | None  # None for a roll-up template (scope: all)
    fmt: str
    out: Path

    @property
    def label(self) -> str:
        who = self.record.name if self.record else "(all records)"
        return f"{self.template.name}/{who}.{self.fmt}"


def lookup(values: dict, dotted: str) -> Any:
    cur: Any = values
    for part in dotted.split("."):
        if isinstance(cur, dict) and part in cur:
            cur = cur[part]
        else:
            raise KeyError(dotted)
    return cur


def fill(pattern: str, fields: dict) -> str:
    """``{template}/{district.name}.{ext}`` filled from ``fields`` (dotted keys looked up)."""
    out = []
    for literal, name, spec, conv in string.Formatter().parse(pattern):
        out.append(literal)
        if name is not None:
            value = lookup(fields, name)
            out.append(format(value, spec or ""))
    return "".join(out)


def load_shared(project: Project) -> dict:
    merged: dict = {}
    for rel in project.shared:
        merged.update(load_mapping(project.root / rel))
    return merged


def load_all_records(project: Project) -> tuple[list[Record], list[ReportgenError]]:
    """Every record of the project, named by ``record_name``; errors collected per file."""
    records: list[Record] = []
    errors: list[ReportgenError] = []
    for path in project.data_files():
        try:
            recs = load_records(path)
        except ReportgenError as exc:
            errors.append(exc)
            continue
        for rec in recs:
            records.append(_named(project, rec))
    return records, errors


def _named(project: Project, rec: Record) -> Record:
    if not project.record_name:
        return rec
    try:
        name = fill(project.record_name, rec.values)
    except (KeyError, ValueError):
        return rec
    from dataclasses import replace

    return replace(rec, name=name)


def context_for(shared: dict, record: Record | None, records: list[Record] | None = None) -> dict:
    """The template context: shared data, overlaid by the record's fields."""
    ctx = dict(shared)
    if record is not None:
        ctx.update(record.values)
        ctx["record"] = record.values
    if records is not None:
        ctx["records"] = [r.values for r in records]
    return ctx


def plan(project: Project, records: list[Record], formats: tuple[str, ...],
         only: tuple[str, ...] = ()) -> list[Job]:
    templates = [t for t in project.templates if not only or t.name in only]
    missing = set(only) - {t.name for t in project.templates}
    if missing:
        raise UsageError(f"--only {', '.join(sorted(missing))}: no such template in the project",
                         hint=f"templates: {', '.join(t.name for t in project.templates)}")
    jobs: list[Job] = []
    seen: dict[Path, str] = {}
    for tpl in templates:
        pattern = tpl.output or project.output
        for fmt in formats:
            for rec in ([None] if tpl.scope == "all" else records):
                fields = dict(rec.values) if rec else {}
                fields.update(template=tpl.name, name=rec.name if rec else tpl.name, ext=fmt, format=fmt)
                try:
                    rel = fill(pattern, fields)
                except KeyError as exc:
                    raise DataError(f"output name pattern {pattern!r} uses {exc.args[0]!r}, "
                                    f"which the record lacks", file=rec.source if rec else None,
                                    record=rec.name if rec else None) from None
                out = output_path(project.out_dir, rel)
                label = f"{tpl.name}/{rec.name if rec else '(all)'}"
                if out in seen:
                    raise DataError(f"{label} and {seen[out]} would both be written to "
                                    f"{out.relative_to(project.out_dir)}",
                                    file=rec.source if rec else None,
                                    hint="make record names unique or change the output pattern")
                seen[out] = label
                jobs.append(Job(tpl, rec, fmt, out))
    return jobs
