"""Dask executor benchmark: the same build on the local process pool and on Dask.

    python bench/dask_bench.py                       # 100 and 500 districts (200 and 1000 documents)
    python bench/dask_bench.py --sizes 100 --repeat 3

N synthetic districts (build_bench.py's: 3 sections × 2 items × 3 facts and
a table), DOCX and PDF each, built with ``force`` in a fresh process per run:

- ``local``: the local process pool, ``--jobs`` workers;
- ``dask-own``: ``--executor dask`` starting its own LocalCluster (``--jobs``
  worker processes), as ``reportgen build --executor dask`` does;
- ``dask``: a running Dask cluster (``--scheduler``), workers warm from an
  earlier build, as on a real cluster.  Its client holds no scheduler or
  workers, so its peak memory is the client's alone.

Printed per run: seconds, documents/s, documents per worker process per
second (one process per core: the sizing rule for a cluster), the ratio to
the local pool (median of the repeats), and the client's peak memory: its
maximum RSS (``resource.getrusage``, the build process only, not its
workers) and the peak of its Python allocations during the build
(``tracemalloc``, in a separate run so as not to slow the timed ones; the
local pool's forked workers stop tracing).
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[0] / "src"))
sys.path.insert(0, str(HERE))


def one(root: Path, executor: str, jobs: int, scheduler: str | None, trace: bool) -> dict:
    """One build, in this (fresh) process."""
    from reportgen import build

    if trace:
        import distributed  # noqa: F401 - imported first: the figure is the build's, not the modules'

        import reportgen.batch.dask_executor  # noqa: F401
        import reportgen.batch.run  # noqa: F401

        os.register_at_fork(after_in_child=tracemalloc.stop)  # the local pool's workers: not traced
        tracemalloc.start()
    t0 = time.perf_counter()
    kind = None if executor == "local" else "dask"
    result = build(root, jobs=jobs, force=True, executor=kind, scheduler=scheduler if executor == "dask" else None)
    seconds = time.perf_counter() - t0
    assert result.exit_code == 0, result.failed[:3]
    return {"docs": len(result.built), "seconds": seconds,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "traced_mb": tracemalloc.get_traced_memory()[1] / 2**20 if trace else None}


def run(root: Path, executor: str, jobs: int, scheduler: str | None, trace: bool = False) -> dict:
    cmd = [sys.executable, __file__, "--one", str(root), "--executor", executor, "--jobs", str(jobs)]
    cmd += ["--scheduler", scheduler] if scheduler else []
    cmd += ["--trace"] if trace else []
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 500], help="districts (2 documents each)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)")
    ap.add_argument("--repeat", type=int, default=2, help="timed runs of each executor (the median is printed)")
    ap.add_argument("--memory", action="store_true", help="only the client's memory (no timed runs)")
    ap.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--executor", default="local", help=argparse.SUPPRESS)
    ap.add_argument("--scheduler", help=argparse.SUPPRESS)
    ap.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.executor, args.jobs, args.scheduler, args.trace)))
        return

    from distributed import Client, LocalCluster

    from build_bench import make_project

    print(f"{os.cpu_count()} cores, --jobs {args.jobs}, median of {args.repeat} runs; client peak memory: "
          f"max RSS of the build process, and its tracemalloc peak")
    print(f"{'N':>5} {'docs':>5} {'executor':>9} {'s':>7} {'docs/s':>7} {'/proc/s':>8} {'ratio':>6} "
          f"{'client MB':>10} {'traced MB':>10}")
    with LocalCluster(n_workers=args.jobs, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client, \
            tempfile.TemporaryDirectory() as tmp:
        processes = len(client.nthreads())
        for n in args.sizes:
            root = Path(tmp) / f"n{n}"
            make_project(root, n)
            run(root, "dask", args.jobs, cluster.scheduler_address)  # warm the workers (fonts, template)
            rows = {}
            for _ in range(0 if args.memory else args.repeat):  # interleaved, so drift in the machine's load hits all alike
                for ex in ("local", "dask-own", "dask"):
                    rows.setdefault(ex, []).append(run(root, ex, args.jobs, cluster.scheduler_address))
            traced = {ex: run(root, ex, args.jobs, cluster.scheduler_address, trace=True)["traced_mb"]
                      for ex in ("local", "dask")}
            if args.memory:
                print(f"{n:>5} {2 * n:>5} traced MB: local {traced['local']:.1f}, dask {traced['dask']:.1f}")
                continue
            base = statistics.median(r["seconds"] for r in rows["local"])
            for ex, rs in rows.items():
                secs = statistics.median(r["seconds"] for r in rs)
                docs = rs[0]["docs"]
                width = processes if ex == "dask" else args.jobs
                mem = max(r["rss_mb"] for r in rs)
                shown = f"{traced[ex]:.1f}" if ex in traced else ""
                print(f"{n:>5} {docs:>5} {ex:>9} {secs:>7.2f} {docs / secs:>7.1f} {docs / secs / width:>8.2f} "
                      f"{secs / base:>6.2f} {mem:>10.0f} {shown:>10}", flush=True)


if __name__ == "__main__":
    main()
