"""The manifest's pages and fonts are what the writers made: PDF page counts
as pypdf counts them, DOCX page counts those of the PDF of the same record
(whether or not the PDF is built with it), PDF fonts the files embedded."""
from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime, timezone

import docx
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from reportgen.batch import build
from reportgen.project import load_project

from .helpers import make_project

# Longer documents than helpers.TEMPLATE: district i has 30 × (i + 1) paragraphs.
LONG = """# {{ district.name }}情况报告

{% for i in range(n * 30) %}
{{ office }}：{{ district.name }}第{{ i + 1 }}项工作按计划推进，开展活动{{ n }}场，覆盖群众1.1万人次。

{% endfor %}
"""


def long_project(root):
    make_project(root, count=3, formats=("pdf", "docx"))
    (root / "templates" / "brief" / "brief.md.j2").write_text(LONG, encoding="utf-8")
    return root


def entries(out) -> dict[str, dict]:
    return {e["path"]: e for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]}


def app_pages(path) -> int:
    with zipfile.ZipFile(path) as z:
        app = z.read("docProps/app.xml").decode()
    return int(app.split("<Pages>")[1].split("</Pages>")[0])


def embedded(path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+", 1)[-1])
    return names


def ps_name(path: str) -> str:
    return str(TTFont(path, lazy=True)["name"].getDebugName(6))


def check_pages(out, docs: dict[str, dict]) -> list[int]:
    counts = []
    for rel, e in docs.items():
        if e["format"] == "pdf":
            real = len(PdfReader(out / rel).pages)
            assert e["pages"] == real, rel
            assert {ps_name(f) for f in e["fonts"]} == embedded(out / rel), rel
            twin = docs[rel[:-len(".pdf")] + ".docx"]
            assert twin["pages"] == real and app_pages(out / twin["path"]) == real, twin["path"]
            assert twin["fonts"] == []
            counts.append(real)
    return sorted(counts)


def test_manifest_pages_of_a_two_format_build(tmp_path):
    root = long_project(tmp_path / "proj")
    result = build(load_project(root), jobs=2)
    assert result.exit_code == 0, result.failed
    counts = check_pages(root / "output", entries(root / "output"))
    assert len(counts) == 3 and counts[0] < counts[-1] and counts[0] > 1  # different multi-page documents


def test_a_docx_only_build_counts_pages_as_the_pdf_has_them(tmp_path):
    root = long_project(tmp_path / "proj")
    assert build(load_project(root), formats=("docx",), jobs=2).exit_code == 0
    docx_pages = {rel: e["pages"] for rel, e in entries(root / "output").items()}
    assert build(load_project(root), formats=("pdf",), jobs=1).exit_code == 0  # afterwards, separately
    docs = entries(root / "output")
    assert {rel: docs[rel]["pages"] for rel in docx_pages} == docx_pages
    check_pages(root / "output", docs)


def test_one_timestamp_for_every_docx_of_a_build(tmp_path, monkeypatch):
    root = make_project(tmp_path / "proj", count=4)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.now(timezone.utc).replace(microsecond=0)
    assert build(load_project(root), jobs=2).exit_code == 0
    after = datetime.now(timezone.utc)
    created = {docx.Document(p).core_properties.created for p in (root / "output").rglob("*.docx")}
    assert len(created) == 1 and before <= created.pop() <= after


def test_source_date_epoch_dates_a_build(tmp_path, monkeypatch):
    root = make_project(tmp_path / "proj", count=2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    assert build(load_project(root), jobs=2, formats=("docx", "pdf")).exit_code == 0
    for p in (root / "output").rglob("*.docx"):
        cp = docx.Document(io.BytesIO(p.read_bytes())).core_properties
        assert cp.created == cp.modified == datetime(2020, 9, 13, 12, 26, 40, tzinfo=timezone.utc)
