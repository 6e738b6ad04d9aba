"""Widget latency: control change to new figure, per widget, kernel side and in the browser.

Target (issue 8): at most 150 ms median from one ArrowRight on a widget's first slider to its
new image in the browser, for every widget on the shipped data, on this 2-core machine.

- Kernel side: the median of N ``refresh()`` calls, the first slider stepping up and back (so
  what a widget keeps per value, e.g. the RFM explorer's segments, is reused; the browser's
  steps go to new values).
  Reference measured in the same run: a bare matplotlib draw + PNG of a line plot of the same
  pixel size (what any widget of that size pays at least).
- Browser: JupyterLab in headless Chromium at 1280x800 with the file browser open (the test's
  driver, tests/test_browser.py); per widget the median of 5 ArrowRight steps, each timed in
  the page from the keydown to that widget's own image changing. Reference in the same run: a
  bare slider + Image widget whose handler makes the same bare matplotlib draw + PNG.

    python benchmarks/bench_widgets.py [--repeats N] [--kernel-only]
"""

from __future__ import annotations

import argparse
import inspect
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
TARGET_MS = 150
RESULTS = ROOT / "benchmarks" / "results"  # git-ignored
REFERENCE_NOTEBOOK = RESULTS / "bench_reference.ipynb"


def bare_png(shift: float, width: int = 800, height: int = 540) -> bytes:
    """A bare matplotlib draw + PNG: one line, default axes, width x height pixels."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width / 100, height / 100), dpi=100)
    FigureCanvasAgg(figure)
    x = np.linspace(0, 10, 200)
    figure.add_subplot().plot(x, np.sin(x + shift))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


# The browser's reference: a bare slider and Image whose handler makes that same draw + PNG.
REFERENCE_CODE = "import io\nimport ipywidgets as widgets\n" + inspect.getsource(bare_png) + '''
slider = widgets.IntSlider(0, min=0, max=50, continuous_update=False, description="shift")
image = widgets.Image(value=bare_png(0), format="png")
slider.observe(lambda change: setattr(image, "value", bare_png(change["new"])), names="value")
box = widgets.VBox([slider, image])
box.add_class("crm-explorer")
box.add_class("crm-reference")
box
'''


def _paired_ms(step, reference, repeats: int) -> tuple[float, float, float, float]:
    """Medians (ms) of ``step`` and ``reference`` timed in turns, so both see the same machine load:
    wall-clock and CPU time of this process (the CPU time hardly moves when other jobs share the cores)."""
    wall, cpu, ref_wall, ref_cpu = [], [], [], []
    for i in range(repeats):
        for fn, walls, cpus in ((step, wall, cpu), (reference, ref_wall, ref_cpu)):
            started, started_cpu = time.perf_counter(), time.process_time()
            fn(i)
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - started_cpu)
    return tuple(statistics.median(x) * 1000 for x in (wall, cpu, ref_wall, ref_cpu))


def _stepper(explorer, name=None, values=None):
    """Step the explorer's first slider up and back (the step an ArrowRight makes), or ``name``
    between ``values``."""
    from ipywidgets import SelectionSlider

    if name is not None:
        control = explorer.controls[name]
    else:
        name, control = next((n, c) for n, c in explorer.controls.items() if hasattr(c, "min") or
                             isinstance(c, SelectionSlider))
    if values is not None:
        values = list(values)
    elif isinstance(control, SelectionSlider):
        other = control.index + 1 if control.index + 1 < len(control.options) else control.index - 1
        values = [control._options_values[control.index], control._options_values[other]]
    else:
        values = [control.value, min(control.value + control.step, control.max)]

    def step(i):
        control.value = values[(i + 1) % 2]
    return name, step


def kernel_side(repeats: int) -> None:
    from crm_course import widgets

    makers = {
        "closeness_explorer": widgets.closeness_explorer, "growth_explorer": widgets.growth_explorer,
        "burnett_editor": widgets.burnett_editor, "abc_explorer": widgets.abc_explorer,
        "rfm_explorer": widgets.rfm_explorer, "clv_calculator": widgets.clv_calculator,
        "lifecycle_explorer": widgets.lifecycle_explorer, "cohort_explorer": widgets.cohort_explorer,
        "retention_projector": widgets.retention_projector, "winback_planner": widgets.winback_planner,
        "gap_explorer": widgets.gap_explorer, "trap_explorer": widgets.trap_explorer,
        "audit_form": widgets.audit_form,
        "rules_explorer": widgets.rules_explorer, "mailing_planner": widgets.mailing_planner,
        "vendor_editor": widgets.vendor_editor, "allocation_explorer": widgets.allocation_explorer,
    }
    print(f"Kernel side: refresh() after one step of the first slider, median of {repeats}, timed in turns with the "
          "reference (a bare matplotlib draw + PNG of the same pixel size); wall clock and CPU time")
    print(f"{'widget':20s} {'control':20s} {'image px':>9s} {'wall':>7s} {'ref':>6s} {'x ref':>6s} {'of 150':>7s}"
          f" {'cpu':>7s} {'ref':>6s} {'x ref':>6s}")
    cases = [(name, make, None, None) for name, make in makers.items()]
    # the RFM explorer's other controls: the rules menu (re-segments), the bins slider between 5 and 6
    cases.append(("rfm_explorer", widgets.rfm_explorer, "rules", ("value_tiers", "default")))
    # the lifecycle explorer's transitions view
    cases.append(("lifecycle_explorer", lambda: widgets.lifecycle_explorer(view="transitions"), None, None))
    cases.append(("rfm_explorer", widgets.rfm_explorer, "bins", (5, 6)))
    parts = []
    for name, make, control, values in cases:
        explorer = make()
        control, step = _stepper(explorer, control, values)
        width, height = explorer.figure.canvas.get_width_height()
        wall, cpu, ref_wall, ref_cpu = _paired_ms(step, lambda i: bare_png(i, width, height), repeats)
        error = f"  ERROR {explorer.error[:60]}" if explorer.error else ""
        print(f"{name:20s} {control:20s} {width:4d}x{height:<4d} {wall:4.0f} ms {ref_wall:3.0f} ms "
              f"{wall / ref_wall:6.2f} {wall / TARGET_MS:7.0%} {cpu:4.0f} ms {ref_cpu:3.0f} ms {cpu / ref_cpu:6.2f}{error}")
        parts.append((f"{name} ({control})", _parts(explorer, step, repeats)))
    print("\nWhere a refresh spends its CPU time (ms per refresh, mean of the same steps): the model call (compute),"
          " the view (draw), matplotlib's rendering (canvas), the base's layout check (fits), PNG encoding, summary")
    print(f"{'widget (control)':34s} " + " ".join(f"{k:>8s}" for k in PARTS))
    for label, times in parts:
        print(f"{label:34s} " + " ".join(f"{times[k]:8.1f}" for k in PARTS))


PARTS = ("compute", "draw", "canvas", "fits", "png", "describe")


def _parts(explorer, step, repeats: int) -> dict[str, float]:
    """CPU ms per refresh spent in each step of Explorer.refresh, timed by wrapping the steps of one explorer."""
    spent = dict.fromkeys(PARTS, 0.0)

    def timed(owner, attribute, part):
        inner = getattr(owner, attribute)

        def wrapper(*args, **kwargs):
            started = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[part] += time.process_time() - started
        setattr(owner, attribute, wrapper)

    for attribute, part in (("compute", "compute"), ("draw", "draw"), ("_fits", "fits"), ("_png", "png"),
                            ("describe", "describe")):
        timed(explorer, attribute, part)
    timed(explorer.figure.canvas, "draw", "canvas")
    for i in range(repeats):
        step(i)
    return {part: seconds * 1000 / repeats for part, seconds in spent.items()}


def browser_side(repeats: int) -> None:
    import nbformat

    import test_browser as lab

    RESULTS.mkdir(parents=True, exist_ok=True)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(REFERENCE_CODE)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, REFERENCE_NOTEBOOK)
    chapters = {str(REFERENCE_NOTEBOOK.relative_to(ROOT)): ["reference"], **lab.CHAPTER_WIDGETS}
    print(f"\nBrowser: ArrowRight on the first slider until the widget's own image changes, median of {repeats} "
          "(1280x800, file browser open)")
    print(f"{'widget':20s} {'median':>9s} {'runs (ms)':24s} {'x ref':>6s} {'of 150 ms':>10s}")
    reference = None
    for path, kinds in chapters.items():
        with tempfile.TemporaryDirectory() as tmp, lab.jupyterlab(Path(tmp)) as url, lab.browser_page() as page:
            lab.open_and_run(page, url, path, widgets=len(kinds))
            for kind in kinds:
                if not lab.explorer(page, kind).locator(".widget-slider .noUi-handle").count():
                    continue
                runs = []
                for _ in range(repeats):
                    runs.append(lab.slider_step_ms(page, kind))
                    page.wait_for_timeout(400)
                done = [r for r in runs if r is not None]
                if not done:
                    print(f"{kind:20s} no new image (the widget shows: "
                          f"{lab.explorer(page, kind).locator('.crm-message').inner_text()[:70]!r})")
                    continue
                median = statistics.median(done)
                reference = median if kind == "reference" else reference
                print(f"{kind:20s} {median:6.0f} ms {' '.join(f'{r:.0f}' if r else '-' for r in runs):24s} "
                      f"{median / reference:6.2f} {median / TARGET_MS:9.0%}")
    REFERENCE_NOTEBOOK.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9, help="kernel-side repeats (browser: 5)")
    parser.add_argument("--kernel-only", action="store_true")
    args = parser.parse_args()
    kernel_side(args.repeats)
    if not args.kernel_only:
        browser_side(5)


if __name__ == "__main__":
    main()
