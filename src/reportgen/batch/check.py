"""``reportgen validate``: check a whole project without writing anything:
load every record, check it against each template's schema, plan the output
names, and render every document in memory (Markdown → model → each
writer).  Every problem is collected; nothing stops at the first one."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..data import Record
from ..diagnostics import Diagnostic
from ..errors import DataError, ReportgenError
from ..pipeline import Renderer
from ..project import Project, check_schema, context_for, load_all_records, load_shared, select_templates
from .plan import plan


@dataclass
class CheckReport:
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    records: int = 0
    templates: int = 0
    rendered: int = 0  # documents rendered to the model (and by each writer asked for)

    def add(self, exc: BaseException, record: str | None = None) -> None:
        if isinstance(exc, ReportgenError):
            diags = exc.with_record(record).diagnostics if record else exc.diagnostics
        else:  # a bug somewhere in reportgen: report it, do not crash the check
            diags = [Diagnostic(f"internal error: {type(exc).__name__}: {exc}", record=record,
                                hint="please report this; run reportgen render --debug for a traceback")]
        for d in diags:
            (self.warnings if d.severity == "warning" else self.errors).append(d)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0


def check_project(project: Project, formats: tuple[str, ...] = (), only: tuple[str, ...] = (),
                  render: bool = True) -> CheckReport:
    """Check ``project``; ``formats`` are the writers to run after building
    the model (empty: stop at the model)."""
    report = CheckReport()
    records, load_errors = load_all_records(project)
    for exc in load_errors:
        report.add(exc)
    report.records = len(records)
    for rec in records:
        report.warnings.extend(replace(w, record=rec.name) for w in rec.warnings)
    try:
        shared = load_shared(project)
    except ReportgenError as exc:
        report.add(exc)
        shared = {}
    templates = select_templates(project, only)
    report.templates = len(templates)
    try:
        _jobs, failures = plan(project, records, tuple(formats) or project.formats, only)
        for failure in failures:
            report.add(failure.error)
    except ReportgenError as exc:
        report.add(exc)
    schema_problems: dict[Diagnostic, list[str]] = {}
    for tpl in templates:
        passed = _schema_passes(tpl, records, report, schema_problems)
        if render:
            _render_all(project, tpl, shared, passed, records, formats, report)
    for d, names in schema_problems.items():  # one line per problem, naming every schema it breaks
        where = f"schema of {', '.join(names)}"
        report.errors.append(replace(d, hint=f"{d.hint}; {where}" if d.hint else where))
    return report


def _schema_passes(tpl, records: list[Record], report: CheckReport,
                  problems_seen: dict[Diagnostic, list[str]]) -> list[Record]:
    """The records that pass ``tpl``'s schema (all of them when it has none)."""
    if tpl.schema is None or tpl.scope == "all":
        return list(records)
    passed = []
    for rec in records:
        try:
            check_schema(tpl, rec)
        except DataError as exc:  # the record breaks the schema
            for d in exc.diagnostics:
                problems_seen.setdefault(d, []).append(tpl.name)
            continue
        except ReportgenError as exc:  # the schema itself is broken: say so once
            report.add(exc)
            return []
        passed.append(rec)
    return passed


def _render_all(project, tpl, shared: dict, passed: list[Record], records: list[Record],
                formats: tuple[str, ...], report: CheckReport) -> None:
    try:
        renderer = Renderer(tpl, project.theme, fonts=project.fonts)
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        report.add(exc)
        return
    if tpl.scope == "all":
        _render_one(renderer, context_for(shared, None, records), None, formats, report)
        return
    for rec in passed:
        _render_one(renderer, context_for(shared, rec), rec.name, formats, report)


def _render_one(renderer, ctx: dict, name: str | None, formats: tuple[str, ...], report: CheckReport) -> None:
    try:
        text = renderer.markdown(ctx, name)
        doc = renderer.document(text, name)
        for fmt in formats:
            renderer.write(doc, fmt, text, name)
    except Exception as exc:  # noqa: BLE001 - every problem is collected
        report.add(exc, name)
        return
    report.rendered += 1
