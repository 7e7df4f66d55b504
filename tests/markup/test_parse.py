"""Parser behaviour beyond the fixtures: positions, errors, directive options."""
from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.errors import MarkupError
from reportgen.markup import parse
from reportgen.model.nodes import (
    Div, Heading, Image, Masthead, Meta, Paragraph, Signature, SourcePos, Table, Title, plain_text,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "markup"


def test_every_block_has_its_source_line():
    text = "# 标题\n\n正文一\n\n:::{note}\n附注甲\n\n附注乙\n:::\n\n## 一、要求\n"
    doc = parse(text, source="x.md")
    title, para, note, heading = doc.body
    assert title.pos == SourcePos("x.md", 1)
    assert para.pos.line == 3
    assert note.pos.line == 5
    assert [p.pos.line for p in note.children] == [6, 8]
    assert heading.pos == SourcePos("x.md", 11)


def test_directive_content_lines_count_the_option_lines():
    text = ":::{div}\n:role: lead\n\n导语\n:::\n"
    (div,) = parse(text, source="d.md").body
    assert div.role == "lead" and div.children[0].pos.line == 4


def test_first_hash_heading_is_title_later_ones_level_1():
    doc = parse("## 一、先有二级\n\n# 后来的一级\n")
    assert [type(b) for b in doc.body] == [Heading, Heading]
    assert doc.body[1].level == 1
    doc = parse(":::{title}\n标题\n:::\n\n# 一级\n")
    assert isinstance(doc.body[0], Title) and isinstance(doc.body[1], Heading)


@pytest.mark.parametrize("src, text", [
    ("第一行\n第二行", "第一行第二行"),
    ("引文“甲”\nA股", "引文“甲”A股"),
    ("first\nsecond", "first second"),
    ("한국어\n문장", "한국어 문장"),  # Korean puts spaces between words
    ("开展**主题活动。**\n**二是**加强学习", "开展主题活动。二是加强学习"),  # across emphasis
    ("**English**\nwords", "English words"),
])
def test_soft_break_vanishes_next_to_cjk_text(src, text):
    (para,) = parse(src).body
    assert plain_text(para.children) == text


def test_meta_title_comes_from_the_title_unless_given():
    assert parse("# 甲乙\n").meta.title == "甲乙"
    assert parse("# 甲乙\n", meta=Meta(title="给定")).meta.title == "给定"


def test_option_values_are_unescaped_plain_text():
    (m,) = parse(":::{masthead}\n:issuer: A\\*B\\:C \\<x\\>\n:copy-no: 01\n:::\n").body
    assert m == Masthead(issuer="A*B:C <x>", copy_no="01")


def test_signature_sealed_flag_and_joint_issuers():
    (s,) = parse(":::{signature}\n:issuer: 甲，乙\n:date: 2021年1月1日\n:::\n").body
    assert s == Signature(("甲", "乙"), "2021年1月1日", sealed=False)


@pytest.mark.parametrize("text, line, words", [
    (":::{nosuch}\n:::\n", 1, ["unknown directive {nosuch}", "masthead", "signature", "pagebreak"]),
    ("正文\n\n:::{masthead}\n:isuer: 甲\n:::\n", 4, ["unknown option :isuer:", ":issuer:", ":doc_no:"]),
    (":::{masthead}\n:doc_no: 1号\n:::\n", 1, ["missing required option :issuer:"]),
    (":::{signature}\n:issuer: 甲\n:date: 1日\n:sealed: maybe\n:::\n", 1, [":sealed: must be true or false"]),
    (":::{masthead}\n:issuer: 甲\n:variant: poster\n:::\n", 1, ["document, briefing"]),
    (":::{colophon}\n:report: 省委\n:::\n", 1, [":report:", "briefing"]),
    (":::{pagebreak}\n多余的内容\n:::\n", 2, ["takes no content"]),
    (":::{title} 参数\n标题\n:::\n", 1, ["takes no argument"]),
    (":::note\n文字\n:::\n", 1, ["directive name"]),
])
def test_markup_errors_name_the_line_and_what_is_valid(text, line, words):
    with pytest.raises(MarkupError) as info:
        parse(text, source="bad.md")
    diag = info.value.diagnostic
    assert (diag.file, diag.line) == ("bad.md", line)
    for word in words:
        assert word in str(info.value)


def test_thematic_break_is_a_rule_and_h6_is_level_4():
    from reportgen.model import Heading, Rule

    doc = parse("# 标题\n\n正文\n\n---\n\n###### 六级\n")
    assert isinstance(doc.body[2], Rule)
    assert isinstance(doc.body[3], Heading) and doc.body[3].level == 4


def test_image_is_resolved_and_sized():
    (img,) = parse('![图](images/chart.png "w=10mm")', base_dir=FIXTURES).body
    assert isinstance(img, Image)
    assert Path(img.src) == (FIXTURES / "images" / "chart.png").resolve()
    assert img.width == pytest.approx(28.35, abs=0.01)


@pytest.mark.parametrize("src, message", [
    ("../test_parse.py", "outside"),
    ("/etc/passwd", "outside"),
    ("images/missing.png", "not found"),
    ("https://example.com/x.png", "URLs"),
])
def test_image_outside_base_dir_or_missing_is_rejected(src, message):
    with pytest.raises(MarkupError, match=message):
        parse(f"文字\n\n![x]({src})\n", source="i.md", base_dir=FIXTURES)


def test_images_may_come_from_anywhere_inside_the_project(tmp_path):
    import shutil

    tpl = tmp_path / "templates" / "t"
    tpl.mkdir(parents=True)
    (tmp_path / "images").mkdir()
    shutil.copy(FIXTURES / "images" / "chart.png", tmp_path / "images" / "logo.png")
    (img,) = parse("![x](../../images/logo.png)", base_dir=tpl, confine=tmp_path).body
    assert Path(img.src) == (tmp_path / "images" / "logo.png").resolve()
    with pytest.raises(MarkupError, match="outside"):
        parse("![x](../../../logo.png)", base_dir=tpl, confine=tmp_path)


def test_image_with_a_bad_title_or_in_a_cell_is_rejected():
    with pytest.raises(MarkupError, match="not a width"):
        parse('![x](images/chart.png "large")', base_dir=FIXTURES)
    with pytest.raises(MarkupError, match="table cell"):
        parse("| a |\n|--|\n| ![x](images/chart.png) |\n", base_dir=FIXTURES)


def test_table_alignment_and_rows():
    (table,) = parse("| a | b | c |\n|:-|:-:|-|\n| 1 | 2 | 3 |\n| 4 | 5 | 6 |\n").body
    assert isinstance(table, Table)
    assert [c.align for c in table.columns] == ["left", "center", None]
    assert len(table.head) == 1 and len(table.body) == 2
    assert plain_text(table.body[1].cells[2].children) == "6"


def test_article_has_its_own_title_scope():
    doc = parse("# 总标题\n\n::::{article}\n# 文章标题\n\n正文\n::::\n")
    title, article = doc.body
    assert isinstance(title, Title) and isinstance(article, Div)
    assert isinstance(article.children[0], Title)
    assert isinstance(article.children[1], Paragraph)
