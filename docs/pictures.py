"""Make the pictures of the docs: page 1 of every built-in template, as PDF
and as DOCX, from the repository's sample project.

    python docs/pictures.py                  # writes docs/img/<template>-pdf.png and -docx.png
    python docs/pictures.py --record 南湖区 --resolution 60

The sample project (reportgen.yaml, templates/, data/) is copied to a
temporary folder and built there with this checkout's reportgen
(``python -m reportgen build --format all``).  Page 1 of each PDF is drawn
with ``pdftoppm`` (poppler-utils); each DOCX is first turned into a PDF by
LibreOffice (``soffice --headless --convert-to pdf``), so its picture shows
what Word-compatible software makes of the DOCX, not reportgen's own PDF.
LibreOffice is shown the open faces reportgen bundles (Noto Serif SC, Noto
Sans SC) as fallbacks for the official face names, the substitutes the PDF
uses, so a machine without Chinese system fonts draws no blank boxes; real
installed faces still win.

A missing tool is not an error: without pdftoppm nothing is drawn, without
soffice only the PDF pictures are (a message says which).  Exit status 0
unless the build itself fails.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMG = ROOT / "docs" / "img"
TEMPLATES = ("summary-report", "briefing", "district-overview")  # every built-in template
SAMPLE = ("reportgen.yaml", "templates", "data")


def build_sample(work: Path) -> Path:
    """Copy the sample project to ``work`` and build it in both formats; the output folder."""
    project = work / "project"
    project.mkdir()
    for name in SAMPLE:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    subprocess.run([sys.executable, "-m", "reportgen", "build", "--format", "all", "--quiet"],
                   cwd=project, env=env, check=True)
    return project / "output"


def document(out: Path, template: str, record: str, ext: str) -> Path:
    """The file the sample project's output pattern gives a template's document."""
    if template == "district-overview":  # scope: all, output "{template}.{ext}"
        return out / f"{template}.{ext}"
    return out / template / f"{record}.{ext}"


def page_one(pdf: Path, png: Path, resolution: int) -> None:
    """Page 1 of ``pdf`` as ``png``."""
    png.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(resolution), "-f", "1", "-l", "1", "-png", "-singlefile",
                    str(pdf), str(png.with_suffix(""))], check=True)


def fontconfig(work: Path) -> Path:
    """A fontconfig file: the system's, plus the bundled Noto faces right
    after every Chinese face name the built-in themes use (as for the PDF:
    黑体-like faces → Noto Sans SC, the others → Noto Serif SC), so an
    installed 仿宋_GB2312 still wins."""
    sys.path.insert(0, str(ROOT / "src"))
    from xml.sax.saxutils import escape

    from reportgen.fonts.resolve import BUNDLED_NAMES, bundled_fonts, generic_family
    from reportgen.themes import load_theme
    from reportgen.themes.theme import builtin_themes

    faces = sorted({f for name in builtin_themes() for f in load_theme(name).faces() if not f.isascii()})
    dirs = sorted({str(p.parent) for p in bundled_fonts().values()})
    aliases = "".join(f"<alias><family>{escape(face)}</family><prefer><family>"
                      f"{BUNDLED_NAMES[generic_family(face)]}</family></prefer></alias>\n" for face in faces)
    conf = work / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
                    + "".join(f"<dir>{escape(d)}</dir>\n" for d in dirs)
                    + f"<cachedir>{escape(str(work / 'fc-cache'))}</cachedir>\n" + aliases + "</fontconfig>\n",
                    encoding="utf-8")
    return conf


def docx_to_pdf(docx: Path, work: Path, fonts: Path) -> Path:
    """The DOCX as LibreOffice lays it out, in a PDF (a private LibreOffice
    profile, so a LibreOffice already running is not disturbed)."""
    profile = work / "lo-profile"
    outdir = work / "from-docx"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(outdir), str(docx)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300,
                   env=dict(os.environ, FONTCONFIG_FILE=str(fonts)))
    return outdir / f"{docx.stem}.pdf"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--record", default="东西湖区", help="the sample district to show (default: 东西湖区)")
    p.add_argument("--resolution", type=int, default=60, help="pixels per inch (default: 60)")
    p.add_argument("--out", type=Path, default=IMG, help="where the PNGs go (default: docs/img)")
    args = p.parse_args(argv)

    if shutil.which("pdftoppm") is None:
        print("pictures: skipped: pdftoppm not found (install poppler-utils)")
        return 0
    soffice = shutil.which("soffice") is not None
    if not soffice:
        print("pictures: soffice not found (install libreoffice-writer): PDF pictures only, DOCX pictures skipped")
    with tempfile.TemporaryDirectory(prefix="reportgen-pictures-") as tmp:
        work = Path(tmp)
        out = build_sample(work)
        fonts = fontconfig(work) if soffice else None
        for template in TEMPLATES:
            pdf = document(out, template, args.record, "pdf")
            page_one(pdf, args.out / f"{template}-pdf.png", args.resolution)
            print(f"wrote {args.out / f'{template}-pdf.png'}")
            if soffice:
                converted = docx_to_pdf(document(out, template, args.record, "docx"), work, fonts)
                page_one(converted, args.out / f"{template}-docx.png", args.resolution)
                print(f"wrote {args.out / f'{template}-docx.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
