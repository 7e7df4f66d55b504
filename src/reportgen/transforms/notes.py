"""附注 in round brackets (GB/T 9704 7.3.6: "居左空二字加圆括号编排").

A ``note`` directive holds the note's words only; this transform adds the
full-width brackets unless the text already has them.  Themes turn it off
with ``typography: {note_brackets: false}``.
"""
from __future__ import annotations

from dataclasses import replace

from ..model.nodes import Div, Document, Paragraph, Text, plain_text


def bracket_notes(doc: Document, theme) -> Document:
    if not theme.typography.get("note_brackets", theme.locale == "zh"):
        return doc
    return replace(doc, body=tuple(_note(b) if isinstance(b, Div) and b.role == "note" else b for b in doc.body))


def _note(div: Div) -> Div:
    paras = [c for c in div.children if isinstance(c, Paragraph)]
    if not paras:
        return div
    text = "".join(plain_text(p.children) for p in paras).strip()
    if text.startswith(("（", "(")) and text.endswith(("）", ")")):
        return div
    first, last = paras[0], paras[-1]
    children = list(div.children)
    i, j = children.index(first), children.index(last)
    children[i] = replace(first, children=(Text("（"), *first.children))
    last = children[j]
    children[j] = replace(last, children=(*last.children, Text("）")))
    return replace(div, children=tuple(children))
