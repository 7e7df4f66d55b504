"""The project layer: reportgen.yaml (paths relative to the project root, strict YAML)."""
import os

import pytest

from reportgen.project import load_project
from reportgen.errors import ConfigError


def write(root, config, template="# {{ x }}\n"):
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "a.yaml").write_text("x: 甲\n", encoding="utf-8")
    (root / "report.md.j2").write_text(template, encoding="utf-8")
    (root / "reportgen.yaml").write_text(config, encoding="utf-8")
    return root


def test_theme_and_template_paths_are_relative_to_the_project(tmp_path, monkeypatch):
    (tmp_path / "themes").mkdir()
    (tmp_path / "themes" / "ours.yaml").write_text("extends: gongwen\n", encoding="utf-8")
    write(tmp_path, "templates: [report.md.j2]\ntheme: themes/ours.yaml\n")
    monkeypatch.chdir(tmp_path.parent)  # not the project folder
    project = load_project(tmp_path)
    assert project.theme == str(tmp_path / "themes" / "ours.yaml")
    assert project.templates[0].entry_path == tmp_path / "report.md.j2"


def test_a_lone_template_file_does_not_depend_on_its_folder(tmp_path):
    write(tmp_path, "templates: [report.md.j2]\n")
    tpl = load_project(tmp_path).templates[0]
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "x.pdf").write_bytes(b"%PDF")
    assert tpl.files() == [tmp_path / "report.md.j2"]


def test_duplicate_keys_are_an_error_with_both_lines(tmp_path):
    write(tmp_path, "templates: [report.md.j2]\nformats: [pdf]\nformats: [docx]\n")
    with pytest.raises(ConfigError) as err:
        load_project(tmp_path)
    assert "reportgen.yaml:3" in str(err.value) and "duplicate key" in str(err.value)
