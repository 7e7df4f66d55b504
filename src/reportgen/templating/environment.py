"""The Jinja2 environment templates render in.

* ``ImmutableSandboxedEnvironment``: templates cannot reach Python internals
  (``''.__class__``) or mutate data.
* ``StrictUndefined``: a missing value is an error, never an empty string.
* ``FileSystemLoader`` over the template folders only: ``{% include %}`` and
  ``{% import %}`` cannot leave them (``/etc/passwd``, ``../x`` are not found).
* Data escaping (see escape.py): every printed value is escaped for Markdown
  by ``finalize``.  Jinja2's autoescape switch is on so that the output of a
  macro, a ``caller()`` or a ``{% set %}`` block (already Markdown, built from
  escaped values) is marked safe and not escaped twice; no HTML escaping
  happens to data, because ``finalize`` hands Jinja2 an already-safe string.
  ``a ~ b`` is compiled to ``markdown_join`` so data joined to Markdown is
  Markdown-escaped too.  (Constant strings written in the template itself are
  trusted; Jinja2 may HTML-escape them, which Markdown reads back as the same
  characters.  ``|join``/``|format`` with a Markdown operand HTML-escape the
  other operands: avoid mixing them with ``|markdown`` values.)

``render_template`` turns Jinja2's exceptions into TemplateError with the
template file, line and record.
"""
from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import jinja2
from jinja2.compiler import CodeGenerator, optimizeconst
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import TemplateError
from ..iofs import shown
from .escape import finalize, markdown, markdown_join
from .filters import FILTERS


class _CodeGenerator(CodeGenerator):
    """Compiles ``a ~ b`` to ``markdown_join`` (see escape.py) instead of
    Jinja2's ``markup_join``, which would HTML-escape data next to Markdown."""

    @optimizeconst
    def visit_Concat(self, node, frame) -> None:
        self.write("environment.markdown_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class _FolderLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that also refuses files whose real path (after
    symbolic links) lies outside its folders: a link in a shared template
    folder cannot read the server's files."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        roots = [os.path.realpath(p) for p in self.searchpath]
        if not any(real == r or real.startswith(r + os.sep) for r in roots):
            raise jinja2.TemplateNotFound(template)
        return source, filename, uptodate


class ReportEnvironment(ImmutableSandboxedEnvironment):
    code_generator_class = _CodeGenerator
    markdown_join = staticmethod(markdown_join)


def make_environment(search_paths: list[Path]) -> ImmutableSandboxedEnvironment:
    """A sandboxed, strict environment loading templates from ``search_paths``."""
    env = ReportEnvironment(
        loader=_FolderLoader([str(p) for p in search_paths]),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    env.filters["markdown"] = markdown
    env.filters["md"] = markdown
    return env


def _template_frame(exc: BaseException, env) -> tuple[str | None, int | None]:
    """The innermost traceback frame that belongs to a template file
    (jinja2.debug rewrites those frames to the template's name and line)."""
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if _is_template(filename, env):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _is_template(filename: str, env) -> bool:
    loader = env.loader
    paths = getattr(loader, "searchpath", [])
    return any(os.path.abspath(filename).startswith(os.path.abspath(p) + os.sep) for p in paths)


_NO_ATTR = re.compile(r"has no attribute '([^']+)'")


def _undefined_message(exc: BaseException, file: str | None, line: int | None) -> str | None:
    """``'dict object' has no attribute 'leader'`` → ``'district.leader' is
    undefined`` when the template line shows which expression it was."""
    m = _NO_ATTR.search(str(exc))
    if not (m and file and line):
        return None
    try:
        source = Path(file).read_text(encoding="utf-8").splitlines()[line - 1]
    except (OSError, IndexError, UnicodeDecodeError):
        return None
    attr = re.escape(m.group(1))
    found = re.findall(rf"([A-Za-z_][\w.]*)\.{attr}\b", source)
    if len(set(found)) != 1:
        return None
    return f"'{found[0]}.{m.group(1)}' is undefined"


_UNDEFINED = re.compile(r"^'([\w.]+)' is undefined")


def _undefined_hint(message: str, context: dict) -> str:
    """``did you mean 'district.name'?`` when a key close to the missing one
    exists where it was looked up; else how to supply or guard the value."""
    m = _UNDEFINED.match(message)
    if m:
        *parents, last = m.group(1).split(".")
        cur: object = context
        for part in parents:
            cur = cur.get(part) if isinstance(cur, dict) else None
        if isinstance(cur, dict):
            close = difflib.get_close_matches(last, [str(k) for k in cur], n=1, cutoff=0.6)
            if close:
                return f"did you mean '{'.'.join([*parents, close[0]])}'?"
    return "the record lacks this value: add it to the data, or guard it with {% if … is defined %}"


def _message(exc: BaseException) -> str:
    if isinstance(exc, jinja2.TemplateNotFound):
        names = getattr(exc, "templates", None) or [exc.name]
        return f"template {', '.join(map(str, names))!r} not found in the template folders"
    if isinstance(exc, SecurityError):
        return f"not allowed in a template: {exc}"
    return str(exc)


def render_template(env, name: str, context: dict, *, record: str | None = None) -> str:
    """Render template ``name`` with ``context``; Jinja2 errors (and errors
    raised by filters) become TemplateError(file, line, record)."""
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(exc.message or str(exc), file=shown(exc.filename or name), line=exc.lineno,
                            record=record) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(_message(exc), file=name, record=record) from None
    try:
        return template.render(context)
    except jinja2.TemplateSyntaxError as exc:  # in an included/imported template
        raise TemplateError(exc.message or str(exc), file=shown(exc.filename or name), line=exc.lineno,
                            record=record) from None
    except (jinja2.TemplateError, ValueError, TypeError, ArithmeticError, LookupError) as exc:
        file, line = _template_frame(exc, env)
        message = (isinstance(exc, jinja2.UndefinedError) and _undefined_message(exc, file, line)) or _message(exc)
        hint = _undefined_hint(message, context) if isinstance(exc, jinja2.UndefinedError) else None
        raise TemplateError(message, file=shown(file or template.filename), line=line,
                            record=record, hint=hint) from None
