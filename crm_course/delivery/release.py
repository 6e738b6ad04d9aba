"""Solutions held back for a class, released for self-learners.

A lecturer holds the solutions back in either of two ways (the first one found wins):

- the environment variable ``CRM_COURSE_SOLUTIONS=hidden`` (``released`` turns them back on), e.g.
  in the hub's image or the students' server environment;
- a flag file named ``.solutions-hidden`` at the course's root (next to ``notebooks/``), e.g.
  committed to the class's copy of the repository that nbgitpuller pulls; delete it to release.

Without either, solutions are released: a self-learner sees them.

>>> import os
>>> os.environ["CRM_COURSE_SOLUTIONS"] = "hidden"
>>> solutions_released()
False
>>> os.environ["CRM_COURSE_SOLUTIONS"] = "released"
>>> solutions_released()
True
>>> del os.environ["CRM_COURSE_SOLUTIONS"]
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..course import checkout_root, course_path

__all__ = ["ENV_VARIABLE", "FLAG_FILE", "solutions_released", "student_root"]

ENV_VARIABLE = "CRM_COURSE_SOLUTIONS"
FLAG_FILE = ".solutions-hidden"
_HIDDEN = {"hidden", "hide", "off", "no", "0", "false"}
_RELEASED = {"released", "release", "shown", "on", "yes", "1", "true"}


def _course_roots() -> list[Path]:
    roots = [Path.cwd(), Path.cwd().parent]  # a kernel runs in notebooks/ or exercises/
    root = checkout_root()
    if root is not None:
        roots.append(root)
    try:
        roots.append(course_path("notebooks").parent)
    except FileNotFoundError:
        pass
    return roots


def solutions_released() -> bool:
    """False when the lecturer holds the solutions back (see the module docstring), else True."""
    value = os.environ.get(ENV_VARIABLE, "").strip().lower()
    if value in _HIDDEN:
        return False
    if value in _RELEASED:
        return True
    if value:
        raise ValueError(f"The value for `{ENV_VARIABLE}` must be 'hidden' or 'released', but {value!r} was set.")
    return not any((root / FLAG_FILE).exists() for root in _course_roots())


def student_root(root: Path, workdir: Path) -> Path:
    """The folder JupyterLab serves to students: the course in ``root`` without ``solutions/``.

    A copy of ``notebooks/``, ``exercises/`` and ``datasets/`` in ``workdir/crm-course-student``,
    kept between runs so that students' work survives: only files missing from it are added.
    Start the server with ``CRM_COURSE_SOLUTIONS=hidden`` so that ``solution()`` says so too.
    """
    target = Path(workdir) / "crm-course-student"
    for folder in ("notebooks", "exercises", "datasets"):
        for source in sorted((Path(root) / folder).rglob("*")):
            copy = target / source.relative_to(root)
            if source.is_file() and not copy.exists() and ".ipynb_checkpoints" not in source.parts:
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, copy)
    return target
