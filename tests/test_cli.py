"""The command-line contract: commands, help, exit statuses."""
import pytest

from helpers import ROOT, run_cli
from reportgen import __version__
from reportgen.cli import main


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and __version__ in capsys.readouterr().out


@pytest.mark.parametrize("command", ["render", "build", "validate", "fonts", "themes"])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0 and "usage: reportgen" in capsys.readouterr().out


def test_usage_errors_exit_2(tmp_path):
    assert run_cli("render", "--template", "x").returncode == 2  # argparse: missing options
    proc = run_cli("render", "--template", tmp_path / "missing.md.j2", "--data", tmp_path / "d.yaml",
                   "--format", "pdf", "--output", tmp_path / "o.pdf")
    assert proc.returncode == 2 and "not found" in proc.stderr
    assert run_cli("build", "--project", tmp_path).returncode == 2  # no reportgen.yaml


def test_render_inside_a_project_sees_its_shared_data(tmp_path):
    out = tmp_path / "b.docx"
    proc = run_cli("render", "--template", ROOT / "templates" / "briefing", "--data",
                   ROOT / "data" / "districts" / "nanhu.yaml", "--format", "docx", "--output", out)
    assert proc.returncode == 0, proc.stderr
    from docx import Document

    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "党史学习教育简报" in text  # briefing.name comes from data/common.yaml


def test_bad_data_names_file_and_line(tmp_path):
    tpl = tmp_path / "t.md.j2"
    tpl.write_text("# {{ title }}\n", encoding="utf-8")
    data = tmp_path / "d.yaml"
    data.write_text("title: 甲\nbody: [unclosed\n", encoding="utf-8")
    proc = run_cli("render", "--template", tpl, "--data", data, "--format", "pdf", "--output", tmp_path / "o.pdf")
    assert proc.returncode == 1
    assert f"{data}:" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "o.pdf").exists()


def test_markup_error_points_at_the_template_line_and_keeps_the_text(tmp_path):
    tpl = tmp_path / "t.md.j2"
    tpl.write_text("# {{ title }}\n\n正文。\n\n:::{masthed}\n:issuer: {{ title }}\n:::\n", encoding="utf-8")
    data = tmp_path / "d.yaml"
    data.write_text("title: 甲\n", encoding="utf-8")
    out = tmp_path / "out" / "o.pdf"
    proc = run_cli("render", "--template", tpl, "--data", data, "--format", "pdf", "--output", out)
    assert proc.returncode == 1
    assert f"{tpl.as_posix()}:5:" in proc.stderr and "did you mean {masthead}" in proc.stderr
    kept = list((tmp_path / "out" / ".reportgen" / "intermediate").rglob("*.md"))
    assert len(kept) == 1 and ":::{masthed}" in kept[0].read_text(encoding="utf-8")
    assert not out.exists()


def test_render_in_a_project_names_records_as_build_does(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "t.md.j2").write_text("# {{ district.name }}\n", encoding="utf-8")
    (tmp_path / "reportgen.yaml").write_text('templates: [t]\nrecord_name: "{district.name}"\n', encoding="utf-8")
    data = tmp_path / "rows.yaml"
    data.write_text("- {district: {name: 东区}}\n- {district: {name: 西区}}\n", encoding="utf-8")
    proc = run_cli("render", "--template", tmp_path / "t", "--data", data, "--record", "西区",
                   "--format", "docx", "--output", tmp_path / "o.docx")
    assert proc.returncode == 0, proc.stderr
