"""Run the page: bind 127.0.0.1 (a free port for ``port=0``), print
``Serving <project> on http://127.0.0.1:PORT/?token=…`` as the first line,
open the browser, serve until Ctrl-C, then stop running builds and remove
the sessions' folder.  No fork and no POSIX-only signal: the same on Windows."""
from __future__ import annotations

import secrets
import signal
import socket
import sys
import tempfile
import threading
import webbrowser
from pathlib import Path

from .app import Settings, create_app


def serve(project: str | Path = ".", port: int = 0, open_browser: bool = True, max_upload_mb: float = 50,
          stream=None) -> int:
    import uvicorn

    from ..project import load_project

    _stop_on_sigterm()
    root = Path(project).resolve()
    name = load_project(root).name  # a missing or broken reportgen.yaml stops here, before binding
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(("127.0.0.1", port))
        sock.listen(128)  # connections wait from the first line on, until uvicorn accepts them
    except OSError as exc:
        sock.close()
        from ..errors import UsageError

        raise UsageError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}",
                         hint="choose another --port, or --port 0 for a free one") from None
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(24)
    url = f"http://127.0.0.1:{port}/?token={token}"
    settings = Settings(root=root, tmp=Path(tempfile.mkdtemp(prefix="reportgen-serve-")), token=token,
                        hosts=[f"127.0.0.1:{port}", f"localhost:{port}"], cookie=f"reportgen{port}",
                        max_upload=int(max_upload_mb * 2**20))
    try:  # Ctrl-C at any moment from here on stops cleanly
        say(f"Serving {name} on {url}", stream)
        say("Open that address in a browser; press Ctrl-C to stop.", stream)

        def started() -> None:
            if open_browser:
                threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()

        app = create_app(settings, on_start=started)
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                                timeout_graceful_shutdown=3)
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        settings.close()  # also when the lifespan never ran
        sock.close()
    say("stopped", stream)
    return 0


def _stop_on_sigterm() -> None:
    """SIGTERM stops as Ctrl-C does (the sessions' folder is removed), even
    before uvicorn installs its own handlers; the signal exists on Windows too."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, signal.default_int_handler)


def say(text: str, stream=None) -> None:
    """One line, flushed (the first is read by scripts); a console that
    cannot show Chinese gets escapes instead of an error."""
    stream = stream or sys.stdout
    try:
        print(text, file=stream, flush=True)
    except UnicodeEncodeError:
        print(text.encode("ascii", "backslashreplace").decode("ascii"), file=stream, flush=True)
