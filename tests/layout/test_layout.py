"""The layout stage: every model block has a rule, and its decisions are plain values."""
from __future__ import annotations

import pytest

from reportgen.errors import ConfigError, MarkupError
from reportgen.layout import lay_out
from reportgen.layout import document as layout_document
from reportgen.model import nodes as m
from reportgen.themes import load_theme


def test_every_block_kind_has_a_layout_rule():
    missing = [k for k in m.BLOCK_KINDS if not hasattr(layout_document._LayOut, f"_{k}")]
    assert missing == []


def T(text):
    return (m.Text(text),)


def test_addressee_colon_is_printed_once():
    theme = load_theme("gongwen")
    for names in (("各区人民政府：",), ("各区人民政府:",), ("各区人民政府",)):
        item = lay_out(m.Document(m.Meta(), (m.Addressee(names),)), theme).items[0]
        assert [s.text for s in item.lines[0].parts[0].spans] == ["各区人民政府："]


def test_table_row_with_too_many_cells_is_one_error_naming_the_line():
    table = m.Table((m.Column(), m.Column()), head=(m.Row((m.Cell(T("甲")), m.Cell(T("乙")))),),
                    body=(m.Row((m.Cell(T("1")), m.Cell(T("2")), m.Cell(T("3")))),
                          m.Row((m.Cell(T("4")), m.Cell(T("5")), m.Cell(T("6"))))),
                    pos=m.SourcePos("report.md.j2", 12))
    with pytest.raises(MarkupError) as err:
        lay_out(m.Document(m.Meta(), (table,)), load_theme("default"))
    assert len(err.value.diagnostics) == 1
    d = err.value.diagnostic
    assert (d.file, d.line) == ("report.md.j2", 12) and "row 2 has more cells" in d.message


def test_table_grid_covers_every_column_of_every_row():
    head = (m.Row((m.Cell(T("项目"), rowspan=2), m.Cell(T("数量"), colspan=2))),
            m.Row((m.Cell(T("计划")), m.Cell(T("完成")))))
    body = (m.Row((m.Cell(T("宣讲")),)),)  # a short row: filled with empty cells
    table = m.Table((m.Column(), m.Column(align="right"), m.Column(align="right")), head, body)
    box = lay_out(m.Document(m.Meta(), (table,)), load_theme("gongwen")).items[0]
    assert [[(s.col, s.colspan, s.covered) for s in row] for row in box.rows] == [
        [(0, 1, False), (1, 2, False)], [(0, 1, True), (1, 1, False), (2, 1, False)],
        [(0, 1, False), (1, 1, False), (2, 1, False)]]
    assert sum(box.widths) == pytest.approx(load_theme("gongwen").page.type_width)
    assert box.head_rows == 2
    # head cells follow the table_header role (centred); body cells their column
    assert box.rows[1][1].cell.align == "center" and box.rows[2][1].cell.align == "right"


def test_list_markers_by_depth_and_hang():
    theme = load_theme("gongwen")
    inner = m.List((m.ListItem((m.Paragraph(T("乙")),)),))
    outer = m.List((m.ListItem((m.Paragraph(T("甲")), inner)),))
    first, nested = lay_out(m.Document(m.Meta(), (outer,)), theme).items
    c = theme.char_width("list")
    assert first.lead[0].text == "•" and nested.lead[0].text == "◦"
    assert first.left + first.indent == pytest.approx(2 * c)  # the marker where a paragraph starts
    assert first.left == pytest.approx(4 * c) and nested.left == pytest.approx(6 * c)


def test_unknown_element_key_names_the_theme_file_and_line(tmp_path):
    theme = tmp_path / "t.yaml"
    theme.write_text("extends: gongwen\nelements:\n  signature:\n    right_chars: 2\n    rigth_chars: 3\n",
                     encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_theme(str(theme))
    d = err.value.diagnostic
    assert (d.file, d.line) == (str(theme), 5) and "rigth_chars" in str(d) and "did you mean 'right_chars'" in str(d)


def test_every_element_key_has_one_default_in_points():
    a, b = load_theme("default").elements, load_theme("gongwen").elements
    # gongwen sets no list or table keys: both themes get the same defaults
    assert (a.table.rule, a.table.padding) == (b.table.rule, b.table.padding) and a.lists == b.lists
    # a default "0.5 line" is half of each theme's own line
    assert b.table.space_after == pytest.approx(load_theme("gongwen").grid.line_pitch / 2)
    assert b.masthead.rule_gap == pytest.approx(4 * 72 / 25.4)


@pytest.mark.parametrize("text,line,word", [
    ("extends: gongwen\nrolez:\n  body: {size: 12}\n", 2, "rolez"),
    ("extends: gongwen\npage_number:\n  format: '{page}'\n  postion: center\n", 4, "postion"),
    ("extends: gongwen\nelements:\n  mastheads: {rule_gap: 2mm}\n", 3, "mastheads"),
])
def test_unknown_theme_keys_name_the_file_and_line(tmp_path, text, line, word):
    theme = tmp_path / "t.yaml"
    theme.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_theme(str(theme))
    d = err.value.diagnostic
    assert (d.file, d.line) == (str(theme), line) and word in d.message
