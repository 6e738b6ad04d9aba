"""Chapter 04 in a real browser: JupyterLab at 1280x800 with the file browser open, run all, every widget readable,
its first slider (or menu) redraws its own image, no traceback.

Uses the helpers of tests/test_browser.py. Needs /usr/bin/chromium and playwright (see NOTES.md); skipped without
them. Set CRM_COURSE_SCREENSHOTS=/some/dir to keep the screenshots.
"""

import statistics
from pathlib import Path

import pytest
from test_browser import (
    ARM_WATCH,
    PROJECTOR,
    browser_page,
    explorer,
    jupyterlab,
    layout_problems,
    open_and_run,
    require_browser,
    shoot,
    tracebacks,
)

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/04_culture.ipynb"
# The widgets in the order of the chapter, and the keys that move each one's first slider three times
# without reaching the end of its range.
WIDGETS = {
    "auditform": ["ArrowRight", "ArrowRight", "ArrowLeft"],
    "gapexplorer": ["ArrowRight", "ArrowRight", "ArrowLeft"],
    "trapexplorer": ["ArrowRight", "ArrowLeft", "ArrowLeft"],
    "npsexplorer": [],  # menus only: its format menu is changed instead
}


def _step_ms(page, kind: str, key: str, timeout: float = 15.0) -> float | None:
    """``key`` on the widget's first slider until its own image changes, in ms (None: it never did)."""
    root = explorer(page, kind)
    handle = root.locator(".widget-slider .noUi-handle").first
    handle.scroll_into_view_if_needed()
    root.evaluate(ARM_WATCH)
    handle.focus()
    handle.press(key)
    try:
        page.wait_for_function("window.__crmStep !== null", timeout=timeout * 1000, polling=50)
    except Exception:  # noqa: BLE001 - playwright's TimeoutError: reported as None
        return None
    return page.evaluate("window.__crmStep")


def _menu_redraws(page, kind: str, choice: str, timeout: float = 15.0) -> bool:
    root = explorer(page, kind)
    image = root.locator(".widget-image").first
    before = image.get_attribute("src")
    root.locator("select").first.select_option(label=choice)
    try:
        page.wait_for_function("([e, b]) => e.getAttribute('src') !== b", arg=[image.element_handle(), before],
                               timeout=timeout * 1000, polling=50)
    except Exception:  # noqa: BLE001
        return False
    return True


def test_culture_chapter_at_projector_size(tmp_path):
    require_browser()
    problems, steps, stuck = [], {}, []
    with jupyterlab(tmp_path) as url, browser_page(PROJECTOR) as page:
        timings = open_and_run(page, url, NOTEBOOK, widgets=len(WIDGETS))
        stem = Path(NOTEBOOK).stem
        for kind, keys in WIDGETS.items():
            problems += layout_problems(page, kind)
            shoot(page, tmp_path, f"{stem}_{kind}_1280x800", kind)
            measured = [_step_ms(page, kind, key) for key in keys]
            if any(m is None for m in measured):
                stuck.append((kind, explorer(page, kind).locator(".crm-message").inner_text()))
            elif measured:
                steps[kind] = statistics.median(measured)
            page.wait_for_timeout(300)
            explorer(page, kind).locator(".widget-image").scroll_into_view_if_needed()
            shoot(page, tmp_path, f"{stem}_{kind}_figure_1280x800")
        if not _menu_redraws(page, "npsexplorer", "Tobacco and liquor shops"):
            stuck.append(("npsexplorer", "the format menu did not redraw the figure"))
        page.wait_for_timeout(300)
        shoot(page, tmp_path, f"{stem}_npsexplorer_tobacco_1280x800", "npsexplorer")
        errors = tracebacks(page)
    print(f"\n{NOTEBOOK} at 1280x800:", {k: round(v, 1) for k, v in timings.items()},
          "median slider step ms:", {k: round(v) for k, v in steps.items()})
    assert not problems, "\n".join(problems)
    assert not errors, errors
    assert not stuck, f"no new image after a control change: {stuck}"
