"""生成全部: the whole build as a child process (``python -m reportgen build
-v``; no fork inside the web server), its progress read from the lines the
build prints, a cancel, and a zip of the output folder.

The child writes into a fresh folder of the session, so the zip holds
exactly this build's documents and its ``manifest.json``, named and foldered
as ``build`` names them.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

RUNNING, DONE, REFUSED, CANCELLED, BROKEN = "running", "done", "refused", "cancelled", "broken"
SUMMARY = re.compile(r"^(\d+) built, (\d+) skipped, (\d+) failed")


@dataclass
class Progress:
    done: int = 0  # documents finished, built or failed
    built: int = 0
    total: int = 0
    last: str = ""  # the latest document built
    failed: int = 0  # documents or records that failed (from the build's summary)
    errors: list[str] = field(default_factory=list)  # the build's "error: …" lines, without the prefix
    output: list[str] = field(default_factory=list)  # every other line


class BuildRun:
    """One run of ``reportgen build`` for a session; ``status`` is RUNNING
    until the child ends: DONE (documents built, some may have failed),
    REFUSED (the build's check found problems and built nothing: run again
    with ``keep_going`` to build the other records), CANCELLED, or BROKEN."""

    def __init__(self, command: list[str], out_dir: Path, zip_path: Path, total: int,
                 names: dict[str, str] | None = None):
        self.command = command
        self.names = names or {}  # paths in the build's messages → what the clerk calls them
        self.out_dir = out_dir
        self.zip_path = zip_path
        self.progress = Progress(total=total)
        self.status = RUNNING
        self.returncode: int | None = None
        self.started = time.monotonic()
        self.seconds = 0.0
        self.changed = threading.Condition()
        self._cancel = False
        env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONUNBUFFERED="1")
        src = str(Path(__file__).resolve().parents[2])  # the reportgen this server runs
        env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, env=env, cwd=str(out_dir.parent))
        self._reader = threading.Thread(target=self._read, name="reportgen-build", daemon=True)
        self._reader.start()

    @property
    def finished(self) -> bool:
        return self.status != RUNNING

    def cancel(self) -> None:
        """Stop the child (a build stops at once: running documents finish, nothing new starts)."""
        self._cancel = True
        if self.proc.poll() is None:
            self.proc.terminate()

    def wait(self, timeout: float | None = None) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.finished, timeout)

    def snapshot(self) -> tuple[int, Progress, str]:
        """(a counter that grows with every change, the progress, the status)."""
        with self.changed:
            p = self.progress
            return (p.done + len(p.errors) + len(p.output) + (self.status != RUNNING),
                    replace(p, errors=list(p.errors), output=list(p.output)), self.status)

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip()
            for path, name in self.names.items():
                line = line.replace(path, name)
            with self.changed:
                p = self.progress
                if line.startswith("built "):
                    p.done += 1
                    p.built += 1
                    p.last = line[len("built "):]
                elif line.startswith("FAILED "):  # the summary lists it again as an error line
                    p.done += 1
                elif line.startswith("error: "):
                    if line[len("error: "):] not in p.errors:
                        p.errors.append(line[len("error: "):])
                elif SUMMARY.match(line):
                    p.failed = int(SUMMARY.match(line).group(3))
                    p.output.append(line)
                elif line:
                    p.output.append(line)
                self.changed.notify_all()
        try:
            returncode = self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            returncode = self.proc.wait()
        nothing = any(line.startswith("nothing built") for line in self.progress.output)
        status = (CANCELLED if self._cancel else DONE if returncode == 0 or (returncode == 1 and not nothing)
                  else REFUSED if returncode == 1 else BROKEN)
        if status == DONE:
            try:
                zip_output(self.out_dir, self.zip_path)
            except OSError as exc:
                status = BROKEN
                self.progress.output.append(f"cannot write the zip: {exc}")
        with self.changed:
            self.returncode, self.status = returncode, status
            self.seconds = time.monotonic() - self.started
            self.changed.notify_all()


def build_command(project_dir: Path, out_dir: Path, keep_going: bool = False) -> list[str]:
    """``keep_going``: build the records without problems when others have some."""
    return [sys.executable, "-m", "reportgen", "build", "--project", str(project_dir), "--out", str(out_dir), "-v",
            *(["--keep-going"] if keep_going else [])]


def zip_output(out_dir: Path, zip_path: Path) -> list[str]:
    """Every document and manifest.json under ``out_dir`` (not the hidden
    ``.reportgen`` folder or journal) into ``zip_path``; returns the names."""
    names = []
    part = zip_path.with_name(zip_path.name + ".part")
    with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(out_dir.rglob("*")):
            rel = path.relative_to(out_dir)
            if path.is_file() and not any(p.startswith(".") for p in rel.parts):
                zf.write(path, rel.as_posix())
                names.append(rel.as_posix())
    part.replace(zip_path)
    return names
