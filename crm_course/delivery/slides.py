"""``crm-course slides CHAPTER``: a reveal.js deck of a chapter that works with no network.

The chapter runs headless with its widgets' state saved, so every widget shows the state it
had (its figure); nbconvert's SlidesExporter then writes the deck with the URL options pointed
at copies of reveal.js, require.js and the widget renderer (@jupyter-widgets/html-manager)
beside the deck, and KaTeX renders the formulas (``static/README.md`` lists the versions).
The deck folder can be copied anywhere: it needs no server and no internet.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from .chapters import chapter_notebook

__all__ = ["STATIC", "ASSETS", "build_slides"]

STATIC = Path(__file__).resolve().parent / "static"
TEMPLATES = Path(__file__).resolve().parent / "templates"
ASSETS = "assets"  # the assets' folder beside the deck


def _executed(path: Path, timeout: int):
    import tempfile

    import nbformat
    from nbclient import NotebookClient

    from ._kernel import kernel_config

    notebook = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="crm-course-slides-") as sockets:
        client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", store_widget_state=True,
                                record_timing=False, resources={"metadata": {"path": str(path.parent)}},
                                config=kernel_config(Path(sockets)))
        client.execute()
    return notebook


def build_slides(chapter: str, out: str | Path | None = None, *, timeout: int = 300) -> Path:
    """Write the deck of ``chapter`` into ``out`` (default ``slides/NN_name``); return the HTML file."""
    from nbconvert import SlidesExporter

    path = chapter_notebook(chapter)
    folder = Path(out) if out is not None else Path("slides") / path.stem
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(STATIC, folder / ASSETS, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    notebook = _executed(path, timeout)
    exporter = SlidesExporter(
        extra_template_basedirs=[str(TEMPLATES)], template_name="crm_reveal",
        reveal_url_prefix=f"{ASSETS}/reveal.js", reveal_theme="white", reveal_transition="none",
        reveal_width="1280", reveal_height="800", reveal_number="c/t",
        require_js_url=f"{ASSETS}/requirejs/require.js", widget_renderer_url=f"{ASSETS}/html-manager/embed-amd.js",
    )
    body, _ = exporter.from_notebook_node(notebook, resources={"crm_assets": ASSETS, "metadata": {"name": path.stem}})
    deck = folder / f"{path.stem}.slides.html"
    deck.write_text(body, encoding="utf-8")
    return deck


def main(chapter: str, out: str | None) -> int:
    """The command: build the deck and say where it is and how long it took."""
    started = time.perf_counter()
    deck = build_slides(chapter, out)
    print(f"Wrote {deck} in {time.perf_counter() - started:.1f} s: open it in a browser (no network needed); "
          "arrow keys page through it, S opens the speaker notes.")
    return 0
