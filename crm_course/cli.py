"""The `crm-course` command.

    crm-course [OPTIONS]       open the course in JupyterLab at the start page and print its URL
                               (OPTIONS go to JupyterLab, e.g. --port 8899 --no-browser)
    crm-course doctor          check the environment before teaching
    crm-course run             execute every notebook headless: time and errors of each
                               (--save writes the outputs back: notebooks/ and solutions/ keep them)
    crm-course exercises       regenerate exercises/ from solutions/ (in a checkout)
    crm-course slides CHAPTER  an offline reveal.js deck of a chapter (crm_course.delivery)
    crm-course app CHAPTER     a chapter's widgets as a Voila dashboard, code hidden
    crm-course grade FOLDER --chapter NN --out grades.csv   grade submitted exercise notebooks
    crm-course student         JupyterLab for a class: solutions held back, solutions/ not served
                               (`crm-course` itself does so when CRM_COURSE_SOLUTIONS=hidden)
    crm-course lite OUT        a JupyterLite site of the course (its runtime needs a CDN)
    crm-course --lang zh       JupyterLab and the package in Chinese
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .course import checkout_root, course_path
from .i18n import ENV_VARIABLE, set_language

START_PAGE = "notebooks/00_start_here.ipynb"


def _course_root(workdir: Path) -> Path:
    """The checkout itself; for an installed wheel, a copy of the course in ``workdir/crm-course``."""
    root = checkout_root()
    if root is not None:
        return root
    target = workdir / "crm-course"
    for folder in ("notebooks", "exercises"):
        if not (target / folder).exists():
            shutil.copytree(course_path(folder), target / folder)
            print(f"Copied the course's {folder} to {target / folder}")
    return target


def open_course(extra: list[str], *, lang: str | None = None, student: bool = False) -> int:
    """Start JupyterLab on the start page (``extra``: JupyterLab options, e.g. ``--port 8899``)."""
    from .delivery.lab import open_lab

    return open_lab(extra, lang=lang, student=student)


def doctor() -> int:
    from .doctor import format_table, run_checks

    checks = run_checks()
    print(format_table([(c.status, c.name, c.detail) for c in checks], ("status", "check", "detail / how to fix")))
    failed = [c for c in checks if c.status == "FAIL"]
    warned = sum(c.status == "warn" for c in checks)
    if failed:
        print(f"\n{len(failed)} problem(s) to fix.")
    else:
        print("\nReady to teach." + (f" ({warned} warning(s) above: worth fixing before class.)" if warned else ""))
    return 1 if failed else 0


def notebooks_to_run(paths: list[str]) -> list[Path]:
    if paths:
        return [Path(p) for p in paths]
    found = []
    for folder in ("notebooks", "exercises", "solutions"):
        try:
            found += sorted(course_path(folder).glob("*.ipynb"))
        except FileNotFoundError:
            continue
    return found


def _kernel_transport(folder: Path):
    """Kernels on local sockets (IPC) where the system has them: the kernel then has no reason to
    warn that it "is running over TCP without encryption". Windows keeps TCP, with the kernel's
    log at error level so the warning does not print."""
    from traitlets.config import Config

    if os.name == "posix":
        return Config({"KernelManager": {"transport": "ipc", "ip": str(folder / "kernel")}})
    return Config({"NotebookClient": {"extra_arguments": ["--IPKernelApp.log_level=ERROR"]}})


def run_notebooks(paths: list[str], timeout: int, save: bool = False) -> int:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    from .doctor import format_table

    rows, failures = [], 0
    sockets = tempfile.TemporaryDirectory(prefix="crm-course-kernels-")
    for path in notebooks_to_run(paths):
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", store_widget_state=False,
                                record_timing=False, resources={"metadata": {"path": str(path.parent)}},
                                config=_kernel_transport(Path(sockets.name)))
        started = time.perf_counter()
        try:
            client.execute()
            status = "ok"
        except CellExecutionError as error:
            failures += 1
            status = "ERROR " + re.sub(r"\x1b\[[0-9;]*m", "", str(error).strip().splitlines()[-1])[:100]
        except Exception as error:  # noqa: BLE001 - a timeout or a dead kernel is a row too
            failures += 1
            status = f"ERROR {type(error).__name__}: {str(error)[:100]}"
        seconds = time.perf_counter() - started
        if save and status == "ok":
            nbformat.write(notebook, path)
        rows.append((f"{path.parent.name}/{path.name}", f"{seconds:6.1f} s", status))
        print(format_table(rows[-1:], ("notebook", "time", "status")).splitlines()[-1], flush=True)
    sockets.cleanup()
    print()
    print(format_table(rows, ("notebook", "time", "status")))
    print(f"\n{len(rows)} notebook{'' if len(rows) == 1 else 's'}, {failures} with errors.")
    return 1 if failures else 0


def build_exercise_notebooks() -> int:
    from .exercises.build import build_exercises

    root = checkout_root()
    if root is None:
        print("crm-course exercises works in a checkout of the course (it writes exercises/).", file=sys.stderr)
        return 2
    for path in build_exercises(root / "solutions", root / "exercises"):
        print("wrote", path.relative_to(root))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crm-course", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("open", help="open the course in JupyterLab (the default); other options go to JupyterLab")
    commands.add_parser("doctor", help="check the environment before teaching")
    run = commands.add_parser("run", help="execute every notebook headless and report times and errors")
    run.add_argument("paths", nargs="*", help="notebooks to run (default: all of the course)")
    run.add_argument("--timeout", type=int, default=120, help="seconds allowed per cell (default 120)")
    run.add_argument("--save", action="store_true", help="write the fresh outputs back (maintainers, before a commit)")
    commands.add_parser("exercises", help="regenerate exercises/ from solutions/")
    from .delivery.commands import SUBCOMMANDS, add_commands, run_command  # slides, app, grade, student, lite
    from .delivery.release import solutions_released

    add_commands(parser, commands)
    argv = sys.argv[1:] if argv is None else list(argv)
    # `--lang zh` may stand anywhere; everything that is not a subcommand goes to JupyterLab.
    language = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    language.add_argument("--lang", choices=("en", "zh"))
    chosen, argv = language.parse_known_args(argv)
    if chosen.lang:  # every subcommand speaks it: slides, app, run and grade run kernels that read it
        os.environ[ENV_VARIABLE] = chosen.lang
        set_language(chosen.lang)
    student = not solutions_released()  # CRM_COURSE_SOLUTIONS=hidden or the flag file: a class
    if not argv or argv[0] not in commands.choices and argv[0] not in ("-h", "--help"):
        return open_course(argv, lang=chosen.lang, student=student)  # `crm-course --port 8899`
    args, extra = parser.parse_known_args(argv)
    if args.command in SUBCOMMANDS and args.command != "student":
        return run_command(args, extra)
    if args.command == "doctor":
        return doctor()
    if args.command == "run":
        return run_notebooks(args.paths, args.timeout, args.save)
    if args.command == "exercises":
        return build_exercise_notebooks()
    return open_course(extra, lang=chosen.lang, student=student or args.command == "student")


if __name__ == "__main__":
    sys.exit(main())
