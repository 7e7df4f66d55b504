"""Chinese typography fixes on Text nodes (Code is never touched).

Applied when ``theme.locale == "zh"`` and ``theme.typography["transform"]``
(default true):

* ASCII ``, : ; ? !`` with a Chinese character (or full-width mark,
  ``text.is_cjk_text``) right before or after become ``，：；？！``; spaces
  around the new mark go.  ``1,000``, ``12:30``, ``http://…`` and English
  sentences have no Chinese neighbour and stay.
* ASCII parentheses become ``（ ）`` as a pair when a Chinese character is
  inside them or right outside either one: ``党委(党组)理论`` →
  ``党委（党组）理论``; ``f(x)`` and ``(see above)`` stay.
* The decimal glitch digit + ``。`` + digits before 万 亿 千 百 倍 % ％ or
  个百分点 (``1。1万``, ``29。31%``) becomes a decimal point.  A sentence
  ending in a number before the next sentence (``共3个。2022年``) is left.

``typography`` returns the new Document and a list of the changes made
(``file:line: 'before' → 'after'``) for ``--verbose``.
"""
from __future__ import annotations

import re

from ..model.nodes import Document, SourcePos
from ..model.walk import map_text_with_pos
from ..text import is_cjk_text

_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_MARK = re.compile(r" *([,:;?!]) *")
_DECIMAL = re.compile(r"(\d)。(\d{1,2})(?=[万亿千百倍%％]|个百分点)")


def _cjk_at(text: str, i: int) -> bool:
    return 0 <= i < len(text) and is_cjk_text(text[i])


def _marks(text: str) -> str:
    def sub(m: re.Match) -> str:
        if _cjk_at(text, m.start() - 1) or _cjk_at(text, m.end()):
            return _FULL[m.group(1)]
        return m.group(0)
    return _MARK.sub(sub, text)


def _paren_pairs(text: str) -> list[tuple[int, int]]:
    pairs, stack = [], []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            pairs.append((stack.pop(), i))
    return pairs


def _parens(text: str) -> str:
    chars = list(text)
    for open_i, close_i in _paren_pairs(text):
        inside = any(is_cjk_text(c) for c in text[open_i + 1:close_i])
        if inside or _cjk_at(text, open_i - 1) or _cjk_at(text, close_i + 1):
            chars[open_i], chars[close_i] = "（", "）"
    return "".join(chars)


def fix_text(text: str) -> str:
    """All the fixes above on one string.

    >>> fix_text("党委(党组)理论学习中心组, 共1。1万名")
    '党委（党组）理论学习中心组，共1.1万名'
    >>> fix_text("Python 3.11, released 12:30 (UTC); 1,000")
    'Python 3.11, released 12:30 (UTC); 1,000'
    """
    out = _DECIMAL.sub(r"\1.\2", text)
    out = _parens(out)
    return _marks(out)


def _enabled(theme) -> bool:
    settings = getattr(theme, "typography", None) or {}
    return bool(settings.get("transform", True)) and getattr(theme, "locale", "zh") == "zh"


def typography(doc: Document, theme) -> tuple[Document, list[str]]:
    """The Document with Chinese punctuation fixed, and the changes made."""
    if not _enabled(theme):
        return doc, []
    changes: list[str] = []

    def fn(text: str, pos: SourcePos | None) -> str:
        new = fix_text(text)
        if new != text:
            where = f"{pos}: " if pos is not None else ""
            changes.append(f"{where}{text!r} → {new!r}")
        return new

    return map_text_with_pos(doc, fn), changes
