"""The ``reportgen build`` command: arguments and printing."""
from __future__ import annotations

import sys

from ..pipeline import FORMATS


def add_build_command(sub, common) -> None:
    b = sub.add_parser("build", parents=[common], help="render every record of a project",
                       description="Render every record of a project (reportgen.yaml) into the output folder.")
    b.add_argument("--project", default=".", metavar="DIR", help="project folder (default: current)")
    b.add_argument("--format", default=None, choices=[*FORMATS, "all"], help="default: the project's formats")
    b.add_argument("--only", action="append", default=[], metavar="NAME", help="only this template (repeatable)")
    b.add_argument("--out", metavar="DIR", help="output folder (default: the project's output/)")
    b.set_defaults(func=cmd_build)


def cmd_build(args) -> int:
    from ..config import load_project
    from .run import build

    project = load_project(args.project, args.out)
    formats = project.formats if args.format is None else (FORMATS if args.format == "all" else (args.format,))

    def report(event, job, exc):
        if event == "failed":
            print(f"FAILED {job.label}: {exc}", file=sys.stderr)
        elif args.verbose:
            print(f"built {job.out}")

    result = build(project, tuple(formats), tuple(args.only), on_event=report)
    if not args.quiet:
        n = len(result.built)
        rate = n / result.seconds if result.seconds else 0.0
        print(f"{n} built, {len(result.skipped)} skipped, {len(result.failed)} failed "
              f"in {result.seconds:.1f} s ({rate:.1f} docs/s) → {project.out_dir}")
    if result.failed:
        print(f"{len(result.failed)} failed:", file=sys.stderr)
        for label, exc in result.failed:
            print(f"  {label}: {exc}", file=sys.stderr)
    return result.exit_code
