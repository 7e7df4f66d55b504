"""Authoring commands: init, new-template, templates, themes, render's format."""
from __future__ import annotations

import filecmp
from pathlib import Path

from docx import Document as DocxDocument
from pypdf import PdfReader

from reportgen.cli import main

ROOT = Path(__file__).resolve().parents[1]
BUILTIN = ROOT / "src" / "reportgen" / "builtin_templates"


def _same_tree(a: Path, b: Path) -> bool:
    cmp = filecmp.dircmp(a, b, ignore=["__pycache__"])
    if cmp.left_only or cmp.right_only or cmp.diff_files or cmp.funny_files:
        return False
    return all(_same_tree(a / d, b / d) for d in cmp.common_dirs)


def test_the_sample_project_is_what_init_makes():
    # the repository's sample templates and data are the built-in starters, copied
    for name in ("summary-report", "briefing"):
        assert _same_tree(BUILTIN / name, ROOT / "templates" / name), name
    assert _same_tree(BUILTIN / "_sample", ROOT / "data")


def test_init_makes_a_project_that_builds_at_once(tmp_path, capsys, monkeypatch):
    assert main(["init", str(tmp_path / "p")]) == 0
    assert "reportgen build" in capsys.readouterr().out
    monkeypatch.chdir(tmp_path / "p")
    assert main(["build", "--format", "all", "--jobs", "1"]) == 0
    pdfs = sorted((tmp_path / "p" / "output").rglob("*.pdf"))
    assert len(pdfs) == 8 and all(len(PdfReader(p).pages) >= 1 for p in pdfs)
    assert all(DocxDocument(p).paragraphs for p in (tmp_path / "p" / "output").rglob("*.docx"))
    assert main(["init", str(tmp_path / "p")]) == 2  # not empty
    assert "not empty" in capsys.readouterr().err


def test_init_from_one_template_and_a_misspelt_one(tmp_path, capsys):
    assert main(["init", str(tmp_path / "b"), "--template", "briefing"]) == 0
    assert [p.name for p in (tmp_path / "b" / "templates").iterdir()] == ["briefing"]
    assert main(["init", str(tmp_path / "c"), "--template", "breifing"]) == 2
    assert "did you mean 'briefing'" in capsys.readouterr().err


def test_new_template_copies_a_builtin_to_edit(tmp_path, capsys, monkeypatch):
    main(["init", str(tmp_path / "p"), "--template", "briefing"])
    monkeypatch.chdir(tmp_path / "p")
    assert main(["new-template", "overview", "--from", "district-overview"]) == 0
    cfg = (tmp_path / "p" / "templates" / "overview" / "template.yaml").read_text(encoding="utf-8")
    assert "name: overview" in cfg
    assert main(["new-template", "overview", "--from", "district-overview"]) == 2  # exists
    assert main(["new-template", "x", "--from", "nosuch"]) == 2
    capsys.readouterr()
    assert main(["templates"]) == 0
    out = capsys.readouterr().out
    assert "* briefing" in out and "  overview           project" in out and "district-overview  built-in" in out
    assert "fields: district.name" in out


def test_themes_are_listed_with_what_they_are(capsys):
    assert main(["themes"]) == 0
    out = capsys.readouterr().out
    assert "gongwen" in out and "GB/T 9704" in out and "简报" in out


def test_render_takes_the_format_from_the_output_or_writes_all(tmp_path, capsys):
    tpl, data = ROOT / "templates" / "briefing", ROOT / "data" / "districts" / "nanhu.yaml"
    assert main(["render", "--template", str(tpl), "--data", str(data), "--output", str(tmp_path / "a.pdf")]) == 0
    assert PdfReader(tmp_path / "a.pdf").pages
    assert main(["render", "--template", str(tpl), "--data", str(data), "--output", str(tmp_path / "b.x"),
                 "--format", "all"]) == 0
    assert PdfReader(tmp_path / "b.pdf").pages and DocxDocument(tmp_path / "b.docx").paragraphs
    assert main(["render", "--template", str(tpl), "--data", str(data), "--output", str(tmp_path / "c.odt")]) == 2
    assert "cannot tell the format" in capsys.readouterr().err


def test_a_project_theme_overrides_the_builtin_of_its_name_and_may_extend_it(tmp_path, capsys):
    from reportgen.themes import load_theme

    root = tmp_path / "p"
    main(["init", str(root), "--template", "summary-report"])
    (root / "themes").mkdir()
    (root / "themes" / "gongwen.yaml").write_text("extends: gongwen\nroles:\n  body: {size: 小四}\n",
                                                  encoding="utf-8")
    theme = load_theme("gongwen", relative_to=root / "templates" / "summary-report")
    assert theme.style("body").size == 12 and theme.grid.lines == 22  # the rest is the built-in's
    assert load_theme("gongwen").style("body").size == 16  # outside the project: the built-in
