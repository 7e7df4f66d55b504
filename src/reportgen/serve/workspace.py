"""One browser session: its folder (outside the project), the data it uses
(the project's own data files, or a file the clerk uploaded), the records
with their problems per template, and previews of a record's pages.

An uploaded file is used through an overlay project (overlay.py), so the
records are named, and a build names its documents, as for the project.

Nothing here writes into the project folder.  The state is reloaded when a
watched file (reportgen.yaml, templates, shared data, theme, fonts, data)
changes: ``fingerprint()`` is cheap (one stat per file) and the page polls it.
"""
from __future__ import annotations

import hashlib
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReportgenError
from ..iofs import atomic_write, inside, safe_component, shown
from ..project import CONFIG_NAME, Project, check_schema, context_for, load_all_records, load_project, load_shared
from .overlay import clean_filename, write_overlay
from .problems import SHEET_SUFFIXES, Problem, empty_cell, problem, problems, sheet_columns

UPLOAD_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".tsv", ".yaml", ".yml", ".json")
RENDER_LOCK = threading.Lock()  # ReportLab's font registry and pdfium are process-wide
PAGE_SCALE = 1.5  # 108 dpi: an A4 page is 893 × 1263 pixels


@dataclass
class Row:
    """A record as the table shows it, for one template."""

    name: str
    where: str  # its row in a sheet ("第 3 行"), else its data file (and line)
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]


@dataclass
class State:
    fingerprint: str
    project: Project | None
    records: list = field(default_factory=list)
    shared: dict = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)  # problems not tied to one record
    rows: dict = field(default_factory=dict)  # template name → [Row], made when first asked
    renderers: dict = field(default_factory=dict)  # template name → warm Renderer


@dataclass
class Preview:
    template: str
    record: str | None
    pages: list[str] = field(default_factory=list)  # file names in the session's preview folder
    size: tuple[int, int] = (0, 0)  # pixels of the first page
    problems: list[Problem] = field(default_factory=list)  # the latest render failed: pages are the last good
    fingerprint: str = ""


class Session:
    def __init__(self, root: Path, folder: Path):
        self.root = root  # the project folder: read, never written
        self.folder = folder
        self.upload: Path | None = None  # the uploaded data file, inside the overlay
        self.upload_name: str | None = None  # its name as the clerk chose it
        self.lock = threading.RLock()
        self.build = None  # the latest builds.BuildRun
        self._uploads = 0
        self._state: State | None = None
        self._previews: dict[tuple, Preview] = {}  # (template, record) → the latest good preview

    # -- data ---------------------------------------------------------------

    def set_upload(self, filename: str, data: bytes) -> None:
        """Use ``data`` (a file named ``filename``) as the records from now on."""
        name = clean_filename(filename)
        with self.lock:
            self._uploads += 1
            overlay = self.folder / f"data-{self._uploads}"
            target = overlay / "data" / name
            if not inside(self.folder, target):
                raise ValueError(f"bad file name {filename!r}")
            atomic_write(target, data)
            self.upload, self.upload_name = target, Path(filename.replace("\\", "/")).name or name
            self._state = None

    def clear_upload(self) -> None:
        with self.lock:
            self.upload = self.upload_name = None
            self._state = None

    @property
    def overlay(self) -> Path | None:
        return self.upload.parent.parent if self.upload else None

    def names(self) -> dict[str, str]:
        """Files the page made → the names the clerk knows them by."""
        if self.upload is None:
            return {}
        return {str(self.upload): self.upload_name, str(self.upload.resolve()): self.upload_name}

    # -- state --------------------------------------------------------------

    def watched(self) -> list[Path]:
        """The files whose change re-renders the page."""
        files = [self.root / CONFIG_NAME]
        project = self._state.project if self._state else None
        if project is not None:
            for tpl in project.templates:
                files.extend(sorted(p for p in tpl.dir.rglob("*") if p.is_file()))
                if tpl.theme and (tpl.dir / tpl.theme).is_file():
                    files.append(tpl.dir / tpl.theme)
            files.extend(project.root / s for s in project.shared)
            if (self.root / "themes").is_dir():
                files.extend(sorted(p for p in (self.root / "themes").rglob("*") if p.is_file()))
            if project.theme and Path(project.theme).is_file():
                files.append(Path(project.theme))
            files.extend(Path(f) for f in project.fonts.values())
            if self.upload is None:
                files.extend(project.data_files())
        if self.upload is not None:
            files.append(self.upload)
        return files

    def fingerprint(self, since_ns: int | None = None) -> str:
        """A digest of every watched file's size and time; "stale" when one
        changed at or after ``since_ns`` (while the state was being loaded)."""
        h = hashlib.sha256()
        now = time.time_ns()
        for p in self.watched():
            try:
                st = p.stat()
                h.update(f"{p}|{st.st_mtime_ns}|{st.st_size}\n".encode("utf-8", "surrogateescape"))
                if since_ns is not None and since_ns <= st.st_mtime_ns <= now:
                    return "stale"
            except OSError:
                h.update(f"{p}|missing\n".encode("utf-8", "surrogateescape"))
        return h.hexdigest()[:16]

    def state(self) -> State:
        """The current project, records and problems (reloaded when a watched file changed)."""
        with self.lock:
            if self._state is None or self._state.fingerprint != self.fingerprint():
                started = time.time_ns()
                self._state = self._load()
                # the files of the project just loaded; a change during the load reloads at the next look
                self._state.fingerprint = self.fingerprint(since_ns=started)
            return self._state

    def _load(self) -> State:
        names = self.names()
        try:
            project = load_project(self.root)
            if self.upload is not None:
                project = load_project(write_overlay(project, self.upload))
        except ReportgenError as exc:
            return State("", None, errors=problems(exc, names, self.root))
        records, load_errors = load_all_records(project)
        state = State("", project, records)
        for exc in load_errors:
            state.errors.extend(problems(exc, names, self.root))
        try:
            state.shared = load_shared(project)
        except ReportgenError as exc:
            state.errors.extend(problems(exc, names, self.root))
        return state

    def template(self, name: str | None):
        """The project's template called ``name`` (its first when None or unknown)."""
        project = self.state().project
        if project is None:
            return None
        return next((t for t in project.templates if t.name == name), project.templates[0])

    def rows(self, template: str) -> list[Row]:
        """Every record with its problems for ``template``: schema, output name, warnings."""
        from ..batch.plan import plan

        state = self.state()
        tpl = self.template(template)
        if tpl is None:
            return []
        with self.lock:
            if tpl.name in state.rows:
                return state.rows[tpl.name]
            names = self.names()
            columns = sheet_columns(state.records)
            rows = []
            for rec in state.records:
                found = [problem(w, names, self.root) for w in rec.warnings]
                if tpl.scope != "all":
                    try:
                        check_schema(tpl, rec)
                    except ReportgenError as exc:
                        found.extend(problem(empty_cell(d, rec, columns), names, self.root) for d in exc.diagnostics)
                rows.append(Row(rec.name, self._where(rec), found))
            try:
                _jobs, failures = plan(state.project, state.records, state.project.formats, (tpl.name,))
                by_name = {r.name: r for r in rows}
                for f in failures:
                    target = by_name.get(f.error.diagnostic.record or "")
                    for p in problems(f.error, names, self.root):
                        if target is not None and p not in target.problems:
                            target.problems.append(p)
            except ReportgenError as exc:  # two records would get one output name
                state.errors.extend(p for p in problems(exc, names, self.root) if p not in state.errors)
            state.rows[tpl.name] = rows
            return rows

    def _where(self, rec) -> str:
        line = f"第 {rec.line} 行" if rec.line is not None else ""
        if Path(rec.source).suffix.lower() in SHEET_SUFFIXES:
            return line
        file = self.names().get(rec.source) or shown(rec.source, self.root)
        return f"{file} {line}".strip()

    # -- rendering ----------------------------------------------------------

    def _render(self, template: str, record: str | None, fmt: str):
        """(template, record name, WriterResult) of one document, rendered by the warm renderer."""
        from ..pipeline import Renderer

        state = self.state()
        if state.project is None:
            raise ReportgenError(state.errors[0].message if state.errors else "the project cannot be loaded")
        tpl = self.template(template)
        if tpl.scope == "all":
            rec, ctx, name = None, context_for(state.shared, None, state.records), None
        else:
            rec = next((r for r in state.records if r.name == record), None)
            if rec is None:
                raise ReportgenError(f"no record named {record!r} in the data")
            check_schema(tpl, rec)
            ctx, name = context_for(state.shared, rec), rec.name
        with RENDER_LOCK:
            renderer = state.renderers.get(tpl.name)
            if renderer is None:
                renderer = state.renderers[tpl.name] = Renderer(tpl, state.project.theme,
                                                                fonts=state.project.fonts)
            return tpl, rec, renderer.render(ctx, fmt, record=name)

    def preview(self, template: str, record: str | None) -> Preview:
        """The pages of one document as PNG files (the last good ones, with
        the problems, when it cannot be rendered now)."""
        fp = self.state().fingerprint
        tpl = self.template(template)
        key = (tpl.name if tpl else template, None if tpl is not None and tpl.scope == "all" else record)
        last = self._previews.get(key)
        if last is not None and last.fingerprint == fp:
            return last
        try:
            _tpl, _rec, result = self._render(template, record, "pdf")
        except Exception as exc:  # noqa: BLE001 - every failure is shown on the page
            pages = last.pages if last else []
            return Preview(key[0], key[1], pages, last.size if last else (0, 0),
                           problems(exc, self.names(), self.root), fp)
        pages, size = self._rasterize(result.data)
        self._previews[key] = Preview(key[0], key[1], pages, size, [], fp)
        return self._previews[key]

    def _rasterize(self, pdf: bytes) -> tuple[list[str], tuple[int, int]]:
        import pypdfium2

        digest = hashlib.sha256(pdf).hexdigest()[:24]
        folder = self.folder / "preview"
        folder.mkdir(parents=True, exist_ok=True)
        names, size = [], (0, 0)
        with RENDER_LOCK:
            doc = pypdfium2.PdfDocument(pdf)
            try:
                for i in range(len(doc)):
                    name = f"{digest}-{i + 1}.png"
                    image = doc[i].render(scale=PAGE_SCALE).to_pil()
                    size = size if i else image.size
                    if not (folder / name).exists():
                        image.save(folder / f".{name}.part", format="PNG")
                        (folder / f".{name}.part").replace(folder / name)
                    names.append(name)
            finally:
                doc.close()
        return names, size

    def page_file(self, name: str) -> Path | None:
        """A preview image by the name the page gave it; None for anything else."""
        if not re.fullmatch(r"[0-9a-f]{24}-[0-9]{1,4}\.png", name):
            return None
        path = self.folder / "preview" / name
        return path if path.is_file() and inside(self.folder, path) else None

    def document(self, template: str, record: str | None, fmt: str) -> tuple[str, bytes]:
        """(file name as ``build`` names it, bytes) of one document."""
        from ..batch.plan import plan

        tpl, rec, result = self._render(template, record, fmt)
        project = self.state().project
        jobs, _failures = plan(project, [rec] if rec else [], (fmt,), (tpl.name,))
        name = Path(jobs[0].rel).name if jobs else f"{safe_component(rec.name if rec else tpl.name)}.{fmt}"
        return name, result.data
