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


@pytest.fixture(scope="session")
def sample_project(tmp_path_factory) -> Path:
    """A copy of the bundled sample project (reportgen.yaml, data/, templates/)."""
    dst = tmp_path_factory.mktemp("sample")
    shutil.copy(ROOT / "reportgen.yaml", dst)
    shutil.copytree(ROOT / "data", dst / "data")
    shutil.copytree(ROOT / "templates", dst / "templates")
    return dst


def needs(tool: str):
    return pytest.mark.skipif(shutil.which(tool) is None, reason=f"{tool} is not installed (apt-get install "
                              f"{'poppler-utils' if tool.startswith('pdf') else 'libreoffice-writer-nogui'})")
