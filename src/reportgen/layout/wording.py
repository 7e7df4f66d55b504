"""The wording of official-document elements, decided once for both writers.

The directives keep what the author wrote (``issue: 18``, ``copies: 60``);
these functions turn it into the printed text (第18期, 共印60份, …印发), so
the DOCX and the PDF of a record always say the same thing.
"""
from __future__ import annotations

from ..model.nodes import Colophon, plain_text


def issue_text(issue: str | None, total: str | None = None) -> str:
    """第N期, with （总第N期） when given; text that already says 期 is kept.

    >>> issue_text("18", "120"), issue_text("第二期", "总第十二期"), issue_text("二")
    ('第18期（总第120期）', '第二期（总第十二期）', '第二期')
    """
    out = ""
    if issue:
        out = issue if "期" in issue else f"第{issue}期"
    if total:
        t = total if "期" in total else f"总第{total}期"
        out += t if t.startswith("（") else f"（{t}）"
    return out


def copies_text(copies: str | None) -> str:
    """共印N份 (the 简报 print run).

    >>> copies_text("60"), copies_text("60份"), copies_text("共印60份")
    ('共印60份', '共印60份', '共印60份')
    """
    if not copies:
        return ""
    c = copies.strip()
    return c if c.startswith("共印") else f"共印{c.removesuffix('份')}份"


def colophon_last_line(node: Colophon) -> tuple[str, str] | None:
    """The last row of a 版记 / 报尾 as (left, right): 印发机关 and
    印发日期 + 印发, or, for a briefing (or copies without a date), the
    printer and 共印N份.  None when there is nothing to print.

    >>> colophon_last_line(Colophon(printer="某办", print_date="2021年10月25日"))
    ('某办', '2021年10月25日印发')
    >>> colophon_last_line(Colophon(printer="某办", copies="50", variant="briefing"))
    ('某办', '共印50份')
    """
    if node.variant == "briefing" or (node.copies and not node.print_date):
        right = copies_text(node.copies)
    else:
        d = node.print_date or ""
        right = d if not d or d.endswith("印发") else d + "印发"
    left = node.printer or ""
    return (left, right) if left or right else None


DIV_LABELS = {"editor_note": "编者按："}  # printed in bold before a Div's first paragraph


def div_label(role: str, paragraph) -> str | None:
    """The bold lead (编者按：) for the first paragraph of a ``role`` Div,
    unless the paragraph already starts with it.

    >>> from reportgen.model import Paragraph, Text
    >>> div_label("editor_note", Paragraph((Text("本期刊发…"),))), div_label("editor_note", Paragraph((Text("编者按：本期"),)))
    ('编者按：', None)
    """
    label = DIV_LABELS.get(role)
    if label and plain_text(paragraph.children).lstrip().startswith(label.rstrip("：:")):
        return None
    return label
