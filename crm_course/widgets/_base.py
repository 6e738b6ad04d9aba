"""The one mechanism every explorer shares: controls -> compute -> draw -> PNG image."""

from __future__ import annotations

import base64
import html
import io
import time

import ipywidgets as widgets
from matplotlib.figure import Figure

from ..i18n import text

__all__ = ["Explorer"]


class Explorer:
    """Base of the course's widgets. Subclasses set ``controls`` and define ``compute``/``draw``.

    - ``compute()`` calls one model function with the controls' values and returns its result;
    - ``draw(result, ax)`` calls one view function;
    - ``describe(result)`` (optional) returns a short HTML summary shown under the figure.

    A failing update never raises in front of a class: the message is shown in the widget and
    the last good figure stays. The figure is also offered as a static PNG, so the notebook
    shows it where no widget front end runs (nbconvert, GitHub).
    """

    figsize = (7.5, 4.0)

    def __init__(self, controls: dict[str, widgets.Widget]):
        self.controls = controls
        self.result = None
        self.error: str | None = None
        self.seconds = 0.0
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.summary = widgets.HTML()
        self.widget = widgets.VBox([widgets.HBox(list(controls.values())), self.image, self.summary])
        for control in controls.values():
            control.observe(lambda _change: self.refresh(), names="value")
        self.refresh()

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

    def refresh(self) -> None:
        started = time.perf_counter()
        try:
            result = self.compute()
            figure = Figure(figsize=self.figsize, layout="constrained")
            self.draw(result, figure.subplots())
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=110)
        except (ValueError, TypeError) as error:
            self.error = str(error)
            self.summary.value = f'<p style="color:#b30000">⚠ {html.escape(self.error)}</p>'
        else:
            self.result, self.error = result, None
            self.image.value = buffer.getvalue()
            self.summary.value = self.describe(result)
        self.seconds = time.perf_counter() - started

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.values.items())})"
        bundle["image/png"] = base64.b64encode(self.image.value).decode("ascii")
        bundle["text/html"] = (
            f'<img src="data:image/png;base64,{bundle["image/png"]}"/>{self.summary.value}'
            f"<p><i>{html.escape(text('widget.no_frontend'))}</i></p>"
        )
        return bundle
