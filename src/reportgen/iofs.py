"""File-system helpers: atomic writes and safe output paths."""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from .errors import UsageError


def cache_dir(kind: str) -> Path:
    """``$REPORTGEN_CACHE`` or the platform's user cache folder, + ``kind``
    (``fonts``, ``words``), created when missing."""
    from platformdirs import user_cache_dir

    d = Path(os.environ.get("REPORTGEN_CACHE") or user_cache_dir("reportgen")) / kind
    d.mkdir(parents=True, exist_ok=True)
    return d


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the
    whole new one, never half of it: write a temporary file in the same
    folder, fsync, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; documents are ordinary files
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


def safe_component(text: str) -> str:
    """One path component made safe: no separators, no control characters,
    no leading dots, no Windows-reserved characters; Chinese kept."""
    text = unicodedata.normalize("NFC", str(text))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    text = _UNSAFE.sub("_", text).strip().strip(".")
    if text.upper() in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}:
        text = f"_{text}"
    return text[:150] or "_"


def inside(root: Path, path: Path) -> bool:
    """True when ``path`` lies inside ``root`` (after resolving links and ``..``)."""
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def output_path(out_dir: Path, relative: str) -> Path:
    """``relative`` (made of /-separated parts from a name pattern) under
    ``out_dir``; every part made safe; never outside ``out_dir``."""
    parts = [safe_component(p) for p in relative.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    if not parts:
        raise UsageError(f"output name {relative!r} is empty after making it safe")
    target = out_dir.joinpath(*parts)
    if not inside(out_dir, target):
        raise UsageError(f"output name {relative!r} points outside the output folder {out_dir}")
    return target


def shown(path: str | Path | None, base: Path | None = None) -> str | None:
    """A path as a user should see it: relative to ``base`` (default: the
    current folder) when it lies inside it, else as given."""
    if not path:
        return None if path is None else str(path)
    try:
        rel = os.path.relpath(Path(path).resolve(), base.resolve() if base else os.getcwd())
    except (ValueError, OSError):
        return str(path)
    return str(path) if rel.startswith("..") else Path(rel).as_posix()
