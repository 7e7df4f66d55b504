"""Reading a data file's bytes safely (size limit, binary check) and decoding
them (UTF-8 with or without BOM, UTF-16 with BOM; for tables also the
GBK/GB18030 that Excel writes in Chinese locales, found with charset-normalizer)."""
from __future__ import annotations

import codecs
import stat
from pathlib import Path

from ..errors import DataError
from .limits import Limits, human_bytes

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_MAGIC = {b"PK\x03\x04": "a ZIP archive (an .xlsx or .docx?)", b"%PDF": "a PDF document",
          b"\xd0\xcf\x11\xe0": "an old Office document (.xls/.doc)", b"\x89PNG": "a PNG image",
          b"\xff\xd8\xff": "a JPEG image", b"\x1f\x8b": "a gzip archive", b"\x7fELF": "a program"}
_CHINESE = {"gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp950", "cp936"}


def read_bytes(path: Path, limits: Limits) -> bytes:
    """The file's bytes; DataError when it cannot be read or is too large."""
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(st.st_mode):  # a pipe or device could block or never end
            raise DataError("is not a regular file (a pipe or a device?)", file=str(path))
        size = st.st_size
        if size > limits.max_bytes:
            raise DataError(f"file is too large ({human_bytes(size)}; the limit is {human_bytes(limits.max_bytes)})",
                            file=str(path), hint="split the data, or raise REPORTGEN_MAX_DATA_BYTES")
        with path.open("rb") as fh:
            data = fh.read(limits.max_bytes + 1)
    except IsADirectoryError:
        raise DataError("is a folder, not a data file", file=str(path)) from None
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror or exc}", file=str(path)) from None
    if len(data) > limits.max_bytes:  # grew while reading, or a special file
        raise DataError(f"file is too large (more than {human_bytes(limits.max_bytes)})", file=str(path),
                        hint="split the data, or raise REPORTGEN_MAX_DATA_BYTES")
    return data


def _bom(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def check_not_binary(data: bytes, path: Path) -> None:
    if _bom(data):
        return
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise DataError(f"this is {what}, not a text data file", file=str(path),
                            hint="give a .yaml, .json, .csv or .xlsx file with the matching extension")
    if b"\x00" in data[:8192]:
        raise DataError("this is a binary file, not a text data file", file=str(path),
                        hint="give a .yaml, .json, .csv or .xlsx file")


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def guess_encoding(data: bytes, chinese_first: bool = False) -> str | None:
    """charset-normalizer's best guess.  With ``chinese_first`` the encodings
    Chinese spreadsheets are saved in are tried alone first: on a short table
    an open guess often lands on a Korean or Cyrillic code page."""
    from charset_normalizer import from_bytes

    sample = data[:200_000]
    if chinese_first:
        best = from_bytes(sample, cp_isolation=["gb18030", "big5"]).best()
        if best:
            return best.encoding
    best = from_bytes(sample).best()
    return best.encoding if best else None


def decode_utf8(data: bytes, path: Path) -> str:
    """Text of a YAML/JSON file: UTF-8 (BOM allowed) or UTF-16/32 with a BOM."""
    check_not_binary(data, path)
    enc = _bom(data) or "utf-8"
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        guess = guess_encoding(data)
        hint = "save the file as UTF-8"
        if guess and guess.lower() in _CHINESE:
            hint = f"it looks like {guess.upper()}; save the file as UTF-8"
        raise DataError(f"not UTF-8 text (byte 0x{data[exc.start]:02X} cannot be decoded)",
                        file=str(path), line=line, col=col, hint=hint) from None


def decode_table(data: bytes, path: Path) -> tuple[str, str]:
    """Text of a CSV file and the encoding used: UTF-8 (with or without
    BOM), UTF-16 with BOM, or what charset-normalizer finds (GBK, GB18030…)."""
    check_not_binary(data, path)
    enc = _bom(data)
    if enc:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    guess = guess_encoding(data, chinese_first=True)
    if guess:
        enc = "gb18030" if guess.lower() in ("gb2312", "gbk", "cp936", "hz") else guess
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            pass
    line, col = _position(data, first_bad)
    raise DataError("cannot tell the text encoding (not UTF-8, GBK or GB18030)", file=str(path),
                    line=line, col=col, hint="save the table as 'CSV UTF-8' or as .xlsx")
