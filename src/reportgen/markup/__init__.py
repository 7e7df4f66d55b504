"""Markdown with MyST colon-fence directives → the document model."""
from .parse import parse  # noqa: F401
