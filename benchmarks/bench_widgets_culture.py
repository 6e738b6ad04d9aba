"""Kernel-side refresh of the culture chapter's widgets: the median of N refreshes per widget.

Each widget's first slider steps up and back (the NPS explorer: its format menu), timed in turns
with the reference of benchmarks/bench_widgets.py, a bare matplotlib draw + PNG of the same pixel
size, so both see the same machine load. Target: well under 150 ms kernel side.

    python benchmarks/bench_widgets_culture.py [--repeats N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent)]

from bench_widgets import TARGET_MS, _paired_ms, _stepper, bare_png  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    repeats = parser.parse_args().repeats
    from crm_course import widgets

    cases = {
        "audit_form": (widgets.audit_form(), None, None),
        "gap_explorer": (widgets.gap_explorer(), None, None),
        "trap_explorer": (widgets.trap_explorer(), "satisfied_from", (6, 7)),
        "nps_explorer": (widgets.nps_explorer(), "business_format", ("all", "tobacco_liquor")),
    }
    print(f"kernel-side refresh, median of {repeats} (ms); reference: bare draw + PNG of the same size")
    print(f"{'widget':<15} {'control':<16} {'wall':>6} {'cpu':>6} {'ref wall':>9} {'ratio':>6}")
    for label, (explorer, name, values) in cases.items():
        name, step = _stepper(explorer, name, values)
        width, height = explorer.figure.canvas.get_width_height()
        wall, cpu, ref_wall, _ = _paired_ms(step, lambda i: bare_png(i, width, height), repeats)
        print(f"{label:<15} {name:<16} {wall:6.0f} {cpu:6.0f} {ref_wall:9.0f} {wall / ref_wall:6.2f}"
              + ("" if wall <= TARGET_MS else "  above target"))


if __name__ == "__main__":
    main()
