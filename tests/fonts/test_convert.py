"""CFF faces are converted in cached parts, once."""
from __future__ import annotations

from fontTools.ttLib import TTFont

from reportgen.fonts import FontSet, convert
from reportgen.fonts.sources import Source


def test_part_conversion_is_cached(tiny_cff, cache):
    before = convert.stats["conversions"]
    cps = frozenset(map(ord, "中文A1"))
    first = convert.cached_part(tiny_cff, 0, "core", cps)
    assert convert.stats["conversions"] == before + 1
    ino = first.stat().st_ino
    again = convert.cached_part(tiny_cff, 0, "core", cps)
    assert again == first and again.stat().st_ino == ino
    assert convert.stats["conversions"] == before + 1
    assert sorted(p.suffix for p in cache.iterdir()) == [".ttf"]  # no temp or lock files left
    tt = TTFont(str(first))
    assert "glyf" in tt and "CFF " not in tt
    assert set(tt.getBestCmap()) == set(cps)


def test_fresh_source_reuses_cache(tiny_cff, cache):
    Source(tiny_cff).first()
    n = convert.stats["conversions"]
    face = Source(tiny_cff).first()  # a new process would do the same
    assert convert.stats["conversions"] == n
    assert face.has("中") and face.has("①") and not face.has("㙍")


def test_rare_character_comes_from_a_block_part(tiny_cff, theme_with, cache):
    fs = FontSet(theme_with({"仿宋_GB2312": str(tiny_cff)}), font_dirs=[])
    core = fs.face("仿宋_GB2312")
    assert core.name.endswith("-core") and not core.has("㙍")
    block = fs.face_for("㙍", "仿宋_GB2312")
    assert block is not None and block.name.endswith("-b000") and block.has("㙍")
    assert block.reason == core.reason
    assert [f.name for f in fs.chain("仿宋_GB2312")][:2] == [core.name, block.name]


def test_a_worker_waits_for_the_converting_one(tiny_cff, cache):
    """While another worker holds the part's lock, a second one waits and then
    uses that worker's file instead of converting again."""
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    text = "中文字吉国ABC"
    script = (
        "import sys; from pathlib import Path; from reportgen.fonts import convert\n"
        "print('ready', flush=True)\n"
        "p = convert.cached_part(Path(sys.argv[1]), 0, 'race', map(ord, sys.argv[2]))\n"
        "print(convert.stats['conversions'], p)\n"
    )
    out = convert.part_path(tiny_cff, 0, "race", map(ord, text))
    lock = out.with_suffix(".lock")
    lock.touch()  # "another worker is converting"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"))
    proc = subprocess.Popen([sys.executable, "-c", script, str(tiny_cff), text], env=env,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(0.8)
    assert proc.poll() is None and not out.exists()  # still waiting
    font = convert.build_truetype(TTFont(str(tiny_cff)), frozenset(map(ord, text)), "RGrace")
    convert._atomic_save(font, out)
    lock.unlink()
    conversions, path = proc.communicate(timeout=60)[0].split()
    assert proc.returncode == 0 and conversions == "0" and path == str(out)


def test_lock_left_by_a_dead_process_is_ignored(tiny_cff, cache):
    import socket
    import subprocess
    import sys

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    cps = frozenset(map(ord, "中文"))
    out = convert.part_path(tiny_cff, 0, "stale", cps)
    out.with_suffix(".lock").write_text(f"{dead} {socket.gethostname()}")
    before = convert.stats["conversions"]
    assert convert.cached_part(tiny_cff, 0, "stale", cps) == out  # would wait 10 minutes if not
    assert convert.stats["conversions"] == before + 1
    assert not out.with_suffix(".lock").exists()
