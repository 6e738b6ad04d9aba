"""The widget base: no failure reaches the class as a traceback; controls keep their widths."""

import ipywidgets as widgets
import pandas as pd
import pytest

import crm_course as crm
from crm_course.widgets import _base
from crm_course.widgets._base import Explorer, fit, text_px


class Flaky(Explorer):
    """One slider; its model raises whatever the test puts in ``failures`` for a slider value."""

    figsize = (4.0, 3.0)

    def __init__(self, failures=None, *, draw_failures=None):
        self.failures, self.draw_failures = failures or {}, draw_failures or {}
        self.drawn = []
        super().__init__({"n": widgets.IntSlider(1, min=0, max=9, description="Customers")})

    def compute(self):
        n = self.values["n"]
        if n in self.failures:
            raise self.failures[n]
        return pd.Series(range(n + 1), dtype=float)

    def draw(self, result, ax):
        if len(result) - 1 in self.draw_failures:
            raise self.draw_failures[len(result) - 1]
        self.drawn.append(len(result))
        ax.plot(result.to_numpy())

    def describe(self, result):
        return f"<p>{len(result)} points</p>"


FAILURES = {
    2: ValueError("`n` must not be 2: pick another value."),
    3: KeyError("segment"),
    4: Exception(),
    5: ZeroDivisionError("division by zero"),
}


def _good(explorer, n):
    assert explorer.error is None and explorer.message.value == ""
    assert "crm-stale" not in explorer.image._dom_classes
    assert explorer.image.value[:4] == b"\x89PNG" and len(explorer.result) == n + 1
    assert explorer.summary.value == f"<p>{n + 1} points</p>"


def _failed(explorer, n_before, png_before, message):
    assert explorer.error == message
    shown = explorer.message.value
    assert "⚠" in shown and message.replace("`", "`") in shown.replace("&#x27;", "'")
    assert "The figure below is out of date" in shown
    assert "crm-stale" in explorer.image._dom_classes  # greyed out by the base's style sheet
    assert explorer.image.value == png_before and len(explorer.result) == n_before + 1
    assert explorer.summary.value == f"<p>{n_before + 1} points</p>"  # the kept figure's summary


@pytest.mark.parametrize("n, message", [
    (2, "`n` must not be 2: pick another value."),
    (3, "This setting could not be shown (KeyError: 'segment'). Move the control back, or restart the kernel "
        "if it keeps happening."),
    (4, "This setting could not be shown (Exception: -). Move the control back, or restart the kernel if it "
        "keeps happening."),
    (5, "This setting could not be shown (ZeroDivisionError: division by zero). Move the control back, or "
        "restart the kernel if it keeps happening."),
])
def test_a_failing_model_shows_its_message_above_the_kept_figure(n, message):
    explorer = Flaky(FAILURES)
    _good(explorer, 1)
    png = explorer.image.value
    explorer.controls["n"].value = n  # raises inside the observer: must not propagate
    _failed(explorer, 1, png, message)
    children = explorer.widget.children
    assert children.index(explorer.message) < children.index(explorer.image) < children.index(explorer.summary)
    explorer.controls["n"].value = 6  # a good update clears the message and the greying
    _good(explorer, 6)
    assert explorer.image.value != png


@pytest.mark.parametrize("error", [ValueError("bad bins"), KeyError("R"), Exception("boom")])
def test_a_failing_view_is_caught_too(error):
    explorer = Flaky(draw_failures={7: error})
    png = explorer.image.value
    explorer.controls["n"].value = 7
    assert explorer.error is not None and "crm-stale" in explorer.image._dom_classes
    assert explorer.image.value == png and len(explorer.result) == 2  # the result stays the drawn one
    explorer.controls["n"].value = 8
    _good(explorer, 8)


def test_the_message_is_in_the_chosen_language():
    crm.set_language("zh")
    explorer = Flaky(FAILURES)
    explorer.controls["n"].value = 3
    assert explorer.error.startswith("无法显示此设置（KeyError：'segment'）")
    assert "下图已过期" in explorer.message.value


def test_a_widget_that_fails_at_once_still_shows_a_message():
    explorer = Flaky({1: ValueError("no data")})
    assert explorer.result is None and explorer.image.value == b"" and explorer.error == "no data"
    assert "out of date" not in explorer.message.value  # there is no figure yet
    explorer.controls["n"].value = 2
    _good(explorer, 2)


def test_the_models_keep_raising():
    with pytest.raises(ValueError, match="bins"):
        crm.rfm_scores(crm.rfm_table(crm.load_dataset("retail")), bins=1)


def test_one_figure_for_the_widgets_life_at_the_image_width():
    explorer = Flaky()
    figure = explorer.figure
    for n in (3, 4, 5):
        explorer.controls["n"].value = n
    assert explorer.figure is figure and len(figure.axes) == 1 and explorer.drawn == [2, 4, 5, 6]
    assert figure.canvas.get_width_height() == (800, 600)
    from PIL import Image
    import io

    assert Image.open(io.BytesIO(explorer.image.value)).size == (800, 600)


def test_static_fallback_shows_the_message_and_the_figure():
    explorer = Flaky(FAILURES)
    explorer.controls["n"].value = 2
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == "Flaky(n=2)" and bundle["image/png"]
    assert "must not be 2" in bundle["text/html"] and "<img src=\"data:image/png;base64," in bundle["text/html"]


# --- widths: never narrower than label + readout + track ------------------------------------------------


def test_text_px_is_generous_and_counts_wide_characters_as_an_em():
    assert 60 < text_px("Score bins") < 100
    assert text_px("得分档数") == 4 * (_base.FONT_PX + 1) + _base.GAP_PX


def test_fit_gives_label_readout_and_track_and_never_shrinks():
    slider = fit(widgets.FloatSlider(100, min=0, max=1000, readout_format=",.0f", description="Margin per period"))
    label = text_px("Margin per period")
    assert slider.style.description_width == f"{label}px"
    assert slider.layout.width == slider.layout.min_width == f"{label + 8 + 170 + 72 + 12}px"
    assert slider.layout.flex == "0 0 auto"
    months = fit(widgets.SelectionSlider(options=["2024-01-01", "2024-02-01"], description="Split"), track_px=300)
    assert int(months.layout.width[:-2]) >= text_px("Split") + 300 + text_px("2024-01-01")
    menu = fit(widgets.Dropdown(options=["retail (lifestyle retail chain)", "cdnow"], description="Dataset"))
    assert int(menu.layout.width[:-2]) >= text_px("Dataset") + text_px("retail (lifestyle retail chain)") + 20
    assert fit(widgets.FloatSlider(description="")).style.description_width == ""


@pytest.mark.parametrize("make", ["closeness_explorer", "growth_explorer", "burnett_editor", "rfm_explorer",
                                  "abc_explorer", "clv_calculator"])
def test_every_control_has_explicit_widths_and_the_box_a_class(make):
    from crm_course import widgets as course_widgets

    explorer = getattr(course_widgets, make)()
    assert "crm-explorer" in explorer.widget._dom_classes
    for name, control in explorer.controls.items():
        assert control.layout.width and control.layout.width.endswith("px"), name
        assert control.layout.flex == "0 0 auto", name


class Labelled(Explorer):
    """A tick label as long as the slider says: a longer one needs a new layout."""

    figsize = (4.0, 3.0)

    def __init__(self):
        super().__init__({"n": widgets.IntSlider(5, min=1, max=60)})

    def compute(self):
        return self.values["n"]

    def draw(self, result, ax):
        ax.plot([0, 1], [0, 1])
        ax.set_yticks([0, 1], ["0", "y" * result], fontsize=14)


def test_the_layout_is_reused_while_everything_fits_and_redone_when_not():
    explorer = Labelled()
    first = explorer._frame
    explorer.controls["n"].value = 3  # a shorter label fits in the margin: the same layout
    assert explorer._frame is first and explorer._fits()
    explorer.controls["n"].value = 12  # a label longer than the margin: laid out again
    assert explorer._frame is not first and explorer._fits()
    fresh = Labelled()
    fresh.controls["n"].value = 12
    assert fresh._frame[0].bounds == pytest.approx(explorer._frame[0].bounds)
    assert fresh.image.value == explorer.image.value  # the same figure as a fresh layout


def test_the_edge_check_agrees_with_the_texts_measured_extent():
    """Ink on the image's edge where, and only where, the measured extent leaves the image."""
    explorer = Labelled()
    figure = explorer.figure
    verdicts = set()
    for n in range(1, 40):
        figure.clear()
        ax = figure.add_subplot()
        ax.set_position(explorer._frame[0])
        explorer.draw(n, ax)
        figure.canvas.draw()
        left = figure.get_tightbbox(figure.canvas.get_renderer()).x0 * figure.dpi  # pixels from the left edge
        if left > _base.EDGE_PX + 1 or left < -1:  # clearly inside or clearly cut (ink rounding aside)
            assert explorer._fits() == (left > 0), (n, left)
            verdicts.add(bool(left > 0))
    assert verdicts == {True, False}


def test_the_png_is_the_canvas_pixel_for_pixel():
    import io

    import numpy as np
    from PIL import Image

    explorer = Labelled()
    image = Image.open(io.BytesIO(explorer.image.value))
    assert image.mode == "RGBA" and image.size == explorer.figure.canvas.get_width_height()
    assert np.array_equal(np.asarray(image), np.asarray(explorer.figure.canvas.buffer_rgba()))


def test_a_widget_whose_values_grow_is_never_cut():
    from crm_course.widgets import clv_calculator

    calculator = clv_calculator(margin=10, retention=0.2)
    for name, value in [("margin", 1000.0), ("retention", 0.95), ("discount", 0.0), ("acquisition_cost", 2000.0)]:
        calculator.controls[name].value = value
        assert calculator.error is None and calculator._fits(), name
