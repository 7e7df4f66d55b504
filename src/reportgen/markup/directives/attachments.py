"""``:::{attachments}`` → Attachments (附件说明): one attachment name per line;
leading numbering such as ``1.`` ``1、`` ``（1）`` is stripped (the writer numbers)."""
from __future__ import annotations

import re

from ...model.nodes import Attachments
from .base import Directive, plain

_NUMBER = re.compile(r"^(?:\d+\s*[.．、]|[（(]\d+[)）])\s*")


def run(ctx, options, content):
    names = []
    for line in content.splitlines():
        text = _NUMBER.sub("", plain(line)).strip()
        if text:
            names.append(text)
    if not names:
        raise ctx.error("no attachment names (write one per line between the fences)")
    return [Attachments(tuple(names), pos=ctx.pos)]


DIRECTIVE = Directive("attachments", run, content=True, doc="附件说明")
