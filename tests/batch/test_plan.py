"""Planning: output names made safe, collisions refused before writing."""
from __future__ import annotations

import pytest

from reportgen.batch.plan import plan
from reportgen.errors import ConfigError, DataError, UsageError
from reportgen.project import load_all_records, load_project

from .helpers import outputs, run_main, write_district


def _plan(root, formats=("docx",), only=()):
    proj = load_project(root)
    records, errors = load_all_records(proj)
    assert not errors
    return proj, plan(proj, records, formats, only)


def test_one_job_per_record_and_format(project):
    proj, (jobs, failures) = _plan(project, ("docx", "pdf"))
    assert not failures
    assert sorted(j.rel for j in jobs) == sorted(
        f"brief/第{i}区.{ext}" for i in range(3) for ext in ("docx", "pdf"))
    assert all(j.out.parent.parent == proj.out_dir for j in jobs)


@pytest.mark.parametrize("name", ["../../etc/passwd", "a/b\\c", "..", "CON", "x:y*?<>|", "/abs/olute"])
def test_unsafe_names_stay_one_file_inside_the_output_folder(project, name):
    write_district(project, "evil", name)
    proj, (jobs, _) = _plan(project)
    job = next(j for j in jobs if j.record.source.endswith("evil.yaml"))
    assert job.out.parent == proj.out_dir / "brief"
    assert job.out.resolve().is_relative_to(proj.out_dir)
    assert not any(ch in job.out.name for ch in '/\\:*?<>|')


def test_collision_is_an_error_before_anything_is_written(project, capsys):
    write_district(project, "dup", "第1区")
    with pytest.raises(DataError) as info:
        _plan(project)
    msg = str(info.value)
    assert "brief/第1区.docx" in msg and "dup.yaml" in msg
    assert run_main("build", "--project", str(project), "--jobs", "1") == 1
    assert "would both be written" in capsys.readouterr().err
    assert not (project / "output").exists()


def test_collision_ignores_case(project):
    write_district(project, "lower", "abc")
    write_district(project, "upper", "ABC")
    with pytest.raises(DataError):
        _plan(project)


def test_missing_field_in_output_pattern_fails_that_record_only(project):
    (project / "data" / "noname.yaml").write_text("n: 5\n", encoding="utf-8")
    _, (jobs, failures) = _plan(project)
    assert len(jobs) == 3
    assert len(failures) == 1 and "noname.yaml" in str(failures[0].error)


def test_only_selects_templates_and_rejects_unknown(project):
    _, (jobs, _) = _plan(project, only=("brief",))
    assert len(jobs) == 3
    with pytest.raises(UsageError):
        _plan(project, only=("nope",))


def test_rollup_template_is_planned_once_per_format(project):
    cfg = project / "reportgen.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("templates: [brief]",
                                                            "templates: [brief, district-overview]"),
                   encoding="utf-8")
    _, (jobs, _) = _plan(project, ("docx", "pdf"))
    rollups = [j for j in jobs if j.record is None]
    assert sorted(j.rel for j in rollups) == ["district-overview.docx", "district-overview.pdf"]


def test_list_writes_nothing(project, capsys):
    assert run_main("build", "--project", str(project), "--list") == 0
    out = capsys.readouterr().out
    assert out.count("new ") == 3 and "3 documents: 3 new" in out
    assert not (project / "output").exists()
    assert outputs(project) == []


def test_jobs_in_project_config(project):
    cfg = project / "reportgen.yaml"
    text = cfg.read_text(encoding="utf-8")
    cfg.write_text(text + "jobs: 2\n", encoding="utf-8")
    assert load_project(project).jobs == 2
    cfg.write_text(text + "jobs: 0\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_project(project)
