"""Command line: parse arguments, call the API, print.  Exit status 0 on
success, 1 when any document failed, 2 on usage errors."""
from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from . import __version__
from .batch.cli import add_build_command
from .data.cli import add_validate_command
from .errors import ReportgenError, UsageError
from .writers import formats


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

    r = sub.add_parser("render", parents=[common], help="render one document",
                       description="Render one document from a template and a data file.")
    r.add_argument("--template", required=True, metavar="PATH", help="a *.md.j2 file or a template folder")
    r.add_argument("--data", required=True, metavar="FILE", help="a YAML/JSON data file (one record)")
    r.add_argument("--format", required=True, choices=formats())
    r.add_argument("--output", required=True, metavar="FILE", help="the file to write")
    r.add_argument("--theme", metavar="NAME|PATH", help="a built-in theme name or a theme YAML file")
    r.add_argument("--record", metavar="NAME", help="pick one record when the data file holds several")
    r.set_defaults(func=cmd_render)

    add_build_command(sub, common)
    add_validate_command(sub, common)

    f = sub.add_parser("fonts", parents=[common], help="show which font file each role uses",
                       description="List each role of a theme, the face it asks for, the file used for PDF, and why.")
    f.add_argument("--theme", default="default", metavar="NAME|PATH")
    f.set_defaults(func=cmd_fonts)

    t = sub.add_parser("themes", parents=[common], help="list the built-in themes")
    t.set_defaults(func=cmd_themes)
    return p


def cmd_render(args) -> int:
    from .batch.plan import context_for, load_shared, named
    from .data import load_records
    from .iofs import atomic_write
    from .pipeline import Renderer, load_template

    template = load_template(args.template)
    data_path = Path(args.data)
    project = _project_of(template.dir)
    records = load_records(data_path)
    if project is not None:  # render sees what build sees: names, shared data, theme, fonts
        records = [named(project, r) for r in records]
    for rec in records:
        for warning in rec.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    if args.record:
        records = [r for r in records if r.name == args.record]
        if not records:
            raise UsageError(f"no record named {args.record!r} in {data_path}")
    elif len(records) != 1:
        raise UsageError(f"{data_path} holds {len(records)} records; pick one with --record NAME "
                         f"or use reportgen build")
    rec = records[0]
    renderer = Renderer(template, args.theme or (project.theme if project else None),
                        keep_dir=Path(args.output).parent / ".reportgen" / "intermediate",
                        fonts=project.fonts if project else None)
    log: list[str] = []
    shared = load_shared(project) if project else {}
    result = renderer.render(context_for(shared, rec), args.format, record=rec.name, log=log)
    if args.verbose:
        for line in log:
            print(f"typography: {line}", file=sys.stderr)
    atomic_write(Path(args.output), result.data)
    if not args.quiet:
        pages = f", {result.pages} page{'s' if result.pages != 1 else ''}" if result.pages else ""
        print(f"wrote {args.output} ({len(result.data):,} bytes{pages})")
    return 0


def _project_of(start: Path):
    """The project a template lives in: the nearest folder above it with a reportgen.yaml."""
    from .config import CONFIG_NAME, load_project

    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return load_project(folder)
    return None


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
