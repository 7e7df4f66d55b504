import pytest

from reportgen.model import Cell, Column, Row, Table, Text
from reportgen.layout.widths import column_widths
from reportgen.text import text_width


def table(*rows, widths=None):
    cols = tuple(Column(width=w) for w in (widths or [None] * len(rows[0])))
    return Table(cols, (), tuple(Row(tuple(Cell((Text(t),)) for t in r)) for r in rows))


def test_text_width_counts_ascii_as_half():
    assert text_width("东西湖区") == 4 and text_width("1060余场") == 4


def test_widths_follow_content_and_fill():
    t = table(("一领", "区委理论学习中心组开展党史专题学习", "10次"))
    w = column_widths(t, 442.0, 14.0)
    assert sum(w) == pytest.approx(442.0)
    assert w[1] > w[0] * 3 and w[1] > w[2] * 3


def test_too_wide_keeps_narrow_columns_whole():
    t = table(("序号", "很长" * 30, "数量"))
    w = column_widths(t, 300.0, 10.0)
    assert sum(w) == pytest.approx(300.0)
    assert w[0] == pytest.approx((2 + 1) * 10) and w[2] == pytest.approx((2 + 1) * 10)


def test_explicit_weights_win():
    t = table(("a", "b"), widths=[1, 3])
    assert column_widths(t, 400.0, 10.0) == pytest.approx([100.0, 300.0])
