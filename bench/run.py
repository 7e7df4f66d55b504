"""Run every bench/*_bench.py and print its figures.

    python bench/run.py            # all benchmarks, their default sizes
    python bench/run.py build      # only those whose name contains "build"
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    here = Path(__file__).resolve().parent
    benches = sorted(p for p in here.glob("*_bench.py") if not argv or any(a in p.name for a in argv))
    status = 0
    for bench in benches:
        print(f"== {bench.name}", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.run([sys.executable, str(bench)]).returncode
        print(f"   ({time.perf_counter() - t0:.1f} s{'' if rc == 0 else f', exit {rc}'})", flush=True)
        status = status or rc
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
