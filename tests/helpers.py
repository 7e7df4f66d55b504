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


def soffice_to_pdf(docx: Path, outdir: Path) -> Path:
    """Convert ``docx`` with headless LibreOffice in a private profile.  A
    fresh machine has no Chinese fonts, so LibreOffice is shown the bundled
    Noto SC faces (through fontconfig), as a Word user would have real ones."""
    import os

    from reportgen.fonts import bundled_fonts

    conf = outdir / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf'
                    f'</include><dir>{bundled_fonts()["serif"].parent}</dir></fontconfig>', encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": str(outdir)}
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(outdir), str(docx)],
                   check=True, capture_output=True, timeout=180, env=env)
    return outdir / f"{docx.stem}.pdf"
