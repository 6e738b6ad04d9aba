"""The one mechanism every explorer shares: controls -> compute -> draw -> PNG image.

Also the layout rules that keep every control readable on a projector: :func:`fit` gives a
control explicit widths (its label's, its readout's and a usable track), :func:`row` lays
controls out so they wrap instead of shrinking.
"""

from __future__ import annotations

import base64
import html
import struct
import time
import unicodedata
import zlib
from contextlib import contextmanager
from functools import cache

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from ..i18n import text
from ._canvas import TextCanvas

__all__ = ["Explorer", "fit", "row", "stylesheet", "text_px"]

# Scoped to the explorers' own boxes: a kept figure after a failed update is greyed out, and tab
# titles are as wide as their text (JupyterLab cuts them at 144 px), wrapping to a second row.
_CSS = """<style>
.crm-explorer .crm-stale {opacity: 0.35; filter: grayscale(1);}
.crm-explorer .lm-TabBar-tab {flex: 0 0 auto !important; min-width: fit-content !important;}
.crm-explorer .widget-tab > .lm-TabBar {height: auto !important; overflow: visible !important;}
.crm-explorer .lm-TabBar-content {flex-wrap: wrap;}
.crm-explorer .crm-message {margin: 2px 0 4px 0;}
</style>"""
FONT_PX = 13  # JupyterLab's widget font size (--jp-widgets-font-size)
GAP_PX = 12  # label margin and rounding, per text
EDGE_PX = 2  # the image's edge compared between draws (constrained layout keeps ~4 px free)


@cache
def _font():
    from matplotlib import font_manager, ft2font

    face = ft2font.FT2Font(font_manager.findfont("DejaVu Sans"))
    face.set_size(FONT_PX, 72)  # points at 72 dpi: FONT_PX pixels
    return face


def text_px(label: str) -> int:
    """A generous estimate of ``label``'s width in pixels at JupyterLab's widget font size.

    Measured in DejaVu Sans, wider than the usual UI faces; a wide (CJK) character counts a
    full em.

    >>> text_px("") == 0 and text_px("Bins") < text_px("Score bins") < text_px("得分档数得分档数")
    True
    """
    if not label:
        return 0
    wide = sum(unicodedata.east_asian_width(ch) in "WF" for ch in label)
    narrow = "".join(ch for ch in label if unicodedata.east_asian_width(ch) not in "WF")
    face = _font()
    face.set_text(narrow, 0.0)
    width = face.get_width_height()[0] / 64 if narrow else 0
    return int(width * 1.08 + wide * (FONT_PX + 1)) + GAP_PX


def _readout_px(control) -> int:
    """The readout's width: the longest value it can show, within the CSS min/max (71-146 px)."""
    if isinstance(control, widgets.SelectionSlider):
        shown = [str(label) for label in control._options_labels]
    elif isinstance(control, (widgets.IntSlider, widgets.FloatSlider)):
        form = control.readout_format
        shown = []
        for value in (control.min, control.max):
            try:
                shown.append(format(value, form))
            except ValueError:
                shown.append(str(value))
    else:
        return 0
    return min(max(72, max(map(text_px, shown)) + 8), 146)


def fit(control, *, label_px: int | None = None, track_px: int = 170):
    """Give ``control`` explicit widths so it never shrinks below its label, readout and track.

    ``label_px`` (default: the label's own width) lines up the labels of a column. Returns the
    control. Sliders get ``track_px`` for the track; menus, dates and text boxes that much
    for their box (menus: at least their longest choice).
    """
    label = control.description or ""
    label_px = text_px(label) if label_px is None else label_px
    if label:
        control.style.description_width = f"{label_px}px"
    if isinstance(control, (widgets.Dropdown,)):
        box = max(track_px, max((text_px(str(name)) for name in control._options_labels), default=0) + 28)
    elif isinstance(control, (widgets.IntSlider, widgets.FloatSlider, widgets.SelectionSlider)):
        box = track_px + _readout_px(control) + 12
    else:
        box = track_px
    control.layout.width = f"{(label_px + 8 if label else 0) + box}px"
    control.layout.min_width = control.layout.width
    control.layout.flex = "0 0 auto"
    return control


def row(children) -> widgets.HBox:
    """Controls side by side that wrap to the next line when the notebook is narrow."""
    return widgets.HBox(list(children), layout=widgets.Layout(flex_flow="row wrap", align_items="center",
                                                               grid_gap="0 16px"))


def stylesheet() -> widgets.HTML:
    """The explorers' style rules, as an invisible widget to put in the box (``.crm-explorer``)."""
    return widgets.HTML(_CSS, layout=widgets.Layout(display="none"))


def _chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, CRC."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _message(error: Exception) -> str:
    """What the class reads: a model's own message for bad input, the kind for anything else."""
    if isinstance(error, (ValueError, TypeError)) and str(error):
        return text("widget.refused", message=str(error))
    return text("widget.unexpected", kind=type(error).__name__, message=str(error) or "-")


class Explorer:
    """Base of the course's widgets. Subclasses set ``controls`` and define ``compute``/``draw``.

    - ``compute()`` calls one model function with the controls' values and returns its result;
    - ``draw(result, ax)`` calls one view function;
    - ``describe(result)`` (optional) returns a short HTML summary shown under the figure;
    - ``layout()`` (optional) returns the rows of controls shown above the figure.

    A failing update never raises in front of a class: whatever ``compute``, ``draw`` or
    ``describe`` raise, the message is shown above the figure in the language in force, and
    the last good figure stays, greyed out and marked out of date, until an update works.
    ``.error`` holds the message (None after a good update). The figure is drawn on one
    Figure kept for the widget's life, at ``image_width`` pixels, and also offered as a static
    PNG, so the notebook shows it where no widget front end runs (nbconvert, GitHub).
    """

    figsize = (7.5, 4.0)
    image_width = 800  # pixels: the notebook's width at 1280 px with the file browser open
    summary_above = False  # the summary between the controls and the figure (a headline number)

    def __init__(self, controls: dict[str, widgets.Widget]):
        self.controls = controls
        self.result = None
        self.error: str | None = None
        self.seconds = 0.0
        self.figure = Figure(figsize=self.figsize, dpi=self.image_width / self.figsize[0], layout="constrained")
        self._frame = None  # (Axes position, bounds) of the last constrained layout, reused while it fits
        TextCanvas(self.figure)  # text in one FreeType call per string (see _canvas)
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto",
                                                                       align_self="flex-start"))
        self.message = widgets.HTML()
        self.message.add_class("crm-message")
        self.summary = widgets.HTML()
        for control in controls.values():
            control.observe(lambda _change: self._changed(), names="value")
        self.refresh()
        shown = [self.summary, self.message, self.image] if self.summary_above else [
            self.message, self.image, self.summary]
        self.widget = widgets.VBox([stylesheet(), *self.layout(), *shown])
        self.widget.add_class("crm-explorer")
        self.widget.add_class(f"crm-{type(self).__name__.lower()}")

    def layout(self) -> list[widgets.Widget]:
        """The rows above the figure: by default all controls, fitted, in one wrapping row."""
        return [row(fit(control) for control in self.controls.values())]

    @property
    def values(self) -> dict:
        """The controls' current values, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def compute(self):
        raise NotImplementedError

    def draw(self, result, ax) -> None:
        raise NotImplementedError

    def describe(self, result) -> str:
        return ""

    def render(self, result) -> bytes:
        """``draw`` on the kept Figure (cleared first) and return the PNG.

        The first figure is laid out by matplotlib's constrained layout; later ones reuse its
        Axes position (laying out again costs a third of a redraw) as long as nothing new
        reaches the image's edge (see :meth:`_fits`). Views that add Axes (a colour bar) are
        laid out every time.
        """
        figure = self.figure
        if self._frame is not None:
            self._clear()
            ax = figure.add_subplot()
            ax.set_position(self._frame[0])
            self.draw(result, ax)
            figure.canvas.draw()
            if self._fits():
                return self._png()
            self._frame = None
        self._clear()
        figure.set_layout_engine("constrained")
        ax = figure.add_subplot()
        self.draw(result, ax)
        figure.canvas.draw()
        if len(figure.axes) == 1:
            tight = figure.get_tightbbox(figure.canvas.get_renderer())  # inches
            width, height = figure.get_size_inches()
            slack = 1 / figure.dpi
            inside = tight.x0 >= 0 and tight.y0 >= 0 and tight.x1 <= width and tight.y1 <= height
            bounds = (min(tight.x0, 0) - slack, min(tight.y0, 0) - slack, max(tight.x1, width) + slack,
                      max(tight.y1, height) + slack)
            self._frame = (ax.get_position(original=True), bounds, self._edge() if inside else None)
            figure.set_layout_engine("none")
        return self._png()

    def _clear(self) -> None:
        """Empty the kept Figure. Its Axes are dropped as they are: Figure.clear would clear each first,
        a twentieth of a redraw spent on Axes about to be thrown away."""
        for ax in list(self.figure.axes):
            self.figure.delaxes(ax)
        self.figure.clear()

    def _edge(self):
        """The image's outer ``EDGE_PX`` pixels all round, as one array."""
        pixels = np.asarray(self.figure.canvas.buffer_rgba())
        return np.concatenate([pixels[:EDGE_PX].ravel(), pixels[-EDGE_PX:].ravel(),
                               pixels[:, :EDGE_PX].ravel(), pixels[:, -EDGE_PX:].ravel()])

    def _fits(self) -> bool:
        """Whether the last draw, on the reused layout, stays within the bounds of its first draw.

        When the first draw lay inside the image (the usual case: constrained layout leaves a
        margin of a few pixels), the rendered image itself says so: whatever would stick out
        (a longer tick label, a wider legend) puts ink on the image's edge, so the edge is
        compared with the first draw's (microseconds, against 5-15 ms for the extents of every
        text). Otherwise the figure's tight bounding box is measured.
        """
        figure = self.figure
        if len(figure.axes) != 1:
            return False
        _, bounds, edge = self._frame
        if edge is not None:
            return np.array_equal(self._edge(), edge)
        tight = figure.get_tightbbox(figure.canvas.get_renderer())
        x0, y0, x1, y1 = bounds
        return tight.x0 >= x0 and tight.y0 >= y0 and tight.x1 <= x1 and tight.y1 <= y1

    def _png(self) -> bytes:
        """The canvas as PNG: RGBA rows without PNG's per-row filters, deflated at level 1.

        Written here rather than by Pillow, which always tries every row filter: on a plot's
        flat colours the unfiltered rows deflate about as small (~100 kB at 800 px) in half the time.
        """
        canvas = self.figure.canvas
        width, height = canvas.get_width_height()
        rows = np.empty((height, 1 + 4 * width), dtype=np.uint8)
        rows[:, 0] = 0  # filter type 0 (None) on every row
        rows[:, 1:] = np.asarray(canvas.buffer_rgba()).reshape(height, -1)
        header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA, no interlace
        return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows, 1))
                + _chunk(b"IEND", b""))

    _quiet = False  # True while `quietly()` moves controls

    @contextmanager
    def quietly(self):
        """Move controls without a redraw per change; the caller redraws once afterwards.

        >>> class Two(Explorer):
        ...     compute = lambda self: self.values
        ...     draw = lambda self, result, ax: ax.plot([result["a"], result["b"]])
        >>> two = Two({"a": widgets.IntSlider(1), "b": widgets.IntSlider(2)})
        >>> with two.quietly():
        ...     two.controls["a"].value, two.controls["b"].value = 5, 6
        >>> two.result
        {'a': 1, 'b': 2}
        """
        before, self._quiet = self._quiet, True
        try:
            yield
        finally:
            self._quiet = before

    def _changed(self) -> None:
        if not self._quiet:
            self.refresh()

    def refresh(self) -> None:
        """Recompute and redraw from the controls; on any failure keep the figure, marked out of date."""
        started = time.perf_counter()
        try:
            result = self.compute()
            png = self.render(result)
            summary = self.describe(result)
        except Exception as error:  # noqa: BLE001 - a traceback must never reach the class; models still raise
            self.error = _message(error)
            stale = f"<br><i>{html.escape(text('widget.stale'))}</i>" if self.image.value else ""
            self.message.value = (f'<div style="color:#b30000;font-size:1.1em">⚠ {html.escape(self.error)}'
                                  f"{stale}</div>")
            self.image.add_class("crm-stale")
        else:
            self.result, self.error = result, None
            self.image.value = png
            self.image.remove_class("crm-stale")
            self.message.value = ""
            self.summary.value = summary
        self.seconds = time.perf_counter() - started

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.values.items())})"
        bundle["image/png"] = base64.b64encode(self.image.value).decode("ascii")
        bundle["text/html"] = (
            f'{self.message.value}<img src="data:image/png;base64,{bundle["image/png"]}"/>{self.summary.value}'
            f"<p><i>{html.escape(text('widget.no_frontend'))}</i></p>"
        )
        return bundle
