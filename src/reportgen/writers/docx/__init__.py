"""DOCX writer: Document model → .docx bytes (python-docx + oxml.py)."""
from .writer import Ctx, DocxWriter  # noqa: F401

__all__ = ["DocxWriter", "Ctx"]
