"""output/manifest.json: every document with its hash, pages and inputs."""
from __future__ import annotations

import hashlib
import json

from pypdf import PdfReader

from reportgen.batch import build
from reportgen.project import load_project


def test_manifest_describes_every_document(project):
    result = build(load_project(project), formats=("docx", "pdf"), jobs=2)
    assert result.exit_code == 0, result.failed
    out = project / "output"
    docs = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]
    assert len(docs) == 6
    for e in docs:
        data = (out / e["path"]).read_bytes()
        assert e["sha256"] == hashlib.sha256(data).hexdigest()
        assert e["bytes"] == len(data)
        assert e["status"] == "built" and e["template"] == "brief"
        assert e["source"].startswith("data/d") and e["record"] in e["path"]
        assert set(e["inputs"]) >= {"record", "shared", "template", "theme", "version", "format"}
        if e["format"] == "pdf":
            assert e["pages"] == len(PdfReader(out / e["path"]).pages)
            assert e["fonts"], "a PDF records the font files it embeds"
        assert len(e["input_hash"]) == 64


def test_skipped_documents_keep_their_entries(project):
    build(load_project(project), jobs=1)
    build(load_project(project), jobs=1)
    docs = json.loads((project / "output/manifest.json").read_text(encoding="utf-8"))["documents"]
    assert [e["status"] for e in docs] == ["skipped"] * 3
    assert all(e["sha256"] for e in docs)


def test_a_journal_left_by_a_killed_build_is_replayed(project):
    build(load_project(project), jobs=1)
    out = project / "output"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    # as if killed: the manifest lost, the journal (with a cut last line) kept
    lines = [json.dumps(e, ensure_ascii=False) for e in manifest["documents"]]
    (out / ".manifest.journal").write_text("\n".join(lines) + '\n{"path": "brief/x', encoding="utf-8")
    (out / "manifest.json").unlink()
    result = build(load_project(project), jobs=1)
    assert result.built == [] and len(result.skipped) == 3
