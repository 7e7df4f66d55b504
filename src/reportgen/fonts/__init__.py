"""Fonts for the PDF writer: resolve face names to files, convert CFF to
TrueType once (cached), and check coverage.  DOCX only writes face names."""
from .resolve import FontSet, PdfFace, bundled_fonts, fontset_for, generic_family  # noqa: F401
