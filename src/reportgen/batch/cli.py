"""The ``reportgen build`` command: arguments and printing."""
from __future__ import annotations

import sys

from .. import writers


def add_build_command(sub, common) -> None:
    b = sub.add_parser("build", parents=[common], help="render every record of a project",
                       description="Render every out-of-date document of a project (reportgen.yaml) "
                                   "into the output folder, in parallel.")
    b.add_argument("--project", default=".", metavar="DIR", help="project folder (default: current)")
    b.add_argument("--format", default=None, choices=[*writers.formats(), "all"], help="default: the project's formats")
    b.add_argument("--only", action="append", default=[], metavar="NAME", help="only this template (repeatable)")
    b.add_argument("--out", metavar="DIR", help="output folder (default: the project's output/)")
    b.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="worker processes (default: all cores; 1 renders in this process)")
    b.add_argument("--force", action="store_true", help="rebuild every document, even those up to date")
    b.add_argument("--fail-fast", action="store_true", help="stop at the first failed document")
    b.add_argument("--list", action="store_true", dest="list_only",
                   help="show what would be built and why (new / changed / up to date); write nothing")
    b.add_argument("--bundle", action="store_true",
                   help="instead of one file per record, write one volume per template and format "
                        "(output/bundles/TEMPLATE.EXT): each record on new pages, numbered from 1, "
                        "with a bookmark (PDF) / heading (DOCX)")
    b.set_defaults(func=cmd_build)


def cmd_build(args) -> int:
    from ..config import load_project
    from .progress import Reporter
    from .run import build

    project = load_project(args.project, args.out)
    formats = (project.formats if args.format is None
               else writers.formats() if args.format == "all" else (args.format,))
    if args.bundle:
        from .bundle import build_bundles

        result = build_bundles(project, tuple(formats), tuple(args.only))
        print_summary(result, project, quiet=args.quiet)
        return result.exit_code
    reporter = Reporter(quiet=args.quiet, verbose=args.verbose)
    result = build(project, tuple(formats), tuple(args.only), jobs=args.jobs or project.jobs, force=args.force,
                   fail_fast=args.fail_fast, list_only=args.list_only, reporter=reporter)
    if args.list_only:
        print_list(result, verbose=args.verbose)
        for label, exc in result.failed:  # data that cannot be loaded or named
            print(f"error: {label + ': ' if label else ''}{exc}", file=sys.stderr)
        return 0
    print_summary(result, project, quiet=args.quiet)
    return result.exit_code


def print_list(result, verbose: bool = False) -> None:
    """One line per planned document: new / changed (what) / up to date."""
    counts: dict[str, int] = {}
    for d in result.decisions:
        counts[d.status] = counts.get(d.status, 0) + 1
        why = f" ({', '.join(d.reasons)})" if d.reasons and d.reasons != ["new"] else ""
        print(f"{d.status:<10} {d.job.rel}{why}")
    total = ", ".join(f"{n} {s}" for s, n in counts.items()) or "nothing planned"
    print(f"{len(result.decisions)} documents: {total}")


def print_summary(result, project, quiet: bool = False) -> None:
    n = len(result.built)
    rate = n / result.seconds if result.seconds else 0.0
    if result.failed:
        print(f"{len(result.failed)} failed:", file=sys.stderr)
        for label, exc in result.failed:
            print(f"  {label}: {exc}" if label else f"  {exc}", file=sys.stderr)
    if result.interrupted:
        print("interrupted: finished documents are kept; run the build again to do the rest",
              file=sys.stderr)
    if not quiet:
        print(f"{n} built, {len(result.skipped)} skipped, {len(result.failed)} failed "
              f"in {result.seconds:.1f} s ({rate:.1f} docs/s) → {project.out_dir}")
