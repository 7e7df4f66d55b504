"""Walking and rewriting the document model.

``walk(node)`` yields every node depth-first (the node itself first).
``map_text(doc, fn)`` returns a new Document with ``fn`` applied to the text of
every :class:`Text` node (Code nodes are left alone); transforms use it.
``map_text_with_pos`` does the same but also passes the source position of the
nearest enclosing block, so a transform can say where it changed something.
"""
from __future__ import annotations

from dataclasses import fields, replace
from typing import Callable, Iterator

from .nodes import Document, SourcePos, Text


def is_node(value) -> bool:
    """True for model nodes (every node class has a ``kind``)."""
    return hasattr(type(value), "kind") and not isinstance(value, (str, type))


# Fields that hold child nodes (tuples of nodes), whatever their current value.
CHILD_FIELDS = frozenset({"children", "items", "head", "body", "foot", "caption", "cells", "columns"})


def child_fields(node) -> list[str]:
    """Names of the fields of ``node`` that hold nodes (or tuples of nodes)."""
    out = []
    for f in fields(node):
        if f.name == "pos":
            continue
        value = getattr(node, f.name)
        if f.name in CHILD_FIELDS or is_node(value):
            out.append(f.name)
    return out


def children(node) -> list:
    """The direct child nodes of ``node``, in field order."""
    out: list = []
    for name in child_fields(node):
        value = getattr(node, name)
        out.extend(value if isinstance(value, tuple) else (value,))
    return out


def walk(node) -> Iterator:
    """Every node under ``node`` (inclusive), depth-first, in document order."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


def _map(node, fn: Callable[[str, SourcePos | None], str], pos: SourcePos | None):
    if isinstance(node, Text):
        new = fn(node.text, pos)
        return node if new == node.text else Text(new)
    own = getattr(node, "pos", None)
    if own is not None:
        pos = own
    changes = {}
    for name in child_fields(node):
        value = getattr(node, name)
        if isinstance(value, tuple):
            mapped = tuple(_map(v, fn, pos) for v in value)
            if any(a is not b for a, b in zip(mapped, value)):
                changes[name] = mapped
        else:
            mapped = _map(value, fn, pos)
            if mapped is not value:
                changes[name] = mapped
    return replace(node, **changes) if changes else node


def map_text_with_pos(doc: Document, fn: Callable[[str, SourcePos | None], str]) -> Document:
    """A new Document with ``fn(text, pos)`` applied to every Text node's text;
    ``pos`` is the position of the nearest enclosing block (or None)."""
    return _map(doc, fn, None)


def map_text(doc: Document, fn: Callable[[str], str]) -> Document:
    """A new Document with ``fn`` applied to every Text node's text."""
    return _map(doc, lambda text, _pos: fn(text), None)
