"""`crm-course doctor`: is this environment ready to teach with? One row per check."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

__all__ = ["Check", "run_checks", "format_table"]

REQUIRED = {
    "pandas": "2.2",
    "numpy": "1.26",
    "scipy": "1.11",
    "matplotlib": "3.8",
    "seaborn": "0.13",
    "ipywidgets": "8.1",
    "jupyterlab": "4.0",
    "ipykernel": "6.25",
    "nbclient": "0.10",
}


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # "ok", "warn" or "FAIL"
    detail: str


def _version_tuple(version: str) -> tuple[int, ...]:
    parts = []
    for piece in version.split(".")[:3]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def _python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info < (3, 11):
        return Check("Python", "FAIL", f"{version}; crm-course needs Python 3.11 or newer")
    return Check("Python", "ok", version)


def _package(name: str, minimum: str) -> Check:
    try:
        version = metadata.version(name)
    except metadata.PackageNotFoundError:
        return Check(name, "FAIL", f"not installed: pip install '{name}>={minimum}'")
    if _version_tuple(version) < _version_tuple(minimum):
        return Check(name, "FAIL", f"{version} is too old: pip install -U '{name}>={minimum}'")
    return Check(name, "ok", version)


def _widget_frontend() -> Check:
    try:
        version = metadata.version("jupyterlab_widgets")
    except metadata.PackageNotFoundError:
        return Check("widget front end", "FAIL", "jupyterlab_widgets missing: pip install ipywidgets")
    prefixes = {Path(sys.prefix), Path(sys.base_prefix), Path.home() / ".local"}
    found = [p for p in prefixes if (p / "share/jupyter/labextensions/@jupyter-widgets/jupyterlab-manager").is_dir()]
    if not found:
        return Check("widget front end", "FAIL", "the JupyterLab widget extension is not installed: pip install -U ipywidgets")
    return Check("widget front end", "ok", f"jupyterlab_widgets {version}")


def _kernel() -> Check:
    try:
        from jupyter_client.kernelspec import KernelSpecManager

        specs = KernelSpecManager().find_kernel_specs()
    except Exception as error:  # noqa: BLE001 - report any failure as a row
        return Check("python3 kernel", "FAIL", f"cannot list kernels: {error}")
    if "python3" not in specs:
        return Check("python3 kernel", "FAIL", "no 'python3' kernel: python -m ipykernel install --user")
    return Check("python3 kernel", "ok", specs["python3"])


def _font() -> Check:
    from .views._style import cjk_font

    family = cjk_font()
    if family is None:
        return Check("Chinese font", "warn", "none: Chinese plot labels fall back to English; apt-get install fonts-noto-cjk")
    return Check("Chinese font", "ok", family)


def _datasets() -> list[Check]:
    from .data.catalog import DATASETS, load_dataset

    checks = []
    for name in DATASETS:
        try:
            frame = load_dataset(name)
        except Exception as error:  # noqa: BLE001
            checks.append(Check(f"dataset {name}", "FAIL", f"{type(error).__name__}: {error}"))
        else:
            checks.append(Check(f"dataset {name}", "ok", f"{len(frame):,} rows"))
    return checks


def _notebooks() -> list[Check]:
    from .course import course_path

    checks = []
    for folder in ("notebooks", "exercises"):
        try:
            paths = sorted(course_path(folder).glob("*.ipynb"))
        except FileNotFoundError as error:
            checks.append(Check(folder, "FAIL", str(error)))
            continue
        broken = []
        for path in paths:
            try:
                kernel = json.loads(path.read_text(encoding="utf-8"))["metadata"]["kernelspec"]["name"]
            except (ValueError, KeyError) as error:
                broken.append(f"{path.name} ({type(error).__name__})")
            else:
                if kernel != "python3":
                    broken.append(f"{path.name} (kernel {kernel!r})")
        if not paths:
            checks.append(Check(folder, "FAIL", f"no notebooks in {course_path(folder)}"))
        elif broken:
            checks.append(Check(folder, "FAIL", "unreadable: " + ", ".join(broken)))
        else:
            checks.append(Check(folder, "ok", f"{len(paths)} notebooks"))
    return checks


def run_checks() -> list[Check]:
    """Every check, in the order a lecturer would fix them."""
    return [
        _python(),
        *(_package(name, minimum) for name, minimum in REQUIRED.items()),
        _widget_frontend(),
        _kernel(),
        _font(),
        *_datasets(),
        *_notebooks(),
    ]


def format_table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    """A plain fixed-width table."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    line = lambda row: "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip()  # noqa: E731
    return "\n".join([line(header), line(tuple("-" * w for w in widths)), *map(line, rows)])
