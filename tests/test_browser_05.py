"""Chapter 05 in a real browser: JupyterLab in headless Chromium at 1280x800 with the file browser open.

Run all; every widget (rules explorer, mailing planner, vendor editor, allocation explorer) shows each
control at least as wide as its label and readout with nothing cut off, and ArrowRight on its first
slider redraws its own figure, without a traceback. Prints each widget's step time (median of 3, in
the page from the keydown to the new image). Uses the helpers of tests/test_browser.py; screenshots go
to $CRM_COURSE_SCREENSHOTS when it is set.
"""

from __future__ import annotations

import statistics

import pytest
from test_browser import (
    PROJECTOR,
    browser_page,
    explorer,
    jupyterlab,
    layout_problems,
    open_and_run,
    require_browser,
    shoot,
    slider_step_ms,
    tracebacks,
)

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/05_it_models.ipynb"
WIDGETS = ["rulesexplorer", "mailingplanner", "vendoreditor", "allocationexplorer"]
STEPS = 3


def test_chapter_05_widgets_at_projector_size(tmp_path):
    require_browser()
    problems, steps, no_redraw = [], {}, []
    with jupyterlab(tmp_path) as url, browser_page(PROJECTOR) as page:
        timings = open_and_run(page, url, NOTEBOOK, widgets=len(WIDGETS))
        for kind in WIDGETS:
            problems += layout_problems(page, kind)
            times = []
            for _ in range(STEPS):
                step = slider_step_ms(page, kind)
                if step is None:
                    no_redraw.append((kind, explorer(page, kind).locator(".crm-message").inner_text()))
                    break
                times.append(step)
                page.wait_for_timeout(200)
            steps[kind] = statistics.median(times) if times else None
            page.wait_for_timeout(300)
            shoot(page, tmp_path, f"05_it_models_{kind}_1280x800", kind)
            explorer(page, kind).locator(".widget-image").scroll_into_view_if_needed()
            shoot(page, tmp_path, f"05_it_models_{kind}_figure_1280x800")
        shoot(page, tmp_path, "05_it_models_1280x800")
        errors = tracebacks(page)
    print(f"\n{NOTEBOOK}:", {k: round(v, 1) for k, v in timings.items()},
          "slider step ms (median of 3):", {k: v and round(v) for k, v in steps.items()})
    assert not problems, "\n".join(problems)
    assert not errors, errors
    assert not no_redraw, f"no new image after ArrowRight: {no_redraw}"
