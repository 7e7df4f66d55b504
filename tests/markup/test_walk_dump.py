"""model.walk and model.dump."""
from __future__ import annotations

from reportgen.markup import parse
from reportgen.model.dump import dump
from reportgen.model.nodes import Code, Document, Meta, Paragraph, Strong, Text
from reportgen.model.walk import map_text, walk


def test_walk_is_depth_first_in_document_order():
    doc = parse("甲**乙**丙\n\n| a |\n|--|\n| b |\n")
    kinds = [n.kind for n in walk(doc)]
    assert kinds == ["document", "paragraph", "text", "strong", "text", "text",
                     "table", "column", "row", "cell", "text", "row", "cell", "text"]


def test_map_text_rebuilds_only_text_and_keeps_positions():
    doc = parse("甲**乙**`丙`\n", source="m.md")
    new = map_text(doc, lambda t: t + "!")
    assert [n.text for n in walk(new) if isinstance(n, (Text, Code))] == ["甲!", "乙!", "丙"]
    assert new.body[0].pos == doc.body[0].pos and new.body[0].pos.line == 1
    assert map_text(doc, lambda t: t) is doc


def test_dump_ignores_positions_and_shows_non_defaults():
    a = Document(Meta(), (Paragraph((Text("x"), Strong((Text("y"),))), role="lead"),))
    b = parse(":::{div}\n:role: x\n:::\n")
    assert dump(a) == "document\n  paragraph role='lead'\n    text 'x'\n    strong\n      text 'y'\n"
    assert dump(b) == "document\n  div role='x'\n"
    assert dump(parse("甲\n", source="one.md")) == dump(parse("\n\n甲\n", source="two.md"))
