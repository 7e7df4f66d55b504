"""Printing for the command line: problems (``error:`` / ``warning:``,
files relative to the current folder, each problem once), the build's
summary and ``--list``."""
from __future__ import annotations

import os
import sys
from dataclasses import replace


def print_list(result) -> None:
    """One line per planned document: new / changed (what) / up to date."""
    counts: dict[str, int] = {}
    for d in result.decisions:
        counts[d.status] = counts.get(d.status, 0) + 1
        why = f" ({', '.join(d.reasons)})" if d.reasons and d.reasons != ["new"] else ""
        print(f"{d.status:<10} {d.job.rel}{why}")
    total = ", ".join(f"{n} {s}" for s, n in counts.items()) or "nothing planned"
    print(f"{len(result.decisions)} documents: {total}")


def print_problems(diags) -> None:
    """Each diagnostic on its own line, ``error:`` or ``warning:``, files relative to here."""
    for d in diags:
        shown_d = _shown(d)
        if d.severity == "error":
            print(f"error: {shown_d}", file=sys.stderr)
        else:
            print(str(shown_d), file=sys.stderr)


def _with_sources(result) -> list:
    """The failures' diagnostics, a record named with its data file when the
    message points elsewhere (a template line): ``南湖区 in data/districts/nanhu.yaml``."""
    out = []
    for label, exc in result.failed:
        source = label.split(" (", 1)[1].rstrip(")") if " (" in label else None
        for d in exc.diagnostics:
            if d.record and source and d.file and not source.startswith(d.file):
                d = replace(d, record=f"{d.record} in {source}")
            out.append(d)
    return out


def print_summary(result, project, quiet: bool = False) -> None:
    from .batch.preflight import group

    n = len(result.built)
    rate = n / result.seconds if result.seconds else 0.0
    if result.failed:
        print(f"{len(result.failed)} failed:", file=sys.stderr)
        print_problems(group(_with_sources(result)))
    if result.interrupted:
        print("interrupted: finished documents are kept; run the build again to do the rest",
              file=sys.stderr)
    if not quiet:
        from .iofs import shown

        print(f"{n} built, {len(result.skipped)} skipped, {len(result.failed)} failed "
              f"in {result.seconds:.1f} s ({rate:.1f} docs/s) → {shown(project.out_dir)}")


def _shown(d):
    """The diagnostic with its file shown relative to the current folder."""
    from .iofs import shown

    return replace(d, file=shown(d.file)) if d.file and os.path.isabs(d.file) else d


def _grouped(result):
    from .batch.preflight import group

    return group([d for _label, exc in result.failed for d in exc.diagnostics])
