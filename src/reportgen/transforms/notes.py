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
    idx = [i for i, c in enumerate(div.children) if isinstance(c, Paragraph)]
    if not idx:
        return div
    text = "".join(plain_text(div.children[i].children) for i in idx).strip()
    if text.startswith(("（", "(")) and text.endswith(("）", ")")):
        return div
    children = list(div.children)
    first, last = idx[0], idx[-1]  # by position: two paragraphs may read the same
    children[first] = replace(children[first], children=(Text("（"), *children[first].children))
    children[last] = replace(children[last], children=(*children[last].children, Text("）")))
    return replace(div, children=tuple(children))
