"""Jinja2 templating: sandboxed environment, Markdown escaping, Chinese filters."""
from .environment import make_environment, render_template  # noqa: F401
from .escape import MarkdownText, escape_markdown  # noqa: F401
