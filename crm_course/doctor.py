"""`crm-course doctor`: is this environment ready to teach with? One row per check."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

__all__ = ["Check", "run_checks", "format_table", "font_report"]

REQUIRED = {
    "pandas": "2.2",
    "numpy": "1.26",
    "scipy": "1.11",
    "matplotlib": "3.11",
    "seaborn": "0.13",
    "ipywidgets": "8.1",
    "jupyterlab": "4.0",
    "ipykernel": "6.25",
    "nbclient": "0.10",
    "statsmodels": "0.14",
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


KERNEL_NAME = "python3"
KERNEL_TIMEOUT = 60  # seconds to start the kernel and again to run the check cell
KERNEL_CHECK = "import crm_course, matplotlib; print(crm_course.__file__)"


def _kernel_runs() -> Check:
    """Start the course's kernel, run one cell, shut it down: what every notebook needs first."""
    from jupyter_client.manager import KernelManager

    name = f"{KERNEL_NAME} kernel runs a cell"
    fix = (f"reinstall the kernel from the environment that has crm-course: python -m ipykernel install --user "
           f"--name {KERNEL_NAME}; then run crm-course doctor again")
    # IPC sockets (in a temporary folder) where the system has them: no "running over TCP without
    # encryption" warning in the table, no socket files left in the working directory.
    sockets = tempfile.TemporaryDirectory(prefix="crm-course-doctor-")
    ipc = {"transport": "ipc", "ip": os.path.join(sockets.name, "kernel")} if os.name == "posix" else {}
    manager = KernelManager(kernel_name=KERNEL_NAME, **ipc)
    outputs: list[str] = []
    try:
        manager.start_kernel()
        client = manager.client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=KERNEL_TIMEOUT)

            def collect(message):
                content = message["content"]
                if message["msg_type"] == "stream":
                    outputs.append(content["text"])
                elif message["msg_type"] == "error":
                    outputs.append(f"{content['ename']}: {content['evalue']}")

            reply = client.execute_interactive(KERNEL_CHECK, timeout=KERNEL_TIMEOUT, output_hook=collect)
        finally:
            client.stop_channels()
    except Exception as error:  # noqa: BLE001 - a missing kernel, a crash or a timeout is a row
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return Check(name, "FAIL", f"the kernel did not start or answer within {KERNEL_TIMEOUT} s "
                                   f"({type(error).__name__}: {message}); {fix}")
    finally:
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)
        sockets.cleanup()
    shown = " ".join(" ".join(outputs).split())
    if reply["content"]["status"] != "ok":
        return Check(name, "FAIL", f"the check cell failed in the kernel: {shown}; {fix}")
    return Check(name, "ok", f"crm_course from {shown}")


def _font_cache() -> Check:
    """Is matplotlib's font cache older than the CJK fonts (built before they were installed)?"""
    import matplotlib
    from matplotlib import font_manager

    from .views._style import cjk_font_files

    path = Path(matplotlib.get_cachedir()) / f"fontlist-v{font_manager.FontManager.__version__}.json"
    try:
        cached = {entry.fname for entry in font_manager.json_load(path).ttflist}
    except (OSError, ValueError):
        return Check("font cache", "ok", "none yet: matplotlib builds it on first use")
    missing = [file for file in cjk_font_files() if file not in cached]
    if missing:
        return Check("font cache", "warn",
                     f"stale: built before {len(missing)} CJK font file(s) were installed (e.g. "
                     f"{Path(missing[0]).name}). crm-course plots register them, other plots will not find them. "
                     f"Rebuild it: delete {path}, then restart the kernels")
    return Check("font cache", "ok", str(path))


def font_report() -> dict:
    """Render one Chinese plot label as the views do; report the face matplotlib used and any warning."""
    import logging
    import warnings

    from matplotlib import font_manager, ft2font
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from .i18n import get_language, set_language
    from .views._style import plot_style

    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    handler = Collect(level=logging.WARNING)
    logger = logging.getLogger("matplotlib")
    logger.addHandler(handler)
    language = get_language()
    try:
        set_language("zh")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            figure = Figure()
            FigureCanvasAgg(figure)
            with plot_style(figure.subplots()) as (ax, plot_language):
                ax.set_xlabel("客户数")
            set_language(language)
            figure.canvas.draw()  # after the view, as the inline backend draws
            path = font_manager.findfont(ax.xaxis.label.get_fontproperties())
            index = getattr(path, "face_index", 0)  # matplotlib >= 3.11 reads every face of a .ttc
            face = ft2font.FT2Font(path, face_index=index) if index else ft2font.FT2Font(path)
    finally:
        set_language(language)
        logger.removeHandler(handler)
    return {"language": plot_language, "family": face.family_name, "style": face.style_name, "file": str(path),
            "problems": records + [str(w.message).splitlines()[0] for w in caught]}


def _font() -> Check:
    from .views import _style

    family = _style.cjk_font()
    if family is None:
        return Check("Chinese font", "warn",
                     "none: Chinese plot labels fall back to English; apt-get install fonts-noto-cjk")
    report = font_report()
    install = ("install a Simplified Chinese font: apt-get install fonts-noto-cjk (Noto Sans CJK SC), "
               "then restart the kernels")
    if report["problems"]:
        return Check("Chinese font", "FAIL", f"a Chinese plot warns: {report['problems'][0]}; {install}")
    if report["family"] not in _style.SC_FAMILIES:
        import matplotlib

        collections = any(file.endswith(".ttc") for file in _style.cjk_font_files())
        if _version_tuple(matplotlib.__version__) < (3, 11) and collections:
            install = (f"matplotlib {matplotlib.__version__} reads only the first face of a .ttc font collection: "
                       f"pip install -U 'matplotlib>=3.11' (or apt-get install fonts-wqy-microhei)")
        return Check("Chinese font", "FAIL", f"Chinese text renders in {report['family']!r}, not a Simplified Chinese "
                                             f"(SC) face: the class would see other glyph forms; {install}")
    if report["style"].lower() not in ("regular", "normal", "book"):
        return Check("Chinese font", "FAIL", f"Chinese text renders in {report['family']} {report['style']}, not "
                                             f"regular weight; {install}")
    return Check("Chinese font", "ok", f"{report['family']} {report['style']} ({Path(report['file']).name})")


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
        _kernel_runs(),
        _font_cache(),
        _font(),
        *_datasets(),
        *_notebooks(),
    ]


def format_table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    """A plain fixed-width table."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    line = lambda row: "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip()  # noqa: E731
    return "\n".join([line(header), line(tuple("-" * w for w in widths)), *map(line, rows)])
