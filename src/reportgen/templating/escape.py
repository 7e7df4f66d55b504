"""Escaping data for reportgen Markdown.

Every value a template prints with ``{{ … }}`` goes through
:func:`escape_markdown`, so data prints literally and cannot change the
document's structure:

* every ASCII punctuation character gets a backslash (CommonMark §2.4 makes
  all of them escapable), so ``#``, ``**``, ``|`` (also inside table
  cells), ``:::``, ``<``, ``[``, `````, ``_``, ``1.``, ``-``, ``>`` and ``\\``
  stay text;
* newlines cannot start a new block: every run of whitespace that contains a
  line break (or a tab) becomes one space, and whitespace at the value's ends
  is dropped (leading spaces could make an indented code block, trailing ones
  a hard line break).

A template opts out with ``{{ value | markdown }}`` (alias ``md``): the value
is wrapped in :class:`MarkdownText` and printed as is.

>>> print(escape_markdown("**x** # y | z"))
\\*\\*x\\*\\* \\# y \\| z
>>> print(escape_markdown("第一行\\n  第二行 "))
第一行 第二行
"""
from __future__ import annotations

import re
import string

from markupsafe import Markup

_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")
_BREAKS = re.compile(r"[ \t]*[\r\n\t][\s]*")


class MarkdownText(Markup):
    """Markdown that prints unescaped (what ``|markdown`` returns).

    It is a markupsafe ``Markup``, so Jinja2 treats it (and macro output) as
    already safe."""


def escape_markdown(value: object) -> str:
    """``value`` as Markdown text that reads back as exactly ``str(value)``
    (up to the whitespace rules above)."""
    text = _BREAKS.sub(" ", str(value)).strip()
    return _PUNCT.sub(r"\\\1", text)


def markdown_join(parts) -> str:
    """The ``~`` operator: when any part is Markdown already (macro output,
    ``|markdown``), the plain parts are Markdown-escaped (not HTML-escaped,
    as Jinja2 would); otherwise a plain string that ``finalize`` escapes."""
    parts = list(parts)
    if not any(hasattr(p, "__html__") for p in parts):
        return "".join(map(str, parts))
    out: list[str] = []
    for p in parts:
        if hasattr(p, "__html__"):
            out.append(p.__html__())
            continue
        text = _PUNCT.sub(r"\\\1", _BREAKS.sub(" ", str(p)))
        if not out or out[-1].endswith("\n"):  # at a line start: no indented code block
            text = text.lstrip(" \t")
        out.append(text)
    return MarkdownText("".join(out))


def finalize(value: object) -> Markup:
    """Jinja2 ``finalize``: escape every printed value unless it is already
    Markdown (``|markdown``, macro or ``caller()`` output)."""
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return MarkdownText(escape_markdown(value))


def markdown(value: object) -> MarkdownText:
    """The ``markdown`` / ``md`` filter: print ``value`` as Markdown, unescaped."""
    return MarkdownText(str(value))
