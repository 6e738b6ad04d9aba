"""Shared check for view tests: draw on a passed Axes and render, warnings as errors."""

import io
import warnings

import matplotlib.pyplot as plt
import pytest

import crm_course as crm
from crm_course.views import _style


def draw_checked(plot, language):
    """Call ``plot(ax)`` in ``language``; a missing glyph (a warning) fails; returns the Axes."""
    if language == "zh" and _style.cjk_font() is None:
        pytest.skip("no CJK font installed")
    crm.set_language(language)
    fig, ax = plt.subplots()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        returned = plot(ax)
        fig.savefig(io.BytesIO(), format="png")
    assert returned is ax
    return ax


def stale_font_cache(directory):
    """Write into ``directory`` (use it as MPLCONFIGDIR) a font cache that lacks every CJK font.

    That is the cache of a machine where matplotlib ran before the CJK font was installed.
    """
    import copy

    from matplotlib import font_manager

    stale = copy.copy(font_manager.fontManager)
    stale.ttflist = [entry for entry in stale.ttflist if "CJK" not in entry.name and entry.fname not in
                     _style.cjk_font_files()]
    path = directory / f"fontlist-v{font_manager.FontManager.__version__}.json"
    font_manager.json_dump(stale, path)
    return path
