"""Kernel-side refresh of the chapter 05 widgets: construction once, then the first slider stepping.

Per widget: the construction time (the expensive model fitted once) and the median of N
``refresh()`` times, the first slider stepping up and back. Reference measured in the same run: a
bare matplotlib draw + PNG of a line plot of 800 x 540 pixels (what any widget of that size pays at
least), and the value chapter's CLV calculator. Target (issue 8): under 150 ms a refresh.

    python benchmarks/bench_widgets_05.py [--repeats N]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import crm_course as crm  # noqa: E402
from crm_course import widgets  # noqa: E402


def bare_png(shift: float) -> bytes:
    figure = Figure(figsize=(8, 5.4), dpi=100)
    FigureCanvasAgg(figure)
    x = np.linspace(0, 10, 200)
    figure.add_subplot().plot(x, np.sin(x + shift))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def steps(explorer, repeats: int) -> float:
    control = list(explorer.controls.values())[0]
    times = []
    for i in range(repeats):
        control.value = control.value + control.step if i % 2 == 0 else control.value - control.step
        assert explorer.error is None, explorer.error
        times.append(explorer.seconds)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9)
    repeats = parser.parse_args().repeats
    times = []
    for i in range(repeats):
        started = time.perf_counter()
        bare_png(i)
        times.append(time.perf_counter() - started)
    reference = statistics.median(times)
    print(f"{'reference: bare draw + PNG':<36} {'':>14} refresh {reference * 1000:7.1f} ms")
    started = time.perf_counter()
    con = crm.crm_database()
    print(f"{'crm_database()':<36} {(time.perf_counter() - started) * 1000:9.1f} ms")
    makers = {
        "clv_calculator (value chapter)": widgets.clv_calculator,
        "rules_explorer": lambda: widgets.rules_explorer(con=con),
        "mailing_planner": widgets.mailing_planner,
        "vendor_editor": widgets.vendor_editor,
        "allocation_explorer": widgets.allocation_explorer,
    }
    for name, make in makers.items():
        started = time.perf_counter()
        explorer = make()
        built = time.perf_counter() - started
        refresh = steps(explorer, repeats)
        print(f"{name:<36} built {built * 1000:7.1f} ms  refresh {refresh * 1000:7.1f} ms   "
              f"{refresh / reference:5.2f}x the reference")


if __name__ == "__main__":
    main()
