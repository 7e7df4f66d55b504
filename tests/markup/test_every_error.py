"""Every markup error of a document is reported at once, each at its line."""
import pytest

from reportgen.errors import MarkupError
from reportgen.markup import parse


def test_every_markup_error_is_reported_together():
    text = "# 标题\n\n:::{nosuch}\n内容\n:::\n\n正文。\n\n:::{signature}\n:sealed: maybe\n:::\n\n:::{notee}\n:::\n"
    with pytest.raises(MarkupError) as err:
        parse(text, source="t.md")
    lines = [d.line for d in err.value.diagnostics]
    assert lines == [3, 9, 13], err.value
    assert "did you mean {note}" in str(err.value)
