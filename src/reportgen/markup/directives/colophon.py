"""``:::{colophon}`` → Colophon: the 版记 of a 公文 or the 报尾 of a 简报.

Options: variant (document|briefing), printer, print_date, copies; entries
``to`` (主送, when moved to the 版记) and ``cc`` (抄送) for a document,
``report`` (报), ``send`` (送), ``issue`` (发) for a briefing.  Entries come
out in that order; entry texts are kept as written.
"""
from __future__ import annotations

from ...model.nodes import Colophon
from .base import Directive, plain

ENTRIES = {
    "document": (("to", "主送"), ("cc", "抄送")),
    "briefing": (("report", "报"), ("send", "送"), ("issue", "发")),
}


def run(ctx, options, content):
    values = {k: plain(v) for k, v in options.items()}
    variant = ctx.choice(values, "variant", tuple(ENTRIES), "document")
    for other, entries in ENTRIES.items():
        for key, label in entries:
            if other != variant and key in values:
                raise ctx.error(f":{key}: ({label}) belongs to variant {other}, not {variant}",
                                hint=f"add :variant: {other}")
    entries = tuple((label, values[key]) for key, label in ENTRIES[variant] if values.get(key))
    return [Colophon(
        entries=entries,
        printer=values.get("printer") or None,
        print_date=values.get("print_date") or None,
        copies=values.get("copies") or None,
        variant=variant,
        pos=ctx.pos,
    )]


_KEYS = [k for entries in ENTRIES.values() for k, _ in entries]
DIRECTIVE = Directive(
    "colophon", run,
    options={"variant": False, "printer": False, "print_date": False, "copies": False, **{k: False for k in _KEYS}},
    doc="版记 / 报尾",
)
