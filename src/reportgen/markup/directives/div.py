"""Block containers → Div(role, children parsed as Markdown blocks).

``note`` (附注) → role ``note``; ``editor-note`` (编者按) → ``editor_note``;
``article`` (a briefing article; its first ``#`` heading is its Title and its
headings are numbered afresh) → ``article``; ``div`` → the ``:role:`` given.
"""
from __future__ import annotations

from ...model.nodes import Div
from .base import Directive, plain


def _container(role: str | None):
    def run(ctx, options, content):
        name = role or plain(options["role"])
        if not name:
            raise ctx.error(":role: must not be empty")
        children = ctx.parser.blocks(content, ctx.content_line, new_scope=(name == "article"))
        return [Div(name, tuple(children), pos=ctx.pos)]
    return run


DIRECTIVES = [
    Directive("note", _container("note"), content=True, doc="附注"),
    Directive("editor-note", _container("editor_note"), content=True, doc="编者按"),
    Directive("article", _container("article"), content=True, doc="a briefing article"),
    Directive("div", _container(None), options={"role": True}, content=True, doc="blocks in a theme role"),
]
