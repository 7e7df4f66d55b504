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
