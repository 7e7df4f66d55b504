"""A text outline of a PDF for tests: pages, text lines with positions,
fonts and colours, and rules (read back with pdfplumber).

Coordinates are pdfplumber's: points, y measured down from the page top.
``baseline`` is the text baseline taken from each char's text matrix.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

import pdfplumber


@dataclass
class TextLine:
    chars: list[dict]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def x0(self) -> float:
        return min(c["x0"] for c in self.chars)

    @property
    def x1(self) -> float:
        return max(c["x1"] for c in self.chars)

    def span(self, text: str) -> tuple[float, float]:
        """x0 and x1 of the first occurrence of ``text`` in this line."""
        i = self.text.index(text)
        chars = self.chars[i:i + len(text)]
        return chars[0]["x0"], chars[-1]["x1"]

    @property
    def size(self) -> float:
        return round(max(c["size"] for c in self.chars), 2)

    @property
    def baseline(self) -> float:
        big = max(self.chars, key=lambda c: c["size"])
        return big["page_height"] - big["matrix"][5]

    def colors(self) -> set[tuple]:
        return {tuple(round(v, 3) for v in (c["non_stroking_color"] or ())) for c in self.chars}


@dataclass
class Rule:
    x0: float
    x1: float
    y: float
    width: float
    color: tuple


@dataclass
class PageOutline:
    number: int
    width: float
    height: float
    lines: list[TextLine] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)

    def find(self, text: str) -> TextLine:
        for ln in self.lines:
            if text in ln.text:
                return ln
        raise AssertionError(f"{text!r} not on page {self.number}: {[ln.text for ln in self.lines]}")


def _group(chars: list[dict]) -> list[TextLine]:
    """Chars into lines: a char joins a line when its vertical middle lies
    within half the line's size of the line's middle (sup/sub stay in)."""
    lines: list[tuple[float, float, list]] = []
    for c in sorted(chars, key=lambda c: -c["size"]):
        mid = (c["top"] + c["bottom"]) / 2
        for ln in lines:
            if abs(ln[0] - mid) <= ln[1] * 0.5:
                ln[2].append(c)
                break
        else:
            lines.append((mid, c["size"], [c]))
    out = [TextLine(sorted(ln[2], key=lambda c: c["x0"])) for ln in lines]
    return sorted(out, key=lambda t: t.baseline)


def outline(pdf: bytes) -> list[PageOutline]:
    pages = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for i, page in enumerate(doc.pages, 1):
            chars = [dict(c, page_height=page.height) for c in page.chars if c["text"].strip()]
            po = PageOutline(i, page.width, page.height, _group(chars))
            for ln in page.lines:
                if abs(ln["top"] - ln["bottom"]) < 0.01:
                    po.rules.append(Rule(ln["x0"], ln["x1"], ln["top"], ln.get("linewidth", 0),
                                         tuple(round(v, 3) for v in (ln.get("stroking_color") or ()))))
            pages.append(po)
    return pages


def metadata(pdf: bytes) -> dict:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return dict(doc.metadata)


def dump(pages: list[PageOutline]) -> str:
    """A readable text dump (for debugging a failing test)."""
    out = []
    for p in pages:
        out.append(f"# page {p.number}")
        for ln in p.lines:
            out.append(f"{ln.baseline:7.2f} {ln.x0:7.2f}-{ln.x1:7.2f} {ln.size:5.1f} {ln.text}")
        for r in p.rules:
            out.append(f"rule y={r.y:.2f} x={r.x0:.2f}-{r.x1:.2f} w={r.width} {r.color}")
    return "\n".join(out)
