"""Helpers shared by tests (import as ``from helpers import …``)."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args, cwd=None, timeout=600):
    """Run ``python -m reportgen ARGS`` as a user would; return the CompletedProcess."""
    return subprocess.run([sys.executable, "-m", "reportgen", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


def needs(tool: str):
    package = "poppler-utils" if tool.startswith("pdf") else "libreoffice-writer-nogui"
    return pytest.mark.skipif(shutil.which(tool) is None,
                              reason=f"{tool} is not installed (apt-get install {package})")
