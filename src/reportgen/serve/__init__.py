"""``reportgen serve``: a local web page for the people who make the reports.

Choose a data file (a sheet exported from Excel or WPS, CSV, YAML or JSON),
see every record with its problems (field and cell), look at each record's
pages, build everything and download a zip.  The same page is a live preview
for template authors: a change on disk re-renders the shown pages.

Layout of the package (it sits at the top, like ``cli``; nothing imports it):

- ``server.py``: binds 127.0.0.1, prints the URL with its token, runs uvicorn;
- ``app.py``: the Starlette routes and the page's Jinja2 templates;
- ``guards.py``: what a local server must refuse (token, Host, Origin, size);
- ``workspace.py``: one session's data, records, problems and previews;
- ``overlay.py``: an uploaded file as the project's data (an overlay project);
- ``problems.py``: diagnostics as the page shows them (cells as Excel names them);
- ``builds.py``: 生成全部 as a child ``python -m reportgen build``, its
  progress, cancel and the zip.

Needs the ``serve`` extra (``pip install reportgen[serve]``): starlette,
uvicorn, python-multipart and pypdfium2.  ``import reportgen`` never imports
this package.
"""
from __future__ import annotations

MAX_UPLOAD_MB = 50
REQUIRED = ("starlette", "uvicorn", "python_multipart", "pypdfium2")


def missing_modules() -> list[str]:
    """The modules of the ``serve`` extra that cannot be imported."""
    from importlib.util import find_spec

    return [name for name in REQUIRED if find_spec(name) is None]
