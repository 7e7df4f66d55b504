"""Chinese punctuation and decimal fixes on Text nodes."""
from __future__ import annotations

from dataclasses import replace

import pytest

from reportgen.markup import parse
from reportgen.model.nodes import Code, Text
from reportgen.model.walk import walk
from reportgen.themes import load_theme
from reportgen.transforms import typography
from reportgen.transforms.typography import fix_text


@pytest.mark.parametrize("before, after", [
    ("共培训1。1万名干部", "共培训1.1万名干部"),
    ("占比29。31%", "占比29.31%"),
    ("提高2。5个百分点", "提高2.5个百分点"),
    ("党委(党组)理论学习中心组", "党委（党组）理论学习中心组"),
    ("(一)加强学习", "（一）加强学习"),
    ("2021年,全市开展学习;成效明显!", "2021年，全市开展学习；成效明显！"),
    ("时间:12:30", "时间：12:30"),
    ("是否完成? 是", "是否完成？是"),
])
def test_fixes(before, after):
    assert fix_text(before) == after


@pytest.mark.parametrize("text", [
    "Python 3.11, released in 2022.",
    "1,000",
    "12:30",
    "https://example.cn/a?b=1&c=(2)",
    "f(x) = (a, b)",
    "共完成3个。2022年继续",
    "한국어, 서울",  # Korean uses ASCII punctuation and spaces
    "Done 👍, thanks",  # an emoji is wide but not Chinese text
])
def test_left_alone(text):
    assert fix_text(text) == text


def test_document_transform_reports_changes_and_skips_code():
    doc = parse("# 标题\n\n党委(党组)理论`a,b(中)`共1。1万名\n\n| 区 | 数 |\n|--|--|\n| 甲 | 29。31% |\n",
                source="r.md")
    new, changes = typography(doc, load_theme("gongwen"))
    texts = [n.text for n in walk(new) if isinstance(n, Text)]
    codes = [n.text for n in walk(new) if isinstance(n, Code)]
    assert "党委（党组）理论" in texts and "共1.1万名" in texts and "29.31%" in texts
    assert codes == ["a,b(中)"]
    assert len(changes) == 3
    assert changes[0].startswith("r.md:3: ") and "党委（党组）理论" in changes[0]


def test_disabled_by_theme_or_locale():
    doc = parse("党委(党组)\n")
    theme = load_theme("gongwen")
    off = replace(theme, typography={**theme.typography, "transform": False})
    assert typography(doc, off) == (doc, [])
    en = replace(theme, locale="en")
    assert typography(doc, en) == (doc, [])
