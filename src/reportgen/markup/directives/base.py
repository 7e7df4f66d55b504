"""What every directive shares: the spec, the context it runs in, option parsing.

A directive is written in the Markdown as a MyST colon fence::

    :::{signature}
    :issuer: 武汉市委办公厅
    :date: 2021年10月25日
    :::

Option lines (``:name: value``) come first, then the content.  Option values
are plain text: the backslash escapes (and entities) that the template's data
escaping added are undone here, so ``:issuer: A\\*B`` gives ``A*B``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from markdown_it.common.utils import unescapeAll

from ...errors import MarkupError
from ...model.nodes import SourcePos

if TYPE_CHECKING:  # pragma: no cover
    from ..parse import BlockParser

_OPTION = re.compile(r"^:([A-Za-z][\w-]*):(?:[ \t]+(.*?))?[ \t]*$")
_SPLIT = re.compile(r"\s*[,，、]\s*")


@dataclass(frozen=True)
class Directive:
    """A directive's spec: its name, options (name → required?), whether it
    takes content, and the function that turns it into blocks."""

    name: str
    run: Callable[["DirectiveContext", dict[str, str], str], list]
    options: dict[str, bool] = field(default_factory=dict)
    content: bool = False
    doc: str = ""


@dataclass
class DirectiveContext:
    """Where a directive sits and how to parse its content."""

    name: str
    source: str
    line: int  # the line of the opening fence (1-based)
    content_line: int  # the line of the first content line after the options
    parser: "BlockParser"

    @property
    def pos(self) -> SourcePos:
        return SourcePos(self.source, self.line)

    def error(self, message: str, hint: str | None = None) -> MarkupError:
        return MarkupError(f"directive {{{self.name}}}: {message}", file=self.source, line=self.line, hint=hint)

    def choice(self, options: dict[str, str], key: str, allowed: tuple[str, ...], default: str) -> str:
        value = options.get(key, default)
        if value not in allowed:
            raise self.error(f":{key}: must be one of {', '.join(allowed)}, not {value!r}")
        return value

    def flag(self, options: dict[str, str], key: str, default: bool = False) -> bool:
        value = options.get(key)
        if value is None:
            return default
        low = value.strip().lower()
        if low in ("true", "yes", "1", "on", "是"):
            return True
        if low in ("false", "no", "0", "off", "否", ""):
            return False
        raise self.error(f":{key}: must be true or false, not {value!r}")


def plain(text: str) -> str:
    """Markdown-escaped text → plain text (backslash escapes and entities undone)."""
    return unescapeAll(text).strip()


def split_names(value: str) -> tuple[str, ...]:
    """``"a, b、c，d"`` → ``("a", "b", "c", "d")`` (empty parts dropped)."""
    return tuple(p for p in (s.strip() for s in _SPLIT.split(value)) if p)


def split_options(content: str) -> tuple[dict[str, str], str, int, list[tuple[str, int]]]:
    """Leading ``:key: value`` lines → (raw options, rest, option line count,
    [(key, offset)] in order).  Keys have ``-`` turned into ``_``."""
    lines = content.split("\n")
    options: dict[str, str] = {}
    order: list[tuple[str, int]] = []
    n = 0
    for n, line in enumerate(lines):
        m = _OPTION.match(line)
        if not m:
            break
        order.append((m.group(1).replace("-", "_"), n))
        options.setdefault(m.group(1).replace("-", "_"), m.group(2) or "")
    else:
        n = len(lines)
    return options, "\n".join(lines[n:]), n, order


def check_options(ctx: DirectiveContext, spec: Directive, order: list[tuple[str, int]]) -> None:
    """Unknown, repeated or missing options → MarkupError naming the valid ones."""
    valid = ", ".join(f":{k}:" for k in spec.options) or "none"
    seen: set[str] = set()
    for key, offset in order:
        if key not in spec.options:
            raise MarkupError(
                f"directive {{{spec.name}}}: unknown option :{key}: (valid options: {valid})",
                file=ctx.source, line=ctx.line + 1 + offset,
            )
        if key in seen:
            raise MarkupError(f"directive {{{spec.name}}}: option :{key}: given twice",
                              file=ctx.source, line=ctx.line + 1 + offset)
        seen.add(key)
    missing = [k for k, required in spec.options.items() if required and k not in seen]
    if missing:
        raise ctx.error(f"missing required option {', '.join(f':{k}:' for k in missing)} (valid options: {valid})")
