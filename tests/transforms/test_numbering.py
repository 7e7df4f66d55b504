"""Heading numbering from the theme's per-level patterns."""
from __future__ import annotations

from reportgen.markup import parse
from reportgen.model.nodes import Div, Heading
from reportgen.model.walk import walk
from reportgen.themes import load_theme
from reportgen.transforms import number_headings

MD = """# 标题

## 总体要求

### 指导思想

### 工作目标

#### 学习

##### 专题

##### 研讨

## 主要任务

### 学习

## 三、已有编号的标题

## 组织保障
"""


def numbers(doc) -> list[tuple[int, str | None, str]]:
    from reportgen.model.nodes import plain_text
    return [(n.level, n.number, plain_text(n.children)) for n in walk(doc) if isinstance(n, Heading)]


def test_gongwen_numbering_and_reset():
    doc = number_headings(parse(MD), load_theme("gongwen"))
    assert numbers(doc) == [
        (1, "一、", "总体要求"),
        (2, "（一）", "指导思想"),
        (2, "（二）", "工作目标"),
        (3, "1.", "学习"),
        (4, "（1）", "专题"),
        (4, "（2）", "研讨"),
        (1, "二、", "主要任务"),
        (2, "（一）", "学习"),
        (1, None, "三、已有编号的标题"),
        (1, "四、", "组织保障"),
    ]


def test_labelled_headings_keep_their_text():
    doc = number_headings(parse("## （一）甲\n\n## 1. 乙\n\n## 第一章 丙\n\n## 2021年工作\n"), load_theme("gongwen"))
    assert [n for _, n, _ in numbers(doc)] == [None, None, None, "四、"]


def test_theme_without_patterns_leaves_headings_unnumbered():
    class Plain:
        numbering = ("", "")
    doc = number_headings(parse("## 甲\n\n### 乙\n\n#### 丙\n"), Plain())
    assert [n for _, n, _ in numbers(doc)] == [None, None, None]


def test_articles_number_afresh():
    md = "::::{article}\n# 甲\n\n## 一\n\n## 二\n::::\n\n::::{article}\n# 乙\n\n## 一\n::::\n"
    doc = number_headings(parse(md), load_theme("briefing"))
    got = [n for _, n, _ in numbers(doc)]
    assert got[0] == got[2] and got[0] != got[1]
    assert all(isinstance(b, Div) for b in doc.body)


def test_input_document_is_not_changed():
    doc = parse(MD)
    number_headings(doc, load_theme("gongwen"))
    assert all(n.number is None for n in walk(doc) if isinstance(n, Heading))
