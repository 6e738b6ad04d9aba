"""Plots of the strategy models: the Burnett matrix, the growth matrix, weight sensitivity, relationship types."""

from __future__ import annotations

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib import pyplot as plt
from matplotlib.patches import Rectangle

from .._validation import require_columns
from ..i18n import text
from ..models.relationships import RELATIONSHIP_TYPES
from ..models.scoring import (
    ATTRACTIVENESS_LEVELS,
    BURNETT_GRID,
    DEFAULT_CUTS,
    RELATIONSHIP_LEVELS,
)
from ._style import prepare

__all__ = ["burnett_plot", "growth_plot", "sensitivity_plot", "relationship_plot"]

# Cell tints by strategy: green where we invest, grey where we pull back.
STRATEGY_COLORS = {
    "develop_defend": "#a1d99b",
    "develop": "#c7e9c0",
    "selective_retention": "#fdd0a2",
    "defend_maintain": "#deebf7",
    "selective_defence": "#dadaeb",
    "minimal_retention": "#f0f0f0",
    "exit": "#fcbba1",
}
TYPE_COLORS = {"hook": "#deebf7", "zipper": "#c7e9c0", "velcro": "#fdd0a2", "none": "#f0f0f0"}


def _label(prefix: str, code: str, language: str) -> str:
    """The translated label of a code, or the code itself when the kit has no string for it."""
    try:
        return text(f"{prefix}.{code}", language)
    except LookupError:
        return str(code)


def _bands(ax, cuts, language: str) -> None:
    """Score ticks 1-5 and the level names centred under (beside) their band."""
    edges = [1, *cuts, 5]
    centres = [(low + high) / 2 for low, high in zip(edges, edges[1:])]
    for axis, levels in ((ax.xaxis, RELATIONSHIP_LEVELS), (ax.yaxis, ATTRACTIVENESS_LEVELS)):
        axis.remove_overlapping_locs = False  # keep "average" although a score tick (3) sits under it
        axis.set_ticks(range(1, 6))
        axis.set_ticks(centres, labels=[_label("burnett.level", level, language) for level in levels], minor=True)
    ax.tick_params(which="minor", length=0, labelsize=13, pad=22)


def burnett_plot(matrix: pd.DataFrame, *, size=None, cuts=DEFAULT_CUTS, grid=None, highlight=None, ax=None):
    """The 3 x 3 key-account matrix with every account placed and each cell's strategy named.

    ``matrix`` is the output of :func:`crm_course.models.scoring.burnett_matrix`; x is the
    relationship status, y the customer attractiveness, both 1-5, with the bands of
    ``cuts`` (pass the cuts and grid you gave burnett_matrix). ``size`` (a Series by
    account, e.g. revenue) sets the bubble areas; ``highlight`` rings one account.

    >>> import crm_course as crm
    >>> from crm_course.models.scoring import burnett_scores
    >>> accounts = crm.load_dataset("key_accounts").set_index("account_id")
    >>> ax = burnett_plot(crm.burnett_matrix(burnett_scores(accounts)), size=accounts["revenue"])
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('Relationship status', 'Customer attractiveness')
    """
    language = prepare()
    ax = ax or plt.gca()
    require_columns(matrix, {"attractiveness": "attractiveness", "relationship": "relationship"}, "matrix")
    grid = BURNETT_GRID if grid is None else grid
    edges = [1, *cuts, 5]
    for i, a_level in enumerate(ATTRACTIVENESS_LEVELS):
        for j, r_level in enumerate(RELATIONSHIP_LEVELS):
            code = grid[a_level][r_level]
            ax.add_patch(Rectangle((edges[j], edges[i]), edges[j + 1] - edges[j], edges[i + 1] - edges[i],
                                   facecolor=STRATEGY_COLORS.get(code, "#f0f0f0"), edgecolor="white",
                                   linewidth=3, zorder=0))
            ax.text(edges[j] + 0.06, edges[i + 1] - 0.06, _label("burnett.strategy", code, language),
                    ha="left", va="top", fontsize=13, fontweight="bold", color="#404040", zorder=1,
                    bbox={"facecolor": STRATEGY_COLORS.get(code, "#f0f0f0"), "edgecolor": "none", "pad": 1},
                    in_layout=False)
    if size is None:
        areas = np.full(len(matrix), 120.0)
    else:
        values = pd.Series(size).reindex(matrix.index)
        if values.isna().any():
            missing = list(values.index[values.isna()])
            raise ValueError(f"`size` has no value for account(s) {missing[:3]}. Pass a Series with every account.")
        areas = 40 + 1800 * values.to_numpy(dtype=float) / values.max()
    ax.scatter(matrix["relationship"], matrix["attractiveness"], s=areas, color="#2171b5", alpha=0.55,
               edgecolor="white", linewidth=0.8, clip_on=False, zorder=2)
    for account, x, y in zip(matrix.index, matrix["relationship"], matrix["attractiveness"]):
        ax.annotate(str(account), (x, y), ha="center", va="center", fontsize=9, color="#08306b", zorder=3,
                    in_layout=False)  # inside the axes: no need to measure 48 labels for the layout
    if highlight is not None and highlight in matrix.index:
        row = matrix.loc[highlight]
        ax.scatter([row["relationship"]], [row["attractiveness"]], s=900, facecolor="none", edgecolor="#d94801",
                   linewidth=3, clip_on=False, zorder=4)
    ax.set(xlim=(1, 5), ylim=(1, 5))
    ax.set_aspect("equal")
    _bands(ax, cuts, language)
    ax.set_xlabel(text("burnett.relationship", language), fontsize=13)
    ax.set_ylabel(text("burnett.attractiveness", language), fontsize=13)
    ax.set_title(text("burnett.title", language), fontsize=15, loc="left")
    if size is not None:
        ax.set_title(text("burnett.bubble_note", language), fontsize=10, loc="right", color="#525252")
    return ax


def growth_plot(matrix: pd.DataFrame, *, split=None, ax=None):
    """The customer growth matrix as a 2 x 2 of revenue, each cell with its name, revenue and share.

    ``matrix`` is the output of :func:`crm_course.models.growth.growth_matrix`; rows are
    customers (existing, new), columns products (existing, new), as in Ansoff's matrix.
    ``split`` (the date the later period starts) goes into the title.

    >>> import crm_course as crm
    >>> ax = growth_plot(crm.growth_matrix(crm.load_dataset("retail"), split="2024-01-01"), split="2024-01-01")
    >>> ax.get_title()
    'Customer growth matrix: revenue from 2024-01-01'
    """
    language = prepare()
    ax = ax or plt.gca()
    require_columns(matrix, {c: c for c in ("cell", "customers", "products", "revenue", "share")}, "matrix")
    groups = ["existing", "new"]
    cells = matrix.set_index(["customers", "products"])
    revenue = pd.DataFrame([[cells.loc[(c, p), "revenue"] for p in groups] for c in groups], index=groups,
                           columns=groups, dtype=float)
    notes = [[f"{_label('growth.cell', cells.loc[(c, p), 'cell'], language)}\n"
              f"{cells.loc[(c, p), 'revenue']:,.0f}\n{cells.loc[(c, p), 'share']:.1%}" for p in groups]
             for c in groups]
    names = [text(f"growth.group.{g}", language) for g in groups]
    sns.heatmap(revenue, annot=np.array(notes), fmt="", cmap="Blues", vmin=0, cbar=False, linewidths=3,
                linecolor="white", annot_kws={"fontsize": 15}, xticklabels=names, yticklabels=names, ax=ax)
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    ax.tick_params(length=0, labelsize=13)
    ax.tick_params(axis="y", rotation=0)
    ax.set_xlabel(text("growth.products", language), fontsize=13)
    ax.set_ylabel(text("growth.customers", language), fontsize=13)
    title = text("growth.title", language) if split is None else text(
        "growth.title_split", language, split=pd.Timestamp(split).date().isoformat())
    ax.set_title(title, fontsize=15, pad=12)
    return ax


def sensitivity_plot(sensitivity: pd.DataFrame, *, account, ax=None):
    """Horizontal bars: for one account, the weight change of each indicator that changes its level.

    ``sensitivity`` is the output of :func:`crm_course.models.scoring.weight_sensitivity`
    (accounts x indicators, signed weight changes, NaN where no weight in 0-1 changes the
    level). The smallest moves, the ones to watch, come first.

    >>> import pandas as pd
    >>> from crm_course.models.scoring import weight_sensitivity
    >>> scores = pd.DataFrame({"volume": [5], "margin": [1]}, index=["K01"])
    >>> ax = sensitivity_plot(weight_sensitivity(scores, {"volume": 0.6, "margin": 0.4}), account="K01")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['volume', 'margin']
    """
    language = prepare()
    ax = ax or plt.gca()
    if account not in sensitivity.index:
        raise ValueError(
            f"The value for `account` must be one of {list(sensitivity.index)[:5]}..., but {account!r} was passed."
        )
    change = sensitivity.loc[account].astype(float)
    change = change.iloc[np.argsort(change.abs().fillna(np.inf).to_numpy(), kind="stable")]
    labels = [_label("burnett.indicator", code, language) for code in change.index]
    positions = np.arange(len(change))
    colors = ["#2171b5" if value > 0 else "#d94801" for value in change.fillna(0)]
    ax.barh(positions, change.fillna(0), color=colors, height=0.7)
    reach = np.nanmax(np.abs(change.to_numpy())) if change.notna().any() else 1.0
    for y, value in zip(positions, change):
        if np.isnan(value):
            ax.text(0, y, " " + text("sensitivity.none", language), va="center", ha="left", fontsize=10,
                    color="#737373")
        else:
            ax.text(value, y, f" {value:+.3f} ", va="center", ha="left" if value > 0 else "right", fontsize=10)
    ax.axvline(0, color="#525252", linewidth=1)
    ax.set_xlim(-1.35 * reach, 1.35 * reach)
    ax.set_yticks(positions, labels=labels, fontsize=11)
    ax.invert_yaxis()
    ax.set_xlabel(text("sensitivity.xlabel", language), fontsize=11)
    ax.set_title(text("sensitivity.title", language, account=account), fontsize=14, loc="left")
    return ax


def relationship_plot(types: pd.DataFrame, *, threshold: float = 3, ax=None):
    """The 2 x 2 of relationship strategy types with each entity placed by its two adaptation scores.

    ``types`` is the output of :func:`crm_course.models.relationships.relationship_types`;
    x is how much the customer adapts to the firm, y how much the firm adapts to the
    customer, both 1-5, split at ``threshold`` (pass the one you gave the model).

    >>> import pandas as pd
    >>> from crm_course.models.relationships import relationship_types
    >>> scores = pd.DataFrame({"firm_adaptation": [2, 5], "customer_adaptation": [5, 2]}, index=["a", "b"])
    >>> relationship_plot(relationship_types(scores)).get_xlabel()
    'Customer adapts to the firm'
    """
    language = prepare()
    ax = ax or plt.gca()
    require_columns(types, {"firm": "firm_adaptation", "customer": "customer_adaptation"}, "types")
    for (firm_high, customer_high), code in RELATIONSHIP_TYPES.items():
        x0, x1 = (threshold, 5) if customer_high else (1, threshold)
        y0, y1 = (threshold, 5) if firm_high else (1, threshold)
        ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor=TYPE_COLORS[code], edgecolor="white",
                               linewidth=3, zorder=0))
        ax.text((x0 + x1) / 2, y1 - 0.1, _label("relationship.type", code, language),
                ha="center", va="top", fontsize=14, fontweight="bold", color="#404040", zorder=1)
    ax.scatter(types["customer_adaptation"], types["firm_adaptation"], s=90, color="#2171b5", clip_on=False,
               zorder=2)
    for name, x, y in zip(types.index, types["customer_adaptation"], types["firm_adaptation"]):
        ax.annotate(str(name), (x, y), xytext=(0, -9), textcoords="offset points", ha="center", va="top",
                    fontsize=11, zorder=3)
    ax.set(xlim=(1, 5), ylim=(1, 5))
    ax.set_aspect("equal")
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.set_xlabel(text("relationship.customer_adaptation", language), fontsize=13)
    ax.set_ylabel(text("relationship.firm_adaptation", language), fontsize=13)
    ax.set_title(text("relationship.title", language), fontsize=15)
    return ax
