"""Widgets of the lifecycle concepts."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..data.catalog import load_dataset
from ..i18n import text
from ..models.lifecycle import closeness_categories
from ..views.lifecycle import closeness_bar
from ._base import Explorer

__all__ = ["ClosenessExplorer", "closeness_explorer"]


class ClosenessExplorer(Explorer):
    """How many customers are potential, first-time, repeat, loyal or lost as the thresholds move."""

    def __init__(self, tx: pd.DataFrame, members=None, *, lapsed_after: int = 180, loyal_from: int = 4, as_of=None):
        self.tx, self.members, self.as_of = tx, members, as_of
        super().__init__(
            {
                "lapsed_after": widgets.IntSlider(lapsed_after, min=30, max=720, step=30,
                                                  description=text("closeness.slider")),
                "loyal_from": widgets.IntSlider(loyal_from, min=2, max=10, description=text("closeness.loyal_slider")),
            }
        )

    def compute(self) -> pd.Series:
        return closeness_categories(self.tx, members=self.members, as_of=self.as_of, **self.values)

    def draw(self, result, ax) -> None:
        closeness_bar(result, lapsed_after=self.values["lapsed_after"], ax=ax)


def closeness_explorer(tx: pd.DataFrame | None = None, members=None, **options) -> ClosenessExplorer:
    """The start page's widget; on the retail data (with its never-buying members) by default.

    >>> explorer = closeness_explorer(lapsed_after=90)
    >>> int(explorer.result.value_counts().sum()) == len(explorer.members)
    True
    """
    if tx is None:
        tx = load_dataset("retail")
        members = load_dataset("retail_customers")["customer_id"] if members is None else members
    return ClosenessExplorer(tx, members, **options)
