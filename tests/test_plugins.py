"""Plugins: a project's own filters, globals and directives, in build and in
worker processes; a broken plugin is a config error at its line."""
from __future__ import annotations

from docx import Document as DocxDocument

from reportgen.cli import main

PLUGIN = '''
from reportgen.model import Div


def wan(n):
    return f"{n / 10000:.1f}万"


def box(ctx, options, content):
    return [Div("quote", tuple(ctx.parser.blocks(content, ctx.content_line)), pos=ctx.pos)]


def setup(registry):
    registry.filter("wan", wan)
    registry.add_global("province", "湖北省")
    registry.directive("box", box, content=True, doc="a quoted box")
'''


def _project(root, plugin: str = PLUGIN, entry: str = "plugins/stats.py"):
    (root / "templates" / "t").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "plugins").mkdir()
    (root / "plugins" / "stats.py").write_text(plugin, encoding="utf-8")
    (root / "reportgen.yaml").write_text(f"templates: [t]\ndata: [data/*.yaml]\nformats: [docx]\n"
                                         f"plugins:\n  - {entry}\n", encoding="utf-8")
    (root / "templates" / "t" / "t.md.j2").write_text(
        "# {{ title }}\n\n{{ province }}共{{ n | wan }}人。\n\n:::{box}\n框内文字。\n:::\n", encoding="utf-8")
    for name in ("a", "b"):
        (root / "data" / f"{name}.yaml").write_text(f"title: {name}区\nn: 123456\n", encoding="utf-8")
    return root


def test_plugin_filters_globals_and_directives_reach_every_worker(tmp_path):
    root = _project(tmp_path / "p")
    assert main(["build", "--project", str(root), "--jobs", "2"]) == 0
    text = "\n".join(p.text for p in DocxDocument(root / "output" / "t" / "b.docx").paragraphs)
    assert "湖北省共12.3万人。" in text and "框内文字。" in text


def test_a_broken_plugin_is_named_at_its_line(tmp_path, capsys):
    root = _project(tmp_path / "p", plugin="def setup(registry):\n    registry.filter('x y', len)\n")
    assert main(["build", "--project", str(root)]) == 2
    err = capsys.readouterr().err
    assert "reportgen.yaml:5" in err and "plugin 'plugins/stats.py'" in err and "setup(registry) failed" in err
    root2 = _project(tmp_path / "q", entry="../outside.py")
    assert main(["build", "--project", str(root2)]) == 2
    assert "outside the project" in capsys.readouterr().err
    assert not (root / "output").exists() or not list((root / "output").rglob("*.docx"))


def test_plugins_with_the_dask_executor_are_refused_plainly(tmp_path, capsys):
    root = _project(tmp_path / "p")
    assert main(["build", "--project", str(root), "--executor", "dask"]) == 2
    assert "plugins are not shipped to Dask workers yet" in capsys.readouterr().err
