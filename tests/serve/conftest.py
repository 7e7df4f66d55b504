"""Fixtures of the ``reportgen serve`` tests: a temporary copy of the test
project (tests/serve/project: one sheet row per district), sheets, and the
app behind Starlette's test client.  The serve extra and Chromium are
needed: in CI (``CI`` set) their absence fails the tests, elsewhere it skips
them with the reason."""
from __future__ import annotations

import pytest

from serve_helpers import BAD, GOOD, TOKEN, copy_project, need_serve, write_sheet


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


@pytest.fixture
def sheets(tmp_path):
    return {"good": write_sheet(tmp_path / "各区情况.xlsx", GOOD), "bad": write_sheet(tmp_path / "有错.xlsx", BAD)}


@pytest.fixture
def client(project, tmp_path):
    """The app for ``project`` behind Starlette's test client, already past the token."""
    need_serve()
    from starlette.testclient import TestClient

    from reportgen.serve.app import Settings, create_app

    settings = Settings(root=project, tmp=tmp_path / "sessions", token=TOKEN, hosts=["testserver"],
                        max_upload=2**20)
    with TestClient(create_app(settings), base_url="http://testserver") as c:
        assert c.get(f"/?token={TOKEN}").status_code == 200
        c.settings = settings
        yield c
    assert not settings.tmp.exists()  # the sessions' folder goes with the server
