"""Directives: one small module per ``:::{name}`` colon fence.

``REGISTRY`` maps a directive name to its :class:`Directive` spec.  A module
adds itself by defining ``DIRECTIVE`` (or ``DIRECTIVES``) and being listed in
``_MODULES``; ``register`` adds one at run time.
"""
from __future__ import annotations

from . import addressee, attachments, colophon, div, masthead, pagebreak, signature, title
from .base import Directive, DirectiveContext, check_options, plain, split_names, split_options  # noqa: F401

_MODULES = (pagebreak, masthead, title, addressee, signature, attachments, colophon, div)

REGISTRY: dict[str, Directive] = {}


def register(spec: Directive) -> None:
    REGISTRY[spec.name] = spec


for _module in _MODULES:
    for _spec in getattr(_module, "DIRECTIVES", None) or [_module.DIRECTIVE]:
        register(_spec)
