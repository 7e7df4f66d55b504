"""The PDF writer (reportlab platypus, with its own CJK line breaking)."""
from .writer import Ctx, PdfWriter  # noqa: F401
