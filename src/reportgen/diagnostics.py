"""A Diagnostic says what is wrong, where, for which record, and what to do."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

AFFECTS_SHOWN = 6  # names listed after a problem before "and N more"


@dataclass(frozen=True)
class Diagnostic:
    message: str
    file: str | None = None
    line: int | None = None
    col: int | None = None
    record: str | None = None
    hint: str | None = None
    severity: str = "error"  # error / warning
    affects: tuple[str, ...] = ()  # the records or documents the problem stops (grouped messages)

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
        if self.affects:
            parts.append(f" [affects {names(self.affects)}]")
        return "".join(parts)


def names(items: Iterable[str], shown: int = AFFECTS_SHOWN) -> str:
    """``a, b, c and 4 more``: a list of names, cut short."""
    items = list(dict.fromkeys(items))
    if len(items) <= shown:
        return ", ".join(items)
    return f"{', '.join(items[:shown])} and {len(items) - shown} more"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``did you mean 'size'?`` for the closest choice, else ``known: a, b, c``."""
    choices = sorted(str(c) for c in choices)
    close = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return f"known: {', '.join(choices)}"
