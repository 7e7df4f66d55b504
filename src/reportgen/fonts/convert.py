"""CFF (PostScript-outline) OpenType → TrueType pieces, cached on disk.

ReportLab embeds TrueType (glyf) outlines only.  Converting a whole CJK face
(31,058 glyphs) costs about a minute in fontTools, so a face is converted in
*parts*: a given set of code points becomes a small TrueType font holding only
those glyphs (no layout tables: ReportLab uses cmap, metrics and outlines).
See ``parts.py`` for how a face is split.  Each part is built once and cached:

    $REPORTGEN_CACHE/fonts/<source id>-<index>-<part>-<spec>-v<FORMAT>.ttf

Writers never see a half-written file (temp file + ``os.replace``); a lock
file keeps two processes from converting the same part at once.
"""
from __future__ import annotations

import copy
import hashlib
import os
import socket
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable

from ..iofs import cache_dir as iofs_cache_dir

MAX_ERR = 1.0  # font units; cu2qu approximation tolerance
FORMAT = 3  # bump when the output of build_truetype changes
STALE_LOCK = 600.0  # seconds: a lock older than this was left by a dead process
PARALLEL_MIN = 1500  # glyphs: parts at least this big are drawn by several processes
stats = {"conversions": 0}  # parts actually converted in this process (tests, bench)

_IDS: dict[tuple[str, int, int], str] = {}


def cache_dir() -> Path:
    """``$REPORTGEN_CACHE`` or the platform's user cache dir, + ``fonts``."""
    return iofs_cache_dir("fonts")


def source_id(path: Path) -> str:
    """Content hash of a font file, computed once per process per
    (path, size, mtime)."""
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if key not in _IDS:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        _IDS[key] = h.hexdigest()[:20]
    return _IDS[key]


def is_truetype(path: Path, index: int = 0) -> bool:
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), fontNumber=index, lazy=True)
    try:
        return "glyf" in font
    finally:
        font.close()


def part_path(path: Path, index: int, part: str, codepoints: Iterable[int]) -> Path:
    """Where the TrueType version of ``part`` of face ``index`` of ``path`` is cached."""
    spec = hashlib.sha256(",".join(map(str, sorted(codepoints))).encode()).hexdigest()[:10]
    return cache_dir() / f"{source_id(path)}-{index}-{part}-{spec}-v{FORMAT}.ttf"


def cached_part(path: Path, index: int, part: str, codepoints: Iterable[int], source=None) -> Path:
    """The cached TrueType font holding ``codepoints`` of face ``index`` of
    ``path``; built now if missing.  ``source`` may pass an already opened
    fontTools TTFont of that face (saves re-reading it for several parts)."""
    cps = frozenset(codepoints)
    out = part_path(path, index, part, cps)
    if out.exists():
        return out
    with _lock(out):
        if out.exists():  # another process built it while we waited
            return out
        from fontTools.ttLib import TTFont

        src = source if source is not None else TTFont(str(path), fontNumber=index, lazy=True)
        font = build_truetype(src, cps, f"RG{part}", origin=(str(path), index))
        _atomic_save(font, out)
        stats["conversions"] += 1
    return out


def build_truetype(src, codepoints: frozenset[int], suffix: str, origin: tuple[str, int] | None = None):
    """A new TrueType TTFont with the glyphs of ``src`` (a CFF TTFont) that
    ``codepoints`` map to, plus ``.notdef``.  PostScript name gets ``suffix``.
    ``origin`` (file, face index) of ``src`` lets big parts be drawn by
    several processes."""
    from fontTools.fontBuilder import FontBuilder

    cmap = {c: g for c, g in src.getBestCmap().items() if c in codepoints}
    order = [".notdef"] + sorted(set(cmap.values()) - {".notdef"}, key=src.getGlyphID)
    glyphs = _draw_parallel(origin, order) if origin else None
    if glyphs is None:
        glyphs = _draw(src.getGlyphSet(), order)
    hmtx = src["hmtx"].metrics
    fb = FontBuilder(src["head"].unitsPerEm, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(cmap)
    fb.setupGlyf(glyphs)
    metrics = {}
    for name in order:
        g = fb.font["glyf"][name]
        g.recalcBounds(fb.font["glyf"])
        metrics[name] = (hmtx[name][0], getattr(g, "xMin", 0) if g.numberOfContours else 0)
    fb.setupHorizontalMetrics(metrics)
    hhea = src["hhea"]
    fb.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent, lineGap=hhea.lineGap)
    fb.font["OS/2"] = copy.deepcopy(src["OS/2"])
    fb.font["name"] = _renamed(src["name"], suffix)
    fb.setupPost(keepGlyphNames=False)
    from fontTools import ttLib

    fb.font.cfg[ttLib.OPTIMIZE_FONT_SPEED] = True  # faster glyf compile; ReportLab subsets anyway
    fb.font["head"].macStyle = src["head"].macStyle
    return fb.font


def _draw(glyphset, names: list[str]) -> dict:
    """TrueType glyphs (quadratic, cu2qu) for ``names`` of a CFF glyph set."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    out = {}
    for name in names:
        pen = TTGlyphPen(None)
        try:
            glyphset[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        except Exception:  # a broken glyph becomes empty rather than failing the face
            pen = TTGlyphPen(None)
        out[name] = pen.glyph()
    return out


def _draw_file(path: str, index: int, names: list[str]) -> dict:
    from fontTools.ttLib import TTFont

    return _draw(TTFont(path, fontNumber=index, lazy=True).getGlyphSet(), names)


def _draw_parallel(origin: tuple[str, int], names: list[str]) -> dict | None:
    """Draw a big part in one process per CPU (≤ 4); None = do it serially
    (small part, one CPU, inside a daemon process, or a pool failure)."""
    import multiprocessing

    workers = min(os.cpu_count() or 1, 4)
    if len(names) < PARALLEL_MIN or workers < 2 or multiprocessing.current_process().daemon:
        return None
    from concurrent.futures import ProcessPoolExecutor

    chunks = [names[i::workers] for i in range(workers)]
    try:
        with ProcessPoolExecutor(workers) as ex:
            parts = list(ex.map(_draw_file, [origin[0]] * workers, [origin[1]] * workers, chunks))
    except Exception:
        return None
    out = {}
    for p in parts:
        out.update(p)
    return out


def _renamed(name_table, suffix: str):
    """A copy of ``name_table`` whose PostScript name (ID 6) ends in ``-suffix``,
    so parts of one face embed under distinct names."""
    table = copy.deepcopy(name_table)
    ps = name_table.getDebugName(6) or "Font"
    new = f"{ps[: 63 - len(suffix) - 1]}-{suffix}"
    table.names = [r for r in table.names if r.nameID != 6]
    table.setName(new, 6, 3, 1, 0x409)
    table.setName(new, 6, 1, 0, 0)
    return table


def _atomic_save(font, out: Path) -> None:
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=out.stem, suffix=".part")
    os.close(fd)
    try:
        font.save(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)  # atomic: concurrent readers never see half a file
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@contextmanager
def _lock(out: Path):
    """An exclusive lock file beside ``out``: wait while another process holds
    it (or until it has produced ``out``)."""
    lock = out.with_suffix(".lock")
    fd = None
    while fd is None:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            os.write(fd, f"{os.getpid()} {socket.gethostname()}".encode())
        except FileExistsError:
            if out.exists():
                break
            if _stale(lock):
                lock.unlink(missing_ok=True)  # left by a process that died
                continue
            time.sleep(0.05)
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)
            lock.unlink(missing_ok=True)


def _stale(lock: Path) -> bool:
    """A lock whose owner (pid on this host) is gone, or that is very old."""
    try:
        text = lock.read_text(encoding="utf-8", errors="replace").split()
        age = time.time() - lock.stat().st_mtime
    except FileNotFoundError:
        return False
    if age > STALE_LOCK:
        return True
    if len(text) == 2 and text[1] == socket.gethostname() and text[0].isdigit():
        try:
            os.kill(int(text[0]), 0)
        except ProcessLookupError:
            return True
        except OSError:
            return False
    return False
