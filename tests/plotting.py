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
