"""Slide metadata as a talk: the rules on hand-made notebooks, then over every chapter notebook."""

from __future__ import annotations

import nbformat
import pytest

from crm_course.delivery.chapters import chapter_notebooks
from crm_course.delivery.talk import talk_problems

v4 = nbformat.v4


def _cell(kind: str, source: str, slide: str | None, output: bool = False):
    cell = v4.new_markdown_cell(source) if kind == "md" else v4.new_code_cell(source)
    if slide is not None:
        cell.metadata["slideshow"] = {"slide_type": slide}
    if output:
        cell.outputs = [v4.new_output("execute_result", {"text/plain": "1"}, execution_count=1)]
    return cell


def _talk(*cells):
    return v4.new_notebook(cells=[_cell("md", "# Title\n### 副标题", "slide"), *cells])


def test_a_well_made_talk_breaks_no_rule():
    notebook = _talk(_cell("md", "## Idea", "slide"), _cell("code", "x = 1", "-", output=True),
                     _cell("md", "A remark.", "fragment"), _cell("md", "### Try it", "subslide"),
                     _cell("code", "w = widgets.rfm_explorer()\nw", "-", output=True),
                     _cell("md", "**Reading it.** ...", "fragment"), _cell("code", "import os", "skip"))
    assert talk_problems(notebook) == []


@pytest.mark.parametrize("cells, problem", [
    ([_cell("md", "## A", "slide"), _cell("md", "## B", "-")], "2 headings on one slide"),
    ([_cell("md", "## A", "slide"), *[_cell("code", str(i), "-", output=True) for i in range(3)]],
     "3 code cells with output"),
    ([_cell("md", "### Try it", "slide"), _cell("code", "w = widgets.abc_explorer()", "-"),
      _cell("code", "w.result", "-", output=True)], "a widget shares its slide with 1 other code cell"),
    ([_cell("md", "## A\n" + "word " * 400, "slide")], "characters of text on one slide"),
    ([_cell("md", "A remark.", None)], "no slide type"),
    ([_cell("md", "A remark.", "slides")], "is not one of"),
])
def test_each_rule_catches_its_fault(cells, problem):
    problems = talk_problems(_talk(*cells))
    assert len(problems) == 1 and problem in problems[0], problems


def test_a_notebook_without_a_title_slide_is_told():
    notebook = v4.new_notebook(cells=[_cell("code", "import crm_course", "slide")])
    assert talk_problems(notebook) == ["cell 1: the notebook does not open with a `# ` title in a markdown cell"]


CHAPTERS = {"00_start_here", "01_strategy", "02_lifecycle", "03_value", "04_culture", "05_it_models"}


def test_every_chapter_notebook_present_is_tested():
    assert {p.stem for p in chapter_notebooks()} >= CHAPTERS  # and a new chapter is tested as soon as it exists


@pytest.mark.parametrize("path", chapter_notebooks(), ids=lambda p: p.stem)
def test_every_chapter_notebook_reads_as_a_talk(path):
    problems = talk_problems(nbformat.read(path, as_version=4))
    assert not problems, f"{path.name}:\n" + "\n".join(problems)
