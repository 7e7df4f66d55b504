"""The layout stage: Document + Theme → Layout (every decision both formats share).

Roles are resolved here (a Div's role reaches its paragraphs, a briefing
article's title takes ``article_title``), labels added (编者按：, heading
numbers, list markers), official elements turned into lines, tables into a
normalised grid, images sized to the type area.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import RenderError
from ..model import nodes as m
from . import official, rhythm, tables
from .titles import break_title
from .items import ImageBox, Layout, PageBreak, PageNumbers, Para, PartStart, RuleBox, Span
from ..text import text_width
from .wording import div_label


@dataclass(frozen=True)
class _Ctx:
    role: str | None = None  # a Div's role, taken by its body paragraphs
    left: float = 0.0  # points (lists nest)
    depth: int = 0  # list nesting


class _LayOut:
    def __init__(self, theme):
        self.theme = theme
        self.width = theme.page.type_width
        self.items: list = []
        self.prev: str | None = None  # kind of the previous top-level block
        self.parts = 0
        self.last_outline = -1  # the previous outline level (bookmarks, navigation pane)

    def blocks(self, nodes, ctx: _Ctx) -> None:
        for node in nodes:
            self.block(node, ctx)
            if ctx.depth == 0 and ctx.role is None:
                self.prev = node.kind

    def block(self, node, ctx: _Ctx) -> None:
        handler = getattr(self, f"_{node.kind}", None)
        if handler is None:
            pos = getattr(node, "pos", None)
            raise RenderError(f"layout: no rule for {node.kind!r} nodes",
                              file=pos.file if pos else None, line=pos.line if pos else None)
        handler(node, ctx)

    def add(self, item) -> None:
        if item is not None:
            self.items.append(item)

    # ------------------------------------------------------------ text blocks

    def _title(self, node: m.Title, ctx: _Ctx) -> None:
        role = "title"
        if ctx.role and f"{ctx.role}_title" in self.theme.styles:
            role = f"{ctx.role}_title"
        st = self.theme.style(role)
        c = self.theme.char_width(role)
        # one 字 to spare: Latin letters and digits are not exactly half a 字 in
        # every face, and some readers add space around them
        capacity = (self.width - ctx.left - (st.left_indent + st.right_indent) * c) / c - 1
        # broken by words into balanced lines; a title never ends a page; a
        # briefing's article titles are its outline (navigation pane, bookmarks)
        outline = self._outline(0) if role == "article_title" else None
        self.add(Para(role, break_title(node.children, capacity), keep_with_next=True, outline=outline,
                      pos=node.pos))

    def _heading(self, node: m.Heading, ctx: _Ctx) -> None:
        level = min(max(node.level, 1), 4)
        role = f"heading{level}"
        lead = (Span(node.number, role),) if node.number else ()
        depth = level - 1 + (1 if ctx.role == "article" else 0)  # under an article's title
        self.add(Para(role, node.children, lead, left=ctx.left or None, outline=self._outline(depth),
                      pos=node.pos))

    def _outline(self, depth: int) -> int:
        """The outline level of an entry ``depth`` deep in its document: one
        below a volume part's entry, and never more than one below the
        entry before it (a reader's outline has no gaps)."""
        level = min(depth + (1 if self.parts else 0), self.last_outline + 1)
        self.last_outline = level
        return level

    def _paragraph(self, node: m.Paragraph, ctx: _Ctx, lead: tuple[Span, ...] = ()) -> None:
        role = ctx.role if node.role == "body" and ctx.role else node.role
        self.add(Para(role, node.children, lead, align=node.align, left=ctx.left or None, pos=node.pos))

    def _div(self, node: m.Div, ctx: _Ctx) -> None:
        inner = _Ctx(node.role, ctx.left, ctx.depth)
        first = True
        for child in node.children:
            if first and isinstance(child, m.Paragraph):
                first = False
                label = div_label(node.role, child)
                if label:
                    role = node.role if child.role == "body" else child.role
                    self._paragraph(child, inner, (Span(label, role, bold=True),))
                    continue
            self.block(child, inner)

    def _list(self, node: m.List, ctx: _Ctx) -> None:
        """Markers by depth (•◦▪) or numbers; the marker at the list's indent,
        the text ``hang`` to its right, wrapped lines under the text."""
        el = self.theme.elements.lists
        role = "list"
        c = self.theme.char_width(role)
        labels = [f"{node.start + i}." if node.ordered else el.markers[ctx.depth % len(el.markers)]
                  for i in range(len(node.items))]
        hang = max(el.hang, max((text_width(t) for t in labels), default=0) + 0.5) * c
        marker_x = ctx.left + (el.indent * c if ctx.depth == 0 else 0.0)
        inner = _Ctx(ctx.role, marker_x + hang, ctx.depth + 1)
        for label, item in zip(labels, node.items):
            children = list(item.children)
            first = children.pop(0) if children and isinstance(children[0], m.Paragraph) else None
            inlines = first.children if first else ()
            self.add(Para(role, inlines, (Span(label, role),), align=first.align if first else None,
                          indent=-hang, left=inner.left, pos=first.pos if first else node.pos))
            for child in children:
                if isinstance(child, m.Paragraph):
                    self.add(Para(role, child.children, align=child.align, indent=0.0, left=inner.left,
                                  pos=child.pos))
                else:
                    self.block(child, inner)

    # ------------------------------------------------------------ other blocks

    def _table(self, node: m.Table, ctx: _Ctx) -> None:
        self.add(tables.table(node, self.theme, self.width, ctx.left))

    def _image(self, node: m.Image, ctx: _Ctx) -> None:
        from .images import fit

        el = self.theme.elements.image
        room = self.theme.page.type_height - el.space_before - el.space_after
        width, height = fit(node, self.width - ctx.left, room)
        self.add(ImageBox(node.src, width, height, node.alt, el.space_before, el.space_after, pos=node.pos))

    def _rule(self, node: m.Rule, ctx: _Ctx) -> None:
        el = self.theme.elements.rule
        self.add(RuleBox(el.width, el.gap, pos=node.pos))

    def _page_break(self, node: m.PageBreak, ctx: _Ctx) -> None:
        self.add(PageBreak(pos=node.pos))

    def _part(self, node: m.Part, ctx: _Ctx) -> None:
        self.parts += 1
        start = node.start or self.theme.elements.volume.start
        self.add(PartStart(node.label, self.parts == 1, start == "odd", pos=node.pos))
        self.prev, self.last_outline = None, 0
        self.blocks(node.children, ctx)

    # ------------------------------------------------------------ official elements

    def _masthead(self, node: m.Masthead, ctx: _Ctx) -> None:
        self.add(official.masthead(node, self.theme, self.width))

    def _addressee(self, node: m.Addressee, ctx: _Ctx) -> None:
        self.add(official.addressee(node, self.theme, self.prev))

    def _attachments(self, node: m.Attachments, ctx: _Ctx) -> None:
        self.add(official.attachments(node, self.theme))

    def _signature(self, node: m.Signature, ctx: _Ctx) -> None:
        self.add(official.signature(node, self.theme, self.width))

    def _colophon(self, node: m.Colophon, ctx: _Ctx) -> None:
        self.add(official.colophon(node, self.theme, self.width))


def page_numbers(theme) -> PageNumbers:
    """GB/T 9704 7.5: "— N —", odd pages right and even pages left, each
    inset one 字 of the page-number size (``outside``); or one position."""
    pn = theme.page_number
    before, has, after = pn.format.partition("{page}")
    odd = even = pn.position
    if pn.position == "outside":
        odd, even = "right", "left"
    return PageNumbers(bool(pn.format) and bool(has), before, after, odd, even,
                       pn.inset * theme.style("page_number").size, pn.below, pn.first_page)


def lay_out(doc: m.Document, theme) -> "Layout":
    """Every layout decision for ``doc`` in ``theme``."""
    state = _LayOut(theme)
    state.blocks(doc.body, _Ctx())
    items = rhythm.on_grid(rhythm.keep(state.items), theme)
    return Layout(doc.meta, tuple(items), page_numbers(theme))
