"""Progress while building: a rich progress bar on a terminal, nothing
(or one line per document with ``--verbose``) otherwise."""
from __future__ import annotations

import os
import sys


def interactive(stream=None) -> bool:
    stream = stream or sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("CI") \
        and os.environ.get("TERM") != "dumb"


class Reporter:
    """``start(total, skipped)``, ``advance(job, outcome)`` per document, ``stop()``."""

    def __init__(self, quiet: bool = False, verbose: bool = False, stream=None):
        self.quiet = quiet
        self.verbose = verbose
        self.stream = stream or sys.stderr
        self._progress = None
        self._task = None

    def start(self, total: int, skipped: int) -> None:
        if self.quiet or total == 0 or not interactive(self.stream):
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(),
                                  TimeRemainingColumn(), TextColumn("{task.fields[last]}"),
                                  console=Console(file=self.stream), transient=True)
        self._progress.start()
        self._task = self._progress.add_task("build", total=total, last="")

    def advance(self, job, outcome) -> None:
        if not outcome.ok and (self.verbose or self._progress is not None):
            self.say(f"FAILED {job.label}: {outcome.message}")  # the summary lists them all again
        elif self.verbose and not self.quiet:
            self.say(f"built {job.rel}")
        if self._progress is not None:
            self._progress.update(self._task, advance=1, last=job.rel[-40:])

    def say(self, text: str) -> None:
        if self._progress is not None:
            self._progress.console.print(text, markup=False, highlight=False)
        else:
            print(text, file=self.stream, flush=True)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
