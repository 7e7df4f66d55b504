"""Limits that keep hostile or accidental input from exhausting memory or time.

Each limit has a default, an environment variable, and can be passed as a
parameter (``Limits(max_bytes=...)``).  See docs/errors.md.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from ..errors import UsageError

ENV = {
    "max_bytes": "REPORTGEN_MAX_DATA_BYTES",
    "max_aliases": "REPORTGEN_MAX_YAML_ALIASES",
    "max_alias_nodes": "REPORTGEN_MAX_YAML_ALIAS_NODES",
    "max_depth": "REPORTGEN_MAX_DATA_DEPTH",
}


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * 1024 * 1024  # size of one data file
    max_aliases: int = 1000  # alias references resolved in one YAML file (nested ones count)
    max_alias_nodes: int = 100_000  # values produced by expanding aliases in one YAML file
    max_depth: int = 100  # nesting of mappings and lists

    @classmethod
    def from_env(cls, **overrides: int | None) -> "Limits":
        """Defaults, overridden by the environment, overridden by parameters."""
        values: dict[str, int] = {}
        for name, var in ENV.items():
            raw = os.environ.get(var)
            if raw is not None and raw.strip():
                try:
                    values[name] = int(raw.replace("_", "").strip())
                except ValueError:
                    raise UsageError(f"{var}={raw!r} is not a whole number") from None
                if values[name] <= 0:
                    raise UsageError(f"{var} must be positive, not {raw}")
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def human_bytes(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)
