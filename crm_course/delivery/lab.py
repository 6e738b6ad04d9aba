"""JupyterLab for a class: ``crm-course --lang zh`` (Chinese interface and package) and
``crm-course student`` (solutions held back, ``solutions/`` not served).

The interface language is preset as a *default* in an app settings folder of the session's own
(``overrides.d``, next to a copy of the environment's app settings), so a user's settings folder
is never touched; the package's language reaches every kernel through ``CRM_COURSE_LANG``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .release import ENV_VARIABLE, student_root

__all__ = ["LANGUAGE_SETTINGS", "NO_NEWS", "lab_settings_dir", "lab_environment", "lab_command", "open_lab"]

TRANSLATION_PLUGIN = "@jupyterlab/translation-extension:plugin"
LANGUAGE_SETTINGS = {"en": {TRANSLATION_PLUGIN: {"locale": "en"}}, "zh": {TRANSLATION_PLUGIN: {"locale": "zh_CN"}}}
NO_NEWS = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}
START_PAGE = "notebooks/00_start_here.ipynb"


def lab_settings_dir(workdir: Path, lang: str | None = None) -> Path:
    """An app settings folder: the environment's, plus the course's defaults (language, no news).

    Settings in an app settings folder (``overrides.d/*.json``, ``overrides.json``) only change
    *defaults*: whatever a user set in JupyterLab's Settings editor still wins, and their settings
    folder is not touched (pointing JUPYTERLAB_SETTINGS_DIR elsewhere would hide all of a user's
    settings). The environment's folder is copied, so its own overrides still apply.

    >>> import tempfile
    >>> folder = lab_settings_dir(Path(tempfile.mkdtemp()), "zh")
    >>> json.loads((folder / "overrides.d" / "10-crm-course-language.json").read_text())
    {'@jupyterlab/translation-extension:plugin': {'locale': 'zh_CN'}}
    """
    from jupyterlab.commands import get_app_dir

    source = Path(get_app_dir()) / "settings"
    target = Path(workdir) / "lab-settings"
    if target.exists():
        shutil.rmtree(target)
    if source.is_dir():
        shutil.copytree(source, target)
    overrides = target / "overrides.d"
    overrides.mkdir(parents=True, exist_ok=True)
    (overrides / "00-crm-course.json").write_text(json.dumps(NO_NEWS, indent=2))
    if lang is not None:
        (overrides / "10-crm-course-language.json").write_text(json.dumps(LANGUAGE_SETTINGS[lang], indent=2))
    return target


def lab_environment(lang: str | None, student: bool) -> dict[str, str]:
    """The server's environment (kernels inherit it): the package's language, solutions held back."""
    env = dict(os.environ)
    if lang is not None:
        env["CRM_COURSE_LANG"] = lang
    if student:
        env[ENV_VARIABLE] = "hidden"
    return env


def lab_command(root: Path, settings: Path, extra: list[str]) -> list[str]:
    """The JupyterLab call on ``root`` with the session's settings, the user's options, the start page."""
    command = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={root}",
               f"--LabApp.app_settings_dir={settings}", *extra]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in extra:
        command.append("--allow-root")  # containers and CI machines often run as root
    return [*command, START_PAGE]


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


def open_lab(extra: list[str], *, lang: str | None = None, student: bool = False) -> int:
    """Open the course in JupyterLab at the start page and print its URL; ``extra``: JupyterLab
    options (``--port 8899``); ``lang``: interface and package language; ``student``: on a copy
    without solutions/. The server stops with this command."""
    from ..cli import _course_root

    root = _course_root(Path.cwd())
    if student:
        root = student_root(root, Path.cwd())
        print(f"Student mode: serving {root} (no solutions/; solution() says they are not released yet)")
    user_settings = Path(os.environ.get("JUPYTERLAB_SETTINGS_DIR", Path.home() / ".jupyter/lab/user-settings"))
    if lang and (user_settings / "@jupyterlab/translation-extension/plugin.jupyterlab-settings").exists():
        print("Note: your own JupyterLab settings choose a language; Settings > Language switches it.")
    with tempfile.TemporaryDirectory(prefix="crm-course-lab-") as workdir:
        print("Opening", root / START_PAGE, flush=True)
        process = subprocess.Popen(lab_command(root, lab_settings_dir(Path(workdir), lang), extra), cwd=root,
                                   env=lab_environment(lang, student))
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
