"""The `crm-course` command.

    crm-course [OPTIONS]       open the course in JupyterLab at the start page and print its URL
                               (OPTIONS go to JupyterLab, e.g. --port 8899 --no-browser)
    crm-course doctor          check the environment before teaching
    crm-course run             execute every notebook headless: time and errors of each
                               (--save writes the outputs back: notebooks/ and solutions/ keep them)
    crm-course exercises       regenerate exercises/ from solutions/ (in a checkout)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .course import checkout_root, course_path

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


# The course's default for JupyterLab: no news pop-up over the start page in front of a class.
SETTING_DEFAULTS = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}


def lab_settings_dir(workdir: Path) -> Path:
    """JupyterLab's app settings for the course: the environment's own, plus the course's defaults.

    Settings in an app settings folder (``overrides.d/*.json``, ``overrides.json``) only change
    *defaults*: whatever a user set in JupyterLab's Settings editor still wins, and their
    settings folder is not touched (pointing JUPYTERLAB_SETTINGS_DIR elsewhere would hide all of
    a user's settings). The environment's folder is copied, so its own overrides still apply.
    """
    from jupyterlab.commands import get_app_dir

    source = Path(get_app_dir()) / "settings"
    target = workdir / "lab-settings"
    if target.exists():
        shutil.rmtree(target)
    if source.is_dir():
        shutil.copytree(source, target)
    (target / "overrides.d").mkdir(parents=True, exist_ok=True)
    (target / "overrides.d" / "00-crm-course.json").write_text(json.dumps(SETTING_DEFAULTS, indent=2))
    return target


def _start_url(process: subprocess.Popen, timeout: float = 60) -> str | None:
    """The start page's URL with the server's token, once JupyterLab has written its server file."""
    from jupyter_core.paths import jupyter_runtime_dir

    info_file = Path(jupyter_runtime_dir()) / f"jpserver-{process.pid}.json"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            info = json.loads(info_file.read_text())
        except (OSError, ValueError):
            time.sleep(0.2)
            continue
        token = f"?token={info['token']}" if info.get("token") else ""
        return f"{info['url'].rstrip('/')}/lab/tree/{START_PAGE}{token}"
    return None


def open_command(root: Path, extra: list[str], settings: Path) -> list[str]:
    """The JupyterLab call: the course's root and settings, then the user's options, then the start page."""
    command = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={root}",
               f"--LabApp.app_settings_dir={settings}", *extra]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in extra:
        command.append("--allow-root")  # containers and CI machines often run as root
    return [*command, START_PAGE]


def open_course(extra: list[str]) -> int:
    """Start JupyterLab on the start page (``extra``: JupyterLab options, e.g. ``--port 8899``)."""
    root = _course_root(Path.cwd())
    with tempfile.TemporaryDirectory(prefix="crm-course-lab-") as workdir:
        command = open_command(root, extra, lab_settings_dir(Path(workdir)))
        print("Opening", root / START_PAGE, flush=True)
        process = subprocess.Popen(command, cwd=root)
        previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
        try:
            url = _start_url(process)
            if url:
                print(f"\n    The course's start page: {url}\n", flush=True)
            while True:
                try:
                    return process.wait()
                except KeyboardInterrupt:  # JupyterLab got it too and asks whether to shut down
                    continue
        finally:
            signal.signal(signal.SIGTERM, previous)
            if process.poll() is None:  # stopped from outside: stop the server with it
                process.terminate()
                process.wait(timeout=30)


def doctor() -> int:
    from .doctor import format_table, run_checks

    checks = run_checks()
    print(format_table([(c.status, c.name, c.detail) for c in checks], ("status", "check", "detail / how to fix")))
    failed = [c for c in checks if c.status == "FAIL"]
    print(f"\n{len(failed)} problem(s) to fix." if failed else "\nReady to teach.")
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
    print(f"\n{len(rows)} notebooks, {failures} with errors.")
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
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[0] not in commands.choices and argv[0] not in ("-h", "--help"):
        return open_course(argv)  # `crm-course --port 8899`: everything goes to JupyterLab
    args, extra = parser.parse_known_args(argv)
    if args.command == "doctor":
        return doctor()
    if args.command == "run":
        return run_notebooks(args.paths, args.timeout, args.save)
    if args.command == "exercises":
        return build_exercise_notebooks()
    return open_course(extra)


if __name__ == "__main__":
    sys.exit(main())
