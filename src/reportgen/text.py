"""Character classes of Chinese text, defined once for the whole program.

Two different questions are asked of a character:

* How wide is it?  :func:`is_wide`: East Asian Width W or F (Unicode
  UAX #11), plus the quotation marks, dash and ellipsis “”‘’—…, which
  Unicode calls "ambiguous" and Chinese sets one 字 wide.  :func:`text_width`
  measures in 字 (table columns, signature layout), :func:`display_width`
  in terminal columns.
* Does it belong to running CJK text?  :func:`is_cjk`: ideographs, kana,
  CJK punctuation and full-width forms, where the PDF line breaker may break
  on either side.  :func:`is_cjk_text` adds “”‘’—…: Chinese puts no spaces
  around any of these.

Then the punctuation classes: the marks a line may not start or end with
(clreq basic kinsoku), the pairs never split, what stays with a number, and
CJK punctuation for the Markdown emphasis rule.

This module imports nothing from reportgen, so every module may import it.
"""
from __future__ import annotations

import unicodedata

# --------------------------------------------------------------------------
# Widths
# --------------------------------------------------------------------------

# Quotation marks, dash and ellipsis: East Asian Width "A" (ambiguous) in
# Unicode, one full 字 in Chinese text (GB/T 15834-2011; Chinese fonts draw
# them full width).
WIDE_MARKS = frozenset("“”‘’—…")

# The 间隔号 (U+00B7 MIDDLE DOT) is also "ambiguous", but GB/T 15834-2011
# gives it half a 字, so it is not wide; it is still Chinese punctuation.
INTERPUNCT = "·"


def is_east_asian_wide(ch: str) -> bool:
    """Unicode East Asian Width W (wide) or F (fullwidth): what terminals
    show two columns wide.

    >>> [is_east_asian_wide(c) for c in "中，“A"]
    [True, True, False, False]
    """
    return unicodedata.east_asian_width(ch) in ("W", "F")


def is_wide(ch: str) -> bool:
    """Does ``ch`` take a full cell (one 字) in Chinese text?  East Asian wide
    and fullwidth characters do, and so do “”‘’—… (:data:`WIDE_MARKS`);
    Latin letters, digits, ASCII signs and the 间隔号 · take half a cell.

    >>> [is_wide(c) for c in "中，（“—…"]
    [True, True, True, True, True, True]
    >>> [is_wide(c) for c in "A1,(·"]
    [False, False, False, False, False]
    """
    return is_east_asian_wide(ch) or ch in WIDE_MARKS


def text_width(text: str) -> float:
    """Width of ``text`` in 字: wide characters count 1, others ½.

    >>> text_width("2021年"), text_width("“东西湖区”"), text_width("Word")
    (3.0, 6.0, 2.0)
    """
    return sum(1.0 if is_wide(ch) else 0.5 for ch in text)


def display_width(text: str) -> int:
    """Width of ``text`` in terminal columns: East Asian wide and fullwidth
    characters take 2, all others 1 (terminals show “”‘’—… narrow).

    >>> display_width("仿宋_GB2312"), display_width("“A”")
    (11, 3)
    """
    return sum(2 if is_east_asian_wide(ch) else 1 for ch in text)


# --------------------------------------------------------------------------
# Scripts
# --------------------------------------------------------------------------


def is_cjk(ch: str) -> bool:
    """A CJK character: the PDF line breaker may break before or after it.

    CJK radicals, symbols and punctuation, kana, Hangul compatibility jamo
    and the unified ideographs (U+2E80–9FFF), compatibility ideographs
    (F900–FAFF), CJK compatibility forms (FE30–FE4F), halfwidth and
    fullwidth forms (FF00–FFEF) and planes 2 and 3 (ideograph extensions).
    Hangul syllables are not: Korean puts spaces between words, so its words
    break like Latin ones.

    >>> [is_cjk(c) for c in "中あ，（" + chr(0x20BB7)]
    [True, True, True, True, True]
    >>> [is_cjk(c) for c in "A1“한"]
    [False, False, False, False]
    """
    o = ord(ch)
    return (0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFE30 <= o <= 0xFE4F
            or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x3FFFF)


def is_cjk_text(ch: str) -> bool:
    """A character of running CJK text: :func:`is_cjk`, or one of “”‘’—…
    (:data:`WIDE_MARKS`).  Chinese puts no spaces around these: a soft line
    break next to one vanishes, ASCII ``, : ; ? ! ( )`` next to one become
    full width, and on a character grid each takes one cell (Latin letters
    and digits keep their own widths, as in Word's document grid).

    >>> [is_cjk_text(c) for c in "中，“…"]
    [True, True, True, True]
    >>> [is_cjk_text(c) for c in "A1·"]
    [False, False, False]
    """
    return is_cjk(ch) or ch in WIDE_MARKS


def is_han(ch: str) -> bool:
    """A Han character (汉字): a CJK unified ideograph (extension A, the
    basic block, extensions B–H) or a compatibility ideograph.

    >>> [is_han(c) for c in "年㐀" + chr(0x20BB7)]
    [True, True, True]
    >>> [is_han(c) for c in "あ，〇A"]
    [False, False, False, False]
    """
    cp = ord(ch)
    return (0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF
            or 0x20000 <= cp <= 0x323AF)


# --------------------------------------------------------------------------
# Punctuation
# --------------------------------------------------------------------------


def is_cjk_punct(ch: str) -> bool:
    """CJK punctuation: a wide punctuation mark (，。、（）《》“”—…) or the
    间隔号 ·.  The Markdown emphasis rule treats these like letters, so
    ``**结束。**后文`` closes the bold run.

    >>> [is_cjk_punct(c) for c in "。（“…·"]
    [True, True, True, True, True]
    >>> [is_cjk_punct(c) for c in ".(中"]
    [False, False, False]
    """
    return unicodedata.category(ch).startswith("P") and (is_wide(ch) or ch == INTERPUNCT)


# Kinsoku (禁则): clreq basic level plus Word's zh-CN lists (gbt9704-spec.md
# §7.1).  Closing brackets and quotes, pause and stop marks, the ellipsis,
# units and iteration marks may not start a line ...
LINE_START_FORBIDDEN = frozenset(
    "、，。．：；！？）》」』】〕〉〗｝］’”…‥·・/％‰℃°′″゜ー々〃"
    "!%),.:;?]}¢¨ˇˉ―‖›∶〞︶︺︾﹀﹄﹚﹜﹞＂＇｀｜～￠"
)
# ... and opening brackets and quotes and currency signs may not end one.
LINE_END_FORBIDDEN = frozenset("（《「『【〔〈〖｛［‘“(<[{$£¥〝﹙﹛﹝＄￡￥")

# The two-character dash and ellipsis are never split (GB/T 15834 5.1.4);
# U+2E3A TWO-EM DASH is one character anyway.
UNBREAKABLE_PAIRS = frozenset({"——", "……"})

# Signs that stay on the line of the number before them: 12.3%, 25℃.
NUMBER_SUFFIXES = frozenset("%％‰℃°")

# Words between a number and its unit, kept with both: 600余次, 1.1万名.
NUMBER_MAGNITUDES = frozenset("余多万亿")
