"""What a document depends on, as hashes, for incremental builds.

A document's inputs are: its record's data (every record's, for a roll-up),
the shared data, the template's files, the theme, the font files a PDF
embedded, the reportgen version and the format.  ``input_hash`` combines
them; the manifest keeps each part too, so ``--list`` can say what changed.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..version import __version__
from ..templating.template import Template
from .plan import Job

_EDGE = 64 * 1024  # bytes read from each end of a font file for its fingerprint


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def data_digest(values) -> str:
    """A stable hash of plain data (dates and other scalars by their text)."""
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return sha256_bytes(text.encode("utf-8"))


def template_digest(tpl: Template) -> str:
    h = hashlib.sha256()
    for p in tpl.files():
        h.update(p.relative_to(tpl.dir).as_posix().encode() + b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    h.update(tpl.entry.encode())
    return h.hexdigest()


def theme_digest(tpl: Template, override: str | None) -> str:
    """The theme's own digest; a theme that fails to load hashes its name
    (the worker then reports the real error)."""
    from ..themes import load_theme

    try:
        return load_theme(override or tpl.theme, relative_to=tpl.dir).digest()
    except Exception:  # noqa: BLE001 - reported when the document is rendered
        return sha256_bytes(f"unloadable theme {override or tpl.theme}".encode())


def font_fingerprint(paths: list[str]) -> str:
    """A cheap fingerprint of font files: size and both ends of each (a
    re-converted cache file with the same content keeps its fingerprint)."""
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.encode() + b"\0")
        try:
            size = os.path.getsize(p)
            with open(p, "rb") as fh:
                h.update(str(size).encode())
                h.update(fh.read(_EDGE))
                if size > 2 * _EDGE:
                    fh.seek(-_EDGE, os.SEEK_END)
                    h.update(fh.read(_EDGE))
        except OSError:
            h.update(b"missing")
    return h.hexdigest()


def combine(parts: dict[str, str]) -> str:
    return data_digest(parts)


def source_stamp(path: str) -> str:
    """Size and modification time of a data file: touching a record's file
    rebuilds its documents (as ``make`` would) even when the values are the same."""
    try:
        st = os.stat(path)
    except OSError:
        return "missing"
    return f"{st.st_size}:{st.st_mtime_ns}"


class InputHasher:
    """Computes each job's input parts, caching per template and per record."""

    def __init__(self, shared: dict, records: list, theme_override: str | None, fonts: dict | None = None):
        self.shared = data_digest(shared)
        self.fonts = data_digest(fonts or {})  # the project's font mapping
        self.theme_override = theme_override
        self._templates: dict[Path, tuple[str, str]] = {}
        self._records: dict[int, str] = {}
        self._all = data_digest([[r.values, source_stamp(r.source)] for r in records])

    def _template(self, tpl: Template) -> tuple[str, str]:
        if tpl.dir not in self._templates:
            self._templates[tpl.dir] = (template_digest(tpl), theme_digest(tpl, self.theme_override))
        return self._templates[tpl.dir]

    def _record(self, job: Job) -> str:
        if job.record is None:
            return self._all
        key = id(job.record)
        if key not in self._records:
            self._records[key] = data_digest([job.record.values, source_stamp(job.record.source)])
        return self._records[key]

    def parts(self, job: Job) -> dict[str, str]:
        tpl, theme = self._template(job.template)
        return {"record": self._record(job), "shared": self.shared, "template": tpl,
                "theme": data_digest([theme, self.fonts]),
                "version": __version__, "format": job.fmt}
