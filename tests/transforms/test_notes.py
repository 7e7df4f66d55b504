from reportgen.markup import parse
from reportgen.model import plain_text
from reportgen.themes import load_theme
from reportgen.transforms.notes import bracket_notes


def _note_text(src: str, theme="gongwen") -> str:
    doc = bracket_notes(parse(src), load_theme(theme))
    return plain_text(doc.body[0].children[0].children)


def test_note_gets_full_width_brackets():
    assert _note_text(":::{note}\n此件公开发布。\n:::\n") == "（此件公开发布。）"


def test_existing_brackets_are_kept():
    assert _note_text(":::{note}\n（联系人：张三）\n:::\n") == "（联系人：张三）"


def test_two_identical_paragraphs_open_and_close_once():
    from reportgen.model import plain_text as pt

    doc = bracket_notes(parse(":::{note}\n同上\n\n同上\n:::\n"), load_theme("gongwen"))
    assert [pt(p.children) for p in doc.body[0].children] == ["（同上", "同上）"]
