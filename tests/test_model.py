"""The document model: frozen nodes, positions ignored by equality."""
import dataclasses

import pytest

from reportgen.model import (BLOCK_KINDS, Heading, Paragraph, SourcePos, Strong, Text, plain_text)
from reportgen.model import nodes


def test_nodes_are_frozen_and_ignore_positions():
    a = Paragraph((Text("甲"),), pos=SourcePos("a.md", 1))
    b = Paragraph((Text("甲"),), pos=SourcePos("b.md", 9))
    assert a == b
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.role = "lead"  # type: ignore[misc]


def test_every_block_kind_has_a_class():
    kinds = {getattr(obj, "kind", None) for obj in vars(nodes).values() if isinstance(obj, type)}
    assert set(BLOCK_KINDS) <= kinds


def test_plain_text():
    h = Heading(1, (Text("坚持"), Strong((Text("示范"),)), Text("引领")))
    assert plain_text(h.children) == "坚持示范引领"
