"""Installed (system) fonts: family name → files.

Where to look: ``$REPORTGEN_FONT_DIRS`` (``os.pathsep``-separated) or the
``dirs`` argument replaces the system search entirely (tests use this).
Otherwise fontconfig's ``fc-list`` when it exists, else a scan of the
platform's font folders.  A scan reads each file's name table (every family
name in every language, so 仿宋_GB2312 and FangSong_GB2312 both match); its
results are cached on disk per file (path, size, mtime), so later processes
only stat the files.  The index is built once per process.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
_INDEX: dict[tuple, dict[str, list["SysFont"]]] = {}


@dataclass(frozen=True)
class SysFont:
    path: str
    index: int  # face index in a collection
    family: str  # the family name as the font spells it (first name seen)
    style: str  # e.g. Regular, Bold


def norm(name: str) -> str:
    """Name key: case-folded, spaces dropped (``SimSun`` = ``simsun``,
    ``Times New Roman`` = ``timesnewroman``)."""
    return "".join(name.split()).casefold()


def default_dirs() -> list[Path]:
    home = Path.home()
    if sys.platform.startswith("win"):
        return [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts",
                Path(os.environ.get("LOCALAPPDATA", home)) / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/Library/Fonts"), Path("/System/Library/Fonts"), home / "Library" / "Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts", home / ".local/share/fonts"]


def env_dirs() -> list[Path] | None:
    val = os.environ.get("REPORTGEN_FONT_DIRS")
    return [Path(p) for p in val.split(os.pathsep) if p] if val else None


def index(dirs: list[Path] | None = None) -> dict[str, list[SysFont]]:
    """Normalised family name → installed faces (built once per process per dirs)."""
    dirs = dirs if dirs is not None else env_dirs()
    key = tuple(str(d) for d in dirs) if dirs is not None else ("<system>",)
    if key not in _INDEX:
        fonts = None
        if dirs is None and shutil.which("fc-list"):
            fonts = _fc_list()
        if fonts is None:
            fonts = _scan(dirs if dirs is not None else default_dirs())
        out: dict[str, list[SysFont]] = {}
        for names, sf in fonts:
            for n in names:
                out.setdefault(norm(n), []).append(sf)
        _INDEX[key] = out
    return _INDEX[key]


def find(name: str, dirs: list[Path] | None = None) -> SysFont | None:
    """The installed face of family ``name``, preferring a Regular style."""
    cands = index(dirs).get(norm(name), [])
    return min(cands, key=_style_rank) if cands else None


def find_bold(sf: SysFont, dirs: list[Path] | None = None) -> SysFont | None:
    """A Bold face of ``sf``'s family, if installed."""
    for c in index(dirs).get(norm(sf.family), []):
        if norm(c.style) in ("bold", "粗体"):
            return c
    return None


def _style_rank(sf: SysFont) -> tuple[int, str, int]:
    s = norm(sf.style)
    rank = 0 if s in ("regular", "book", "normal", "roman", "常规", "標準") else 1 if "bold" not in s and "italic" not in s and "oblique" not in s else 2
    return rank, sf.path, sf.index


def _fc_list() -> list[tuple[list[str], SysFont]] | None:
    try:
        res = subprocess.run(["fc-list", "--format", "%{file}\t%{index}\t%{family}\t%{style}\n"],
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    if res.returncode != 0:
        return None
    out = []
    for line in res.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) != 4 or not parts[0].lower().endswith(FONT_SUFFIXES):
            continue
        file, idx, fams, styles = parts
        names = [f for f in fams.split(",") if f]
        if not names:
            continue
        style = styles.split(",")[0] if styles else "Regular"
        out.append((names, SysFont(file, int(idx or 0), names[0], style)))
    return out


def _scan(dirs: list[Path]) -> list[tuple[list[str], SysFont]]:
    """Read the name tables of every font file under ``dirs`` (disk-cached)."""
    cache_file = _cache_file()
    try:
        cache = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    fresh, out = {}, []
    for d in dirs:
        if not d.is_dir():
            continue
        for root, _, files in os.walk(d):
            for fn in sorted(files):
                if not fn.lower().endswith(FONT_SUFFIXES):
                    continue
                p = os.path.join(root, fn)
                try:
                    st = os.stat(p)
                except OSError:
                    continue
                stamp = [st.st_size, st.st_mtime_ns]
                hit = cache.get(p)
                faces = hit[1] if hit and hit[0] == stamp else _read_names(p)
                fresh[p] = [stamp, faces]
                out += [(names, SysFont(p, i, names[0], style)) for i, names, style in faces]
    if fresh != {k: v for k, v in cache.items() if k in fresh}:
        _write_json(cache_file, {**cache, **fresh})
    return out


def _read_names(path: str) -> list[list]:
    """[[face index, [family names…], style], …] for one font file."""
    from fontTools.ttLib import TTCollection, TTFont

    try:
        if path.lower().endswith((".ttc", ".otc")):
            fonts = list(TTCollection(path, lazy=True).fonts)
        else:
            fonts = [TTFont(path, lazy=True)]
    except Exception:  # unreadable file: not a font we can use
        return []
    faces = []
    for i, f in enumerate(fonts):
        try:
            table = f["name"]
        except Exception:
            continue
        fams = []
        for rec in sorted(table.names, key=lambda r: (r.nameID != 1, r.nameID != 16, r.nameID)):
            if rec.nameID in (1, 16, 4):
                try:
                    s = rec.toUnicode().strip()
                except Exception:
                    continue
                if s and s not in fams:
                    fams.append(s)
        style = table.getDebugName(17) or table.getDebugName(2) or "Regular"
        if fams:
            faces.append([i, fams, style])
    return faces


def _cache_file() -> Path:
    from .convert import cache_dir

    return cache_dir() / "system-fonts-v1.json"


def _write_json(path: Path, data) -> None:
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
