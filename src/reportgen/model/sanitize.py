"""Remove characters that XML 1.0 cannot hold (control characters, lone
surrogates, U+FFFE/U+FFFF) from every string in a model tree.  Data loading
already strips them from records; this is the writer's last line of defence,
so text from any source cannot corrupt a DOCX."""
from __future__ import annotations

import dataclasses
import re

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _INVALID_XML.sub("", text) if _INVALID_XML.search(text) else text


def map_strings(node, fn):
    """``node`` (a model dataclass, tuple or str) with ``fn`` applied to every
    string in it; positions are left alone.  Parts that do not change are
    returned as they are (the same objects), so a clean tree costs one walk."""
    if isinstance(node, str):
        return fn(node)
    if isinstance(node, tuple):
        new = tuple(map_strings(x, fn) for x in node)
        return node if all(a is b for a, b in zip(new, node)) else new
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        changes = {}
        for f in dataclasses.fields(node):
            if f.name == "pos":
                continue
            old = getattr(node, f.name)
            new = map_strings(old, fn)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(node, **changes) if changes else node
    return node


def xml_safe(doc):
    """``doc`` with every XML-invalid character removed (the same object when
    there is none, which is the usual case)."""
    return map_strings(doc, xml_text)
