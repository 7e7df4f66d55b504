"""The writers, by format: one class per format registered under its name.

A writer has a ``name`` (the format, e.g. ``pdf``), a ``suffix`` (``.pdf``),
a ``paginates`` flag, a ``create(theme, fonts=…, stamp=…)`` class method and
``render(layout) -> WriterResult``: it draws a ``reportgen.layout.Layout``
and decides nothing a reader could see differently in another format (the
PDF and DOCX writers also accept a Document and lay it out first).  A writer
that does not lay out pages itself (``paginates = False``: DOCX) takes
``render(layout, pages=N)``: the pipeline passes the page count reportgen's
own pagination gives for the same layout (the PDF writer's, see
``pipeline.Renderer.write``).

Writers are registered by module path and imported on first use, so listing
the formats (the command line's choices) loads neither ReportLab nor
python-docx.  A new writer plugs in with ``register("ofd", "pkg.module:Class")``
(or the class itself).
"""
from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Protocol

from ..errors import UsageError


@dataclass(frozen=True)
class WriterResult:
    """What a writer made: the file's bytes, its page count and the font
    files embedded in it (empty for formats that embed none, e.g. DOCX).

    ``pages`` is None only when the writer cannot know it: a DOCX rendered
    without a page count (outside the pipeline, or when the document cannot
    be laid out as a PDF, e.g. a character no font has)."""

    data: bytes
    pages: int | None
    fonts: tuple[str, ...] = ()


class Writer(Protocol):
    name: str
    suffix: str
    paginates: bool

    @classmethod
    def create(cls, theme, *, fonts: dict | None = None, stamp: datetime | None = None) -> "Writer": ...

    def render(self, layout) -> WriterResult: ...


_REGISTRY: dict[str, str | type] = {
    "pdf": "reportgen.writers.pdf:PdfWriter",
    "docx": "reportgen.writers.docx:DocxWriter",
}


def register(name: str, writer: str | type) -> None:
    """Make format ``name`` available: ``writer`` is the class or ``"module:Class"``."""
    _REGISTRY[name] = writer


def formats() -> tuple[str, ...]:
    """Every registered format, in registration order."""
    return tuple(_REGISTRY)


def writer_class(name: str) -> type:
    """The writer class of format ``name`` (imported on first use)."""
    if name not in _REGISTRY:
        raise UsageError(f"unknown format {name!r}; choose {' or '.join(formats())}")
    cls = _REGISTRY[name]
    if isinstance(cls, str):
        module, _, attr = cls.partition(":")
        cls = _REGISTRY[name] = getattr(importlib.import_module(module), attr)
    return cls


def build_stamp() -> datetime:
    """The time a build or render starts, used as every document's creation
    and modification time: ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC)
    when set, so rebuilds can be byte-identical; else now, to the second."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return datetime.now(timezone.utc).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(value), timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {value!r}",
                         hint="unset it or set it to e.g. $(date +%s)") from None
