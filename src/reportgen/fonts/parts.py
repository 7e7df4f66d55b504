"""How a CFF face is split into TrueType parts, converted on demand.

* ``core``: every non-Han character of the face (Latin, digits, punctuation,
  symbols such as ①℃‰, kana, radicals…) plus the 3,755 level-1 characters of
  GB2312 (一级汉字, ≈99.7 % of running modern Chinese text).  Converted on the
  first use of the face (≈7 s for Noto Serif SC on a 2-core machine).
* ``b000``, ``b001``, …: the rest of the face's characters in code-point
  order, 64 per block (≈0.1–0.2 s each).  A block is converted the first time a
  text needs one of its characters.

The split depends only on the face's cmap, so every process agrees on it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..text import is_han

BLOCK = 64


@lru_cache(maxsize=1)
def gb2312_level1() -> frozenset[int]:
    """The 3,755 level-1 hanzi of GB2312 (rows 16–55)."""
    out = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes((hi, lo)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return frozenset(out)


@dataclass(frozen=True)
class Plan:
    """The parts of one face: name → code points, and code point → part name."""

    parts: dict[str, frozenset[int]]
    owner: dict[int, str]

    def part_of(self, cp: int) -> str | None:
        return self.owner.get(cp)

    def parts_for(self, cps) -> list[str]:
        """The part names needed to draw ``cps`` (in plan order)."""
        need = {self.owner[c] for c in cps if c in self.owner}
        return [p for p in self.parts if p in need]


def plan(cmap_keys) -> Plan:
    """Split a face's code points into ``core`` + numbered blocks."""
    level1 = gb2312_level1()
    core, rest = [], []
    for cp in sorted(cmap_keys):
        (core if (not is_han(chr(cp)) or cp in level1) else rest).append(cp)
    parts = {"core": frozenset(core)}
    for i in range(0, len(rest), BLOCK):
        parts[f"b{i // BLOCK:03d}"] = frozenset(rest[i:i + BLOCK])
    owner = {cp: name for name, cps in parts.items() for cp in cps}
    return Plan(parts=parts, owner=owner)
