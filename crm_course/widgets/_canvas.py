"""The explorers' canvas: matplotlib's Agg canvas with each string rendered in one FreeType call.

Hand code, with a reason: matplotlib 3.11's Agg renderer draws text one glyph at a time in
Python (about 40 µs a glyph), which makes text a third of a widget's refresh (a cohort heatmap
has 120 strings, the Burnett matrix 77). :class:`TextRenderer` renders a string into one bitmap
with FreeType and composites it once, as matplotlib did up to 3.10, and keeps the bitmap: an
explorer redraws mostly the same strings (ticks, titles, names), which then cost one composite.
A bitmap does not depend on where the string goes; it is kept by font (the FreeType face
matplotlib resolves for the text, so a change of rcParams is seen), string, size, hinting and
anti-aliasing. Text is measured exactly as matplotlib measures it (its
``get_text_width_height_descent`` lays text out with the same ``set_text``), so layouts do not
move; only anti-aliasing differs, by a fraction of a pixel. Math text, TeX and font features
keep matplotlib's own path. Where FreeType's bitmap calls are missing (another matplotlib), the
stock renderer is used.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.font_manager import fontManager, get_font
from matplotlib.ft2font import FT2Font

__all__ = ["TextCanvas", "TextRenderer"]

SUPPORTED = all(hasattr(FT2Font, name) for name in ("set_text", "draw_glyphs_to_bitmap", "get_image",
                                                      "get_bitmap_offset", "get_descent"))


KEPT_BITMAPS = 4096  # strings per renderer (a few hundred bytes each); all are dropped when full


class TextRenderer(RendererAgg):
    """RendererAgg whose plain text is one bitmap per string, kept for the next draw."""

    def __init__(self, width, height, dpi):
        super().__init__(width, height, dpi)
        self._bitmaps = {}

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath or not SUPPORTED or (mtext is not None and mtext.get_fontfeatures()):
            return super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        key = (get_font(fontManager._find_fonts_by_props(prop)), s, prop.get_size_in_points(), get_hinting_flag(),
               gc.get_antialiased())
        kept = self._bitmaps.get(key)
        if kept is None:
            kept = self._bitmaps[key] = self._bitmap(s, prop, gc.get_antialiased())
            if len(self._bitmaps) > KEPT_BITMAPS:
                self._bitmaps = {key: kept}
        image, descent, x_offset, y_offset = kept
        x = round(x + x_offset + descent * math.sin(math.radians(angle)))
        y = round(y + y_offset + descent * math.cos(math.radians(angle)))
        self._renderer.draw_text_image(image, x, y + 1, angle, gc)

    def _bitmap(self, s, prop, antialiased):
        """``s`` rendered unrotated (it is rotated as it is composited), its descent and offset in pixels."""
        font = self._prepare_font(prop)
        font.set_text(s, 0, flags=get_hinting_flag())
        font.draw_glyphs_to_bitmap(antialiased=antialiased)
        x_offset, y_offset = font.get_bitmap_offset()
        return np.array(font.get_image()), font.get_descent() / 64, x_offset / 64, y_offset / 64


class TextCanvas(FigureCanvasAgg):
    """FigureCanvasAgg drawing with :class:`TextRenderer`.

    >>> from matplotlib.figure import Figure
    >>> figure = Figure(figsize=(2, 1), dpi=100)
    >>> canvas = TextCanvas(figure)
    >>> _ = figure.text(0.1, 0.5, "Customers", rotation=10)
    >>> canvas.draw()
    >>> type(canvas.get_renderer()).__name__, canvas.get_width_height()
    ('TextRenderer', (200, 100))
    """

    def get_renderer(self):
        width, height = self.get_width_height(physical=True)
        key = width, height, self.figure.dpi
        if self._lastKey != key:
            self.renderer = TextRenderer(width, height, self.figure.dpi)
            self._lastKey = key
        return self.renderer
