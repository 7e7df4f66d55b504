"""An uploaded data file used as the project's data: an overlay project in
the session folder, a copy of the project's reportgen.yaml whose ``data`` is
the uploaded file and whose templates, shared data, theme and fonts point
back into the project by absolute path.  ``reportgen build --project
OVERLAY`` names and folders every document as a build of the project would.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..iofs import atomic_write, safe_component
from ..project import CONFIG_NAME, Project


def clean_filename(filename: str) -> str:
    """An uploaded file's name made one safe path component that is also a
    literal glob (the overlay's ``data`` entry): no folders, no ``[]*?``."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = re.sub(r"[\[\]*?]", "_", safe_component(stem)) or "data"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def write_overlay(project: Project, data_file: Path) -> Path:
    """The overlay project for ``data_file`` (in ``data_file``'s folder's
    parent): ``project``'s reportgen.yaml with the data replaced and every
    path pointing back into ``project`` absolutely.  Returns its folder."""
    import yaml

    root = data_file.parent.parent
    cfg = dict(project.config)
    cfg["name"] = project.name
    rel = data_file.relative_to(root).as_posix()
    entries = cfg.get("data") if isinstance(cfg.get("data"), list) else [cfg.get("data")]
    options = next((e for e in entries if isinstance(e, dict) and "path" in e
                    and str(e["path"]).lower().endswith(data_file.suffix.lower())), None)
    cfg["data"] = [{**options, "path": rel} if options else rel]
    cfg["shared"] = [str(project.root / s) for s in project.shared]
    templates = cfg.get("templates") if isinstance(cfg.get("templates"), list) else [cfg.get("templates")]
    cfg["templates"] = [_absolute_template(t, project.root) for t in templates if t]
    if project.theme:
        cfg["theme"] = project.theme
    if project.fonts:
        cfg["fonts"] = dict(project.fonts)
    cfg["out"] = "output"
    text = "# Made by reportgen serve: the project's settings with an uploaded data file.\n"
    text += yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False)
    atomic_write(root / CONFIG_NAME, text.encode("utf-8"))
    return root


def _absolute_template(entry, root: Path):
    """A ``templates:`` entry that finds the same template from another folder."""
    if isinstance(entry, dict):
        key = "path" if entry.get("path") else "name"
        return {**entry, "path": _absolute_template(entry.get(key), root)}
    p = Path(str(entry))
    if p.is_absolute():
        return str(p)
    for base in (root / "templates", root):
        if (base / p).exists():
            return str(base / p)
    return str(entry)  # a built-in template's name
