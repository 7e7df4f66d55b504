"""Failure isolation: one bad record fails alone, with file and line."""
from __future__ import annotations

import json

from docx import Document

from reportgen.batch import build
from reportgen.project import load_project

from .helpers import outputs, run_main, write_district


def test_broken_yaml_stops_the_build_before_anything_is_written(project, capsys):
    (project / "data/d005.yaml").write_text("district:\n  name: 坏区\nn: [1, 2\nx: 3\n", encoding="utf-8")
    assert run_main("build", "--project", str(project), "--jobs", "2") == 1
    err = capsys.readouterr().err
    assert "d005.yaml:4" in err and "not valid YAML" in err and "nothing built" in err
    assert outputs(project / "output") == []


def test_broken_yaml_fails_alone_with_keep_going(project, capsys):
    (project / "data/d005.yaml").write_text("district:\n  name: 坏区\nn: [1, 2\nx: 3\n", encoding="utf-8")
    assert run_main("build", "--project", str(project), "--jobs", "2", "--keep-going") == 1
    err = capsys.readouterr().err
    assert "d005.yaml:4" in err and "not valid YAML" in err
    assert outputs(project / "output") == [f"brief/第{i}区.docx" for i in range(3)]
    for name in outputs(project / "output"):
        Document(project / "output" / name)


def test_render_error_names_the_record_and_others_are_built(project, capsys):
    # the check stage renders one record of each template (第0区, fine); 第1区 fails while rendering
    (project / "data/d001.yaml").write_text("district:\n  name: 第1区\n", encoding="utf-8")  # no n
    assert run_main("build", "--project", str(project), "--jobs", "1") == 1
    err = capsys.readouterr().err
    assert "brief.md.j2:3" in err and "第1区" in err and "1 failed" in err
    assert outputs(project / "output") == ["brief/第0区.docx", "brief/第2区.docx"]
    manifest = json.loads((project / "output/manifest.json").read_text(encoding="utf-8"))
    failed = [e for e in manifest["documents"] if e["status"] == "failed"]
    assert [e["path"] for e in failed] == ["brief/第1区.docx"]
    assert failed[0]["diagnostics"][0]["line"] == 3
    # fixed: only the failed document is built
    write_district(project, "d001", "第1区", 4)
    result = build(load_project(project), jobs=1)
    assert [j.rel for j in result.built] == ["brief/第1区.docx"] and result.exit_code == 0


def test_a_template_mistake_every_record_shares_stops_the_build(project, capsys):
    tpl = project / "templates/brief/brief.md.j2"
    tpl.write_text(tpl.read_text(encoding="utf-8").replace("district.name", "district.nmae"), encoding="utf-8")
    assert run_main("build", "--project", str(project), "--jobs", "1") == 2
    err = capsys.readouterr().err
    assert "brief.md.j2:" in err and "did you mean 'district.name'?" in err and err.count("nmae") == 1
    assert outputs(project / "output") == []


def test_fail_fast_stops_at_the_first_failure(project):
    for i in range(3, 10):
        write_district(project, f"d{i:03d}", f"第{i}区", i)
    (project / "data/d000.yaml").write_text("district:\n  name: 第0区\n", encoding="utf-8")  # no n
    result = build(load_project(project), jobs=1, fail_fast=True, keep_going=True)
    assert result.exit_code == 1
    assert len(result.failed) == 1 and result.built == []


def test_fail_fast_with_unloadable_data_builds_nothing(project):
    (project / "data/bad.yaml").write_text("a: [\n", encoding="utf-8")
    result = build(load_project(project), jobs=1, fail_fast=True, keep_going=True)
    assert result.exit_code == 1 and result.built == []
