"""Authoring commands: start a project (``reportgen init``), copy a built-in
template to edit (``reportgen new-template``), list templates and themes
with what they are (``reportgen templates``, ``reportgen themes``), and
rebuild on every change (``reportgen watch``).

The built-in ``summary-report`` and ``briefing`` templates and their sample
data live in the package (``builtin_templates/``), so a project can be
started from an installed reportgen; the repository's own sample project is
such a copy (a test keeps them equal).
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from .data.yamlsrc import read_mapping
from .diagnostics import did_you_mean
from .errors import ConfigError, ReportgenError, UsageError
from .templating.template import BUILTIN_TEMPLATES, Template, load_template

SAMPLE_DATA = BUILTIN_TEMPLATES / "_sample"
STARTERS = ("summary-report", "briefing")  # templates `init` can start from (they come with sample data)


def builtin_templates() -> list[str]:
    return sorted(p.name for p in BUILTIN_TEMPLATES.iterdir() if p.is_dir() and not p.name.startswith("_"))


CONFIG = """\
# reportgen project: `reportgen build` renders every record of data/ with the
# templates below into output/.  Keys: docs/config.md.
name: {name}
data:
  - data/districts/*.yaml          # one record per file (YAML, JSON, CSV or XLSX also work)
shared: data/common.yaml            # merged under every record
templates:
{templates}
formats: [pdf, docx]
record_name: "{{district.name}}"     # how records are named: output files, messages
output: "{{template}}/{{name}}.{{ext}}"
"""

README = """\
# {name}

由 `reportgen init` 生成的项目。/ A project made by `reportgen init`.

```sh
reportgen build --format all      # 生成全部文档到 output/ / every document into output/
reportgen check                   # 检查全部文件 / check every file, render nothing
reportgen watch                   # 修改后自动重新生成 / rebuild on every change
```

- `templates/` — 模板（Jinja2 + Markdown），可直接修改 / the templates, yours to edit
- `data/districts/` — 每个地区一份数据 / one data file per district; `data/common.yaml` — 公共数据 / shared
- `reportgen.yaml` — 项目配置 / the project's settings
"""


def init_project(folder: Path | str, templates: tuple[str, ...] = STARTERS) -> Path:
    """A new project in ``folder`` (created; must be empty or absent) with
    ``templates`` copied from the built-ins for editing and sample data, so
    that ``reportgen build`` works at once.  Returns the project folder."""
    root = Path(folder)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise UsageError(f"{root} is not empty", hint="give a new folder name, e.g. reportgen init my-reports")
    for name in templates:
        if name not in STARTERS:
            raise UsageError(f"no starter template {name!r}", hint=_starter_hint(name))
    root.mkdir(parents=True, exist_ok=True)
    for name in templates:
        shutil.copytree(BUILTIN_TEMPLATES / name, root / "templates" / name)
    shutil.copytree(SAMPLE_DATA, root / "data")
    listed = "\n".join(f"  - {name}" for name in templates)
    (root / "reportgen.yaml").write_text(CONFIG.format(name=root.resolve().name, templates=listed), encoding="utf-8")
    (root / "README.md").write_text(README.format(name=root.resolve().name), encoding="utf-8")
    (root / ".gitignore").write_text("output/\n", encoding="utf-8")
    return root


def _starter_hint(name: str) -> str:
    close = did_you_mean(name, STARTERS)
    return close if close.startswith("did you mean") else f"choose from {', '.join(STARTERS)}"


def new_template(project_root: Path, name: str, source: str) -> Path:
    """Copy built-in template ``source`` to ``templates/NAME`` of the project
    for editing (it then overrides the built-in of that name)."""
    if source not in builtin_templates():
        close = did_you_mean(source, builtin_templates())
        raise UsageError(f"no built-in template {source!r}",
                         hint=close if close.startswith("did you mean") else
                         f"built-in templates: {', '.join(builtin_templates())}")
    if not name or Path(name).name != name or name.startswith("."):
        raise UsageError(f"{name!r} is not a template name", hint="use a plain folder name, e.g. my-report")
    dest = project_root / "templates" / name
    if dest.exists():
        raise UsageError(f"{dest} already exists", hint="choose another name or delete the folder first")
    shutil.copytree(BUILTIN_TEMPLATES / source, dest)
    cfg = dest / "template.yaml"
    text = cfg.read_text(encoding="utf-8")
    lines = [f"name: {name}" if line.startswith("name:") else line for line in text.splitlines()]
    cfg.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    source: str  # "project" (templates/ of the project) or "built-in"
    path: Path
    description: str
    fields: tuple[str, ...]  # required fields of its schema (dotted), or the top-level ones
    listed: bool  # named in the project's reportgen.yaml
    error: str | None = None


def list_templates(project_root: Path | None) -> list[TemplateInfo]:
    """The project's template folders, then the built-ins (a project template
    overrides the built-in of the same name)."""
    listed: set[str] = set()
    if project_root is not None and (project_root / "reportgen.yaml").is_file():
        try:
            cfg = read_mapping(project_root / "reportgen.yaml", "reportgen.yaml")
            value = cfg.get("templates") or []
            listed = {str(v) for v in ([value] if isinstance(value, str) else value) if isinstance(v, str)}
        except ReportgenError:
            pass
    out: list[TemplateInfo] = []
    seen: set[str] = set()
    folders = []
    if project_root is not None and (project_root / "templates").is_dir():
        folders += [(p, "project") for p in sorted((project_root / "templates").iterdir()) if p.is_dir()]
    folders += [(BUILTIN_TEMPLATES / n, "built-in") for n in builtin_templates()]
    for folder, source in folders:
        if folder.name in seen:
            continue
        seen.add(folder.name)
        try:
            tpl = load_template(folder)
        except ReportgenError as exc:
            out.append(TemplateInfo(folder.name, source, folder, "", (), folder.name in listed, str(exc)))
            continue
        out.append(TemplateInfo(tpl.name, source, folder, " ".join(tpl.description.split()), _fields(tpl),
                                folder.name in listed))
    return out


def _fields(tpl: Template) -> tuple[str, ...]:
    """The fields a template's schema requires (one level of nesting), for ``reportgen templates``."""
    if tpl.schema is None:
        return ()
    try:
        schema = read_mapping(tpl.schema, "schema.yaml")
    except ConfigError:
        return ()
    out = []
    props = schema.get("properties") or {}
    for key in schema.get("required") or list(props):
        sub = props.get(key) if isinstance(props, dict) else None
        inner = (sub or {}).get("required") if isinstance(sub, dict) else None
        out.extend(f"{key}.{k}" for k in inner) if inner else out.append(str(key))
    return tuple(out)


def theme_descriptions() -> list[tuple[str, str]]:
    """(name, description) of every built-in theme."""
    from .themes.theme import BUILTIN_DIR, builtin_themes

    out = []
    for name in builtin_themes():
        try:
            desc = read_mapping(BUILTIN_DIR / f"{name}.yaml", "a theme").get("description", "")
        except ConfigError:
            desc = ""
        out.append((name, str(desc)))
    return out
