from __future__ import annotations

from reportgen.fonts import FontSet
from reportgen.fonts.report import describe_fonts, format_fonts_table



def test_describe_fonts_rows_and_table(make_ttf, tmp_path, tiny_cff, theme_with, cache):
    sysdir = tmp_path / "sys"
    path = make_ttf(tiny_cff, "中", "黑体", sysdir / "hei.ttf")
    theme = theme_with({})
    rows = describe_fonts(theme, FontSet(theme, font_dirs=[sysdir]))
    body = next(r for r in rows if r["role"] == "body")
    assert (body["face"], body["latin"]) == ("仿宋_GB2312", "Times New Roman")
    assert body["reason"] == "bundled substitute: Noto Serif SC for 仿宋_GB2312"
    h1 = next(r for r in rows if r["role"] == "heading1")
    assert h1["file"] == str(path) and h1["reason"].startswith("system font 黑体")
    table = format_fonts_table(rows)
    assert "heading1" in table and str(path) in table
    assert list(cache.glob("*.ttf")) == []  # describing converts nothing
