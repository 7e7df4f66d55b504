"""DocxWriter: Layout → .docx bytes (python-docx + raw OOXML in oxml.py).

The writer translates the layout stage's decisions (``reportgen.layout``)
into WordprocessingML and decides nothing itself.  One handler per layout
item kind and per inline kind (``render_<kind>``); ``register(kind, handler)``
replaces or adds one.  Item handlers take ``(item, ctx)`` and append to
``ctx.container``; inline handlers take ``(node, ctx)`` and append runs to
``ctx.target`` using the formatting in ``ctx.fmt``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from io import BytesIO
from typing import Any, Callable

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from ...errors import RenderError
from ...model.sanitize import xml_safe
from ...layout import ITEM_KINDS, Layout, lay_out
from ...model import INLINE_KINDS, Document
from ...themes import Theme
from .. import WriterResult, build_stamp
from . import oxml as ox
from .blocks import BlockHandlers
from .official import OfficialHandlers
from .props import set_properties
from .styles import base_document, role_style_id, theme_roles
from .tables import TableHandlers


@dataclass
class Ctx:
    """Where output goes and how runs are set while rendering one document."""

    doc: Any  # python-docx Document
    container: Any  # w:body or w:tc element
    role: str = "body"  # the paragraph role runs inherit their fonts from
    target: Any = None  # w:p or w:hyperlink receiving runs
    fmt: dict = field(default_factory=dict)  # bold / italic / underline / vert / color / east / latin

    def add(self, element):
        """Append a block element (before the body's sectPr)."""
        sect = self.container.find(ox.qn("w:sectPr"))
        if sect is not None:
            sect.addprevious(element)
        else:
            self.container.append(element)
        return element


class DocxWriter(BlockHandlers, TableHandlers, OfficialHandlers):
    name = "docx"
    suffix = ".docx"
    paginates = False  # render() takes the page count from the pipeline

    def __init__(self, theme: Theme, stamp: datetime | None = None):
        self.theme = theme
        self.unnumbered: tuple[int, ...] = ()  # pages of the document being written that carry no number
        self.stamp = stamp or build_stamp()  # created / modified of every document
        self._roles = set(theme_roles(theme))
        self.handlers: dict[str, Callable] = {}
        for kind in ITEM_KINDS + INLINE_KINDS:
            method = getattr(self, f"render_{kind}", None)
            if method is not None:
                self.handlers[kind] = method

    @classmethod
    def create(cls, theme: Theme, *, fonts: dict | None = None, stamp: datetime | None = None) -> "DocxWriter":
        """The writer for ``theme``; ``fonts`` (PDF font files) is not used:
        a DOCX names its faces and embeds none."""
        return cls(theme, stamp)

    def register(self, kind: str, handler: Callable) -> None:
        """Handle nodes of ``kind`` with ``handler(node, ctx)``."""
        self.handlers[kind] = handler

    # ------------------------------------------------------------ entry point

    def render(self, doc: Document | Layout, pages: int | None = None) -> WriterResult:
        """The DOCX of a Layout (a Document is laid out first).  A DOCX has no
        pagination of its own: ``pages`` is the page count reportgen's
        pagination gives for the same document (the pipeline passes the PDF
        writer's), written into app.xml."""
        layout = doc if isinstance(doc, Layout) else lay_out(xml_safe(doc), self.theme)
        try:
            out = docx.Document(BytesIO(base_document(self.theme)))
        except Exception as exc:  # python-docx / lxml failure on our own base
            raise RenderError(f"docx: cannot build the base document: {exc}") from exc
        set_properties(out, layout.meta, self.stamp, pages)
        self.unnumbered = layout.unnumbered
        ctx = Ctx(doc=out, container=out.element.body)
        for item in layout.items:
            self.block(item, ctx)
        buf = BytesIO()
        out.save(buf)
        return WriterResult(_stamped(buf.getvalue(), self.stamp), pages)

    def block(self, node, ctx: Ctx):
        handler = self.handlers.get(node.kind)
        if handler is None:
            raise RenderError(f"docx: no handler for {node.kind!r} items",
                              file=getattr(getattr(node, "pos", None), "file", None),
                              line=getattr(getattr(node, "pos", None), "line", None))
        handler(node, ctx)

    # ------------------------------------------------------------ paragraphs

    def style_id(self, role: str) -> str:
        return role_style_id(role if role in self._roles else "body")

    def inlines(self, nodes, ctx: Ctx, p, role: str, fmt: dict | None = None):
        sub = replace(ctx, target=p, role=role, fmt=dict(fmt or {}))
        for node in nodes:
            handler = self.handlers.get(node.kind)
            if handler is None:
                raise RenderError(f"docx: no handler for inline {node.kind!r}")
            handler(node, sub)

    def text_run(self, text: str, ctx: Ctx, **extra):
        """A run of ``text`` in the current role and formatting (east-Asian face always set)."""
        st = self.theme.style(ctx.fmt.get("role", ctx.role))
        props = dict(east=st.font, latin=st.latin)
        props.update({k: v for k, v in ctx.fmt.items() if k != "role"})
        props.update(extra)
        return ox.run(text, **props)

    def spacer(self, ctx: Ctx, height: float):
        """An empty paragraph exactly ``height`` points tall (vertical placement)."""
        p = ox.new_p("Normal")
        pp = ox.ppr(p)
        ox.set_flag(pp, "w:snapToGrid", False)
        ox.set_spacing(pp, line=max(height, 1.0), before=0, after=0)
        ox.set_ind(pp, left=0, right=0, first=0, first_chars=0)
        rpr = ox.child(pp, "w:rPr", ox.PPR_ORDER)
        ox.fill_rpr(rpr, size=1)
        return ctx.add(p)

    # ------------------------------------------------------------ inlines

    def render_text(self, node, ctx: Ctx):
        ctx.target.append(self.text_run(node.text, ctx))

    def _nested(self, node, ctx: Ctx, **fmt):
        self.inlines(node.children, ctx, ctx.target, ctx.role, {**ctx.fmt, **fmt})

    def render_strong(self, node, ctx: Ctx):
        self._nested(node, ctx, bold=True)

    def render_emph(self, node, ctx: Ctx):
        self._nested(node, ctx, italic=True)

    def render_underline(self, node, ctx: Ctx):
        self._nested(node, ctx, underline=True)

    def render_sup(self, node, ctx: Ctx):
        self._nested(node, ctx, vert="superscript")

    def render_sub(self, node, ctx: Ctx):
        self._nested(node, ctx, vert="subscript")

    def render_styled(self, node, ctx: Ctx):
        st = self.theme.style(node.role)
        fmt: dict = {"role": node.role, "size": st.size}
        if st.bold:
            fmt["bold"] = True
        if st.italic:
            fmt["italic"] = True
        if any(st.color):
            fmt["color"] = st.color
        self._nested(node, ctx, **fmt)

    def render_linebreak(self, node, ctx: Ctx):
        ctx.target.append(ox.br())

    def render_code(self, node, ctx: Ctx):
        ctx.target.append(self.text_run(node.text, ctx, latin="Courier New"))

    def render_link(self, node, ctx: Ctx):
        rid = ctx.doc.part.relate_to(node.href, RT.HYPERLINK, is_external=True)
        link = ox.hyperlink(rid)
        ctx.target.append(link)
        self.inlines(node.children, ctx, link, ctx.role,
                     {**ctx.fmt, "underline": True, "color": (0.02, 0.39, 0.76)})


def _stamped(data: bytes, stamp: datetime) -> bytes:
    """The package with every member dated ``stamp`` (python-docx dates them
    now): the same document from the same build stamp is the same bytes."""
    import zipfile

    when = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=when)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()
