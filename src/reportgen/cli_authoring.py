"""The authoring commands of the command line: init, new-template,
templates, themes, fonts, watch (arguments and printing; the work is in
``reportgen.authoring`` and below)."""
from __future__ import annotations

import sys

from . import writers
from .cli_output import _grouped, print_problems


def _add_authoring(sub, common) -> None:
    from .authoring import STARTERS

    i = sub.add_parser("init", parents=[common], help="start a new project that builds at once",
                       description="Create a project folder: reportgen.yaml, templates copied from the built-ins "
                                   "for editing, sample data and a README.")
    i.add_argument("folder", metavar="DIR", help="the new project's folder (must be empty or absent)")
    i.add_argument("--template", action="append", default=[], metavar="NAME",
                   help=f"start from this built-in template (repeatable; default: {', '.join(STARTERS)})")
    i.set_defaults(func=cmd_init)
    n = sub.add_parser("new-template", parents=[common], help="copy a built-in template into the project to edit",
                       description="Copy a built-in template to templates/NAME of the project; add NAME to "
                                   "'templates:' in reportgen.yaml to build it.")
    n.add_argument("name", metavar="NAME", help="the new template's name (a folder under templates/)")
    n.add_argument("--from", dest="source", required=True, metavar="BUILTIN", help="the built-in template to copy")
    n.add_argument("--project", default=".", metavar="DIR", help="project folder (default: current)")
    n.set_defaults(func=cmd_new_template)
    ls = sub.add_parser("templates", parents=[common], help="list templates: the project's and the built-ins",
                        description="List the project's templates and the built-in ones, with where they come "
                                    "from, what they make and the fields their schema expects.")
    ls.add_argument("--project", default=".", metavar="DIR", help="project folder (default: current)")
    ls.set_defaults(func=cmd_templates)
    w = sub.add_parser("watch", parents=[common], help="rebuild on every change to a template, theme or data file",
                       description="Build the project, then rebuild what each change to a template, theme, data "
                                   "file or reportgen.yaml affects. Problems are printed and watching goes on; "
                                   "Ctrl-C stops.")
    w.add_argument("--project", default=".", metavar="DIR", help="project folder (default: current)")
    w.add_argument("--format", default=None, choices=[*writers.formats(), "all"], help="default: the project's formats")
    w.add_argument("--only", action="append", default=[], metavar="NAME", help="only this template (repeatable)")
    w.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help="worker processes")
    w.set_defaults(func=cmd_watch)


def cmd_fonts(args) -> int:
    from pathlib import Path

    from .fonts.report import describe_fonts, format_fonts_table
    from .fonts.resolve import fontset_for
    from .project import CONFIG_NAME, load_project
    from .themes import load_theme

    if args.theme or not (Path(args.project) / CONFIG_NAME).is_file():
        print(format_fonts_table(describe_fonts(load_theme(args.theme or "default"))))
        return 0
    project = load_project(args.project)
    seen = set()
    for tpl in project.templates:  # each theme once, with the project's font files
        theme = load_theme(project.theme or tpl.theme, relative_to=tpl.dir)
        if theme.source in seen:
            continue
        seen.add(theme.source)
        users = [t.name for t in project.templates if (project.theme or t.theme) == (project.theme or tpl.theme)]
        print(f"theme {theme.name} ({', '.join(users)}):")
        print(format_fonts_table(describe_fonts(theme, fontset_for(theme, project.fonts))) + "\n")
    return 0


def cmd_themes(args) -> int:
    from .authoring import theme_descriptions

    for name, description in theme_descriptions():
        print(f"{name:<10} {description}")
    return 0


def cmd_init(args) -> int:
    from .authoring import STARTERS, init_project
    from .iofs import shown

    root = init_project(args.folder, tuple(args.template) or STARTERS)
    if not args.quiet:
        print(f"created {shown(root)}: reportgen.yaml, templates/ ({', '.join(args.template or STARTERS)}), data/")
        print(f"next: cd {shown(root)} && reportgen build --format all")
    return 0


def cmd_new_template(args) -> int:
    from pathlib import Path

    from .authoring import new_template
    from .iofs import shown

    dest = new_template(Path(args.project), args.name, args.source)
    if not args.quiet:
        print(f"created {shown(dest)} (a copy of the built-in {args.source}); "
              f"add '{args.name}' to templates: in reportgen.yaml to build it")
    return 0


def cmd_watch(args) -> int:
    from datetime import datetime

    from .authoring import watch
    from .iofs import shown

    formats = writers.formats() if args.format == "all" else args.format

    def stamp() -> str:
        return datetime.now().strftime("%H:%M:%S")

    def on_result(result) -> None:
        print_problems(result.warnings)
        if result.failed:
            print_problems(_grouped(result))
        print(f"[{stamp()}] {len(result.built)} built, {len(result.skipped)} up to date, "
              f"{len(result.failed)} failed", flush=True)

    def on_error(exc) -> None:
        print_problems(exc.diagnostics)
        print(f"[{stamp()}] nothing built: fix the problem above; watching for changes", file=sys.stderr, flush=True)

    def on_change(paths) -> None:
        print(f"[{stamp()}] changed: {', '.join(shown(p) or str(p) for p in paths[:5])}"
              + (f" and {len(paths) - 5} more" if len(paths) > 5 else ""), flush=True)

    if not args.quiet:
        print(f"watching {shown(args.project) or '.'} (Ctrl-C stops)", flush=True)
    watch(args.project, only=tuple(args.only), formats=formats, jobs=args.jobs, on_result=on_result,
          on_error=on_error, on_change=on_change)
    return 0


def cmd_templates(args) -> int:
    from pathlib import Path

    from .authoring import list_templates
    from .iofs import shown

    root = Path(args.project)
    for info in list_templates(root if (root / "reportgen.yaml").is_file() else None):
        mark = "*" if info.listed else " "
        print(f"{mark} {info.name:<18} {info.source:<9} {shown(info.path)}")
        if info.error:
            print(f"    error: {info.error}")
            continue
        if info.description:
            print(f"    {info.description[:160]}")
        if info.fields:
            print(f"    fields: {', '.join(info.fields)}")
    print("(* built by this project)")
    return 0
