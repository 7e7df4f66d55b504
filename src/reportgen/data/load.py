"""Data files → records.  (Minimal YAML/JSON version; see the data issue.)"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataError


@dataclass(frozen=True)
class Record:
    name: str  # how messages and output names refer to the record
    values: dict[str, Any]
    source: str  # data file (as given)
    line: int | None = None  # line of the record in the source (lists, tables)
    positions: dict = field(default_factory=dict, compare=False, repr=False)  # field path → (line, col)

    def where(self, path: str | None = None) -> tuple[int | None, int | None]:
        """(line, col) of a field path like ``sections[0].facts[2].value``."""
        if path and path in self.positions:
            return self.positions[path]
        return (self.line, None)


def load_mapping(path: Path) -> dict:
    """A data file whose root is one mapping (e.g. shared data)."""
    recs = load_records(path)
    if len(recs) != 1:
        raise DataError(f"expected one mapping, found {len(recs)} records", file=str(path))
    return recs[0].values


def load_records(path: Path) -> list[Record]:
    """One record per file (a mapping) or a list of records (a list of mappings)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", file=str(path),
                        hint="save the file as UTF-8") from None
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror}", file=str(path)) from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else getattr(exc, "lineno", None)
        col = mark.column + 1 if mark else getattr(exc, "colno", None)
        raise DataError(f"not valid {'JSON' if path.suffix == '.json' else 'YAML'}: "
                        f"{getattr(exc, 'problem', None) or getattr(exc, 'msg', exc)}",
                        file=str(path), line=line, col=col) from None
    if isinstance(data, dict):
        return [Record(name=path.stem, values=data, source=str(path))]
    if isinstance(data, list) and all(isinstance(x, dict) for x in data):
        return [Record(name=f"{path.stem}[{i}]", values=x, source=str(path)) for i, x in enumerate(data)]
    raise DataError("the file must hold a mapping (one record) or a list of mappings",
                    file=str(path), hint="write 'key: value' lines at the top level")
