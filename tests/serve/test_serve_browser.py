"""The page in a real browser: Debian's Chromium driven by Playwright through
the page's visible names, against ``python -m reportgen serve --project
COPY --port 0 --no-browser`` running as a subprocess.

Each test opens its own browser context (so its own session); screenshots
of the run are kept under the pytest temporary folder (``serve-screenshots``)
for a person to look at."""
from __future__ import annotations

import io
import json
import zipfile

import pytest

from serve_helpers import BAD_CELL, GOOD, GOOD_NAMES, Server, chromium, copy_project, digest_tree, need_serve, \
    write_sheet

WAIT_MS = 30_000  # the longest any step may take on a slow machine (not a timing assertion)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    need_serve()
    executable = chromium()
    tmp = tmp_path_factory.mktemp("serve-browser")
    project = copy_project(tmp / "project")
    before = digest_tree(project)
    server = Server(project)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=WAIT_MS)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable)
        try:
            yield {"server": server, "project": project, "browser": browser, "tmp": tmp, "before": before,
                   "shots": tmp_path_factory.getbasetemp() / "serve-screenshots"}
        finally:
            browser.close()
            server.stop()


@pytest.fixture
def page(served):
    context = served["browser"].new_context(viewport={"width": 1360, "height": 900}, locale="zh-CN",
                                            accept_downloads=True)
    page = context.new_page()
    page.goto(served["server"].url)
    yield page
    context.close()


def shot(served, page, name: str) -> None:
    served["shots"].mkdir(exist_ok=True)
    page.screenshot(path=str(served["shots"] / f"{name}.png"))


def upload(page, path) -> None:
    from playwright.sync_api import expect

    page.get_by_label("数据文件").set_input_files(str(path))
    expect(page.get_by_text(f"正在使用上传的文件：{path.name}")).to_be_visible()


def test_a_sheet_with_a_mistake_shows_the_cell(served, page, tmp_path):
    from playwright.sync_api import expect

    bad = [GOOD[0], ["西山县", "86场", *GOOD[1][2:]], *GOOD[2:]]
    upload(page, write_sheet(tmp_path / "三季度.xlsx", bad))
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="西山县"))
    expect(row).to_contain_text(BAD_CELL)
    expect(row).to_contain_text("有问题")
    expect(row).to_contain_text("lectures")  # the field
    page.get_by_role("link", name="西山县").click()
    expect(page.get_by_role("alert").filter(has_text="这份文件现在生成不了")).to_contain_text(BAD_CELL)
    shot(served, page, "serve-mistake")


def test_a_good_sheet_lists_every_district_and_its_pages_load(served, page, tmp_path):
    from playwright.sync_api import expect

    upload(page, write_sheet(tmp_path / "各区情况.xlsx", GOOD))
    for name in GOOD_NAMES:
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(page.get_by_text("共 4 条记录，都可以生成")).to_be_visible()
    page.get_by_role("link", name="北塘区").click()
    image = page.get_by_alt_text("北塘区 第1页")
    expect(image).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 800", arg=image.element_handle())
    fonts = page.evaluate("document.fonts.ready.then(() => [...document.fonts]"
                          ".filter(f => f.status === 'loaded').map(f => f.family))")
    assert "Reportgen Noto Sans SC" in [f.strip('"') for f in fonts]  # Chinese in the web font, no boxes
    page.get_by_label("模板").select_option("district-note")
    expect(page.get_by_role("heading", name="北塘区 district-note")).to_be_visible()  # the 简报 now
    expect(page.get_by_alt_text("北塘区 第1页")).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 800",
                           arg=page.get_by_alt_text("北塘区 第1页").element_handle())
    shot(served, page, "serve-preview")


def test_an_edit_of_the_template_changes_the_preview_by_itself(served, page):
    from playwright.sync_api import expect
    from pypdf import PdfReader

    page.get_by_role("link", name="南港区").click()
    image = page.get_by_alt_text("南港区 第1页")
    expect(image).to_be_visible()
    first = image.get_attribute("src")
    entry = served["project"] / "templates" / "district-brief" / "brief.md.j2"
    original = entry.read_text(encoding="utf-8")
    try:
        entry.write_text(original.replace("特此报告。", "下一步将继续扩大覆盖面。\n\n特此报告。"), encoding="utf-8")
        expect(image).not_to_have_attribute("src", first)  # nobody clicked: the page noticed
        href = page.get_by_role("link", name="PDF 文件").get_attribute("href")
        pdf = page.request.get(served["server"].base + href)
        assert "下一步将继续扩大覆盖面" in PdfReader(io.BytesIO(pdf.body())).pages[0].extract_text()
        second = image.get_attribute("src")
        entry.write_text(original.replace("{{ lectures }}场", "{{ lectures }场"), encoding="utf-8")
        expect(page.get_by_role("alert").filter(has_text="这份文件现在生成不了")).to_contain_text("brief.md.j2")
        expect(image).to_have_attribute("src", second)  # over the last good pages
        shot(served, page, "serve-template-error")
    finally:
        entry.write_text(original, encoding="utf-8")
    expect(page.get_by_role("alert").filter(has_text="这份文件现在生成不了")).to_have_count(0)


def test_build_all_then_download_the_zip(served, page):
    from playwright.sync_api import expect

    page.get_by_role("button", name="生成全部").click()
    link = page.get_by_role("link", name="下载", exact=True)
    expect(link).to_be_visible()
    expect(page.get_by_text("已生成 12 份文件")).to_be_visible()
    shot(served, page, "serve-build")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "各区宣讲情况（服务测试）.zip"
    with zipfile.ZipFile(download.path()) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read("manifest.json"))
    expected = {f"{t}/{n}.{ext}" for t in ("district-brief", "district-note") for n in ("东湖区", "西山县", "南港区")
                for ext in ("pdf", "docx")}
    assert names == expected | {"manifest.json"}
    assert {d["path"] for d in manifest["documents"]} == expected
    assert digest_tree(served["project"]) == served["before"]  # the page never wrote into the project
