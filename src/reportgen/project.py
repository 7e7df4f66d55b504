"""The project layer: ``reportgen.yaml`` at the project root → Project, and
what ``render``, ``build``, ``validate`` and bundles share: finding the
project a template lives in, naming records, the shared data, the context a
record is rendered with, and the schema check of a record.

```yaml
name: 党史学习教育情况报告
data: [data/districts/*.yaml]      # globs, relative to the project root
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
from .data.yamlsrc import read_mapping
from .errors import ConfigError, DataError, ReportgenError, UsageError
from .iofs import safe_component
from .writers import formats as writer_formats
from .templating.template import Template, load_template

CONFIG_NAME = "reportgen.yaml"
DEFAULT_OUTPUT = "{template}/{name}.{ext}"


@dataclass(frozen=True)
class ExecutorConfig:
    """``executor:`` in reportgen.yaml: how ``build`` renders.  ``kind``
    "local" (a process pool on this machine) or "dask" (a Dask cluster: the
    scheduler at ``scheduler``, e.g. ``tcp://10.0.0.5:8786``, else a local
    Dask cluster); batch/executor.py runs it."""

    kind: str = "local"
    scheduler: str | None = None


EXECUTOR_KINDS = ("local", "dask")


@dataclass(frozen=True)
class Project:
    """A loaded reportgen.yaml (see the module docstring for its keys): the
    templates are loaded, paths are absolute, ``out_dir`` is the output folder."""

    root: Path
    name: str
    data: tuple[str, ...]
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

    def data_files(self) -> list[Path]:
        """The files the ``data`` globs match, in order, each once, without the shared data."""
        seen = {(self.root / s).resolve() for s in self.shared}
        files: list[Path] = []
        for pattern in self.data:
            for p in sorted(p for p in self.root.glob(pattern) if p.is_file()):
                if p.resolve() not in seen:
                    seen.add(p.resolve())
                    files.append(p)
        return files


def load_project(root: Path | str = ".", out_dir: Path | str | None = None) -> Project:
    """The project whose ``reportgen.yaml`` is in ``root``; ``out_dir``
    replaces its output folder.  Raises UsageError (no reportgen.yaml) or
    ConfigError (naming the file and line of what is wrong)."""
    root = Path(root).resolve()
    cfg_path = root / CONFIG_NAME
    if not cfg_path.is_file():
        raise UsageError(f"no {CONFIG_NAME} in {root}",
                         hint="run reportgen build from a project folder or pass --project DIR")
    positions: dict = {}
    cfg = read_mapping(cfg_path, CONFIG_NAME, positions)
    known = {"name", "data", "shared", "templates", "formats", "output", "record_name", "theme", "out", "jobs",
             "fonts", "executor"}
    unknown = set(cfg) - known
    if unknown:
        raise ConfigError(f"unknown key(s): {', '.join(sorted(unknown))}", file=str(cfg_path),
                          hint=f"known keys: {', '.join(sorted(known))}")
    templates = tuple(load_template(_as_path(t, root), search=[root / "templates"])
                      for t in _as_list(cfg.get("templates"), "templates", cfg_path))
    if not templates:
        raise ConfigError("no templates listed", file=str(cfg_path), hint="add 'templates: [my-template]'")
    formats = tuple(_as_list(cfg.get("formats", list(writer_formats())), "formats", cfg_path))
    _check_formats(formats, ConfigError, file=str(cfg_path))
    out = Path(out_dir) if out_dir else root / str(cfg.get("out", "output"))
    jobs = cfg.get("jobs")
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
        raise ConfigError(f"jobs must be a whole number of at least 1, not {jobs!r}", file=str(cfg_path))
    return Project(
        root=root, name=str(cfg.get("name", root.name)),
        data=tuple(_as_list(cfg.get("data", ["data/*.yaml"]), "data", cfg_path)),
        shared=tuple(_as_list(cfg.get("shared", []), "shared", cfg_path)),
        templates=templates, formats=formats, output=str(cfg.get("output", DEFAULT_OUTPUT)),
        record_name=cfg.get("record_name"), out_dir=out.resolve(), theme=_theme(cfg.get("theme"), root), jobs=jobs,
        fonts=_fonts(cfg.get("fonts"), root, cfg_path), config=cfg,
        executor=_executor(cfg.get("executor"), cfg_path, positions),
    )


def _executor(value: Any, path: Path, positions: dict) -> ExecutorConfig | None:
    """``executor: dask`` or ``executor: {kind: dask, scheduler: tcp://HOST:8786}``."""
    if value is None:
        return None

    def line(key: str = "") -> int | None:
        return positions.get(f"executor.{key}" if key else "executor", positions.get("executor", (None,)))[0]

    spec = {"kind": value} if isinstance(value, str) else value
    hint = "e.g. executor: {kind: dask, scheduler: tcp://HOST:8786}, or executor: local"
    if not isinstance(spec, dict) or set(spec) - {"kind", "scheduler"}:
        raise ConfigError("executor must be local, dask, or a mapping with kind and scheduler",
                          file=str(path), line=line(), hint=hint)
    kind, scheduler = spec.get("kind", "local"), spec.get("scheduler")
    if kind not in EXECUTOR_KINDS:
        raise ConfigError(f"executor kind {kind!r} is unknown; choose local or dask", file=str(path),
                          line=line("kind"), hint=hint)
    if scheduler is not None and (kind != "dask" or not isinstance(scheduler, str) or not scheduler.strip()):
        raise ConfigError("executor scheduler is the address of a Dask scheduler and needs kind: dask",
                          file=str(path), line=line("scheduler"), hint=hint)
    return ExecutorConfig(kind, scheduler.strip() if scheduler else None)


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


def _theme(value: Any, root: Path) -> str | None:
    """The project's theme: a built-in name, or a theme file relative to the project root."""
    if not value:
        return None
    p = Path(str(value)).expanduser()
    if not p.is_absolute() and (root / p).exists():
        return str(root / p)
    return str(value)


def _fonts(value: Any, root: Path, path: Path) -> dict:
    """``fonts:`` — face name → font file (``face: path`` or ``face: {file: path}``)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError("fonts must map face names to font files", file=str(path),
                          hint="e.g. fonts: {仿宋_GB2312: fonts/fangsong.ttf}")
    out = {}
    for face, spec in value.items():
        file = spec.get("file") if isinstance(spec, dict) else spec
        if not isinstance(file, str) or not file:
            raise ConfigError(f"fonts.{face}: give the path of a font file", file=str(path))
        p = Path(file).expanduser()
        out[str(face)] = str(p if p.is_absolute() else root / p)
    return out


def _as_list(value: Any, key: str, path: Path) -> list:
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        return [value]
    if isinstance(value, list):
        return value
    raise ConfigError(f"{key} must be a list or a string", file=str(path))


def _as_path(entry: Any, root: Path) -> Path:
    """A template entry: a folder under templates/, else a path relative to
    the project root, else a built-in template name (load_template looks it up)."""
    name = entry.get("path") or entry.get("name") if isinstance(entry, dict) else entry
    p = Path(str(name))
    if p.is_absolute():
        return p
    for base in (root / "templates", root):
        if (base / p).exists():
            return base / p
    return p


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
    records = load_records(path)
    if project is not None:
        records = [named(project, r) for r in records]
    if name:
        records = [r for r in records if r.name == name]
        if not records:
            raise UsageError(f"no record named {name!r} in {path}")
    elif len(records) != 1:
        raise UsageError(f"{path} holds {len(records)} records; pick one with --record NAME "
                         f"or use reportgen build")
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
    for path in project.data_files():
        try:
            recs = load_records(path)
        except ReportgenError as exc:
            errors.append(exc)
            continue
        records.extend(named(project, rec) for rec in recs)
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
