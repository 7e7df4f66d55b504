"""A Document's metadata, filled once by the pipeline from the document
itself, and used alike by every writer (the PDF's info dictionary, the DOCX's
core properties), so both formats say the same."""
from __future__ import annotations

from .nodes import Colophon, Document, Masthead, Meta, Signature, Title, plain_text

LIMIT = 255  # characters of one property (python-docx refuses longer core properties)


def describe(doc: Document, *, record: str | None = None, template: str = "", description: str = "") -> Meta:
    """The Meta of ``doc``: the title is the top-level Title's text, else the
    record's name; the author the issuing office (the masthead's issuer, for
    a 简报 its 编印单位; else the signature's issuers; else the colophon's
    印发机关); the subject the template's description; the keywords the
    template's and the record's names; the date the signature's, else the
    masthead's.  Each text is one line of at most LIMIT characters.

    >>> from .nodes import Text
    >>> body = (Masthead("某市人民政府文件"), Title((Text("关于某事的通知"),)),
    ...         Signature(("某市人民政府",), "2024年1月2日"))
    >>> m = describe(Document(Meta(), body), record="第一区", template="notice")
    >>> m.title, m.author, m.keywords, m.date
    ('关于某事的通知', '某市人民政府', ('notice', '第一区'), '2024年1月2日')
    """
    first = {}
    for block in doc.body:
        first.setdefault(type(block), block)
    title = first.get(Title)
    masthead, signature, colophon = first.get(Masthead), first.get(Signature), first.get(Colophon)
    return Meta(
        title=_line(plain_text(title.children).replace("\n", "") if title else (record or "")),
        author=_line(_issuer(masthead) or "、".join(signature.issuers if signature else ()) or
                     ((colophon.printer or "") if colophon else "")),
        subject=_line(description),
        keywords=tuple(_line(k, LIMIT // 2 - 1) for k in (template, record) if k),
        date=_line((signature.date if signature else "") or ((masthead.date or "") if masthead else "")),
    )


def _line(text: str, limit: int = LIMIT) -> str:
    r"""``text`` on one line, cut to ``limit`` characters (ending in …).

    >>> _line("a\n  b"), _line("一二三四", 3)
    ('a b', '一二…')
    """
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _issuer(masthead: Masthead | None) -> str:
    """The office behind a masthead: a 公文's 发文机关标志 without its
    closing 文件; a 简报's 编印单位 without its closing 编 (its issuer is the
    简报's name, not an office)."""
    if masthead is None:
        return ""
    if masthead.variant == "briefing":
        return (masthead.editor or "").removesuffix("编").strip()
    return masthead.issuer.removesuffix("文件").strip()
