"""A record that breaks its template's schema fails alone, naming file and line."""
from __future__ import annotations

from .helpers import outputs, run_main

SCHEMA = """type: object
required: [district, n]
properties:
  n: {type: integer}
"""


def test_schema_violation_stops_the_build_or_fails_that_record_only_with_keep_going(project, capsys):
    (project / "templates/brief/schema.yaml").write_text(SCHEMA, encoding="utf-8")
    (project / "data/d001.yaml").write_text("district:\n  name: 第1区\nn: 很多\n", encoding="utf-8")
    assert run_main("build", "--project", str(project), "--jobs", "1") == 1
    err = capsys.readouterr().err
    assert "d001.yaml:3" in err and "第1区" in err and "nothing built" in err
    assert outputs(project / "output") == []
    assert run_main("build", "--project", str(project), "--jobs", "1", "--keep-going") == 1
    err = capsys.readouterr().err
    assert "d001.yaml:3" in err and "第1区" in err
    assert outputs(project / "output") == ["brief/第0区.docx", "brief/第2区.docx"]
