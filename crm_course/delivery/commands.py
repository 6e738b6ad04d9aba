"""The delivery subcommands of ``crm-course``: slides, app, grade, student, lite and ``--lang``."""

from __future__ import annotations

import argparse

__all__ = ["SUBCOMMANDS", "add_commands", "run_command"]

SUBCOMMANDS = ("slides", "app", "grade", "student", "lite")


def add_commands(parser: argparse.ArgumentParser, commands) -> None:
    """Add the delivery subcommands (and, for the help text, ``--lang``) to the ``crm-course`` parser."""
    parser.add_argument("--lang", choices=("en", "zh"), help="JupyterLab's interface and the package's language")
    slides = commands.add_parser("slides", help="write an offline reveal.js deck of a chapter")
    slides.add_argument("chapter", help="a chapter number (03), name (03_value) or notebook path")
    slides.add_argument("--out", default=None, help="the deck's folder (default slides/NN_name)")
    app = commands.add_parser("app", help="serve a chapter's widgets as a Voila dashboard (code hidden)")
    app.add_argument("chapter", help="a chapter number (03), name (03_value) or notebook path")
    app.add_argument("--port", type=int, default=8866)
    grade = commands.add_parser("grade", help="grade submitted exercise notebooks of a chapter")
    grade.add_argument("submissions", help="a folder of submissions (every file in it and below) or one file")
    grade.add_argument("--chapter", required=True, help="the chapter number, e.g. 03")
    grade.add_argument("--out", default="grades.csv", help="the grades table (a _summary.csv and .png beside it)")
    grade.add_argument("--time-limit", type=float, default=120, help="seconds per notebook (default 120)")
    grade.add_argument("--workers", type=int, default=None, help="notebooks at once (default: one per core)")
    commands.add_parser("student", help="JupyterLab for a class: solutions held back, solutions/ not served")
    lite = commands.add_parser("lite", help="build a JupyterLite site of the course (needs a CDN at page load)")
    lite.add_argument("out", help="the site's folder")


def run_command(args: argparse.Namespace, extra: list[str]) -> int:
    """Run the chosen delivery subcommand (``student`` opens the course: see :func:`crm_course.cli.main`)."""
    if args.command == "slides":
        from .slides import main
        return main(args.chapter, args.out)
    if args.command == "app":
        from .app import main
        return main(args.chapter, port=args.port, extra=extra)
    if args.command == "grade":
        from .grade import main
        return main(args.submissions, args.chapter, args.out, args.time_limit, args.workers)
    if args.command == "lite":
        from .lite import main
        return main(args.out)
    raise ValueError(f"{args.command!r} is not a delivery subcommand")
