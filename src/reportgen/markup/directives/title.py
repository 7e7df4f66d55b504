"""``:::{title}`` → Title; the content is the title text (inline Markdown).
Content lines are joined (a Markdown hard break makes a visible line break)."""
from __future__ import annotations

from ...model.nodes import Title
from .base import Directive


def run(ctx, options, content):
    if not content.strip():
        raise ctx.error("the title text is missing (write it between the fences)")
    inlines = ctx.parser.inline(content.strip(), ctx.content_line)
    ctx.parser.scope.seen_heading = True
    return [Title(tuple(inlines), pos=ctx.pos)]


DIRECTIVE = Directive("title", run, content=True, doc="the document title")
