"""The project layer: ``reportgen.yaml`` at the project root → Project, and
what ``render``, ``build``, ``validate`` and bundles share: finding the
project a template lives in, naming records, the shared data, the context a
record is rendered with, and the schema check of a record.

```yaml
name: 党史学习教育情况报告
data: [data/districts/*.yaml]      # globs, relative to the project root (or entries: docs/sheets.md)
shared: data/common.yaml            # merged under every record
templates: [summary-report, briefing]   # folders under templates/ (or built-in names)
formats: [pdf, docx]
output: "{template}/{name}.{ext}"   # {template} {name} {ext} {format} and any record field, e.g. {district.name}
record_name: "{district.name}"      # how records are named in messages and {name}
jobs: 4                             # worker processes for `reportgen build` (default: all cores)
executor: {kind: dask, scheduler: "tcp://10.0.0.5:8786"}   # default {kind: local}; see docs/batch.md
fonts:                              # PDF font files for face names (win over themes and system fonts)
  仿宋_GB2312: fonts/仿宋_GB2312.ttf  #   paths relative to the project root
out: output                         # output folder, relative to the project root
```

Output names are made safe (each substituted value becomes one safe path
component, so data can never add folders or leave the output folder); two
documents that would get the same name stop the build before anything is
written.  A template with ``scope: all`` (e.g. the built-in
``district-overview``) is built once from every record.
"""
from __future__ import annotations

import string
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping

from .data import Record, load_mapping, load_records, record_from_values
from .data.sources import parse_sources
from .data.yamlsrc import read_mapping
from .diagnostics import Diagnostic, did_you_mean
from .errors import ConfigError, DataError, ReportgenError, UsageError
from .iofs import safe_component
from .project_config import (ExecutorConfig, _check_pattern, _entries, _executor, _fonts, _out_problem, _templates,
                             _theme)
from .templating.template import Template
from .writers import formats as writer_formats

CONFIG_NAME = "reportgen.yaml"
DEFAULT_OUTPUT = "{template}/{name}.{ext}"




@dataclass(frozen=True)
class Project:
    """A loaded reportgen.yaml (see the module docstring for its keys): the
    templates are loaded, paths are absolute, ``out_dir`` is the output folder."""

    root: Path
    name: str
    data: tuple  # data sources (data/sources.py): globs, sheets with settings, SQL queries
    shared: tuple[str, ...]
    templates: tuple[Template, ...]
    formats: tuple[str, ...]
    output: str
    record_name: str | None
    out_dir: Path
    theme: str | None = None  # overrides every template's theme when set
    jobs: int | None = None  # default worker processes for build (None: all cores)
    fonts: dict = field(default_factory=dict)  # face name → font file (absolute), for PDF
    executor: ExecutorConfig | None = None  # how build renders (None: the local process pool)
    config: dict = field(default_factory=dict, compare=False, repr=False)
    positions: dict = field(default_factory=dict, compare=False, repr=False)  # reportgen.yaml key → (line, col)

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_NAME

    def where(self, key: str) -> tuple[str, int | None]:
        """reportgen.yaml and the line of ``key`` (for messages about its value)."""
        return str(self.config_file), self.positions.get(key, (None, None))[0]

    def data_files(self) -> list[Path]:
        """The files the ``data`` globs match, in order, each once, without the shared data."""
        seen = {(self.root / s).resolve() for s in self.shared}
        files: list[Path] = []
        for source in self.data:
            for p in source.files(self.root):
                if p.resolve() not in seen:
                    seen.add(p.resolve())
                    files.append(p)
        return files


PROJECT_KEYS = ("name", "data", "shared", "templates", "formats", "output", "record_name", "theme", "out", "jobs",
                "fonts", "plugins", "executor")


def load_project(root: Path | str = ".", out_dir: Path | str | None = None) -> Project:
    """The project whose ``reportgen.yaml`` is in ``root``; ``out_dir``
    replaces its output folder.  Raises UsageError (no reportgen.yaml) or
    ConfigError listing every problem of reportgen.yaml and of the templates
    it names (template.yaml, entry, schema file), each at its file and line."""
    root = Path(root).resolve()
    cfg_path = root / CONFIG_NAME
    if not cfg_path.is_file():
        raise UsageError(f"no {CONFIG_NAME} in {root}",
                         hint="run reportgen build from a project folder or pass --project DIR")
    positions: dict = {}
    cfg = read_mapping(cfg_path, CONFIG_NAME, positions)
    problems: list[Diagnostic] = []

    def bad(key: str | None, message: str, hint: str | None = None) -> None:
        line, col = positions.get(key, (None, None)) if key else (None, None)
        problems.append(Diagnostic(message, file=str(cfg_path), line=line, col=col, hint=hint))

    if not cfg:
        bad(None, f"{CONFIG_NAME} is empty", "list at least 'templates:' and 'data:' (see docs/errors.md)")
    for key in cfg:
        if key not in PROJECT_KEYS:
            bad(key, f"unknown key {key!r}", did_you_mean(str(key), PROJECT_KEYS))
    for key in ("name", "output", "record_name", "theme", "out"):
        if key in cfg and (not isinstance(cfg[key], str) or not cfg[key].strip()):
            bad(key, f"{key}: write a text, not {cfg[key]!r}", "or leave the key out for its default")
    text = {k: v for k, v in cfg.items() if isinstance(v, str)}
    for key in ("output", "record_name"):
        if key in text:
            _check_pattern(text[key], key, bad)
    templates = _templates(cfg, root, positions, bad, problems) if cfg else ()
    formats = tuple(str(f) for f in _entries(cfg, "formats", bad, default=list(writer_formats())))
    unknown = [f for f in formats if f not in writer_formats()]
    if "formats" in cfg and not formats:
        bad("formats", "formats: list at least one format", f"choose from {', '.join(writer_formats())}")
    if unknown:
        bad("formats", f"unknown format(s) {', '.join(unknown)}", f"choose from {', '.join(writer_formats())}")
    out = Path(out_dir) if out_dir else root / text.get("out", "output")
    problem = _out_problem(out, root)
    if problem and out_dir:
        raise UsageError(f"--out {out_dir}: {problem[0]}", hint=problem[1])
    if problem:
        bad("out", *problem)
    jobs = cfg.get("jobs")
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
        bad("jobs", f"jobs must be a whole number of at least 1, not {jobs!r}")
        jobs = None
    try:
        data = parse_sources(cfg.get("data", ["data/*.yaml"]), root, cfg_path)
    except ConfigError as exc:
        problems.extend(exc.diagnostics)
        data = ()
    shared = tuple(_entries(cfg, "shared", bad, default=[]))
    for i, rel in enumerate(shared):
        if not (root / rel).is_file():
            bad(f"shared[{i}]" if isinstance(cfg.get("shared"), list) else "shared",
                f"shared data file {rel!r} not found", "paths are relative to the project folder")
    fonts = _fonts(cfg.get("fonts"), root, bad)
    try:
        executor = _executor(cfg.get("executor"), cfg_path, positions)
    except ConfigError as exc:
        problems.extend(exc.diagnostics)
        executor = None
    if problems:
        raise ConfigError(sorted(problems, key=lambda d: (d.file != str(cfg_path), d.file or "", d.line or 0)))
    return Project(
        root=root, name=text.get("name", root.name), data=data, shared=shared, templates=templates,
        formats=formats, output=text.get("output", DEFAULT_OUTPUT), record_name=text.get("record_name"),
        out_dir=out.resolve(), theme=_theme(text.get("theme"), root), jobs=jobs, fonts=fonts, config=cfg,
        positions=positions, executor=executor,
    )


def pick_formats(project: Project, formats: Iterable[str] | str | None = None) -> tuple[str, ...]:
    """``formats`` (one name or several), checked; the project's when None."""
    if formats is None:
        return project.formats
    picked = (formats,) if isinstance(formats, str) else tuple(formats)
    _check_formats(picked, UsageError)
    return picked


def _check_formats(formats: tuple, error: type[ReportgenError], **where: Any) -> None:
    bad = [f for f in formats if f not in writer_formats()]
    if bad:
        raise error(f"unknown format(s) {', '.join(map(str, bad))}; choose from pdf, docx", **where)


def find_project(start: Path) -> Project | None:
    """The project a template lives in: the nearest folder at or above
    ``start`` with a reportgen.yaml (None when there is none)."""
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return load_project(folder)
    return None


def select_templates(project: Project, only: tuple[str, ...]) -> list[Template]:
    """The project's templates, or those named in ``only`` (``--only``)."""
    missing = set(only) - {t.name for t in project.templates}
    if missing:
        raise UsageError(f"--only {', '.join(sorted(missing))}: no such template in the project",
                         hint=f"templates: {', '.join(t.name for t in project.templates)}")
    return [t for t in project.templates if not only or t.name in only]


def lookup(values: dict, dotted: str) -> Any:
    cur: Any = values
    for part in dotted.split("."):
        if isinstance(cur, dict) and part in cur:
            cur = cur[part]
        else:
            raise KeyError(dotted)
    return cur


def fill(pattern: str, fields: dict, *, safe: bool = False) -> str:
    """``{template}/{district.name}.{ext}`` filled from ``fields`` (dotted keys
    looked up).  With ``safe``, every substituted value is made one safe path
    component, so a value can never add folders or climb out of them."""
    out = []
    for literal, name, spec, _conv in string.Formatter().parse(pattern):
        out.append(literal)
        if name is not None:
            text = format(lookup(fields, name), spec or "")
            out.append(safe_component(text) if safe else text)
    return "".join(out)


def named(project: Project, rec: Record) -> Record:
    """``rec`` named by the project's ``record_name`` pattern (unchanged when it does not fit)."""
    if not project.record_name:
        return rec
    try:
        return replace(rec, name=fill(project.record_name, rec.values))
    except (KeyError, ValueError, TypeError):
        return rec


def pick_record(project: Project | None, data: Path | str | Mapping, name: str | None = None) -> Record:
    """The one record ``render`` renders: from a data file, named as ``build``
    names it (``name`` picks one of several), or from a dict of values
    (``name``, when given, is what messages call it)."""
    if isinstance(data, Mapping):
        rec = record_from_values(data, name or "data")
        return named(project, rec) if project and not name else rec
    path = Path(data)
    source = next((s for s in project.data if s.matches(path, project.root)), None) if project else None
    records = source.read(path) if source is not None else load_records(path)
    if project is not None:
        records = [named(project, r) for r in records]
    if name:
        found = [r for r in records if r.name == name]
        if not found:
            names = [r.name for r in records]
            shown = ", ".join(names[:30]) + (f", … ({len(names)} in all)" if len(names) > 30 else "")
            raise UsageError(f"no record named {name!r} in {path}", hint=f"its records are: {shown}")
        records = found
    elif len(records) != 1:
        raise UsageError(f"{path} holds {len(records)} records; pick one with --record NAME "
                         f"or use reportgen build",
                         hint=f"its records are: {', '.join(r.name for r in records[:30])}")
    return records[0]


def load_shared(project: Project) -> dict:
    """The project's shared data: every ``shared`` file merged, later ones winning."""
    merged: dict = {}
    for rel in project.shared:
        merged.update(load_mapping(project.root / rel))
    return merged


def load_all_records(project: Project) -> tuple[list[Record], list[ReportgenError]]:
    """Every record of the project, named by ``record_name``; errors collected per file."""
    records: list[Record] = []
    errors: list[ReportgenError] = []
    seen = {(project.root / s).resolve() for s in project.shared}
    for source in project.data:
        recs, errs = source.records(project.root, seen)
        records.extend(named(project, rec) for rec in recs)
        errors.extend(errs)
    return records, errors


def context_for(shared: dict, record: Record | None, records: list | None = None) -> dict:
    """The template context: shared data, overlaid by the record's fields.  A
    roll-up gets ``records``: the values of every record."""
    ctx = dict(shared)
    if record is not None:
        ctx.update(record.values)
        ctx["record"] = record.values
    if records is not None:
        ctx["records"] = [r.values if isinstance(r, Record) else r for r in records]
    return ctx


def check_schema(template: Template, record: Record | None) -> None:
    """A record that breaks its template's schema fails with every violation
    (file:line of each field), before rendering."""
    if record is None or template.schema is None:
        return
    from .data.validate import check_record

    problems = [d for d in check_record(record, template.schema) if d.severity == "error"]
    if problems:
        raise DataError(problems)
