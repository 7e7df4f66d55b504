"""``:::{pagebreak}`` → PageBreak (no options, no content)."""
from __future__ import annotations

from ...model.nodes import PageBreak
from .base import Directive


def run(ctx, options, content):
    return [PageBreak(pos=ctx.pos)]


DIRECTIVE = Directive("pagebreak", run, doc="start a new page")
