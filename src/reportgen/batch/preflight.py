"""The check stage: every file a build will use, loaded once before anything
is rendered, every problem reported at once (``reportgen check``, and the
first step of ``build`` and ``validate``).

What it loads and checks, in order: reportgen.yaml and each template's
template.yaml (``load_project`` already did, collecting every problem); the
theme of each template with its ``extends`` chain and the font files it
names; each template's Jinja files (syntax); each schema (and its
``$ref``s); the shared data; the data globs (one that matches nothing is a
warning); every data file; ``record_name`` and the output names (a field no
record has is blamed on reportgen.yaml, one some records lack on those
records); every record against its templates' schemas.

A problem that many records share is reported once, with the records it
affects listed after it (``Diagnostic.affects``).  Problems of the project's
own files (config, themes, templates, schemas, shared data) are *config*
problems (exit status 2); problems of data files and records are *data*
problems, which a build with ``keep_going`` can skip past.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from ..data import Record
from ..diagnostics import Diagnostic
from ..errors import ConfigError, DataError, ReportgenError, TemplateError
from ..project import Project, fill, load_all_records, load_shared, select_templates
from ..templating.template import Template
from .plan import plan


@dataclass
class Preflight:
    """What the check stage found: the loaded pieces, and the problems."""

    records: list[Record] = field(default_factory=list)
    shared: dict = field(default_factory=dict)
    themes: dict = field(default_factory=dict)  # template name → Theme
    config: list[Diagnostic] = field(default_factory=list)  # the project's own files
    data: list[Diagnostic] = field(default_factory=list)  # data files and records
    warnings: list[Diagnostic] = field(default_factory=list)
    blocked: set[str] = field(default_factory=set)  # names of records that fail a check

    @property
    def errors(self) -> list[Diagnostic]:
        return group(self.config) + group(self.data)

    @property
    def problems(self) -> list[Diagnostic]:
        """Errors then warnings, each problem once."""
        return self.errors + group(self.warnings)

    @property
    def exit_code(self) -> int:
        return 2 if self.config else 1 if self.data else 0

    def error(self) -> ReportgenError:
        """The problems as one exception (ConfigError when any is the project's)."""
        cls = ConfigError if self.config else DataError
        return cls(self.problems)

    def add_config(self, exc: ReportgenError) -> None:
        for d in exc.diagnostics:
            (self.warnings if d.severity == "warning" else self.config).append(d)

    def add_data(self, exc: ReportgenError, record: str | None = None) -> None:
        for d in exc.diagnostics:
            if d.severity == "warning":
                self.warnings.append(d)
                continue
            self.data.append(replace(d, record=d.record or record))
            if d.record or record:
                self.blocked.add(d.record or record)


def preflight(project: Project, only: Iterable[str] = (), formats: Iterable[str] | None = None,
              fonts: bool = True) -> Preflight:
    """Check ``project`` (its templates in ``only``, or all) before rendering;
    ``fonts``: warn about substituted faces when a PDF is to be made."""
    from ..plugins import load_plugins

    pf = Preflight()
    try:
        load_plugins(project.root)
    except ConfigError as exc:
        pf.add_config(exc)
        return pf  # every template would fail the same way
    templates = select_templates(project, tuple(only))
    for tpl in templates:
        _theme(project, tpl, pf)
        _jinja(tpl, pf)
        _schema(tpl, pf)
    try:
        pf.shared = load_shared(project)
    except ReportgenError as exc:
        pf.add_config(exc)
    _globs(project, pf)
    records, load_errors = load_all_records(project)
    for exc in load_errors:
        pf.add_data(exc)
    pf.records = records
    for rec in records:
        pf.warnings.extend(replace(w, record=w.record or rec.name) for w in rec.warnings)
    if not records and not load_errors and any(t.scope == "record" for t in templates):
        file, line = project.where("data")
        pf.config.append(Diagnostic("no records to build: the data globs match no data file", file=file, line=line,
                                    hint="list data files or globs relative to the project folder, "
                                         "e.g. data: [data/*.yaml]"))
    if fonts and "pdf" in tuple(formats or project.formats):
        _substitutes(project, pf)
    _record_names(project, records, pf)
    _schemas(templates, records, pf)
    _outputs(project, records, tuple(formats or project.formats), tuple(only), pf)
    if not pf.config:
        _canaries(project, templates, records, pf)
    return pf


def check_template(tpl: Template, project: Project | None = None, theme: str | None = None) -> None:
    """The check stage for one template (``reportgen render``): its theme
    (``theme`` overrides it), Jinja files and schema; raises ConfigError
    listing every problem."""
    pf = Preflight()
    _theme(project, tpl, pf, theme)
    _jinja(tpl, pf)
    _schema(tpl, pf)
    if pf.config:
        raise ConfigError(pf.errors)


def _theme(project: Project | None, tpl: Template, pf: Preflight, override: str | None = None) -> None:
    from ..themes import load_theme

    ref = override or (project.theme if project else None) or tpl.theme
    if override:
        named_in: tuple = (None, None)
    elif project and project.theme:
        named_in = project.where("theme")
    else:
        named_in = tpl.where("theme")
    try:
        pf.themes[tpl.name] = load_theme(ref, relative_to=tpl.dir, named_in=named_in)
    except ConfigError as exc:
        pf.add_config(exc)


def _substitutes(project: Project, pf: Preflight) -> None:
    """One warning when the PDF sets a named Chinese face in another one
    (the official faces are rarely installed), naming how to use the real file."""
    from ..fonts.resolve import fontset_for

    swaps: dict[str, str] = {}
    for theme in pf.themes.values():
        fs = fontset_for(theme, project.fonts)
        for face in dict.fromkeys(st.font for st in theme.styles.values()):
            _src, reason = fs.resolve(face)
            if "substitute:" in reason:
                swaps.setdefault(face, reason.split("substitute:", 1)[1].split(" for ")[0].strip())
    if swaps:
        file, line = project.where("fonts") if "fonts" in project.config else (str(project.config_file), None)
        pairs = ", ".join(f"{face} → {sub}" for face, sub in swaps.items())
        pf.warnings.append(Diagnostic(
            f"the PDF sets {pairs}: these faces are not installed", file=file, line=line, severity="warning",
            hint="to use the real faces, name their files in reportgen.yaml, e.g. fonts: {仿宋_GB2312: "
                 "fonts/仿宋_GB2312.ttf}, or install them; reportgen fonts shows what each role uses"))


def _jinja(tpl: Template, pf: Preflight) -> None:
    """Every Jinja file of the template compiles (syntax errors once, not per record)."""
    import jinja2

    from ..templating import make_environment

    from ..plugins import plugins_for

    env = make_environment([tpl.dir])
    try:
        env.filters.update(plugins_for(tpl.dir).filters)  # a filter a plugin adds is known
    except ConfigError:
        pass  # reported with the project
    names = [tpl.entry] if tpl.single_file else sorted(
        p.relative_to(tpl.dir).as_posix() for p in tpl.files() if p.name.endswith(".j2"))
    for name in names:
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            pf.config.append(Diagnostic(exc.message or str(exc), file=str(tpl.dir / name), line=exc.lineno))
        except (jinja2.TemplateError, UnicodeDecodeError, OSError) as exc:
            pf.config.append(Diagnostic(f"cannot read the template: {exc}", file=str(tpl.dir / name),
                                        hint="save it as UTF-8 text"))


def _schema(tpl: Template, pf: Preflight) -> None:
    from ..data.validate import load_schema

    if tpl.schema is None or tpl.scope == "all":
        return
    try:
        load_schema(tpl.schema)
    except ReportgenError as exc:
        pf.add_config(exc)


def _globs(project: Project, pf: Preflight) -> None:
    """A data file entry or glob that matches no file is a warning at its line."""
    for i, source in enumerate(project.data):
        pattern = getattr(source, "pattern", None)
        if pattern is None or source.files(project.root):  # an SQL query, or files found
            continue
        key = f"data[{i}]" if isinstance(project.config.get("data"), list) else "data"
        file, line = project.where(key)
        pf.warnings.append(Diagnostic(f"data {pattern!r} matches no file", file=file, line=line,
                                      severity="warning", hint="paths are relative to the project folder"))


def _record_names(project: Project, records: list[Record], pf: Preflight) -> None:
    """``record_name`` fields every record has (a field none has is the config's mistake)."""
    if not project.record_name or not records:
        return
    missing: dict[str, list[Record]] = {}
    for rec in records:
        try:
            fill(project.record_name, rec.values)
        except KeyError as exc:
            missing.setdefault(str(exc.args[0]), []).append(rec)
        except (ValueError, TypeError) as exc:
            missing.setdefault(f"?{exc}", []).append(rec)
    file, line = project.where("record_name")
    for name, recs in missing.items():
        if len(recs) == len(records):
            pf.config.append(Diagnostic(f"record_name {project.record_name!r} uses {name!r}, which no record has",
                                        file=file, line=line, hint=_fields_hint(records)))
            continue
        for rec in recs:
            pf.add_data(DataError(f"the record lacks {name!r}, which record_name {project.record_name!r} uses",
                                  file=rec.source, line=rec.line, record=rec.name,
                                  hint="add the field, or change record_name in reportgen.yaml"))


def _fields_hint(records: list[Record]) -> str:
    """A few field paths the records do have."""
    paths: list[str] = []
    for key, value in records[0].values.items():
        if isinstance(value, dict):
            paths.extend(f"{key}.{k}" for k, v in value.items() if not isinstance(v, (dict, list)))
        elif not isinstance(value, list):
            paths.append(str(key))
    return f"fields the records have: {', '.join(paths[:8])}" if paths else "check the field names in the data"


def _schemas(templates: list[Template], records: list[Record], pf: Preflight) -> None:
    """Every record against every schema; a violation several schemas share is one problem."""
    from ..data.validate import check_record

    found: dict[Diagnostic, list[str]] = {}
    for tpl in templates:
        if tpl.schema is None or tpl.scope == "all" or any(d.file == str(tpl.schema) for d in pf.config):
            continue
        for rec in records:
            try:
                for d in check_record(rec, tpl.schema):
                    if d.severity == "error":
                        found.setdefault(d, []).append(tpl.name)
            except ReportgenError as exc:  # the schema itself (already reported)
                pf.add_config(exc)
                break
    for d, names in found.items():
        where = f"schema of {', '.join(names)}"
        pf.add_data(DataError(replace(d, hint=f"{d.hint}; {where}" if d.hint else where)))


def _canaries(project: Project, templates: list[Template], records: list[Record], pf: Preflight) -> None:
    """Render one record of each template to the document model: a mistake
    in the template itself (a misspelt variable, a bad directive) then stops
    the build before any document is written.  When that record fails, every
    record's Markdown is rendered: a problem all of them share is the
    template's; one only some have is theirs."""
    from ..pipeline import Renderer
    from ..project import context_for

    for tpl in templates:
        if tpl.name not in pf.themes or any(d.file and d.file.startswith(str(tpl.dir)) for d in pf.config):
            continue
        usable = [r for r in records if r.name not in pf.blocked]
        if tpl.scope == "record" and not usable:
            continue
        try:
            renderer = Renderer(tpl, pf.themes[tpl.name], fonts=project.fonts)  # the theme loaded above
        except ReportgenError as exc:
            pf.add_config(exc)
            continue
        first = None if tpl.scope == "all" else usable[0]
        try:
            _to_model(renderer, context_for(pf.shared, first, records if first is None else None), first)
            continue
        except ReportgenError as exc:
            if first is None:
                pf.add_config(exc)
                continue
        failures: dict[Diagnostic, list[str]] = {}
        for rec in usable:
            try:
                _to_model(renderer, context_for(pf.shared, rec), rec)
            except ReportgenError as exc:
                for d in exc.diagnostics:
                    failures.setdefault(replace(d, record=None), []).append(rec.name)
        for d, names in failures.items():
            if len(names) == len(usable) and len(usable) > 1:
                pf.config.append(d)
            else:
                for name in names:
                    pf.data.append(replace(d, record=name))
                    pf.blocked.add(name)


def _to_model(renderer, ctx: dict, rec: Record | None) -> None:
    name = rec.name if rec else None
    renderer.document(renderer.markdown(ctx, name), name)


def _outputs(project: Project, records: list[Record], formats: tuple[str, ...], only: tuple[str, ...],
             pf: Preflight) -> None:
    """Output names: a pattern field no record has is the config's; two documents on one file is an error."""
    try:
        _jobs, failures = plan(project, records, formats, only)
    except ConfigError as exc:
        pf.add_config(exc)
        return
    except ReportgenError as exc:
        pf.add_data(exc)
        return
    by_message: dict[str, list] = {}
    for failure in failures:
        by_message.setdefault(failure.error.diagnostic.message, []).append(failure)
    per_template = {t.name: sum(1 for _ in records) * len(formats) for t in project.templates}
    for message, items in by_message.items():
        tpl = items[0].label.split("/")[0]
        if len(items) >= per_template.get(tpl, 0) > 0:
            template = next(t for t in project.templates if t.name == tpl)
            file, line = template.where("output") if template.output else project.where("output")
            pf.config.append(Diagnostic(message.replace("which the record lacks", "which no record has"),
                                        file=file, line=line, hint=_fields_hint(records)))
            continue
        for failure in items:
            pf.add_data(failure.error)


def group(diags: list[Diagnostic]) -> list[Diagnostic]:
    """One diagnostic per problem: those that differ only in their record
    become one, listing the records it affects."""
    groups: dict[Diagnostic, list[str]] = {}
    for d in diags:
        key = replace(d, record=None, affects=())
        names = groups.setdefault(key, [])
        for name in (d.record, *d.affects):
            if name and name not in names:
                names.append(name)
    out = []
    for key, names in groups.items():
        if len(names) == 1:
            out.append(replace(key, record=names[0]))
        else:
            out.append(replace(key, affects=tuple(names)))
    return out
