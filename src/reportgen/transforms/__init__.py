"""Transforms on the document model: heading numbering, typography."""
from .numbering import number_headings  # noqa: F401
from .typography import typography  # noqa: F401
