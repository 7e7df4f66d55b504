"""``:::{addressee}`` → Addressee (主送机关).  Names are split on lines, ，
, and 、; a trailing ： or : is dropped (the writer adds the full-width colon)."""
from __future__ import annotations

from ...model.nodes import Addressee
from .base import Directive, plain, split_names


def run(ctx, options, content):
    names: list[str] = []
    for line in content.splitlines():
        text = plain(line).rstrip("：:").strip()
        names.extend(split_names(text))
    if not names:
        raise ctx.error("no addressee names (write one or more names between the fences)")
    return [Addressee(tuple(names), pos=ctx.pos)]


DIRECTIVE = Directive("addressee", run, content=True, doc="主送机关")
