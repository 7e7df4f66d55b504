"""Batch build benchmark: N synthetic districts → DOCX and PDF.

    python bench/build_bench.py                 # sizes 20 and 100
    python bench/build_bench.py --sizes 20 100 200 --jobs 2

For each size, in a fresh process: generate N districts (the sample data
shape: district.name, sections[].items[].facts[]) in a temp dir, build them
(docx + pdf), build again (nothing to do), and print docs/s, ms/doc, peak
RSS (this process and its workers, resource.getrusage) and the no-op time.
Then the same simple documents written by a hand-written python-docx
script, and our DOCX time against it.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

TEMPLATE = """# {{ district.name }}工作情况报告

{{ office }}：{{ district.name }}（{{ district.profile }}）本期工作情况如下。
{% for s in sections %}

## {{ s.theme }}

{{ s.summary }}
{% for item in s['items'] %}

### {{ item.topic }}

{% for f in item.facts %}{{ f.what }}{{ f.value }}{{ f.unit }}{{ "。" if loop.last else "；" }}{% endfor %}

{% endfor %}
{% endfor %}

## 主要数据

| 事项 | 数量 | 单位 |
|:--|--:|:--|
{% for s in sections %}{% for item in s['items'] %}{% for f in item.facts %}
| {{ f.what }} | {{ f.value }} | {{ f.unit }} |
{% endfor %}{% endfor %}{% endfor %}
"""

UNITS = ["场", "次", "篇", "个", "人次"]
WORDS = "开展专题学习宣讲活动红色教育基地党员干部主题党日志愿服务群众走访调研座谈会议"


def district(i: int, rng: random.Random) -> dict:
    def phrase(n):
        return "".join(rng.choice(WORDS) for _ in range(n))

    sections = []
    for s in range(3):
        items = [{"topic": phrase(6), "facts": [
            {"what": phrase(10), "value": rng.randint(1, 5000), "unit": rng.choice(UNITS)}
            for _ in range(3)]} for _ in range(2)]
        sections.append({"label": f"第{s + 1}", "theme": phrase(8), "summary": phrase(60), "items": items})
    return {"district": {"name": f"测试区{i:04d}", "profile": phrase(20)}, "sections": sections}


def make_project(root: Path, n: int) -> list[dict]:
    import yaml

    (root / "data").mkdir(parents=True)
    t = root / "templates" / "bench"
    t.mkdir(parents=True)
    (t / "template.yaml").write_text("name: bench\ntheme: default\n", encoding="utf-8")
    (t / "bench.md.j2").write_text(TEMPLATE, encoding="utf-8")
    (root / "shared.yaml").write_text("office: 市学习教育办\n", encoding="utf-8")
    (root / "reportgen.yaml").write_text(
        'name: bench\ndata: [data/*.yaml]\nshared: shared.yaml\ntemplates: [bench]\nformats: [docx, pdf]\n'
        'record_name: "{district.name}"\n', encoding="utf-8")
    rng = random.Random(n)
    records = [district(i, rng) for i in range(n)]
    for i, rec in enumerate(records):
        (root / "data" / f"d{i:04d}.yaml").write_text(yaml.safe_dump(rec, allow_unicode=True), encoding="utf-8")
    return records


def python_docx_baseline(records: list[dict], out: Path) -> float:
    """The same simple documents, written directly with python-docx."""
    from docx import Document

    out.mkdir()
    t0 = time.perf_counter()
    for rec in records:
        doc = Document()
        doc.add_heading(f"{rec['district']['name']}工作情况报告", 0)
        doc.add_paragraph(f"市学习教育办：{rec['district']['name']}本期工作情况如下。")
        rows = []
        for s in rec["sections"]:
            doc.add_heading(s["theme"], 1)
            doc.add_paragraph(s["summary"])
            for item in s["items"]:
                doc.add_heading(item["topic"], 2)
                doc.add_paragraph("；".join(f"{f['what']}{f['value']}{f['unit']}" for f in item["facts"]) + "。")
                rows.extend(item["facts"])
        table = doc.add_table(rows=1, cols=3)
        for cell, text in zip(table.rows[0].cells, ["事项", "数量", "单位"]):
            cell.text = text
        for f in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = f["what"], str(f["value"]), f["unit"]
        doc.save(out / f"{rec['district']['name']}.docx")
    return time.perf_counter() - t0


def reportlab_baseline(records: list[dict], out: Path) -> float:
    """The same simple documents, written directly with ReportLab platypus
    (Paragraph with wordWrap="CJK", one registered TrueType CJK face: the one
    reportgen's font cache holds, so both sides pay no font conversion)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    from reportgen.fonts import fontset_for
    from reportgen.themes import load_theme

    font = fontset_for(load_theme("default")).face("宋体").name  # registered with ReportLab
    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=22, wordWrap="CJK", firstLineIndent=24)
    h1 = ParagraphStyle("h1", parent=body, fontSize=14, firstLineIndent=0)
    title = ParagraphStyle("title", parent=body, fontSize=22, leading=30, alignment=1, firstLineIndent=0)
    out.mkdir()
    t0 = time.perf_counter()
    for rec in records:
        story = [Paragraph(f"{rec['district']['name']}工作情况报告", title),
                 Paragraph(f"市学习教育办：{rec['district']['name']}本期工作情况如下。", body)]
        rows = [["事项", "数量", "单位"]]
        for s in rec["sections"]:
            story += [Paragraph(s["theme"], h1), Paragraph(s["summary"], body)]
            for item in s["items"]:
                story += [Paragraph(item["topic"], h1),
                          Paragraph("；".join(f"{f['what']}{f['value']}{f['unit']}" for f in item["facts"]) + "。",
                                    body)]
                rows += [[Paragraph(f["what"], body), str(f["value"]), f["unit"]] for f in item["facts"]]
        story.append(Table(rows, style=[("FONTNAME", (0, 0), (-1, -1), font)]))
        SimpleDocTemplate(str(out / f"{rec['district']['name']}.pdf"), pagesize=A4).build(story)
    return time.perf_counter() - t0


def one_size(n: int, jobs: int | None) -> dict:
    from reportgen import build

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "proj"
        records = make_project(root, n)
        t0 = time.perf_counter()
        first = build(root, jobs=jobs)
        t_first = time.perf_counter() - t0
        assert first.exit_code == 0, first.failed[:3]
        t0 = time.perf_counter()
        again = build(root, jobs=jobs)
        t_noop = time.perf_counter() - t0
        assert not again.built and len(again.skipped) == len(first.built)
        peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                   resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)  # of the two builds
        t0 = time.perf_counter()
        docx_only = build(root, formats=("docx",), jobs=1, force=True)
        t_docx = time.perf_counter() - t0
        t_base = python_docx_baseline(records, Path(tmp) / "baseline")
        t0 = time.perf_counter()
        pdf_only = build(root, formats=("pdf",), jobs=1, force=True)
        t_pdf = time.perf_counter() - t0
        t_rl = reportlab_baseline(records, Path(tmp) / "baseline-rl")
    docs = len(first.built)
    return {"n": n, "docs": docs, "seconds": t_first, "docs_per_s": docs / t_first,
            "ms_per_doc": 1000 * t_first / docs, "peak_rss_mb": peak / 1024, "noop_s": t_noop,
            "docx_ms_per_doc_1job": 1000 * t_docx / len(docx_only.built),
            "python_docx_ms_per_doc": 1000 * t_base / n,
            "pdf_ms_per_doc_1job": 1000 * t_pdf / len(pdf_only.built), "reportlab_ms_per_doc": 1000 * t_rl / n}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[20, 100])
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one_size(args.one, args.jobs)))
        return
    print(f"{'N':>5} {'docs':>5} {'build s':>8} {'docs/s':>7} {'ms/doc':>7} {'peak MB':>8} {'no-op s':>8} "
          f"{'docx ms':>8} {'py-docx ms':>10} {'ratio':>6} {'pdf ms':>7} {'rl ms':>6} {'ratio':>6}")
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(n)] + (["--jobs", str(args.jobs)] if args.jobs else [])
        r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        docx_ratio = r["docx_ms_per_doc_1job"] / r["python_docx_ms_per_doc"]
        pdf_ratio = r["pdf_ms_per_doc_1job"] / r["reportlab_ms_per_doc"]
        print(f"{r['n']:>5} {r['docs']:>5} {r['seconds']:>8.2f} {r['docs_per_s']:>7.1f} {r['ms_per_doc']:>7.1f} "
              f"{r['peak_rss_mb']:>8.0f} {r['noop_s']:>8.2f} {r['docx_ms_per_doc_1job']:>8.1f} "
              f"{r['python_docx_ms_per_doc']:>10.1f} {docx_ratio:>5.1f}x {r['pdf_ms_per_doc_1job']:>7.1f} "
              f"{r['reportlab_ms_per_doc']:>6.1f} {pdf_ratio:>5.1f}x")
    print("docx/pdf ms: one worker, per document; py-docx / rl: hand-written python-docx / ReportLab "
          "scripts making the same simple documents (no grid, no kinsoku, no justification)")

if __name__ == "__main__":
    main()
