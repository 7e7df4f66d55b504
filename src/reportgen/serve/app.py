"""The Starlette application: the page, its fragments (htmx swaps them),
uploads, documents, page images, 生成全部 with server-sent progress, the zip.

Every path a request can reach is one of: the package's static files, the
bundled web font, a preview image named by its digest inside the session
folder, the session's latest zip.  Template and record names are looked up
among the loaded ones, never used as paths.
"""
from __future__ import annotations

import asyncio
import json
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..iofs import safe_component
from .builds import RUNNING, BuildRun, build_command
from .guards import Guard
from .workspace import UPLOAD_SUFFIXES, Session

HERE = Path(__file__).parent
MAX_SESSIONS = 16
FORMAT_TYPES = {"pdf": "application/pdf",
                "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@dataclass
class Settings:
    root: Path  # the project folder (read only)
    tmp: Path  # this server's folder for sessions (outside the project)
    token: str
    hosts: list[str]  # Host headers answered, e.g. 127.0.0.1:8000 and localhost:8000
    cookie: str = "reportgen"
    max_upload: int = 50 * 2**20
    sessions: dict = field(default_factory=dict)  # session id → Session
    lock: threading.Lock = field(default_factory=threading.Lock)

    def session(self, request: Request) -> Session:
        sid = request.scope["state"]["sid"]
        with self.lock:
            s = self.sessions.get(sid)
            if s is None:
                if len(self.sessions) >= MAX_SESSIONS:
                    self._forget_oldest()
                folder = self.tmp / sid[:16]
                s = self.sessions[sid] = Session(self.root, folder)
            self.sessions[sid] = self.sessions.pop(sid)  # most recently used last
            return s

    def _forget_oldest(self) -> None:
        for sid, s in list(self.sessions.items()):
            if s.build is None or s.build.finished:
                del self.sessions[sid]
                shutil.rmtree(s.folder, ignore_errors=True)
                return

    def close(self) -> None:
        """Stop every running build and remove the sessions' folders."""
        for s in list(self.sessions.values()):
            if s.build is not None and not s.build.finished:
                s.build.cancel()
                s.build.wait(15)
        shutil.rmtree(self.tmp, ignore_errors=True)


def _environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["link"] = lambda path, **q: path + ("?" + urlencode({k: v for k, v in q.items() if v})
                                                    if any(q.values()) else "")
    return env


def create_app(settings: Settings, on_start=None) -> Starlette:
    env = _environment()

    def html(name: str, status: int = 200, headers: dict | None = None, **ctx) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**ctx), status_code=status, headers=headers)

    def view(session: Session, template: str | None, record: str | None, pages: bool = True) -> dict:
        """What the page and its fragments show."""
        state = session.state()
        tpl = session.template(template)
        rows = session.rows(tpl.name) if tpl else []
        names = [r.name for r in rows]
        record = record if record in names else None
        show = pages and tpl is not None and (record is not None or tpl.scope == "all")
        preview = session.preview(tpl.name, record) if show else None
        return dict(project=state.project, state=state, tpl=tpl, record=record, rows=rows, preview=preview,
                    errors=state.errors, upload=session.upload_name, run=session.build,
                    bad=sum(1 for r in rows if r.errors), root=settings.root)

    async def page(request: Request):
        q = request.query_params
        if "token" in q:  # the printed address: the cookie is set, the token leaves the address bar
            rest = {k: v for k, v in q.items() if k != "token"}
            return RedirectResponse("/" + ("?" + urlencode(rest) if rest else ""), status_code=303)
        session = settings.session(request)
        ctx = await run_in_threadpool(view, session, q.get("template"), q.get("record"))
        return html("page.html", **ctx)

    async def records(request: Request):
        session = settings.session(request)
        ctx = await run_in_threadpool(view, session, request.query_params.get("template"),
                                      request.query_params.get("record"), False)
        return html("_records.html", **ctx)

    async def preview(request: Request):
        session = settings.session(request)
        q = request.query_params
        ctx = await run_in_threadpool(view, session, q.get("template"), q.get("record"))
        return html("_preview.html", oob=True, **ctx)

    async def changes(request: Request):
        session = settings.session(request)
        state = await run_in_threadpool(session.state)
        if state.fingerprint == request.query_params.get("since"):
            return Response(status_code=204)
        return html("_watch.html", headers={"HX-Trigger": "reportgen-changed"}, state=state)

    async def upload(request: Request):
        session = settings.session(request)
        form = await request.form(max_files=1, max_fields=4)
        try:
            item = form.get("file")
            if not isinstance(item, UploadFile) or not item.filename:
                return html("_notice.html", text="没有收到文件，请重新选择。")
            if not item.filename.lower().endswith(UPLOAD_SUFFIXES):
                return html("_notice.html", text=f"“{item.filename}”不是可用的数据文件："
                                                 f"请选择 .xlsx、.xls、.csv、.yaml 或 .json 文件。")
            data = await item.read()
            await run_in_threadpool(session.set_upload, item.filename, data)
        finally:
            await form.close()
        return Response("", headers={"HX-Refresh": "true"})

    async def use_project_data(request: Request):
        settings.session(request).clear_upload()
        return Response("", headers={"HX-Refresh": "true"})

    async def document(request: Request):
        session = settings.session(request)
        q = request.query_params
        fmt = q.get("format", "pdf")
        if fmt not in FORMAT_TYPES:
            return Response("unknown format", status_code=404)
        try:
            name, data = await run_in_threadpool(session.document, q.get("template"), q.get("record"), fmt)
        except Exception as exc:  # noqa: BLE001 - shown to the clerk
            from .problems import problems

            return html("error.html", status=422, problems=problems(exc, session.names(), settings.root))
        how = "inline" if fmt == "pdf" else "attachment"
        return Response(data, media_type=FORMAT_TYPES[fmt],
                        headers={"Content-Disposition": f"{how}; filename*=UTF-8''{quote(name)}"})

    async def page_image(request: Request):
        path = settings.session(request).page_file(request.path_params["name"])
        if path is None:
            return Response("not found", status_code=404)
        return FileResponse(path, media_type="image/png", headers={"Cache-Control": "private, max-age=86400"})

    async def build_panel(request: Request):
        return html("_build.html", run=settings.session(request).build)

    async def build_start(request: Request):
        session = settings.session(request)
        keep_going = request.query_params.get("keep_going") == "1"
        error = await run_in_threadpool(start_build, session, keep_going)
        return html("_build.html", run=None if error else session.build, error=error)

    async def build_cancel(request: Request):
        run = settings.session(request).build
        if run is not None and not run.finished:
            run.cancel()
            await run_in_threadpool(run.wait, 20)
        return html("_build.html", run=run)

    async def build_events(request: Request):
        run = settings.session(request).build
        if run is None:
            return Response(status_code=204)

        async def stream():
            seen = -1
            while True:
                counter, p, status = run.snapshot()
                if counter != seen:
                    seen = counter
                    data = json.dumps({"done": p.done, "total": p.total, "last": p.last, "failed": p.failed},
                                      ensure_ascii=False)
                    yield f"event: progress\ndata: {data}\n\n"
                if status != RUNNING:
                    yield "event: end\ndata: {}\n\n"
                    return
                await asyncio.sleep(0.2)

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    async def build_zip(request: Request):
        run = settings.session(request).build
        if run is None or not run.zip_path.is_file():
            return Response("no zip yet: press 生成全部 first", status_code=404)
        return FileResponse(run.zip_path, media_type="application/zip", filename=run.zip_path.name)

    async def font(request: Request):
        from ..fonts import bundled_fonts

        return FileResponse(bundled_fonts()["sans"], media_type="font/otf",
                            headers={"Cache-Control": "private, max-age=604800"})

    def start_build(session: Session, keep_going: bool) -> str | None:
        with session.lock:
            if session.build is not None and not session.build.finished:
                return None  # one build at a time: the page shows the running one
            return _start(session, keep_going)

    def _start(session: Session, keep_going: bool) -> str | None:
        from ..batch.plan import plan

        state = session.state()
        if state.project is None:
            return "项目现在无法读取，请先看上面的问题。"
        try:
            jobs, _failures = plan(state.project, state.records, state.project.formats)
        except Exception as exc:  # noqa: BLE001 - e.g. two documents with one name
            return str(exc)
        n = sum(1 for p in session.folder.glob("build-*")) + 1
        folder = session.folder / f"build-{n}"
        out = folder / "output"
        out.mkdir(parents=True)
        zip_path = folder / f"{safe_component(state.project.name)}.zip"
        names = {**session.names(), str(settings.root) + os.sep: ""}  # messages name files as the clerk knows them
        session.build = BuildRun(build_command(session.overlay or settings.root, out, keep_going), out, zip_path,
                                 len(jobs), names=names)
        return None

    routes = [
        Route("/", page), Route("/records", records), Route("/preview", preview), Route("/changes", changes),
        Route("/upload", upload, methods=["POST"]), Route("/data/project", use_project_data, methods=["POST"]),
        Route("/document", document), Route("/pages/{name}", page_image),
        Route("/build", build_panel), Route("/build", build_start, methods=["POST"]),
        Route("/build/cancel", build_cancel, methods=["POST"]), Route("/build/events", build_events),
        Route("/build/zip", build_zip), Route("/static/noto-sans-sc.otf", font),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    guard = Middleware(Guard, token=settings.token, hosts=settings.hosts, cookie=settings.cookie,
                       max_upload=settings.max_upload)

    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(app):
        if on_start is not None:
            on_start()
        try:
            yield
        finally:
            await run_in_threadpool(settings.close)

    return Starlette(routes=routes, middleware=[guard], lifespan=lifespan)
