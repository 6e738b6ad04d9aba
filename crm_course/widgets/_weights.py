"""A weights panel: one slider per criterion, the weight actually used beside it, the sum under it.

The piece the scoring editors share (vendor selection, the Burnett editor: one panel per
dimension). Sliders are raw importances: whatever they add up to, each is divided by their
sum, and the panel shows the weight in use and whether the sum is 1 (or the ``total`` they
are meant to make, e.g. 100 importance points), rescaled or 0.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property

import ipywidgets as widgets

from ..i18n import text
from ._base import fit

__all__ = ["WeightsPanel"]


class WeightsPanel:
    """Sliders for ``weights`` (criterion -> starting weight), labelled by ``label(criterion)``.

    ``.controls`` are the sliders by criterion (an explorer observes them), ``.widget`` the
    grid of name | slider | weight used, ``.status`` the sum's message; call :meth:`show`
    after a change to update both. ``status_keys`` name the i18n texts for a sum of 1, a
    rescaled sum and a zero sum (each may use ``{total}`` and the fields of ``status_fields``,
    e.g. ``{"dimension": ...}``). A long list of criteria can be laid out in several grids
    instead, one per group (:meth:`grids`, e.g. the pages of an accordion). ``total`` is the sum
    the sliders are meant to make (1 for weights; e.g. 100 for importance points); a whole
    ``step`` (an int, e.g. 1) gives whole-number sliders and sums.

    >>> panel = WeightsPanel({"fit": 0.6, "cost": 0.6}, label=str.upper)
    >>> panel.show(); panel.used["fit"].value, panel.normalised()["cost"]
    ('→ 0.500', 0.5)
    >>> [len(grid.children) // 3 for grid in panel.grids([["fit"], ["cost"]])]
    [1, 1]
    >>> points = WeightsPanel({"fit": 60, "cost": 40}, maximum=100, step=1, total=100)
    >>> points.show(); points.raw, points.used["cost"].value
    ({'fit': 60, 'cost': 40}, '→ 0.400')
    """

    LABEL_PX = 250  # the criteria names' column at most (at least 140 px); longer names wrap

    def __init__(self, weights: Mapping[str, float], *, label: Callable[[str], str] = str, maximum: float = 0.5,
                 step: float = 0.01, total: float = 1,
                 status_keys=("itw.weights.sum_ok", "itw.weights.sum_rescaled", "itw.weights.sum_zero"),
                 status_fields=None):
        self.defaults = dict(weights)
        self.total = total
        self.status_keys, self.status_fields = status_keys, dict(status_fields or {})
        whole = isinstance(step, int)
        self._format = "d" if whole else ".2f"
        slider, cast = (widgets.IntSlider, round) if whole else (widgets.FloatSlider, float)
        self.controls = {
            name: slider(cast(value), min=0, max=cast(max(maximum, value)), step=step, readout_format=self._format,
                         continuous_update=False, tooltip=label(name))
            for name, value in self.defaults.items()
        }
        self.labels = {name: widgets.HTML(html.escape(label(name))) for name in self.defaults}
        self.used = {name: widgets.Label(layout={"width": "64px"}) for name in self.defaults}
        self.status = widgets.HTML()
        for control in self.controls.values():
            fit(control, track_px=130)

    @cached_property
    def widget(self) -> widgets.GridBox:
        """All criteria in one grid (made on first use; use either it or :meth:`grids`)."""
        return self.grids([list(self.defaults)])[0]

    def grids(self, groups: Iterable[Iterable[str]]) -> list[widgets.GridBox]:
        """One grid of name | slider | weight used per group of criteria, in the groups' order.

        Every criterion goes in exactly one group: a criterion left out or named twice is refused.
        """
        groups = [list(group) for group in groups]
        named = [name for group in groups for name in group]
        unknown = [name for name in named if name not in self.defaults]
        missing = [name for name in self.defaults if name not in named]
        twice = sorted({name for name in named if named.count(name) > 1})
        if unknown or missing or twice:
            raise ValueError(
                f"`groups` must name every criterion once (the criteria are {list(self.defaults)}); "
                f"unknown: {unknown}, left out: {missing}, named twice: {twice}."
            )
        return [widgets.GridBox([part for name in group for part in (self.labels[name], self.controls[name],
                                                                     self.used[name])],
                                layout={"grid_template_columns": f"minmax(140px, {self.LABEL_PX}px) auto auto",
                                        "grid_gap": "2px 8px", "align_items": "center",
                                        "justify_content": "flex-start"})
                for group in groups]

    @property
    def raw(self) -> dict[str, float]:
        """The sliders' values, before normalising."""
        return {name: control.value for name, control in self.controls.items()}

    def normalised(self) -> dict[str, float]:
        """The weights in use: the sliders divided by their sum (all 0 when the sum is 0)."""
        total = sum(self.raw.values())
        return {name: (value / total if total > 0 else 0.0) for name, value in self.raw.items()}

    def set(self, weights: Mapping[str, float]) -> None:
        """Move the sliders to ``weights`` (criteria not named go to 0)."""
        for name, control in self.controls.items():
            value = weights.get(name, 0)
            control.value = round(value) if self._format == "d" else float(value)

    def show(self) -> None:
        """Write the weight in use beside each slider and the sum's message under the grid."""
        total = sum(self.raw.values())
        for name, weight in self.normalised().items():
            self.used[name].value = f"→ {weight:.3f}" if total > 0 else "→ –"
        ok, rescaled, zero = self.status_keys
        if total == 0:
            key, color = zero, "#b30000"
        elif abs(total - self.total) < 1e-6:
            key, color = ok, "#2b8a3e"
        else:
            key, color = rescaled, "#8a6d3b"
        message = text(key, **self.status_fields, total=f"{total:{self._format}}")
        self.status.value = f'<div style="color:{color}">{html.escape(message)}</div>'
