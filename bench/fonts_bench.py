"""Font costs: first run (empty cache) and cached run, each in a fresh process.

    python bench/fonts_bench.py [--text FILE]

Uses a new temporary REPORTGEN_CACHE, so the first-run figure is a real first
run; the user's cache is not touched.  Each run resolves the gongwen theme's
body face (仿宋_GB2312 → bundled Noto Serif SC on a machine without it),
prepares a sample text (common characters, symbols, a few rare ones), and
reports wall time and how many parts were converted.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLE = ("关于开展2026年度安全生产检查工作的通知。各区县人民政府，市政府各部门：为深入贯彻落实"
          "安全生产法，现将有关事项通知如下：一、检查范围①②③，气温25℃，增长3.5‰。"
          "ABCxyz 0123456789（）《》“”、；：！？…—")
RARE = "㙍䶮赟堃旻喆"  # Ext-A and GB2312-level-2 / beyond: need block parts

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from reportgen.themes.theme import load_theme
from reportgen.fonts import fontset_for, convert
from reportgen.fonts.coverage import check_text
theme = load_theme("gongwen")
fs = fontset_for(theme)
t1 = time.perf_counter()
face = fs.face("仿宋_GB2312")
t2 = time.perf_counter()
text = sys.argv[1]
check_text(fs, "仿宋_GB2312", text, where="bench")
t3 = time.perf_counter()
print(json.dumps({"import+theme": t1 - t0, "core face": t2 - t1, "prepare text": t3 - t2,
                  "total": t3 - t0, "conversions": convert.stats["conversions"],
                  "faces": [f.name for f in fs.chain("仿宋_GB2312")]}))
"""


def run(cache: str, text: str) -> dict:
    env = dict(os.environ, REPORTGEN_CACHE=cache,
               PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-c", CHILD, text], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--text", help="a UTF-8 text file to prepare instead of the sample")
    args = ap.parse_args()
    text = Path(args.text).read_text(encoding="utf-8") if args.text else SAMPLE + RARE
    with tempfile.TemporaryDirectory(prefix="rg-fontbench-") as cache:
        for label in ("first run (empty cache)", "second run (cached)", "third run (cached)"):
            r = run(cache, text)
            print(f"{label:26s} total {r['total']:6.2f} s  core face {r['core face']:5.2f} s  "
                  f"prepare text {r['prepare text']:5.2f} s  parts converted {r['conversions']}  "
                  f"faces {len(r['faces'])}")
        size = sum(p.stat().st_size for p in Path(cache, "fonts").glob("*.ttf"))
        print(f"cache: {len(list(Path(cache, 'fonts').glob('*.ttf')))} files, {size / 1e6:.1f} MB; "
              f"{len(set(text))} distinct characters in the text")


if __name__ == "__main__":
    main()
