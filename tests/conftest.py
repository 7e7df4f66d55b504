import shutil
from pathlib import Path

import pytest

from helpers import ROOT


@pytest.fixture(scope="session")
def sample_project(tmp_path_factory) -> Path:
    """A copy of the bundled sample project (reportgen.yaml, data/, templates/)."""
    dst = tmp_path_factory.mktemp("sample")
    shutil.copy(ROOT / "reportgen.yaml", dst)
    shutil.copytree(ROOT / "data", dst / "data")
    shutil.copytree(ROOT / "templates", dst / "templates")
    return dst
