"""``crm-course app CHAPTER``: a chapter's widgets as a Voila dashboard, code hidden, offline.

The dashboard is a notebook derived from the chapter: its title, and for each widget the heading
cell that introduces it and the widget itself. Every other code cell still runs (the widgets need
its data) with its output captured, so only the widgets and their introductions show. Voila serves
it from this machine (its own front-end files; no CDN), for a lecturer's second screen or a
self-learner.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .chapters import chapter_notebook

__all__ = ["dashboard_notebook", "widget_cells", "voila_command", "voila_environment", "serve"]

_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter_data"  # holds the crm_lab Voila template
_WIDGET_CALL = re.compile(r"\bwidgets\.\w+\(")


def widget_cells(notebook) -> list[int]:
    """Indices of the code cells that show a widget (by their stored output or a ``widgets.`` call)."""
    found = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        shows = any(_WIDGET_VIEW in output.get("data", {}) for output in cell.get("outputs", []))
        if shows or _WIDGET_CALL.search(cell.source):
            found.append(index)
    return found


def dashboard_notebook(path: str | Path):
    """The dashboard of the chapter notebook at ``path``: title, widget headings, widgets.

    >>> from crm_course.delivery.chapters import chapter_notebook
    >>> nb = dashboard_notebook(chapter_notebook("00"))
    >>> [c.cell_type for c in nb.cells if not c.source.startswith("%%capture")]
    ['markdown', 'markdown', 'code']
    """
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    shown = set(widget_cells(notebook))
    if not shown:
        raise ValueError(f"The chapter {Path(path).stem} has no widget to show as an app.")
    headings = {}  # markdown cell -> its text from the last heading on (a cell may end with the widget's heading)
    for index in shown:
        before = [i for i in range(index) if notebook.cells[i].cell_type == "markdown"
                  and re.search(r"^#{1,4} ", notebook.cells[i].source, flags=re.M)]
        if before:
            source = notebook.cells[before[-1]].source
            headings[before[-1]] = source[list(re.finditer(r"^#{1,4} ", source, flags=re.M))[-1].start():]
    title = next((c.source.splitlines()[0] for c in notebook.cells if c.cell_type == "markdown"), Path(path).stem)
    cells = [nbformat.v4.new_markdown_cell(title)]
    for index, cell in enumerate(notebook.cells):
        if index in headings and index != 0:
            cells.append(nbformat.v4.new_markdown_cell(headings[index]))
        elif cell.cell_type == "code":
            source = cell.source if index in shown or cell.source.startswith("%%") else "%%capture\n" + cell.source
            cells.append(nbformat.v4.new_code_cell(source))
    return nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": notebook.metadata.get("kernelspec", {
        "name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"})})


def voila_command(notebook: Path, port: int, extra: list[str] = ()) -> list[str]:
    """The Voila call: this machine only, no browser opened, code hidden (Voila's default), the
    course's template (run it with ``voila_environment()``)."""
    return [sys.executable, "-m", "voila", str(notebook), f"--port={port}", "--no-browser", "--Voila.ip=127.0.0.1",
            "--theme=light", "--template=crm_lab", *extra]


def voila_environment() -> dict[str, str]:
    """The environment with the course's Jupyter data folder (its Voila template) on JUPYTER_PATH."""
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(JUPYTER_DATA), env.get("JUPYTER_PATH")]))
    return env


def main(chapter: str, *, port: int = 8866, extra: list[str] = ()) -> int:
    """The command: write the dashboard next to a temporary copy and serve it until Ctrl+C."""
    import nbformat

    path = chapter_notebook(chapter)
    with tempfile.TemporaryDirectory(prefix="crm-course-app-") as folder:
        dashboard = Path(folder) / f"{path.stem}_app.ipynb"
        nbformat.write(dashboard_notebook(path), dashboard)
        print(f"Serving the widgets of {path.stem} at http://127.0.0.1:{port} : open that address in a browser "
              "(none is opened for you). Ctrl+C stops.", flush=True)
        started = time.perf_counter()
        try:
            return serve(voila_command(dashboard, port, extra), cwd=path.parent, env=voila_environment())
        finally:
            print(f"Served for {time.perf_counter() - started:.0f} s.")


def serve(command: list[str], **popen) -> int:
    """Run a server until it ends, Ctrl+C, or SIGTERM; the server never outlives this process."""
    process = subprocess.Popen(command, **popen)
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    try:
        return process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
