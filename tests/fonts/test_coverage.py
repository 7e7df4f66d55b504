"""Coverage preflight: a character no face has is an error naming it."""
from __future__ import annotations

import pytest

from reportgen.errors import FontError
from reportgen.fonts import FontSet
from reportgen.fonts.coverage import check_text, faces_for_text



@pytest.fixture()
def fs(make_ttf, tmp_path, tiny_cff, theme_with, cache):
    """仿宋 = the tiny CFF face; a system 'Jigmo2' (a fallback family) maps 𠮷 to 吉."""
    sysdir = tmp_path / "sys"
    make_ttf(tiny_cff, "吉", "Jigmo2", sysdir / "jigmo.ttf", remap={0x20BB7: "吉"})
    return FontSet(theme_with({"仿宋_GB2312": str(tiny_cff)}), font_dirs=[sysdir])


def test_latin_digits_symbols_from_core(fs):
    got = faces_for_text(fs, "仿宋_GB2312", "AB 12①℃‰，中")
    assert " " not in got
    assert {f.name for f in got.values()} == {fs.face("仿宋_GB2312").name}


def test_fallback_to_system_font_for_ext_b(fs):
    got = faces_for_text(fs, "仿宋_GB2312", "吉𠮷")
    assert got["𠮷"].reason.startswith("fallback: system font Jigmo2")
    assert got["吉"].name == fs.face("仿宋_GB2312").name
    assert got["𠮷"] in fs.chain("仿宋_GB2312")
    check_text(fs, "仿宋_GB2312", "吉𠮷㙍", where="body")  # no error


def test_missing_character_is_an_error(tmp_path, tiny_cff, theme_with, cache):
    fs = FontSet(theme_with({"仿宋_GB2312": str(tiny_cff)}), font_dirs=[])
    with pytest.raises(FontError) as err:
        check_text(fs, "仿宋_GB2312", "中文\U00030000", where="record r1, heading 2")
    msg = str(err.value)  # U+30000 (CJK Ext-G): no bundled or packaged face has it
    assert "U+30000" in msg and "\U00030000" in msg and "record r1, heading 2" in msg
    assert fs.face_for("\U00030000", "仿宋_GB2312") is None


def test_ext_b_from_the_packaged_fallback():
    """𠮷 (U+20BB7) is drawn by Noto Serif JP (pylopdf-fonts-jp, a dependency)."""
    from reportgen.themes import load_theme

    fs = FontSet(load_theme("gongwen"), font_dirs=[])
    face = fs.face_for("𠮷", "仿宋_GB2312")
    assert face is not None and "NotoSerifJP" in str(face.path) + face.reason


def test_bundled_faces_lack_ext_b_but_have_ext_a():
    from fontTools.ttLib import TTFont

    from reportgen.fonts import bundled_fonts

    for path in bundled_fonts().values():
        cmap = TTFont(str(path), lazy=True).getBestCmap()
        assert 0x364D in cmap and 0x20BB7 not in cmap
