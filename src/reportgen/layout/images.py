"""Images: the natural size, fitted to the type area (both formats the same)."""
from __future__ import annotations

from pathlib import Path

from ..errors import RenderError
from ..model import nodes as m


def natural_size(node: m.Image) -> tuple[float, float]:
    """The image's size in points (its pixels at its own dpi, 72 when unset).
    python-docx's header reader is used: it reads PNG, JPEG, GIF, BMP and
    TIFF headers without decoding the picture (no Pillow needed)."""
    from docx.image.image import Image as HeaderReader

    where = dict(file=node.pos.file, line=node.pos.line) if node.pos else {}
    path = Path(node.src)
    if not path.is_file():
        raise RenderError(f"image not found: {path}", hint="check the image path in the template", **where)
    try:
        img = HeaderReader.from_file(str(path))
    except Exception as exc:  # noqa: BLE001 - the header readers raise many kinds
        raise RenderError(f"cannot read image {path}: {exc}", hint="use a PNG, JPEG, GIF, BMP or TIFF file",
                          **where) from None
    return int(img.width) / 12700, int(img.height) / 12700  # EMU → points


def fit(node: m.Image, max_width: float, max_height: float) -> tuple[float, float]:
    """The drawn size: ``node.width`` (points) or the natural width, no wider
    than ``max_width`` and no taller than ``max_height``, aspect kept."""
    nat_w, nat_h = natural_size(node)
    width = min(node.width or nat_w, max_width)
    height = nat_h * width / nat_w if nat_w else nat_h
    if height > max_height:
        width, height = width * max_height / height, max_height
    return width, height
