"""Data files → records, with the position of every field.

YAML and JSON hold one record (a mapping) or a list of records; CSV, XLSX
and XLS hold a table, one record per row (sheets.py, sources.py).  Every problem is a DataError naming the file, line
and column; strings are cleaned of characters a DOCX cannot hold (with a
warning in ``Record.warnings``).  Limits: see limits.py and docs/errors.md.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..errors import DataError
from .fieldpath import parents
from .limits import Limits
from .sanitize import clean_values
from .text import decode_utf8, read_bytes
from .yamlsrc import Builder, compose, where

YAML_SUFFIXES = (".yaml", ".yml")
SHEET_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".xls")  # tables: see sheets.py
SUFFIXES = (*YAML_SUFFIXES, ".json", *SHEET_SUFFIXES)
JSON_POSITIONS_MAX_CHARS = 2_000_000


@dataclass(frozen=True)
class Record:
    name: str  # how messages and output names refer to the record
    values: dict[str, Any]
    source: str  # data file (as given)
    line: int | None = None  # line of the record in the source (lists, tables: row number)
    positions: dict = field(default_factory=dict, compare=False, repr=False)  # field path → (line, col)
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False, repr=False)

    def where(self, path: str | None = None) -> tuple[int | None, int | None]:
        """(line, col) of a field path like ``sections[0].facts[2].value``;
        for a path without a position (a missing key), its nearest parent's."""
        if path and path in self.positions:
            return self.positions[path]
        for parent in parents(path or ""):
            if parent and parent in self.positions:
                return self.positions[parent]
        return (self.line, None) if self.line is not None else self.positions.get("", (None, None))


def load_mapping(path: Path, limits: Limits | None = None) -> dict:
    """A data file whose root is one mapping (e.g. shared data)."""
    recs = load_records(path, limits)
    if len(recs) != 1:
        raise DataError(f"expected one mapping, found {len(recs)} records", file=str(path))
    return recs[0].values


def load_records(path: Path | str, limits: Limits | None = None, **limit_overrides: int) -> list[Record]:
    """One record per file (a mapping), a list of records (a list of
    mappings), or one record per table row.  Raises DataError."""
    path = Path(path)
    limits = limits or Limits.from_env(**limit_overrides)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DataError(f"unknown data file type {path.suffix or '(no extension)'!r}", file=str(path),
                        hint="use .yaml, .yml, .json, .csv, .xlsx or .xls")
    if suffix in SHEET_SUFFIXES:
        from .sources import read_sheet, table_records

        read_bytes(path, limits)  # size check before unzipping
        return table_records(read_sheet(path, limits=limits), path.stem)  # cleaned as the cells are read
    else:
        text = decode_utf8(read_bytes(path, limits), path)
        if suffix == ".json":
            records = _json_records(text, path, limits)
        else:
            records = _yaml_records(text, path, limits)
    return [_cleaned(r, limits) for r in records]


def record_from_values(values: Any, name: str, source: str = "<dict>") -> Record:
    """A record from values given in memory (a dict passed to ``reportgen.render``),
    checked and cleaned as a data file's record is."""
    if not isinstance(values, Mapping):
        raise DataError(f"the data must be a mapping (one record), not {_kind(values)}", file=source,
                        hint="pass a dict of the template's fields or the path of a data file")
    return _cleaned(Record(name, dict(values), source), Limits.from_env())


def _empty(path: Path) -> DataError:
    return DataError("the file is empty", file=str(path),
                     hint="write the record's fields as 'key: value' lines" if path.suffix != ".json" else None)


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing" if value is None else f"a single value ({value!r:.40})"


def _yaml_records(text: str, path: Path, limits: Limits) -> list[Record]:
    source = str(path)
    root = compose(text, source)
    if root is None:
        raise _empty(path)
    builder = Builder(source, limits)
    if root.tag == "tag:yaml.org,2002:seq" and hasattr(root, "value") and isinstance(root.value, list):
        records = []
        for i, node in enumerate(root.value):
            positions: dict = {}
            value = builder.build(node, positions)
            if not isinstance(value, dict):
                line, col = where(node)
                raise DataError(f"[{i}]: each record in the list must be a mapping, not {_kind(value)}",
                                file=source, line=line, col=col)
            records.append(Record(f"{path.stem}[{i}]", value, source, where(node)[0], positions))
        if not records:
            raise DataError("the file holds an empty list: no records", file=source, line=1)
        return records
    positions = {}
    value = builder.build(root, positions)
    if not isinstance(value, dict):
        line, col = where(root)
        raise DataError(f"the file must hold a mapping (one record) or a list of mappings, not {_kind(value)}",
                        file=source, line=line, col=col, hint="write 'key: value' lines at the top level")
    return [Record(path.stem, value, source, None, positions)]


class _DuplicateKey(Exception):
    pass


def _pairs(pairs: list) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def _json_records(text: str, path: Path, limits: Limits) -> list[Record]:
    source = str(path)
    if not text.strip():
        raise _empty(path)
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise DataError(f"not valid JSON: {exc.msg}", file=source, line=exc.lineno, col=exc.colno) from None
    except _DuplicateKey as exc:
        _json_positions(text, source, limits)  # raises with both lines when it can
        raise DataError(f"duplicate key {exc.args[0]!r}", file=source,
                        hint="JSON readers silently keep only the last one; remove or rename one") from None
    except (ValueError, RecursionError) as exc:
        msg = str(exc) if isinstance(exc, ValueError) else "nested too deeply"
        raise DataError(f"not valid JSON: {msg}", file=source) from None
    positions = _json_positions(text, source, limits)
    _check_depth(data, limits, source)
    if isinstance(data, dict):
        return [Record(path.stem, data, source, None, positions)]
    if isinstance(data, list) and data and all(isinstance(x, dict) for x in data):
        return [Record(f"{path.stem}[{i}]", x, source, positions.get(f"[{i}]", (None,))[0],
                       _under(positions, f"[{i}]")) for i, x in enumerate(data)]
    bad = next((i for i, x in enumerate(data) if not isinstance(x, dict)), None) if isinstance(data, list) else None
    line, col = positions.get(f"[{bad}]" if bad is not None else "", (None, None))
    what = "an empty list" if data == [] else _kind(data if bad is None else data[bad])
    raise DataError(f"the file must hold a mapping (one record) or a list of mappings, not {what}",
                    file=source, line=line, col=col)


def _json_positions(text: str, source: str, limits: Limits) -> dict:
    """Positions of a JSON text, read through the YAML composer (JSON is
    nearly YAML); empty when the composer disagrees with the text."""
    positions: dict = {}
    if len(text) > JSON_POSITIONS_MAX_CHARS:  # composing is slow; big files go without columns
        return positions
    try:
        root = compose(text, source)
        if root is not None:
            Builder(source, limits).build(root, positions)
    except DataError as exc:
        if "duplicate key" in exc.diagnostic.message:
            raise
        return {}
    return positions


def _under(positions: dict, prefix: str) -> dict:
    out = {}
    for path, pos in positions.items():
        if path == prefix:
            out[""] = pos
        elif path.startswith(prefix + ".") or path.startswith(prefix + "["):
            rest = path[len(prefix):]
            out[rest[1:] if rest.startswith(".") else rest] = pos
    return out


def _check_depth(value: Any, limits: Limits, source: str) -> None:
    stack = [(value, 0)]
    while stack:
        v, depth = stack.pop()
        if depth > limits.max_depth:
            raise DataError(f"nested more than {limits.max_depth} levels deep", file=source,
                            hint="raise REPORTGEN_MAX_DATA_DEPTH if this is intended")
        if isinstance(v, dict):
            stack.extend((x, depth + 1) for x in v.values())
        elif isinstance(v, list):
            stack.extend((x, depth + 1) for x in v)


def _cleaned(record: Record, limits: Limits) -> Record:
    _check_depth(record.values, limits, record.source)
    values, warnings = clean_values(record.values, record.where, record.source)
    if not warnings:
        return replace(record, values=values)
    warnings = [replace(w, record=record.name) for w in warnings]
    return replace(record, values=values, warnings=tuple(record.warnings) + tuple(warnings))
