"""The start page in a real browser: JupyterLab in headless Chromium, run all, move a slider.

Needs Debian's chromium (/usr/bin/chromium) and the Python playwright package; never
`playwright install`. Skipped where they are missing, except in CI (CI=true), where a missing
browser is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
TOKEN = "crm-course-test"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]

pytestmark = pytest.mark.browser


def _require_browser():
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("the playwright package (pip install -e '.[test]')")
    if missing:
        message = "browser test needs " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_lab(tmp_path: Path, language: str) -> tuple[subprocess.Popen, str]:
    """A JupyterLab server on 127.0.0.1 with isolated settings, no news pop-up."""
    settings = tmp_path / "settings"
    notification = settings / "@jupyterlab/apputils-extension/notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True)
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    env = dict(
        os.environ,
        CRM_COURSE_LANG=language,
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
    )
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={ROOT}", "--allow-root"],
        env=env, stdout=subprocess.DEVNULL, stderr=open(tmp_path / "server.log", "w"),
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline and server.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, url
        except OSError:
            time.sleep(0.3)
    server.kill()
    pytest.fail("JupyterLab did not start: " + (tmp_path / "server.log").read_text()[-2000:])


def _run_start_page(tmp_path: Path, language: str, idle_text: str) -> dict:
    """Open the start page, run all cells, move the lapse slider; return timings and evidence."""
    from playwright.sync_api import sync_playwright

    server, url = _start_lab(tmp_path, language)
    timings = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            started = time.perf_counter()
            page.goto(f"{url}/lab/tree/notebooks/00_start_here.ipynb?reset&token={TOKEN}")
            page.get_by_text(f"Python 3 (ipykernel) | {idle_text}").wait_for(timeout=90_000)
            timings["page_to_idle_kernel_s"] = time.perf_counter() - started

            started = time.perf_counter()
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator('[data-command="runmenu:run-all"]').click()
            handle = page.locator(".widget-slider .noUi-handle").first
            handle.wait_for(timeout=90_000)
            image = page.locator(".widget-image").first
            image.wait_for(timeout=30_000)
            page.get_by_text(f"Python 3 (ipykernel) | {idle_text}").wait_for(timeout=90_000)
            timings["run_all_s"] = time.perf_counter() - started

            slider_label = page.locator(".widget-slider .widget-label").first.inner_text()
            before = image.get_attribute("src")
            readout = page.locator(".widget-slider .widget-readout").first
            value_before = readout.inner_text()
            started = time.perf_counter()
            handle.focus()
            handle.press("ArrowRight")
            page.wait_for_function(
                "(before) => document.querySelector('.widget-image').getAttribute('src') !== before",
                arg=before, timeout=15_000,
            )
            timings["slider_to_new_image_s"] = time.perf_counter() - started
            value_after = readout.inner_text()
            image.scroll_into_view_if_needed()
            shot = tmp_path / f"start_page_{language}.png"
            page.screenshot(path=str(shot))
            keep = os.environ.get("CRM_COURSE_SCREENSHOTS")
            if keep:
                Path(keep).mkdir(parents=True, exist_ok=True)
                shutil.copy(shot, Path(keep) / shot.name)
            errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"\n{language} timings:", {k: round(v, 2) for k, v in timings.items()})
    return {"label": slider_label, "before": value_before, "after": value_after, "stderr": errors}


def test_start_page_runs_and_slider_redraws(tmp_path):
    _require_browser()
    seen = _run_start_page(tmp_path, "en", "Idle")
    assert seen["label"].startswith("Lapsed after")
    assert int(seen["after"]) == int(seen["before"]) + 30
    assert not [e for e in seen["stderr"] if "Error" in e or "Traceback" in e], seen["stderr"]


def test_start_page_in_chinese(tmp_path):
    _require_browser()
    seen = _run_start_page(tmp_path, "zh", "Idle")
    assert seen["label"].startswith("流失阈值")
    assert int(seen["after"]) == int(seen["before"]) + 30
    assert not [e for e in seen["stderr"] if "missing from font" in e], seen["stderr"]
