"""Small synthetic projects for the batch tests: a tiny template on the
default theme, one YAML file per district."""
from __future__ import annotations

import sys
from pathlib import Path

TEMPLATE = """# {{ district.name }}情况报告

{{ office }}：{{ district.name }}本期开展活动{{ n }}场。

| 事项 | 数量 |
|:--|--:|
| 活动 | {{ n }} |
"""


def write_district(project: Path, stem: str, name: str, n: int = 1) -> Path:
    path = project / "data" / f"{stem}.yaml"
    path.write_text(f"district:\n  name: {name}\nn: {n}\n", encoding="utf-8")
    return path


def make_project(root: Path, count: int = 3, formats=("docx",), templates=("brief",),
                 output: str = "{template}/{district.name}.{ext}") -> Path:
    (root / "data").mkdir(parents=True)
    tdir = root / "templates" / "brief"
    tdir.mkdir(parents=True)
    (tdir / "template.yaml").write_text("name: brief\ntheme: default\n", encoding="utf-8")
    (tdir / "brief.md.j2").write_text(TEMPLATE, encoding="utf-8")
    (root / "shared.yaml").write_text("office: 区学习教育办\n", encoding="utf-8")
    (root / "reportgen.yaml").write_text(
        "name: test project\ndata: [data/*.yaml]\nshared: shared.yaml\n"
        f"templates: [{', '.join(templates)}]\nformats: [{', '.join(formats)}]\n"
        f'record_name: "{{district.name}}"\noutput: "{output}"\n', encoding="utf-8")
    for i in range(count):
        write_district(root, f"d{i:03d}", f"第{i}区", i + 1)
    return root


def run_main(*argv: str) -> int:
    """``reportgen ARGV`` in this process (tests/helpers.run_cli runs a subprocess)."""
    from reportgen.cli import main

    return main(list(argv))


def outputs(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                  if p.is_file() and p.suffix in (".docx", ".pdf"))


PYTHON = sys.executable
