"""CFF faces are converted in cached parts, once."""
from __future__ import annotations

from fontTools.ttLib import TTFont

from reportgen.fonts import FontSet, convert
from reportgen.fonts.sources import Source


def test_part_conversion_is_cached(tiny_cff, cache):
    before = convert.stats["conversions"]
    cps = frozenset(map(ord, "中文A1"))
    first = convert.cached_part(tiny_cff, 0, "core", cps)
    assert convert.stats["conversions"] == before + 1
    ino = first.stat().st_ino
    again = convert.cached_part(tiny_cff, 0, "core", cps)
    assert again == first and again.stat().st_ino == ino
    assert convert.stats["conversions"] == before + 1
    assert sorted(p.suffix for p in cache.iterdir()) == [".ttf"]  # no temp or lock files left
    tt = TTFont(str(first))
    assert "glyf" in tt and "CFF " not in tt
    assert set(tt.getBestCmap()) == set(cps)


def test_fresh_source_reuses_cache(tiny_cff, cache):
    Source(tiny_cff).first()
    n = convert.stats["conversions"]
    face = Source(tiny_cff).first()  # a new process would do the same
    assert convert.stats["conversions"] == n
    assert face.has("中") and face.has("①") and not face.has("㙍")


def test_rare_character_comes_from_a_block_part(tiny_cff, theme_with, cache):
    fs = FontSet(theme_with({"仿宋_GB2312": str(tiny_cff)}), font_dirs=[])
    core = fs.face("仿宋_GB2312")
    assert core.name.endswith("-core") and not core.has("㙍")
    block = fs.face_for("㙍", "仿宋_GB2312")
    assert block is not None and block.name.endswith("-b000") and block.has("㙍")
    assert block.reason == core.reason
    assert [f.name for f in fs.chain("仿宋_GB2312")][:2] == [core.name, block.name]
