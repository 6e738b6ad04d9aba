"""``crm-course lite OUT``: a JupyterLite site of the course, built without network.

The site holds the notebooks, exercises and datasets as its files, the kit's own wheel (installed
in the browser with ``%pip install crm-course`` from the site's piplite index) and the Pyodide
kernel. Built offline; but the Pyodide runtime itself is fetched from a CDN when the page opens,
so a browser needs the internet to run a notebook in it. Serve the folder with any web server,
e.g. ``python -m http.server -d OUT``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..course import checkout_root, course_path

__all__ = ["build_wheel", "build_site"]

FOLDERS = ("notebooks", "exercises", "datasets")


def build_wheel(folder: Path) -> Path:
    """The kit's wheel, built from the checkout without network (``--no-build-isolation``)."""
    root = checkout_root()
    if root is None:
        raise RuntimeError("crm-course lite builds the kit's wheel from a checkout of the course.")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "-q", "-w", str(folder), str(root)], check=True)
    return next(Path(folder).glob("crm_course-*.whl"))


def build_site(out: str | Path) -> Path:
    """Build the site into ``out`` (replaced if it exists); return its ``index.html``."""
    out = Path(out).resolve()
    with tempfile.TemporaryDirectory(prefix="crm-course-lite-") as work:
        lite = Path(work)
        for folder in FOLDERS:
            shutil.copytree(course_path(folder), lite / "files" / folder,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        wheel = build_wheel(lite / "wheels")
        if out.exists():
            shutil.rmtree(out)
        subprocess.run([sys.executable, "-m", "jupyter", "lite", "build", f"--lite-dir={lite}",
                        f"--contents={lite / 'files'}", f"--output-dir={out}", f"--piplite-wheels={wheel}",
                        "--no-sourcemaps"], check=True, cwd=lite, capture_output=True, text=True)
    return out / "index.html"


def main(out: str) -> int:
    """The command: build the site, say how big it is and what it needs at page load."""
    started = time.perf_counter()
    index = build_site(out)
    size = sum(p.stat().st_size for p in index.parent.rglob("*") if p.is_file())
    print(f"Built {index.parent} ({size / 1e6:.0f} MB) in {time.perf_counter() - started:.0f} s. Serve it with "
          f"`python -m http.server -d {out}`. Note: the Pyodide runtime is fetched from a CDN when the page "
          "opens, so running a notebook in the site needs the internet.")
    return 0
