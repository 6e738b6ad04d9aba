"""The explorers' canvas renders text where matplotlib's own Agg canvas does, only faster."""

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from crm_course.views._style import cjk_font
from crm_course.widgets import closeness_explorer
from crm_course.widgets._canvas import SUPPORTED, TextCanvas, TextRenderer

TEXTS = [  # (x, y, text, options): what the course's plots use
    (0.05, 0.85, "Customers per lifecycle stage", {"fontsize": 15}),
    (0.05, 0.65, "Develop & defend", {"fontsize": 13, "fontweight": "bold", "color": "#404040"}),
    (0.05, 0.45, "K05  12,345.6  37%", {"fontsize": 9, "ha": "left", "va": "center"}),
    (0.90, 0.50, "Customer attractiveness", {"fontsize": 13, "rotation": 90, "ha": "center", "va": "center"}),
    (0.55, 0.25, "2011-03", {"fontsize": 11, "rotation": 30, "ha": "right"}),
    (0.05, 0.10, "multi-line\nlabel", {"fontsize": 10}),
]


def _ink(canvas_class, texts, families=None):
    figure = Figure(figsize=(6, 4), dpi=100)
    canvas = canvas_class(figure)
    for x, y, label, options in texts:
        figure.text(x, y, label, **options, **({"fontfamily": families} if families else {}))
    canvas.draw()
    return 255 - np.asarray(canvas.buffer_rgba())[..., :3].mean(axis=2), canvas


def _extent(ink):
    rows, cols = np.nonzero(ink > 64)
    return rows.min(), rows.max(), cols.min(), cols.max()


def _assert_same_text(texts, families=None):
    stock, _ = _ink(FigureCanvasAgg, texts, families)
    fast, canvas = _ink(TextCanvas, texts, families)
    assert isinstance(canvas.get_renderer(), TextRenderer)
    assert stock.sum() > 0
    for (x, y, label, options) in texts:  # every string where matplotlib puts it, to a pixel
        one_stock, _ = _ink(FigureCanvasAgg, [(x, y, label, options)], families)
        one_fast, _ = _ink(TextCanvas, [(x, y, label, options)], families)
        assert np.abs(np.subtract(_extent(one_stock), _extent(one_fast))).max() <= 1, label
    # the same glyphs: the ink agrees but for anti-aliasing at the glyphs' edges
    assert abs(fast.sum() / stock.sum() - 1) < 0.03
    assert (np.abs(fast - stock) > 128).mean() < 0.01


@pytest.mark.skipif(not SUPPORTED, reason="this matplotlib has no FreeType bitmap calls: the stock renderer is used")
def test_text_lands_where_matplotlib_puts_it():
    _assert_same_text(TEXTS)


@pytest.mark.skipif(not SUPPORTED or cjk_font() is None, reason="needs a CJK font and FreeType bitmap calls")
def test_chinese_text_with_the_latin_fallback_renders_like_matplotlib():
    families = [cjk_font(), "DejaVu Sans"]
    _assert_same_text([(0.05, 0.8, "客户生命周期 Stage 2011-03", {"fontsize": 13}),
                       (0.9, 0.5, "客户吸引力", {"fontsize": 13, "rotation": 90})], families)


def test_math_text_keeps_matplotlib_s_own_path():
    stock, _ = _ink(FigureCanvasAgg, [(0.1, 0.5, r"$\alpha = 0.668$", {"fontsize": 14})])
    fast, _ = _ink(TextCanvas, [(0.1, 0.5, r"$\alpha = 0.668$", {"fontsize": 14})])
    np.testing.assert_array_equal(stock, fast)


def test_explorers_draw_on_the_text_canvas():
    explorer = closeness_explorer()
    assert isinstance(explorer.figure.canvas, TextCanvas)
    assert bytes(explorer.image.value).startswith(b"\x89PNG") and explorer.error is None


@pytest.mark.skipif(not SUPPORTED, reason="this matplotlib has no FreeType bitmap calls: the stock renderer is used")
def test_kept_bitmaps_draw_the_same_picture_and_follow_a_change_of_font():
    figure = Figure(figsize=(3, 1), dpi=100)
    canvas = TextCanvas(figure)
    figure.text(0.1, 0.5, "Customers 2011-03", fontsize=12)
    canvas.draw()
    first = np.asarray(canvas.buffer_rgba()).copy()
    assert len(canvas.get_renderer()._bitmaps) == 1
    canvas.draw()
    np.testing.assert_array_equal(first, np.asarray(canvas.buffer_rgba()))
    with matplotlib.rc_context({"font.sans-serif": ["DejaVu Serif"]}):  # the generic family now resolves elsewhere
        canvas.draw()
        assert not np.array_equal(first, np.asarray(canvas.buffer_rgba()))
    assert len(canvas.get_renderer()._bitmaps) == 2
