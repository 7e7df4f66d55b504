"""Bold and italic next to full-width punctuation, as Chinese text writes them."""
import pytest

from reportgen.markup import parse
from reportgen.model.dump import dump


@pytest.mark.parametrize("src,bold", [
    ("**青少年群体。**四史教育进课堂", "青少年群体。"),
    ("甲**“乙”**丙", "“乙”"),
    ("（**注意**）事项", "注意"),
    ("**用好红色资源。**征集红色故事", "用好红色资源。"),
])
def test_bold_closes_next_to_wide_punctuation(src, bold):
    out = dump(parse(src))
    assert "strong" in out and repr(bold) in out and "**" not in out


def test_ascii_rules_unchanged():
    assert "strong" not in dump(parse("a**\"b\"**c"))  # CommonMark: not emphasis
    assert "strong" in dump(parse("**bold** text"))
