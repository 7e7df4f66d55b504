"""YAML (and JSON) text → Python values with the line and column of every
value, refusing duplicate keys, alias bombs and runaway nesting.

The text is composed into a node tree (libyaml when available) and the tree
is walked here instead of by PyYAML's constructor, so that positions are
kept, duplicates are seen, and alias expansion is counted as it happens.
"""
from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import DataError
from .fieldpath import join
from .limits import Limits

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
MERGE_TAG = "tag:yaml.org,2002:merge"
BINARY_TAG = "tag:yaml.org,2002:binary"
SCALAR_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}

_HINTS = {
    "found character '\\t' that cannot start any token": "indent with spaces, not tabs",
    "could not find expected ':'": "each line needs 'key: value'; check for a missing colon or an unclosed quote",
    "found undefined alias": "an *alias needs a matching &anchor earlier in the file",
    "expected a single document in the stream": "put one record per file, or a list of records under one document",
    "mapping values are not allowed": "quote values that contain ': ' (e.g. \"时间: 上午\")",
    "found unexpected end of stream": "a quote or bracket is not closed",
    "did not find expected alphabetic or numeric character": "a value that starts with * or & must be quoted, "
                                                             "e.g. '*.yaml'",
}


def yaml_error(exc: yaml.YAMLError, source: str, text: str | None = None) -> DataError:
    """A PyYAML error as a DataError at the problem's line and column."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if text is not None and mark is not None and problem.startswith("found character that cannot"):
        lines = text.splitlines()
        line = lines[mark.line] if mark.line < len(lines) else ""
        if mark.column < len(line):
            problem = f"found character {line[mark.column]!r} that cannot start any token"
    context = getattr(exc, "context", None)
    message = f"not valid YAML: {problem}"
    if context and context not in problem:
        message += f" ({context})"
    hint = next((h for k, h in _HINTS.items() if problem.startswith(k)), None)
    return DataError(message, file=source, line=mark.line + 1 if mark else None,
                     col=mark.column + 1 if mark else None, hint=hint)


def compose(text: str, source: str) -> Node | None:
    """The node tree of a single-document YAML text (None when empty)."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise yaml_error(exc, source, text) from None
    except RecursionError:
        raise DataError("not valid YAML: nested too deeply", file=source) from None


def where(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class Builder:
    """Walks node trees into plain dicts, lists and scalars.  Limits are
    counted over every tree one Builder walks (i.e. per file)."""

    def __init__(self, source: str, limits: Limits, keys: bool = False):
        self.source = source
        self.keys = keys  # positions of keys (configuration files) instead of values (data)
        self.limits = limits
        self.ctor = yaml.constructor.SafeConstructor()
        self.seen: set[int] = set()
        self.active: set[int] = set()
        self.aliases = 0
        self.alias_nodes = 0
        self.positions: dict[str, tuple[int, int]] = {}

    def build(self, node: Node, positions: dict | None = None) -> Any:
        self.positions = positions if positions is not None else {}
        return self._node(node, "", 0, False)

    def _error(self, node: Node, message: str, hint: str | None = None) -> DataError:
        line, col = where(node)
        return DataError(message, file=self.source, line=line, col=col, hint=hint)

    def _node(self, node: Node, path: str, depth: int, in_alias: bool) -> Any:
        nid = id(node)
        if nid in self.active:
            raise self._error(node, f"{path or '(root)'}: an alias refers to itself (recursive data)")
        is_alias = nid in self.seen  # built once already: we came here through an *alias
        in_alias = in_alias or is_alias
        if in_alias:
            self._count_alias(node, is_alias)
        self.seen.add(nid)
        if depth > self.limits.max_depth:
            raise self._error(node, f"{path or '(root)'}: nested more than {self.limits.max_depth} levels deep",
                              hint="raise REPORTGEN_MAX_DATA_DEPTH if this is intended")
        self.positions.setdefault(path, where(node))
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        self.active.add(nid)
        try:
            if isinstance(node, SequenceNode):
                self._check_tag(node, SEQ_TAG, path)
                return [self._node(item, join(path, i), depth + 1, in_alias) for i, item in enumerate(node.value)]
            self._check_tag(node, MAP_TAG, path)
            return self._mapping(node, path, depth, in_alias)
        finally:
            self.active.discard(nid)

    def _count_alias(self, node: Node, is_alias_root: bool) -> None:
        if is_alias_root:
            self.aliases += 1
            if self.aliases > self.limits.max_aliases:
                raise self._error(node, f"too many alias references (more than {self.limits.max_aliases})",
                                  hint="a YAML 'billion laughs' bomb? raise REPORTGEN_MAX_YAML_ALIASES if intended")
        self.alias_nodes += 1
        if self.alias_nodes > self.limits.max_alias_nodes:
            raise self._error(node, f"aliases expand to too many values (more than {self.limits.max_alias_nodes:,})",
                              hint="a YAML 'billion laughs' bomb? raise REPORTGEN_MAX_YAML_ALIAS_NODES if intended")

    def _check_tag(self, node: Node, expected: str, path: str) -> None:
        if node.tag != expected:
            raise self._error(node, f"{path or '(root)'}: the tag {node.tag} is not supported",
                              hint="remove the '!' tag; plain mappings and lists only")

    def _scalar(self, node: ScalarNode, path: str) -> Any:
        if node.tag == BINARY_TAG:
            raise self._error(node, f"{path or '(root)'}: binary (!!binary) values are not supported")
        if node.tag not in SCALAR_TAGS:
            raise self._error(node, f"{path or '(root)'}: the tag {node.tag} is not supported",
                              hint="remove the '!' tag; tags such as !!python/... are not allowed in data")
        try:
            value = self.ctor.construct_object(node)
        except yaml.YAMLError as exc:
            err = yaml_error(exc, self.source)
            raise DataError(f"{path or '(root)'}: {err.diagnostic.message.replace('not valid YAML: ', '')}",
                            file=self.source, line=where(node)[0], col=where(node)[1],
                            hint="tags such as !!python/... are not allowed in data") from None
        except (ValueError, TypeError, OverflowError) as exc:
            what = "date" if node.tag.endswith("timestamp") else node.tag.rsplit(":", 1)[-1]
            raise self._error(node, f"{path or '(root)'}: {node.value!r} is not a valid {what} ({exc})",
                              hint="write dates as 2021-10-25" if what == "date" else None) from None
        return value

    def _mapping(self, node: MappingNode, path: str, depth: int, in_alias: bool) -> dict:
        out: dict = {}
        merged: dict = {}
        first: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                for key, value in self._merge(value_node, path, depth, in_alias).items():
                    merged.setdefault(key, value)
                continue
            if not isinstance(key_node, ScalarNode):
                raise self._error(key_node, f"{path or '(root)'}: a key must be plain text, not a "
                                  f"{'list' if isinstance(key_node, SequenceNode) else 'mapping'}")
            key = key_node.value
            if key in first:
                (l1, c1), (l2, c2) = where(first[key]), where(key_node)
                both = f"lines {l1} and {l2}" if l1 != l2 else f"line {l1}, columns {c1} and {c2}"
                raise self._error(key_node, f"{join(path, key)}: duplicate key {key!r} ({both})",
                                  hint="only one would be kept silently; remove or rename one")
            first[key] = key_node
            child = join(path, key)
            self.positions[child] = where(key_node if self.keys else value_node)
            out[key] = self._node(value_node, child, depth + 1, in_alias)
        return {**merged, **out} if merged else out

    def _merge(self, node: Node, path: str, depth: int, in_alias: bool) -> dict:
        sources = node.value if isinstance(node, SequenceNode) else [node]
        result: dict = {}
        for src in sources:
            value = self._node(src, path, depth, in_alias)
            if not isinstance(value, dict):
                raise self._error(src, f"{path or '(root)'}: '<<' must merge a mapping")
            for key, item in value.items():
                result.setdefault(key, item)
        return result


def read_mapping(path, what: str, positions: dict | None = None) -> dict:
    """A configuration file (reportgen.yaml, template.yaml, a theme) → its
    top-level mapping, with the checks data files get (duplicate keys, alias
    bombs, a line and column for every error), raised as ConfigError.
    ``positions``, when given, receives the (line, column) of every key by
    its dotted path (``elements.masthead.rule_gap``)."""
    from ..errors import ConfigError
    from .limits import Limits

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {what}: {exc}", file=str(path), hint="save it as UTF-8 text") from None
    try:
        root = compose(text, str(path))
        value = Builder(str(path), Limits.from_env(), keys=True).build(root, positions) if root is not None else {}
    except DataError as exc:
        raise ConfigError(exc.diagnostics) from None
    if not isinstance(value, dict):
        raise ConfigError(f"{what} must be a YAML mapping ('key: value' lines)", file=str(path))
    return value
