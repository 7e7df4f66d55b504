"""Command line: parse arguments, call the API, print.  Exit status 0 on
success, 1 when any document failed, 2 on usage errors."""
from __future__ import annotations

import argparse
import os
import sys
import traceback
from dataclasses import replace

from . import __version__
from .errors import ReportgenError, UsageError
from . import writers


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="reportgen",
        description="Fill document templates (Jinja2 + Markdown) from structured data and write DOCX and PDF.",
    )
    p.add_argument("--version", action="version", version=f"reportgen {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help="show Python tracebacks for errors")
    common.add_argument("-v", "--verbose", action="store_true", help="say more (e.g. typography changes)")
    common.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    _add_render(sub, common)
    _add_build(sub, common)
    _add_validate(sub, common)

    f = sub.add_parser("fonts", parents=[common], help="show which font file each role uses",
                       description="List each role of a theme, the face it asks for, the file used for PDF, and why.")
    f.add_argument("--theme", default="default", metavar="NAME|PATH")
    f.set_defaults(func=cmd_fonts)

    t = sub.add_parser("themes", parents=[common], help="list the built-in themes")
    t.set_defaults(func=cmd_themes)
    return p


def _add_render(sub, common) -> None:
    r = sub.add_parser("render", parents=[common], help="render one document",
                       description="Render one document from a template and a data file.")
    r.add_argument("--template", required=True, metavar="PATH", help="a *.md.j2 file or a template folder")
    r.add_argument("--data", required=True, metavar="FILE", help="a YAML/JSON data file (one record)")
    r.add_argument("--format", required=True, choices=writers.formats())
    r.add_argument("--output", required=True, metavar="FILE", help="the file to write")
    r.add_argument("--theme", metavar="NAME|PATH", help="a built-in theme name or a theme YAML file")
    r.add_argument("--record", metavar="NAME", help="pick one record when the data file holds several")
    r.set_defaults(func=cmd_render)


def _add_build(sub, common) -> None:
    b = sub.add_parser("build", parents=[common], help="render every record of a project",
                       description="Render every out-of-date document of a project (reportgen.yaml) "
                                   "into the output folder, in parallel.")
    b.add_argument("--project", default=".", metavar="DIR", help="project folder (default: current)")
    b.add_argument("--format", default=None, choices=[*writers.formats(), "all"], help="default: the project's formats")
    b.add_argument("--only", action="append", default=[], metavar="NAME", help="only this template (repeatable)")
    b.add_argument("--out", metavar="DIR", help="output folder (default: the project's output/)")
    b.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="worker processes (default: all cores; 1 renders in this process)")
    b.add_argument("--executor", choices=["local", "dask"], default=None,
                   help="where documents are rendered: local (a process pool on this machine) or dask "
                        "(a Dask cluster; pip install 'reportgen[dask]'); default: the project's executor:, "
                        "else local")
    b.add_argument("--scheduler", metavar="URL",
                   help="with --executor dask: the Dask scheduler to use, e.g. tcp://10.0.0.5:8786 "
                        "(default: start a local Dask cluster of --jobs processes)")
    b.add_argument("--force", action="store_true", help="rebuild every document, even those up to date")
    b.add_argument("--fail-fast", action="store_true", help="stop at the first failed document")
    b.add_argument("--list", action="store_true", dest="list_only",
                   help="show what would be built and why (new / changed / up to date); write nothing")
    b.add_argument("--bundle", action="store_true",
                   help="instead of one file per record, write one volume per template and format "
                        "(output/bundles/TEMPLATE.EXT): each record on new pages, numbered from 1, "
                        "with a bookmark (PDF) / heading (DOCX); in the gongwen and briefing themes each "
                        "record starts on an odd page (a blank, unnumbered verso before it when needed)")
    b.add_argument("--pack", action="store_true",
                   help="with --bundle: start each record on the next page, odd or even (no blank versos)")
    b.set_defaults(func=cmd_build)


def _add_validate(sub, common) -> None:
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


def cmd_render(args) -> int:
    from . import render

    def log(kind: str, text: str) -> None:
        if kind == "warning":
            print(f"warning: {text}", file=sys.stderr)
        elif args.verbose:
            print(f"{kind}: {text}", file=sys.stderr)

    data = render(args.template, args.data, format=args.format, output=args.output, theme=args.theme,
                  record=args.record, log=log)
    if not args.quiet:
        print(f"wrote {args.output} ({len(data):,} bytes)")
    return 0


def cmd_build(args) -> int:
    from . import build, load_project
    from .batch.progress import Reporter

    project = load_project(args.project, args.out)
    formats = writers.formats() if args.format == "all" else args.format
    reporter = None if args.bundle else Reporter(quiet=args.quiet, verbose=args.verbose)
    result = build(project, formats=formats, only=args.only, jobs=args.jobs, force=args.force,
                   fail_fast=args.fail_fast, list_only=args.list_only, bundle=args.bundle, pack=args.pack,
                   reporter=reporter, executor=args.executor, scheduler=args.scheduler)
    if args.list_only and not args.bundle:
        print_list(result)
        for label, exc in result.failed:  # data that cannot be loaded or named
            print(f"error: {label + ': ' if label else ''}{exc}", file=sys.stderr)
        return 0
    print_summary(result, project, quiet=args.quiet)
    return result.exit_code


def print_list(result) -> None:
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


def cmd_validate(args) -> int:
    from . import load_project
    from .batch.check import check_project

    project = load_project(args.project)
    formats = {None: project.formats, "all": writers.formats(), "none": ()}.get(args.format, (args.format,))
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
    from .iofs import shown

    return replace(d, file=shown(d.file)) if d.file and os.path.isabs(d.file) else d


def cmd_fonts(args) -> int:
    from .fonts.report import describe_fonts, format_fonts_table
    from .themes import load_theme

    print(format_fonts_table(describe_fonts(load_theme(args.theme))))
    return 0


def cmd_themes(args) -> int:
    from .themes import builtin_themes

    for name in builtin_themes():
        print(name)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        _print_error(exc, args)
        return 2
    except ReportgenError as exc:
        _print_error(exc, args)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug in reportgen: say so plainly
        if getattr(args, "debug", False):
            traceback.print_exc()
        else:
            print(f"reportgen: internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
                  file=sys.stderr)
        return 1


def _print_error(exc: ReportgenError, args) -> None:
    if getattr(args, "debug", False):
        traceback.print_exc()
    for d in exc.diagnostics:
        print(f"error: {d}", file=sys.stderr)
