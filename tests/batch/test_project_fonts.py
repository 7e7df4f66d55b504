"""reportgen.yaml `fonts:` names PDF font files for face names (before themes and system fonts)."""
import json
import shutil

import pytest

from reportgen.project import load_project
from reportgen.errors import ConfigError
from reportgen.fonts import fontset_for
from reportgen.themes import load_theme

from helpers import run_cli


def project(tmp_path, fonts_yaml: str):
    (tmp_path / "data").mkdir()
    (tmp_path / "templates" / "t").mkdir(parents=True)
    (tmp_path / "reportgen.yaml").write_text(
        f"name: f\ndata: [data/*.yaml]\ntemplates: [t]\nformats: [pdf]\n{fonts_yaml}", encoding="utf-8")
    (tmp_path / "templates" / "t" / "t.md.j2").write_text("# 标题\n\n正文{{ x }}\n", encoding="utf-8")
    (tmp_path / "data" / "a.yaml").write_text("x: 内容\n", encoding="utf-8")
    return tmp_path


def test_project_font_file_is_used(tmp_path):
    root = project(tmp_path, "fonts:\n  宋体: fonts/mysong.ttf\n")
    (root / "fonts").mkdir()
    # any TrueType face will do: the converted bundled serif, under another name
    shutil.copy(fontset_for(load_theme("default")).face("宋体").path, root / "fonts" / "mysong.ttf")
    proc = run_cli("build", "--project", root)
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads((root / "output" / "manifest.json").read_text(encoding="utf-8"))
    assert str(root / "fonts" / "mysong.ttf") in manifest["documents"][0]["fonts"]


def test_missing_project_font_file_is_an_error(tmp_path):
    root = project(tmp_path, "fonts:\n  宋体: fonts/none.ttf\n")
    proc = run_cli("build", "--project", root)
    assert proc.returncode == 2 and "none.ttf" in proc.stderr and "reportgen.yaml:" in proc.stderr


def test_fonts_must_be_a_mapping(tmp_path):
    root = project(tmp_path, "fonts: [a.ttf]\n")
    with pytest.raises(ConfigError, match="fonts must map"):
        load_project(root)
