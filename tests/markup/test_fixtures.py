"""Parser fixtures: tests/fixtures/markup/<name>.md → <name>.dump.

Regenerate the expected dumps after an intended change with
``REPORTGEN_REGEN=1 pytest tests/markup/test_fixtures.py`` and review the diff.
Image paths are shown relative to the fixture folder as ``<base>/…``.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from reportgen.markup import parse
from reportgen.model.dump import dump

FIXTURES = Path(__file__).parent.parent / "fixtures" / "markup"
CASES = sorted(FIXTURES.glob("*.md"))


def _dump_of(md: Path) -> str:
    doc = parse(md.read_text(encoding="utf-8"), source=md.name, base_dir=FIXTURES)
    return dump(doc).replace(str(FIXTURES.resolve()), "<base>")


def test_there_are_fixtures():
    assert len(CASES) >= 6


@pytest.mark.parametrize("md", CASES, ids=lambda p: p.stem)
def test_fixture(md: Path):
    expected_file = md.with_suffix(".dump")
    actual = _dump_of(md)
    if os.environ.get("REPORTGEN_REGEN"):
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.exists(), f"no {expected_file.name}; run with REPORTGEN_REGEN=1 and review it"
    assert actual == expected_file.read_text(encoding="utf-8")
