"""Records against a template's JSON Schema (``schema.yaml``), with messages
that name the file, line, column, record and field, and say what to write.

    data/districts/dongxihu.yaml:14:12: sections[0].facts[2].value: '600余' is not a number (write 600 and approx: true)
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
from jsonschema.exceptions import SchemaError, ValidationError

from ..diagnostics import Diagnostic
from ..errors import ConfigError, DataError
from .fieldpath import format_path, join
from .load import Record, load_records

TYPE_NAMES = {"number": "a number", "integer": "a whole number", "string": "text", "boolean": "true or false",
              "object": "a mapping (key: value lines)", "array": "a list", "null": "empty (null)"}
_APPROX = ("余", "多", "左右", "以上", "上下", "约", "近", "超", "逾", "+", "＋")
_LEADING_NUMBER = re.compile(r"^\s*(约|近|超过|超|逾|共)?\s*([0-9０-９][0-9０-９,，]*(?:\.[0-9]+)?)\s*(.*)$")


def load_schema(path: Path | str) -> dict:
    """A template's schema (YAML or JSON), checked against its meta-schema,
    with every ``$ref`` resolved up front (see ``_check_refs``)."""
    path = Path(path).resolve()
    schema, rec = _schema_file(path)
    _check_refs(schema, rec, path, _ref_root(path), set())
    return schema


def _schema_file(path: Path) -> tuple[dict, Record]:
    try:
        recs = load_records(path)
    except DataError as exc:
        raise ConfigError(exc.diagnostics) from None
    if len(recs) != 1:
        raise ConfigError("a schema must be one mapping", file=str(path))
    schema = recs[0].values
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except SchemaError as exc:
        where = format_path(exc.absolute_path)
        line, col = recs[0].where(where)
        raise ConfigError(f"{where or '(root)'}: not a valid JSON Schema: {exc.message}",
                          file=str(path), line=line, col=col) from None
    return schema, recs[0]


def _ref_root(path: Path) -> Path:
    """The folder ``$ref`` files must lie in: the project (the nearest folder
    above the schema with a reportgen.yaml), else the schema's own folder."""
    for folder in path.parents:
        if (folder / "reportgen.yaml").is_file():
            return folder
    return path.parent


def _check_refs(schema: dict, rec: Record, path: Path, root: Path, seen: set) -> None:
    """Every ``$ref`` of ``schema`` points inside it (``#/$defs/…``) or to a
    file inside ``root`` whose fragment exists; URLs and paths outside are
    refused, never fetched.  The first bad reference is a ConfigError at its line."""
    seen.add(path)
    for where, ref in _refs(schema, ""):
        line, col = rec.where(where)
        file, _, fragment = ref.partition("#")
        target_schema, target = schema, path
        problem = None
        if urlsplit(file).scheme or file.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", file):
            problem = ("refers to a URL or an absolute path, which reportgen never fetches",
                       "copy that schema into the project and refer to it by a relative path, e.g. common.yaml#/$defs/x")
        elif file:
            target = (path.parent / file).resolve()
            if not target.is_relative_to(root):
                problem = (f"refers to a file outside the project ({file})",
                           "keep referenced schemas inside the project folder")
            elif not target.is_file():
                problem = (f"refers to {file}, which does not exist", "paths are relative to the schema file")
            else:
                target_schema, target_rec = _schema_file(target)
                if target not in seen:
                    _check_refs(target_schema, target_rec, target, root, seen)
        if problem is None and fragment and _pointer(target_schema, fragment) is None:
            problem = (f"refers to #{fragment}, which is not in {target.name}",
                       "point at a key that exists, e.g. #/$defs/name")
        if problem:
            raise ConfigError(f"{where}: {ref!r} {problem[0]}", file=str(path), line=line, col=col, hint=problem[1])


def _refs(node: Any, where: str):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield join(where, key), value
            else:
                yield from _refs(value, join(where, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _refs(value, join(where, i))


def _pointer(schema: Any, fragment: str) -> Any:
    """The part of ``schema`` a JSON pointer (``/$defs/x``) names; None when missing."""
    cur = schema
    for part in fragment.lstrip("/").split("/") if fragment.strip("/") else ():
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(cur, dict) and part in cur:
            cur = cur[part]
        elif isinstance(cur, list) and part.isdigit() and int(part) < len(cur):
            cur = cur[int(part)]
        else:
            return None
    return cur


@lru_cache(maxsize=32)
def _validator(path: str, mtime: float):
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    schema = load_schema(path)
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    base = Path(path).resolve()

    def retrieve(uri: str):  # only files _check_refs has already accepted
        return Resource.from_contents(_schema_file(Path(urlsplit(uri).path))[0], default_specification=DRAFT202012)

    return cls({**schema, "$id": base.as_uri()}, registry=Registry(retrieve=retrieve),
               format_checker=cls.FORMAT_CHECKER)


def validator_for(path: Path | str):
    p = Path(path)
    try:
        mtime = p.stat().st_mtime
    except OSError:
        raise ConfigError("schema file not found", file=str(p)) from None
    return _validator(str(p), mtime)


def as_json(value: Any) -> Any:
    """The record as JSON would hold it: dates as ISO text (so ``format: date`` applies)."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def check_record(record: Record, schema_path: Path | str) -> list[Diagnostic]:
    """Every schema violation of ``record``, in field order."""
    validator = validator_for(schema_path)
    errors = sorted(validator.iter_errors(as_json(record.values)),
                    key=lambda e: (record.where(format_path(e.absolute_path))[0] or 0, list(map(str, e.absolute_path))))
    return [diagnose(record, e) for e in errors]


def diagnose(record: Record, error: ValidationError) -> Diagnostic:
    path = format_path(error.absolute_path)
    message, hint, at = explain(error)
    where = join(path, at) if at is not None else path
    line, col = record.where(where)
    return Diagnostic(f"{where}: {message}" if where else message, file=record.source, line=line, col=col,
                      record=record.name, hint=hint)


def explain(error: ValidationError) -> tuple[str, str | None, str | None]:
    """(message, hint, child key the message is about) for a jsonschema error."""
    kind, value, expected = error.validator, error.instance, error.validator_value
    if kind == "type":
        types = expected if isinstance(expected, list) else [expected]
        want = " or ".join(TYPE_NAMES.get(t, t) for t in types)
        if value is None:
            return f"is empty, but {want} is expected", "fill in the value", None
        if isinstance(value, str) and {"number", "integer"} & set(types):
            return f"{value!r} is not a number", number_hint(value), None
        return f"{_show(value)} is not {want}", None, None
    if kind == "required":
        missing = [k for k in expected if isinstance(error.instance, dict) and k not in error.instance]
        # jsonschema makes one error per missing key: "'key' is a required property"
        key = next((k for k in missing if error.message.startswith(f"{k!r} ")), missing[0] if missing else "?")
        return f"missing required key {key!r}", f"add '{key}: …'", None
    if kind == "additionalProperties" and isinstance(value, dict):
        known = set((error.schema.get("properties") or {}))
        extra = [k for k in value if k not in known]
        hint = f"known keys: {', '.join(sorted(known))}" if known else None
        if not extra:
            return error.message, hint, None
        return f"unknown key{'s' if len(extra) > 1 else ''} {', '.join(map(repr, extra))}", hint, extra[0]
    if kind == "enum":
        return f"{_show(value)} is not one of {', '.join(map(_show, expected))}", None, None
    if kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        return f"{_show(value)} is out of range ({kind} {expected})", None, None
    if kind == "minItems":
        return f"needs at least {expected} item(s), has {len(value)}", None, None
    if kind == "minLength" and value == "":
        return "is empty", "fill in the text", None
    if kind == "format":
        return f"{_show(value)} is not a valid {expected}", "write dates as 2021-10-25" if "date" in expected else None, None
    return error.message, None, None


def number_hint(text: str) -> str:
    """What to write instead of ``'600余'``, ``'约1,060'``, ``'600人'``."""
    m = _LEADING_NUMBER.match(text)
    if not m:
        return "write digits only, e.g. 600"
    prefix, digits, rest = m.groups()
    digits = digits.translate(str.maketrans("０１２３４５６７８９", "0123456789")).replace(",", "").replace("，", "")
    rest = rest.strip()
    approx = bool(prefix and prefix != "共") or any(rest.startswith(a) for a in _APPROX)
    if approx:
        return f"write {digits} and approx: true"
    if rest in ("%", "％"):
        return f"write the number without %: {digits} (or the fraction, and print it with | percent)"
    if rest:
        return f"write {digits} and put {rest!r} in the unit field"
    return f"write {digits} (digits only, no separators)"


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"
