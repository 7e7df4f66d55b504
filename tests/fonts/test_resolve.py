"""Resolution order: theme file → system font (by any of its names) →
installed open substitute → bundled Noto."""
from __future__ import annotations

from reportgen.fonts import FontSet
from reportgen.fonts.resolve import same_face_names



def test_theme_file_wins_over_system_font(make_ttf, tmp_path, tiny_cff, theme_with, cache):
    sysdir = tmp_path / "sys"
    make_ttf(tiny_cff, "中文", "仿宋_GB2312", sysdir / "fs.ttf")
    mine = make_ttf(tiny_cff, "中文字", "Mine", tmp_path / "mine.ttf")
    fs = FontSet(theme_with({"仿宋_GB2312": str(mine)}), font_dirs=[sysdir])
    f = fs.face("仿宋_GB2312")
    assert f.path == mine and f.reason == f"theme file {mine}"
    assert f.has("字") and not f.has("国")


def test_project_file_overrides_theme_file(make_ttf, tmp_path, tiny_cff, theme_with, cache):
    a = make_ttf(tiny_cff, "中", "A", tmp_path / "a.ttf")
    b = make_ttf(tiny_cff, "文", "B", tmp_path / "b.ttf")
    fs = FontSet(theme_with({"黑体": str(a)}), extra_files={"黑体": str(b)}, font_dirs=[])
    assert fs.face("黑体").path == b and fs.face("黑体").reason.startswith("project font file")


def test_system_font_found_by_name_and_alias(make_ttf, tmp_path, tiny_cff, theme_with, cache):
    sysdir = tmp_path / "sys"
    path = make_ttf(tiny_cff, "中文", "仿宋_GB2312", sysdir / "sub" / "fs.ttf")
    fs = FontSet(theme_with({}), font_dirs=[sysdir])
    for name in ("仿宋_GB2312", "FangSong_GB2312", "fangsong_gb2312"):
        src, reason = fs.resolve(name)
        assert src.path == path, name
        assert reason == f"system font 仿宋_GB2312 ({path})"
    assert fs.face("仿宋_GB2312").has_bold is False


def test_open_substitute_for_kai(make_ttf, tmp_path, tiny_cff, theme_with, cache):
    sysdir = tmp_path / "sys"
    path = make_ttf(tiny_cff, "中文", "LXGW WenKai GB", sysdir / "wk.ttf")
    src, reason = FontSet(theme_with({}), font_dirs=[sysdir]).resolve("楷体_GB2312")
    assert src.path == path and reason.startswith("system substitute: LXGW WenKai GB for 楷体_GB2312")


def test_bundled_substitutes_when_nothing_installed(theme_with, cache):
    fs = FontSet(theme_with({}), font_dirs=[])
    assert fs.resolve("仿宋_GB2312")[1] == "bundled substitute: Noto Serif SC for 仿宋_GB2312"
    assert fs.resolve("方正小标宋简体")[1] == "bundled substitute: Noto Serif SC for 方正小标宋简体"
    assert fs.resolve("黑体")[1] == "bundled substitute: Noto Sans SC for 黑体"
    assert fs.resolve("Arial")[1] == "bundled substitute: Noto Sans SC for Arial"


def test_same_face_names():
    assert same_face_names("宋体") == ["宋体", "SimSun"]
    assert same_face_names("SimHei") == ["SimHei", "黑体"]
    assert same_face_names("Foo") == ["Foo"]


def test_missing_theme_font_file_is_refused_when_the_theme_loads(tmp_path, theme_with, cache):
    import pytest

    from reportgen.errors import ConfigError

    with pytest.raises(ConfigError, match="font file 'nope.ttf' not found") as err:
        theme_with({"黑体": str(tmp_path / "nope.ttf")})
    assert err.value.diagnostic.file.endswith(".yaml") and err.value.diagnostic.line


def test_system_index_cache_on_disk(make_ttf, tmp_path, tiny_cff, cache):
    from reportgen.fonts import system

    sysdir = tmp_path / "sys2"
    make_ttf(tiny_cff, "中", "Cached Family", sysdir / "c.ttf")
    assert system.find("Cached Family", [sysdir]) is not None
    data = (cache / "system-fonts-v1.json").read_text(encoding="utf-8")
    assert "Cached Family" in data


def test_ttc_collection_face_by_index(make_ttf, tmp_path, tiny_cff, theme_with, cache):
    from fontTools.ttLib import TTCollection, TTFont

    a = make_ttf(tiny_cff, "中", "Coll A", tmp_path / "a.ttf")
    b = make_ttf(tiny_cff, "文字", "Coll B", tmp_path / "b.ttf")
    coll = TTCollection()
    coll.fonts = [TTFont(str(a)), TTFont(str(b))]
    sysdir = tmp_path / "sys"
    sysdir.mkdir()
    coll.save(str(sysdir / "both.ttc"))
    fs = FontSet(theme_with({}), font_dirs=[sysdir])
    src, reason = fs.resolve("Coll B")
    assert (src.path.name, src.index) == ("both.ttc", 1) and reason.startswith("system font Coll B")
    face = fs.face("Coll B")
    assert face.has("文") and not face.has("中")
