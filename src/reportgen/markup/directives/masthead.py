"""``:::{masthead}`` → Masthead: the 版头 of a 公文 or the 报头 of a 简报.

Options: issuer (required), variant (document|briefing), copy_no, secrecy,
urgency, doc_no, signers (separated by , ， or 、), issue, total_issue,
editor, date.  Values are plain text.
"""
from __future__ import annotations

from ...model.nodes import Masthead
from .base import Directive, plain, split_names

_TEXT = ("copy_no", "secrecy", "urgency", "doc_no", "issue", "total_issue", "editor", "date")


def run(ctx, options, content):
    values = {k: plain(v) for k, v in options.items()}
    if not values["issuer"]:
        raise ctx.error(":issuer: must not be empty")
    fields = {k: values[k] or None for k in _TEXT if k in values}
    return [Masthead(
        issuer=values["issuer"],
        variant=ctx.choice(values, "variant", ("document", "briefing"), "document"),
        signers=split_names(values.get("signers", "")),
        pos=ctx.pos,
        **fields,
    )]


DIRECTIVE = Directive(
    "masthead", run,
    options={"issuer": True, "variant": False, "signers": False, **{k: False for k in _TEXT}},
    doc="版头 / 报头",
)
