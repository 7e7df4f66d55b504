"""DOCX package properties, read back with zipfile/lxml/python-docx: core.xml
from the document's Meta and the build's timestamp, app.xml with reportgen
and the page count of the PDF of the same document, zh-CN theme-font
language, no thumbnail, nothing left of python-docx's stock package.  The
PDF's info dictionary says the same as core.xml."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timezone

import docx
import pytest
from lxml import etree
from pypdf import PdfReader

from reportgen import __version__
from reportgen.errors import UsageError
from reportgen.model import Document, Meta, Paragraph, Text
from reportgen.pipeline import Renderer
from reportgen.templating.template import load_template
from reportgen.themes import load_theme
from reportgen.writers import build_stamp
from reportgen.writers.docx import DocxWriter

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
NOTICE = """\
:::{masthead}
:issuer: 某市人民政府文件
:doc_no: 某政发〔2024〕1号
:::
# 关于{{ topic }}的通知

{% for i in range(paragraphs) %}
第{{ i + 1 }}项：各区要按照统一部署，认真做好{{ topic }}工作，确保各项任务落实到位，定期报送进展情况。

{% endfor %}
:::{signature}
:issuer: 某市人民政府
:date: 2024年1月2日
:::
"""


@pytest.fixture
def template(tmp_path):
    d = tmp_path / "notice"
    d.mkdir()
    (d / "template.yaml").write_text("name: notice\ndescription: 通知 — one per district\ntheme: gongwen\n",
                                     encoding="utf-8")
    (d / "notice.md.j2").write_text(NOTICE, encoding="utf-8")
    return load_template(d)


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def app(data: bytes) -> dict[str, str]:
    root = etree.fromstring(parts(data)["docProps/app.xml"])
    return {e.tag.replace(EP, ""): e.text for e in root}


def both(renderer, paragraphs=60, record="第一区"):
    doc = renderer.document(renderer.markdown({"topic": "防汛", "paragraphs": paragraphs}, record), record)
    return doc, renderer.write(doc, "pdf"), renderer.write(doc, "docx")


def test_docx_pages_are_the_pdf_pages_of_the_same_document(template):
    renderer = Renderer(template)
    for n in (1, 60):
        _, pdf, dx = both(renderer, n)
        real = len(PdfReader(io.BytesIO(pdf.data)).pages)
        assert dx.pages == pdf.pages == real
        assert app(dx.data)["Pages"] == str(real)
    assert real > 2


def test_docx_alone_gets_the_page_count_too(template):
    renderer = Renderer(template)
    doc = renderer.document(renderer.markdown({"topic": "防汛", "paragraphs": 60}, "第一区"), "第一区")
    dx = renderer.write(doc, "docx")  # no PDF rendered in this process
    assert dx.pages == len(PdfReader(io.BytesIO(Renderer(template).write(doc, "pdf").data)).pages) > 2
    assert app(dx.data)["Pages"] == str(dx.pages)


def test_core_properties_come_from_the_document(template):
    _, pdf, dx = both(Renderer(template, stamp=datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)))
    cp = docx.Document(io.BytesIO(dx.data)).core_properties
    assert cp.title == "关于防汛的通知"
    assert cp.author == "某市人民政府"  # the masthead's issuer without 文件
    assert cp.subject == "通知 — one per district"
    assert cp.keywords == "notice, 第一区"
    assert cp.last_modified_by == "reportgen" and cp.revision == 1
    assert cp.created == cp.modified == datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)
    assert cp.comments == "" and cp.category == ""
    info = PdfReader(io.BytesIO(pdf.data)).metadata  # the PDF says the same
    assert (info.title, info.author, info.subject, info["/Keywords"]) == (
        cp.title, cp.author, cp.subject, cp.keywords)


def test_title_falls_back_to_the_record_and_author_to_the_signature(tmp_path):
    (tmp_path / "plain.md.j2").write_text("正文。\n\n:::{signature}\n:issuer: 甲局、乙局\n"
                                          ":date: 2024年1月2日\n:::\n", encoding="utf-8")
    renderer = Renderer(load_template(tmp_path / "plain.md.j2"))
    meta = renderer.document(renderer.markdown({}, "第二区"), "第二区").meta
    assert (meta.title, meta.author, meta.keywords, meta.date) == (
        "第二区", "甲局、乙局", ("plain", "第二区"), "2024年1月2日")


def test_app_xml_names_reportgen_and_nothing_of_word(template):
    _, _, dx = both(Renderer(template), 1)
    props = app(dx.data)
    assert props["Application"] == "reportgen"
    assert re.fullmatch(r"\d\d\.\d{4}", props["AppVersion"])  # Word refuses other forms
    assert props["AppVersion"].startswith(f"{int(__version__.split('.')[0]):02d}.")
    assert "Template" not in props and "TotalTime" not in props


def test_nothing_of_the_stock_package_is_left(template):
    _, _, dx = both(Renderer(template), 1)
    files = parts(dx.data)
    assert not [n for n in files if "thumbnail" in n or n.endswith((".jpeg", ".jpg"))]
    everything = b"".join(files.values())
    for stock in (b"python-docx", b"Macintosh", b"Normal.dotm", b"ja-JP", b"2013-12-23", b"/thumbnail",
                  b'Extension="jpeg"'):
        assert stock not in everything, stock
    settings = etree.fromstring(files["word/settings.xml"])
    lang = settings.find(f"{W}themeFontLang")
    assert (lang.get(f"{W}val"), lang.get(f"{W}eastAsia")) == ("zh-CN", "zh-CN")


def test_theme_font_language_follows_the_theme_locale(tmp_path):
    path = tmp_path / "en.yaml"
    path.write_text("extends: default\nname: english\nlocale: en\n", encoding="utf-8")
    data = DocxWriter(load_theme(path)).render(Document(Meta(), (Paragraph((Text("Text"),)),))).data
    lang = etree.fromstring(parts(data)["word/settings.xml"]).find(f"{W}themeFontLang")
    assert (lang.get(f"{W}val"), lang.get(f"{W}eastAsia")) == ("en-US", "zh-CN")


def test_source_date_epoch_dates_every_document(template, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_stamp() == datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)
    _, _, dx = both(Renderer(template), 1)
    cp = docx.Document(io.BytesIO(dx.data)).core_properties
    assert cp.created == cp.modified == datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)
    core = parts(dx.data)["docProps/core.xml"].decode()
    assert core.count("2023-11-14T22:13:20Z") == 2


def test_without_source_date_epoch_the_stamp_is_the_start_of_the_render(template, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.now(timezone.utc).replace(microsecond=0)
    renderer = Renderer(template)
    after = datetime.now(timezone.utc)
    stamps = {docx.Document(io.BytesIO(both(renderer, 1, rec)[2].data)).core_properties.created
              for rec in ("甲", "乙", "丙")}
    assert len(stamps) == 1 and before <= stamps.pop() <= after


def test_a_bad_source_date_epoch_is_a_usage_error(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        build_stamp()
