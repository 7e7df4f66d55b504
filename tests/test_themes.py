"""Themes: units, 号 sizes, inheritance, and the GB/T 9704 geometry."""
from pathlib import Path

import pytest

from reportgen.fonts import bundled_fonts

from reportgen.errors import ConfigError
from reportgen.themes import builtin_themes, load_theme, to_pt
from reportgen.themes.units import parse_color, pt_to_mm


@pytest.mark.parametrize("value,pt", [
    ("三号", 16), ("二号", 22), ("四号", 14), ("初号", 42), ("小四", 12), ("五号", 10.5),
    ("16pt", 16), ("1in", 72), (12, 12), ("2.54cm", 72),
])
def test_lengths_and_hao_sizes(value, pt):
    assert to_pt(value) == pytest.approx(pt)


def test_mm_and_lines_and_chars():
    assert to_pt("37mm") == pytest.approx(104.88, abs=0.01)
    assert to_pt("2 lines", line=28.95) == pytest.approx(57.9)
    assert to_pt("2字", char=16) == 32
    with pytest.raises(ValueError, match="not allowed here"):
        to_pt("2 lines")
    with pytest.raises(ValueError, match="not a length"):
        to_pt("big")


def test_colors():
    assert parse_color("#FF0000") == (1.0, 0.0, 0.0)
    assert parse_color([255, 0, 0]) == (1.0, 0.0, 0.0)
    with pytest.raises(ValueError):
        parse_color("red-ish")


def test_builtin_themes_load():
    assert {"default", "gongwen", "briefing"} <= set(builtin_themes())
    for name in builtin_themes():
        theme = load_theme(name)
        assert theme.style("body").size > 0


def test_gongwen_geometry_matches_gbt9704():
    t = load_theme("gongwen")
    p = t.page
    assert pt_to_mm(p.width) == pytest.approx(210, abs=0.01)
    assert pt_to_mm(p.height) == pytest.approx(297, abs=0.01)
    assert pt_to_mm(p.top) == pytest.approx(37)
    assert pt_to_mm(p.left) == pytest.approx(28)
    assert pt_to_mm(p.type_width) == pytest.approx(156)
    assert pt_to_mm(p.type_height) == pytest.approx(225)
    assert t.grid.lines == 22 and t.grid.chars == 28
    assert t.grid.line_pitch * 22 <= p.type_height  # 22 lines fit in 225 mm
    assert round(t.grid.line_pitch * 20) == 579  # twips
    assert t.grid.char_pitch * 28 == pytest.approx(p.type_width)
    assert t.style("body").size == 16 and t.style("body").font == "仿宋_GB2312"
    assert t.style("title").size == 22 and t.style("title").font == "方正小标宋简体"
    assert t.style("heading1").font == "黑体"
    assert t.style("heading2").font == "楷体_GB2312"
    assert t.style("page_number").size == 14
    assert t.numbering[:2] == ("{cn}、", "（{cn}）")
    assert pt_to_mm(t.page_number.below) == pytest.approx(7)
    assert t.page_number.position == "outside"
    assert pt_to_mm(t.elements.masthead.issuer_top) == pytest.approx(35)
    assert pt_to_mm(t.elements.masthead.rule_gap) == pytest.approx(4)


def test_briefing_extends_gongwen():
    t = load_theme("briefing")
    assert t.grid is not None and t.grid.chars == 28
    assert t.style("masthead").color == (1.0, 0.0, 0.0)
    assert t.style("masthead").size == 42


def test_role_fallback():
    t = load_theme("default")
    assert t.style("heading4").font  # defined
    assert t.style("no-such-role") == t.style("body")


def test_user_theme_extends_and_checks(tmp_path: Path):
    f = tmp_path / "mine.yaml"
    f.write_text("extends: gongwen\nroles:\n  body: {font: 宋体, size: 小四}\n", encoding="utf-8")
    t = load_theme(f)
    assert t.style("body").font == "宋体" and t.style("body").size == 12
    assert t.grid.lines == 22  # inherited
    bad = tmp_path / "bad.yaml"
    bad.write_text("roles:\n  body: {colour: red}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key"):
        load_theme(bad)
    loop = tmp_path / "loop.yaml"
    loop.write_text("extends: loop.yaml\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="extend each other in a loop"):
        load_theme(loop)
    with pytest.raises(ConfigError, match="not found"):
        load_theme("no-such-theme")


def test_theme_digest_changes_with_content(tmp_path: Path):
    a = tmp_path / "a.yaml"
    a.write_text("extends: default\n", encoding="utf-8")
    d1 = load_theme(a).digest()
    a.write_text("extends: default\nroles:\n  body: {size: 五号}\n", encoding="utf-8")
    assert load_theme(a).digest() != d1


def test_font_files_are_relative_to_the_theme_that_names_them(tmp_path: Path):
    (tmp_path / "base").mkdir()
    (tmp_path / "child").mkdir()
    (tmp_path / "base" / "b.yaml").write_text("extends: gongwen\nfonts: {仿宋_GB2312: {file: fonts/fs.ttf}}\n",
                                              encoding="utf-8")
    (tmp_path / "child" / "c.yaml").write_text("extends: ../base/b.yaml\n", encoding="utf-8")
    (tmp_path / "base" / "fonts").mkdir()
    (tmp_path / "base" / "fonts" / "fs.ttf").symlink_to(bundled_fonts()["serif"])
    t = load_theme(tmp_path / "child" / "c.yaml")
    assert t.font_files["仿宋_GB2312"] == str(tmp_path / "base" / "fonts" / "fs.ttf")


@pytest.mark.parametrize("text", ["page:\n", "roles:\n  body:\n"])
def test_empty_sections_change_nothing(tmp_path: Path, text):
    f = tmp_path / "t.yaml"
    f.write_text("extends: gongwen\n" + text, encoding="utf-8")
    assert load_theme(f).style("body") == load_theme("gongwen").style("body")


@pytest.mark.parametrize("text", ["numbering: [a, b]\n", "page: 3\n"])
def test_misshapen_sections_are_config_errors(tmp_path: Path, text):
    f = tmp_path / "t.yaml"
    f.write_text("extends: default\n" + text, encoding="utf-8")
    with pytest.raises(ConfigError, match="must be a mapping"):
        load_theme(f)
