"""reportgen watch: a real process watching a real folder — a change to a
data file rebuilds that document; a broken template is reported and watching
goes on; Ctrl-C stops it."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from docx import Document

from reportgen.cli import main


def _wait(predicate, seconds: float = 90.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _text(path: Path) -> str:
    try:
        return "\n".join(p.text for p in Document(path).paragraphs)
    except Exception:  # noqa: BLE001 - being written; try again
        return ""


def test_watch_rebuilds_what_a_change_affects_and_survives_mistakes(tmp_path):
    root = tmp_path / "p"
    assert main(["init", str(root), "--template", "briefing"]) == 0
    out = root / "output" / "briefing" / "南湖区.docx"
    log = open(tmp_path / "watch.log", "w+", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "reportgen", "watch", "--format", "docx", "--jobs", "1"],
                            cwd=root, stdout=log, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert _wait(out.exists), (tmp_path / "watch.log").read_text(encoding="utf-8")
        other = root / "output" / "briefing" / "北山县.docx"
        other_mtime = other.stat().st_mtime_ns
        data = root / "data" / "districts" / "nanhu.yaml"
        data.write_text(data.read_text(encoding="utf-8").replace("南湖区", "南湖新区"), encoding="utf-8")
        new = root / "output" / "briefing" / "南湖新区.docx"
        assert _wait(lambda: "南湖新区" in _text(new)), (tmp_path / "watch.log").read_text(encoding="utf-8")
        assert other.stat().st_mtime_ns == other_mtime  # only what the change affects is rebuilt
        tpl = root / "templates" / "briefing" / "briefing.md.j2"
        good = tpl.read_text(encoding="utf-8")
        tpl.write_text(good + "\n{% if %}\n", encoding="utf-8")
        assert _wait(lambda: "Expected an expression" in (tmp_path / "watch.log").read_text(encoding="utf-8"))
        tpl.write_text(good.replace("供各地学习借鉴", "供各地参考"), encoding="utf-8")
        assert _wait(lambda: "供各地参考" in _text(new)), (tmp_path / "watch.log").read_text(encoding="utf-8")
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=30)
        log.close()
    assert proc.returncode == 130
