"""Unit tests of the PDF writer's CJK line breaking (real fonts, no mocks)."""
import random

import pytest

from reportgen.errors import FontError
from reportgen.fonts import fontset_for
from reportgen.model.nodes import SourcePos
from reportgen.text import LINE_END_FORBIDDEN as NO_END, LINE_START_FORBIDDEN as NO_START
from reportgen.themes.theme import load_theme
from reportgen.writers.pdf.linebreak import Run, RunStyle, break_lines, layout, place, placement, segment, shape

SIZE = 16.0


@pytest.fixture(scope="module")
def fonts():
    return fontset_for(load_theme("gongwen"))


@pytest.fixture(scope="module")
def style():
    return RunStyle(face="仿宋_GB2312", latin="Times New Roman", size=SIZE)


def units_of(text, fonts, style, pitch=None):
    return segment(shape([Run(text, style)], fonts), pitch)


def texts(units):
    return [u.text for u in units]


def test_numbers_percent_and_pairs_stay_whole(fonts, style):
    t = texts(units_of("增长12.3%以上，98.5‰与25℃，2025年——明确……落实Word文档", fonts, style))
    for whole in ("12.3%", "98.5‰", "25℃", "2025年", "——", "……", "Word"):
        assert whole in t, t
    assert "增" in t and "，" in t


def test_number_with_thousands_separator_and_decimal_is_one_unit(fonts, style):
    assert "12,345.67元" in texts(units_of("共12,345.67元", fonts, style))


def test_number_keeps_its_unit_word(fonts, style):
    t = texts(units_of("开展600余次，1.1万名党员，20余万人次", fonts, style))
    for whole in ("600余次", "1.1万名", "20余万人"):
        assert whole in t, t


def test_latin_digits_take_the_latin_face(fonts, style):
    chars = shape([Run("A中1", style)], fonts)
    latin = fonts.face("Times New Roman").name
    assert chars[0][2] == latin and chars[2][2] == latin
    assert chars[1][2] == fonts.face_for("中", "仿宋_GB2312").name


def test_missing_glyph_raises_font_error_with_code_point_and_position(fonts, style):
    with pytest.raises(FontError) as info:
        shape([Run("正文\U0010FFFD", style)], fonts, SourcePos("report.md", 12))
    msg = str(info.value)
    assert "U+10FFFD" in msg and "report.md:12" in msg
    assert info.value.diagnostic.line == 12


def test_forbidden_start_mark_is_pushed_out(fonts, style):
    # ten characters fill the line exactly; the comma would start line 2
    lines = break_lines(units_of("一二三四五六七八九十，十一", fonts, style), 10 * SIZE)
    assert [ln.text for ln in lines] == ["一二三四五六七八九", "十，十一"]


def test_forbidden_start_mark_is_pushed_in_when_it_fits_squeezed(fonts, style):
    width = 10.5 * SIZE
    lines = break_lines(units_of("一二三四五六七八九十。十一", fonts, style), width)
    assert lines[0].text == "一二三四五六七八九十。"
    xs, cuts = placement(lines[0], width, "justify")
    assert xs[-1] + lines[0].units[-1].advance - cuts[-1] == pytest.approx(width, abs=1e-6)
    assert cuts[-1] == pytest.approx(SIZE / 2)  # the line-end stop set half width, not every gap squeezed


def test_opening_mark_never_ends_a_line(fonts, style):
    lines = break_lines(units_of("一二三四五六七八九《十》十一", fonts, style), 10 * SIZE)
    assert lines[0].text == "一二三四五六七八九"
    assert lines[1].text.startswith("《十》")


def test_number_is_carried_whole(fonts, style):
    lines = break_lines(units_of("一二三四五六七八12.5%以上", fonts, style), 10 * SIZE)
    assert lines[1].text.startswith("12.5%")


POOL = list("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质")
MARKS = list("，。、；：！？）》”") + ["（", "《", "“", "12.5%", "——", "……", "2025"]


@pytest.mark.parametrize("seed", range(6))
def test_random_paragraphs_obey_kinsoku_and_justify_flush(fonts, style, seed):
    rnd = random.Random(seed)
    text = "".join(rnd.choice(MARKS) if rnd.random() < 0.25 else rnd.choice(POOL) for _ in range(600))
    width = 28 * 15.79
    units = units_of(text, fonts, style, pitch=15.79)
    placed = layout(units, width, "justify", first_indent=2 * 15.79)
    assert "".join(ln.text for ln, _ in placed) == text  # nothing lost, nothing added
    for k, (ln, _) in enumerate(placed):
        if k:
            assert ln.text[0] not in NO_START, (k, ln.text)
        if not ln.last:
            assert ln.text[-1] not in NO_END, (k, ln.text)
            xs, cuts = placement(ln, width, "justify")
            assert xs[-1] + ln.units[-1].advance - cuts[-1] == pytest.approx(width, abs=0.5)
    for ln, _ in placed:
        for n in ("12.5%", "2025"):
            assert not ln.text.endswith(n[:-1]) or ln.text.endswith(n), ln.text


def test_grid_pitch_gives_28_characters_a_line(fonts, style):
    pitch = 442.2 / 28
    units = units_of("国" * 60, fonts, style, pitch=pitch)
    lines = break_lines(units, 442.2)
    assert [len(ln.text) for ln in lines] == [28, 28, 4]


def test_alignments(fonts, style):
    units = units_of("一二三", fonts, style)
    (ln,) = break_lines(units, 10 * SIZE)
    assert place(ln, 10 * SIZE, "left")[0] == 0
    assert place(ln, 10 * SIZE, "right")[-1] + ln.units[-1].advance == pytest.approx(10 * SIZE)
    assert place(ln, 10 * SIZE, "center")[0] == pytest.approx(3.5 * SIZE)
    assert place(ln, 10 * SIZE, "justify") == place(ln, 10 * SIZE, "left")  # last line: left


def test_spaces_between_latin_words_are_dropped_at_line_ends(fonts, style):
    text = "internationalization " * 6
    lines = break_lines(units_of(text, fonts, style), 200)
    assert all(not ln.text.startswith(" ") and not ln.text.endswith(" ") for ln in lines)
    assert all(ln.units[0].text == "internationalization" for ln in lines)


def test_forced_break(fonts, style):
    lines = break_lines(units_of("一二\n三四", fonts, style), 10 * SIZE)
    assert [ln.text for ln in lines] == ["一二", "三四"] and lines[0].last


def test_a_loose_line_compresses_its_punctuation_to_take_the_next_word(fonts, style):
    # ended before the number, the line would open 5 gaps by 0.6 em each;
    # its three commas give up half their width instead and the number fits
    width = 9 * SIZE
    lines = break_lines(units_of("甲，乙，丙，1234567", fonts, style), width)
    assert lines[0].text == "甲，乙，丙，1234567"
    xs, cuts = placement(lines[0], width, "justify")
    assert xs[-1] + lines[0].units[-1].advance - cuts[-1] == pytest.approx(width, abs=0.01)
    assert all(c <= SIZE / 2 + 1e-9 for c in cuts) and sum(cuts) > 0


def test_a_line_that_cannot_fill_is_not_spread_wide(fonts, style):
    lines = break_lines(units_of("甲乙" + "1" * 18, fonts, style), 10 * SIZE)
    assert lines[0].text == "甲乙"
    xs = place(lines[0], 10 * SIZE, "justify")
    assert xs[1] - xs[0] == pytest.approx(SIZE + 0.25 * SIZE)  # at most a quarter em per gap
