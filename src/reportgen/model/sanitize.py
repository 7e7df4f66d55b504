"""Remove characters that XML 1.0 cannot hold (control characters, lone
surrogates, U+FFFE/U+FFFF) from every string in a model tree.  Data loading
already strips them from records; this is the writer's last line of defence,
so text from any source cannot corrupt a DOCX."""
from __future__ import annotations

import dataclasses
import re

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _INVALID_XML.sub("", text)


def map_strings(node, fn):
    """A copy of ``node`` (a model dataclass, tuple or str) with ``fn`` applied
    to every string in it; positions are left alone."""
    if isinstance(node, str):
        return fn(node)
    if isinstance(node, tuple):
        return tuple(map_strings(x, fn) for x in node)
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        changes = {f.name: map_strings(getattr(node, f.name), fn)
                   for f in dataclasses.fields(node) if f.name != "pos"}
        return dataclasses.replace(node, **changes)
    return node


def xml_safe(doc):
    """``doc`` with every XML-invalid character removed (the same object when
    there is none, which is the usual case)."""
    found = []
    map_strings(doc, lambda s: found.append(1) if _INVALID_XML.search(s) else s)
    return map_strings(doc, xml_text) if found else doc
