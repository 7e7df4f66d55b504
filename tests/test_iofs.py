import os
import stat

import pytest

from reportgen.errors import UsageError
from reportgen.iofs import atomic_write, output_path, safe_component


def test_atomic_write_replaces_whole_file_with_ordinary_permissions(tmp_path):
    target = tmp_path / "a" / "b.pdf"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    mode = stat.S_IMODE(target.stat().st_mode)
    assert mode == 0o666 & ~_umask()
    assert [p.name for p in target.parent.iterdir()] == ["b.pdf"]  # no temp files left


def _umask():
    m = os.umask(0)
    os.umask(m)
    return m


@pytest.mark.parametrize("name,safe", [
    ("东西湖区", "东西湖区"), ("../../etc/passwd", "_.._etc_passwd"), ("a\x00b", "ab"), ("CON", "_CON"),
    ("..", "_"), ("a/b", "a_b"),
])
def test_safe_component(name, safe):
    assert safe_component(name) == safe


def test_output_path_stays_inside(tmp_path):
    assert output_path(tmp_path, "../x/y.pdf") == tmp_path / "x" / "y.pdf"
    with pytest.raises(UsageError):
        output_path(tmp_path, "../..")
