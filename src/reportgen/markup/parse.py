"""Markdown (with MyST colon-fence directives) → the document model.

The Markdown is parsed by markdown-it-py (``commonmark`` preset with GFM
tables, raw HTML off) and mdit-py-plugins' ``colon_fence``; this module only
maps the syntax tree onto model nodes.

Heading rule (one title, then 一、（一）1.（1）):

* ``# text`` is the document **Title** when it is the first heading of the
  document (or of an ``article`` directive, which has its own title);
* ``##`` → Heading level 1, ``###`` → 2, ``####`` → 3, ``#####`` → 4;
* a later ``#`` (after any other heading or title) → Heading level 1;
* ``######`` is level 4 as well (reports have four numbered levels).

``---`` (a thematic break) is a thin rule across the text width.

Other blocks: paragraphs, bullet/ordered lists, GFM pipe tables (column
alignment from the delimiter row), fenced/indented code (a paragraph in role
``code``), block quotes (Div role ``quote``).  An image alone or inside a
paragraph becomes an Image block (splitting the paragraph); its ``src`` must
resolve to an existing file inside ``base_dir`` (default: the current
directory) and its title may give a width: ``![图1](chart.png "w=80mm")``.
Every block carries ``pos=SourcePos(source, line)``.  Directives are in
``directives/``; an unknown directive or option is a MarkupError naming the
line and listing what is valid.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.colon_fence import colon_fence_plugin

from ..errors import MarkupError
from ..model.nodes import (
    Cell, Code, Column, Div, Document, Heading, Image, LineBreak, List, ListItem, Meta, Paragraph, Row,
    Rule, SourcePos, Table, Title, plain_text,
)
from ..themes.units import to_pt
from .cjk import use_cjk_emphasis
from .directives import REGISTRY, DirectiveContext, check_options, split_options
from .inlines import InlineImage, convert_inlines, strip_edges

_MD = use_cjk_emphasis(MarkdownIt("commonmark", {"html": False}).enable("table").use(colon_fence_plugin))
_DIRECTIVE = re.compile(r"^\{([A-Za-z][\w-]*)\}\s*(.*)$")
_WIDTH = re.compile(r"^\s*(?:w|width)\s*=\s*(\S+)\s*$")
_ALIGN = re.compile(r"text-align:\s*(left|center|right)")


@dataclass
class Scope:
    """Per-document (or per-article) state: has a heading been seen yet?"""

    seen_heading: bool = False


class BlockParser:
    """Turns Markdown text into model blocks; directives call back into it."""

    def __init__(self, source: str, base_dir: Path | None, confine: Path | None = None,
                 directives: dict | None = None):
        self.source = source
        self.directives = {**REGISTRY, **(directives or {})}  # the built-ins and a project's plugins
        self.base_dir = (base_dir or Path.cwd()).resolve()
        self.confine = (confine or self.base_dir).resolve()  # images must lie inside this folder
        self.scope = Scope()
        self.errors: list = []  # every markup error of the text, reported together by parse()

    # -- entry points used by parse() and by directives ----------------------

    def blocks(self, text: str, first_line: int = 1, new_scope: bool = False) -> list:
        outer = self.scope
        if new_scope:
            self.scope = Scope()
        try:
            tree = SyntaxTreeNode(_MD.parse(text))
            return self._children(tree.children, first_line)
        finally:
            self.scope = outer

    def inline(self, text: str, line: int) -> list:
        """Inline Markdown (e.g. a directive's title text) → inlines; separate
        paragraphs are joined by a line break."""
        tree = SyntaxTreeNode(_MD.parse(text))
        items: list = []
        for node in tree.walk():
            if node.type == "inline":
                if items:
                    items.append(LineBreak())
                items.extend(convert_inlines(node.children))
        return self._no_images(items, line, "a title")

    # -- helpers -------------------------------------------------------------

    def error(self, message: str, line: int | None, hint: str | None = None) -> MarkupError:
        return MarkupError(message, file=self.source, line=line, hint=hint)

    def _pos(self, node, first_line: int) -> SourcePos:
        line = node.map[0] + first_line if node.map else None
        return SourcePos(self.source, line)

    def _no_images(self, items: list, line: int | None, where: str) -> list:
        if any(isinstance(i, InlineImage) for i in items):
            raise self.error(f"an image cannot stand in {where}", line, hint="put the image in its own paragraph")
        return items

    def _children(self, nodes, first_line: int) -> list:
        out: list = []
        for node in nodes:
            try:
                out.extend(self._block(node, first_line))
            except MarkupError as exc:  # noted; the next block is parsed all the same
                self.errors.extend(d for d in exc.diagnostics if d not in self.errors)
        return out

    def _inlines(self, node, line: int | None, where: str) -> tuple:
        inline = node.children[0] if node.children else None
        items = convert_inlines(inline.children) if inline is not None else []
        return tuple(self._no_images(items, line, where))

    # -- blocks --------------------------------------------------------------

    def _block(self, node, first_line: int) -> list:
        pos = self._pos(node, first_line)
        handler = getattr(self, f"_b_{node.type}", None)
        if handler is None:
            raise self.error(f"{node.type.replace('_', ' ')} is not supported in reportgen Markdown", pos.line)
        return handler(node, pos, first_line)

    def _b_heading(self, node, pos, first_line):
        level = int(node.tag[1])
        children = self._inlines(node, pos.line, "a heading")
        first = not self.scope.seen_heading
        self.scope.seen_heading = True
        if level == 1 and first:
            return [Title(children, pos=pos)]
        return [Heading(min(max(level - 1, 1), 4), children, pos=pos)]  # ###### is level 4 too

    def _b_hr(self, node, pos, first_line):
        return [Rule(pos=pos)]

    def _b_paragraph(self, node, pos, first_line):
        inline = node.children[0]
        items = convert_inlines(inline.children)
        out: list = []
        run: list = []
        for item in items + [None]:
            if item is None or isinstance(item, InlineImage):
                run = strip_edges(run)
                if run:
                    out.append(Paragraph(tuple(run), pos=pos))
                run = []
                if item is not None:
                    out.append(self._image(item, pos))
            else:
                run.append(item)
        return out

    def _image(self, item: InlineImage, pos: SourcePos) -> Image:
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", item.src) and not re.match(r"^[a-zA-Z]:[\\/]", item.src):
            raise self.error(f"image {item.src!r}: only files inside the project can be used, not URLs", pos.line)
        path = (self.base_dir / item.src).resolve()
        if not path.is_relative_to(self.confine):
            raise self.error(f"image {item.src!r} lies outside {self.confine}", pos.line,
                             hint="keep images inside the project folder; paths are relative to the template folder")
        if not path.is_file():
            raise self.error(f"image {item.src!r} not found (looked for {path})", pos.line)
        width = None
        if item.title:
            m = _WIDTH.match(item.title)
            try:
                width = round(to_pt(m.group(1)), 2) if m else None
            except ValueError:
                width = None
            if width is None:
                raise self.error(f"image title {item.title!r} is not a width", pos.line, hint='write e.g. "w=80mm"')
        return Image(str(path), alt=item.alt, width=width, pos=pos)

    def _b_bullet_list(self, node, pos, first_line):
        return [List(self._items(node, first_line), ordered=False, pos=pos)]

    def _b_ordered_list(self, node, pos, first_line):
        start = int(node.attrs.get("start", 1))
        return [List(self._items(node, first_line), ordered=True, start=start, pos=pos)]

    def _items(self, node, first_line) -> tuple:
        return tuple(ListItem(tuple(self._children(item.children, first_line))) for item in node.children)

    def _b_table(self, node, pos, first_line):
        head: list = []
        body: list = []
        columns: tuple = ()
        for section in node.children:
            rows = tuple(self._row(tr, pos) for tr in section.children)
            if section.type == "thead":
                head.extend(rows)
                cells = section.children[0].children if section.children else []
                columns = tuple(Column(align=self._align(c)) for c in cells)
            else:
                body.extend(rows)
        return [Table(columns, tuple(head), tuple(body), pos=pos)]

    def _row(self, tr, pos) -> Row:
        return Row(tuple(Cell(self._inlines(cell, pos.line, "a table cell")) for cell in tr.children))

    @staticmethod
    def _align(cell) -> str | None:
        m = _ALIGN.search(str(cell.attrs.get("style", "")))
        return m.group(1) if m else None

    def _b_fence(self, node, pos, first_line):
        return [Paragraph((Code(node.content.rstrip("\n")),), role="code", pos=pos)]

    _b_code_block = _b_fence

    def _b_blockquote(self, node, pos, first_line):
        return [Div("quote", tuple(self._children(node.children, first_line)), pos=pos)]

    def _b_colon_fence(self, node, pos, first_line):
        m = _DIRECTIVE.match(node.info.strip())
        valid = ", ".join(sorted(self.directives))
        if not m:
            raise self.error(f"a colon fence needs a directive name like :::{{note}}, got {node.info.strip()!r}",
                             pos.line, hint=f"directives: {valid}")
        name, argument = m.group(1), m.group(2)
        spec = self.directives.get(name)
        if spec is None:
            close = difflib.get_close_matches(name, self.directives, n=1)
            guess = f"did you mean {{{close[0]}}}? " if close else ""
            raise self.error(f"unknown directive {{{name}}} ({guess}valid directives: {valid})", pos.line)
        options, content, n_options, order = split_options(node.content)
        ctx = DirectiveContext(name, self.source, pos.line, pos.line + 1 + n_options, self)
        if argument:
            raise ctx.error(f"takes no argument after the name (got {argument!r})",
                            hint="give settings as :option: value lines")
        check_options(ctx, spec, order)
        if content.strip() and not spec.content:
            raise MarkupError(f"directive {{{name}}} takes no content (only options: "
                              f"{', '.join(f':{k}:' for k in spec.options) or 'none'})",
                              file=self.source, line=ctx.content_line)
        return spec.run(ctx, options, content)


def parse(text: str, *, source: str = "<markdown>", base_dir: Path | None = None,
          meta: Meta | None = None, confine: Path | None = None, directives: dict | None = None) -> Document:
    """Parse reportgen Markdown into a Document.

    ``source`` names the text in positions and errors; ``base_dir`` is where
    image paths are resolved; ``confine`` the folder they must lie in
    (default ``base_dir``; a project's root); ``directives`` adds a
    project's plugin directives (name → Directive); ``meta`` is the Document's
    metadata — when its title is empty, the first Title's text fills it.
    """
    parser = BlockParser(source, base_dir, confine, directives)
    body = tuple(parser.blocks(text, 1))
    if parser.errors:
        raise MarkupError(parser.errors)
    meta = meta or Meta()
    if not meta.title:
        title = next((b for b in body if isinstance(b, Title)), None)
        if title is not None:
            meta = replace(meta, title=plain_text(title.children).replace("\n", ""))
    return Document(meta, body)
