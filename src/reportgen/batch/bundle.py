"""Volumes: ``reportgen build --bundle`` puts every record's document of a
template into one file per format, built at the model level: each record's
Document becomes a ``Part`` (new page, page numbers from 1, a PDF bookmark /
DOCX heading with the record's name) of one volume Document, which each
writer renders once.  No files are glued together.
"""
from __future__ import annotations

import time

from ..errors import DataError, ReportgenError
from ..iofs import atomic_write, output_path
from ..model import Document, Meta, Part
from ..pipeline import Renderer
from ..project import Project, context_for, select_templates
from ..templating.template import Template
from .preflight import group, preflight
from .run import BuildResult, render_settings

BUNDLE_DIR = "bundles"


def build_bundles(project: Project, formats: tuple[str, ...], only: tuple[str, ...] = (),
                  on_event=None, pack: bool = False, keep_going: bool = False) -> BuildResult:
    """One volume per (record-scoped) template and format under ``output/bundles/``.
    The check stage runs first (see ``run.build``); with ``keep_going`` a
    record that fails is reported and left out and the others still make the volume.
    Each record starts where the theme says (gongwen: on an odd page), or on
    the next page with ``pack``."""
    t0 = time.perf_counter()
    result = BuildResult()
    checked = preflight(project, only, formats)
    if checked.config or (checked.data and not keep_going):
        raise checked.error()
    result.warnings = group(checked.warnings)
    if checked.data:
        result.failed.append(("", DataError(checked.errors)))
    records = [r for r in checked.records if r.name not in checked.blocked]
    shared = checked.shared
    theme, fonts, keep, stamp = render_settings(project)
    for tpl in select_templates(project, only):
        if tpl.scope != "record":
            continue
        renderer = Renderer(tpl, theme, keep_dir=keep, fonts=fonts, stamp=stamp)
        parts = _parts(renderer, tpl, shared, records, result, "next" if pack else None)
        if not parts:
            continue
        volume = Document(Meta(title=f"{project.name}（{tpl.name}）", subject=tpl.description), tuple(parts))
        for fmt in sorted(formats, key=lambda f: f != "pdf"):  # the DOCX takes the PDF's page count
            label = f"{BUNDLE_DIR}/{tpl.name}.{fmt}"
            try:
                atomic_write(output_path(project.out_dir, label), renderer.write(volume, fmt).data)
                result.built.append(label)
                if on_event:
                    on_event("built", label, None)
            except ReportgenError as exc:
                result.failed.append((label, exc))
    result.seconds = time.perf_counter() - t0
    return result


def _parts(renderer: Renderer, tpl: Template, shared: dict, records, result: BuildResult,
           start: str | None) -> list[Part]:
    parts = []
    for rec in records:
        try:
            doc = renderer.document(renderer.markdown(context_for(shared, rec), rec.name), rec.name)
            parts.append(Part(rec.name, doc.body, start))
        except ReportgenError as exc:
            result.failed.append((f"{tpl.name}/{rec.name} ({rec.source})", exc.with_record(rec.name)))
    return parts
