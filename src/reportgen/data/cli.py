"""The ``reportgen validate`` command: check every record against its
templates' schemas and render every document in memory, writing nothing.
Exit status 0 when all is well, 1 when anything is wrong."""
from __future__ import annotations

import os
import sys
from dataclasses import replace

from ..iofs import shown
from .. import writers


def add_validate_command(sub, common) -> None:
    v = sub.add_parser(
        "validate", parents=[common], help="check data against the schemas and render everything in memory",
        description="Check every record of a project against its templates' schemas and render every "
                    "document in memory without writing a file.  Reports every problem at once.")
    v.add_argument("--project", default=".", metavar="DIR", help="project folder (default: current)")
    v.add_argument("--format", default=None, choices=[*writers.formats(), "all", "none"],
                   help="writers to run after building each document (default: the project's formats; "
                        "none: stop at the document model)")
    v.add_argument("--only", action="append", default=[], metavar="NAME", help="only this template (repeatable)")
    v.add_argument("--schema-only", action="store_true", help="check the schemas only; do not render")
    v.set_defaults(func=cmd_validate)


def cmd_validate(args) -> int:
    from ..config import load_project
    from .checkproject import check_project

    project = load_project(args.project)
    if args.format is None:
        formats = tuple(project.formats)
    else:
        formats = {"all": writers.formats(), "none": ()}.get(args.format, (args.format,))
    report = check_project(project, tuple(formats), tuple(args.only), render=not args.schema_only)
    for d in report.errors:
        print(f"error: {_shown(d)}", file=sys.stderr)
    if not args.quiet:
        for d in report.warnings:
            print(f"{_shown(d)}", file=sys.stderr)
    done = ("schemas only" if args.schema_only
            else f"{report.rendered} document(s) rendered ({', '.join(formats) or 'model only'})")
    summary = (f"validate: {report.records} record(s), {report.templates} template(s), {done}: "
               f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)")
    if report.errors or not args.quiet:
        print(summary, file=sys.stderr if report.errors else sys.stdout)
    return report.exit_code


def _shown(d):
    """The diagnostic with its file shown relative to the current folder."""
    return replace(d, file=shown(d.file)) if d.file and os.path.isabs(d.file) else d
