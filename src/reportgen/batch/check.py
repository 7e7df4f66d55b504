"""``reportgen validate``: check a whole project without writing anything:
the check stage (every file loaded, every record against its schemas, the
output names), then every document rendered in memory (Markdown → model →
each writer).  Every problem is collected; nothing stops at the first one."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..data import Record
from ..diagnostics import Diagnostic
from ..errors import ReportgenError
from ..pipeline import Renderer
from ..project import Project, context_for, select_templates
from .preflight import group, preflight


@dataclass
class CheckReport:
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    records: int = 0
    templates: int = 0
    rendered: int = 0  # documents rendered to the model (and by each writer asked for)
    config: bool = False  # a problem in the project's own files (exit status 2)

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
        return 2 if self.config else 1 if self.errors else 0


def check_project(project: Project, formats: tuple[str, ...] = (), only: tuple[str, ...] = (),
                  render: bool = True) -> CheckReport:
    """Check ``project``: the check stage (preflight.py), then, unless the
    project's own files have a problem, render every record that passed in
    memory; ``formats`` are the writers to run after building the model
    (empty: stop at the model).  Each problem is reported once."""
    report = CheckReport()
    checked = preflight(project, only, formats or project.formats)
    report.errors, report.warnings = checked.errors, group(checked.warnings)
    report.config = bool(checked.config)
    report.records = len(checked.records)
    templates = select_templates(project, only)
    report.templates = len(templates)
    if render and not checked.config:
        passed = [r for r in checked.records if r.name not in checked.blocked]
        found = len(report.errors)
        for tpl in templates:
            _render_all(project, tpl, checked.shared, passed, checked.records, formats, report)
        report.errors[found:] = group(report.errors[found:])
    return report


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
