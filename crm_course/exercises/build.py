"""Generate exercises/ from solutions/: the code between the markers becomes a placeholder.

Every exercise notebook opens with a cell for the student's name (``NAME_CELL``), the line
``crm-course grade`` reads (``crm_course.delivery.grade.submission_name``) once it is filled in.

>>> print(strip_solutions("### BEGIN SOLUTION\\nn = len(tx)\\nanswer = n + 1\\n### END SOLUTION\\nex.q1.check(answer)"))
# your code here
answer = ...
ex.q1.check(answer)
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from .engine import SOLUTION_BEGIN, SOLUTION_END

__all__ = ["NAME_CELL", "strip_solutions", "exercise_notebook", "build_exercises"]

_BLOCK = re.compile(rf"{SOLUTION_BEGIN}\n(.*?){SOLUTION_END}\n?", flags=re.S)
_ASSIGNED = re.compile(r"^([A-Za-z_]\w*)\s*=[^=]", flags=re.M)
# The placeholder is one the grader skips, so an unfilled notebook is named by its file.
NAME_CELL = "**Name**: your name here\n\n**姓名**："


def _placeholder(match: re.Match) -> str:
    names = _ASSIGNED.findall(match.group(1))
    return "# your code here\n" + (f"{names[-1]} = ...\n" if names else "")


def strip_solutions(source: str) -> str:
    """Replace every solution block with ``# your code here`` and ``<last name assigned> = ...``."""
    return _BLOCK.sub(_placeholder, source)


def exercise_notebook(solution: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The student's version of a solutions notebook: a name cell first, solutions stripped, outputs cleared."""
    exercise = nbformat.from_dict(solution)
    for cell in exercise.cells:
        if cell.cell_type == "code":
            cell.source = strip_solutions(cell.source)
            cell.outputs, cell.execution_count = [], None
            cell.metadata.pop("execution", None)
    name = nbformat.v4.new_markdown_cell(NAME_CELL, id="student-name")
    name.metadata["slideshow"] = {"slide_type": "skip"}
    exercise.cells.insert(0, name)
    return exercise


def build_exercises(solutions: Path, exercises: Path) -> list[Path]:
    """Write ``exercises/NAME.ipynb`` for every ``solutions/NAME.ipynb``; return the paths written."""
    exercises.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(Path(solutions).glob("*.ipynb")):
        target = Path(exercises) / source.name
        nbformat.write(exercise_notebook(nbformat.read(source, as_version=4)), target)
        written.append(target)
    return written
