"""markdown-it inline syntax-tree nodes → model inlines.

A soft line break (a newline inside a paragraph) becomes nothing when the
character on either side is CJK text (``text.is_cjk_text``: hanzi, kana,
full-width punctuation, “”‘’—…), else a space: Chinese text has no spaces
between words.  Images come out as
:class:`InlineImage` placeholders; the block parser turns them into Image
blocks (or rejects them where only inlines are allowed).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model.nodes import Code, Emph, LineBreak, Link, Strong, Text, plain_text
from ..text import is_cjk_text

_SOFT = object()


@dataclass(frozen=True)
class InlineImage:
    src: str
    alt: str
    title: str


def _convert(node) -> list:
    kind = node.type
    if kind in ("text", "text_special", "html_inline"):
        return [Text(node.content)]
    if kind == "softbreak":
        return [_SOFT]
    if kind == "hardbreak":
        return [LineBreak()]
    if kind == "code_inline":
        return [Code(node.content)]
    if kind == "strong":
        return [Strong(tuple(convert_inlines(node.children)))]
    if kind == "em":
        return [Emph(tuple(convert_inlines(node.children)))]
    if kind == "link":
        return [Link(str(node.attrs.get("href", "")), tuple(convert_inlines(node.children)))]
    if kind == "image":
        alt = "".join(child.content for child in node.children) if node.children else node.content
        return [InlineImage(str(node.attrs.get("src", "")), alt, str(node.attrs.get("title") or ""))]
    return [Text(node.content)]


def _edge(items: list, index: int, step: int) -> str:
    """The nearest character before (step -1) or after (+1) position index,
    looking into emphasis and links (``**主题活动。**`` ends in 。)."""
    i = index + step
    while 0 <= i < len(items):
        item = items[i]
        text = item.text if isinstance(item, (Text, Code)) else \
            plain_text(item.children) if hasattr(item, "children") else ""
        if text:
            return text[-1] if step < 0 else text[0]
        if item is not _SOFT and not isinstance(item, Text) and not hasattr(item, "children"):
            return ""  # a line break or an image: no character to join
        i += step
    return ""


def _finish(items: list) -> list:
    """Resolve soft breaks and merge neighbouring Text nodes."""
    out: list = []
    for i, item in enumerate(items):
        if item is _SOFT:
            before, after = _edge(items, i, -1), _edge(items, i, 1)
            solid = (before and is_cjk_text(before)) or (after and is_cjk_text(after))
            item = Text("" if solid else " ")
        if isinstance(item, Text):
            if not item.text:
                continue
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + item.text)
                continue
        out.append(item)
    return out


def convert_inlines(nodes) -> list:
    """Inline syntax-tree nodes → model inlines (and InlineImage placeholders)."""
    items: list = []
    for node in nodes:
        items.extend(_convert(node))
    return _finish(items)


def strip_edges(items: list) -> list:
    """Drop leading/trailing whitespace (left when a paragraph is split at an image)."""
    items = list(items)
    if items and isinstance(items[0], Text):
        items[0] = Text(items[0].text.lstrip())
    if items and isinstance(items[-1], Text):
        items[-1] = Text(items[-1].text.rstrip())
    return [i for i in items if not (isinstance(i, Text) and not i.text)]
