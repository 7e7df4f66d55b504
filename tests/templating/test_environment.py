"""Sandbox, loader confinement and error translation of the template environment."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment

from reportgen.errors import TemplateError
from reportgen.templating import make_environment, render_template


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "report").mkdir()
    (tmp_path / "secret.txt").write_text("SECRET", encoding="utf-8")
    (tmp_path / "report" / "part.md.j2").write_text("部分：{{ name }}\n", encoding="utf-8")
    (tmp_path / "report" / "macros.md.j2").write_text(
        "{% macro leader(d) %}\n负责人：{{ d.leader }}\n{% endmacro %}\n", encoding="utf-8")
    return tmp_path


def run(folder: Path, source: str, context: dict | None = None, record: str | None = None) -> str:
    (folder / "report" / "main.md.j2").write_text(source, encoding="utf-8")
    env = make_environment([folder / "report"])
    return render_template(env, "main.md.j2", context or {}, record=record)


def test_environment_type_and_settings(folder):
    env = make_environment([folder])
    assert isinstance(env, ImmutableSandboxedEnvironment)
    for name in ("cn_date", "cn_ordinal", "cn_number", "percent", "fact", "markdown", "md"):
        assert name in env.filters


def test_include_and_import_from_the_template_folder(folder):
    out = run(folder, "{% include 'part.md.j2' %}{% from 'macros.md.j2' import leader %}{{ leader(d) }}",
              {"name": "江夏区", "d": {"leader": "张三"}})
    assert "部分：江夏区" in out and "负责人：张三" in out


@pytest.mark.parametrize("source", [
    "{{ ''.__class__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ d.pop('a') }}",
])
def test_sandbox_blocks_python_internals_and_mutation(folder, source):
    with pytest.raises(TemplateError) as info:
        run(folder, "第一行\n" + source, {"d": {"a": 1}})
    assert info.value.diagnostic.line == 2
    assert info.value.diagnostic.file.endswith("main.md.j2")


@pytest.mark.parametrize("name", ["/etc/passwd", "../secret.txt", "../../x", "report/../secret.txt"])
def test_include_cannot_leave_the_template_folders(folder, name):
    with pytest.raises(TemplateError, match="not found") as info:
        run(folder, f"{{% include '{name}' %}}")
    assert "SECRET" not in str(info.value)


def test_undefined_value_names_file_line_and_record(folder):
    with pytest.raises(TemplateError) as info:
        run(folder, "# 标题\n\n{{ district.leader }}\n", {"district": {}}, record="江夏区")
    diag = info.value.diagnostic
    assert diag.line == 3 and diag.record == "江夏区"
    assert diag.message == "'district.leader' is undefined"
    text = str(info.value)
    assert "main.md.j2:3:" in text and "(record 江夏区)" in text


def test_missing_top_level_value_is_an_error_not_empty(folder):
    with pytest.raises(TemplateError, match="'missing' is undefined"):
        run(folder, "{{ missing }}")


def test_error_inside_an_imported_macro_points_at_the_macro_file(folder):
    with pytest.raises(TemplateError) as info:
        run(folder, "{% from 'macros.md.j2' import leader %}\n{{ leader({}) }}")
    assert info.value.diagnostic.file.endswith("macros.md.j2")
    assert info.value.diagnostic.line == 2


def test_syntax_error_has_its_line(folder):
    with pytest.raises(TemplateError) as info:
        run(folder, "一\n二\n{% if x %}\n")
    assert info.value.diagnostic.line == 3
    assert info.value.diagnostic.file.endswith("main.md.j2")


def test_filter_errors_become_template_errors(folder):
    with pytest.raises(TemplateError, match="not a date") as info:
        run(folder, "\n{{ '昨天' | cn_date }}")
    assert info.value.diagnostic.line == 2


def test_missing_template(folder):
    with pytest.raises(TemplateError, match="not found"):
        render_template(make_environment([folder]), "nope.md.j2", {})


def test_paths_inside_the_working_directory_are_shown_relative(folder, monkeypatch):
    monkeypatch.chdir(folder)
    with pytest.raises(TemplateError) as info:
        run(folder, "{{ x }}")
    assert info.value.diagnostic.file == os.path.join("report", "main.md.j2")
