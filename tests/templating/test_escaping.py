"""Data printed by a template reads back as exactly that text: it cannot
change the document's structure (paragraph, table cell, directive option)."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.markup import parse
from reportgen.model.nodes import Masthead, Paragraph, Table, Text, plain_text
from reportgen.templating import make_environment, render_template
from reportgen.templating.escape import escape_markdown

NASTY = r"**x** # y | z ::: <b> \ [a](b)"
MORE = ["# 标题", "1. 不是列表", "- 不是列表", "> 不是引用", "_u_ `c` &amp; <br>", "a\\", ":::{pagebreak}",
        "| a | b |", "\\|", "![img](x.png)", "<http://x.cn>", "---", "===", "    缩进四格", "x  "]


def render(tmp_path: Path, source: str, **context) -> str:
    (tmp_path / "t.md.j2").write_text(source, encoding="utf-8")
    return render_template(make_environment([tmp_path]), "t.md.j2", context)


def only_paragraph_text(markdown: str) -> str:
    doc = parse(markdown)
    assert len(doc.body) == 1, doc.body
    (para,) = doc.body
    assert isinstance(para, Paragraph)
    assert all(isinstance(c, Text) for c in para.children), para.children
    return plain_text(para.children)


def test_nasty_value_is_one_paragraph_of_exactly_that_text(tmp_path):
    assert only_paragraph_text(render(tmp_path, "{{ v }}\n", v=NASTY)) == NASTY


def test_each_markdown_construct_prints_literally(tmp_path):
    for value in MORE:
        assert only_paragraph_text(render(tmp_path, "{{ v }}\n", v=value)) == value.strip(), value


def test_value_in_a_table_cell_stays_in_its_cell(tmp_path):
    out = render(tmp_path, "| 名称 | 值 |\n|--|--|\n| {{ v }} | 2 |\n", v=NASTY)
    (table,) = parse(out).body
    assert isinstance(table, Table)
    assert [plain_text(c.children) for c in table.body[0].cells] == [NASTY, "2"]


def test_value_in_a_directive_option_is_plain_text(tmp_path):
    out = render(tmp_path, ":::{masthead}\n:issuer: {{ v }}\n:doc_no: {{ n }}\n:::\n", v=NASTY, n="a\n:secrecy: 绝密")
    (m,) = parse(out).body
    assert m == Masthead(issuer=NASTY, doc_no="a :secrecy: 绝密")


def test_newlines_cannot_start_a_block(tmp_path):
    value = "第一段\n\n# 标题\n:::{pagebreak}\n:::\n- 项"
    text = only_paragraph_text(render(tmp_path, "{{ v }}\n", v=value))
    assert text == "第一段 # 标题 :::{pagebreak} ::: - 项"


def test_markdown_filter_opts_out(tmp_path):
    out = render(tmp_path, "{{ v | markdown }}\n\n{{ w | md }}\n", v="**粗**", w="## 二级")
    doc = parse(out)
    assert doc.body[0].children[0].kind == "strong"
    assert doc.body[1].kind == "heading"


def test_macro_output_is_not_escaped_twice(tmp_path):
    source = "{% macro bold(x) %}**{{ x }}**{% endmacro %}{{ bold(v) }}\n"
    (para,) = parse(render(tmp_path, source, v="a*b")).body
    assert para.children[0].kind == "strong"
    assert plain_text(para.children) == "a*b"


def test_filters_output_is_escaped_too(tmp_path):
    assert render(tmp_path, "{{ v | percent }}", v=29.31) == "29\\.31\\%"


_TEXT = st.text(alphabet=st.characters(categories=["L", "N", "P", "S", "Zs"], max_codepoint=0x9FFF), max_size=40)


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_any_text_round_trips(value):
    expected = value.strip()  # Zs has no line breaks; ends are trimmed
    doc = parse(escape_markdown(value) + "\n")
    got = plain_text(doc.body[0].children) if doc.body else ""
    assert got == expected
    assert len(doc.body) <= 1


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="#*_`|:<>[]()!\\-+=.1 a中，\n\t&;~", max_size=30))
def test_punctuation_and_line_breaks_never_make_structure(value):
    expected = _collapse(value)
    doc = parse(escape_markdown(value) + "\n")
    assert len(doc.body) <= 1
    got = plain_text(doc.body[0].children) if doc.body else ""
    assert got == expected


def _collapse(value: str) -> str:
    """What escape_markdown promises: whitespace runs with a line break or tab → one space, ends trimmed."""
    import re
    return re.sub(r"[ \t]*[\r\n\t]\s*", " ", value).strip()


def test_concatenation_escapes_data_even_next_to_markdown(tmp_path):
    source = ("{% macro bold(x) %}**{{ x }}**{% endmacro %}"
              "{{ bold('甲') ~ v }}\n\n{{ '第' ~ n ~ '期' }}\n")
    doc = parse(render(tmp_path, source, v=" **乙** | #", n="1*2"))
    first, second = doc.body
    assert first.children[0].kind == "strong"
    assert plain_text(first.children) == "甲 **乙** | #"
    assert plain_text(second.children) == "第1*2期"
