"""Helpers of the ``reportgen serve`` tests (fixtures are in conftest.py):
sheets written with openpyxl, the serve extra and Chromium found or the test
failed (CI) or skipped (elsewhere), the real server as a subprocess."""
from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).parent / "project"
TOKEN = "test-token-0123456789"
HEADER = ["district", "lectures", "people", "report_date", "approach"]
GOOD = [
    ["东湖区", 120, 36000, dt.date(2021, 10, 30), "集中宣讲"],
    ["西山县", 86, 21500, dt.date(2021, 10, 29), "进村入户"],
    ["南港区", 64, 18800, dt.date(2021, 10, 28), "线上课堂"],
    ["北塘区", 97, 25400, dt.date(2021, 10, 27), "送学上门"],
]
GOOD_NAMES = [row[0] for row in GOOD]
BAD = [GOOD[0], ["西山县", "86场", 21500, dt.date(2021, 10, 29), "进村入户"], *GOOD[2:]]  # B3 holds text
BAD_CELL = "B3"


def need(module: str):
    """Import ``module``: in CI a missing one fails the test, elsewhere it skips."""
    try:
        return importlib.import_module(module)
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail(f"{module} is not installed; CI installs it with pip install -e '.[test]'")
        pytest.skip(f"{module} is not installed (pip install 'reportgen[serve]')")


def need_serve() -> None:
    for module in ("starlette", "uvicorn", "python_multipart", "pypdfium2", "httpx"):
        need(module)


def chromium() -> str:
    """Debian's chromium (or REPORTGEN_CHROMIUM); fails in CI when missing, skips elsewhere."""
    need("playwright.sync_api")
    for name in (os.environ.get("REPORTGEN_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        found = name and shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("Chromium is not installed: .ci/run installs it with apt-get install chromium")
    pytest.skip("Chromium is not installed (apt-get install chromium, or set REPORTGEN_CHROMIUM)")


def copy_project(dst: Path) -> Path:
    shutil.copytree(PROJECT, dst)
    return dst


def write_sheet(path: Path, rows: list[list]) -> Path:
    openpyxl = need("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "各区"
    for row in [HEADER, *rows]:
        ws.append(row)
    wb.save(path)
    return path


def digest_tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` → its sha256 (to show a folder was not written)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class Server:
    """``python -m reportgen serve --project DIR --port 0 --no-browser``, its URL read from its first line."""

    def __init__(self, project: Path, *args: str):
        env = dict(os.environ, PYTHONIOENCODING="utf-8")
        src = str(Path(__file__).resolve().parents[2] / "src")
        env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
        self.proc = subprocess.Popen([sys.executable, "-m", "reportgen", "serve", "--project", str(project),
                                      "--port", "0", "--no-browser", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        self.first_line = self.proc.stdout.readline().decode("utf-8").rstrip("\r\n")
        m = re.fullmatch(r"Serving .+ on (http://127\.0\.0\.1:(\d+)/\?token=(\S+))", self.first_line)
        if not m:
            self.stop()
            raise AssertionError(f"unexpected first line {self.first_line!r}: {self.proc.stderr.read()!r}")
        self.url, self.port, self.token = m.group(1), int(m.group(2)), m.group(3)
        self.base = f"http://127.0.0.1:{self.port}"

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            return self.proc.wait(timeout=30)
        finally:
            self.proc.stdout.close()
            self.proc.stderr.close()
