"""``output/manifest.json``: every document built, with its inputs' hash.

The manifest is rewritten atomically at the end of a build.  While a build
runs, each finished document is appended as one JSON line to a journal
(``output/.manifest.journal``); a build that is killed leaves the journal
behind and the next build replays it, so no finished document is lost and
none is rebuilt for nothing.  Appending a line per document keeps the cost
of recording flat however many documents a build has.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from ..version import __version__
from ..iofs import atomic_write
from .inputs import sha256_file

MANIFEST = "manifest.json"
JOURNAL = ".manifest.journal"


class Manifest:
    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.entries: dict[str, dict] = {}
        self._journal = None

    @property
    def path(self) -> Path:
        return self.out_dir / MANIFEST

    @property
    def journal_path(self) -> Path:
        return self.out_dir / JOURNAL

    @classmethod
    def load(cls, out_dir: Path) -> "Manifest":
        m = cls(out_dir)
        try:
            data = json.loads(m.path.read_text(encoding="utf-8"))
            for e in data.get("documents", []):
                if isinstance(e, dict) and "path" in e:
                    m.entries[e["path"]] = e
        except (OSError, ValueError, AttributeError):
            pass  # no manifest or an unreadable one: everything counts as new
        m._replay()
        return m

    def _replay(self) -> None:
        try:
            lines = self.journal_path.read_text(encoding="utf-8").splitlines()
        except OSError:
            return
        for line in lines:
            try:
                e = json.loads(line)
            except ValueError:
                continue  # the last line of a killed build may be cut short
            if isinstance(e, dict) and "path" in e:
                self.entries[e["path"]] = e

    def record(self, entry: dict) -> None:
        """Note one finished (or failed) document, durably enough to survive a kill."""
        self.entries[entry["path"]] = entry
        if self._journal is None:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            self._journal = open(self.journal_path, "a", encoding="utf-8")
        self._journal.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._journal.flush()

    def is_current(self, rel: str, input_hash: str) -> bool:
        """True when ``rel`` was built from exactly these inputs and the file
        on disk is still the one built (size and time, else its sha256)."""
        e = self.entries.get(rel)
        if not e or e.get("status") not in ("built", "skipped") or e.get("input_hash") != input_hash:
            return False
        try:
            st = os.stat(self.out_dir / rel)
        except OSError:
            return False
        if st.st_size != e.get("bytes"):
            return False
        if st.st_mtime_ns == e.get("mtime_ns"):
            return True
        return sha256_file(self.out_dir / rel) == e.get("sha256")

    def save(self, project_name: str) -> None:
        """Write manifest.json atomically and drop the journal."""
        docs = sorted(self.entries.values(), key=lambda e: e["path"])
        data = {"reportgen": __version__, "project": project_name,
                "written": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "documents": docs}
        text = json.dumps(data, ensure_ascii=False, indent=1)
        atomic_write(self.path, text.encode("utf-8"))
        self.close()
        try:
            self.journal_path.unlink()
        except OSError:
            pass

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None
