"""Title lines broken by words and balanced (GB/T 9704 7.3.1: 回行时词意完整，
排列对称，长短适宜，标题排列应当使用梯形或菱形).

A title wider than its line is split at word boundaries (jieba's segmenter)
into as few lines as fit, chosen so the lines are as even as possible and
their lengths form a trapezoid (each line no shorter, or each no longer, than
the one above) or a diamond (longest in the middle).  No line starts with a
mark that may not start a line, or ends with one that may not end it.  An
author's own break (``\\`` at a line end in Markdown) is kept; each part
between such breaks is balanced on its own.  Both writers print the result
as explicit line breaks, so Word and the PDF break the title alike.
"""
from __future__ import annotations

import itertools
import logging
from functools import lru_cache

from ..model import nodes as m
from ..text import LINE_END_FORBIDDEN, LINE_START_FORBIDDEN, NUMBER_SUFFIXES, is_han, text_width

MAX_LINES = 5  # beyond this a "title" is a paragraph: leave it to the line breaker
SHAPE_PENALTY = 4.0  # in 字²: a balanced line set of another shape still loses to a good shape


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    from ..iofs import cache_dir

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(cache_dir("words"))  # its prefix-dictionary cache, not in /tmp
    return tok


def words(text: str) -> list[str]:
    """``text`` cut into words (runs of Latin letters and digits stay whole)."""
    return [w for w in _tokenizer().lcut(text, HMM=True) if w]


def break_title(inlines: tuple, capacity: float) -> tuple:
    """The title's inlines with LineBreaks where its lines should end.
    ``capacity`` is the line width in 字.  Titles with inline formatting
    other than text and line breaks are returned unchanged."""
    if not all(isinstance(n, (m.Text, m.LineBreak)) for n in inlines):
        return inlines
    text = "".join(n.text if isinstance(n, m.Text) else "\n" for n in inlines)
    if all(text_width(part) <= capacity for part in text.split("\n")):
        return inlines
    out: list = []
    for i, part in enumerate(text.split("\n")):
        if i:
            out.append(m.LineBreak())
        for j, line in enumerate(balance(part, capacity)):
            if j:
                out.append(m.LineBreak())
            out.append(m.Text(line))
    return tuple(out)


def balance(text: str, capacity: float) -> list[str]:
    """``text`` as the best set of lines no wider than ``capacity`` 字."""
    if text_width(text) <= capacity:
        return [text]
    tokens = words(text)
    cuts = [k for k in range(1, len(tokens)) if _may_break(tokens[k - 1], tokens[k])]
    total = text_width(text)
    least = max(2, int(-(-total // capacity)))
    for n in range(least, MAX_LINES + 1):
        best = None
        for chosen in itertools.combinations(cuts, n - 1):
            lines = ["".join(tokens[a:b]) for a, b in zip((0, *chosen), (*chosen, len(tokens)))]
            widths = [text_width(ln) for ln in lines]
            if max(widths) > capacity:
                continue
            cost = _cost(widths)
            if best is None or cost < best[0]:
                best = (cost, lines)
        if best is not None:
            return best[1]
    return [text]  # no word boundary fits: the line breaker takes over


def _may_break(before: str, after: str) -> bool:
    """Not before a mark that may not start a line, not after one that may
    not end it, and not between a number and its unit (2026 | 年度)."""
    if after[0] in LINE_START_FORBIDDEN or before[-1] in LINE_END_FORBIDDEN:
        return False
    return not (before[-1].isdigit() and (is_han(after[0]) or after[0] in NUMBER_SUFFIXES))


def _cost(widths: list[float]) -> float:
    """Unevenness (squared distance of each line from the mean) plus a
    penalty unless the lengths form a trapezoid or a diamond; among equal
    sets, the upper lines a little shorter (正梯形)."""
    mean = sum(widths) / len(widths)
    cost = sum((w - mean) ** 2 for w in widths)
    if not _good_shape(widths):
        cost += SHAPE_PENALTY + mean
    if widths[0] > widths[-1]:
        cost += 0.25
    return cost


def _good_shape(widths: list[float]) -> bool:
    pairs = list(zip(widths, widths[1:]))
    rising = all(a <= b for a, b in pairs)
    falling = all(a >= b for a, b in pairs)
    top = widths.index(max(widths))
    diamond = len(widths) >= 3 and 0 < top < len(widths) - 1 and \
        all(a <= b for a, b in pairs[:top]) and all(a >= b for a, b in pairs[top:])
    return rising or falling or diamond
