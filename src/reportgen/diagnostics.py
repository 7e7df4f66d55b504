"""A Diagnostic says what is wrong, where, for which record, and what to do."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Diagnostic:
    message: str
    file: str | None = None
    line: int | None = None
    col: int | None = None
    record: str | None = None
    hint: str | None = None
    severity: str = "error"  # error / warning

    def location(self) -> str:
        if not self.file:
            return ""
        loc = self.file
        if self.line is not None:
            loc += f":{self.line}"
            if self.col is not None:
                loc += f":{self.col}"
        return loc

    def __str__(self) -> str:
        parts = []
        loc = self.location()
        if loc:
            parts.append(f"{loc}: ")
        if self.severity != "error":
            parts.append(f"{self.severity}: ")
        parts.append(self.message)
        if self.record and self.record not in self.message:
            parts.append(f" (record {self.record})")
        if self.hint:
            parts.append(f" ({self.hint})")
        return "".join(parts)
