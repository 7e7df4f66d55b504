"""The page's routes through Starlette's test client: the guards, uploads
and what the record table says, previews, documents, 生成全部 and its zip
(read back with zipfile, pypdf and python-docx), and the project folder
left as it was."""
from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

from serve_helpers import BAD_CELL, GOOD_NAMES, TOKEN, digest_tree, need_serve


def upload(client, path, name=None):
    with open(path, "rb") as fh:
        return client.post("/upload", files={"file": (name or path.name, fh)})


def wait_for_build(client) -> str:
    """Read the progress events to the end; return the build panel."""
    with client.stream("GET", "/build/events") as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        events = [line for line in r.iter_lines() if line.startswith("event: ")]
    assert events[-1] == "event: end"
    return client.get("/build").text


# -- guards -----------------------------------------------------------------

def test_every_request_needs_the_token(project, tmp_path):
    need_serve()
    from starlette.testclient import TestClient

    from reportgen.serve.app import Settings, create_app

    app = create_app(Settings(root=project, tmp=tmp_path / "s", token=TOKEN, hosts=["testserver"]))
    with TestClient(app, base_url="http://testserver") as c:
        for path in ("/", "/records", "/static/htmx.min.js", "/static/noto-sans-sc.otf", "/build/zip"):
            assert c.get(path).status_code == 401, path
            assert c.get(path + "?token=wrong").status_code == 403, path
        assert c.post("/upload", files={"file": ("a.csv", b"x")}).status_code == 401
        r = c.get(f"/?token={TOKEN}", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/"  # the token leaves the address bar
        assert "HttpOnly" in r.headers["set-cookie"]
        assert c.get("/").status_code == 200  # the cookie carries it from now on


def test_a_forged_host_is_refused(client):
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"Host": "127.0.0.1.evil.example"}).status_code == 400
    assert client.get("/").status_code == 200


def test_a_foreign_origin_may_not_change_anything(client):
    assert client.post("/build", headers={"Origin": "http://evil.example"}).status_code == 403
    assert client.post("/data/project", headers={"Origin": "null"}).status_code == 403
    assert client.post("/build/cancel", headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert client.post("/build/cancel", headers={"Origin": "http://testserver"}).status_code == 200


def test_an_upload_over_the_limit_is_refused(client, tmp_path):
    big = tmp_path / "big.csv"
    big.write_bytes(b"district\n" + b"x" * (2**20 + 10))
    r = upload(client, big)
    assert r.status_code == 413 and "1 MB" in r.text
    chunked = client.post("/upload", content=iter([b"x" * 2**19] * 3),
                          headers={"Content-Type": "multipart/form-data; boundary=b"})
    assert chunked.status_code == 413  # no Content-Length: counted while it arrives
    assert "正在使用项目自带的数据" in client.get("/").text


def test_no_path_from_the_network_leaves_the_session(client, project, tmp_path):
    for path in ("/pages/..%2F..%2Freportgen.yaml", "/pages/%2E%2E/data-1/data/x.csv",
                 "/static/..%2F..%2F..%2Freportgen.yaml", "/static/../app.py"):
        assert client.get(path).status_code == 404, path
    r = upload(client, project / "data" / "districts.csv", name="../../../evil/..\\districts.csv")
    assert r.status_code == 200
    assert not (tmp_path / "evil").exists()
    assert [p.name for p in client.settings.tmp.rglob("districts.csv")] == ["districts.csv"]


# -- the record table --------------------------------------------------------

def test_a_sheet_with_a_mistake_shows_the_cell(client, sheets, project):
    before = digest_tree(project)
    r = upload(client, sheets["bad"])
    assert r.status_code == 200 and r.headers["HX-Refresh"] == "true"
    html = client.get("/records?template=district-brief").text
    row = re.search(r"<tr class=\"bad\">.*?</tr>", html, re.S).group(0)
    assert "西山县" in row and f">{BAD_CELL}<" in row
    assert "lectures: &#39;86场&#39; is not a number" in row and "write 86" in row  # field, message, hint
    assert html.count('<tr class="bad">') == 1
    assert "有错.xlsx" in client.get("/").text
    assert digest_tree(project) == before


def test_a_good_sheet_lists_every_district(client, sheets):
    upload(client, sheets["good"])
    html = client.get("/records?template=district-brief").text
    for name in GOOD_NAMES:
        assert f">{name}</a>" in html
    assert html.count(">可以生成<") == len(GOOD_NAMES)
    assert "有问题" not in html


def test_an_empty_cell_is_named_by_its_column(client, tmp_path):
    from serve_helpers import GOOD, write_sheet

    rows = [GOOD[0], GOOD[1], ["南港区", 64, None, *GOOD[2][3:]]]  # C4 left empty
    upload(client, write_sheet(tmp_path / "漏填.xlsx", rows))
    row = re.search(r"<tr class=\"bad\">.*?</tr>", client.get("/records").text, re.S).group(0)
    assert "南港区" in row and ">C4<" in row and "missing required key &#39;people&#39;" in row


def test_a_broken_project_file_is_shown_not_crashed(client, project):
    (project / "reportgen.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    html = client.get("/").text
    assert "reportgen.yaml" in html and "有问题" in html
    assert "项目现在无法读取" in client.post("/build").text


def test_a_file_that_is_no_data_file_is_named(client, tmp_path):
    other = tmp_path / "说明.docx"
    other.write_bytes(b"PK")
    r = upload(client, other)
    assert r.status_code == 200 and "说明.docx" in r.text and ".xlsx" in r.text
    broken = tmp_path / "坏表.xlsx"
    broken.write_bytes(b"not a workbook")
    upload(client, broken)
    html = client.get("/").text
    assert "坏表.xlsx" in html and "not an Excel .xlsx workbook" in html
    assert "reportgen-serve" not in html  # no session path is shown


# -- previews and documents ----------------------------------------------------

def test_a_record_shows_its_pages(client, sheets):
    upload(client, sheets["good"])
    html = client.get("/preview", params={"template": "district-note", "record": "北塘区"}).text
    pages = re.findall(r'<img src="(/pages/[0-9a-f]+-\d+\.png)" alt="北塘区 第(\d+)页"', html)
    assert [n for _src, n in pages] == ["1"]
    png = client.get(pages[0][0])
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert 'aria-current="true"' in html  # the records table, swapped out of band, marks the row


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_documents_open_as_build_names_them(client, fmt):
    from docx import Document
    from pypdf import PdfReader

    r = client.get("/document", params={"template": "district-brief", "record": "西山县", "format": fmt})
    assert r.status_code == 200
    assert "filename*=UTF-8''%E8%A5%BF%E5%B1%B1%E5%8E%BF." + fmt in r.headers["content-disposition"]
    if fmt == "pdf":
        assert "西山县关于党史学习教育开展情况的报告" in PdfReader(io.BytesIO(r.content)).pages[0].extract_text()
    else:
        assert any("西山县" in p.text for p in Document(io.BytesIO(r.content)).paragraphs)


def test_an_edit_on_disk_rerenders_and_an_error_keeps_the_last_good_pages(client, project):
    params = {"template": "district-brief", "record": "东湖区"}
    first = re.findall(r"/pages/[0-9a-f]+-1\.png", client.get("/preview", params=params).text)
    since = re.search(r"since=([0-9a-f]+)", client.get("/").text).group(1)
    assert client.get(f"/changes?since={since}").status_code == 204
    entry = project / "templates" / "district-brief" / "brief.md.j2"
    entry.write_text(entry.read_text(encoding="utf-8") + "\n附：本报告已按新模板修改。\n", encoding="utf-8")
    changed = client.get(f"/changes?since={since}")
    assert changed.status_code == 200 and changed.headers["HX-Trigger"] == "reportgen-changed"
    html = client.get("/preview", params=params).text
    second = re.findall(r"/pages/[0-9a-f]+-1\.png", html)
    assert second and second != first
    pdf = client.get("/document", params={**params, "format": "pdf"}).content
    assert b"%PDF" in pdf[:8]
    entry.write_text("{% if %}broken", encoding="utf-8")
    html = client.get("/preview", params=params).text
    assert "这份文件现在生成不了" in html and "brief.md.j2" in html
    assert re.findall(r"/pages/[0-9a-f]+-1\.png", html) == second  # the last good pages stay


# -- 生成全部 ----------------------------------------------------------------

def expected_names(names) -> set[str]:
    return {f"{t}/{n}.{ext}" for t in ("district-brief", "district-note") for n in names for ext in ("pdf", "docx")}


def test_build_all_then_download_a_complete_zip(client, sheets, project):
    from docx import Document
    from pypdf import PdfReader

    before = digest_tree(project)
    upload(client, sheets["good"])
    r = client.post("/build")
    assert r.status_code == 200 and 'data-events="/build/events"' in r.text
    panel = wait_for_build(client)
    assert "已生成 16 份文件" in panel and ">下载</a>" in panel
    r = client.get("/build/zip")
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        names = set(zf.namelist())
        assert names == expected_names(GOOD_NAMES) | {"manifest.json"}
        manifest = json.loads(zf.read("manifest.json"))
        assert {d["path"] for d in manifest["documents"] if d["status"] == "built"} == names - {"manifest.json"}
        for name in names - {"manifest.json"}:
            data = io.BytesIO(zf.read(name))
            if name.endswith(".pdf"):
                assert name.split("/")[1][:-4] in PdfReader(data).pages[0].extract_text()
            else:
                assert any(name.split("/")[1][:-5] in p.text for p in Document(data).paragraphs)
    assert digest_tree(project) == before  # the project folder is never written


def test_a_sheet_with_problems_builds_nothing_unless_asked_then_the_projects_own_data(client, sheets):
    upload(client, sheets["bad"])
    client.post("/build")
    panel = wait_for_build(client)  # as reportgen build: problems found before rendering stop it
    assert "没有生成" in panel and ">下载<" not in panel
    assert "有错.xlsx:3:2: lectures: &#39;86场&#39; is not a number" in panel  # the clerk's file name
    assert "reportgen-serve" not in panel and str(client.settings.tmp) not in panel
    assert "跳过有问题的记录，生成其余" in panel
    client.post("/build?keep_going=1")
    panel = wait_for_build(client)
    assert "已生成 12 份文件" in panel and "1 项失败" in panel and ">下载</a>" in panel
    with zipfile.ZipFile(io.BytesIO(client.get("/build/zip").content)) as zf:
        assert set(zf.namelist()) == expected_names(["东湖区", "南港区", "北塘区"]) | {"manifest.json"}
    client.post("/data/project")
    client.post("/build")
    assert "已生成 12 份文件" in wait_for_build(client)
    with zipfile.ZipFile(io.BytesIO(client.get("/build/zip").content)) as zf:
        assert set(zf.namelist()) == expected_names(["东湖区", "西山县", "南港区"]) | {"manifest.json"}


def test_a_build_can_be_cancelled(client):
    r = client.post("/build")
    assert "取消" in r.text
    panel = client.post("/build/cancel").text
    assert "已取消" in panel and ">下载<" not in panel
    assert client.get("/build/zip").status_code == 404


# -- a project with several kinds of templates ---------------------------------

def test_the_sample_project_previews_every_template(sample_project, tmp_path):
    need_serve()
    from starlette.testclient import TestClient

    from reportgen.serve.app import Settings, create_app

    before = digest_tree(sample_project)
    app = create_app(Settings(root=sample_project, tmp=tmp_path / "s", token=TOKEN, hosts=["testserver"]))
    with TestClient(app, base_url="http://testserver") as c:
        html = c.get(f"/?token={TOKEN}&template=briefing&record=北山县").text
        assert re.findall(r'<option value="([\w-]+)"', html) == ["summary-report", "briefing", "district-overview"]
        assert 'alt="北山县 第1页"' in html and "4 条记录" in html
        overview = c.get("/preview", params={"template": "district-overview"}).text  # a roll-up: no record
        assert 'alt="district-overview 第1页"' in overview
    assert digest_tree(sample_project) == before


def test_import_reportgen_loads_no_web_stack():
    import subprocess
    import sys

    code = "import reportgen, reportgen.cli, sys; print(sorted({'starlette', 'uvicorn', 'reportgen.serve'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_nothing_but_the_command_line_imports_serve():
    import ast

    from helpers import ROOT

    src = ROOT / "src" / "reportgen"
    importers = set()
    for path in src.rglob("*.py"):
        if "serve" in path.relative_to(src).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if any(n == "serve" or n.startswith("serve.") or ".serve" in n for n in names):
                importers.add(path.relative_to(src).as_posix())
    assert importers == {"cli.py"}
