"""A stable, indented, human-readable text dump of the model (for fixtures).

Each node is one line: its ``kind`` followed by its non-default scalar fields
as ``name=value`` (values in Python repr); child nodes follow, indented two
spaces.  Text nodes print as ``text 'the text'``.  Source positions are left
out, so a dump only changes when the meaning of the document changes.

>>> from reportgen.model.nodes import Paragraph, Strong, Text
>>> print(dump(Paragraph((Text("a"), Strong((Text("b"),))))), end="")
paragraph
  text 'a'
  strong
    text 'b'
"""
from __future__ import annotations

from dataclasses import MISSING, fields

from .nodes import Code, Document, Meta, Text
from .walk import child_fields, is_node


def _default(f):
    if f.default is not MISSING:
        return f.default
    if f.default_factory is not MISSING:  # type: ignore[misc]
        return f.default_factory()  # type: ignore[misc]
    return MISSING


def _scalars(node) -> str:
    kids = set(child_fields(node))
    parts = []
    for f in fields(node):
        if f.name == "pos" or f.name in kids:
            continue
        value = getattr(node, f.name)
        if value == _default(f):
            continue
        parts.append(f"{f.name}={value!r}")
    return " ".join(parts)


def _lines(node, depth: int, out: list[str]) -> None:
    pad = "  " * depth
    if isinstance(node, (Text, Code)):
        out.append(f"{pad}{node.kind} {node.text!r}")
        return
    if isinstance(node, Document):
        out.append(f"{pad}document")
        meta = _scalars(node.meta)
        if meta:
            out.append(f"{pad}  meta {meta}")
        for block in node.body:
            _lines(block, depth + 1, out)
        return
    head = f"{pad}{node.kind}"
    scalars = _scalars(node)
    out.append(f"{head} {scalars}" if scalars else head)
    for name in child_fields(node):
        value = getattr(node, name)
        items = value if isinstance(value, tuple) else (value,)
        if len(child_fields(node)) > 1:
            if not items:
                continue
            out.append(f"{pad}  [{name}]")
            for item in items:
                _lines(item, depth + 2, out)
        else:
            for item in items:
                _lines(item, depth + 1, out)


def dump(node) -> str:
    """The dump of a Document or any node, ending with a newline."""
    if isinstance(node, Meta):
        return f"meta {_scalars(node)}\n"
    if not is_node(node):
        raise TypeError(f"not a model node: {node!r}")
    out: list[str] = []
    _lines(node, 0, out)
    return "\n".join(out) + "\n"
