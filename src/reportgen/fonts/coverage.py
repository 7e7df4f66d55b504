"""Coverage preflight: every character of a text must have a glyph in some
face of its chain, or the user gets a FontError naming it (never a blank box)."""
from __future__ import annotations

import unicodedata

from ..errors import FontError
from .resolve import FontSet
from .sources import PdfFace


def _drawn(ch: str) -> bool:
    """Characters that need a glyph (not controls or ordinary whitespace)."""
    return ch == "\u3000" or not (ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"))


def faces_for_text(fs: FontSet, face_name: str, text: str) -> dict[str, PdfFace | None]:
    """Each distinct drawn character of ``text`` → the face that draws it (None: no face has it)."""
    fs.prepare(face_name, text)
    return {ch: fs.face_for(ch, face_name) for ch in dict.fromkeys(text) if _drawn(ch)}


def missing(fs: FontSet, face_name: str, text: str) -> list[str]:
    """Distinct characters of ``text`` that no face in the chain can draw."""
    return [ch for ch, f in faces_for_text(fs, face_name, text).items() if f is None]


def check_text(fs: FontSet, face_name: str, text: str, where: str) -> None:
    """Raise FontError if a character of ``text`` has no glyph in ``face_name``'s chain."""
    lost = missing(fs, face_name, text)
    if not lost:
        return
    listed = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in lost[:10]) + (" …" if len(lost) > 10 else "")
    raise FontError(
        f"{where}: no font can draw {listed} (face {face_name}: {fs.resolve(face_name)[1]})",
        hint="install a font that has the character and name it under fonts: in the theme, "
             "or replace the character",
    )
