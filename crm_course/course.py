"""Where the course's files are, in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

__all__ = ["course_path", "checkout_root"]

_PACKAGE = Path(__file__).resolve().parent


def checkout_root() -> Path | None:
    """The repository root when the package runs from a checkout (editable install), else None."""
    root = _PACKAGE.parent
    return root if (root / "pyproject.toml").exists() and (root / "notebooks").is_dir() else None


def course_path(folder: str) -> Path:
    """``datasets``, ``notebooks`` or ``exercises``: inside the wheel, else in the checkout."""
    bundled = _PACKAGE / "_course" / folder
    if bundled.is_dir():
        return bundled
    root = checkout_root()
    if root is None:
        raise FileNotFoundError(
            f"The course folder {folder!r} is neither inside the installed package ({bundled}) nor in a "
            "checkout. Reinstall crm-course with `pip install crm-course`."
        )
    return root / folder
