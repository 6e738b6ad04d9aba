"""Slide metadata as a talk: the rules a chapter notebook's slides follow (RISE and ``crm-course slides``).

A slide is a cell marked ``slide`` or ``subslide`` and the cells after it up to the next one
(``fragment`` and ``-`` cells join it; ``skip`` and ``notes`` cells are not shown).

Rules
    1. Every cell says its slide type (``slideshow.slide_type``), one of RISE's six.
    2. The notebook opens with a title slide: a markdown cell, type ``slide``, starting with ``# ``.
    3. One idea per slide: at most one heading (the title slide may add a subtitle), and at most two
       code cells with output.
    4. A widget has a slide of its own: the slide holding a widget cell holds no other code cell.
    5. A slide fits the screen: at most 1,800 characters of text in its markdown cells.

>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title")])
>>> talk_problems(nb)
['cell 1: no slide type (slideshow.slide_type)', 'cell 1: the title slide is not marked `slide`']
"""

from __future__ import annotations

import re

from .app import widget_cells

__all__ = ["SLIDE_TYPES", "slides_of", "talk_problems"]

SLIDE_TYPES = ("slide", "subslide", "fragment", "-", "skip", "notes")
MAX_TEXT = 1800
MAX_OUTPUT_CELLS = 2


def _type(cell) -> str | None:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type")


def slides_of(notebook) -> list[list[int]]:
    """The cells shown on each slide, by index (skip and notes cells left out)."""
    slides: list[list[int]] = []
    for index, cell in enumerate(notebook.cells):
        kind = _type(cell) or "-"
        if kind in ("skip", "notes"):
            continue
        if kind in ("slide", "subslide") or not slides:
            slides.append([])
        slides[-1].append(index)
    return slides


def talk_problems(notebook) -> list[str]:
    """Every rule a notebook's slide metadata breaks, as ``cell N: ...`` lines (1-based cells)."""
    problems = []
    for index, cell in enumerate(notebook.cells):
        kind = _type(cell)
        if kind is None:
            problems.append(f"cell {index + 1}: no slide type (slideshow.slide_type)")
        elif kind not in SLIDE_TYPES:
            problems.append(f"cell {index + 1}: slide type {kind!r} is not one of {SLIDE_TYPES}")
    first = notebook.cells[0] if notebook.cells else None
    if first is None or first.cell_type != "markdown" or not first.source.startswith("# "):
        problems.append("cell 1: the notebook does not open with a `# ` title in a markdown cell")
    elif _type(first) != "slide":
        problems.append("cell 1: the title slide is not marked `slide`")
    widgets = set(widget_cells(notebook))
    for number, cells in enumerate(slides_of(notebook)):
        where = f"cell {cells[0] + 1}"
        markdown = [notebook.cells[i] for i in cells if notebook.cells[i].cell_type == "markdown"]
        code = [i for i in cells if notebook.cells[i].cell_type == "code"]
        headings = sum(len(re.findall(r"^#{1,6} ", c.source, flags=re.M)) for c in markdown)
        if headings > (2 if number == 0 else 1):
            problems.append(f"{where}: {headings} headings on one slide (one idea per slide)")
        shown = [i for i in code if notebook.cells[i].get("outputs")]
        if len(shown) > MAX_OUTPUT_CELLS:
            problems.append(f"{where}: {len(shown)} code cells with output on one slide (at most {MAX_OUTPUT_CELLS})")
        if widgets & set(code) and len(code) > 1:
            problems.append(f"{where}: a widget shares its slide with {len(code) - 1} other code cell(s)")
        size = sum(len(c.source) for c in markdown)
        if size > MAX_TEXT:
            problems.append(f"{where}: {size:,} characters of text on one slide (at most {MAX_TEXT:,})")
    return problems
