"""Fuzzing every file a user writes: random and malformed reportgen.yaml,
themes, template.yaml, schemas, data files and template text, each built
with ``reportgen.build`` on a tiny project.  The build either succeeds or
raises (or reports) a reportgen error whose every problem has a location —
never another exception, never a hang.

Bounded for CI (``REPORTGEN_FUZZ_EXAMPLES``, default 15 examples a file
kind, about a minute in all); a nightly run sets it higher, e.g.
``REPORTGEN_FUZZ_EXAMPLES=1000 pytest tests/test_fuzz_files.py``.  Failing
examples Hypothesis finds are kept below as ``@example``s.
"""
from __future__ import annotations

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import reportgen
from reportgen.errors import ReportgenError

EXAMPLES = int(os.environ.get("REPORTGEN_FUZZ_EXAMPLES", "15"))
FUZZ = settings(max_examples=EXAMPLES, deadline=timedelta(seconds=60), derandomize="CI" in os.environ,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

PROJECT_KEYS = ["name", "data", "shared", "templates", "formats", "output", "record_name", "theme", "out", "jobs",
                "fonts"]
THEME_KEYS = ["extends", "page", "grid", "roles", "colors", "fonts", "numbering", "page_number", "typography",
              "elements", "name", "locale", "size", "margin", "lines", "chars", "line_pitch", "body", "title",
              "heading1", "font", "bold", "align", "indent", "space_before", "format", "position", "masthead",
              "colophon", "table", "signature", "rule_gap", "even_page", "headings", "top", "left"]
TEMPLATE_KEYS = ["name", "description", "entry", "theme", "schema", "output", "scope"]
SCHEMA_KEYS = ["type", "properties", "required", "$ref", "$defs", "items", "minimum", "enum", "format",
               "additionalProperties", "title", "body", "minLength"]
DATA_KEYS = ["title", "body", "n", "items", "district", "name"]
WORDS = ["16pt", "三号", "-3mm", "0", "A4", "B9", "gongwen", "default", "{page}", "{title}", "{", "#FF0000",
         "*.yaml", "data/*.yaml", "t", "t.md.j2", "schema.yaml", "object", "string", "#/$defs/x",
         "https://example.com/x.json", "../../../etc/passwd", "pdf", "docx", "all", "2 lines", "justify", "record"]


def values(keys: list[str]):
    leaves = (st.none() | st.booleans() | st.integers(-5, 300) | st.floats(-1e6, 1e6, allow_nan=False)
              | st.sampled_from(WORDS) | st.text(max_size=8))
    return st.recursive(leaves, lambda children: st.lists(children, max_size=3)
                        | st.dictionaries(st.sampled_from(keys) | st.text(max_size=5), children, max_size=4),
                        max_leaves=12)


def mappings(keys: list[str]):
    return st.dictionaries(st.sampled_from(keys) | st.text(max_size=6), values(keys), max_size=6)


def yaml_text(keys: list[str]):
    """A YAML mapping as text, or arbitrary text (broken YAML, wrong shapes)."""
    dumped = mappings(keys).map(lambda d: yaml.safe_dump(d, allow_unicode=True))
    return dumped | values(keys).map(lambda v: yaml.safe_dump(v, allow_unicode=True)) | st.text(max_size=80)


BASE = {
    "reportgen.yaml": "templates: [t]\ndata: [data/*.yaml]\nformats: [docx, pdf]\nrecord_name: '{title}'\n",
    "theme.yaml": "extends: default\n",
    "templates/t/template.yaml": "entry: t.md.j2\ntheme: ../../theme.yaml\nschema: schema.yaml\n",
    "templates/t/schema.yaml": "type: object\nproperties:\n  title: {type: string}\nrequired: [title]\n",
    "templates/t/t.md.j2": "# {{ title }}\n\n{{ body }}\n\n| 项 | 数 |\n|---|---|\n| 甲 | {{ n }} |\n",
    "data/a.yaml": "title: 东区情况\nbody: 正文内容。\nn: 3\n",
}


def build_with(name: str, text: str, base: dict | None = None) -> None:
    """Build the tiny project with file ``name`` replaced by ``text``."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for rel, content in {**(base or BASE), name: text}.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(content, encoding="utf-8")
        try:
            result = reportgen.build(root, jobs=1, force=True)
        except ReportgenError as exc:
            assert_located(exc.diagnostics)
            return
        assert_located(result.diagnostics)
        for job in result.built:
            assert job.out.is_file() and job.out.stat().st_size > 0


def assert_located(diags) -> None:
    for d in diags:
        if d.severity == "error":
            assert d.file, f"a problem without a location: {d}"


@FUZZ
@given(yaml_text(PROJECT_KEYS))
@example("templates: [t]\ndata: {x: 1}\n")
@example("templates: [t]\nout: theme.yaml\n")
@example("templates: [t]\nrecord_name: '{title'\n")
def test_fuzz_reportgen_yaml(text):
    build_with("reportgen.yaml", text)


LENGTHS = (st.sampled_from(["16pt", "三号", "小初", "2mm", "0", "1 line", "2 lines", "-3pt", "500mm", "0.1pt"])
           | st.integers(-10, 400) | st.floats(0, 120))
SOME = {"page": st.fixed_dictionaries({}, optional={
            "size": st.sampled_from(["A4", "A5", "B5", "A3"]) | st.lists(LENGTHS, min_size=2, max_size=2),
            "margin": st.fixed_dictionaries({}, optional={k: LENGTHS for k in ("top", "bottom", "left", "right")})}),
        "grid": st.fixed_dictionaries({}, optional={"lines": st.integers(-1, 250), "chars": st.integers(-1, 250),
                                                    "line_pitch": LENGTHS}),
        "roles": st.dictionaries(st.sampled_from(["body", "title", "heading1", "table", "page_number", "caption"]),
                                 st.fixed_dictionaries({}, optional={
                                     "size": LENGTHS, "line_pitch": LENGTHS, "space_before": LENGTHS,
                                     "space_after": LENGTHS, "indent": st.integers(-25, 60),
                                     "left_indent": st.integers(-25, 60), "bold": st.booleans(),
                                     "align": st.sampled_from(["left", "center", "right", "justify", "middle"]),
                                     "font": st.sampled_from(["仿宋_GB2312", "黑体", "NoSuchFace", ""])}),
                                 max_size=3),
        "page_number": st.fixed_dictionaries({}, optional={
            "format": st.sampled_from(["— {page} —", "{page}", "", "{pages}", "{"]),
            "position": st.sampled_from(["outside", "center", "inside"]), "inset": st.integers(-3, 60),
            "below": LENGTHS, "first_page": st.booleans()}),
        "elements": st.fixed_dictionaries({}, optional={
            "table": st.fixed_dictionaries({}, optional={"padding": LENGTHS, "rule": LENGTHS}),
            "colophon": st.fixed_dictionaries({}, optional={"even_page": st.booleans(), "inset": st.integers(-5, 60)}),
            "signature": st.fixed_dictionaries({}, optional={"right_chars": st.integers(-5, 60)})})}
PLAUSIBLE_THEMES = st.builds(lambda base, parts: yaml.safe_dump({"extends": base, **parts}, allow_unicode=True),
                             st.sampled_from(["default", "gongwen", "briefing"]),
                             st.fixed_dictionaries({}, optional=SOME))


@FUZZ
@given(PLAUSIBLE_THEMES)
def test_fuzz_plausible_theme(text):
    """Themes that are mostly right: extreme but well-formed values reach the layout and the writers."""
    build_with("theme.yaml", text)


@FUZZ
@given(yaml_text(THEME_KEYS))
@example("extends: default\nroles:\n  body: 仿宋\n")
@example("extends: default\ngrid: {lines: 0, chars: 0}\n")
@example("extends: default\npage: {margin: {top: 140mm, bottom: 150mm}}\n")
@example("extends: theme.yaml\n")
@example("")
def test_fuzz_theme(text):
    build_with("theme.yaml", text)


@FUZZ
@given(yaml_text(TEMPLATE_KEYS))
def test_fuzz_template_yaml(text):
    build_with("templates/t/template.yaml", text)


@FUZZ
@given(yaml_text(SCHEMA_KEYS))
@example("$ref: 'https://example.com/s.json'\n")
@example("$ref: '#/$defs/nope'\n")
@example("properties: {title: {$ref: 'file:///etc/passwd'}}\n")
def test_fuzz_schema(text):
    build_with("templates/t/schema.yaml", text)


@FUZZ
@given(yaml_text(DATA_KEYS))
def test_fuzz_data_file(text):
    build_with("data/a.yaml", text)


JINJA = st.sampled_from(["{{ title }}", "{{ nmae }}", "{% if n %}", "{% endif %}", "{% for x in items %}",
                         "{% endfor %}", "{{ n | percent }}", "{{ 1/0 }}", "{{ title.upper() }}", "{#", "#}", "{{"])
MARKUP = st.sampled_from(["# ", "## ", "\n", "\n\n", ":::{note}\n", ":::\n", "| a | b |\n|---|\n", "**", "- ",
                          "1. ", "![图](x.png)", "[^1]", ":::{signature}\n:sealed: maybe\n", ":::{masthead}\n",
                          "\\", "`", "<br>", ":::{nosuch}\n"])
OFFICIAL = st.sampled_from([
    ":::{masthead}\n:issuer: 某某办公室\n:doc_no: 某办〔2026〕1号\n:::\n", ":::{masthead}\n:::\n",
    ":::{addressee}\n各区：\n:::\n", ":::{signature}\n:issuer: 某某办公室\n:date: 2026年1月1日\n:::\n",
    ":::{signature}\n:sealed: true\n:date: 2026-13-40\n:::\n", ":::{note}\n附注。\n:::\n",
    ":::{colophon}\n:cc: 甲，乙。\n:printer: 某某办公室\n:print_date: 2026年1月1日\n:::\n",
    ":::{attachments}\n1. 附件一\n:::\n", ":::{pagebreak}\n:::\n", "# 标题\n", "正文" * 40 + "\n\n",
    ":::{title}\n文章\n:::\n", ":::{editor-note}\n按语\n:::\n", "::::{article}\n", "::::\n"])


@FUZZ
@given(st.lists(JINJA | MARKUP | st.text(max_size=6), max_size=25).map("".join))
def test_fuzz_template_text(text):
    build_with("templates/t/t.md.j2", text)


@FUZZ
@given(st.sampled_from(["default", "gongwen", "briefing"]),
       st.lists(OFFICIAL | MARKUP | st.text(max_size=4), max_size=14).map("".join))
def test_fuzz_official_documents(theme, text):
    """Official-document directives in any order, with any theme."""
    with_theme = {**BASE, "theme.yaml": f"extends: {theme}\n"}
    build_with("templates/t/t.md.j2", text, base=with_theme)
