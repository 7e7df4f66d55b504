"""The character classes of Chinese text (reportgen.text)."""
from __future__ import annotations

import unicodedata

import pytest

from reportgen.text import (
    LINE_END_FORBIDDEN, LINE_START_FORBIDDEN, NUMBER_MAGNITUDES, NUMBER_SUFFIXES, UNBREAKABLE_PAIRS, WIDE_MARKS,
    display_width, is_cjk, is_cjk_punct, is_cjk_text, is_han, is_wide, text_width,
)

TAIXUAN = chr(0x20BB7)  # 𠮷, CJK extension B
HANGUL = "한"  # U+D55C


@pytest.mark.parametrize("ch", list("中あ，。（）《》、“”‘’—…　％") + [TAIXUAN, HANGUL])
def test_wide(ch):
    assert is_wide(ch)


@pytest.mark.parametrize("ch", list("A1,.()%·-'\" ") + ["é", "ｱ"])
def test_not_wide(ch):
    assert not is_wide(ch)


@pytest.mark.parametrize("ch", list("中あア，。（）《》、　ａ１") + [TAIXUAN, "㐀", "ｱ"])
def test_cjk(ch):
    assert is_cjk(ch)


@pytest.mark.parametrize("ch", list("A1,.(“”‘’—…·") + [HANGUL, "\U0001F44D"])
def test_not_cjk(ch):
    assert not is_cjk(ch)


def test_cjk_text_is_cjk_plus_the_wide_marks():
    assert all(is_cjk_text(ch) for ch in "中，“”‘’—…")
    assert not any(is_cjk_text(ch) for ch in ["A", "1", ",", "·", HANGUL, "\U0001F44D"])
    for ch in map(chr, range(0x2000, 0x10000)):
        assert is_cjk_text(ch) == (is_cjk(ch) or ch in WIDE_MARKS), hex(ord(ch))


def test_han():
    assert all(is_han(ch) for ch in ["年", "㐀", "豈", TAIXUAN])
    assert not any(is_han(ch) for ch in "あ，〇A한")


def test_text_width_in_zi():
    assert text_width("2021年") == 3.0
    assert text_width("“十四五”规划") == 7.0
    assert text_width("1060余场") == 4.0
    assert text_width("") == 0
    assert text_width("爱因斯坦·阿尔伯特") == 8.5  # the 间隔号 takes half a 字


def test_display_width_in_terminal_columns():
    assert display_width("仿宋_GB2312") == 11
    assert display_width("“引文”") == 6  # terminals show “” one column wide
    assert display_width("Times New Roman") == 15


def test_cjk_punctuation():
    assert all(is_cjk_punct(ch) for ch in "，。、；：！？（）《》“”‘’—…·")
    assert not any(is_cjk_punct(ch) for ch in ",.;:!?()\"'-中A　")


@pytest.mark.parametrize("ch", list("，。、；：！？）》」』】”’…%％‰℃"))
def test_line_start_forbidden(ch):
    assert ch in LINE_START_FORBIDDEN and ch not in LINE_END_FORBIDDEN


@pytest.mark.parametrize("ch", list("（《「『【〔“‘"))
def test_line_end_forbidden(ch):
    assert ch in LINE_END_FORBIDDEN and ch not in LINE_START_FORBIDDEN


def test_kinsoku_classes_point_the_right_way():
    """Opening brackets and quotes are never barred from starting a line,
    closing ones never from ending it."""
    assert LINE_START_FORBIDDEN.isdisjoint(LINE_END_FORBIDDEN)
    for ch in LINE_START_FORBIDDEN:
        assert unicodedata.category(ch) not in ("Ps", "Pi"), ch
    for ch in LINE_END_FORBIDDEN:
        assert unicodedata.category(ch) not in ("Pe", "Pf"), ch


def test_pairs_and_number_classes():
    assert UNBREAKABLE_PAIRS == {"——", "……"}
    assert {"%", "‰", "℃"} <= NUMBER_SUFFIXES and "年" not in NUMBER_SUFFIXES
    assert {"余", "万", "亿"} <= NUMBER_MAGNITUDES
