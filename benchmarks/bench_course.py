"""Course-level timings: `import crm_course` beyond pandas, and every notebook's execution.

Targets (issue 2): import under 0.5 s beyond pandas itself; every notebook under 10 s.
Reference measured in the same run: `import pandas` alone, and an empty notebook (kernel start).

    python benchmarks/bench_course.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
REPEATS = 5

IMPORT_SCRIPT = """
import time
t0 = time.perf_counter(); import pandas; t1 = time.perf_counter(); import crm_course; t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def import_times() -> tuple[float, float]:
    runs = [tuple(map(float, subprocess.run([sys.executable, "-c", IMPORT_SCRIPT], capture_output=True, text=True,
                                            check=True).stdout.split())) for _ in range(REPEATS)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def execute(notebook: nbformat.NotebookNode, folder: Path) -> float:
    started = time.perf_counter()
    NotebookClient(notebook, timeout=300, kernel_name="python3", store_widget_state=False,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return time.perf_counter() - started


def main() -> None:
    pandas_s, crm_s = import_times()
    print(f"import pandas        {pandas_s * 1000:7.0f} ms (median of {REPEATS} fresh interpreters)")
    print(f"import crm_course    {crm_s * 1000:7.0f} ms beyond pandas  (target < 500 ms; ratio to pandas {crm_s / pandas_s:.2f})")

    empty = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
    empty.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    with tempfile.TemporaryDirectory() as folder:
        reference = execute(empty, Path(folder))
    print(f"\nempty notebook (kernel start, the reference): {reference:.1f} s\n")
    print(f"{'notebook':40s} {'seconds':>8s} {'ratio':>6s}  target < 10 s")
    total = 0.0
    for folder in ("notebooks", "exercises", "solutions"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            seconds = execute(nbformat.read(path, as_version=4), path.parent)
            total += seconds
            flag = "" if seconds < 10 else "  OVER TARGET"
            print(f"{folder + '/' + path.name:40s} {seconds:8.1f} {seconds / reference:6.1f}{flag}")
    print(f"{'whole course':40s} {total:8.1f}")


if __name__ == "__main__":
    main()
