"""Fonts for the PDF writer: resolve face names to files, convert CFF to
TrueType in cached parts, and check coverage.  DOCX only writes face names."""
from .resolve import FontSet, bundled_fonts, fontset_for, generic_family  # noqa: F401
from .sources import PdfFace  # noqa: F401
