"""``reportgen serve`` as a clerk starts it: a real process on 127.0.0.1,
its first line, the guards answered over a real socket, Ctrl-C."""
from __future__ import annotations

import http.client
import signal
import socket
import sys

import pytest

from serve_helpers import Server, digest_tree, need_serve


@pytest.fixture
def server(project):
    need_serve()
    s = Server(project, "--max-upload-mb", "1")
    yield s
    s.stop()


def request(server, method, path, headers=None, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, r.read().decode("utf-8", "replace")
    finally:
        conn.close()


def test_first_line_and_the_guards(server, project):
    before = digest_tree(project)
    assert server.first_line.startswith("Serving 各区宣讲情况（服务测试） on http://127.0.0.1:")
    assert request(server, "GET", "/")[0] == 401
    assert request(server, "GET", "/?token=nope")[0] == 403
    assert request(server, "GET", f"/?token={server.token}")[0] == 303
    ok = {"Host": f"127.0.0.1:{server.port}"}
    assert request(server, "GET", f"/records?token={server.token}", ok)[0] == 200
    assert request(server, "GET", f"/records?token={server.token}", {"Host": f"localhost:{server.port}"})[0] == 200
    assert request(server, "GET", f"/records?token={server.token}", {"Host": "attacker.example"})[0] == 400
    assert request(server, "POST", f"/build?token={server.token}", {**ok, "Origin": "http://attacker.example"})[0] == 403
    assert digest_tree(project) == before


def test_a_large_upload_is_refused_before_its_body_is_sent(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=60) as sock:
        sock.sendall((f"POST /upload?token={server.token} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                      "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 104857600\r\n\r\n").encode())
        r = http.client.HTTPResponse(sock)  # not one byte of the 100 MB was sent
        r.begin()
        assert r.status == 413
        assert "1 MB" in r.read().decode("utf-8")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="127.0.0.2 is a loopback address on Linux only")
def test_it_listens_on_127_0_0_1_only(server):
    socket.create_connection(("127.0.0.1", server.port), timeout=10).close()
    with pytest.raises(ConnectionRefusedError):  # 0.0.0.0 would answer here too
        socket.create_connection(("127.0.0.2", server.port), timeout=10).close()


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl-C cannot be sent to a child console from a test on Windows")
def test_ctrl_c_stops_it_cleanly(server):
    server.proc.send_signal(signal.SIGINT)
    assert server.proc.wait(timeout=30) == 0, server.proc.stderr.read().decode()
    assert server.proc.stdout.read().decode("utf-8").splitlines()[-1] == "stopped"
