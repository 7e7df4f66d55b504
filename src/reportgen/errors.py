"""reportgen's exceptions.  Library exceptions (yaml, jinja2, jsonschema,
reportlab, python-docx) are translated into these at the stage boundary, so a
user sees a Diagnostic, never a traceback (unless --debug)."""
from __future__ import annotations

from dataclasses import replace

from .diagnostics import Diagnostic


class ReportgenError(Exception):
    """Base class.  Carries one or more Diagnostics."""

    def __init__(self, message: str | Diagnostic | list[Diagnostic], **where):
        if isinstance(message, Diagnostic):
            diags = [message]
        elif isinstance(message, list):
            diags = list(message)
        else:
            diags = [Diagnostic(message, **where)]
        self.diagnostics = diags
        super().__init__("\n".join(str(d) for d in diags))

    @property
    def diagnostic(self) -> Diagnostic:
        return self.diagnostics[0]

    def with_record(self, record: str) -> "ReportgenError":
        """The same error, with the record name filled in where missing."""
        self.diagnostics = [d if d.record else replace(d, record=record) for d in self.diagnostics]
        self.args = ("\n".join(str(d) for d in self.diagnostics),)
        return self

    def __str__(self) -> str:
        return "\n".join(str(d) for d in self.diagnostics)


class UsageError(ReportgenError):
    """Bad command line or project configuration (exit status 2)."""


class ConfigError(ReportgenError):
    """reportgen.yaml or a theme/template config is wrong."""


class DataError(ReportgenError):
    """A data file or record is malformed or fails its schema."""


class TemplateError(ReportgenError):
    """A template fails to load or render (syntax, undefined, sandbox)."""


class MarkupError(ReportgenError):
    """The rendered Markdown has a bad directive, table or reference."""


class FontError(ReportgenError):
    """A font cannot be found, converted, or lacks a character."""


class RenderError(ReportgenError):
    """A writer could not produce the document."""
