"""Command line: parse arguments, call the API, print.  Exit status 0 on
success, 1 when any document failed, 2 on usage errors."""
from __future__ import annotations

import argparse
import sys
import traceback

from . import __version__
from .errors import ConfigError, DataError, ReportgenError, UsageError
from . import writers
from .cli_authoring import _add_authoring, cmd_fonts, cmd_themes
from .cli_output import _shown, print_list, print_problems, print_summary


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
    _add_data(sub, common)

    c = sub.add_parser("check", parents=[common], help="check every file of a project without rendering",
                       description="Load every file a build would use (reportgen.yaml, themes, fonts, templates, "
                                   "schemas, shared data, data files) and report every problem at once. "
                                   "Exit status 0: no problem; 1: data problems; 2: problems in the project's "
                                   "own files.")
    c.add_argument("--project", default=".", metavar="DIR", help="project folder (default: current)")
    c.add_argument("--only", action="append", default=[], metavar="NAME", help="only this template (repeatable)")
    c.set_defaults(func=cmd_check)
    _add_serve(sub, common)

    f = sub.add_parser("fonts", parents=[common], help="show which font file each role uses",
                       description="List each role of a theme, the face it asks for, the file used for PDF, and why.")
    f.add_argument("--theme", default=None, metavar="NAME|PATH",
                   help="default: the themes of the project's templates (in a project), else default")
    f.add_argument("--project", default=".", metavar="DIR", help="project folder (default: current)")
    f.set_defaults(func=cmd_fonts)

    t = sub.add_parser("themes", parents=[common], help="list the built-in themes")
    t.set_defaults(func=cmd_themes)
    _add_authoring(sub, common)
    return p


def _add_render(sub, common) -> None:
    r = sub.add_parser("render", parents=[common], help="render one document",
                       description="Render one document from a template and a data file.")
    r.add_argument("--template", required=True, metavar="PATH", help="a *.md.j2 file or a template folder")
    r.add_argument("--data", required=True, metavar="FILE",
                   help="a data file: YAML, JSON, CSV, TSV or XLSX (pick a record with --record when it holds several)")
    r.add_argument("--format", choices=[*writers.formats(), "all"],
                   help="default: from the output's suffix; all: every format, side by side")
    r.add_argument("--output", required=True, metavar="FILE",
                   help="the file to write (with --format all, its suffix is replaced per format)")
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
    b.add_argument("--keep-going", action="store_true",
                   help="when some records fail the checks (data errors), build the others anyway "
                        "(default: build nothing until every problem is fixed)")
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


def _add_data(sub, common) -> None:
    d = sub.add_parser("data", help="look at data files", description="Look at data files as reportgen reads them.")
    dsub = d.add_subparsers(dest="data_command", metavar="COMMAND")
    dsub.required = True
    i = dsub.add_parser("inspect", parents=[common], help="show what reportgen finds in a sheet",
                        description="Show the sheets of a workbook (.xlsx, .xls) or a CSV file and the table "
                                    "reportgen finds: range, headers as paths, record names, totals, units.")
    i.add_argument("file", metavar="FILE")
    i.add_argument("--sheet", metavar="NAME|N", help="the sheet to read (default: the first visible one)")
    i.add_argument("--header-rows", type=int, metavar="N", help="rows in the header block (default: guessed)")
    i.add_argument("--skip-rows", type=int, metavar="N", help="rows above the header (default: guessed)")
    i.add_argument("--name-column", metavar="COLUMN", help="the column naming the records (default: guessed)")
    i.set_defaults(func=cmd_data_inspect)


def cmd_data_inspect(args) -> int:
    from .data.inspect import describe
    from .data.sheets import Options

    sheet = int(args.sheet) if args.sheet and args.sheet.isdigit() else args.sheet
    options = Options(header_rows=args.header_rows, skip_rows=args.skip_rows, name_column=args.name_column)
    print(describe(args.file, sheet, options))
    return 0


def _add_serve(sub, common) -> None:
    s = sub.add_parser("serve", parents=[common], help="a local web page: upload a sheet, preview, build, download",
                       description="Serve a web page on 127.0.0.1 for a project: choose a data file, see every "
                                   "record's problems and pages, build everything and download a zip.  "
                                   "Needs the serve extra: pip install 'reportgen[serve]'.")
    s.add_argument("--project", default=".", metavar="DIR", help="project folder (default: current)")
    s.add_argument("--port", type=int, default=0, metavar="N", help="port on 127.0.0.1 (default 0: a free one)")
    s.add_argument("--no-browser", action="store_true", help="do not open a browser")
    s.add_argument("--max-upload-mb", type=float, default=50, metavar="MB",
                   help="largest data file the page accepts (default 50)")
    s.set_defaults(func=cmd_serve)


def cmd_serve(args) -> int:
    from .serve import missing_modules

    missing = missing_modules()
    if missing:
        raise UsageError(f"reportgen serve needs {', '.join(missing)}",
                         hint="pip install 'reportgen[serve]'")
    from .serve.server import serve

    return serve(args.project, port=args.port, open_browser=not args.no_browser,
                 max_upload_mb=args.max_upload_mb)


def cmd_render(args) -> int:
    from . import render

    def log(kind: str, text: str) -> None:
        if kind == "warning":
            print(f"warning: {text}", file=sys.stderr)
        elif args.verbose:
            print(f"{kind}: {text}", file=sys.stderr)

    from pathlib import Path

    out = Path(args.output)
    fmt = args.format or out.suffix.lower().lstrip(".")
    if fmt not in (*writers.formats(), "all"):
        raise UsageError(f"cannot tell the format from {out.name!r}",
                         hint=f"end --output in .{' or .'.join(writers.formats())}, or give --format")
    targets = ([(f, out.with_suffix(f".{f}")) for f in writers.formats()] if fmt == "all" else [(fmt, out)])
    for f, path in targets:
        data = render(args.template, args.data, format=f, output=path, theme=args.theme, record=args.record,
                      log=log)
        if not args.quiet:
            print(f"wrote {path} ({len(data):,} bytes)")
    return 0


def cmd_build(args) -> int:
    from . import build, load_project
    from .batch.progress import Reporter

    project = load_project(args.project, args.out)
    formats = writers.formats() if args.format == "all" else args.format
    reporter = None if args.bundle else Reporter(quiet=args.quiet, verbose=args.verbose)
    try:
        result = build(project, formats=formats, only=args.only, jobs=args.jobs, force=args.force,
                       fail_fast=args.fail_fast, list_only=args.list_only, bundle=args.bundle, pack=args.pack,
                       keep_going=args.keep_going, reporter=reporter, executor=args.executor,
                       scheduler=args.scheduler)
    except (ConfigError, DataError) as exc:  # the check stage: nothing was rendered
        print_problems(exc.diagnostics)
        n = sum(d.severity == "error" for d in exc.diagnostics)
        more = "" if isinstance(exc, ConfigError) else "; or build the other records with --keep-going"
        print(f"nothing built: {n} problem(s) found before rendering; fix them and run the build again{more}",
              file=sys.stderr)
        return 2 if isinstance(exc, ConfigError) else 1
    if not args.quiet:
        print_problems(result.warnings)
    if args.list_only and not args.bundle:
        print_list(result)
        for label, exc in result.failed:  # data that cannot be loaded or named
            print(f"error: {label + ': ' if label else ''}{exc}", file=sys.stderr)
        return 0
    print_summary(result, project, quiet=args.quiet)
    return result.exit_code


def cmd_check(args) -> int:
    from . import load_project
    from .batch.preflight import preflight

    project = load_project(args.project)
    checked = preflight(project, tuple(args.only))
    print_problems(checked.problems if not args.quiet else checked.errors)
    n_err = len(checked.errors)
    if n_err or not args.quiet:
        print(f"check: {len(checked.records)} record(s), {len(project.templates)} template(s): "
              f"{n_err} error(s), {len(group_warnings(checked))} warning(s)",
              file=sys.stderr if n_err else sys.stdout)
    return checked.exit_code


def group_warnings(checked):
    from .batch.preflight import group

    return group(checked.warnings)


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


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (UsageError, ConfigError) as exc:  # the command line or the project's own files
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
    print_problems(exc.diagnostics)
