"""Which chapter a lecturer means: ``3``, ``03``, ``03_value`` or a notebook's path.

Every command takes any chapter present in ``notebooks/``, so new chapters need nothing here.

>>> chapter_number("3"), chapter_number("03_value"), chapter_number("notebooks/01_strategy.ipynb")
('03', '03', '01')
"""

from __future__ import annotations

import re
from pathlib import Path

from ..course import course_path

__all__ = ["chapter_number", "chapter_notebook", "chapter_notebooks"]


def chapter_number(chapter: str | int) -> str:
    """The two-digit number of a chapter given as a number, a name or a notebook path."""
    match = re.match(r"\s*(\d{1,2})(?:_|\b|$)", Path(str(chapter)).name)
    if not match:
        raise ValueError(f"The value for `chapter` must be a number such as 03 or a notebook name such as "
                         f"03_value, but {chapter!r} was passed.")
    return f"{int(match.group(1)):02d}"


def chapter_notebooks(folder: str = "notebooks") -> list[Path]:
    """Every chapter notebook present (``NN_name.ipynb``), in order."""
    return sorted(p for p in course_path(folder).glob("[0-9][0-9]_*.ipynb"))


def chapter_notebook(chapter: str | int, folder: str = "notebooks") -> Path:
    """The notebook of a chapter in ``notebooks/`` (or ``exercises/``, ``solutions/``); a path is kept."""
    given = Path(str(chapter))
    if given.suffix == ".ipynb" and given.is_file():
        return given
    number = chapter_number(chapter)
    found = [p for p in chapter_notebooks(folder) if p.name.startswith(number + "_")]
    if not found:
        present = ", ".join(p.stem for p in chapter_notebooks(folder)) or "none"
        raise ValueError(f"The value for `chapter` names no notebook in {folder}/: {chapter!r} was passed; "
                         f"the chapters present are {present}.")
    return found[0]
