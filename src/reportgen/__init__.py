"""reportgen: formatted reports (DOCX and PDF) from structured data.

The public API (importing ``reportgen`` is cheap; each function imports what
it needs when called)::

    import reportgen

    project = reportgen.load_project("my-project")
    pdf = reportgen.render("my-project/templates/briefing", "my-project/data/east.yaml")
    docx = reportgen.render("note.md.j2", {"title": "东区情况"}, format="docx", output="note.docx")
    result = reportgen.build(project, formats=["pdf"], jobs=2)

Errors are ``reportgen.ReportgenError`` (and its subclasses in
``reportgen.errors``); each carries Diagnostics naming the file, line, record
and what to do.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

from .version import __version__

if TYPE_CHECKING:
    from .batch.run import BuildResult
    from .project import Project

__all__ = ["BuildResult", "Diagnostic", "Project", "ReportgenError", "__version__", "build", "load_project",
           "render"]

_LAZY = {"Project": ".project", "BuildResult": ".batch.run", "ReportgenError": ".errors",
         "Diagnostic": ".diagnostics"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module 'reportgen' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


def load_project(root: str | os.PathLike = ".", out_dir: str | os.PathLike | None = None) -> Project:
    """The project whose ``reportgen.yaml`` is in folder ``root``: its
    templates (loaded), data globs, shared data files, formats, output name
    pattern, theme and fonts.  ``out_dir`` replaces the output folder.

    Raises UsageError when there is no reportgen.yaml and ConfigError (naming
    the file and line) when it is wrong."""
    from .project import load_project as load

    return load(root, out_dir)


def render(template: str | os.PathLike, data: str | os.PathLike | Mapping[str, Any], *, format: str = "pdf",
           output: str | os.PathLike | None = None, theme: str | os.PathLike | None = None,
           record: str | None = None, log: Callable[[str, str], None] | None = None) -> bytes:
    """Render one document and return its bytes (PDF or DOCX).

    ``template``: a template folder, a ``*.md.j2`` file, or a name (a folder
    under ``./templates/``, or a built-in template).  ``data``: the path of a
    data file (YAML, JSON, CSV, XLSX) or a dict of values.  When the template
    lives in a project (a reportgen.yaml in its folder or above), the record
    is named, sees the shared data, and is rendered with the theme and fonts
    as ``build`` would.  ``format``: "pdf" or "docx".  ``output``: a file
    written atomically (and where Markdown with a markup error is kept,
    under ``.reportgen/intermediate`` beside it).  ``theme``: a built-in
    theme name or a theme file, over the project's and the template's.
    ``record``: picks one record by name when the data file holds several;
    for a dict, the name messages give it.  ``log(kind, text)`` receives
    ("warning", …) for data warnings and ("typography", …) for each
    typography change; without it, warnings go to Python's ``warnings``.

    Raises ReportgenError (DataError, TemplateError, MarkupError, FontError,
    …) naming the file, line and record."""
    from pathlib import Path

    from .iofs import atomic_write
    from .pipeline import Renderer
    from .project import check_schema, context_for, find_project, load_shared, pick_record
    from .templating.template import load_template

    from .batch.preflight import check_template

    tpl = load_template(template, search=[Path.cwd() / "templates"])
    project = find_project(tpl.dir)
    if theme is not None and Path(theme).is_file():
        theme = str(Path(theme).resolve())  # a theme file named relative to the current folder
    check_template(tpl, project, str(theme) if theme is not None else None)
    rec = pick_record(project, data, record)
    log = log or _warn
    for warning in rec.warnings:
        log("warning", str(warning))
    check_schema(tpl, rec)
    out = Path(output) if output is not None else None
    renderer = Renderer(tpl, theme or (project.theme if project else None),
                        keep_dir=out.parent / ".reportgen" / "intermediate" if out else None,
                        fonts=project.fonts if project else None)
    changes: list[str] = []
    shared = load_shared(project) if project else {}
    result = renderer.render(context_for(shared, rec), format, record=rec.name, log=changes)
    for line in changes:
        log("typography", line)
    if out is not None:
        atomic_write(out, result.data)
    return result.data


def _warn(kind: str, text: str) -> None:
    if kind == "warning":
        import warnings

        warnings.warn(text, stacklevel=3)


def build(project: str | os.PathLike | Project = ".", *, formats: Iterable[str] | None = None,
          jobs: int | None = None, force: bool = False, only: Iterable[str] | None = None,
          out_dir: str | os.PathLike | None = None, fail_fast: bool = False, list_only: bool = False,
          bundle: bool = False, pack: bool = False, keep_going: bool = False, reporter: Any = None,
          on_event: Callable | None = None, executor: str | None = None,
          scheduler: str | None = None) -> BuildResult:
    """Build a project (a folder with reportgen.yaml, or a loaded Project):
    every out-of-date document of every template × record × format, written
    atomically into the output folder, with ``manifest.json`` kept up to date.

    ``formats``: e.g. ["pdf"] (default: the project's).  ``jobs``: worker
    processes (default: the project's ``jobs``, else all cores; 1 renders in
    this process).  ``force``: rebuild documents that are up to date.
    ``only``: template names.  ``out_dir``: another output folder.
    ``fail_fast``: stop at the first failure.  ``list_only``: write nothing;
    the result's ``decisions`` say what would be built and why.  ``bundle``:
    one volume per template and format under ``bundles/`` instead, each
    record starting where the theme says (gongwen: on an odd page, after a
    blank unnumbered verso when needed), or on the next page with ``pack``.
    ``reporter``: progress display (see batch/progress.py); ``on_event(kind,
    job, error)``: called for each document "built" or "failed".
    ``executor``: "local" (a process pool on this machine) or "dask" (a Dask
    cluster, ``pip install 'reportgen[dask]'``: the scheduler at
    ``scheduler``, e.g. "tcp://10.0.0.5:8786", else a local one of ``jobs``
    processes); default: the project's ``executor:``, else local.  A script
    that uses a local Dask cluster needs ``if __name__ == "__main__":``.

    First every file the build uses is checked (see batch/preflight.py);
    any problem stops the build before anything is rendered: ConfigError for
    the project's own files (reportgen.yaml, themes, fonts, templates,
    schemas, shared data), DataError for data files and records, each
    listing every problem once (``.diagnostics``; warnings included, with
    ``severity == "warning"``).  With ``keep_going``, data problems fail only
    their records and the others are built.  A document that fails while
    rendering does not stop the others: see ``BuildResult.failed`` and
    ``BuildResult.diagnostics``; ``BuildResult.warnings`` holds the check
    stage's warnings (e.g. a data glob that matches no file)."""
    from dataclasses import replace
    from pathlib import Path

    from .batch.executor import choose_executor
    from .batch.run import build as run_build
    from .project import Project as _Project
    from .project import load_project as load
    from .project import pick_formats

    if not isinstance(project, _Project):
        project = load(project, out_dir)
    elif out_dir is not None:
        project = replace(project, out_dir=Path(out_dir).resolve())
    fmts = pick_formats(project, formats)
    names = (only,) if isinstance(only, str) else tuple(only or ())
    runner = choose_executor(project.executor, executor, scheduler, bundle=bundle)
    if bundle:
        from .batch.bundle import build_bundles

        return build_bundles(project, fmts, names, on_event=on_event, pack=pack, keep_going=keep_going)
    return run_build(project, fmts, names, jobs=jobs or project.jobs, force=force, fail_fast=fail_fast,
                     list_only=list_only, keep_going=keep_going, on_event=on_event, reporter=reporter,
                     executor=runner)
