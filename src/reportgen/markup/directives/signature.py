"""``:::{signature}`` → Signature (发文机关署名 + 成文日期).

Options: issuer (required; several issuers of a joint document separated by
, ， or 、), date (required, already formatted), sealed (true/false).
"""
from __future__ import annotations

from ...model.nodes import Signature
from .base import Directive, plain, split_names


def run(ctx, options, content):
    issuers = split_names(plain(options["issuer"]))
    if not issuers:
        raise ctx.error(":issuer: must not be empty")
    date = plain(options["date"])
    if not date:
        raise ctx.error(":date: must not be empty")
    return [Signature(issuers, date, sealed=ctx.flag(options, "sealed"), pos=ctx.pos)]


DIRECTIVE = Directive("signature", run, options={"issuer": True, "date": True, "sealed": False},
                      doc="发文机关署名和成文日期")
