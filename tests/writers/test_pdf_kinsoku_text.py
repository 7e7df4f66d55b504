"""Kinsoku over realistic Chinese text: words, quotes and brackets, numbers
with units, Latin words, ——/……, and punctuation runs like 。” and ），."""
import random

import pytest

from reportgen.themes import load_theme
from reportgen.writers.pdf import linebreak as lb
from reportgen.writers.pdf.writer import PdfWriter

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经之进着等部度家力里如水化高自理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政日那社义事平形相全表间样与关各重新线内数正心反明看原又利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必战先回则任取据处府研"
NO_START = set("、，。：；！？）》」』】〕〉”’%‰℃")
NO_END = set("（《「『【〔〈“‘")


def paragraph(rng: random.Random, n: int) -> str:
    def word():
        return "".join(rng.choice(HAN) for _ in range(rng.randint(1, 6)))
    out: list[str] = []
    while sum(map(len, out)) < n:
        r = rng.random()
        if r < 0.15:
            o, c = rng.choice([("“", "”"), ("（", "）"), ("《", "》")])
            out.append(o + word() + c)
        elif r < 0.22:
            out.append(str(rng.randint(1, 99999)) + rng.choice(["%", "万", "", "℃", ".5%", "余"]))
        elif r < 0.24:
            out.append(" Latin word ")
        elif r < 0.26:
            out.append(rng.choice(["——", "……"]))
        else:
            out.append(word())
        if rng.random() < 0.45:
            out.append(rng.choice("，。、；：！？"))
            if rng.random() < 0.2:
                out.append(rng.choice("”）》"))
    return "".join(out)


def text(unit) -> str:
    return "".join(p.text for p in unit.pieces)


@pytest.mark.parametrize("theme_name", ["default", "gongwen"])
@pytest.mark.parametrize("seed", range(8))
def test_no_forbidden_line_starts_or_ends(theme_name, seed):
    theme = load_theme(theme_name)
    writer = PdfWriter(theme)
    rng = random.Random(seed)
    width = theme.page.type_width
    for _ in range(4):
        src = paragraph(rng, 500)
        units = writer.units([lb.Run(src, writer.run_style("body"))], "body")
        lines = lb.break_lines(units, width, 2 * theme.char_width("body"))
        assert "".join(text(u) for ln in lines for u in ln.units).replace(" ", "") == src.replace(" ", "")
        for ln in lines:
            t = "".join(text(u) for u in ln.units).strip()
            assert t[0] not in NO_START, t
            assert t[-1] not in NO_END, t
            if not ln.last:  # full lines are filled to the measure (within a squeeze)
                xs, cuts = lb.placement(ln, width, "justify")
                end = xs[-1] + ln.units[-1].advance - cuts[-1]
                assert end == pytest.approx(width, abs=0.5), t


def test_comma_after_a_latin_word_and_space():
    theme = load_theme("default")
    writer = PdfWriter(theme)
    src = "甲" * 34 + " Latin word ，）乙丙丁"
    units = writer.units([lb.Run(src, writer.run_style("body"))], "body")
    for width in range(300, 442, 3):
        for ln in lb.break_lines(units, float(width)):
            t = "".join(text(u) for u in ln.units).strip()
            assert t[0] not in NO_START, (width, t)
