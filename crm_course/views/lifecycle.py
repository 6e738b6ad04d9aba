"""Plots of the lifecycle models."""

from __future__ import annotations

import pandas as pd
import seaborn as sns

from .._validation import examples, require_number
from ..i18n import text
from ..models.lifecycle import CLOSENESS
from ._checks import parameter
from ._style import plot_style

__all__ = ["closeness_bar"]

CLOSENESS_COLORS = dict(zip(CLOSENESS, ["#c7c7c7", "#9ecae1", "#4292c6", "#08519c", "#e6550d"]))


def closeness_bar(categories: pd.Series, *, lapsed_after: int | None = None, ax=None):
    """Horizontal bars: how many customers fall in each closeness category.

    ``categories`` is the output of :func:`crm_course.models.lifecycle.closeness_categories`;
    ``lapsed_after`` (days; else ``categories.attrs["lapsed_after"]`` when set) goes into the title.

    >>> import crm_course as crm
    >>> cats = crm.closeness_categories(crm.load_dataset("cdnow"), lapsed_after=180)
    >>> closeness_bar(cats).get_xlabel()
    'Number of customers'
    """
    if not isinstance(categories, pd.Series):
        raise TypeError(
            f"`categories` must be the Series returned by crm.closeness_categories(...), but a "
            f"{type(categories).__name__} was passed."
        )
    unknown = categories[~categories.isin(CLOSENESS)]
    if len(unknown):
        raise ValueError(
            f"`categories` has {len(unknown)} value(s) that are not closeness categories {list(CLOSENESS)}: "
            f"{examples(unknown.tolist())} at {examples(unknown.index)}. Pass the output of closeness_categories(...)."
        )
    lapsed_after = parameter(categories, "lapsed_after", lapsed_after, None)
    if lapsed_after is not None:
        lapsed_after = int(require_number(lapsed_after, "lapsed_after", low=0, integer=True))
    counts = categories.value_counts().reindex(CLOSENESS, fill_value=0)
    with plot_style(ax) as (ax, language):
        labels = [text(f"closeness.{code}", language) for code in CLOSENESS]
        sns.barplot(x=counts.to_numpy(), y=labels, hue=labels, palette=[CLOSENESS_COLORS[c] for c in CLOSENESS],
                    legend=False, ax=ax)
        for container in ax.containers:
            ax.bar_label(container, padding=3, fontsize=11)
        ax.set_xlabel(text("closeness.xlabel", language))
        ax.set_ylabel(text("closeness.ylabel", language))
        if lapsed_after is not None:
            ax.set_title(text("closeness.title", language, days=lapsed_after))
        ax.margins(x=0.12)
    return ax
