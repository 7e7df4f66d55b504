"""Incremental builds: rebuild only what changed; --force rebuilds all."""
from __future__ import annotations

import json

from docx import Document

from reportgen.batch import build
from reportgen.project import load_project

from .helpers import outputs, run_main, write_district


def _build(root, **kw):
    kw.setdefault("jobs", 1)
    return build(load_project(root), **kw)


def _mtimes(out):
    return {p: (out / p).stat().st_mtime_ns for p in outputs(out)}


def test_second_build_skips_everything(project):
    first = _build(project)
    assert first.exit_code == 0 and len(first.built) == 3
    before = _mtimes(project / "output")
    second = _build(project)
    assert (len(second.built), len(second.skipped), second.failed) == (0, 3, [])
    assert _mtimes(project / "output") == before


def test_touching_one_record_rebuilds_only_its_documents(project):
    _build(project, formats=("docx", "pdf"))
    write_district(project, "d001", "第1区", 99)
    result = _build(project, formats=("docx", "pdf"))
    assert sorted(j.rel for j in result.built) == ["brief/第1区.docx", "brief/第1区.pdf"]
    assert len(result.skipped) == 4
    text = "\n".join(p.text for p in Document(project / "output/brief/第1区.docx").paragraphs)
    assert "99" in text


def test_touch_without_edit_rebuilds_that_record_only(project):
    import os
    import time

    _build(project)
    data = next(p for p in (project / "data").iterdir() if p.name.startswith("d001"))
    later = time.time_ns() + 5_000_000_000
    os.utime(data, ns=(later, later))
    result = _build(project)
    assert [j.rel for j in result.built] == ["brief/第1区.docx"]


def test_template_shared_data_and_force_rebuild_all(project):
    _build(project)
    (project / "shared.yaml").write_text("office: 市办\n", encoding="utf-8")
    assert len(_build(project).built) == 3
    tpl = project / "templates/brief/brief.md.j2"
    tpl.write_text(tpl.read_text(encoding="utf-8") + "\n附：无。\n", encoding="utf-8")
    assert len(_build(project).built) == 3
    assert len(_build(project).built) == 0
    assert len(_build(project, force=True).built) == 3


def test_deleted_or_edited_output_is_rebuilt(project):
    _build(project)
    out = project / "output/brief"
    (out / "第0区.docx").unlink()
    (out / "第2区.docx").write_bytes(b"not a docx")
    result = _build(project)
    assert sorted(j.rel for j in result.built) == ["brief/第0区.docx", "brief/第2区.docx"]
    Document(out / "第2区.docx")  # opens


def test_list_says_why(project, capsys):
    _build(project)
    write_district(project, "d000", "第0区", 7)
    assert run_main("build", "--project", str(project), "--list") == 0
    out = capsys.readouterr().out
    assert "changed    brief/第0区.docx (record)" in out
    assert "up to date brief/第1区.docx" in out
    assert "3 documents: 1 changed, 2 up to date" in out
    assert len(_build(project).built) == 1  # --list changed nothing


def test_rollup_rebuilds_when_any_record_changes(project):
    cfg = project / "reportgen.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("templates: [brief]",
                                                            "templates: [brief, district-overview]"),
                   encoding="utf-8")
    first = _build(project)
    assert first.exit_code == 0, first.failed
    assert "district-overview.docx" in outputs(project / "output")
    assert len(_build(project).built) == 0
    write_district(project, "d002", "第2区", 50)
    assert sorted(j.rel for j in _build(project).built) == ["brief/第2区.docx", "district-overview.docx"]


def test_parallel_build_matches_and_records_everything(project):
    for i in range(3, 8):
        write_district(project, f"d{i:03d}", f"第{i}区", i)
    result = _build(project, jobs=2)
    assert result.exit_code == 0 and len(result.built) == 8
    manifest = json.loads((project / "output/manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["documents"]) == 8
    assert not (project / "output/.manifest.journal").exists()
    assert len(_build(project, jobs=2).skipped) == 8
