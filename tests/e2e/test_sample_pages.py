"""Page counts of the bundled sample project: the manifest's figures are the
real ones, and LibreOffice paginates each DOCX as reportgen's PDF does."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import needs, run_cli, soffice_to_pdf

DISTRICTS = ["东西湖区", "临江区", "南湖区", "北山县"]
DOCX = ([f"summary-report/{d}.docx" for d in DISTRICTS] + [f"briefing/{d}.docx" for d in DISTRICTS]
        + ["district-overview.docx"])
# Measured with LibreOffice 7.4 (Debian 12): the PDF sets this briefing's 报尾
# on a page of its own (3 pages), LibreOffice fits it under the last
# article on page 2.  Every other sample document has the same page count.


@pytest.fixture(scope="module")
def built(sample_project: Path, tmp_path_factory) -> tuple[Path, dict[str, dict]]:
    out = tmp_path_factory.mktemp("sample-out")
    proc = run_cli("build", "--project", sample_project, "--format", "all", "--jobs", "2", "--out", out,
                   cwd=sample_project)
    assert proc.returncode == 0, proc.stderr
    docs = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]
    return out, {e["path"]: e for e in docs}


def app_pages(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        app = z.read("docProps/app.xml").decode()
    return int(app.split("<Pages>")[1].split("</Pages>")[0])


def test_manifest_pages_are_the_real_page_counts(built):
    out, docs = built
    assert sorted(p for p in docs if p.endswith(".docx")) == sorted(DOCX)
    for rel in DOCX:
        pdf = rel[:-len(".docx")] + ".pdf"
        real = len(PdfReader(out / pdf).pages)
        assert docs[pdf]["pages"] == real, pdf
        assert docs[rel]["pages"] == app_pages(out / rel) == real, rel
    assert {docs[p]["pages"] for p in DOCX} != {1}  # not the stock "1 page" everywhere


@needs("soffice")
@pytest.mark.parametrize("rel", DOCX)
def test_libreoffice_paginates_the_docx_as_the_manifest_says(built, rel, tmp_path):
    out, docs = built
    converted = soffice_to_pdf(out / rel, tmp_path)
    assert len(PdfReader(converted).pages) == docs[rel]["pages"]
