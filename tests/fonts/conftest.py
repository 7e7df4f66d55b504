"""Small real fonts for the font tests, cut from the bundled Noto Serif SC so
no test converts a whole CJK face."""
from __future__ import annotations

from pathlib import Path

import pytest
from fontTools import subset
from fontTools.ttLib import TTFont

from reportgen.fonts import bundled_fonts
from reportgen.fonts.convert import build_truetype

TINY_TEXT = "中文字吉国ABC123①℃‰，。㙍"


def rename(font: TTFont, family: str) -> None:
    """Give ``font`` the family name ``family`` (name IDs 1, 4, 16; all platforms)."""
    table = font["name"]
    table.names = [r for r in table.names if r.nameID not in (1, 4, 16, 17)]
    for nid in (1, 4):
        table.setName(family, nid, 3, 1, 0x409)
    table.setName("Regular", 2, 3, 1, 0x409)


@pytest.fixture(scope="session")
def tiny_cff(tmp_path_factory) -> Path:
    """A CFF OpenType face holding only TINY_TEXT (so it still needs conversion)."""
    font = TTFont(str(bundled_fonts()["serif"]), lazy=True)
    opts = subset.Options()
    opts.layout_features, opts.name_IDs, opts.name_languages = [], ["*"], ["*"]
    opts.notdef_outline, opts.hinting = True, False
    sub = subset.Subsetter(opts)
    sub.populate(text=TINY_TEXT)
    sub.subset(font)
    out = tmp_path_factory.mktemp("cff") / "TinySerif.otf"
    font.save(str(out))
    return out


def _make_ttf(src: Path, text: str, family: str, out: Path, remap: dict[int, str] | None = None) -> Path:
    """A TrueType font named ``family`` with the glyphs of ``text`` from CFF ``src``;
    ``remap`` maps extra code points to the glyph of a character of ``text``."""
    cff = TTFont(str(src), lazy=True)
    font = build_truetype(cff, frozenset(map(ord, text)), "T")
    if remap:
        from fontTools.fontBuilder import FontBuilder

        cmap = dict(font.getBestCmap())
        cmap.update({cp: cmap[ord(ch)] for cp, ch in remap.items()})
        FontBuilder(font=font).setupCharacterMap(cmap)
    rename(font, family)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    return out


@pytest.fixture()
def cache(tmp_path, monkeypatch) -> Path:
    """A fresh, empty conversion cache for one test."""
    d = tmp_path / "cache"
    monkeypatch.setenv("REPORTGEN_CACHE", str(d))
    return d / "fonts"


@pytest.fixture()
def theme_with(tmp_path):
    """Write a theme YAML extending gongwen with ``fonts:`` files and load it."""
    from reportgen.themes.theme import load_theme

    def make(files: dict[str, str]):
        lines = ["extends: gongwen", "fonts:"] + [f"  {k}: {{file: {v}}}" for k, v in files.items()]
        p = tmp_path / "theme.yaml"
        p.write_text("\n".join(lines) + "\n" if files else "extends: gongwen\n", encoding="utf-8")
        return load_theme(p)

    return make


@pytest.fixture()
def make_ttf():
    """``make_ttf(src_cff, text, family, out, remap=None) -> Path`` (see ``_make_ttf``)."""
    return _make_ttf
