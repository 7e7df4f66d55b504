"""The document model: a format-neutral tree that both writers render.

Every node is a frozen, slotted dataclass.  Children are tuples.  ``pos`` is
the source position (template/intermediate line) the node came from; equality
ignores it.  ``kind`` names the node for writer dispatch (``render_<kind>``).

Masthead, Colophon, Signature and friends carry meaning only (names, numbers,
dates).  Red rules, fonts and distances belong to the theme and the writers.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True, slots=True)
class SourcePos:
    """Where a node came from: a file (usually the rendered intermediate
    Markdown, or the template) and a 1-based line."""

    file: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file or "<unknown>"
        return f"{self.file or '<unknown>'}:{self.line}"


def _pos() -> SourcePos | None:
    return field(default=None, compare=False, repr=False)


# --------------------------------------------------------------------------
# Inlines
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    kind = "text"


@dataclass(frozen=True, slots=True)
class Strong:
    children: tuple["Inline", ...]
    kind = "strong"


@dataclass(frozen=True, slots=True)
class Emph:
    children: tuple["Inline", ...]
    kind = "emph"


@dataclass(frozen=True, slots=True)
class Underline:
    children: tuple["Inline", ...]
    kind = "underline"


@dataclass(frozen=True, slots=True)
class Sup:
    children: tuple["Inline", ...]
    kind = "sup"


@dataclass(frozen=True, slots=True)
class Sub:
    children: tuple["Inline", ...]
    kind = "sub"


@dataclass(frozen=True, slots=True)
class Styled:
    """Inline text set in a theme role (e.g. ``kai`` for a 楷体 run)."""

    role: str
    children: tuple["Inline", ...]
    kind = "styled"


@dataclass(frozen=True, slots=True)
class LineBreak:
    kind = "linebreak"


@dataclass(frozen=True, slots=True)
class Link:
    href: str
    children: tuple["Inline", ...]
    kind = "link"


@dataclass(frozen=True, slots=True)
class Code:
    text: str
    kind = "code"


Inline = Union[Text, Strong, Emph, Underline, Sup, Sub, Styled, LineBreak, Link, Code]
INLINE_KINDS = ("text", "strong", "emph", "underline", "sup", "sub", "styled", "linebreak", "link", "code")


# --------------------------------------------------------------------------
# Blocks
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading.  ``number`` is the label the numbering transform assigned
    (``一、``, ``（一）``, ``1.``, ``（1）``) or None when unnumbered."""

    level: int
    children: tuple[Inline, ...]
    number: str | None = None
    pos: SourcePos | None = _pos()
    kind = "heading"


@dataclass(frozen=True, slots=True)
class Title:
    """The document title (GB/T 9704 标题, 简报 article title).  ``subtitle``
    lines are set smaller beneath it."""

    children: tuple[Inline, ...]
    pos: SourcePos | None = _pos()
    kind = "title"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph set in a theme role (``body``, ``lead``, ``addressee``,
    ``editor_note``, ``note``, …).  ``align`` overrides the role's alignment
    (``left``, ``center``, ``right``, ``justify``) when not None."""

    children: tuple[Inline, ...]
    role: str = "body"
    align: str | None = None
    pos: SourcePos | None = _pos()
    kind = "paragraph"


@dataclass(frozen=True, slots=True)
class ListItem:
    children: tuple["Block", ...]
    kind = "list_item"


@dataclass(frozen=True, slots=True)
class List:
    items: tuple[ListItem, ...]
    ordered: bool = False
    start: int = 1
    pos: SourcePos | None = _pos()
    kind = "list"


@dataclass(frozen=True, slots=True)
class Cell:
    children: tuple[Inline, ...]
    rowspan: int = 1
    colspan: int = 1
    align: str | None = None  # left / center / right; None = column default
    kind = "cell"


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    kind = "row"


@dataclass(frozen=True, slots=True)
class Column:
    align: str | None = None  # left / center / right
    width: float | None = None  # relative weight; None = equal share
    kind = "column"


@dataclass(frozen=True, slots=True)
class Table:
    """A table after Pandoc's model: head, body and foot rows, spans on cells."""

    columns: tuple[Column, ...]
    head: tuple[Row, ...]
    body: tuple[Row, ...]
    foot: tuple[Row, ...] = ()
    caption: tuple[Inline, ...] = ()
    repeat_head: bool = True
    pos: SourcePos | None = _pos()
    kind = "table"


@dataclass(frozen=True, slots=True)
class Image:
    src: str  # absolute path, already checked to lie inside the project
    alt: str = ""
    width: float | None = None  # points; None = natural size capped to the text width
    pos: SourcePos | None = _pos()
    kind = "image"


@dataclass(frozen=True, slots=True)
class Rule:
    """A thin horizontal rule across the text width (Markdown ``---``)."""

    pos: SourcePos | None = _pos()
    kind = "rule"


@dataclass(frozen=True, slots=True)
class PageBreak:
    pos: SourcePos | None = _pos()
    kind = "page_break"


@dataclass(frozen=True, slots=True)
class Masthead:
    """The 版头 of an official document or the 报头 of a briefing.

    ``issuer``: 发文机关标志 / 简报名称 (the big red line).  The other fields
    are optional and drawn only when present: ``copy_no`` 份号,
    ``secrecy`` 密级和保密期限, ``urgency`` 紧急程度, ``doc_no`` 发文字号,
    ``signers`` 签发人 names (上行文), ``issue`` 第N期, ``total_issue`` 总第N期,
    ``editor`` 编印单位, ``date`` 印发日期 (already formatted text).
    ``variant`` is ``document`` (公文 版头) or ``briefing`` (简报 报头).
    """

    issuer: str
    variant: str = "document"
    copy_no: str | None = None
    secrecy: str | None = None
    urgency: str | None = None
    doc_no: str | None = None
    signers: tuple[str, ...] = ()
    issue: str | None = None
    total_issue: str | None = None
    editor: str | None = None
    date: str | None = None
    pos: SourcePos | None = _pos()
    kind = "masthead"


@dataclass(frozen=True, slots=True)
class Addressee:
    """主送机关: the recipients, printed flush left and closed with a full-width colon."""

    names: tuple[str, ...]
    pos: SourcePos | None = _pos()
    kind = "addressee"


@dataclass(frozen=True, slots=True)
class Attachments:
    """附件说明: the list of attachment names under the body."""

    names: tuple[str, ...]
    pos: SourcePos | None = _pos()
    kind = "attachments"


@dataclass(frozen=True, slots=True)
class Signature:
    """发文机关署名 and 成文日期 (date already formatted, Arabic numerals)."""

    issuers: tuple[str, ...]
    date: str
    sealed: bool = False  # leave room for a seal (GB/T 9704 7.3.5.1) vs. 7.3.5.2
    pos: SourcePos | None = _pos()
    kind = "signature"


@dataclass(frozen=True, slots=True)
class Colophon:
    """版记 (公文) or 报尾 (简报): lines between rules at the bottom of the last page.

    ``entries`` are (label, text) pairs in print order, e.g.
    ``("抄送", "市委办公厅，市政府办公厅。")``.  ``printer``/``print_date`` form
    the last line of a 公文 版记 (印发机关 left, 印发日期 right); ``copies``
    is the 简报 共印N份 count.
    """

    entries: tuple[tuple[str, str], ...] = ()
    printer: str | None = None
    print_date: str | None = None
    copies: str | None = None
    variant: str = "document"  # document (版记) or briefing (报尾)
    pos: SourcePos | None = _pos()
    kind = "colophon"


@dataclass(frozen=True, slots=True)
class Div:
    """A group of blocks set in a theme role (``editor_note`` 编者按,
    ``article`` of a briefing, ``note`` 附注, …)."""

    role: str
    children: tuple["Block", ...]
    pos: SourcePos | None = _pos()
    kind = "div"


@dataclass(frozen=True, slots=True)
class Part:
    """One document inside a volume (``reportgen build --bundle``): starts on a
    new page, restarts page numbers at 1, and is listed in the PDF's bookmarks
    and Word's navigation pane under ``label`` (e.g. the district's name).
    ``start``: "odd" (a blank verso before it when needed, for double-sided
    printing), "next" (the next page), or None (the theme's choice)."""

    label: str
    children: tuple["Block", ...]
    start: str | None = None
    pos: SourcePos | None = _pos()
    kind = "part"


Block = Union[
    Heading, Title, Paragraph, List, Table, Image, Rule, PageBreak, Masthead, Addressee,
    Attachments, Signature, Colophon, Div, Part,
]
BLOCK_KINDS = (
    "heading", "title", "paragraph", "list", "table", "image", "rule", "page_break", "masthead",
    "addressee", "attachments", "signature", "colophon", "div", "part",
)


@dataclass(frozen=True, slots=True)
class Meta:
    title: str = ""
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()
    date: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    meta: Meta
    body: tuple[Block, ...]
    kind = "document"


def plain_text(inlines) -> str:
    """The text of a sequence of inlines, without markup."""
    out: list[str] = []
    for node in inlines:
        if isinstance(node, (Text, Code)):
            out.append(node.text)
        elif isinstance(node, LineBreak):
            out.append("\n")
        else:
            out.append(plain_text(node.children))
    return "".join(out)
